"""GitHub's rules for issue forms, as one function of a form's data.

GitHub does not offer a form whose template breaks its syntax: it drops it
from the "New issue" page, and with blank issues switched off nobody could then
submit an idea. These are the rules GitHub documents on docs.github.com, in
"Syntax for issue forms", "Syntax for GitHub's form schema" and "Common
validation errors when creating issue forms":

- a form has `name`, `description` and `body`, each a non-blank string (the
  body a list), and no other top-level keys than GitHub's own;
- the body is not empty, and not only `markdown`;
- each element has a `type` GitHub knows, an `attributes` mapping, and only
  the keys `type`, `id`, `attributes` and `validations`; a `markdown` element
  has a `value` and no `id`; the others have a non-blank `label`;
- ids are made of letters, digits, `-` and `_`, and unique;
- labels are unique among the elements that take input and the checkboxes'
  own labels (GitHub lets an `id` tell two equal labels apart; the portal's
  intake reads answers by label, case aside, so it never does);
- an `input` or `textarea` label does not contain "password";
- a dropdown's options are a non-empty list of distinct, non-blank strings
  (distinct case aside, for the intake), none of them `None`, which GitHub
  reserves; with a `default` (an index into the options), none is `None` or
  `n/a` either;
- checkboxes have a non-empty list of options, each with a distinct label.

GitHub states no limit on the number of fields or options that we could find
(the form schema's dropdown documents only that its options cannot be empty
and must be distinct), so none is enforced here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.portal.loader import Location

ID = re.compile(r"^[A-Za-z0-9_-]+$")
TYPES = ("markdown", "input", "textarea", "dropdown", "checkboxes")
TOP_LEVEL = ("name", "description", "body", "title", "labels", "assignees", "projects", "type")
ELEMENT_KEYS = ("type", "id", "attributes", "validations")
RESERVED = "none"  # GitHub offers "None" itself on a dropdown that is not required
NOT_WITH_DEFAULT = ("none", "n/a")
FORBIDDEN_WORDS = ("password",)  # kept out of text fields' labels, so no one posts a secret


@dataclass(frozen=True)
class Breach:
    """One rule a form breaks: where in the form, what, and how to mend it."""

    at: Location
    message: str
    hint: str
    others: tuple[Location, ...] = ()  # where the same thing was met before, for a repeat


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def check_issue_form(form: Any) -> list[Breach]:
    """Every rule of GitHub's that `form` (an issue form's data) breaks."""
    if not isinstance(form, Mapping):
        return [Breach((), "an issue form is a mapping of keys and values",
                       "start it with name:, description: and body:")]
    breaches = []
    for key in form:
        if key not in TOP_LEVEL:
            breaches.append(Breach((key,), f"`{key}` is not a key GitHub allows in an issue form",
                                   f"remove it; the keys allowed are {', '.join(TOP_LEVEL)}"))
    for key in ("name", "description"):
        if key not in form:
            breaches.append(Breach((), f"the form has no `{key}`",
                                   f"add `{key}:`; GitHub requires it"))
        elif _blank(form[key]):
            breaches.append(Breach((key,), f"the form's `{key}` is empty",
                                   "GitHub requires text there"))
    if "title" in form and _blank(form["title"]):
        breaches.append(Breach(("title",), "the form's `title` is empty",
                               "give it some text, or remove it"))
    body = form.get("body")
    if not isinstance(body, list) or not body:
        breaches.append(Breach(("body",) if "body" in form else (),
                               "the form's body is missing or empty",
                               "GitHub requires a body listing at least one question"))
        return breaches
    if all(isinstance(item, Mapping) and item.get("type") == "markdown" for item in body):
        breaches.append(Breach(("body",), "the form's body holds only markdown",
                               "GitHub requires at least one question that takes an answer"))
    for index, item in enumerate(body):
        breaches += _check_element(("body", index), item)
    breaches += _check_ids(body)
    breaches += _check_labels(body)
    return breaches


def _check_element(at: Location, item: Any) -> list[Breach]:
    if not isinstance(item, Mapping):
        return [Breach(at, "a body element is not a mapping", "give it type: and attributes:")]
    kind = item.get("type")
    if kind not in TYPES:
        return [Breach((*at, "type"), f"{kind!r} is not a type of form element GitHub knows",
                       f"use one of {', '.join(TYPES)}")]
    breaches = [Breach((*at, key), f"`{key}` is not a key GitHub allows in a form element",
                       f"use only {', '.join(ELEMENT_KEYS)}")
                for key in item if key not in ELEMENT_KEYS]
    attributes = item.get("attributes")
    if not isinstance(attributes, Mapping):
        return [*breaches, Breach(at, f"the {kind} has no attributes",
                                  "GitHub requires an attributes: mapping")]
    validations = item.get("validations")
    if validations is not None and (not isinstance(validations, Mapping) or any(
            key != "required" or not isinstance(value, bool)
            for key, value in validations.items())):
        breaches.append(Breach((*at, "validations"), "validations hold something else than "
                               "`required: true` or `false`", "keep only required:"))
    if kind == "markdown":
        if _blank(attributes.get("value")):
            breaches.append(Breach((*at, "attributes", "value"), "a markdown element is empty",
                                   "GitHub requires its value: text"))
        if "id" in item:
            breaches.append(Breach((*at, "id"), "a markdown element has an id",
                                   "GitHub gives ids only to elements that take input"))
        return breaches
    label = attributes.get("label")
    # Checkboxes may go without a label; anything else needs one, and none may be blank.
    if ("label" in attributes and _blank(label)) or (
            "label" not in attributes and kind != "checkboxes"):
        breaches.append(Breach((*at, "attributes", "label"), f"the {kind} has no label",
                               "GitHub requires a label: the question the form asks"))
    if kind in ("input", "textarea") and isinstance(label, str):
        for word in FORBIDDEN_WORDS:
            if word in label.casefold():
                breaches.append(Breach(
                    (*at, "attributes", "label"), f"the label “{label}” contains “{word}”",
                    f"GitHub refuses “{word}” in a text field's label, so that no one posts a "
                    "secret in public; ask in other words"))
    if kind == "dropdown":
        breaches += _check_dropdown(at, attributes)
    if kind == "checkboxes":
        breaches += _check_checkboxes(at, attributes)
    return breaches


def _check_dropdown(at: Location, attributes: Mapping[str, Any]) -> list[Breach]:
    options = attributes.get("options")
    where = (*at, "attributes", "options")
    if not isinstance(options, list) or not options:
        return [Breach(where, "a dropdown has no options",
                       "GitHub requires a list of at least one option")]
    breaches = []
    seen: dict[str, int] = {}
    has_default = "default" in attributes
    for index, option in enumerate(options):
        if _blank(option):
            breaches.append(Breach((*where, index), "a dropdown option is empty",
                                   "GitHub requires each option to be text"))
            continue
        folded = option.strip().casefold()
        if folded in seen:
            breaches.append(Breach((*where, index),
                                   f"the dropdown offers “{option}” more than once",
                                   "GitHub requires each option to be different (and the intake "
                                   "tells them apart case aside)",
                                   ((*where, seen[folded]),)))
        seen.setdefault(folded, index)
        if folded == RESERVED:
            breaches.append(Breach((*where, index), f"a dropdown option is “{option}”",
                                   "GitHub reserves None (it adds it itself to a dropdown that "
                                   "is not required); word it differently"))
        elif has_default and folded in NOT_WITH_DEFAULT:
            breaches.append(Breach((*where, index), f"a dropdown option is “{option}”",
                                   "GitHub refuses None and n/a as options of a dropdown with "
                                   "a default; word it differently"))
    if has_default:
        default = attributes["default"]
        if isinstance(default, bool) or not isinstance(default, int) or not (
                0 <= default < len(options)):
            breaches.append(Breach((*at, "attributes", "default"),
                                   f"the dropdown's default {default!r} is not one of its "
                                   "options' positions",
                                   f"give a whole number from 0 to {len(options) - 1}"))
    if "multiple" in attributes and not isinstance(attributes["multiple"], bool):
        breaches.append(Breach((*at, "attributes", "multiple"),
                               "a dropdown's `multiple` is not true or false",
                               "write multiple: true or multiple: false"))
    return breaches


def _check_checkboxes(at: Location, attributes: Mapping[str, Any]) -> list[Breach]:
    options = attributes.get("options")
    where = (*at, "attributes", "options")
    if not isinstance(options, list) or not options:
        return [Breach(where, "a set of checkboxes has no options",
                       "GitHub requires a list of at least one box")]
    return [Breach((*where, index), "a checkbox has no label",
                   "GitHub requires each box to have a label")
            for index, option in enumerate(options)
            if not isinstance(option, Mapping) or _blank(option.get("label"))]


def _check_ids(body: list[Any]) -> list[Breach]:
    breaches = []
    seen: dict[str, Location] = {}
    for index, item in enumerate(body):
        if not isinstance(item, Mapping) or "id" not in item:
            continue
        value = item["id"]
        at = ("body", index, "id")
        if not isinstance(value, str) or not ID.match(value):
            breaches.append(Breach(at, f"the id {value!r} has characters GitHub refuses",
                                   "use letters, digits, - and _ only"))
        elif value in seen:
            breaches.append(Breach(at, f"the id {value} is used twice",
                                   "GitHub requires every id in a form to be different",
                                   (seen[value],)))
        seen.setdefault(str(value), at)
    return breaches


def _check_labels(body: list[Any]) -> list[Breach]:
    """Labels of the elements that take input, and of every checkbox, each once."""
    labels: list[tuple[Location, str]] = []
    for index, item in enumerate(body):
        if not isinstance(item, Mapping) or item.get("type") == "markdown":
            continue
        attributes = item.get("attributes")
        if not isinstance(attributes, Mapping):
            continue
        if isinstance(attributes.get("label"), str):
            labels.append((("body", index, "attributes", "label"), attributes["label"]))
        if item.get("type") == "checkboxes" and isinstance(attributes.get("options"), list):
            labels += [(("body", index, "attributes", "options", number, "label"), box["label"])
                       for number, box in enumerate(attributes["options"])
                       if isinstance(box, Mapping) and isinstance(box.get("label"), str)]
    breaches = []
    seen: dict[str, Location] = {}
    for at, label in labels:
        folded = " ".join(label.split()).casefold()
        if folded in seen:
            breaches.append(Breach(at, f"two questions of the form are labelled “{label}”",
                                   "give each question a label of its own: the issue shows "
                                   "every answer under its label", (seen[folded],)))
        seen.setdefault(folded, at)
    return breaches
