"""`cocreate votes sync`: 👍 reactions read with GraphQL from a loopback GitHub, into ballots."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.contest.tally import tally_catalog
from generator.portal.loader import parse_yaml
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import FakeGitHub, start
from tests.support.github_material import REPOSITORY
from tests.support.gitrepos import clone, git, push_to_bare_remote, read_from

CHALLENGE = "zero-waste-packaging"
BALLOTS = f"challenges/{CHALLENGE}/votes"
IN_WINDOW = "2026-11-15T10:00:00Z"






Sync = Callable[..., Result]


@pytest.fixture
def sync(remote: Path, github: FakeGitHub, tmp_path: Path) -> Sync:
    """One scheduled run: a fresh clone, then `cocreate votes sync` with a token."""
    runs = iter(range(100))

    def run(now: str = EXAMPLE_NOW.isoformat()) -> Result:
        checkout = clone(remote, tmp_path / f"sync-{next(runs)}")
        return CliRunner().invoke(cli, ["--root", str(checkout), "--now", now, "votes", "sync"],
                                  env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url,
                                       "GITHUB_REF_NAME": "main"})

    return run


def ballot(remote: Path, voter: str) -> dict[str, Any] | None:
    text = read_from(remote, f"{BALLOTS}/{voter}.yml")
    return None if text is None else parse_yaml(text, "ballot").data


def reaction_votes(remote: Path, voter: str) -> list[str]:
    found = ballot(remote, voter)
    return [] if found is None else [v["idea"] for v in found["votes"] if v["via"] == "reaction"]


def published_tally(remote: Path, tmp_path: Path) -> dict[str, Any]:
    checkout = clone(remote, tmp_path / "tally")
    [tally] = [t for t in tally_catalog(load_catalog(checkout, now=EXAMPLE_NOW))
               if t.challenge == CHALLENGE]
    return {"votes": {i.id: i.votes for i in tally.ideas},
            "excluded": {(e.voter, e.idea): e.reason for e in tally.excluded}}


def test_reactions_added_and_removed_between_syncs(sync: Sync, github: FakeGitHub,
                                                   remote: Path) -> None:
    github.thumb(35, "olivia-grant", IN_WINDOW)
    result = sync()
    assert result.exit_code == 0, result.output
    # zero-waste (7 ideas) and the evergreen suggestion box (5) are voting now
    assert "read 1 👍 on 12 ideas in 1 GraphQL query" in result.output
    assert reaction_votes(remote, "olivia-grant") == ["35"]
    assert ballot(remote, "olivia-grant")["account_created"] == "2015-03-01T00:00:00Z"  # type: ignore[index]

    github.unthumb(35, "olivia-grant")
    github.thumb(37, "olivia-grant", "2026-11-16T10:00:00Z")
    sync()
    assert reaction_votes(remote, "olivia-grant") == ["37"]

    github.unthumb(37, "olivia-grant")
    sync()
    assert ballot(remote, "olivia-grant") is None


def test_a_second_sync_with_nothing_new_commits_nothing(sync: Sync, github: FakeGitHub,
                                                        remote: Path) -> None:
    github.thumb(35, "olivia-grant", IN_WINDOW)
    sync()
    head = git(remote, "rev-parse", "main")
    assert "no ballot changed" in sync().output
    assert git(remote, "rev-parse", "main") == head


def test_the_rules_apply_to_reactions(sync: Sync, github: FakeGitHub, remote: Path,
                                      tmp_path: Path) -> None:
    github.thumb(35, "ines-duarte", IN_WINDOW)  # she also voted /vote 2 for 35 by comment
    github.thumb(34, "lucy-cho", IN_WINDOW)  # her own idea
    github.thumb(35, "new-kid", IN_WINDOW, created="2026-11-14T10:00:00Z")
    github.thumb(35, "helper", IN_WINDOW, kind="Bot")
    github.thumb(35, "early-bird", "2026-10-20T10:00:00Z")  # before voting opened, still there
    sync()
    assert ballot(remote, "helper")["bot"] == "true"  # type: ignore[index]
    tally = published_tally(remote, tmp_path)
    assert tally["excluded"][("lucy-cho", "34")] == "self-vote"
    assert tally["excluded"][("new-kid", "35")] == "account too new"
    assert tally["excluded"][("helper", "35")] == "bot or deleted account"
    assert ("early-bird", "35") not in tally["excluded"]
    # ines-duarte's 👍 (15 Nov) is later than her /vote 2 (9 Nov): it replaces it, once.
    assert tally["excluded"][("ines-duarte", "35")] == "replaced by a later vote for the same idea"


def test_after_the_close_nothing_changes(sync: Sync, github: FakeGitHub, remote: Path) -> None:
    head = git(remote, "rev-parse", "main")
    github.thumb(35, "late-comer", "2028-02-02T10:00:00Z")
    github.unthumb(35, "ines-duarte")
    result = sync(now="2028-02-02T12:00:00Z")  # zero-waste closed on 31 January 2028
    assert result.exit_code == 0, result.output
    assert "on 9 ideas" in result.output  # the suggestion box, and neighbourhood events now
    assert git(remote, "diff", "--stat", head, "main", "--", f"challenges/{CHALLENGE}") == ""
    assert ballot(remote, "late-comer") is None


def test_errors_mid_sync_are_retried_and_the_result_is_the_same(
        sync: Sync, github: FakeGitHub, remote: Path, tmp_path: Path) -> None:
    for n, login in enumerate(["amy-k", "bob-l", "cat-m"]):
        github.thumb((35, 37, 38)[n], login, IN_WINDOW)
    github.fail("POST", r"^/graphql$", 502, times=1)
    github.fail("POST", r"^/graphql$", 403, times=1, headers={"Retry-After": "1"},
                message="You have exceeded a secondary rate limit.")
    result = sync()
    assert result.exit_code == 0, result.output
    assert github.requests.count(("POST", "/graphql")) == 3
    assert [reaction_votes(remote, login) for login in ["amy-k", "bob-l", "cat-m"]] == [
        ["35"], ["37"], ["38"]]


def test_a_failed_sync_leaves_the_repository_as_it_was(sync: Sync, github: FakeGitHub,
                                                       remote: Path) -> None:
    head = git(remote, "rev-parse", "main")
    github.thumb(35, "amy-k", IN_WINDOW)
    github.fail("POST", r"^/graphql$", 500, times=50)
    result = sync()
    assert result.exit_code == 1
    assert git(remote, "rev-parse", "main") == head
    github.faults.clear()
    assert sync().exit_code == 0  # the next run converges
    assert reaction_votes(remote, "amy-k") == ["35"]


def test_requests_stay_within_the_budget(portal: Path, tmp_path: Path) -> None:
    ideas = portal / "challenges" / CHALLENGE / "ideas"
    template = (ideas / "35.yml").read_text("utf-8")
    for number in range(100, 293):  # 193 more ideas: 200 in all
        (ideas / f"{number}.yml").write_text(template.replace("issue: 35", f"issue: {number}"))
    remote = push_to_bare_remote(portal, tmp_path)
    fake = FakeGitHub(REPOSITORY, LOOPBACK_TOKEN, remote=remote)
    server = start(fake)
    try:
        for n in range(250):  # one idea with 250 👍: two pages more
            fake.thumb(35, f"fan-{n}", IN_WINDOW)
        fake.gone.add(150)  # a deleted issue does not stop the others
        checkout = clone(remote, tmp_path / "checkout")
        result = CliRunner().invoke(cli, ["--root", str(checkout), "--now",
                                          EXAMPLE_NOW.isoformat(), "votes", "sync"],
                                    env={"GITHUB_TOKEN": LOOPBACK_TOKEN,
                                         "GITHUB_API_URL": fake.url})
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    # 200 ideas here and 5 in the evergreen suggestion box; 250 👍 on one: 2 more pages
    assert fake.graphql_requests == math.ceil(205 / 100) + 2
    assert [m for m, _ in fake.requests] == ["POST"] * fake.graphql_requests  # no REST calls
    assert read_from(remote, f"{BALLOTS}/fan-249.yml") is not None  # page three was read
