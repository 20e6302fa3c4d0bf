"""A voter is a GitHub account, not a spelling: one account, one ballot, one vote per idea.

GitHub logins are case-insensitive and can be renamed; an account's id never
changes. Issue 16, problems 3 (ballots under other spellings of one login) and
4 (a renamed account voting again), against the zero-waste challenge of the
example: budget voting, 5 points, at most 3 on one idea.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.contest.tally import tally_catalog, tally_challenge
from generator.github.api import GitHubDesk, connect
from generator.github.branches import GitBranches
from generator.github.committing import commit_with_retry
from generator.github.events import IssueCommentEvent
from generator.github.votes.comments import Apply, run_comment_vote
from generator.models import Ballot
from generator.portal.catalog import Source
from generator.portal.loader import parse_yaml
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import OLD_ACCOUNT, FakeGitHub, account_id_of
from tests.support.github_material import REPOSITORY, comment_event
from tests.support.gitrepos import clone, git, read_from

CHALLENGE = "zero-waste-packaging"
VOTES = f"challenges/{CHALLENGE}/votes"
IN_WINDOW = "2026-11-15T10:00:00Z"
Write = Callable[[str, str], Path]


def ballot(voter: str, *, account: int | None = None, idea: str = "37", points: int = 2,
           via: str = "ballot", at: str = "2026-11-21T10:00:00Z") -> str:
    lines = [f"voter: {voter}"]
    if account is not None:
        lines.append(f"account_id: {account}")
    lines += [f"account_created: {OLD_ACCOUNT}", "votes:", f"  - idea: '{idea}'",
              f"    at: {at}", f"    via: {via}", f"    points: {points}"]
    return "\n".join(lines) + "\n"


def validate(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                      "validate"])
    return result.exit_code, result.stderr.splitlines()[:-1]


# -- problem 3: one voter, many ballots by spelling -----------------------------------------

@pytest.fixture
def base(portal: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "base"
    shutil.copytree(portal, copy)
    return copy


def check_pr(portal: Path, base: Path, author: str, github: FakeGitHub) -> Result:
    return CliRunner().invoke(
        cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(), "votes", "check-pr",
              "--base", str(base), "--author", author],
        env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url})


def test_ballots_under_other_spellings_of_the_authors_login_are_refused_by_check_pr(
        portal: Path, base: Path, github: FakeGitHub) -> None:
    for spelling in ("Lucy-Cho", "LUCY-CHO"):  # GitHub answers each as lucy-cho
        (portal / VOTES / f"{spelling}.yml").write_text(ballot(spelling), "utf-8")
    result = check_pr(portal, base, "lucy-cho", github)
    assert result.exit_code == 1, result.output
    for spelling in ("Lucy-Cho", "LUCY-CHO"):  # each beside her own ballot, lucy-cho.yml
        assert f"{VOTES}/{spelling}.yml" in result.output
    assert "belong to one GitHub account" in result.output


def test_a_ballot_spelled_otherwise_than_its_authors_login_is_refused_by_check_pr(
        portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "Olivia-Grant.yml").write_text(ballot("Olivia-Grant"), "utf-8")
    result = check_pr(portal, base, "olivia-grant", github)
    assert result.exit_code == 1, result.output
    assert (f"{VOTES}/Olivia-Grant.yml: the ballot is named Olivia-Grant, but the pull "
            "request's author is olivia-grant — a ballot is named after its voter's login "
            "exactly as GitHub spells it: name the file olivia-grant.yml and set voter: "
            "olivia-grant") in result.output


def test_ballots_under_other_spellings_of_one_login_are_a_validate_error_naming_both(
        portal: Path, write: Write) -> None:
    write(f"{VOTES}/Lucy-Cho.yml", ballot("Lucy-Cho"))
    code, problems = validate(portal)
    assert code == 1
    assert problems == [
        f"{VOTES}/lucy-cho.yml:2: this ballot and {VOTES}/Lucy-Cho.yml belong to one GitHub "
        "account (a login that differs only in case), and one account votes once — keep one "
        "ballot per account, named after its login exactly as GitHub spells it: move the "
        "votes you mean into it and delete the other file"]


def test_the_tally_counts_one_ballot_of_an_account_with_several_spellings(
        portal: Path) -> None:
    # validate refuses such a portal; the tally still never counts the account twice
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    folder = catalog.challenges[CHALLENGE]
    before = tally_challenge(folder, catalog).by_id()["37"].votes
    for spelling, at in (("Lucy-Cho", "2026-11-21T10:00:00Z"),
                         ("LUCY-CHO", "2026-11-20T10:00:00Z")):
        # comment votes: their time is GitHub's, so they count without a merge to date them
        document = parse_yaml(ballot(spelling, at=at, via="comment"),
                              f"{VOTES}/{spelling}.yml")
        folder.ballots[spelling] = Source(Ballot.model_validate(document.data), document)
    tally = tally_challenge(folder, catalog)
    # lucy-cho's own ballot (her votes of 6 November) is set aside for the latest one
    assert tally.by_id()["37"].votes == before + 2
    set_aside = sorted((e.voter, e.idea) for e in tally.excluded
                       if e.reason == "another ballot of the same account counts")
    assert set_aside == [("LUCY-CHO", "37"), ("lucy-cho", "35"), ("lucy-cho", "38")]


def test_a_pull_request_without_the_authors_account_id_is_told_the_right_one(
        portal: Path, base: Path, github: FakeGitHub) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = check_pr(portal, base, "olivia-grant", github)
    assert result.exit_code == 1
    expected = account_id_of("olivia-grant")
    assert (f"{VOTES}/olivia-grant.yml: account_id is missing, but GitHub's id for "
            f"olivia-grant's account is {expected} — set account_id: {expected}"
            ) in result.output

    (portal / VOTES / "olivia-grant.yml").write_text(
        ballot("olivia-grant", account=expected), "utf-8")
    assert check_pr(portal, base, "olivia-grant", github).exit_code == 0


def test_without_a_token_a_ballot_pull_request_must_still_state_its_account_id(
        portal: Path, base: Path) -> None:
    (portal / VOTES / "olivia-grant.yml").write_text(ballot("olivia-grant"), "utf-8")
    result = CliRunner().invoke(
        cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(), "votes", "check-pr",
              "--base", str(base), "--author", "olivia-grant"], env={"GITHUB_TOKEN": ""})
    assert result.exit_code == 1
    assert (f"{VOTES}/olivia-grant.yml: account_id is missing — add your account's id, which "
            "GitHub shows as `id` at https://api.github.com/users/olivia-grant"
            ) in result.output


def test_a_pull_request_by_a_renamed_account_beside_its_old_ballot_is_refused(
        portal: Path, base: Path, github: FakeGitHub, write: Write) -> None:
    # lucy-cho became lucy-bakes; her ballot, written before, still carries her id
    old = portal / VOTES / "lucy-cho.yml"
    old.write_text(old.read_text("utf-8").replace(
        "voter: lucy-cho\n", f"voter: lucy-cho\naccount_id: {account_id_of('lucy-bakes')}\n"),
        "utf-8")
    shutil.copy(old, base / VOTES / "lucy-cho.yml")
    write(f"{VOTES}/lucy-bakes.yml", ballot("lucy-bakes", account=account_id_of("lucy-bakes")))
    result = check_pr(portal, base, "lucy-bakes", github)
    assert result.exit_code == 1
    assert validate(portal)[1] == [
        f"{VOTES}/lucy-cho.yml:3: this ballot and {VOTES}/lucy-bakes.yml belong to one GitHub "
        f"account (the same account_id {account_id_of('lucy-bakes')}), and one account votes "
        "once — keep one ballot per account, named after its login exactly as GitHub spells "
        "it: move the votes you mean into it and delete the other file"]


# -- problem 4: renaming an account votes again ---------------------------------------------

LOGINS = ("amelie-roux", "amelie-r", "amelie-bakes", "a-roux", "roux-amelie")
AMELIE = 4_242_424


def sync(remote: Path, github: FakeGitHub, tmp_path: Path, run: int) -> Result:
    checkout = clone(remote, tmp_path / f"sync-{run}")
    return CliRunner().invoke(cli, ["--root", str(checkout), "--now", EXAMPLE_NOW.isoformat(),
                                    "votes", "sync"],
                              env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url,
                                   "GITHUB_REF_NAME": "main"})


def ballots_on(remote: Path) -> dict[str, dict[str, Any]]:
    names = git(remote, "ls-tree", "--name-only", f"main:{VOTES}").split()
    return {name.removesuffix(".yml"): parse_yaml(read_from(remote, f"{VOTES}/{name}") or "",
                                                  name).data for name in names}


def test_an_account_renamed_four_times_keeps_one_ballot_and_one_vote_per_idea(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    for run, login in enumerate(LOGINS):
        # GitHub shows an account's 👍 under its login of the moment, with the same id
        github.thumbs = {number: [r for r in found if r["reactor"]["databaseId"] != AMELIE]
                         for number, found in github.thumbs.items()}
        github.thumb(35, login, IN_WINDOW, database_id=AMELIE)
        github.thumb(37, login, "2026-11-16T10:00:00Z", database_id=AMELIE)
        result = sync(remote, github, tmp_path, run)
        assert result.exit_code == 0, result.output
        if run:
            assert (f"{CHALLENGE}: {LOGINS[run - 1]}'s ballot moved to {login}.yml: GitHub "
                    f"shows the same account under the login {login} now") in result.output

    ballots = ballots_on(remote)
    assert [name for name in ballots if name in LOGINS] == ["roux-amelie"]
    assert ballots["roux-amelie"]["account_id"] == str(AMELIE)
    assert ballots["roux-amelie"]["former_logins"] == list(LOGINS[:-1])
    assert [v["idea"] for v in ballots["roux-amelie"]["votes"]] == ["35", "37"]
    # Git follows the ballot through every rename
    history = git(remote, "log", "--follow", "--format=%s", "--", f"{VOTES}/roux-amelie.yml")
    assert len(history.splitlines()) == len(LOGINS)

    checkout = clone(remote, tmp_path / "tally")
    [tally] = [t for t in tally_catalog(load_catalog(checkout, now=EXAMPLE_NOW))
               if t.challenge == CHALLENGE]
    assert {e.voter for e in tally.excluded} & set(LOGINS) == set()
    counted = tally.counted.points
    assert [voter for voter in counted["35"] if voter in LOGINS] == ["roux-amelie"]
    assert [voter for voter in counted["37"] if voter in LOGINS] == ["roux-amelie"]

    audit = Planner(load_catalog(checkout, now=EXAMPLE_NOW), make_environment())
    [page] = [spec.source() for spec in audit.plan()
              if spec.path == f"challenges/{CHALLENGE}/audit.md"]
    assert "## Renamed accounts" in page
    assert "- @roux-amelie, formerly @amelie-roux, @amelie-r, @amelie-bakes and @a-roux" in page


def test_the_sync_fills_in_the_account_id_of_an_older_ballot(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    github.thumb(40, "lucy-cho", IN_WINDOW, database_id=AMELIE)
    assert sync(remote, github, tmp_path, 0).exit_code == 0
    lucy = ballots_on(remote)["lucy-cho"]
    assert lucy["account_id"] == str(AMELIE)
    assert [v["idea"] for v in lucy["votes"]] == ["35", "38", "40"]  # her comments kept


def test_any_comment_gives_an_older_ballot_its_account_id(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    github.add_issue(35, login="someone")
    github.add_comment(35, "Lovely idea.", {"login": "ben-adeyemi", "type": "User",
                                            "id": AMELIE})
    assert sync(remote, github, tmp_path, 0).exit_code == 0
    assert ballots_on(remote)["ben-adeyemi"]["account_id"] == str(AMELIE)


def test_the_sync_moves_an_older_ballot_to_its_login_as_github_spells_it(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    github.thumb(40, "Lucy-Cho", IN_WINDOW, database_id=AMELIE)  # GitHub's spelling now
    result = sync(remote, github, tmp_path, 0)
    assert result.exit_code == 0, result.output
    ballots = ballots_on(remote)
    assert "lucy-cho" not in ballots
    lucy = ballots["Lucy-Cho"]
    assert (lucy["account_id"], lucy["former_logins"]) == (str(AMELIE), ["lucy-cho"])
    assert [v["idea"] for v in lucy["votes"]] == ["35", "38", "40"]
    assert validate(clone(remote, tmp_path / "check")) == (0, [])


def test_a_login_given_up_and_taken_by_another_account_does_not_inherit_its_ballot(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    github.thumb(40, "lucy-cho", IN_WINDOW, database_id=AMELIE)
    sync(remote, github, tmp_path, 0)
    github.thumbs = {}
    github.thumb(37, "lucy-cho", IN_WINDOW, database_id=AMELIE + 1)  # someone else now
    result = sync(remote, github, tmp_path, 1)
    assert result.exit_code == 0, result.output
    assert (f"left alone: lucy-cho.yml holds the votes of account {AMELIE}, not of lucy-cho's "
            f"account {AMELIE + 1}") in result.output
    assert [v["idea"] for v in ballots_on(remote)["lucy-cho"]["votes"]] == ["35", "38", "40"]


def test_a_vote_comment_from_a_renamed_account_moves_its_ballot(
        remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
    for number in (35, 37):
        github.add_issue(number, login="someone")
    for run, (login, number) in enumerate((("amelie-roux", 35), ("amelie-bakes", 37))):
        payload = comment_event("/vote", number=number, login=login, comment_id=7000 + run,
                                account_id=AMELIE)
        comment = payload["comment"]
        github.add_comment(number, "/vote", comment["user"], created=comment["created_at"],
                           comment_id=comment["id"])
        checkout = clone(remote, tmp_path / f"comment-{run}")
        branches = GitBranches(checkout)

        def commit(apply: Apply, message: str, branches: GitBranches = branches) -> str | None:
            return commit_with_retry(branches, "main", apply, message, pause=lambda _: None)

        run_comment_vote(IssueCommentEvent.model_validate(payload),
                         load_catalog(checkout, now=EXAMPLE_NOW),
                         GitHubDesk(connect(LOOPBACK_TOKEN, github.url, write_pause=0,
                                            read_pause=0), REPOSITORY), commit, lambda _: None)
    ballots = ballots_on(remote)
    assert "amelie-roux" not in ballots
    amelie = ballots["amelie-bakes"]
    assert (amelie["account_id"], amelie["former_logins"]) == (str(AMELIE), ["amelie-roux"])
    assert [(v["idea"], v["via"]) for v in amelie["votes"]] == [("35", "comment"),
                                                                 ("37", "comment")]
    assert {content for _, content in github.reactions} == {"+1"}


def test_forgetting_a_former_login_removes_the_renamed_voters_ballot(portal: Path,
                                                                    write: Write) -> None:
    write(f"{VOTES}/lucy-bakes.yml", ballot("lucy-bakes", account=AMELIE) + (
        "former_logins:\n  - lucy-old\n"))
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "forget", "lucy-old"])
    assert result.exit_code == 0, result.output
    assert not (portal / VOTES / "lucy-bakes.yml").exists()
