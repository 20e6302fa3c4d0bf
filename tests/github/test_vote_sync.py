"""The sync catches up `/vote` comments whose own workflow run was lost.

A burst of comments on one issue can cancel pending comment runs; the
periodic sync reads every comment with GraphQL (from a stand-in that executes
only schema-valid documents) and records and answers those no run answered.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.github.api import GitHubDesk, connect, graphql_with
from generator.github.branches import GitBranches
from generator.github.committing import commit_with_retry
from generator.github.events import IssueCommentEvent
from generator.github.votes.comments import (
    Apply,
    NotAVote,
    Recorded,
    decide_comment,
    run_comment_vote,
)
from generator.github.votes.reactions import synced_ideas
from generator.github.votes.sync import SyncReport, run_vote_sync
from generator.portal.loader import parse_yaml
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import FakeGitHub
from tests.support.github_material import REPOSITORY, comment_event
from tests.support.gitrepos import clone, git, read_from

CHALLENGE = "zero-waste-packaging"
ISSUES = (35, 37, 40)
START = datetime(2026, 11, 15, 10, 0, tzinfo=UTC)


def stamp(minutes: int) -> str:
    return (START + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Portal:
    """The portal on its bare remote, and GitHub; runs of both workflows against them."""

    def __init__(self, remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
        self.remote, self.github, self.tmp_path = remote, github, tmp_path
        self.runs = 0
        for number in (34, *ISSUES):
            github.add_issue(number, login="someone")

    def checkout(self) -> Path:
        self.runs += 1
        return clone(self.remote, self.tmp_path / f"run-{self.runs}")

    def commit(self, checkout: Path) -> Any:
        branches = GitBranches(checkout)

        def commit(apply: Apply, message: str) -> str | None:
            return commit_with_retry(branches, "main", apply, message, pause=lambda _: None)

        return commit

    def desk(self) -> GitHubDesk:
        return GitHubDesk(connect(LOOPBACK_TOKEN, self.github.url, write_pause=0,
                                  read_pause=0), REPOSITORY)

    def comment(self, body: str, *, number: int, login: str, minutes: int) -> dict[str, Any]:
        """A comment GitHub now holds; its workflow run may or may not happen."""
        # Comment ids on GitHub today are beyond 32 bits.
        return self.github.add_comment(number, body, {"login": login, "type": "User"},
                                       created=stamp(minutes), comment_id=3_601_122_334 + minutes)

    def comment_run(self, comment: dict[str, Any]) -> None:
        """The comment workflow's run for one comment."""
        event = comment_event(comment["body"], number=comment["issue"],
                              login=comment["user"]["login"], created=comment["created_at"],
                              comment_id=comment["id"])
        checkout = self.checkout()
        run_comment_vote(IssueCommentEvent.model_validate(event),
                         load_catalog(checkout, now=EXAMPLE_NOW), self.desk(),
                         self.commit(checkout), lambda _: None)

    def sync(self) -> SyncReport:
        checkout = self.checkout()
        client = connect(LOOPBACK_TOKEN, self.github.url, write_pause=0, read_pause=0)
        return run_vote_sync(load_catalog(checkout, now=EXAMPLE_NOW),
                             graphql_with(client.requester), REPOSITORY, self.desk(),
                             self.commit(checkout), lambda _: None)

    def ballot(self, voter: str) -> dict[str, Any] | None:
        text = read_from(self.remote, f"challenges/{CHALLENGE}/votes/{voter}.yml")
        return None if text is None else parse_yaml(text, "ballot").data


@pytest.fixture
def voting(remote: Path, github: FakeGitHub, tmp_path: Path) -> Portal:
    return Portal(remote, github, tmp_path)


def test_fifty_comments_one_run_one_sync_record_all_fifty_once(voting: Portal,
                                                               github: FakeGitHub) -> None:
    voters = [f"voter-{n:02d}" for n in range(50)]
    comments = [voting.comment("Great idea!\n\n/vote", number=ISSUES[n % 3], login=voter,
                               minutes=n) for n, voter in enumerate(voters)]
    voting.comment_run(comments[0])  # one run completes; the other 49 were cancelled
    assert github.reactions == [(comments[0]["id"], "+1")]

    report = voting.sync()

    assert report.caught_up == 49 and report.commit is not None
    for n, voter in enumerate(voters):
        ballot = voting.ballot(voter)
        assert ballot is not None, voter
        assert ballot["votes"] == [{"idea": str(ISSUES[n % 3]), "at": stamp(n),
                                    "via": "comment"}]
    # every comment answered exactly once: the one run's 👍 and 49 from the sync
    assert Counter(comment_id for comment_id, _ in github.reactions) == Counter(
        {comment["id"]: 1 for comment in comments})
    assert {content for _, content in github.reactions} == {"+1"}
    assert all(github.replies_on(number) == [] for number in ISSUES)

    head = git(voting.remote, "rev-parse", "main")
    again = voting.sync()
    assert again.caught_up == 0 and again.commit is None
    assert git(voting.remote, "rev-parse", "main") == head
    assert len(github.reactions) == 50


def test_the_sync_answers_as_the_comment_workflow_would(voting: Portal,
                                                        github: FakeGitHub) -> None:
    github.users["new-kid"] = "2026-11-10T09:00:00Z"
    own = voting.comment("/vote", number=34, login="lucy-cho", minutes=1)  # her own idea
    young = voting.comment("/vote", number=35, login="new-kid", minutes=2)
    points = voting.comment("/vote 9", number=35, login="olivia-grant", minutes=3)
    fine = voting.comment("/vote 2", number=37, login="olivia-grant", minutes=4)

    report = voting.sync()

    assert report.caught_up == 4
    reactions = dict(github.reactions)
    assert reactions == {own["id"]: "confused", young["id"]: "confused",
                         points["id"]: "confused", fine["id"]: "+1"}
    replies = [c["body"].split(". The vote audit")[0]
               for n in (34, 35, 37) for c in github.replies_on(n)]
    assert replies == [
        "`lucy-cho`: your vote for #34 is recorded but does not count: self-vote",
        "`new-kid`: your vote for #35 is recorded but does not count: account too new",
        "`olivia-grant`: your vote for #35 is recorded but does not count: over the limit "
        "per idea",
    ]
    ballot = voting.ballot("new-kid")
    assert ballot is not None and ballot["account_created"] == "2026-11-10T09:00:00Z"


def test_edited_bot_and_plain_comments_are_left_alone(voting: Portal, github: FakeGitHub) -> None:
    voting.comment("Nice one", number=35, login="olivia-grant", minutes=1)
    github.add_comment(35, "/vote", {"login": "helper[bot]", "type": "Bot"},
                       created=stamp(2), comment_id=7002)
    edited = voting.comment("/vote", number=35, login="amira-haddad", minutes=3)
    edited["last_edited_at"] = stamp(30)

    report = voting.sync()

    assert report.caught_up == 0
    assert github.writes() == [("POST", "/graphql")]  # no reaction, no reply
    for voter in ("olivia-grant", "helper[bot]", "amira-haddad"):
        ballot = voting.ballot(voter) or {"votes": []}
        assert [v for v in ballot["votes"] if v["at"] in {stamp(1), stamp(2), stamp(3)}] == []


def test_a_hand_filed_idea_takes_no_votes_from_the_issue_its_file_name_matches(
        portal: Path) -> None:
    """Only the issue an idea names (`issue:`) votes for it (issue 16, problem 12)."""
    ideas = portal / "challenges" / CHALLENGE / "ideas"
    text = (ideas / "35.yml").read_text("utf-8")
    (ideas / "77.yml").write_text(text.replace("issue: 35\n", ""), "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    assert catalog.challenges[CHALLENGE].ideas["77"].model.issue is None
    assert 77 not in synced_ideas(catalog)
    at = datetime(2026, 11, 15, 10, 0, tzinfo=UTC)
    assert isinstance(decide_comment(77, "olivia-grant", False, "/vote", at, catalog), NotAVote)
    assert isinstance(decide_comment(35, "olivia-grant", False, "/vote", at, catalog), Recorded)


def test_the_sync_counts_the_comments_people_wrote_in_the_same_requests(
        voting: Portal, github: FakeGitHub) -> None:
    voting.comment("Could the cups go back to any café?", number=35, login="olivia-grant",
                   minutes=1)
    voting.comment("/vote", number=35, login="amira-haddad", minutes=2)  # a vote, not a word
    voting.comment("/vote 2\n\nYes, and lids too.", number=35, login="tom-hargreaves",
                   minutes=3)
    github.add_comment(35, "Thanks, your idea is filed.", {"login": "helper[bot]",
                                                           "type": "Bot"},
                       created=stamp(4), comment_id=7004)
    voting.comment("Love it", number=40, login="ines-duarte", minutes=5)

    voting.sync()

    # one query for every idea's 👍 and comments, as before there were counts
    assert github.graphql_requests == 1
    counts = read_from(voting.remote, f"challenges/{CHALLENGE}/comments.yml")
    assert counts == (
        "# yaml-language-server: $schema=../../content/schemas/comments.schema.json\n"
        "ideas:\n"
        "  - idea: '35'\n    comments: 2\n    latest: 2026-11-15T10:03:00Z\n"
        "  - idea: '40'\n    comments: 1\n    latest: 2026-11-15T10:05:00Z")  # read_from strips
    assert load_catalog(voting.checkout(), now=EXAMPLE_NOW).challenges[CHALLENGE] \
        .comment_counts == {"35": 2, "40": 1}

    head = git(voting.remote, "rev-parse", "main")
    assert voting.sync().commit is None  # nothing new said: nothing written
    assert git(voting.remote, "rev-parse", "main") == head
    voting.comment("Count me in", number=37, login="ines-duarte", minutes=6)
    assert voting.sync().commit is not None
    assert "  - idea: '37'\n    comments: 1\n    latest: 2026-11-15T10:06:00Z\n" in (
        read_from(voting.remote, f"challenges/{CHALLENGE}/comments.yml") or "")
