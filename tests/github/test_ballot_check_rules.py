"""The ballot pull-request check called directly: each refusal in full, with its file.

tests/github/test_ballot_check.py runs `cocreate votes check-pr` against the loopback GitHub;
here `check_ballot_changes` compares two copies of the example (the pull request's and
its base's) with GitHub's answers given as plain functions, so every sentence the
author reads is checked word for word, in milliseconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.github.votes.ballot_check import check_ballot_changes
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW
from tests.support.gitrepos import git

CHALLENGE = "zero-waste-packaging"  # voting from 1 November 2026 to 31 January 2028
VOTES = f"challenges/{CHALLENGE}/votes"
CREATED = datetime(2018, 4, 2, 8, 0, tzinfo=UTC)
ACCOUNT_ID = 4242


def ballot(voter: str = "olivia-grant", idea: str = "35", points: int = 2,
           created: str | None = "2018-04-02T08:00:00Z", account: int | None = ACCOUNT_ID,
           extra: str = "") -> str:
    lines = [f"voter: {voter}"]
    lines += [f"account_id: {account}"] if account is not None else []
    lines += [f"account_created: {created}"] if created else []
    lines += [extra] if extra else []
    return "\n".join(lines) + (f"\nvotes:\n  - idea: '{idea}'\n    at: 2026-11-21T10:00:00Z\n"
                               f"    via: ballot\n    points: {points}\n")


class PullRequest:
    """The base (the example) and the pull request's copy of it, loaded at `now`."""

    def __init__(self, portal: Path, tmp_path: Path) -> None:
        self.head = portal
        self.base = tmp_path / "base"
        shutil.copytree(portal, self.base)

    def write(self, name: str, text: str, *, on_base: bool = False) -> None:
        (self.base if on_base else self.head).joinpath(VOTES, f"{name}.yml").write_text(
            text, "utf-8")

    def check(self, author: str = "olivia-grant", *, token: bool = True,
              now: datetime = EXAMPLE_NOW) -> list[str]:
        head, base = load_catalog(self.head, now=now), load_catalog(self.base, now=now)
        created: Callable[[str], datetime | None] | None = None
        account_id: Callable[[str], int | None] | None = None
        if token:
            created = {"olivia-grant": CREATED}.get
            account_id = {"olivia-grant": ACCOUNT_ID}.get
        return check_ballot_changes(head, base, author, created, account_id=account_id)


@pytest.fixture
def pr(portal: Path, tmp_path: Path) -> PullRequest:
    return PullRequest(portal, tmp_path)


PATH = f"{VOTES}/olivia-grant.yml"


def test_an_authors_own_valid_ballot_passes_with_and_without_a_token(pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot())
    assert pr.check() == []
    assert pr.check(token=False) == [
        f"{PATH}: account_created cannot be checked without a token — leave it as it was",
        f"{PATH}: account_id cannot be checked without a token — leave it as it was"]


def test_a_ballot_under_another_spelling_of_the_authors_login_is_named_rightly(
        pr: PullRequest) -> None:
    pr.write("Olivia-Grant", ballot("Olivia-Grant"))
    assert pr.check() == [
        f"{VOTES}/Olivia-Grant.yml: the ballot is named Olivia-Grant, but the pull request's "
        "author is olivia-grant — a ballot is named after its voter's login exactly as GitHub "
        "spells it: name the file olivia-grant.yml and set voter: olivia-grant"]


def test_someone_elses_ballot_is_refused_and_the_check_goes_on(pr: PullRequest) -> None:
    (pr.head / VOTES / "lucy-cho.yml").unlink()
    pr.write("olivia-grant", ballot(points=4))
    assert pr.check() == [
        f"{VOTES}/lucy-cho.yml: this is lucy-cho's ballot, but the pull request is by "
        "olivia-grant — a ballot pull request may change only its author's own ballot",
        f"{PATH}: the vote for idea 35 would not count: over the limit per idea"]


def test_the_bots_votes_and_flag_are_left_alone(pr: PullRequest) -> None:
    file = pr.head / VOTES / "amira-haddad.yml"
    file.write_text(file.read_text("utf-8").replace("via: reaction", "via: ballot", 1)
                    + "bot: true\n", "utf-8")
    assert pr.check("amira-haddad", token=False) == [
        f"{VOTES}/amira-haddad.yml: changes votes cast by reaction or comment — those are kept "
        "by the portal; change only votes `via: ballot`",
        f"{VOTES}/amira-haddad.yml: `bot` is set by the portal from GitHub; leave it as it was",
        f"{VOTES}/amira-haddad.yml: account_id is missing — add your account's id, which "
        "GitHub shows as `id` at https://api.github.com/users/amira-haddad",
        f"{VOTES}/amira-haddad.yml: the vote for idea 34 would not count: bot or deleted "
        "account"]


def test_a_deleted_ballot_of_the_bots_votes_is_refused(pr: PullRequest) -> None:
    (pr.head / VOTES / "amira-haddad.yml").unlink()
    assert pr.check("amira-haddad") == [
        f"{VOTES}/amira-haddad.yml: changes votes cast by reaction or comment — those are kept "
        "by the portal; change only votes `via: ballot`"]


def test_a_false_account_age_or_id_is_told_what_github_says(pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot(created="2010-01-01T00:00:00Z", account=99))
    assert pr.check() == [
        f"{PATH}: account_created should be 2018-04-02T08:00:00Z, when GitHub says the "
        "account was made",
        f"{PATH}: account_id is 99, but GitHub's id for olivia-grant's account is 4242 — set "
        "account_id: 4242"]
    pr.write("olivia-grant", ballot(account=None))
    assert pr.check() == [
        f"{PATH}: account_id is missing, but GitHub's id for olivia-grant's account is 4242 — "
        "set account_id: 4242"]


def test_an_account_github_does_not_know_is_not_contradicted(pr: PullRequest) -> None:
    pr.write("nobody-known", ballot("nobody-known", account=7))
    assert pr.check("nobody-known") == []


def test_without_a_token_an_unchanged_account_stays_unchecked(pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot(idea="37", points=1), on_base=True)
    pr.write("olivia-grant", ballot(idea="35", points=1))
    assert pr.check(token=False) == []


def test_a_ballot_changed_before_voting_opens_or_after_it_closes_is_refused(
        pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot())
    before = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
    assert pr.check(now=before) == [
        f"{PATH}: voting in {CHALLENGE} opens on 1 November 2026 00:00 GMT — a vote by ballot "
        "counts from the moment its pull request is merged; propose it once voting has opened"]
    after = datetime(2028, 2, 1, 0, 0, tzinfo=UTC)
    assert pr.check(now=after) == [
        f"{PATH}: voting in {CHALLENGE} closed on 1 February 2028 00:00 GMT — votes by ballot "
        "can no longer be added, changed or withdrawn"]
    # The first second of voting, and the last one.
    assert pr.check(now=datetime(2026, 11, 1, 0, 0, tzinfo=UTC)) == []
    assert pr.check(now=datetime(2028, 1, 31, 23, 59, 59, tzinfo=UTC)) == []


def test_only_a_change_to_the_votes_by_ballot_is_held_to_the_window(pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot(), on_base=True)
    pr.write("olivia-grant", ballot(extra="former_logins: [olivia-g]"))
    assert pr.check(now=datetime(2028, 2, 1, tzinfo=UTC)) == []


def test_a_vote_the_base_holds_is_not_judged_again(pr: PullRequest) -> None:
    # Idea 35 is kept from the base; a new vote for 37 comes with it.
    pr.write("olivia-grant", ballot(points=3), on_base=True)
    pr.write("olivia-grant", ballot(points=3).replace(
        "points: 3\n", "points: 3\n  - idea: '37'\n    at: 2026-11-22T10:00:00Z\n"
        "    via: ballot\n    points: 3\n"))
    # 3 + 3 is over the budget of 5: only the new vote is refused.
    assert pr.check() == [f"{PATH}: the vote for idea 37 would not count: over budget"]


def test_removing_a_whole_challenge_folder_removes_its_ballots(pr: PullRequest) -> None:
    shutil.rmtree(pr.head / "challenges" / "suggestion-box")
    problems = pr.check("olivia-grant")
    assert problems[0] == (
        "challenges/suggestion-box/votes/ben-adeyemi.yml: this is ben-adeyemi's ballot, but the "
        "pull request is by olivia-grant — a ballot pull request may change only its author's "
        "own ballot")
    assert len(problems) == len(list((pr.base / "challenges/suggestion-box/votes").iterdir()))



def commit(root: Path, moment: str) -> None:
    """Commit the portal as it stands, entering the branch at `moment`."""
    env = {**os.environ, "GIT_COMMITTER_DATE": moment, "GIT_AUTHOR_DATE": moment}
    for arguments in (("add", "-A"), ("-c", "user.name=Owner", "-c", "user.email=o@example.com",
                                      "commit", "--quiet", "-m", "ballots")):
        subprocess.run(["git", *arguments], cwd=root, env=env, check=True, capture_output=True)


def two_votes(first: tuple[str, int], second: tuple[str, int] | None = None) -> str:
    votes = [first] if second is None else [first, second]
    return ballot(idea=first[0], points=first[1]).split("votes:\n")[0] + "votes:\n" + "".join(
        f"  - idea: '{idea}'\n    at: 2026-11-21T10:00:00Z\n    via: ballot\n"
        f"    points: {points}\n" for idea, points in votes)


def test_a_kept_vote_counts_from_when_it_entered_the_branch(pr: PullRequest) -> None:
    # On the branch since 5 November: 3 points for idea 35. The pull request adds 3 for
    # idea 37, listed first: counted in the order cast, the new vote is the one over budget.
    git(pr.head, "init", "--quiet", "--initial-branch=main")
    pr.write("olivia-grant", two_votes(("35", 3)))
    pr.write("olivia-grant", two_votes(("35", 3)), on_base=True)
    commit(pr.head, "2026-11-05T10:00:00Z")
    pr.write("olivia-grant", two_votes(("37", 3), ("35", 3)))
    assert pr.check() == [f"{PATH}: the vote for idea 37 would not count: over budget"]


def test_a_new_vote_counts_from_the_merge_whenever_the_branch_committed_it(
        pr: PullRequest) -> None:
    # The pull request's own commit is dated before voting opened: the vote is judged as
    # cast now, when a merge could bring it in, not at the commit's date.
    git(pr.head, "init", "--quiet", "--initial-branch=main")
    pr.write("olivia-grant", two_votes(("37", 1)))
    commit(pr.head, "2026-10-20T10:00:00Z")
    assert pr.check() == []


def test_an_author_with_votes_kept_by_the_bots_may_add_a_vote_by_ballot(
        pr: PullRequest) -> None:
    file = pr.head / VOTES / "amira-haddad.yml"
    file.write_text(file.read_text("utf-8").replace("account_created:", "account_id: 5150\n"
                                                    "account_created:")
                    + "  - idea: '35'\n    at: 2026-11-21T10:00:00Z\n    via: ballot\n", "utf-8")
    (pr.base / VOTES / "amira-haddad.yml").write_text(
        file.read_text("utf-8").split("  - idea: '35'")[0], "utf-8")
    # Her 👍 and comments stay as the bots keep them: only the new vote is judged.
    assert pr.check("amira-haddad", token=False) == [
        f"{VOTES}/amira-haddad.yml: the vote for idea 35 would not count: over budget"]


def test_a_bot_ballot_left_a_bot_is_not_told_about_bot(pr: PullRequest) -> None:
    pr.write("olivia-grant", ballot(extra="bot: true"), on_base=True)
    pr.write("olivia-grant", ballot(points=1, extra="bot: true"))
    assert pr.check() == [f"{PATH}: the vote for idea 35 would not count: bot or deleted account"]


@pytest.mark.parametrize("machine_zone", ["UTC", "Asia/Tokyo"])
def test_the_account_age_github_gives_is_written_in_utc(
        pr: PullRequest, machine_zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pr.write("olivia-grant", ballot(created="2010-01-01T00:00:00Z"))
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        problems = pr.check()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert problems == [f"{PATH}: account_created should be 2018-04-02T08:00:00Z, when GitHub "
                        "says the account was made"]


def test_a_pull_request_is_held_to_the_bases_window_not_its_own(pr: PullRequest) -> None:
    challenge = pr.head / "challenges" / CHALLENGE / "challenge.yml"
    text = challenge.read_text("utf-8")
    challenge.write_text(text.replace("voting_close: 2028-01-31", "voting_close: 2029-01-31")
                         .replace("results: 2028-03-01", "results: 2029-03-01"), "utf-8")
    pr.write("olivia-grant", ballot())
    assert pr.check(now=datetime(2028, 2, 1, tzinfo=UTC)) == [
        f"{PATH}: voting in {CHALLENGE} closed on 1 February 2028 00:00 GMT — votes by ballot "
        "can no longer be added, changed or withdrawn"]


def test_a_new_challenge_folder_in_the_pull_request_is_checked_too(pr: PullRequest) -> None:
    source, target = pr.head / "challenges" / "neighbourhood-events", "neighbourhood-events-2"
    shutil.copytree(source, pr.head / "challenges" / target)
    for idea in (pr.head / "challenges" / target / "ideas").iterdir():
        idea.write_text(re.sub(r"\nissue: \d+\n", "\n", idea.read_text("utf-8"))
                        .replace("challenge: neighbourhood-events", f"challenge: {target}"),
                        "utf-8")
    idea_id = sorted(p.stem for p in (source / "ideas").iterdir())[0]
    votes = pr.head / "challenges" / target / "votes"
    votes.mkdir()
    (votes / "olivia-grant.yml").write_text(ballot(idea=idea_id, points=1), "utf-8")
    (votes / "mallory.yml").write_text(ballot("mallory", idea=idea_id, points=1, account=7),
                                       "utf-8")
    # With no base to hold its rules, the folder is judged by its own timeline.
    assert pr.check() == [
        f"challenges/{target}/votes/mallory.yml: this is mallory's ballot, but the pull request "
        "is by olivia-grant — a ballot pull request may change only its author's own ballot",
        f"challenges/{target}/votes/olivia-grant.yml: voting in {target} opens on 16 January "
        "2028 00:00 GMT — a vote by ballot counts from the moment its pull request is merged; "
        "propose it once voting has opened"]
