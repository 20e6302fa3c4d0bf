"""A form's answers as an idea's data, and the model's refusals in the form's words.

The co-authors answer is read strictly: each co-author is a GitHub login after an
`@` (`@alice, @bob`), at most `MAX_COAUTHORS`, and never a juror of the challenge
(a juror scores the ideas, so a stranger could otherwise list one to bias the
jury, or to stop them scoring). Anything else is a problem the author is asked to
fix, never a guess: "Julie Bernard, ma voisine" is not four logins.
"""

from __future__ import annotations

import re
from typing import Any

from generator.contest.words import quote, segment_name
from generator.github.events import IssuesEvent
from generator.github.forms import render as forms
from generator.github.forms.answers import FormAnswers, FormSpec, Value, matched_option
from generator.i18n import Language
from generator.models import Idea, Segment
from generator.models.challenge import Question
from generator.models.common import LOGIN_PATTERN
from generator.models.idea import MAX_COAUTHORS
from generator.models.refusal import Refusal
from generator.portal.catalog import Catalog
from generator.portal.explanations import describe

LOGIN = re.compile(LOGIN_PATTERN.removeprefix("^").removesuffix("$"))
SEPARATORS = re.compile(r"[\s,;]+")
SHOWN = 3  # wrong names quoted back to the author, at most

FIELD_LABELS = {
    "title": forms.TITLE, "summary": forms.SUMMARY, "problem": forms.PROBLEM,
    "proposal": forms.PROPOSAL, "benefits": forms.BENEFITS, "segment": forms.SEGMENT,
    "tags": forms.TAGS, "coauthors": forms.COAUTHORS, "challenge": forms.CHALLENGE,
}


def read_coauthors(text: str | None) -> tuple[list[str], list[str]]:
    """The logins a co-authors answer names (`@alice, @bob`), and the parts that are not
    a login after an `@`. Linear: one split, one full match of a bounded login each."""
    logins, wrong = [], []
    for part in SEPARATORS.split(text or ""):
        if not part:
            continue
        login = part[1:] if part.startswith("@") else ""
        if len(login) <= 39 and LOGIN.fullmatch(login):
            logins.append(login)
        else:
            wrong.append(part)
    return logins, wrong


def coauthor_problems(text: str | None, spec: FormSpec, jury: list[str],
                      lang: Language) -> list[str]:
    """What is wrong with a co-authors answer, in the form's words."""
    _ = lang.gettext
    form_field = spec.field(forms.COAUTHORS)
    label = form_field.label if form_field else _("Co-authors")
    logins, wrong = read_coauthors(text)
    problems = []
    if wrong:
        shown = [quote(part, 40) for part in wrong[:SHOWN]]
        if len(wrong) > SHOWN:
            shown.append(lang.ngettext("%(count)s more", "%(count)s more", len(wrong) - SHOWN))
        problems.append(lang.ngettext(
            "%(names)s is not a GitHub user name after an @",
            "%(names)s are not GitHub user names after an @", len(wrong),
            names=lang.join(shown)) + " — " + _(
            "list each co-author as @ and their GitHub user name, separated by commas, such "
            "as `@alice, @bob`; leave out people without a GitHub account"))
    if len(logins) > MAX_COAUTHORS:
        problems.append(_(
            "names %(count)s co-authors, over the limit of %(limit)s — keep the people who "
            "wrote the idea with you", count=lang.number(len(logins)),
            limit=lang.number(MAX_COAUTHORS)))
    jurors = {login.casefold() for login in jury}
    on_jury = [login for login in logins if login.casefold() in jurors]
    if on_jury:
        problems.append(lang.ngettext(
            "%(names)s is on this challenge's jury, and a juror cannot co-author an idea they "
            "score", "%(names)s are on this challenge's jury, and a juror cannot co-author an "
            "idea they score", len(on_jury),
            names=lang.join([quote(f"@{login}") for login in on_jury])) + " — " + _(
            "remove them from the co-authors"))
    return [f"{label}: {problem}" for problem in problems]


def idea_data(event: IssuesEvent, answers: FormAnswers, spec: FormSpec, slug: str,
              lang: Language, catalog: Catalog) -> dict[str, Any]:
    """The idea file's fields, from the answers; the model decides what is valid."""
    values = answers.values
    segment = values.get(forms.SEGMENT)
    # The form shows segments in the portal's language; a typed English one is as good.
    segments = {label.casefold(): seg.value for seg in Segment
                for label in (segment_name(lang, seg), seg.value)}
    tags_field = spec.field(forms.TAGS)
    tags = values.get(forms.TAGS) or []
    chosen_tags = [matched_option(t, tags_field.options) or t
                   for t in tags] if tags_field else list(tags)
    data: dict[str, Any] = {
        "title": values.get(forms.TITLE),
        "challenge": slug,
        "author": event.issue.user.login,
        "coauthors": read_coauthors(text_of(values.get(forms.COAUTHORS)))[0],
        "segment": segments.get(str(segment).strip().casefold(), segment),
        "submitted": event.issue.created_at,
        "summary": values.get(forms.SUMMARY),
        "problem": values.get(forms.PROBLEM),
        "proposal": values.get(forms.PROPOSAL),
        "benefits": values.get(forms.BENEFITS),
        "tags": sorted(set(chosen_tags), key=chosen_tags.index),
        "answers": _question_answers(values, catalog.challenges[slug].challenge.questions),
        "issue": event.issue.number,
    }
    return {key: value for key, value in data.items() if value not in (None, [], {})}


def _question_answers(values: dict[str, Value], questions: list[Question]) -> dict[str, str]:
    """The answers to the challenge's own questions, by id; a dropdown's as its option."""
    found = {}
    for question in questions:
        value = text_of(values.get(question.id))
        if value is None:
            continue
        if question.kind == "dropdown":
            value = matched_option(value, tuple(question.options)) or value
        found[question.id] = value
    return found


def text_of(value: str | list[str] | None) -> str | None:
    return ", ".join(value) if isinstance(value, list) else value


def field_problem(detail: Any, spec: FormSpec, lang: Language) -> tuple[str, str]:
    """A model error in the words of the form: the question's label, not the YAML key."""
    location, message, hint = describe(detail, Idea)
    key = str(location[0]) if location else ""
    # An answer to one of the challenge's questions sits at ("answers", its id).
    field_id = str(location[1]) if key == "answers" and len(location) > 1 else \
        FIELD_LABELS.get(key, "")
    form_field = spec.field(field_id)
    label = form_field.label if form_field else (key or lang.gettext("The idea"))
    where = " ".join(str(part) for part in location)
    message = message.removeprefix(where).strip() if where else message
    message, hint = _in_language(detail, lang) or (message, hint)
    if key == "coauthors" and len(location) > 1:
        message = lang.gettext("a name is not a GitHub user name")
        hint = lang.gettext("list GitHub user names separated by commas, such as `@alice, @bob`")
    elif key == "author":
        hint = lang.gettext("the portal credits ideas to GitHub accounts; ask a maintainer for "
                            "help")
    text = f"{label}: {message}"
    return label, f"{text} — {hint}" if hint else text


def _in_language(detail: Any, lang: Language) -> tuple[str, str] | None:
    """What an answer's own problem is, in the portal's language, for those an answer can
    have; None for the rest, which keep the model's English."""
    kind, context = detail["type"], detail.get("ctx") or {}
    error = context.get("error")
    if kind == "string_too_long":
        return (lang.ngettext("is longer than %(count)s character",
                              "is longer than %(count)s characters", context["max_length"]),
                lang.gettext("shorten it and save the issue again"))
    if kind == "string_too_short":
        return lang.gettext("has no answer"), lang.gettext("edit the issue and fill it in")
    if kind == "value_error" and isinstance(error, Refusal):
        values = {name: lang.gettext(value) for name, value in error.values.items()}
        return lang.gettext(error.message, **values), lang.gettext(error.hint)
    return None
