"""👍 reactions on ideas' issues become votes: `cocreate votes sync`.

GitHub sends no event for a reaction, so the sync polls. One GraphQL query
reads up to 100 issues with their reaction groups, and from the 👍 group who
reacted (person or bot), when, and when the account was made; an issue with
more than 100 👍 gets follow-up queries. Every query is one GitHub's published
schema accepts (the tests run it against that schema). The sync then
recomputes every reaction-sourced vote of each challenge whose voting is open
from scratch — a removed reaction removes the
vote — and rewrites only the ballots that changed. Challenges whose voting has
closed are not touched: after the close nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.models import Vote
from generator.models.common import LOGIN_PATTERN
from generator.models.stages import is_voting_open
from generator.portal.accounts import DELETED_ACCOUNT
from generator.portal.ballots import AnotherAccount, change_votes, follow_accounts
from generator.portal.catalog import Catalog

LOGIN = re.compile(LOGIN_PATTERN)
ISSUES_PER_QUERY = 100
# GitHub's schema reaches who reacted, person or bot, only through an issue's reaction
# groups: a `ReactionGroup.reactors` edge carries the reactor (the `Reactor` union of
# User, Bot, Organization and Mannequin) and `reactedAt`. `Reaction.user` would be
# null for a bot, so a bot's 👍 could not be told from a deleted account's.
ACCOUNT = "login databaseId createdAt"
REACTORS = """reactionGroups {{ content reactors(first: 100{after}) {{
      pageInfo {{ hasNextPage endCursor }}
      edges {{ reactedAt node {{ __typename
        ... on User {{ {account} }} ... on Bot {{ {account} }}
        ... on Organization {{ {account} }} ... on Mannequin {{ {account} }} }} }}
    }} }}"""
THUMBS_UP = "THUMBS_UP"
# Every comment, with whether the bot (the token's account, the "viewer") has
# reacted to it: the comment workflow reacts to each command it answers, so an
# unanswered `/vote` is one whose run was lost, and the sync records it. A comment's
# id is read as `fullDatabaseId` (a BigInt sent as a string): comment ids have
# outgrown the 32-bit `databaseId`.
COMMENTS = """comments(first: 100{after}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ fullDatabaseId body createdAt lastEditedAt
        author {{ __typename login
          ... on User {{ databaseId createdAt }} ... on Bot {{ databaseId createdAt }}
          ... on Organization {{ databaseId createdAt }}
          ... on Mannequin {{ databaseId createdAt }} }}
        reactionGroups {{ content viewerHasReacted }} }}
    }}"""


@dataclass(frozen=True)
class Reaction:
    """One 👍 on one issue."""

    issue: int
    login: str
    at: datetime
    account_created: datetime | None
    bot: bool
    account_id: int | None = None  # GitHub's id of the account, whatever its login


@dataclass(frozen=True)
class IssueComment:
    """One comment on an idea's issue, as the sync reads it."""

    issue: int
    id: int
    login: str
    body: str
    at: datetime
    account_created: datetime | None
    bot: bool
    edited: bool  # its text now may not be what it said when it was posted
    answered: bool  # the bot has reacted to it
    account_id: int | None = None  # GitHub's id of the account, whatever its login


@dataclass
class IssueActivity:
    """What the sync read: the 👍 and the comments of each issue."""

    reactions: dict[int, list[Reaction]]
    comments: dict[int, list[IssueComment]]


GraphQL = Callable[[str, dict[str, Any]], dict[str, Any]]


def activity_query(numbers: list[int]) -> str:
    """One query for the 👍 and comments of up to 100 issues, each under its own alias."""
    reactors = REACTORS.format(after="", account=ACCOUNT)
    comments = COMMENTS.format(after="")
    fields = "\n".join(f"  i{int(n)}: issue(number: {int(n)}) {{ number {reactors}\n"
                       f"    {comments} }}" for n in numbers)
    return ("query($owner: String!, $name: String!) {\n"
            f" repository(owner: $owner, name: $name) {{\n{fields}\n }}\n}}")


def next_reactors_query() -> str:
    """The next 100 reactors of one issue (the cursor applies to each reaction group)."""
    reactors = REACTORS.format(after=", after: $after", account=ACCOUNT)
    return ("query($owner: String!, $name: String!, $number: Int!, $after: String!) {\n"
            " repository(owner: $owner, name: $name) {\n"
            f"  issue(number: $number) {{ number {reactors} }}\n }}\n}}")


def next_comments_query() -> str:
    """The next 100 comments of one issue."""
    comments = COMMENTS.format(after=", after: $after")
    return ("query($owner: String!, $name: String!, $number: Int!, $after: String!) {\n"
            " repository(owner: $owner, name: $name) {\n"
            f"  issue(number: $number) {{ number {comments} }}\n }}\n}}")


def thumbs_up(issue: dict[str, Any]) -> dict[str, Any] | None:
    """The 👍 group's reactors connection of an issue, if anyone gave one."""
    for group in issue.get("reactionGroups") or []:
        if group.get("content") == THUMBS_UP:
            reactors: dict[str, Any] = group["reactors"]
            return reactors
    return None


def fetch_activity(graphql: GraphQL, repository: str, numbers: list[int]) -> IssueActivity:
    """Every 👍 and comment on the given issues.

    ⌈N/100⌉ queries, plus one per further 100 👍 or 100 comments on one issue.
    """
    owner, name = repository.split("/", 1)
    found = IssueActivity({number: [] for number in numbers},
                          {number: [] for number in numbers})

    def more(query: str, number: int, cursor: str) -> dict[str, Any] | None:
        data = graphql(query, {"owner": owner, "name": name, "number": number, "after": cursor})
        issue: dict[str, Any] | None = (data["data"]["repository"] or {}).get("issue")
        return issue

    for start in range(0, len(numbers), ISSUES_PER_QUERY):
        chunk = numbers[start:start + ISSUES_PER_QUERY]
        data = graphql(activity_query(chunk), {"owner": owner, "name": name})
        repo = data["data"]["repository"] or {}
        for number in chunk:
            issue = repo.get(f"i{number}")
            if issue is None:
                continue  # the issue is gone: its reactions and comments are too
            reactors = thumbs_up(issue)
            while reactors is not None:
                found.reactions[number] += list(_read_reactions(number, reactors["edges"]))
                if not reactors["pageInfo"]["hasNextPage"]:
                    break
                page = more(next_reactors_query(), number, reactors["pageInfo"]["endCursor"])
                reactors = thumbs_up(page) if page else None
            comments: dict[str, Any] | None = issue["comments"]
            while comments is not None:
                found.comments[number] += list(_read_comments(number, comments["nodes"]))
                if not comments["pageInfo"]["hasNextPage"]:
                    break
                page = more(next_comments_query(), number, comments["pageInfo"]["endCursor"])
                comments = page["comments"] if page else None
    return found


def _account_created(account: dict[str, Any]) -> datetime | None:
    created = account.get("createdAt")
    return datetime.fromisoformat(created) if created else None


def _read_reactions(number: int, edges: list[dict[str, Any]]) -> Iterator[Reaction]:
    for edge in edges:
        reactor = edge.get("node") or {}
        login = reactor.get("login") or DELETED_ACCOUNT
        if not LOGIN.match(login):
            continue  # not a GitHub login: nothing to name a ballot after
        yield Reaction(
            issue=number, login=login, at=datetime.fromisoformat(edge["reactedAt"]),
            account_created=_account_created(reactor),
            bot=reactor.get("__typename") == "Bot", account_id=reactor.get("databaseId"),
        )


def _read_comments(number: int, nodes: list[dict[str, Any]]) -> Iterator[IssueComment]:
    for node in nodes:
        author = node.get("author") or {}
        login = author.get("login") or DELETED_ACCOUNT
        bot = author.get("__typename") == "Bot"
        if bot:
            login = f"{login}[bot]"  # GraphQL names a bot without the suffix REST shows
        elif not LOGIN.match(login):
            continue
        yield IssueComment(
            issue=number, id=int(node["fullDatabaseId"]), login=login,
            body=node.get("body") or "",
            at=datetime.fromisoformat(node["createdAt"]),
            account_created=_account_created(author), bot=bot,
            edited=node.get("lastEditedAt") is not None,
            answered=any(group.get("viewerHasReacted")
                         for group in node.get("reactionGroups") or []),
            account_id=author.get("databaseId"),
        )


def synced_ideas(catalog: Catalog) -> dict[int, tuple[str, str]]:
    """Issue number → (challenge, idea) for every idea whose challenge is voting now."""
    zone, now = catalog.settings.zone, catalog.now
    found = {}
    for slug, folder in catalog.challenges.items():
        if not is_voting_open(folder.challenge.timeline, zone, now):
            continue
        for idea_id, source in folder.ideas.items():
            # Only the issue an idea names votes for it: a hand-filed idea whose file
            # name happens to be an issue's number takes no votes from that issue.
            if source.model.issue is not None:
                found[source.model.issue] = (slug, idea_id)
    return found


def logins_now(activity: IssueActivity) -> dict[int, str]:
    """Account id → the login GitHub shows for it now, from every 👍 and comment read
    (the latest activity wins, should an account be renamed while the sync reads)."""
    seen = [(r.at, r.account_id, r.login) for found in activity.reactions.values()
            for r in found if not r.bot]
    seen += [(c.at, c.account_id, c.login) for found in activity.comments.values()
             for c in found if not c.bot]
    return {account: login for _, account, login in sorted(seen, key=lambda s: s[0])
            if account is not None and login != DELETED_ACCOUNT}


@dataclass
class Renames:
    """Filled in by the sync's change when it runs: each ballot moved to a new login,
    and each login whose file holds another account's ballot (left alone)."""

    moved: list[tuple[str, str, str]] = field(default_factory=list)  # challenge, old, new
    held: list[str] = field(default_factory=list)


def sync_ballots(catalog: Catalog, ideas: dict[int, tuple[str, str]],
                 reactions: dict[int, list[Reaction]], logins: dict[int, str] | None = None,
                 renames: Renames | None = None) -> Callable[[Path], list[str]]:
    """The change to a tree: every reaction vote of the synced challenges, from scratch.

    First each renamed account's ballot moves to its login now (`logins`, by
    account id), so the recount finds one ballot per account.
    """
    folder_name = catalog.settings.challenges_dir
    challenges = sorted({slug for slug, _ in ideas.values()})
    report = renames if renames is not None else Renames()

    def apply(root: Path) -> list[str]:
        report.moved.clear()  # a retried commit applies the change again, on a fresh tree
        report.held.clear()
        changed = []
        for slug in challenges:
            votes_dir = root / folder_name / slug / "votes"
            followed = follow_accounts(votes_dir, logins or {})
            report.moved += [(slug, old, new) for old, new in followed.moved]
            changed += [f"{folder_name}/{slug}/votes/{name}.yml" for name in followed.files()]
        wanted: dict[tuple[str, str], list[Reaction]] = {}
        for number, (slug, _) in ideas.items():
            for reaction in reactions.get(number, []):
                wanted.setdefault((slug, reaction.login), []).append(reaction)
        voters = set(wanted)
        for slug in challenges:
            votes_dir = root / folder_name / slug / "votes"
            voters |= {(slug, file.stem) for file in votes_dir.glob("*.yml")}
        for slug, login in sorted(voters):
            mine = wanted.get((slug, login), [])
            fresh = sorted((Vote(idea=ideas[r.issue][1], at=r.at, via="reaction")
                            for r in mine), key=lambda v: (v.at, v.idea))

            def replace(votes: list[Vote], fresh: list[Vote] = fresh) -> list[Vote]:
                return [v for v in votes if v.via != "reaction"] + fresh

            created = next((r.account_created for r in mine if r.account_created), None)
            file = root / folder_name / slug / "votes" / f"{login}.yml"
            bot = True if any(r.bot for r in mine) else None
            account = next((r.account_id for r in mine if r.account_id), None)
            try:
                if change_votes(file, login, replace, account_id=account,
                                account_created=created, bot=bot):
                    changed.append(file.relative_to(root).as_posix())
            except AnotherAccount as held:
                report.held.append(str(held))
        return list(dict.fromkeys(changed))

    return apply
