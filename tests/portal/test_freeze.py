"""Voting rules are frozen once voting opens: `cocreate validate` compares with Git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW

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


def git(portal: Path, *arguments: str, when: str | None = None) -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": when or "", "GIT_COMMITTER_DATE": when or ""}
    if when is None:
        environment = dict(os.environ)
    subprocess.run(["git", "-c", "user.name=Owner", "-c", "user.email=o@example.com",
                    *arguments], cwd=portal, check=True, env=environment, capture_output=True)


def test_a_merged_commit_with_a_faked_date_cannot_unfreeze_the_rules(portal: Path) -> None:
    """A contributor dates their commit before voting opened; the default branch merged it
    after: the rules count as they stood on the branch, not as the commit claims."""
    history(portal)
    git(portal, "switch", "--quiet", "-c", "more-points")
    edit(portal, "  budget: 5\n", "  budget: 6\n")
    commit(portal, "More points, dated before voting opened", "2026-10-20T09:00:00Z")
    git(portal, "switch", "--quiet", "main")
    git(portal, "merge", "--quiet", "--no-ff", "-m", "Merge more-points", "more-points",
        when="2026-11-10T09:00:00Z")
    result = validate(portal)
    assert result.exit_code == 1, result.output
    assert "voting opened on 1 November 2026: budget was 5, now 6" in result.output


def test_a_backdated_commit_on_the_branch_itself_cannot_unfreeze_the_rules(portal: Path) -> None:
    """The branch's order is the witness: a commit made after one that entered the voting
    window cannot come before it, whatever date it carries."""
    history(portal)
    edit(portal, "summary: ", "summary: Now, ")
    commit(portal, "A clearer summary", "2026-11-05T09:00:00Z")
    edit(portal, "  budget: 5\n", "  budget: 6\n")
    commit(portal, "More points, backdated", "2026-10-20T09:00:00Z")
    result = validate(portal)
    assert result.exit_code == 1, result.output
    assert "voting opened on 1 November 2026: budget was 5, now 6" in result.output


def test_the_time_zone_is_frozen_once_voting_opens(portal: Path) -> None:
    history(portal)
    settings = portal / "mkdocs.yml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("time_zone: Europe/London", "time_zone: Pacific/Kiritimati"),
                        "utf-8")
    commit(portal, "Our time zone", "2026-11-10T09:00:00Z")
    result = validate(portal)
    assert result.exit_code == 1, result.output
    line = text[:text.index("time_zone:")].count("\n") + 1
    assert (f"mkdocs.yml:{line}: the time zone changed after voting opened in "
            "zero-waste-packaging: it was Europe/London, now Pacific/Kiritimati") in result.output
    assert "voting opens was" not in result.output  # one cause, said once
