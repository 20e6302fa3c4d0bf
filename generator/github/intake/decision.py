"""Ideas in through GitHub issues: an `issues` event becomes an idea file.

`assess` decides, from the event and the portal alone, what an issue means:
ignore it (not ours to answer), ask for changes (every problem at once), or
accept it as an idea file; `generator.github.intake.run` carries the decision out, and
`generator.github.intake.idea_fields` turns the form's answers into the idea's data.

The intake only ever rewrites an idea it filed itself: one whose `issue:` is this
issue's number. An idea filed by hand under the same number (no `issue:`, or
another one) is left as it is, and the issue's idea is filed beside it as
`issue-<n>` instead, which the comment on the issue says.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from generator.contest.labels import IDEA, carries
from generator.contest.words import quote
from generator.github.events import IssuesEvent
from generator.github.forms import render as forms
from generator.github.forms.answers import FormAnswers, FormSpec, check_answers, read_answers
from generator.github.intake.idea_fields import coauthor_problems, field_problem, idea_data, text_of
from generator.i18n import Language, language
from generator.models import Idea
from generator.models.stages import Stage
from generator.portal.catalog import Catalog
from generator.portal.schemas import schema_pointer
from generator.portal.writer import dump_model

ACTIONS = frozenset({"opened", "edited", "reopened"})
MAX_BODY = 65_536  # GitHub's own limit on an issue body, in characters
SIMILAR_ENOUGH = 0.75
# Idea fields the intake keeps from a file already merged: the maintainers' part, and the
# co-authors, so that one who asked to be taken off (README: co-authors) stays off.
KEPT_FIELDS = ("coauthors", "submitted", "status", "history", "duplicate_of", "prize")


@dataclass(frozen=True)
class NotAnIdea:
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
    """A valid idea: its id, the file to write and the similar ideas worth a look.

    The id is the issue's number, unless an idea filed by hand holds that number.
    """

    idea: Idea
    id: str
    path: str
    text: str
    similar: list[Similar] = field(default_factory=list)

    @property
    def beside_another(self) -> bool:
        """Filed under another id than the issue's number, which an idea filed by hand holds."""
        return self.id != str(self.idea.issue)


Decision = NotAnIdea | NeedsChanges | Accepted


def assess(event: IssuesEvent, catalog: Catalog, spec: FormSpec,
           challenge_specs: Mapping[str, FormSpec] | None = None) -> Decision:
    """What this issue event means for the portal.

    `spec` is the general form's; once the body names its challenge, the answers are
    read again with that challenge's form (from `challenge_specs`, the committed forms,
    else as the portal would write it now), which adds the challenge's own questions.
    """
    issue = event.issue
    if event.action not in ACTIONS:
        return NotAnIdea(f"the intake answers opened, edited and reopened issues, "
                         f"not {event.action}")
    if issue.pull_request is not None:
        return NotAnIdea("this is a pull request, not an issue")
    if issue.user.is_bot:
        return NotAnIdea(f"issues opened by bots ({issue.user.login}) are not ideas")
    if issue.state != "open":
        return NotAnIdea("the issue is closed")
    if issue.locked:
        return NotAnIdea("the issue is locked")
    body = issue.body or ""
    labelled = carries(issue.label_names, IDEA)  # in whichever language it was made
    lang = language(catalog.settings.language)
    if len(body) > MAX_BODY:
        if not labelled:
            return NotAnIdea("not an idea: no `idea` label, and the body is too long to read")
        return NeedsChanges([lang.gettext(
            "The issue is %(length)s characters long, over the limit of %(limit)s — shorten "
            "the answers and save the issue again.",
            length=lang.number(len(body)), limit=lang.number(MAX_BODY))])
    answers = read_answers(body, spec)
    if not answers.from_form:
        if not labelled:
            return NotAnIdea("not an idea: no `idea` label and none of the form's questions")
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
    number = event.issue.number
    existing = own_idea(catalog, number)
    if existing is not None and catalog.stage_of(existing[0]) is not Stage.IDEAS_OPEN:
        return NotAnIdea(f"idea {existing[1]} is filed and {existing[0]} no longer takes ideas, "
                       "so the filed version stands")
    idea_id = existing[1] if existing else free_id(catalog, number)
    if idea_id is None:
        return NeedsChanges([_(
            "Ideas %(number)s and %(other)s were filed by hand, so the portal has no id left "
            "for this issue's idea — ask a maintainer to rename one of them",
            number=quote(str(number)), other=quote(f"issue-{number}"))])
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
                          "maintainer to move it", label=label,
                          challenge=quote(catalog.challenges[existing[0]].challenge.title)))
    coauthors = coauthor_problems(text_of(answers.values.get(forms.COAUTHORS)), spec,
                                  catalog.challenges[slug].challenge.jury, lang)
    problems += coauthors
    data = idea_data(event, answers, spec, slug, lang, catalog)
    if existing is not None:
        merged = existing[2].model_dump(mode="python")
        data.update({key: merged[key] for key in KEPT_FIELDS})
    idea = None
    try:
        idea = Idea.model_validate(data, context={"zone": catalog.settings.zone})
    except ValidationError as error:
        # A question the form check already reported is not reported twice.
        reported = {p.label for p in answer_problems}
        if coauthors and (coauthors_field := spec.field(forms.COAUTHORS)):
            reported.add(coauthors_field.label)
        problems += [text for question, text in (
            field_problem(detail, spec, lang) for detail in error.errors(include_url=False))
            if question not in reported]
    if problems or idea is None:
        return NeedsChanges(problems)
    folder = catalog.settings.challenges_dir
    return Accepted(
        idea=idea,
        id=idea_id,
        path=f"{folder}/{slug}/ideas/{idea_id}.yml",
        text=dump_model(idea, schema=schema_pointer("idea", 3)),
        similar=find_similar(idea, idea_id, catalog),
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
                       "on the form", answer=quote(chosen)) + open_for_ideas(catalog, lang)
    stage = catalog.stage_of(slug)
    if stage is Stage.IDEAS_OPEN:
        return slug, ""
    title = catalog.challenges[slug].challenge.title
    opens = catalog.challenges[slug].challenge.timeline.instant("ideas_open",
                                                                catalog.settings.zone)
    when = (_("it opens on %(day)s", day=lang.day(opens.astimezone(catalog.settings.zone)))
            if stage is Stage.UPCOMING and opens else _("it no longer takes ideas"))
    return None, _("%(challenge)s is not open for ideas: %(when)s — choose a challenge open now",
                   challenge=quote(title), when=when) + open_for_ideas(catalog, lang)


def open_for_ideas(catalog: Catalog, lang: Language) -> str:
    """`: …` the challenges open for ideas now, by title, or that none is."""
    titles = [quote(folder.challenge.title) for slug, folder in catalog.challenges.items()
              if catalog.stage_of(slug) is Stage.IDEAS_OPEN]
    if not titles:
        return lang.gettext(" (none is open now)")
    return lang.gettext(" (open now: %(challenges)s)", challenges=lang.join(titles))


def own_idea(catalog: Catalog, number: int) -> tuple[str, str, Idea] | None:
    """The challenge, id and idea this issue filed: the one whose `issue:` is its number."""
    for slug, folder in catalog.challenges.items():
        for idea_id, source in folder.ideas.items():
            if source.model.issue == number:
                return slug, idea_id, source.model
    return None


def free_id(catalog: Catalog, number: int) -> str | None:
    """The id for a new idea from this issue: its number, or `issue-<n>` when an idea
    filed by hand holds the number; None when both are taken."""
    taken = {idea_id for folder in catalog.challenges.values() for idea_id in folder.ideas}
    return next((idea_id for idea_id in (str(number), f"issue-{number}")
                 if idea_id not in taken), None)


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


