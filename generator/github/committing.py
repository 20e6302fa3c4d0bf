"""Committing bot changes to the main branch safely when several runs race.

Each attempt starts from the remote branch as it is now, in a private
worktree (the caller's own checkout is never touched), applies the change,
commits and pushes. A rejected push means another run got there first: wait
a little (with jitter, so racing runs spread out) and apply the change again
on the new head. Nothing is ever forced, and a run that fails before its push
leaves the remote exactly as it was.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.github.branches import GitBranches
from generator.github.inert import inert
from generator.portal.git import GitError

ATTEMPTS = 16


class PushRaceLost(RuntimeError):
    """Every attempt lost the race to another run; the next scheduled run converges."""


def _still_there(worktree: GitBranches, tree: Path, changed: list[str]) -> list[str]:
    """The changed paths Git can stage: a change may write a file and remove it again
    (a ballot moved to a new login, then emptied), leaving a path Git never knew."""
    gone = [path for path in changed if not (tree / path).exists()]
    known = set(worktree.git("ls-files", "--", *gone).splitlines()) if gone else set()
    return [path for path in changed if path not in gone or path in known]


def commit_with_retry(git: GitBranches, branch: str, apply: Callable[[Path], list[str]],
                      message: str, *, attempts: int = ATTEMPTS,
                      pause: Callable[[float], None] = time.sleep) -> str | None:
    """Apply a change on a fresh copy of `branch` and push it; the commit, or None if no change.

    `apply` gets the root of the fresh copy and returns the paths it changed,
    relative to that root (files it removed included).
    """
    for attempt in range(attempts):
        head = git.remote_head(branch)
        if head is None:
            raise GitError(f"the remote {git.remote} has no branch {branch}")
        folder = Path(tempfile.mkdtemp(prefix="cocreate-"))
        tree = folder / "tree"
        try:
            git.git("worktree", "add", "--quiet", "--detach", str(tree), head)
            changed = apply(tree)
            if not changed:
                return None
            worktree = GitBranches(tree, git.remote)
            worktree.environment = git.environment
            changed = _still_there(worktree, tree, changed)
            if not changed:
                return None
            worktree.git("add", "--all", "--", *changed)
            if not worktree.git("diff", "--cached", "--name-only"):
                return None
            worktree.git("commit", "--quiet", "--no-verify", "-m", inert(message))
            commit = worktree.git("rev-parse", "HEAD")
            try:
                worktree.git("push", "--quiet", git.remote, f"HEAD:refs/heads/{branch}")
                return commit
            except GitError:
                pass  # someone pushed first: start again from their head
        finally:
            with contextlib.suppress(GitError):  # a worktree never made needs no removing
                git.git("worktree", "remove", "--force", str(tree))
            shutil.rmtree(folder, ignore_errors=True)
        pause(random.uniform(0.2, 1.0) * min(attempt + 1, 5))  # jitter spreads racing runs
    raise PushRaceLost(f"could not push to {branch} after {attempts} attempts; "
                       "the next run will try again")
