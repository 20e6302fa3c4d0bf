"""`cocreate notify`: a merged status change is announced once on the idea's issue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN, set_language
from tests.support.fake_github import FakeGitHub
from tests.support.gitrepos import git

Notify = Callable[..., Result]


def run(root: Path, *arguments: str, env: dict[str, str], now: str = EXAMPLE_NOW.isoformat(),
        ) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--now", now, *arguments], env=env)


def merge_status_change(remote: Path, tmp_path: Path, *change: str) -> tuple[str, str]:
    """A maintainer runs `cocreate status` and the change lands on main: (before, after)."""
    work = tmp_path / "maintainer"
    git(tmp_path, "clone", "--quiet", remote.as_uri(), str(work))
    before = git(work, "rev-parse", "HEAD")
    result = run(work, "status", *change, env={"GITHUB_ACTOR": "dev-patel"})
    assert result.exit_code == 0, result.output
    git(work, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "--quiet",
        "-am", f"Status: {' '.join(change[:2])}")
    git(work, "push", "--quiet", "origin", "main")
    return before, git(work, "rev-parse", "HEAD")


@pytest.fixture
def notify(remote: Path, github: FakeGitHub, tmp_path: Path) -> Notify:
    """One workflow run on the push: a full clone of main, then notify with a token."""
    runs = iter(range(100))

    def go(*arguments: str, now: str = EXAMPLE_NOW.isoformat()) -> Result:
        checkout = tmp_path / f"notify-{next(runs)}"
        git(tmp_path, "clone", "--quiet", remote.as_uri(), str(checkout))
        return run(checkout, "notify", *arguments, now=now,
                   env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url})

    return go


def test_a_merged_change_is_announced_once_with_its_label(notify: Notify, github: FakeGitHub,
                                                          remote: Path, tmp_path: Path) -> None:
    github.add_issue(48, login="ines-duarte", labels=["idea", "status: published"])
    before, after = merge_status_change(remote, tmp_path, "48", "shortlisted", "--note",
                                        "We will run a trial class in December.")
    result = notify("--before", before, "--after", after)
    assert result.exit_code == 0, result.output
    [comment] = github.comments_on(48)
    assert "### Your idea is now **Shortlisted**" in comment["body"]
    assert "> We will run a trial class in December." in comment["body"]
    assert "https://crumb-and-kettle.github.io/ideas/challenges/neighbourhood-events/ideas/48/" \
        in comment["body"]
    assert sorted(github.labels_of(48)) == ["idea", "status: shortlisted"]
    assert github.issues[48]["state"] == "open"

    github.requests.clear()
    again = notify("--before", before, "--after", after)
    assert "0 announcements posted, 1 already there" in again.output
    assert len(github.comments_on(48)) == 1
    assert github.writes() == []


def test_the_status_label_speaks_the_portals_language_and_replaces_any_other(
        notify: Notify, github: FakeGitHub, remote: Path, tmp_path: Path) -> None:
    """The portal turned Spanish after the idea was published in English: the new status
    takes the place of the old, whatever its language, and is named in Spanish."""
    owner = tmp_path / "owner"
    git(tmp_path, "clone", "--quiet", remote.as_uri(), str(owner))
    set_language(owner, "es")
    git(owner, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-am", "En español")
    git(owner, "push", "--quiet", "origin", "main")
    github.add_issue(48, login="ines-duarte", labels=["idea", "status: published", "question"])
    before, after = merge_status_change(remote, tmp_path, "48", "shortlisted", "--note", "¡Sí!")
    result = notify("--before", before, "--after", after)
    assert result.exit_code == 0, result.output
    assert sorted(github.labels_of(48)) == ["estado: preseleccionada", "idea", "question"]


def test_a_final_status_closes_the_issue(notify: Notify, github: FakeGitHub, remote: Path,
                                         tmp_path: Path) -> None:
    github.add_issue(48, login="ines-duarte", labels=["idea"])
    before, after = merge_status_change(remote, tmp_path, "48", "declined", "--note",
                                        "Our insurance will not cover children in the kitchen.")
    notify("--before", before, "--after", after)
    assert github.issues[48]["state"] == "closed"
    assert github.issues[48]["state_reason"] == "not_planned"
    assert "status: declined" in github.labels_of(48)


def test_without_a_token_it_prints_one_announcement_per_changed_idea(
        remote: Path, tmp_path: Path) -> None:
    before, after = merge_status_change(remote, tmp_path, "48", "shortlisted", "--note", "Yes!")
    checkout = tmp_path / "offline"
    git(tmp_path, "clone", "--quiet", remote.as_uri(), str(checkout))
    result = run(checkout, "notify", "--before", before, "--after", after,
                 env={"GITHUB_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert result.output.count("would announce on issue #") == 1
    assert "would label issue #48: status: shortlisted" in result.output
    # offline, nothing is said to have happened
    assert result.output.splitlines()[-1] == "would post 1 announcement"
    assert "posted" not in result.output and "announced" not in result.output


def test_results_reach_every_ideas_issue_once(notify: Notify, github: FakeGitHub) -> None:
    numbers = [12, 13, 15, 16, 18, 19, 21, 23]  # the winter menu's ideas
    for number in numbers:
        github.add_issue(number, login="someone")
    after_results = "2026-07-05T12:00:00+00:00"  # results came out on 30 June
    result = notify(now=after_results)
    assert result.exit_code == 0, result.output
    assert "8 announcements posted" in result.output
    winner = github.comments_on(12)[0]["body"]
    assert "Your idea ranked **1** of 8" in winner and "🏆 It won:" in winner
    assert "0 announcements posted, 8 already there" in notify(now=after_results).output
    assert "0 announcements posted, 0 already there" in notify().output  # months later
