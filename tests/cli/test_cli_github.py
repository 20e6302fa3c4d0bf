"""Every command that writes to GitHub, through the real command line with a token.

Each test runs `cocreate` as a workflow does (GITHUB_TOKEN, GITHUB_API_URL at the loopback
stand-in, a fresh clone of the bare remote), asserts exactly what was written to GitHub
(`FakeGitHub.sent`: each write with its body) and to git, then runs the same command again
and asserts that the second run writes nothing at all.

The scenes are laid to catch the wrong repository, branch, owner or base: pull requests of
the same branch name from a fork and into another base sit beside the portal's own; the
comment-vote event comes from a repository whose default branch is not `main` and whose
mkdocs.yml still names its old address.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.github.forms.render import FORM_PATH
from tests.support import EXAMPLE, EXAMPLE_NOW, LOOPBACK_TOKEN
from tests.support.fake_github import FakeGitHub
from tests.support.github_material import (
    GOOD_ANSWERS,
    REPOSITORY,
    comment_event,
    issue_event,
    render_body,
    write_event,
)
from tests.support.gitrepos import clone, git, read_from

API = f"/repos/{REPOSITORY}"
VOTES = "challenges/zero-waste-packaging/votes"


class Workflow:
    """Runs of `cocreate` as the workflows run it: each in a fresh clone, with the token."""

    def __init__(self, remote: Path, github: FakeGitHub, tmp_path: Path) -> None:
        self.remote, self.github, self.tmp_path = remote, github, tmp_path
        self.runs = 0

    def run(self, *arguments: str, now: str = EXAMPLE_NOW.isoformat(), branch: str = "main",
            event: dict[str, Any] | None = None, history: bool = False) -> Result:
        """One run on a checkout of `branch`: shallow, as actions/checkout makes by default,
        or with the whole history (`fetch-depth: 0`, as the notify workflow asks)."""
        self.runs += 1
        checkout = self.tmp_path / f"run-{self.runs}"
        git(self.tmp_path, "clone", "--quiet", *([] if history else ["--depth=1"]),
            "--branch", branch, self.remote.as_uri(), str(checkout))
        if event is not None:
            arguments = (*arguments, "--event", str(write_event(
                self.tmp_path, event, name=f"event-{self.runs}.json")))
        self.github.sent.clear()
        self.github.requests.clear()
        result = CliRunner().invoke(
            cli, ["--root", str(checkout), "--now", now, *arguments],
            env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": self.github.url,
                 "GITHUB_REPOSITORY": "someone-else/not-this-one", "GITHUB_REF_NAME": branch})
        assert result.exit_code == 0, result.output
        return result

    def heads(self) -> dict[str, str]:
        """Every branch of the remote and its commit."""
        listed = git(self.remote, "for-each-ref", "--format=%(refname:short) %(objectname)",
                     "refs/heads")
        return dict(line.split() for line in listed.splitlines())


@pytest.fixture
def workflow(remote: Path, github: FakeGitHub, tmp_path: Path) -> Workflow:
    return Workflow(remote, github, tmp_path)


def test_intake_opens_its_own_pull_request_beside_a_forks_and_another_bases(
        workflow: Workflow, github: FakeGitHub, remote: Path) -> None:
    github.add_issue(101, login="nadia-rahman", labels=["idea"])
    fork = github.add_pull("idea/101", "main", head_owner="copycat")
    other_base = github.add_pull("idea/101", "release")
    form = yaml.safe_load((EXAMPLE / FORM_PATH).read_text("utf-8"))
    event = issue_event(body=render_body(form, GOOD_ANSWERS))
    before = workflow.heads()
    result = workflow.run("intake", event=event)
    [own] = set(github.pulls) - {fork, other_base}
    assert f"review in https://github.com/{REPOSITORY}/pull/{own}" in result.output
    assert [(method, path) for method, path, _ in github.sent] == [
        ("POST", f"{API}/pulls"), ("POST", f"{API}/issues/101/comments")]
    opened = github.sent[0][2]
    assert (opened["head"], opened["base"]) == ("idea/101", "main")
    assert github.pulls[own]["head_owner"] == "crumb-and-kettle"
    assert "your idea is in" in github.comments_on(101)[0]["body"]
    assert {number: pull["state"] for number, pull in github.pulls.items()} == {
        fork: "open", other_base: "open", own: "open"}
    heads = workflow.heads()
    assert {name: sha for name, sha in heads.items() if before.get(name) != sha} == {
        "idea/101": heads["idea/101"]}
    assert read_from(remote, "challenges/suggestion-box/ideas/101.yml", "idea/101")

    workflow.run("intake", event=event)
    assert github.sent == []
    assert workflow.heads() == heads


def test_notify_closes_once_and_a_second_run_writes_nothing(workflow: Workflow,
                                                            github: FakeGitHub,
                                                            remote: Path) -> None:
    github.add_issue(48, login="ines-duarte", labels=["idea", "status: published"])
    work = clone(remote, workflow.tmp_path / "maintainer")
    before = git(work, "rev-parse", "HEAD")
    changed = CliRunner().invoke(cli, ["--root", str(work), "--now", EXAMPLE_NOW.isoformat(),
                                       "status", "48", "declined", "--note", "No room."],
                                 env={"GITHUB_ACTOR": "dev-patel"})
    assert changed.exit_code == 0, changed.output
    git(work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "--quiet",
        "-am", "Status: 48 declined")
    git(work, "push", "--quiet", "origin", "main")
    after = git(work, "rev-parse", "HEAD")
    heads = workflow.heads()

    workflow.run("notify", "--before", before, "--after", after, history=True)
    assert [(method, path) for method, path, _ in github.sent] == [
        ("POST", f"{API}/issues/48/comments"), ("POST", f"{API}/issues/48/labels"),
        ("DELETE", f"{API}/issues/48/labels/status%3A%20published"), ("PATCH", f"{API}/issues/48")]
    assert github.sent[1][2] == {"labels": ["status: declined"]}
    assert github.sent[3][2] == {"state": "closed", "state_reason": "not_planned"}
    assert "> No room." in github.comments_on(48)[0]["body"]
    assert github.issues[48]["state"] == "closed"

    workflow.run("notify", "--before", before, "--after", after, history=True)  # re-run
    assert github.sent == []  # no second comment, label or close
    assert len(github.comments_on(48)) == 1
    assert workflow.heads() == heads  # notify never writes to git


def trunk_with_an_old_address(remote: Path, tmp_path: Path) -> None:
    """The repository's default branch is `trunk`, and its mkdocs.yml still names the
    address the repository had before it moved: the event, not the file, is the truth."""
    work = clone(remote, tmp_path / "moved")
    git(work, "checkout", "--quiet", "-b", "trunk")
    settings = work / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace(
        f"repository: {REPOSITORY}", "repository: crumb-and-kettle/old-ideas"), "utf-8")
    git(work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "--quiet",
        "-am", "An old address")
    git(work, "push", "--quiet", "origin", "trunk")


def ballot_on(remote: Path, voter: str, branch: str = "main") -> dict[str, Any]:
    text = read_from(remote, f"{VOTES}/{voter}.yml", branch)
    assert text is not None, f"no ballot of {voter} on {branch}"
    return yaml.load(text, Loader=yaml.BaseLoader)  # type: ignore[no-any-return]  # all text


def vote_event(body: str, comment_id: int, login: str = "olivia-grant") -> dict[str, Any]:
    event = comment_event(body, comment_id=comment_id, login=login)
    event["repository"]["default_branch"] = "trunk"
    return event


def test_votes_comment_commits_to_the_events_default_branch_and_repository(
        workflow: Workflow, github: FakeGitHub, remote: Path) -> None:
    trunk_with_an_old_address(remote, workflow.tmp_path)
    github.add_issue(35, login="tom-hargreaves")
    event = vote_event("/vote 2", 501)
    github.add_comment(35, "/vote 2", {"login": "olivia-grant", "type": "User"},
                       comment_id=501)
    heads = workflow.heads()
    workflow.run("votes", "comment", branch="trunk", event=event)
    assert github.sent == [("POST", f"{API}/issues/comments/501/reactions", {"content": "+1"})]
    changed = {name for name, sha in workflow.heads().items() if heads.get(name) != sha}
    assert changed == {"trunk"}
    ballot = ballot_on(remote, "olivia-grant", "trunk")
    assert ballot["votes"] == [{"idea": "35", "at": "2026-11-21T10:00:00Z", "via": "comment",
                                "points": "2"}]

    heads = workflow.heads()
    workflow.run("votes", "comment", branch="trunk", event=event)  # the same run, re-run
    assert github.sent == []
    assert workflow.heads() == heads


def test_votes_comment_from_an_account_github_no_longer_knows(
        workflow: Workflow, github: FakeGitHub, remote: Path) -> None:
    """The account was deleted between its comment and the run: GitHub answers 404 for it."""
    github.add_issue(35, login="tom-hargreaves")
    github.setup["deleted_accounts"] = {"gone-person"}
    event = comment_event("/vote 1", comment_id=601, login="gone-person")
    github.add_comment(35, "/vote 1", {"login": "gone-person", "type": "User"}, comment_id=601)
    heads = workflow.heads()
    workflow.run("votes", "comment", event=event)
    assert ("GET", "/users/gone-person") in github.requests
    [(method, path, reply)] = [sent for sent in github.sent if "reactions" not in sent[1]]
    assert (method, path) == ("POST", f"{API}/issues/35/comments")
    assert github.sent[0] == ("POST", f"{API}/issues/comments/601/reactions",
                              {"content": "confused"})
    assert "does not count" in reply["body"]
    ballot = ballot_on(remote, "gone-person")
    assert "account_created" not in ballot
    assert ballot["votes"] == [{"idea": "35", "at": "2026-11-21T10:00:00Z", "via": "comment"}]
    heads = workflow.heads()

    workflow.run("votes", "comment", event=event)
    assert github.sent == []
    assert workflow.heads() == heads


IN_WINDOW = "2026-11-21T09:00:00Z"


def test_votes_sync_counts_only_thumbs_up_reads_every_page_and_then_writes_nothing(
        workflow: Workflow, github: FakeGitHub, remote: Path) -> None:
    for number in (34, 35, 37, 40):
        github.add_issue(number, login="someone")
    github.thumb(35, "dev-fan", IN_WINDOW)
    for content in ("HEART", "THUMBS_DOWN", "ROCKET", "EYES", "CONFUSED", "HOORAY", "LAUGH"):
        github.react_to_issue(37, f"{content.lower().replace('_', '-')}-fan", IN_WINDOW,
                              content)
    # 230 comments on one issue: the /vote on the last page is read only by following
    # each page's cursor.
    for n in range(229):
        github.add_comment(40, f"chat {n}", {"login": f"chatter-{n}", "type": "User"},
                           created=f"2026-11-21T0{n // 60}:{n % 60:02d}:00Z",
                           comment_id=5_000_000_000 + n)
    github.add_comment(40, "/vote 3", {"login": "late-voter", "type": "User"},
                       created="2026-11-21T09:30:00Z", comment_id=5_000_000_999)
    heads = workflow.heads()
    result = workflow.run("votes", "sync")
    # One query for every idea, and two more for the second and third pages of comments.
    assert "read 1 👍 on 12 ideas in 3 GraphQL queries; 1 unanswered /vote comment" in \
        result.output
    assert github.sent == [
        ("POST", f"{API}/issues/comments/5000000999/reactions", {"content": "+1"})]
    [main] = [sha for name, sha in workflow.heads().items() if heads.get(name) != sha]
    assert main == workflow.heads()["main"]
    # New ballots for the 👍 and the /vote alone; the example's older reaction votes, of
    # 👍 this stand-in does not hold, are recounted away.
    added = git(remote, "diff", "--name-only", "--diff-filter=A", heads["main"], "main")
    assert added.splitlines() == [f"{VOTES}/dev-fan.yml", f"{VOTES}/late-voter.yml"]
    assert ballot_on(remote, "dev-fan")["votes"] == [
        {"idea": "35", "at": IN_WINDOW, "via": "reaction"}]
    assert ballot_on(remote, "late-voter")["votes"] == [
        {"idea": "40", "at": "2026-11-21T09:30:00Z", "via": "comment", "points": "3"}]

    heads = workflow.heads()
    assert "no ballot changed" in workflow.run("votes", "sync").output
    assert github.sent == []
    assert workflow.heads() == heads


OPENS = "2028-04-01T09:00:00+01:00"  # one challenge's forms open, another's close


def test_forms_opens_its_own_pull_request_beside_a_forks(workflow: Workflow,
                                                         github: FakeGitHub) -> None:
    fork = github.add_pull("forms/update", "main", head_owner="copycat")
    other_base = github.add_pull("forms/update", "release")
    heads = workflow.heads()
    workflow.run("forms", "--pull-request", now=OPENS)
    [own] = set(github.pulls) - {fork, other_base}
    assert [(method, path) for method, path, _ in github.sent] == [("POST", f"{API}/pulls")]
    assert (github.sent[0][2]["head"], github.sent[0][2]["base"]) == ("forms/update", "main")
    changed = {name for name, sha in workflow.heads().items() if heads.get(name) != sha}
    assert changed == {"forms/update"}
    assert github.pulls[own]["state"] == "open"

    heads = workflow.heads()
    workflow.run("forms", "--pull-request", now=OPENS)
    assert github.sent == []
    assert workflow.heads() == heads
    assert {number: pull["state"] for number, pull in github.pulls.items()} == {
        fork: "open", other_base: "open", own: "open"}
