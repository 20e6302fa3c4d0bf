"""`cocreate forget LOGIN`: erase a person from the portal's files.

Their ballots go. Their ideas stay, published under the licence they agreed
to, but under the name `ghost` (GitHub's own name for a deleted account), or
go too with `--remove-ideas` (with every vote, score and comment count they
received; an idea that others are marked duplicates of stays, as ghost's). As
a co-author they are taken off; as the maintainer who answered, their name
is taken off the answer; as a juror they become `former-juror-N`, and their
comments go. Any other mention of the login in text becomes `ghost`, in
every text field of every file, found by the models' types
(`generator.models.text`) so that a field added later is covered too. The
files are rewritten; Git history still holds the old ones until it is
rewritten too (see the privacy page).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.models import Ballot, Challenge, Discussion, Idea, Scorecard
from generator.models.text import RecordT, rewrite_text
from generator.portal.accounts import DELETED_ACCOUNT
from generator.portal.catalog import Catalog, ChallengeFolder
from generator.portal.schemas import schema_pointer
from generator.portal.writer import Edits, model_text


def _scrub(login: str) -> re.Pattern[str]:
    return re.compile(rf"@?(?<![\w-]){re.escape(login)}(?![\w-])", re.IGNORECASE)


def _context(catalog: Catalog) -> dict[str, Any]:
    return {"zone": catalog.settings.zone}


def _scrubbed(catalog: Catalog, record: RecordT, pattern: re.Pattern[str]) -> RecordT:
    """`record` with every mention of the login in its text, whichever field, made `ghost`."""
    rewritten = rewrite_text(record, lambda text: pattern.sub(DELETED_ACCOUNT, text))
    if rewritten is record:
        return record
    # held to its model again: the text changed length
    return type(record).model_validate(rewritten.model_dump(exclude_defaults=True),
                                       context=_context(catalog))


Record = Ballot | Idea | Scorecard | Challenge | Discussion


def _write(edits: Edits, catalog: Catalog, file: Path, model: Record, kind: str,
           before: Record | None) -> None:
    """Write `model`, editing only the lines that change in the file that held `before`."""
    schema = schema_pointer(kind, 2 if kind in ("challenge", "comments") else 3)
    text = file.read_text("utf-8") if before is not None and file.exists() else None
    edits.write(file, model_text(model, schema=schema, text=text, before=before,
                                 context=_context(catalog)))


def forget(catalog: Catalog, login: str, *, remove_ideas: bool = False,
           edits: Edits | None = None) -> list[str]:
    """Rewrite the portal without `login`; the paths changed, removed or renamed.

    Each write goes through `edits`, so that a caller can undo them all.
    """
    edits = edits if edits is not None else Edits()
    changed: list[str] = []
    pattern = _scrub(login)
    for folder in catalog.challenges.values():
        removed = _forget_ideas(edits, catalog, folder, login, pattern, remove_ideas, changed)
        _forget_ballots(edits, catalog, folder, login, pattern, removed, changed)
        _forget_jury(edits, catalog, folder, login, pattern, removed, changed)
        _forget_comment_counts(edits, catalog, folder, removed, changed)
    return changed


def _forget_ideas(edits: Edits, catalog: Catalog, folder: ChallengeFolder, login: str,
                  pattern: re.Pattern[str], remove: bool, changed: list[str]) -> set[str]:
    removed = set()
    is_them = login.lower()
    # An idea others are marked duplicates of stays (as ghost's): they point to it.
    originals = {source.model.duplicate_of for source in folder.ideas.values()}
    for idea_id, source in folder.ideas.items():
        idea = source.model
        file = catalog.root / source.path
        if idea.author.lower() == is_them and remove and idea_id in originals:
            changed.append(f"kept {source.path} as ghost's: other ideas are its duplicates")
        elif idea.author.lower() == is_them and remove:
            edits.remove(file)
            removed.add(idea_id)
            changed.append(f"removed {source.path}")
            continue
        data = idea.model_dump(exclude_defaults=True)
        if idea.author.lower() == is_them:
            data["author"] = DELETED_ACCOUNT
        data["coauthors"] = [c for c in idea.coauthors if c.lower() != is_them]
        data["history"] = [
            {**change.model_dump(exclude_defaults=True),
             **({"by": None} if (change.by or "").lower() == is_them else {})}
            for change in idea.history]
        for change in data["history"]:
            if change.get("by") is None:
                change.pop("by", None)
        updated = _scrubbed(catalog, Idea.model_validate(data, context=_context(catalog)),
                            pattern)
        if updated != idea:
            _write(edits, catalog, file, updated, "idea", idea)
            changed.append(f"rewrote {source.path}")
    return removed


def _forget_ballots(edits: Edits, catalog: Catalog, folder: ChallengeFolder, login: str,
                    pattern: re.Pattern[str], removed: set[str], changed: list[str]) -> None:
    for voter, source in folder.ballots.items():
        file = catalog.root / source.path
        logins = {voter, *source.model.former_logins}  # a renamed voter is one person
        if login.lower() in {name.lower() for name in logins}:
            edits.remove(file)
            changed.append(f"removed {source.path}")
            continue
        votes = [vote for vote in source.model.votes if vote.idea not in removed]
        if source.model.votes and not votes:  # every vote was for an idea removed
            edits.remove(file)
            changed.append(f"removed {source.path}")
            continue
        updated = _scrubbed(catalog, source.model.model_copy(update={"votes": votes}), pattern)
        if updated != source.model:
            _write(edits, catalog, file, updated, "ballot", source.model)
            changed.append(f"rewrote {source.path}")


def _forget_jury(edits: Edits, catalog: Catalog, folder: ChallengeFolder, login: str,
                 pattern: re.Pattern[str], removed: set[str], changed: list[str]) -> None:
    challenge = folder.challenge
    jurors = [j for j in challenge.jury if j.lower() == login.lower()]
    pseudonym = None
    updated_challenge = challenge
    if jurors:
        taken = {j.lower() for j in challenge.jury}
        pseudonym = next(f"former-juror-{n}" for n in range(1, 100)
                         if f"former-juror-{n}" not in taken)
        jury = [pseudonym if j.lower() == login.lower() else j for j in challenge.jury]
        updated_challenge = challenge.model_copy(update={"jury": jury})
    updated_challenge = _scrubbed(catalog, updated_challenge, pattern)
    if updated_challenge != challenge:
        _write(edits, catalog, catalog.root / folder.source.path, updated_challenge,
               "challenge", challenge)
        changed.append(f"rewrote {folder.source.path}")
    for juror, source in folder.scorecards.items():
        card = source.model
        mine = juror.lower() == login.lower()
        scores = [score.model_copy(update={"comment": None}) if mine else score
                  for score in card.scores if score.idea not in removed]
        updated = _scrubbed(catalog, card.model_copy(update={
            "scores": scores, "juror": pseudonym if mine else card.juror}), pattern)
        if updated == card:
            continue
        file = catalog.root / source.path
        if mine:
            edits.remove(file)
            file = file.with_name(f"{pseudonym}.yml")
            changed.append(f"renamed {source.path} to {file.name}")
            _write(edits, catalog, file, updated, "scorecard", None)
        else:
            changed.append(f"rewrote {source.path}")
            _write(edits, catalog, file, updated, "scorecard", card)


def _forget_comment_counts(edits: Edits, catalog: Catalog, folder: ChallengeFolder,
                           removed: set[str], changed: list[str]) -> None:
    """The vote sync's comment counts lose the ideas removed (they name no one)."""
    source = folder.discussion
    if source is None or not removed & {entry.idea for entry in source.model.ideas}:
        return
    file = catalog.root / source.path
    kept = [entry for entry in source.model.ideas if entry.idea not in removed]
    if kept:
        _write(edits, catalog, file, source.model.model_copy(update={"ideas": kept}),
               "comments", source.model)
        changed.append(f"rewrote {source.path}")
    else:
        edits.remove(file)
        changed.append(f"removed {source.path}")
