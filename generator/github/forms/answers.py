"""Read an issue body the way GitHub writes it from an issue form.

GitHub turns each answer into `### <label>`, a blank line and the answer;
an empty optional answer becomes `_No response_`, ticked boxes `- [X] label`,
and a multi-select dropdown its choices joined with `, `. The form template
itself says which labels to expect, so a `###` line that is not one of its
labels, or that sits inside a fenced code block, stays part of the answer.
Bodies typed by hand (through the API, or by editing the issue) are read the
same way: headings may differ in case, lines may end in CRLF.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.contest.words import quote
from generator.i18n import Language, language
from generator.portal.loader import read_yaml

NO_RESPONSE = "_No response_"
# Every pattern reads hostile text, so none may backtrack: each run of characters has one
# way to match, and the trailing spaces and `#`s of a heading or a checkbox's label are
# stripped in code, not matched (a lazy label before an optional run is quadratic).
HEADING = re.compile(r"###[ \t]+(?P<label>.*)")
FENCE = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,})")
CHECKBOX = re.compile(r"\s*[-*][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<label>.*)")

Value = str | list[str] | None


@dataclass(frozen=True)
class FormField:
    """One question of the form, as its template defines it."""

    id: str
    kind: str  # input, textarea, dropdown or checkboxes
    label: str
    required: bool = False
    multiple: bool = False
    options: tuple[str, ...] = ()
    required_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormSpec:
    """The questions of an issue form, in order, read from its template."""

    name: str
    fields: tuple[FormField, ...]

    @classmethod
    def from_template(cls, template: dict[str, Any]) -> FormSpec:
        fields = []
        for index, item in enumerate(template.get("body") or []):
            kind = item.get("type")
            if kind == "markdown":
                continue
            attributes = item.get("attributes") or {}
            options = attributes.get("options") or []
            labels = tuple(o["label"] if isinstance(o, dict) else str(o) for o in options)
            required = tuple(o["label"] for o in options
                             if isinstance(o, dict) and _is_true(o.get("required")))
            fields.append(FormField(
                id=str(item.get("id") or f"field-{index}"),
                kind=str(kind),
                label=str(attributes.get("label", "")).strip(),
                required=_is_true((item.get("validations") or {}).get("required")),
                multiple=_is_true(attributes.get("multiple")),
                options=labels,
                required_options=required,
            ))
        return cls(str(template.get("name", "")), tuple(fields))

    @classmethod
    def read(cls, file: Path, shown_as: str) -> FormSpec:
        return cls.from_template(read_yaml(file, shown_as).data)

    def field(self, field_id: str) -> FormField | None:
        return next((f for f in self.fields if f.id == field_id), None)


def _is_true(value: object) -> bool:
    # Our loader keeps scalars as text; templates read by other means carry booleans.
    return value is True or (isinstance(value, str) and value.lower() == "true")


@dataclass
class FormAnswers:
    """What a body says for each field id; a field with no heading is absent."""

    values: dict[str, Value] = field(default_factory=dict)

    @property
    def from_form(self) -> bool:
        """True when at least one of the form's headings was found."""
        return bool(self.values)


@dataclass(frozen=True)
class AnswerProblem:
    """One answer that cannot be used, in the words of the form."""

    label: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message} — {self.hint}"


def split_sections(body: str, spec: FormSpec) -> dict[str, str]:
    """Cut the body at the form's headings, outside code fences; raw text per field id."""
    by_label = {f.label.casefold(): f for f in spec.fields}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    fence: str | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opening = FENCE.match(line)
        if fence is not None:
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
        elif opening:
            fence = opening["fence"]
        else:
            heading = HEADING.match(line)
            found = by_label.get(heading_label(heading)) if heading else None
            if found is not None and found.id not in sections:
                current = sections[found.id] = []
                continue
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines).strip("\n").rstrip() for key, lines in sections.items()}


def heading_label(heading: re.Match[str]) -> str:
    """A heading's label as the form's labels are compared: no closing `#`s, case aside."""
    return heading["label"].rstrip(" \t#").strip().casefold()


def read_answers(body: str | None, spec: FormSpec) -> FormAnswers:
    """Every answer the body gives, by field id, shaped by the field's kind."""
    answers = FormAnswers()
    for field_id, raw in split_sections(body or "", spec).items():
        form_field = spec.field(field_id)
        assert form_field is not None
        answers.values[field_id] = _shape(raw, form_field)
    return answers


def _shape(raw: str, form_field: FormField) -> Value:
    text = raw.strip()
    if form_field.kind == "checkboxes":
        return [m["label"].strip() for line in raw.split("\n")
                if (m := CHECKBOX.match(line)) and m["mark"] in "xX"]
    if text in ("", NO_RESPONSE, "None") and form_field.kind == "dropdown":
        return [] if form_field.multiple else None
    if text in ("", NO_RESPONSE):
        return None
    if form_field.kind == "dropdown" and form_field.multiple:
        return [part.strip() for part in text.split(",") if part.strip()]
    if form_field.kind == "input":
        return text
    return raw  # a textarea keeps its indentation and inner blank lines


def check_answers(answers: FormAnswers, spec: FormSpec,
                  lang: Language | None = None) -> list[AnswerProblem]:
    """The answers a form would have refused: missing, empty, unticked, not an option."""
    lang = lang or language("en")
    _ = lang.gettext
    problems = []
    for form_field in spec.fields:
        value = answers.values.get(form_field.id)
        label = form_field.label
        if form_field.id not in answers.values:
            if form_field.required or form_field.required_options:
                problems.append(AnswerProblem(
                    label, _("is missing from the issue"),
                    _("edit the issue and add a `### %(label)s` heading with your answer under "
                      "it", label=label)))
            continue
        if form_field.kind == "checkboxes":
            ticked = {str(v).casefold() for v in value or []}
            for option in form_field.required_options:
                if option.casefold() not in ticked:
                    problems.append(AnswerProblem(
                        label, _("“%(option)s” is not ticked", option=option),
                        _("edit the issue and tick it (`- [x]`); we can only publish it then")))
            continue
        if form_field.required and not value:
            problems.append(AnswerProblem(label, _("has no answer"),
                                          _("edit the issue and fill it in")))
            continue
        if form_field.kind == "dropdown" and form_field.options:
            chosen = value if isinstance(value, list) else [value] if value else []
            for choice in chosen:
                if matched_option(choice, form_field.options) is None:
                    problems.append(_not_an_option(label, choice, form_field.options, lang))
    return problems


def matched_option(choice: str, options: tuple[str, ...]) -> str | None:
    """The option a typed choice names, ignoring case and surrounding spaces."""
    folded = choice.strip().casefold()
    return next((option for option in options if option.casefold() == folded), None)


def _not_an_option(label: str, choice: str, options: tuple[str, ...],
                   lang: Language) -> AnswerProblem:
    close = difflib.get_close_matches(choice, options, n=1, cutoff=0.6)
    hint = (lang.gettext("did you mean “%(option)s”?", option=close[0]) if close
            else lang.gettext("choose one of: %(options)s",
                              options=", ".join(f"“{o}”" for o in options)))
    return AnswerProblem(label, lang.gettext("%(answer)s is not one of the choices",
                                             answer=quote(choice)), hint)
