"""`cocreate votes check-pr`: a ballot pull request passes only with its author's own ballot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import cli

from .conftest import EXAMPLE_NOW, LOOPBACK_TOKEN
from .fake_github import FakeGitHub, account_id_of

VOTES = "challenges/zero-waste-packaging/votes"


@pytest.fixture
def base(portal: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "base"
    shutil.copytree(portal, copy)
    return copy




@pytest.fixture(autouse=True)
def olivia(request: pytest.FixtureRequest) -> None:
    if "github" in request.fixturenames:
        request.getfixturevalue("github").users["olivia-grant"] = "2018-04-02T08:00:00Z"


def check(portal: Path, base: Path, author: str, github: FakeGitHub | None) -> Result:
    env = {"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url} if github else {
        "GITHUB_TOKEN": ""}
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    "votes", "check-pr", "--base", str(base), "--author", author],
                              env=env)


def ballot(voter: str, idea: str = "35", created: str = "2018-04-02T08:00:00Z",
           points: int = 2, account: int | None = None) -> str:
    account = account_id_of(voter) if account is None else account
    return (f"voter: {voter}\naccount_id: {account}\naccount_created: {created}\nvotes:\n"
            f"  - idea: '{idea}'\n    at: 2026-11-21T10:00:00Z\n    via: ballot\n"
            f"    points: {points}\n")


def test_an_authors_own_valid_ballot_passes(portal: Path, base: Path,
                                            github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check(portal, base, "olivia-grant", github)
    assert result.exit_code == 0, result.output
    assert "ok: the ballot changes by olivia-grant follow the rules" in result.output


def test_someone_elses_ballot_fails(portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check(portal, base, "mallory", github)
    assert result.exit_code == 1
    assert "this is olivia-grant's ballot, but the pull request is by mallory" in result.output


def test_a_vote_that_would_not_count_fails(portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant", points=4), "utf-8")
    result = check(portal, base, "olivia-grant", github)
    assert result.exit_code == 1
    assert "the vote for idea 35 would not count: over the limit per idea" in result.output


def test_votes_kept_by_the_bots_cannot_be_edited_by_hand(portal: Path, base: Path,
                                                         github: FakeGitHub) -> None:
    file = portal / VOTES / "ben-adeyemi.yml"
    file.write_text(file.read_text("utf-8").replace("via: reaction", "via: ballot", 1), "utf-8")
    result = check(portal, base, "ben-adeyemi", github)
    assert result.exit_code == 1
    assert "changes votes cast by reaction or comment" in result.output


def test_a_false_account_age_is_caught(portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(
        ballot("olivia-grant", created="2010-01-01T00:00:00Z"), "utf-8")
    result = check(portal, base, "olivia-grant", github)
    assert result.exit_code == 1
    assert "account_created should be 2018-04-02T08:00:00Z" in result.output


def test_without_a_token_the_account_age_cannot_be_vouched_for(portal: Path,
                                                                base: Path) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check(portal, base, "olivia-grant", None)
    assert result.exit_code == 1
    assert "account_created cannot be checked without a token" in result.output


def test_a_pull_request_without_ballots_passes(portal: Path, base: Path) -> None:
    (portal / "content/about.md").write_text("# About\n\nNew words.\n", "utf-8")
    assert check(portal, base, "anyone", None).exit_code == 0
