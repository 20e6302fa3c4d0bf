"""A vote by ballot counts from the moment it was merged into the default branch.

No date written in a ballot file moves a vote: the tally reads when each
hand-written vote entered the branch from its first-parent history (real Git
repositories, with dates set as a contributor or a maintainer would), and
the voting window of the zero-waste challenge (1 November 2026 to the end of
31 January 2028, GMT) is held against that moment.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support.gitrepos import clone

CHALLENGE = "zero-waste-packaging"
BALLOT = f"challenges/{CHALLENGE}/votes/olivia-grant.yml"
IN_WINDOW = "2026-11-20T10:00:00Z"
AFTER_CLOSE = "2028-02-05T10:00:00Z"
JUDGING = "2028-02-10T12:00:00+00:00"  # voting closed, results on 1 March 2028


def git(portal: Path, *arguments: str, when: str = "2026-10-01T09:00:00Z") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-c", "user.name=Someone", "-c", "user.email=s@example.com",
                    *arguments], cwd=portal, check=True, env=environment, capture_output=True)


def commit_all(portal: Path, message: str, when: str) -> None:
    git(portal, "add", "-A", when=when)
    git(portal, "commit", "--quiet", "-m", message, when=when)


def ballot(*votes: tuple[str, int], at: str = IN_WINDOW) -> str:
    lines = ["voter: olivia-grant", "account_created: 2018-04-02T08:00:00Z", "votes:"]
    for idea, points in votes:
        lines += [f"  - idea: '{idea}'", f"    at: {at}", "    via: ballot",
                  f"    points: {points}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repository(portal: Path) -> Path:
    """The example portal as the first commit of its default branch, before voting opened."""
    git(portal, "init", "--quiet", "--initial-branch=main")
    commit_all(portal, "The portal", "2026-10-01T09:00:00Z")
    return portal


def merge_ballot(portal: Path, text: str, *, written: str, merged: str,
                 branch: str = "olivia") -> None:
    """A contributor's branch (its commit dated as they please) merged by GitHub's button."""
    git(portal, "switch", "--quiet", "-c", branch)
    (portal / BALLOT).write_text(text, "utf-8")
    commit_all(portal, "My ballot", written)
    git(portal, "switch", "--quiet", "main")
    git(portal, "merge", "--quiet", "--no-ff", "-m", f"Merge {branch}", branch, when=merged)


def tally(portal: Path, now: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", now, "tally", CHALLENGE,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def excluded(portal: Path, now: str, voter: str = "olivia-grant") -> list[tuple[str, str]]:
    """(idea, reason) for each of the voter's votes not counted."""
    return sorted((str(e["idea"]), str(e["reason"]))
                  for e in tally(portal, now)["excluded"]  # type: ignore[attr-defined]
                  if e["voter"] == voter)


def counted_points(portal: Path, now: str, idea: str) -> int:
    (row,) = [row for row in tally(portal, now)["ideas"]  # type: ignore[attr-defined]
              if row["id"] == idea]
    return int(row["votes"])


def test_a_ballot_merged_after_the_close_does_not_count_whatever_date_it_carries(
        repository: Path) -> None:
    before = counted_points(repository, JUDGING, "35")
    merge_ballot(repository, ballot(("35", 3)), written="2026-11-20T10:00:00Z",
                 merged=AFTER_CLOSE)
    assert excluded(repository, JUDGING) == [("35", "outside the voting window")]
    assert counted_points(repository, JUDGING, "35") == before


def test_a_ballot_merged_in_the_window_counts_whatever_date_it_carries(
        repository: Path) -> None:
    before = counted_points(repository, JUDGING, "35")
    merge_ballot(repository, ballot(("35", 3), at="2031-01-01T00:00:00Z"),
                 written="2031-01-01T00:00:00Z", merged="2026-11-25T10:00:00Z")
    assert excluded(repository, JUDGING) == []
    assert counted_points(repository, JUDGING, "35") == before + 3


def test_points_raised_after_the_close_are_a_new_vote_cast_after_the_close(
        repository: Path) -> None:
    merge_ballot(repository, ballot(("35", 1)), written=IN_WINDOW, merged="2026-11-25T10:00:00Z")
    assert excluded(repository, JUDGING) == []
    (repository / "content/about.md").write_text("# About\n\nLater.\n", "utf-8")
    commit_all(repository, "A maintainer's commit after the close", AFTER_CLOSE)
    # Backdated, but made after the commit before it: it cannot have entered the branch earlier.
    (repository / BALLOT).write_text(ballot(("35", 3)), "utf-8")
    commit_all(repository, "Three points, backdated", "2026-11-26T10:00:00Z")
    assert excluded(repository, JUDGING) == [("35", "outside the voting window")]


def test_a_ballot_vote_not_yet_merged_does_not_count(repository: Path) -> None:
    (repository / BALLOT).write_text(ballot(("35", 3)), "utf-8")
    assert excluded(repository, JUDGING) == [("35", "not yet on the default branch")]


def test_a_ballot_moved_to_another_file_keeps_the_moment_it_was_merged(
        repository: Path) -> None:
    merge_ballot(repository, ballot(("35", 3)), written=IN_WINDOW, merged="2026-11-25T10:00:00Z")
    moved = BALLOT.replace("olivia-grant", "olivia-g")
    git(repository, "mv", BALLOT, moved)
    text = (repository / moved).read_text("utf-8").replace("olivia-grant", "olivia-g")
    (repository / moved).write_text(text, "utf-8")
    commit_all(repository, "olivia-grant is now olivia-g", AFTER_CLOSE)
    assert excluded(repository, JUDGING, "olivia-g") == []


def test_the_tally_reads_the_history_once_however_many_ballots(repository: Path,
                                                               tmp_path: Path) -> None:
    for number in range(5):
        path = repository / f"challenges/{CHALLENGE}/votes/voter-{number}.yml"
        path.write_text(ballot(("35", 1)).replace("olivia-grant", f"voter-{number}"), "utf-8")
        commit_all(repository, f"Ballot {number}", "2026-11-25T10:00:00Z")
    calls = tmp_path / "calls"
    shim = tmp_path / "bin" / "git"
    shim.parent.mkdir()
    real = subprocess.run(["which", "git"], check=True, capture_output=True,
                          text=True).stdout.strip()
    shim.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {real} "$@"\n', "utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    result = CliRunner().invoke(
        cli, ["--root", str(repository), "--now", JUDGING, "tally", "--format", "json"],
        env={"PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"})
    assert result.exit_code == 0, result.output
    assert len(calls.read_text("utf-8").splitlines()) == 1


def test_a_shallow_clone_says_what_to_fetch_rather_than_miscount(repository: Path,
                                                                 tmp_path: Path) -> None:
    merge_ballot(repository, ballot(("35", 3)), written=IN_WINDOW, merged="2026-11-25T10:00:00Z")
    shallow = clone(repository, tmp_path / "shallow")
    result = CliRunner().invoke(cli, ["--root", str(shallow), "--now", JUDGING, "tally"])
    assert result.exit_code == 1
    assert (f"{BALLOT}: when its votes by ballot were merged cannot be read: this clone's "
            "history is shallow and they are in its oldest commit — fetch the whole history"
            ) in result.output
    git(shallow, "fetch", "--quiet", "--unshallow")
    assert excluded(shallow, JUDGING) == []
