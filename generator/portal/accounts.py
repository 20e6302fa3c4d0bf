"""A voter is a GitHub account, not a spelling of its login.

GitHub logins are case-insensitive (`Lucy-Cho` and `lucy-cho` are one
account) and can be renamed, while an account's id never changes. A ballot
names its account by both: `voter` (the login, which the file is named after)
and `account_id`. Two ballots belong to one account when they share an id, or
when their logins are equal ignoring case; this module finds them, so that
`validate` can refuse them and the tally can count the account once. (The vote
bots move a renamed account's ballot instead of starting a second one:
`ballots.follow_accounts`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from generator.models import Ballot
from generator.models.common import LOGIN_PATTERN, When, to_instant
from generator.portal.problems import Problem, ProblemsFound

_WHEN: TypeAdapter[date | datetime] = TypeAdapter(When)

_NEVER = datetime.min.replace(tzinfo=UTC)
DELETED_ACCOUNT = "ghost"  # GitHub shows a deleted account's activity under this login


def same_account_groups(ballots: Mapping[str, Ballot]) -> list[list[str]]:
    """The names of ballots that belong to one account, each group sorted, for every
    account with more than one ballot."""
    parent = {name: name for name in ballots}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    first_by_key: dict[object, str] = {}
    for name in sorted(ballots):
        ballot = ballots[name]
        keys: list[object] = [("login", ballot.voter.lower()), ("login", name.lower())]
        if ballot.account_id is not None:
            keys.append(("id", ballot.account_id))
        for key in keys:
            other = first_by_key.setdefault(key, name)
            parent[root(name)] = root(other)
    groups: dict[str, list[str]] = {}
    for name in sorted(ballots):
        groups.setdefault(root(name), []).append(name)
    return [names for names in groups.values() if len(names) > 1]


def counting_ballot(names: list[str], latest: Callable[[str], datetime | None]) -> str:
    """Of one account's ballots, the one that counts: the one holding its latest vote, by
    `latest` (the moment GitHub or Git recorded each ballot's latest vote; ties, and
    ballots with none, go to the first name in sorted order)."""
    return max(sorted(names), key=lambda name: latest(name) or _NEVER)  # first of equals


def read_rehearsal_accounts(file: Path, zone: tzinfo) -> dict[str, datetime]:
    """`--accounts FILE`: when each GitHub account was created, by login (ignoring case),
    for rehearsing votes without GitHub. Lines such as `lucy-cho: 2019-04-02`."""
    from generator.portal.loader import read_yaml  # the strict reader, as for every file

    document = read_yaml(file, file.name)
    if not isinstance(document.data, dict):
        raise ProblemsFound([Problem(file.name, 1, "is not a list of accounts",
                                     "write one line per account: `login: creation date`, "
                                     "such as `lucy-cho: 2019-04-02`")])
    accounts, problems = {}, []
    for login, created in document.data.items():
        line = document.line_of((login,))
        if not isinstance(login, str) or not re.fullmatch(LOGIN_PATTERN, login):
            problems.append(Problem(file.name, line, f"{login!r} is not a GitHub login",
                                    "write a GitHub user name, such as octocat"))
            continue
        try:
            moment = _WHEN.validate_python(created)
        except ValidationError:
            problems.append(Problem(file.name, line, f"{login}: {created!r} is not a date",
                                    "write when the account was created as YYYY-MM-DD"))
            continue
        accounts[login.lower()] = to_instant(moment, zone)
    if problems:
        raise ProblemsFound(problems)
    return accounts
