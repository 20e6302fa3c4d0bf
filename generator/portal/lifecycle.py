"""An idea's life: which status may follow which, and `cocreate status` to make a change.

    submitted → published → shortlisted → piloting → implemented
          ↘ declined / duplicate (of another idea) / withdrawn, from any open status

Every change carries the official answer given with it, its date and who
made it, and is kept in the idea's `history`; the final statuses
(implemented, declined, duplicate, withdrawn) end it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from generator.models import Idea, Status
from generator.models.stages import Stage
from generator.portal.catalog import Catalog, Source
from generator.portal.explanations import plain_sentences
from generator.portal.schemas import schema_pointer
from generator.portal.writer import Edits, model_text

ENDINGS = {Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN}
TRANSITIONS: dict[Status, set[Status]] = {
    Status.SUBMITTED: {Status.PUBLISHED, *ENDINGS},
    Status.PUBLISHED: {Status.SHORTLISTED, Status.PILOTING, *ENDINGS},
    Status.SHORTLISTED: {Status.PILOTING, Status.IMPLEMENTED, *ENDINGS},
    Status.PILOTING: {Status.IMPLEMENTED, Status.DECLINED, Status.WITHDRAWN},
    Status.IMPLEMENTED: set(),
    Status.DECLINED: set(),
    Status.DUPLICATE: set(),
    Status.WITHDRAWN: set(),
}


class StatusError(ValueError):
    """A status change that cannot be made; the message says why and what to do."""


def find_idea(catalog: Catalog, reference: str) -> tuple[str, str, Source[Idea]]:
    """An idea by `ID` or `CHALLENGE/ID`: (challenge, id, source)."""
    challenge, _, idea_id = reference.rpartition("/")
    found = [(slug, idea_id, folder.ideas[idea_id])
             for slug, folder in catalog.challenges.items()
             if idea_id in folder.ideas and challenge in ("", slug)]
    if not found:
        raise StatusError(f"no idea {reference!r} — give its number, or CHALLENGE/NUMBER")
    if len(found) > 1:
        choices = ", ".join(f"{slug}/{idea_id}" for slug, idea_id, _ in found)
        raise StatusError(f"idea {reference!r} is in several challenges — say which: {choices}")
    return found[0]


def change_status(catalog: Catalog, reference: str, status: Status, answer: str, *,
                  at: datetime, by: str | None = None, duplicate_of: str | None = None,
                  prize: str | None = None, edits: Edits | None = None) -> Path:
    """Record a status change with its official answer; returns the idea file written.

    Everything is checked before the file is written; the file keeps its comments
    and layout, and only the lines that change are rewritten.
    """
    slug, idea_id, source = find_idea(catalog, reference)
    idea = source.model
    allowed = TRANSITIONS[idea.status]
    if status not in allowed:
        nexts = ", ".join(sorted(s.value for s in allowed)) or "none: it is final"
        raise StatusError(f"{slug}/{idea_id} is {idea.status.value}; it cannot become "
                          f"{status.value} (next: {nexts})")
    if not answer.strip():
        raise StatusError("the official answer is empty — write it with --note: it is shown "
                          "on the idea's page and posted on its issue")
    _check_duplicate(catalog, slug, idea_id, status, duplicate_of)
    if prize is not None:
        _check_prize(catalog, slug, idea_id, status, prize)
    context = {"zone": catalog.settings.zone}
    data = idea.model_dump(exclude_defaults=True)
    data.update(status=status, history=[*idea.history, {"status": status, "at": at,
                                                         "answer": answer, "by": by}])
    if by is None:
        data["history"][-1].pop("by")
    if duplicate_of is not None:
        data["duplicate_of"] = duplicate_of
    if prize is not None:
        data["prize"] = prize
    try:
        updated = Idea.model_validate(data, context=context)
    except ValidationError as error:
        raise StatusError(plain_sentences(error, Idea, OPTIONS)) from None
    file = catalog.root / source.path
    (edits or Edits()).write(file, model_text(updated, schema=schema_pointer("idea", 3),
                                              text=file.read_text("utf-8"), before=idea,
                                              context=context))
    return file


# Where each field of a status change comes from on the command line.
OPTIONS = {("history", -1, "answer"): "--note", ("history", -1, "by"): "--by",
           ("prize",): "--prize", ("duplicate_of",): "--of"}


def _check_duplicate(catalog: Catalog, slug: str, idea_id: str, status: Status,
                     duplicate_of: str | None) -> None:
    if (status is Status.DUPLICATE) != (duplicate_of is not None):
        raise StatusError("a duplicate names its original with --of ID, and only a duplicate")
    if duplicate_of is None:
        return
    if duplicate_of == idea_id:
        raise StatusError(f"--of {duplicate_of}: an idea cannot be a duplicate of itself — "
                          "name the original idea it repeats")
    if duplicate_of not in catalog.challenges[slug].ideas:
        known = ", ".join(sorted(catalog.challenges[slug].ideas, key=_number)) or "none"
        raise StatusError(f"--of {duplicate_of}: no such idea in {slug} (its ideas: {known})")


def _check_prize(catalog: Catalog, slug: str, idea_id: str, status: Status, prize: str) -> None:
    """A prize goes to a winner: an idea still in the running, of a challenge whose voting
    has closed, given one of the challenge's own prizes that no other idea holds."""
    folder = catalog.challenges[slug]
    titles = [p.title for p in folder.challenge.prizes]
    stage = catalog.stage_of(slug)
    if stage not in (Stage.JUDGING, Stage.RESULTS):
        raise StatusError(f"--prize: {slug} is at the {stage.value} stage; prizes go to winners "
                          "once voting has closed")
    if status in ENDINGS:
        raise StatusError(f"--prize: a {status.value} idea wins no prize")
    if prize not in titles:
        listed = "; ".join(f"“{title}”" for title in titles) or "none"
        raise StatusError(f"--prize “{prize}” is not a prize of {slug} — give one of its "
                          f"prizes exactly: {listed}")
    for other_id, other in folder.ideas.items():
        if other_id != idea_id and other.model.prize == prize:
            raise StatusError(f"--prize “{prize}” already went to {slug}/{other_id} — "
                              "give another prize, or take it from that idea first")


def _number(idea_id: str) -> tuple[int, str]:
    return (int(idea_id), "") if idea_id.isdigit() else (10**9, idea_id)
