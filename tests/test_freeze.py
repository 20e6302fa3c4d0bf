"""Voting rules are frozen once voting opens: `cocreate validate` compares with Git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli import cli

from .conftest import EXAMPLE_NOW

CHALLENGE = "challenges/zero-waste-packaging/challenge.yml"  # voting opened 1 November 2026


def commit(portal: Path, message: str, when: str) -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for arguments in (["add", "-A"], ["-c", "user.name=Owner", "-c", "user.email=o@example.com",
                                      "commit", "--quiet", "-m", message]):
        subprocess.run(["git", *arguments], cwd=portal, check=True, env=environment,
                       capture_output=True)


def validate(portal: Path) -> Result:
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    "validate"])


def edit(portal: Path, old: str, new: str) -> None:
    file = portal / CHALLENGE
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")


def history(portal: Path) -> None:
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=portal, check=True)
    commit(portal, "The portal", "2026-10-01T09:00:00Z")


def test_a_budget_raised_after_voting_opened_is_refused(portal: Path) -> None:
    history(portal)
    edit(portal, "  budget: 5\n", "  budget: 6\n")
    commit(portal, "More points", "2026-11-10T09:00:00Z")
    result = validate(portal)
    assert result.exit_code == 1
    assert (f"{CHALLENGE}:" in result.output and "the voting rules changed after voting "
            "opened on 1 November 2026: budget was 5, now 6" in result.output)
    assert "rules are frozen once voting opens — put them back as in commit" in result.output


def test_an_uncommitted_change_to_the_window_is_refused_too(portal: Path) -> None:
    history(portal)
    edit(portal, "  voting_close: 2028-01-31\n", "  voting_close: 2028-02-14\n")
    result = validate(portal)
    assert result.exit_code == 1
    assert "voting closes was 1 February 2028 00:00 GMT, now 15 February 2028 00:00 GMT" in \
        result.output


def test_other_changes_and_changes_before_opening_are_fine(portal: Path) -> None:
    history(portal)
    edit(portal, "  budget: 5\n", "  budget: 6\n")
    commit(portal, "More points, in time", "2026-10-20T09:00:00Z")  # before 1 November
    edit(portal, "summary: ", "summary: Now, ")
    commit(portal, "A clearer summary", "2026-11-10T09:00:00Z")
    result = validate(portal)
    assert result.exit_code == 0, result.output


def test_without_history_it_says_what_it_could_not_check(portal: Path) -> None:
    result = validate(portal)
    assert result.exit_code == 0, result.output
    assert "3 challenges voting without a commit from before voting opened" in result.output
