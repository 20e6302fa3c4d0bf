"""Turn pydantic's validation errors into problems a person can act on."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.models.common import LOGIN_PATTERN, QUESTION_ID_PATTERN, SLUG_PATTERN
from generator.portal.loader import Document, Location
from generator.portal.problems import Problem

EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list (lines starting with `- `)",
    "dict_type": "a mapping (lines of `key: value`)",
    "model_type": "a mapping (lines of `key: value`)",
    "model_attributes_type": "a mapping (lines of `key: value`)",
    "date_type": "a date such as 2026-03-01",
    "datetime_type": "a date-time such as 2026-03-01T09:30:00Z",
}

PATTERN_HINTS = {
    SLUG_PATTERN: "use lowercase letters, digits and single hyphens, such as winter-menu",
    LOGIN_PATTERN: "write a GitHub user name, such as octocat",
    QUESTION_ID_PATTERN: "use letters, digits, - and _ only, such as how-often",
}


def format_location(location: Location) -> str:
    """`('votes', 2, 'idea')` → `votes[2].idea`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation may hold, without Annotated, Optional or containers."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, dict):
        found: list[Any] = []
        for arg in get_args(annotation):
            found += _unwrap(arg)
        return found
    return [annotation]


def model_at(root: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model that holds the value at `location`, walking field annotations."""
    current: type[BaseModel] | None = root
    for part in location:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return None
        models = [t for t in _unwrap(info.annotation) if isinstance(t, type)
                  and issubclass(t, BaseModel)]
        current = models[0] if models else None
    return current


def describe(error: ErrorDetails, root: type[BaseModel]) -> tuple[Location, str, str]:
    """What is wrong and how to fix it, for one pydantic error."""
    location: Location = tuple(error["loc"])
    kind = error["type"]
    context = error.get("ctx") or {}
    value = error.get("input")
    name = str(location[-1]) if location else "the file"
    if kind == "missing":
        return location, f"{format_location(location)} is missing", f"add `{name}:` with a value"
    if kind == "extra_forbidden":
        holder = model_at(root, location[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = (f"did you mean `{close[0]}`?" if close
                else f"remove it; the keys allowed here are {', '.join(allowed)}")
        return location, f"unknown key `{name}`", hint
    if "field" in context:  # our own checks that concern one field of a model
        location = (*location, str(context["field"]))
        message, _, hint = error["msg"].partition(" — ")
        return location, message, hint
    where = format_location(location) or "the file"
    if location and location[-1] == "[key]":  # a mapping's key, not its value
        location = location[:-1]
        where = f"{format_location(location[:-1])}: the key"
    if kind in EXPECTED:
        shown = "nothing" if value is None else repr(value) if not isinstance(
            value, dict | list) else type(value).__name__
        return location, f"{where} should be {EXPECTED[kind]}, not {shown}", \
            f"change it to {EXPECTED[kind]}"
    if kind in ("enum", "literal_error"):
        return location, f"{where} is {value!r}", f"use one of {context.get('expected', '')}"
    if kind == "string_too_short" and context.get("min_length") == 1:
        return location, f"{where} is empty", "write some text"
    if kind == "string_too_long":
        return location, f"{where} is longer than {context.get('max_length')} characters", \
            "shorten it"
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(str(context.get("pattern")), "fix its spelling")
        return location, f"{where} {value!r} is not allowed here", hint
    if kind == "value_error":
        message = str(context.get("error", error["msg"]))
        what, _, hint = message.partition(" — ")
        return location, f"{where} {what}", hint
    message, _, hint = error["msg"].partition(" — ")
    return location, f"{where}: {message[0].lower()}{message[1:]}", hint


def explain(error: ValidationError, document: Document, root: type[BaseModel]) -> list[Problem]:
    """One problem per validation error, each on the line its value starts."""
    problems = []
    for detail in error.errors(include_url=False):
        location, message, hint = describe(detail, root)
        problems.append(Problem(document.path, document.line_of(location), message, hint))
    return problems


def plain_sentences(error: ValidationError, root: type[BaseModel],
                    names: dict[tuple[str | int, ...], str] | None = None) -> str:
    """A validation error as sentences, each field named as the person typed it: by the
    command-line option in `names` (a location, -1 for any list index) or by its path."""
    sentences = []
    for detail in error.errors(include_url=False):
        location, message, hint = describe(detail, root)
        for pattern, name in (names or {}).items():
            if len(pattern) == len(location) and all(
                    want in (got, -1) if isinstance(want, int) else want == got
                    for want, got in zip(pattern, location, strict=True)):
                where = format_location(location)
                message = name + message[len(where):] if message.startswith(where) else \
                    f"{name}: {message}"
        sentences.append(f"{message} — {hint}" if hint else message)
    return "; ".join(sentences)
