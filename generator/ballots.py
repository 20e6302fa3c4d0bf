"""Changing ballot files: one file per voter per challenge, written by one writer.

The vote bots never edit YAML by hand: they read a ballot, change its votes,
and write it back with the deterministic writer, or delete it when no vote is
left. Writing the same votes twice gives the same bytes, so a run that
changes nothing commits nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .loader import read_yaml
from .models import Ballot, Vote
from .schemas import schema_pointer
from .writer import dump_model


def ballot_path(root: Path, challenges_dir: str, challenge: str, voter: str) -> Path:
    return root / challenges_dir / challenge / "votes" / f"{voter}.yml"


def read_ballot(file: Path, voter: str) -> Ballot:
    """The ballot in `file`, or an empty one for `voter` when there is none yet."""
    if not file.is_file():
        return Ballot(voter=voter)
    return Ballot.model_validate(read_yaml(file, file.name).data)


def write_ballot(file: Path, ballot: Ballot) -> bool:
    """Write the ballot (or remove the file when it has no votes); True if anything changed."""
    if not ballot.votes:
        if file.is_file():
            file.unlink()
            return True
        return False
    text = dump_model(ballot, schema=schema_pointer("ballot", 3))
    if file.is_file() and file.read_text("utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, "utf-8")
    return True


def change_votes(file: Path, voter: str, change: Callable[[list[Vote]], list[Vote]], *,
                 account_created: datetime | None = None, bot: bool | None = None) -> bool:
    """Apply `change` to a voter's votes, keeping everything else; True if the file changed."""
    ballot = read_ballot(file, voter)
    updates: dict[str, object] = {"votes": change(list(ballot.votes))}
    if account_created is not None and ballot.account_created is None:
        updates["account_created"] = account_created
    if bot is not None:
        updates["bot"] = bot
    return write_ballot(file, ballot.model_copy(update=updates))
