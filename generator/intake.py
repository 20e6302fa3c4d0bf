"""Ideas in through GitHub issues: an `issues` event becomes an idea file.

`assess` decides, from the event and the portal alone, what an issue means:
ignore it (not ours to answer), ask for changes (every problem at once), or
accept it as an idea file. `run_intake` then carries the decision out through
two ports: a `Desk` that talks to the issue and pull request, and `Branches`
that pushes the file to branch `idea/<n>`. Without a token both ports only
print what they would do, so the intake runs offline.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from . import forms
from .branches import Pushed
from .catalog import Catalog
from .events import IssuesEvent
from .explain import describe
from .i18n import Language, language
from .issueform import (
    FormAnswers,
    FormSpec,
    Value,
    check_answers,
    matched_option,
    quote,
    read_answers,
)
from .labels import segment_label
from .models import Idea, Segment
from .models.challenge import Question
from .models.refusal import Refusal
from .replies import MARKER, accepted_comment, needs_changes_comment, pull_body, pull_title
from .schemas import schema_pointer
from .stages import Stage
from .writer import dump_model

ACTIONS = frozenset({"opened", "edited", "reopened"})
MAX_BODY = 65_536  # GitHub's own limit on an issue body, in characters
NEEDS_CHANGES = "needs-changes"
SIMILAR_ENOUGH = 0.75
# Idea fields the intake keeps from a file already merged: the maintainers' part.
KEPT_FIELDS = ("submitted", "status", "history", "duplicate_of", "prize")


@dataclass(frozen=True)
class Ignored:
    """Not an idea submission the intake should answer; nothing is written or posted."""

    reason: str


@dataclass(frozen=True)
class NeedsChanges:
    """An idea that cannot be filed yet; every problem, in the contributor's words."""

    problems: list[str]


@dataclass(frozen=True)
class Similar:
    idea: str
    title: str
    similarity: float


@dataclass(frozen=True)
class Accepted:
    """A valid idea: the file to write and the similar ideas worth a look."""

    idea: Idea
    path: str
    text: str
    similar: list[Similar] = field(default_factory=list)


Decision = Ignored | NeedsChanges | Accepted


def assess(event: IssuesEvent, catalog: Catalog, spec: FormSpec,
           challenge_specs: Mapping[str, FormSpec] | None = None) -> Decision:
    """What this issue event means for the portal.

    `spec` is the general form's; once the body names its challenge, the answers are
    read again with that challenge's form (from `challenge_specs`, the committed forms,
    else as the portal would write it now), which adds the challenge's own questions.
    """
    issue = event.issue
    if event.action not in ACTIONS:
        return Ignored(f"the intake answers opened, edited and reopened issues, not {event.action}")
    if issue.pull_request is not None:
        return Ignored("this is a pull request, not an issue")
    if issue.user.is_bot:
        return Ignored(f"issues opened by bots ({issue.user.login}) are not ideas")
    if issue.state != "open":
        return Ignored("the issue is closed")
    if issue.locked:
        return Ignored("the issue is locked")
    body = issue.body or ""
    labelled = forms.IDEA_LABEL in issue.label_names
    lang = language(catalog.settings.language)
    if len(body) > MAX_BODY:
        if not labelled:
            return Ignored("not an idea: no `idea` label, and the body is too long to read")
        return NeedsChanges([lang.gettext(
            "The issue is %(length)s characters long, over the limit of %(limit)s — shorten "
            "the answers and save the issue again.",
            length=lang.number(len(body)), limit=lang.number(MAX_BODY))])
    answers = read_answers(body, spec)
    if not answers.from_form:
        if not labelled:
            return Ignored("not an idea: no `idea` label and none of the form's questions")
        title = spec.field(forms.TITLE)
        return NeedsChanges([lang.gettext(
            "This issue did not come from the idea form: none of its questions are in it — "
            "open a new issue with the **%(form)s** form, or copy its questions "
            "(`### %(title)s` and the rest) into this one.",
            form=lang.gettext("Submit an idea"),
            title=title.label if title else lang.gettext("Title of your idea"))])
    return _file_idea(event, catalog, spec, answers, lang, challenge_specs or {})


def _file_idea(event: IssuesEvent, catalog: Catalog, spec: FormSpec, answers: FormAnswers,
               lang: Language, challenge_specs: Mapping[str, FormSpec]) -> Decision:
    _ = lang.gettext
    challenge = spec.field(forms.CHALLENGE)
    label = challenge.label if challenge else _("Challenge")
    # The challenge is checked against the portal, not the form's list: a slug typed
    # by hand, or a title from before the form was regenerated, is just as good.
    number = str(event.issue.number)
    existing = _find_idea(catalog, number)
    if existing is not None and catalog.stage_of(existing[0]) is not Stage.IDEAS_OPEN:
        return Ignored(f"idea {number} is filed and {existing[0]} no longer takes ideas, "
                       "so the filed version stands")
    slug, trouble = _chosen_challenge(answers.values.get(forms.CHALLENGE), catalog, lang)
    if slug is not None:
        spec = challenge_specs.get(slug) or forms.challenge_spec(catalog, slug)
        answers = read_answers(event.issue.body, spec)
    answer_problems = [p for p in check_answers(answers, spec, lang) if p.label != label]
    problems = [str(p) for p in answer_problems]
    if trouble:
        problems.insert(0, f"{label}: {trouble}")
    if slug is None:
        return NeedsChanges(problems)
    if existing is not None and existing[0] != slug:
        problems.append(_("%(label)s: this idea is already filed under %(challenge)s — ask a "
                          "maintainer to move it", label=label, challenge=quote(existing[0])))
    data = _idea_data(event, answers, spec, slug, lang, catalog)
    if existing is not None:
        merged = existing[1].model_dump(mode="python", exclude_defaults=True)
        data.update({key: merged[key] for key in KEPT_FIELDS if key in merged})
    idea = None
    try:
        idea = Idea.model_validate(data, context={"zone": catalog.settings.zone})
    except ValidationError as error:
        # A question the form check already reported is not reported twice.
        reported = {p.label for p in answer_problems}
        problems += [text for question, text in (
            _field_problem(detail, spec, lang) for detail in error.errors(include_url=False))
            if question not in reported]
    if problems or idea is None:
        return NeedsChanges(problems)
    folder = catalog.settings.challenges_dir
    return Accepted(
        idea=idea,
        path=f"{folder}/{slug}/ideas/{number}.yml",
        text=dump_model(idea, schema=schema_pointer("idea", 3)),
        similar=find_similar(idea, number, catalog),
    )


def _chosen_challenge(chosen: object, catalog: Catalog,
                      lang: Language) -> tuple[str | None, str]:
    """The slug of the challenge an answer names, or what is wrong with the answer."""
    _ = lang.gettext
    if not isinstance(chosen, str) or chosen in (forms.NO_CHALLENGE_OPEN,
                                                  _(forms.NO_CHALLENGE_OPEN)):
        return None, _("has no answer — choose the challenge your idea is for")
    by_name: dict[str, str] = {}
    # A title shared with a challenge that closed means the one open now.
    for name in sorted(catalog.challenges,
                       key=lambda name: catalog.stage_of(name) is Stage.IDEAS_OPEN):
        by_name[name.casefold()] = name
        by_name[catalog.challenges[name].challenge.title.strip().casefold()] = name
    slug = by_name.get(chosen.strip().casefold())
    if slug is None:
        return None, _("%(answer)s is not one of our challenges — choose one from the list "
                       "on the form", answer=quote(chosen))
    stage = catalog.stage_of(slug)
    if stage is Stage.IDEAS_OPEN:
        return slug, ""
    title = catalog.challenges[slug].challenge.title
    opens = catalog.challenges[slug].challenge.timeline.instant("ideas_open",
                                                                catalog.settings.zone)
    when = (_("it opens on %(day)s", day=lang.day(opens.astimezone(catalog.settings.zone)))
            if stage is Stage.UPCOMING and opens else _("it no longer takes ideas"))
    return None, _("%(challenge)s is not open for ideas: %(when)s — choose a challenge open now",
                   challenge=quote(title), when=when)


def _find_idea(catalog: Catalog, number: str) -> tuple[str, Idea] | None:
    for slug, folder in catalog.challenges.items():
        if number in folder.ideas:
            return slug, folder.ideas[number].model
    return None


def split_logins(text: str | None) -> list[str]:
    """`@alice, @bob bob2` → ["alice", "bob", "bob2"]."""
    return [part.lstrip("@") for part in re.split(r"[\s,;]+", text or "") if part.lstrip("@")]


def _idea_data(event: IssuesEvent, answers: FormAnswers, spec: FormSpec, slug: str,
               lang: Language, catalog: Catalog) -> dict[str, Any]:
    values = answers.values
    segment = values.get(forms.SEGMENT)
    # The form shows segments in the portal's language; a typed English one is as good.
    segments = {label.casefold(): seg.value for seg in Segment
                for label in (segment_label(lang, seg), seg.value)}
    tags_field = spec.field(forms.TAGS)
    tags = values.get(forms.TAGS) or []
    chosen_tags = [matched_option(t, tags_field.options) or t
                   for t in tags] if tags_field else list(tags)
    data: dict[str, Any] = {
        "title": values.get(forms.TITLE),
        "challenge": slug,
        "author": event.issue.user.login,
        "coauthors": split_logins(_text(values.get(forms.COAUTHORS))),
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
        value = _text(values.get(question.id))
        if value is None:
            continue
        if question.kind == "dropdown":
            value = matched_option(value, tuple(question.options)) or value
        found[question.id] = value
    return found


def _text(value: str | list[str] | None) -> str | None:
    return ", ".join(value) if isinstance(value, list) else value


FIELD_LABELS = {
    "title": forms.TITLE, "summary": forms.SUMMARY, "problem": forms.PROBLEM,
    "proposal": forms.PROPOSAL, "benefits": forms.BENEFITS, "segment": forms.SEGMENT,
    "tags": forms.TAGS, "coauthors": forms.COAUTHORS, "challenge": forms.CHALLENGE,
}


def _field_problem(detail: Any, spec: FormSpec, lang: Language) -> tuple[str, str]:
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
        hint = lang.gettext("list GitHub user names separated by commas, such as @alice, @bob")
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


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def similarity(first: str, second: str) -> float:
    """How alike two short texts are, from 0 to 1, ignoring case and punctuation."""
    return difflib.SequenceMatcher(None, _normalise(first), _normalise(second)).ratio()


def find_similar(idea: Idea, number: str, catalog: Catalog) -> list[Similar]:
    """Ideas in the same challenge with a similar title or summary, most alike first."""
    found = []
    for other_id, source in catalog.challenges[idea.challenge].ideas.items():
        if other_id == number:
            continue
        other = source.model
        score = max(similarity(idea.title, other.title), similarity(idea.summary, other.summary))
        if score >= SIMILAR_ENOUGH:
            found.append(Similar(other_id, other.title, score))
    return sorted(found, key=lambda s: -s.similarity)


# -- carrying the decision out -------------------------------------------------------


@dataclass(frozen=True)
class PullRef:
    number: int
    url: str


class Desk(Protocol):
    """What the intake does on GitHub: one comment, labels, one pull request."""

    def find_pull(self, head: str, base: str) -> PullRef | None: ...

    def save_pull(self, existing: PullRef | None, head: str, base: str, title: str,
                  body: str) -> PullRef: ...

    def save_comment(self, number: int, marker: str, body: str) -> str: ...

    def set_labels(self, number: int, current: set[str], add: set[str],
                   remove: set[str]) -> None: ...


class Branches(Protocol):
    """Where idea files go for review: a branch per issue on the portal's remote."""

    def publish(self, branch: str, base: str, *, start_over: bool, files: dict[str, str],
                remove_glob: str, message: str) -> Pushed: ...


@dataclass
class IntakeResult:
    decision: Decision
    pull: PullRef | None = None
    commit: str | None = None


def run_intake(event: IssuesEvent, catalog: Catalog, spec: FormSpec, desk: Desk,
               branches: Branches, say: Callable[[str], None], site_url: str = "",
               challenge_specs: Mapping[str, FormSpec] | None = None) -> IntakeResult:
    """Assess the event, write the idea file if valid, and answer on the issue."""
    decision = assess(event, catalog, spec, challenge_specs)
    lang = language(catalog.settings.language)
    result = IntakeResult(decision)
    issue = event.issue
    if isinstance(decision, Ignored):
        say(f"issue #{issue.number}: nothing to do: {decision.reason}")
        return result
    if isinstance(decision, NeedsChanges):
        desk.save_comment(issue.number, MARKER, needs_changes_comment(event, decision, lang))
        desk.set_labels(issue.number, issue.label_names, {forms.IDEA_LABEL, NEEDS_CHANGES},
                        set())
        count = len(decision.problems)
        say(f"issue #{issue.number}: needs changes ({count} problem{'s' * (count != 1)})")
        for problem in decision.problems:
            say(f"  - {problem}")
        return result
    file = catalog.root / decision.path
    if not file.is_file() or file.read_text(encoding="utf-8") != decision.text:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(decision.text, encoding="utf-8")
    say(f"issue #{issue.number}: wrote {decision.path}")
    branch = f"idea/{issue.number}"
    base = event.repository.default_branch
    existing = desk.find_pull(branch, base)
    pushed = branches.publish(
        branch, base, start_over=existing is None, files={decision.path: decision.text},
        remove_glob=f"{catalog.settings.challenges_dir}/*/ideas/{issue.number}.yml",
        message=f"Idea #{issue.number}: {decision.idea.title}\n\n"
                f"Submitted by {issue.user.login} in #{issue.number}.",
    )
    result.commit = pushed.commit
    if pushed.needs_review:
        result.pull = desk.save_pull(existing, branch, base, pull_title(decision),
                                     pull_body(event, decision))
        say(f"issue #{issue.number}: review in {result.pull.url}")
    else:
        say(f"issue #{issue.number}: {base} already holds this version; nothing to review")
    desk.save_comment(issue.number, MARKER,
                      accepted_comment(event, decision, result.pull, site_url, lang))
    desk.set_labels(issue.number, issue.label_names, {forms.IDEA_LABEL}, {NEEDS_CHANGES})
    return result
