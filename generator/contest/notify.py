"""Closing the loop: every status change merged to main is announced on the idea's issue.

`cocreate notify --before SHA --after SHA` compares the idea files of two
commits (a push), and for each idea whose status changed posts the new status
and the official answer on its issue, sets a `status: …` label (in the portal's
language: generator.contest.labels), and closes the issue when the status is final.
When a challenge has just reached its results (within the last two weeks), each of its
ideas' issues gets the outcome too.

Each announcement carries a hidden marker naming the change; one already on
the issue is not posted again, so running the same push twice posts nothing.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from generator.contest.labels import status_label
from generator.contest.tally import ChallengeTally
from generator.contest.words import quote, status_name
from generator.i18n import Language, language
from generator.models import Idea, Status
from generator.models.stages import Stage
from generator.portal.catalog import Catalog
from generator.portal.git import run_git
from generator.portal.loader import parse_yaml
from generator.portal.problems import ProblemsFound

OUTCOMES_FOR = timedelta(days=14)
NO_COMMIT = "0" * 40
CLOSE_REASONS = {Status.IMPLEMENTED: "completed", Status.DECLINED: "not_planned",
                 Status.DUPLICATE: "not_planned", Status.WITHDRAWN: "not_planned"}


@dataclass(frozen=True)
class Announcement:
    """One message for one idea's issue, and what to do to the issue with it."""

    issue: int
    marker: str
    body: str
    label: str | None = None  # the status label to set, by name (the other statuses go)
    close: str | None = None  # GitHub's state_reason, when the issue is to be closed


class NoticeBoard(Protocol):
    def announce(self, announcement: Announcement) -> bool: ...


def _idea_at(root: Path, commit: str, path: str, catalog: Catalog) -> Idea | None:
    text = run_git(root, "show", f"{commit}:{path}")
    if text is None:
        return None
    try:
        return Idea.model_validate(parse_yaml(text, path).data,
                                   context={"zone": catalog.settings.zone})
    except (ProblemsFound, ValidationError):
        return None  # validate reports broken files; there is nothing to announce


def idea_address(site_url: str, slug: str, idea_id: str) -> str:
    return f"{site_url}/challenges/{slug}/ideas/{idea_id}/" if site_url else ""


def status_changes(catalog: Catalog, before: str, after: str,
                   site_url: str) -> list[Announcement]:
    """An announcement for each idea whose status differs between the two commits."""
    root = catalog.root
    known = run_git(root, "rev-parse", "--verify", f"{before}^{{commit}}")
    if before == NO_COMMIT or known is None:
        before = f"{after}~1"  # a new branch, or history that does not reach back
    listed = run_git(root, "diff", "--name-only", "--no-renames", before, after, "--",
                  catalog.settings.challenges_dir) or ""
    found = []
    for path in listed.splitlines():
        if not fnmatch.fnmatchcase(path, "*/*/ideas/*.yml"):
            continue
        new = _idea_at(root, after, path, catalog)
        old = _idea_at(root, before, path, catalog)
        if new is None or new.issue is None:
            continue
        if (old.status if old else Status.SUBMITTED) == new.status:
            continue
        slug, idea_id = path.split("/")[-3], Path(path).stem
        found.append(announce_status(new, slug, idea_id, site_url,
                                     language(catalog.settings.language)))
    return found


def announce_status(idea: Idea, slug: str, idea_id: str, site_url: str,
                    lang: Language) -> Announcement:
    """The new status and its official answer, in the portal's language."""
    _ = lang.gettext
    change = idea.history[-1] if idea.history else None
    when = change.at.isoformat() if change else "now"
    lines = [_("### Your idea is now **%(status)s**", status=status_name(lang, idea.status)),
             ""]
    if change and change.answer:
        lines += [_("The official answer, from %(login)s:", login=quote(change.by)) if change.by
                  else _("The official answer:"), "",
                  *[f"> {line}" if line else ">" for line in change.answer.rstrip().splitlines()],
                  ""]
    if idea.status is Status.DUPLICATE and idea.duplicate_of:
        lines += [_("It is the same as idea %(original)s, which goes on in its place.",
                    original=quote(idea.duplicate_of)), ""]
    if idea.prize:
        lines += [_("🏆 It won: %(prize)s.", prize=quote(idea.prize)), ""]
    address = idea_address(site_url, slug, idea_id)
    if address:
        lines.append(_("Its page: %(address)s", address=address))
    if idea.status.is_final:
        lines.append(_("This is the end of its road here, so the issue is closed. Thank you."))
    marker = f"<!-- cocreate:status {slug}/{idea_id} {idea.status.value} {when} -->"
    return Announcement(idea.issue or 0, marker, "\n".join([marker, *lines]),
                        label=status_label(idea.status).name(lang.code),
                        close=CLOSE_REASONS.get(idea.status))


def results_outcomes(catalog: Catalog, tallies: dict[str, ChallengeTally],
                     site_url: str) -> list[Announcement]:
    """The outcome for every idea of a challenge whose results came out in the last two weeks."""
    found = []
    zone = catalog.settings.zone
    lang = language(catalog.settings.language)
    _ = lang.gettext
    for slug, folder in catalog.challenges.items():
        results = folder.challenge.timeline.instant("results", zone)
        if catalog.stage_of(slug) is not Stage.RESULTS or results is None \
                or catalog.now - results > OUTCOMES_FOR:
            continue
        ranking = tallies[slug].by_id()
        for idea_id, source in folder.ideas.items():
            idea = source.model
            if idea.issue is None or idea_id not in ranking:
                continue
            row = ranking[idea_id]
            marker = f"<!-- cocreate:outcome {slug}/{idea_id} -->"
            figures = {"rank": row.rank, "ideas": lang.number(len(ranking)),
                       "score": lang.number(row.score, 2)}
            ranked = lang.ngettext(
                "Your idea ranked **%(rank)s** of %(ideas)s, with %(count)s vote and a jury "
                "score of %(jury)s (score %(score)s).",
                "Your idea ranked **%(rank)s** of %(ideas)s, with %(count)s votes and a jury "
                "score of %(jury)s (score %(score)s).",
                row.votes, jury=lang.number(row.jury, 2), **figures,
            ) if row.jury is not None else lang.ngettext(
                "Your idea ranked **%(rank)s** of %(ideas)s, with %(count)s vote "
                "(score %(score)s).",
                "Your idea ranked **%(rank)s** of %(ideas)s, with %(count)s votes "
                "(score %(score)s).",
                row.votes, **figures)
            lines = [marker, _("### The results of %(challenge)s are out",
                               challenge=quote(folder.challenge.title)), "", ranked]
            if idea.prize:
                lines += ["", _("🏆 It won: %(prize)s.", prize=quote(idea.prize))]
            if site_url:
                lines += ["", _("The results: %(address)s",
                                address=f"{site_url}/challenges/{slug}/results/")]
            found.append(Announcement(idea.issue, marker, "\n".join(lines)))
    return found


def post_all(board: NoticeBoard, announcements: list[Announcement],
             say: Callable[[str], None], *, rehearsal: bool = False) -> int:
    """Post what is not on its issue yet; the number posted (or, rehearsing, to post)."""
    posted = 0
    done = "would announce" if rehearsal else "announced"
    for announcement in announcements:
        if board.announce(announcement):
            posted += 1
            say(f"issue #{announcement.issue}: {done} {announcement.marker[5:-4]}")
        else:
            say(f"issue #{announcement.issue}: already announced {announcement.marker[5:-4]}")
    return posted

