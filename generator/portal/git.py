"""Git, always with a time limit; and the branch's own history, in the order it took it.

Every Git command of the portal runs through `git_output` (which raises
`GitError` in Git's own words) or `run_git` (which answers None instead):
a Git that hangs on a lock or a network stops the command, not the workflow.

The branch's own history is its first-parent commits, in the order it took them.

Frozen rules and the moment a ballot vote counts from both ask the same
question: what did the default branch hold, and since when? Git answers it
with what a contributor cannot forge:

- **The order.** Following first parents from the checked-out commit (the
  default branch's head in the workflows; in a pull-request check, GitHub's
  merge of the pull request, whose first parent is the base) gives the commits
  in the order the branch took them. A pull request's own commits sit behind
  its merge's second parent, so their dates and contents never enter this line.
- **The moments.** Each commit on that line was made by GitHub (the merge
  button, which dates the merge itself, also when it squashes or rebases), by
  the portal's bots, or by a maintainer pushing to the branch. A commit cannot
  have entered the branch before the one it follows, so a commit's moment is
  the latest committer date up to it along the line: a backdated commit stays
  after the one before it, and a date can only make things later, never
  earlier.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

GIT_TIMEOUT = 60  # seconds: reading the local repository
NETWORK_TIMEOUT = 300  # seconds: fetching and pushing


class GitError(RuntimeError):
    """A git command failed; the message carries git's own words."""


def git_output(root: Path, *arguments: str, stdin: str | None = None,
               env: dict[str, str] | None = None, timeout: float = GIT_TIMEOUT) -> str:
    """Git's output in `root`, stripped; raises GitError when Git fails or takes too long."""
    try:
        result = subprocess.run(["git", *arguments], cwd=root, input=stdin, capture_output=True,
                                encoding="utf-8", errors="replace", env=env, check=False,
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        raise GitError(f"git {arguments[0]} took longer than {timeout:g} seconds") from None
    except OSError as error:
        raise GitError(f"git {arguments[0]} could not run: {error}") from None
    if result.returncode != 0:
        raise GitError(f"git {arguments[0]} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def run_git(root: Path, *arguments: str) -> str | None:
    """Git's output in `root`, or None when Git is missing, fails or takes too long."""
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True,
                                encoding="utf-8", errors="replace", check=False,
                                timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class Entered:
    """A commit on the branch's first-parent line, and the moment it entered the branch."""

    commit: str
    moment: datetime


def entry_moments(commits: list[tuple[str, int]]) -> list[Entered]:
    """Oldest first: each commit with the latest committer date (Unix seconds) up to it."""
    entered: list[Entered] = []
    latest = None
    for commit, seconds in commits:
        latest = seconds if latest is None else max(latest, seconds)
        entered.append(Entered(commit, datetime.fromtimestamp(latest, UTC)))
    return entered


def read_branch(root: Path) -> list[Entered]:
    """The checked-out branch's first-parent line, oldest first (empty without history)."""
    output = run_git(root, "log", "--first-parent", "--reverse", "--format=%H %ct", "HEAD")
    commits = []
    for line in (output or "").splitlines():
        commit, _, seconds = line.partition(" ")
        if seconds.isdigit():
            commits.append((commit, int(seconds)))
    return entry_moments(commits)


def standing_before(branch: list[Entered], moment: datetime) -> str | None:
    """The commit the branch stood at just before its first commit at or after `moment`.

    None when the branch's history does not reach back before `moment` (a shallow
    clone, or a portal begun later): there is nothing to compare with.
    """
    standing = None
    for entered in branch:
        if entered.moment >= moment:
            return standing
        standing = entered.commit
    return standing
