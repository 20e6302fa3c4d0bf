"""The check on a ballot pull request: `cocreate votes check-pr`.

A voter may write their own ballot by hand and propose it in a pull request.
The check compares the pull request's portal with its base and passes only if
every ballot it changes is its author's own (named after their login exactly as
GitHub spells it), it touches no vote the bots keep (reactions and comments), it
leaves `bot` alone and states `account_id` and `account_created` as GitHub
records them (checked with the API when a token is at hand), and every vote it
casts `via: ballot` counts under the challenge's rules.

A vote by ballot counts from the moment its pull request is merged into the
default branch (`generator.portal.ballot_history`), and that moment is no earlier
than this check: so votes by ballot may be added, changed or withdrawn only
while the challenge is voting, and each new one is judged as cast now,
whatever `at` it carries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from generator.contest.rules import judge_ballot
from generator.models import Ballot
from generator.models.stages import voting_window
from generator.portal.ballot_history import VoteKey, ballot_keys
from generator.portal.catalog import Catalog, ChallengeFolder


def check_ballot_changes(head: Catalog, base: Catalog, author: str,
                         account_created: Callable[[str], datetime | None] | None, *,
                         account_id: Callable[[str], int | None] | None = None) -> list[str]:
    """Every reason the pull request's ballot changes cannot be merged (none: it passes)."""
    problems = []
    author_id = account_id(author) if account_id is not None else None
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
            if name != author:
                problems.append(_not_own(path, name, author))
                continue
            problems += _check_own_ballot(path, new, old, account_created)
            rules = before or folder
            assert rules is not None  # the slug is in one of the two
            window = _window_problems(path, new, old, rules, base)
            problems += window
            if new is not None:
                problems += _check_account(path, new, old, author_id, account_id is not None)
            if new is not None and folder is not None and not window:
                entered = _entered_if_merged_now(path, new, old, head)
                for vote, reason, _ in judge_ballot(new, folder, head, entered):
                    if vote.via == "ballot" and reason is not None and (
                            old is None or vote not in old.votes):
                        problems.append(f"{path}: the vote for idea {vote.idea} would not "
                                        f"count: {reason}")
    return problems


def _window_problems(path: str, new: Ballot | None, old: Ballot | None,
                     rules: ChallengeFolder, base: Catalog) -> list[str]:
    """Votes by ballot change only while the challenge is voting, by the base's rules: the
    merge, from which they count, comes after this check."""
    if sorted(ballot_keys(new.votes if new else [])) == sorted(
            ballot_keys(old.votes if old else [])):
        return []
    opens, closes = voting_window(rules.challenge.timeline, base.settings.zone)
    if base.now < opens:
        return [f"{path}: voting in {rules.slug} opens on {_moment(opens)} — a vote by ballot "
                "counts from the moment its pull request is merged; propose it once voting "
                "has opened"]
    if closes is not None and base.now >= closes:
        return [f"{path}: voting in {rules.slug} closed on {_moment(closes)} — votes by "
                "ballot can no longer be added, changed or withdrawn"]
    return []


def _entered_if_merged_now(path: str, new: Ballot, old: Ballot | None,
                           head: Catalog) -> dict[VoteKey, datetime]:
    """When each vote by ballot will have entered the default branch once merged: a vote the
    base holds already when it did, a new one no earlier than now, this check's moment."""
    recorded = head.entered_votes(path)
    kept = set(ballot_keys(old.votes)) if old else set()
    return {key: recorded.get(key, head.now) if key in kept else head.now
            for key in ballot_keys(new.votes)}


def _moment(value: datetime) -> str:
    return f"{value:%-d %B %Y %H:%M %Z}"


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


def _not_own(path: str, name: str, author: str) -> str:
    if name.lower() == author.lower():
        return (f"{path}: the ballot is named {name}, but the pull request's author is "
                f"{author} — a ballot is named after its voter's login exactly as GitHub "
                f"spells it: name the file {author}.yml and set voter: {author}")
    return (f"{path}: this is {name}'s ballot, but the pull request is by {author} — a "
            "ballot pull request may change only its author's own ballot")


def _check_account(path: str, new: Ballot, old: Ballot | None, truth: int | None,
                  checked: bool) -> list[str]:
    """The ballot names its author's account by GitHub's id, which no rename changes."""
    if not checked:
        if new.account_id is None:
            return [f"{path}: account_id is missing — add your account's id, which GitHub "
                    f"shows as `id` at https://api.github.com/users/{new.voter}"]
        if new.account_id != (old.account_id if old else None):
            return [f"{path}: account_id cannot be checked without a token — leave it as it "
                    "was"]
        return []
    if truth is not None and new.account_id != truth:
        stated = "is missing" if new.account_id is None else f"is {new.account_id}"
        return [f"{path}: account_id {stated}, but GitHub's id for {new.voter}'s account is "
                f"{truth} — set account_id: {truth}"]
    return []
