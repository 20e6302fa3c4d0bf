"""`/vote` comments: read strictly, written to ballots, answered, and safe under a race."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.api import GitHubDesk, connect
from generator.github.branches import GitBranches
from generator.github.committing import commit_with_retry
from generator.github.events import IssueCommentEvent
from generator.github.votes.command import Command, find_command
from generator.github.votes.comments import run_comment_vote
from generator.portal.loader import parse_yaml, read_yaml
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import FakeGitHub
from tests.support.github_material import REPOSITORY, comment_event, write_event
from tests.support.gitrepos import clone, git, read_from

BALLOTS = "challenges/zero-waste-packaging/votes"


@pytest.mark.parametrize(("body", "command"), [
    ("/vote", Command("vote", None)),
    ("/vote 3", Command("vote", 3)),
    ("  /VOTE 2  \r\nthanks!", Command("vote", 2)),
    ("I like it.\n\n/unvote", Command("unvote", None)),
    ("> /vote\n\nquoting someone", None),
    ("```\n/vote\n```", None),
    ("~~~md\n/vote 2\n~~~\n", None),
    ("`/vote`", None),
    ("    /vote", None),
    ("Great idea!\n/vote 2", Command("vote", 2)),
    ("> quoting someone\n/vote", None),  # a lazy continuation line is still the quote
    ("<pre>\n/vote\n</pre>", None),
    ("<!--\n/vote\n-->", None),
    ("text `code\n/vote\nspanning lines`", None),
    ("| idea | votes |\n| --- | --- |\n/vote", None),  # a row of the table
    ("- /vote", None),
    ("# /vote", None),
    ("*/vote*", None),
    ("/vote please", None),
    ("/voter", None),
    ("", None),
    (None, None),
])
def test_only_a_command_on_a_line_of_its_own_counts(body: str | None,
                                                    command: Command | None) -> None:
    assert find_command(body) == command


def reading_time(body: str) -> float:
    """The processor time spent reading `body`: other work on the machine does not count."""
    start = time.thread_time()
    find_command(body)
    return time.thread_time() - start


# What makes a Markdown reader backtrack: unclosed brackets, links and images, emphasis,
# code spans, HTML, table rows, quotes, entities, escapes, and spaces before the command.
@pytest.mark.parametrize("unit", ["[", "![", "[](", "*_", "a**", "`a", "<a", "<!--", "&",
                                  "\\", "> ", "|\n", " ", "a\n"])
def test_a_comment_of_100_000_troublesome_characters_is_read_in_linear_time(unit: str) -> None:
    body = "|a|b|\n|-|-|\n" * (unit == "|\n") + unit * (100_000 // len(unit)) + "\n/vote"
    # about a second here; a reader that backtracks (quadratic) would take many minutes
    assert reading_time(body) < 10


def test_without_a_token_the_ballot_is_written_here(portal: Path, tmp_path: Path) -> None:
    file = write_event(tmp_path, comment_event("/vote 2"))
    result = CliRunner().invoke(cli, ["--root", str(portal), "votes", "comment", "--event",
                                      str(file)], env={"GITHUB_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert f"wrote {BALLOTS}/olivia-grant.yml" in result.output
    # offline the account's age is unknown, and this challenge has an age rule
    assert "would react confused" in result.output and "account age unknown" in result.output
    data = read_yaml(portal / BALLOTS / "olivia-grant.yml", "b").data
    assert data["votes"] == [{"idea": "35", "at": "2026-11-21T10:00:00Z", "via": "comment",
                              "points": "2"}]


Vote = Callable[..., Any]


@pytest.fixture
def vote(remote: Path, github: FakeGitHub, tmp_path: Path) -> Vote:
    """One workflow run for one comment: its own clone, the token, the loopback API."""
    runs = iter(range(1000))
    for number in (34, 35, 37, 40):
        github.add_issue(number, login="someone")

    def run(body: str, *, wait: Callable[[float], None] = lambda _: None, **event: Any) -> Any:
        payload = comment_event(body, **event)
        comment = payload["comment"]  # GitHub holds the comment the event is about
        github.add_comment(payload["issue"]["number"], body, comment["user"],
                           created=comment["created_at"], comment_id=comment["id"])
        checkout = clone(remote, tmp_path / f"run-{next(runs)}")
        git_branches = GitBranches(checkout)
        client = connect(LOOPBACK_TOKEN, github.url, write_pause=0, read_pause=0)
        desk = GitHubDesk(client, REPOSITORY)
        return run_comment_vote(
            IssueCommentEvent.model_validate(payload),
            load_catalog(checkout, now=EXAMPLE_NOW), desk,
            lambda apply, message: commit_with_retry(git_branches, "main", apply, message,
                                                     pause=wait),
            lambda _: None)

    return run


def remote_ballot(remote: Path, voter: str) -> dict[str, Any] | None:
    text = read_from(remote, f"{BALLOTS}/{voter}.yml")
    return None if text is None else parse_yaml(text, "ballot").data


def test_a_vote_is_committed_to_main_and_thanked(vote: Vote, github: FakeGitHub,
                                                 remote: Path) -> None:
    vote("/vote 2", comment_id=501)
    ballot = remote_ballot(remote, "olivia-grant")
    assert ballot is not None
    assert ballot["account_created"] == "2015-03-01T00:00:00Z"
    assert ballot["votes"] == [{"idea": "35", "at": "2026-11-21T10:00:00Z", "via": "comment",
                                "points": "2"}]
    assert github.reactions == [(501, "+1")]
    assert github.replies_on(35) == []
    vote("/unvote", comment_id=502, created="2026-11-21T11:00:00Z")
    assert remote_ballot(remote, "olivia-grant") is None  # no vote left: no ballot


def test_an_authors_own_vote_is_recorded_but_not_counted(vote: Vote, github: FakeGitHub) -> None:
    vote("/vote", number=34, login="lucy-cho", comment_id=601)  # lucy-cho wrote idea 34
    assert github.reactions == [(601, "confused")]
    [reply] = github.replies_on(34)
    assert "`lucy-cho`: your vote for #34 is recorded but does not count: self-vote" in \
        reply["body"]


def test_a_day_old_account_is_not_counted(vote: Vote, github: FakeGitHub) -> None:
    github.users["new-kid"] = "2026-11-20T09:00:00Z"
    vote("/vote 1", login="new-kid", comment_id=701)
    assert github.reactions == [(701, "confused")]
    assert "account too new" in github.replies_on(35)[0]["body"]


def test_after_the_close_nothing_changes(vote: Vote, github: FakeGitHub, remote: Path) -> None:
    head = git(remote, "rev-parse", "main")
    vote("/vote 1", created="2028-02-02T10:00:00Z")
    assert git(remote, "rev-parse", "main") == head
    assert "voting on `Zero-waste takeaway packaging` closed on 1 February 2028" in \
        github.replies_on(35)[0]["body"]


@pytest.mark.parametrize("event", [{"action": "edited"}, {"user_type": "Bot",
                                                           "login": "helper-bot"}])
def test_edited_comments_and_bots_do_not_vote(vote: Vote, github: FakeGitHub, remote: Path,
                                              event: dict[str, Any]) -> None:
    head = git(remote, "rev-parse", "main")
    vote("/vote 1", **event)
    assert git(remote, "rev-parse", "main") == head
    assert github.writes() == []


def test_a_vote_on_an_issue_that_is_not_an_idea_is_not_answered(vote: Vote, github: FakeGitHub,
                                                                remote: Path) -> None:
    github.add_issue(77, login="someone")  # a question, a bug report: no idea file names it
    head = git(remote, "rev-parse", "main")
    vote("/vote 2", number=77, comment_id=801)
    assert git(remote, "rev-parse", "main") == head
    assert github.writes() == []  # no reaction, no reply


def test_twenty_votes_at_once_lose_nothing(vote: Vote, remote: Path) -> None:
    voters = [f"voter-{n:02d}" for n in range(20)]
    errors: list[BaseException] = []

    def cast(n: int) -> None:
        try:
            vote("/vote 1", login=voters[n], comment_id=900 + n, number=(35, 37, 40)[n % 3],
                 wait=time.sleep)  # the real jittered back-off
        except BaseException as error:  # report it in the main thread
            errors.append(error)

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(remote_ballot(remote, voter) is not None for voter in voters)
    assert len(git(remote, "log", "--oneline", "main").splitlines()) == 21


def speak(remote: Path, tmp_path: Path, code: str) -> None:
    """The owner switches the portal's language on main."""
    work = clone(remote, tmp_path / f"owner-{code}")
    config = work / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      language: en",
                                                        f"      language: {code}"), "utf-8")
    git(work, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-am", f"Speak {code}")
    git(work, "push", "--quiet", "origin", "main")


@pytest.mark.parametrize(("body", "form"), [
    ("/vote trois", "write `/vote` and a whole number of points alone on a line, such as "
                    "`/vote 2` (at most 3 for one idea), or `/unvote` to take your vote back"),
    ("Lovely!\n/VOTE 2.5", "such as `/vote 2`"),
    ("/unvote please", "or `/unvote` to take your vote back"),
])
def test_a_mistyped_command_is_answered_with_the_right_form(
        vote: Vote, github: FakeGitHub, remote: Path, body: str, form: str) -> None:
    head = git(remote, "rev-parse", "main")
    vote(body, comment_id=901)
    assert git(remote, "rev-parse", "main") == head  # nothing written
    assert github.reactions == [(901, "confused")]
    [reply] = github.replies_on(35)
    typed = body.splitlines()[-1]
    assert f"`olivia-grant`: your command was not recorded: `{typed}` is not a command the " \
           "portal reads" in reply["body"]
    assert form in reply["body"]


def test_a_refusal_names_the_challenge_by_title_and_lists_those_voting_now_in_french(
        vote: Vote, github: FakeGitHub, remote: Path, tmp_path: Path) -> None:
    speak(remote, tmp_path, "fr")
    github.add_issue(48, login="ines-duarte")  # neighbourhood-events: still taking ideas
    vote("/vote", number=48, comment_id=902)
    [reply] = github.replies_on(48)
    assert reply["body"].startswith("`olivia-grant` : votre message n'a pas été pris en compte "
                                    ": le vote sur `Bringing the neighbourhood in` ouvre le ")
    assert reply["body"].endswith(" ; vote en cours : `The suggestion box` et "
                                  "`Zero-waste takeaway packaging`.")
    assert "commande" not in reply["body"] and "neighbourhood-events" not in reply["body"]
    vote("/vote deux", comment_id=903)
    [mistyped] = github.replies_on(35)
    assert "`/vote deux` n'est pas une instruction que le portail comprend — écrivez `/vote` " \
           "et un nombre entier de points seuls sur une ligne" in mistyped["body"]
