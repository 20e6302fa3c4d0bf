"""Changing ballot files: one file per voter per challenge, written by one writer.

The vote bots never edit YAML by hand: they read a ballot, change its votes,
and write it back with the deterministic writer, or delete it when no vote is
left. Writing the same votes twice gives the same bytes, so a run that
changes nothing commits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.models import Ballot, Vote
from generator.portal.loader import read_yaml
from generator.portal.schemas import schema_pointer
from generator.portal.writer import dump_model, replace_file


def ballot_path(root: Path, challenges_dir: str, challenge: str, voter: str) -> Path:
    return root / challenges_dir / challenge / "votes" / f"{voter}.yml"


def read_ballot(file: Path, voter: str) -> Ballot:
    """The ballot in `file`, or an empty one for `voter` when there is none yet."""
    if not file.is_file():
        return Ballot(voter=voter)
    return Ballot.model_validate(read_yaml(file, file.name).data)


def write_ballot(file: Path, ballot: Ballot) -> bool:
    """Write the ballot (or remove the file when it has no votes); True if anything changed."""
    return replace_file(file, dump_model(ballot, schema=schema_pointer("ballot", 3))
                        if ballot.votes else None)


class AnotherAccount(Exception):
    """A ballot file holds another account than the one a vote came from: GitHub gave its
    login to a new account after the first was renamed. Nothing is written."""


def change_votes(file: Path, voter: str, change: Callable[[list[Vote]], list[Vote]], *,
                 account_id: int | None = None, account_created: datetime | None = None,
                 bot: bool | None = None) -> bool:
    """Apply `change` to a voter's votes, keeping everything else; True if the file changed.

    With `account_id`, a ballot without one gets it, and a ballot of another account
    raises `AnotherAccount`: one file never holds two accounts' votes.
    """
    ballot = read_ballot(file, voter)
    if account_id is not None and ballot.account_id not in (None, account_id):
        raise AnotherAccount(f"{file.name} holds the votes of account {ballot.account_id}, "
                             f"not of {voter}'s account {account_id}")
    updates: dict[str, object] = {"votes": change(list(ballot.votes))}
    if account_id is not None:
        updates["account_id"] = account_id
    if account_created is not None and ballot.account_created is None:
        updates["account_created"] = account_created
    if bot is not None:
        updates["bot"] = bot
    return write_ballot(file, ballot.model_copy(update=updates))


@dataclass(frozen=True)
class Followed:
    """What `follow_accounts` changed: ballots moved (old name, new name), and ballots
    that got their account's id where they were."""

    moved: list[tuple[str, str]]
    filled: list[str]

    def files(self) -> list[str]:
        """The names of every ballot file written or removed."""
        return [*(name for move in self.moved for name in move), *self.filled]


def follow_accounts(votes_dir: Path, logins: Mapping[int, str]) -> Followed:
    """Put each account's ballot under the login GitHub shows for it now, with its id.

    `logins` maps account ids to the logins GitHub shows for them now. An
    account keeps its id through renames, so a ballot in `votes_dir` carrying
    the id under another name is the same voter, voting under the new login:
    it moves to `<login>.yml` with the old login added to `former_logins` (Git
    sees the rename). A ballot written before ids were kept is matched by its
    login, ignoring case as GitHub does: it gets the id, and moves if GitHub
    spells the login otherwise. A move is left out when `<login>.yml` already
    exists: two files of one account are for a maintainer to merge, and
    `validate` names both.
    """
    by_spelling = {login.lower(): (account, login) for account, login in logins.items()}
    followed = Followed([], [])
    for file in sorted(votes_dir.glob("*.yml")):
        ballot = read_ballot(file, file.stem)
        if ballot.account_id is not None:
            account, login = ballot.account_id, logins.get(ballot.account_id)
        else:
            account, login = by_spelling.get(file.stem.lower(), (0, None))
        if login is None:
            continue
        if login == file.stem:
            if ballot.account_id is None:
                write_ballot(file, ballot.model_copy(update={"account_id": account}))
                followed.filled.append(login)
            continue
        target = votes_dir / f"{login}.yml"
        if target.is_file():
            continue
        file.unlink()
        write_ballot(target, ballot.model_copy(update={
            "voter": login, "account_id": account,
            "former_logins": [*ballot.former_logins, ballot.voter]}))
        followed.moved.append((file.stem, login))
    return followed
