"""The check on a ballot pull request: `cocreate votes check-pr`.

A voter may write their own ballot by hand and propose it in a pull request.
The check compares the pull request's portal with its base and passes only if
every ballot it changes is its author's own, it touches no vote the bots keep
(reactions and comments), it leaves `bot` alone and states `account_created`
as GitHub records it (checked with the API when a token is at hand), and every vote it
casts `via: ballot` counts under the challenge's rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from .catalog import Catalog
from .models import Ballot
from .rules import judge_ballot


def check_ballot_changes(head: Catalog, base: Catalog, author: str,
                         account_created: Callable[[str], datetime | None] | None) -> list[str]:
    """Every reason the pull request's ballot changes cannot be merged (none: it passes)."""
    problems = []
    # Every challenge of the base too: a pull request that removes a whole folder
    # removes every ballot in it.
    for slug in sorted(set(head.challenges) | set(base.challenges)):
        folder, before = head.challenges.get(slug), base.challenges.get(slug)
        new_ballots = folder.ballots if folder else {}
        old_ballots = before.ballots if before else {}
        for name in sorted(set(new_ballots) | set(old_ballots)):
            new = new_ballots[name].model if name in new_ballots else None
            old = old_ballots[name].model if name in old_ballots else None
            if new == old:
                continue
            path = f"{head.settings.challenges_dir}/{slug}/votes/{name}.yml"
            if name.lower() != author.lower():
                problems.append(f"{path}: this is {name}'s ballot, but the pull request is by "
                                f"{author} — a ballot pull request may change only its "
                                "author's own ballot")
                continue
            problems += _check_own_ballot(path, new, old, account_created)
            if new is not None and folder is not None:
                for vote, reason, _ in judge_ballot(new, folder, head):
                    if vote.via == "ballot" and reason is not None and (
                            old is None or vote not in old.votes):
                        problems.append(f"{path}: the vote for idea {vote.idea} would not "
                                        f"count: {reason}")
    return problems


def _check_own_ballot(path: str, new: Ballot | None, old: Ballot | None,
                      account_created: Callable[[str], datetime | None] | None) -> list[str]:
    problems = []
    kept_by_bots = [v for v in (old.votes if old else []) if v.via != "ballot"]
    if [v for v in (new.votes if new else []) if v.via != "ballot"] != kept_by_bots:
        problems.append(f"{path}: changes votes cast by reaction or comment — those are kept "
                        "by the portal; change only votes `via: ballot`")
    if new is None:
        return problems
    if new.bot != (old.bot if old else False):
        problems.append(f"{path}: `bot` is set by the portal from GitHub; leave it as it was")
    claimed = new.account_created
    if account_created is None:
        if claimed is not None and claimed != (old.account_created if old else None):
            problems.append(f"{path}: account_created cannot be checked without a token — "
                            "leave it as it was")
        return problems
    truth = account_created(new.voter)
    if truth is not None and claimed != truth:
        problems.append(f"{path}: account_created should be "
                        f"{truth.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}, when GitHub says the "
                        "account was made")
    return problems
