"""`cocreate votes check-pr`: a ballot pull request passes only with its author's own ballot."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import FakeGitHub, account_id_of

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


def check(portal: Path, base: Path, author: str, github: FakeGitHub | None,
          now: str = EXAMPLE_NOW.isoformat()) -> Result:
    env = {"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url} if github else {
        "GITHUB_TOKEN": ""}
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", now,
                                    "votes", "check-pr", "--base", str(base), "--author", author],
                              env=env)


def ballot(voter: str, idea: str = "35", created: str = "2018-04-02T08:00:00Z",
           points: int = 2, at: str = "2026-11-21T10:00:00Z",
           account: int | None = None) -> str:
    account = account_id_of(voter) if account is None else account
    return (f"voter: {voter}\naccount_id: {account}\naccount_created: {created}\nvotes:\n"
            f"  - idea: '{idea}'\n    at: {at}\n    via: ballot\n    points: {points}\n")


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


@pytest.mark.parametrize("now", ["2028-02-10T12:00:00Z",  # judging: voting closed on 31 January
                                 "2028-03-05T12:00:00Z"])  # results
def test_a_ballot_backdated_into_a_window_that_has_closed_is_refused(
        portal: Path, base: Path, github: FakeGitHub, now: str) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check(portal, base, "olivia-grant", github, now=now)
    assert result.exit_code == 1
    assert (f"{VOTES}/olivia-grant.yml: voting in zero-waste-packaging closed on 1 February "
            "2028 00:00 GMT — votes by ballot can no longer be added, changed or withdrawn"
            ) in result.output


def test_a_ballot_vote_withdrawn_after_the_close_is_refused(portal: Path, base: Path,
                                                            github: FakeGitHub) -> None:
    for folder in (portal, base):
        (folder / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    (portal / VOTES / "olivia-grant.yml").unlink()
    result = check(portal, base, "olivia-grant", github, now="2028-02-10T12:00:00Z")
    assert result.exit_code == 1
    assert "votes by ballot can no longer be added, changed or withdrawn" in result.output


def test_a_ballot_before_voting_opens_is_refused_whatever_date_it_carries(
        portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check(portal, base, "olivia-grant", github, now="2026-10-20T12:00:00Z")
    assert result.exit_code == 1
    assert ("voting in zero-waste-packaging opens on 1 November 2026 00:00 GMT — a vote by "
            "ballot counts from the moment its pull request is merged") in result.output


def test_the_date_a_voter_writes_neither_helps_nor_harms(portal: Path, base: Path,
                                                         github: FakeGitHub) -> None:
    """Judged as cast now, when the merge can come at the earliest: a date before voting
    opened or after it closes changes nothing."""
    for at in ("2020-01-01T00:00:00Z", "2031-01-01T00:00:00Z"):
        (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant", at=at), "utf-8")
        result = check(portal, base, "olivia-grant", github)
        assert result.exit_code == 0, result.output


def check_as(portal: Path, base: Path, author: str, association: str,
             github: FakeGitHub) -> Result:
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    "votes", "check-pr", "--base", str(base), "--author", author,
                                    "--author-association", association],
                              env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url})


def test_deleting_a_whole_challenge_folder_of_ballots_fails(portal: Path, base: Path,
                                                            github: FakeGitHub) -> None:
    shutil.rmtree(portal / "challenges/zero-waste-packaging")
    result = check(portal, base, "mallory", github)
    assert result.exit_code == 1
    assert f"{VOTES}/ben-adeyemi.yml: this is ben-adeyemi's ballot" in result.output
    assert f"{VOTES}/rosa-lindqvist.yml: this is rosa-lindqvist's ballot" in result.output


IDEA_49 = "challenges/zero-waste-packaging/ideas/49.yml"


def list_coauthors(root: Path, *names: str) -> None:
    file = root / IDEA_49
    listed = "".join(f"  - {name}\n" for name in names)
    text = file.read_text("utf-8").replace("coauthors:\n  - priya-raman\n",
                                           f"coauthors:\n{listed}" if names else "")
    file.write_text(text, "utf-8")


def test_a_coauthor_who_leaves_and_votes_for_the_idea_fails(portal: Path, base: Path,
                                                            github: FakeGitHub) -> None:
    list_coauthors(base, "priya-raman", "olivia-grant")
    list_coauthors(portal, "priya-raman")
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant", idea="49"), "utf-8")
    # a maintainer's own pull request may change who an idea belongs to, but not launder a vote
    result = check_as(portal, base, "olivia-grant", "OWNER", github)
    assert result.exit_code == 1
    assert (f"{VOTES}/olivia-grant.yml:5: the vote for idea 49 is a vote for olivia-grant's own "
            "idea: olivia-grant is its author or co-author in the base branch") in result.output


def test_only_a_maintainer_may_change_who_an_idea_belongs_to(portal: Path, base: Path,
                                                             github: FakeGitHub) -> None:
    list_coauthors(portal)
    result = check_as(portal, base, "priya-raman", "CONTRIBUTOR", github)
    assert result.exit_code == 1
    assert (f"{IDEA_49}:4: this pull request changes who idea 49 belongs to (author and "
            "co-authors), and only a maintainer's pull request may — ask a maintainer to make "
            "the change") in result.output
    assert check_as(portal, base, "hannah-lowe", "MEMBER", github).exit_code == 0


def test_removing_an_idea_is_a_maintainers_change_too(portal: Path, base: Path,
                                                      github: FakeGitHub) -> None:
    (portal / "challenges/zero-waste-packaging/ideas/42.yml").unlink()  # no votes yet
    result = check_as(portal, base, "mallory", "NONE", github)
    assert result.exit_code == 1
    assert ("challenges/zero-waste-packaging/ideas/42.yml: this pull request removes idea 42, "
            "and only a maintainer's pull request may") in result.output
