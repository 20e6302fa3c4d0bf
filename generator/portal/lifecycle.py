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
from generator.models.idea import StatusChange
from generator.portal.catalog import Catalog, Source
from generator.portal.schemas import schema_pointer
from generator.portal.writer import dump_model

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
                  prize: str | None = None) -> Path:
    """Record a status change with its official answer; returns the idea file written."""
    slug, idea_id, source = find_idea(catalog, reference)
    idea = source.model
    allowed = TRANSITIONS[idea.status]
    if status not in allowed:
        nexts = ", ".join(sorted(s.value for s in allowed)) or "none: it is final"
        raise StatusError(f"{slug}/{idea_id} is {idea.status.value}; it cannot become "
                          f"{status.value} (next: {nexts})")
    if (status is Status.DUPLICATE) != (duplicate_of is not None):
        raise StatusError("a duplicate names its original with --of ID, and only a duplicate")
    if duplicate_of is not None and duplicate_of not in catalog.challenges[slug].ideas:
        raise StatusError(f"--of {duplicate_of}: no such idea in {slug}")
    change = StatusChange(status=status, at=at, answer=answer, by=by)
    data = idea.model_dump(exclude_defaults=True)
    data.update(status=status, history=[*idea.history, change])
    if duplicate_of is not None:
        data["duplicate_of"] = duplicate_of
    if prize is not None:
        data["prize"] = prize
    try:
        updated = Idea.model_validate(data, context={"zone": catalog.settings.zone})
    except ValidationError as error:
        raise StatusError(str(error.errors(include_url=False)[0]["msg"])) from None
    file = catalog.root / source.path
    file.write_text(dump_model(updated, schema=schema_pointer("idea", 3)), "utf-8")
    return file

