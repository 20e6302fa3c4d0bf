"""👍 reactions on ideas' issues become votes: `cocreate votes sync`.

GitHub sends no event for a reaction, so the sync polls. One GraphQL query
reads up to 100 issues with their 👍 reactions (who, when, and when the
account was made); an issue with more than 100 reactions gets follow-up
queries. The sync then recomputes every reaction-sourced vote of each
challenge whose voting is open from scratch — a removed reaction removes the
vote — and rewrites only the ballots that changed. Challenges whose voting has
closed are not touched: after the close nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from github import GithubException

from .ballots import change_votes
from .catalog import Catalog
from .models import Vote
from .models.common import LOGIN_PATTERN
from .rules import DELETED_ACCOUNT
from .stages import is_voting_open

LOGIN = re.compile(LOGIN_PATTERN)
ISSUES_PER_QUERY = 100
REACTIONS = """reactions(content: THUMBS_UP, first: 100{after}) {{
      pageInfo {{ hasNextPage endCursor }}
      nodes {{ createdAt reactor {{ __typename
        ... on User {{ login createdAt }} ... on Bot {{ login createdAt }}
        ... on Organization {{ login createdAt }} ... on Mannequin {{ login createdAt }} }} }}
    }}"""


@dataclass(frozen=True)
class Reaction:
    """One 👍 on one issue."""

    issue: int
    login: str
    at: datetime
    account_created: datetime | None
    bot: bool


GraphQL = Callable[[str, dict[str, Any]], dict[str, Any]]


def graphql_with(requester: Any) -> GraphQL:
    """A GraphQL caller through PyGithub's requester (its retries and rate-limit waits)."""

    def call(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        try:
            _, data = requester.graphql_query(query, variables)
        except GithubException as error:
            # A deleted or transferred issue fails its alias, not the rest of the answer.
            partial = error.data.get("data") if isinstance(error.data, dict) else None
            if partial is None:
                raise
            return {"data": partial}
        return data  # type: ignore[no-any-return]

    return call


def fetch_reactions(graphql: GraphQL, repository: str,
                    numbers: list[int]) -> dict[int, list[Reaction]]:
    """Every 👍 on the given issues, ⌈N/100⌉ queries plus one per extra 100 on one issue."""
    owner, name = repository.split("/", 1)
    found: dict[int, list[Reaction]] = {number: [] for number in numbers}
    for start in range(0, len(numbers), ISSUES_PER_QUERY):
        chunk = numbers[start:start + ISSUES_PER_QUERY]
        reactions = REACTIONS.format(after="")
        fields = "\n".join(f"  i{n}: issue(number: {int(n)}) {{ number {reactions} }}"
                           for n in chunk)
        query = ("query($owner: String!, $name: String!) {\n"
                 f" repository(owner: $owner, name: $name) {{\n{fields}\n }}\n}}")
        repo = graphql(query, {"owner": owner, "name": name})["data"]["repository"] or {}
        for number in chunk:
            issue = repo.get(f"i{number}")
            if issue is None:
                continue  # the issue is gone: its reactions are too
            connection = issue["reactions"]
            found[number] += list(_read(number, connection["nodes"]))
            while connection["pageInfo"]["hasNextPage"]:
                connection = _next_page(graphql, owner, name, number,
                                        connection["pageInfo"]["endCursor"])
                found[number] += list(_read(number, connection["nodes"]))
    return found


def _next_page(graphql: GraphQL, owner: str, name: str, number: int,
               cursor: str) -> dict[str, Any]:
    query = ("query($owner: String!, $name: String!, $number: Int!, $after: String!) {\n"
             " repository(owner: $owner, name: $name) {\n"
             f"  issue(number: $number) {{ number {REACTIONS.format(after=', after: $after')} }}"
             "\n }\n}")
    data = graphql(query, {"owner": owner, "name": name, "number": number, "after": cursor})
    connection: dict[str, Any] = data["data"]["repository"]["issue"]["reactions"]
    return connection


def _read(number: int, nodes: list[dict[str, Any]]) -> Iterator[Reaction]:
    for node in nodes:
        reactor = node.get("reactor") or {}
        login = reactor.get("login") or DELETED_ACCOUNT
        if not LOGIN.match(login):
            continue  # not a GitHub login: nothing to name a ballot after
        created = reactor.get("createdAt")
        yield Reaction(
            issue=number, login=login, at=datetime.fromisoformat(node["createdAt"]),
            account_created=datetime.fromisoformat(created) if created else None,
            bot=reactor.get("__typename") == "Bot",
        )


def synced_ideas(catalog: Catalog) -> dict[int, tuple[str, str]]:
    """Issue number → (challenge, idea) for every idea whose challenge is voting now."""
    zone, now = catalog.settings.zone, catalog.now
    found = {}
    for slug, folder in catalog.challenges.items():
        if not is_voting_open(folder.challenge.timeline, zone, now):
            continue
        for idea_id, source in folder.ideas.items():
            number = source.model.issue or (int(idea_id) if idea_id.isdigit() else None)
            if number is not None:
                found[number] = (slug, idea_id)
    return found


def sync_ballots(catalog: Catalog, ideas: dict[int, tuple[str, str]],
                 reactions: dict[int, list[Reaction]]) -> Callable[[Path], list[str]]:
    """The change to a tree: every reaction vote of the synced challenges, from scratch."""
    folder_name = catalog.settings.challenges_dir
    challenges = sorted({slug for slug, _ in ideas.values()})

    def apply(root: Path) -> list[str]:
        wanted: dict[tuple[str, str], list[Reaction]] = {}
        for number, (slug, _) in ideas.items():
            for reaction in reactions.get(number, []):
                wanted.setdefault((slug, reaction.login), []).append(reaction)
        voters = set(wanted)
        for slug in challenges:
            votes_dir = root / folder_name / slug / "votes"
            voters |= {(slug, file.stem) for file in votes_dir.glob("*.yml")}
        changed = []
        for slug, login in sorted(voters):
            mine = wanted.get((slug, login), [])
            fresh = sorted((Vote(idea=ideas[r.issue][1], at=r.at, via="reaction")
                            for r in mine), key=lambda v: (v.at, v.idea))

            def replace(votes: list[Vote], fresh: list[Vote] = fresh) -> list[Vote]:
                return [v for v in votes if v.via != "reaction"] + fresh

            created = next((r.account_created for r in mine if r.account_created), None)
            file = root / folder_name / slug / "votes" / f"{login}.yml"
            bot = True if any(r.bot for r in mine) else None
            if change_votes(file, login, replace, account_created=created, bot=bot):
                changed.append(file.relative_to(root).as_posix())
        return changed

    return apply
