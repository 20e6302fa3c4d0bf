"""Push files to a review branch without touching the working tree.

The commit is built with Git's plumbing in a private index: start from the
branch's current head (or from the base branch when starting over), put the
files in, and push. When the tree comes out the same as before there is no
commit at all, so running the same submission twice changes nothing.
"""

from __future__ import annotations

import base64
import fnmatch
import os
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from generator.github.inert import inert
from generator.portal.git import NETWORK_TIMEOUT, GitError, git_output

BOT_NAME = "github-actions[bot]"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"
PUSH_ATTEMPTS = 3


@dataclass(frozen=True)
class PullRef:
    """A pull request the bot opened or found: its number and address."""

    number: int
    url: str


@dataclass(frozen=True)
class Pushed:
    """What `publish` did: the commit it pushed, and whether there is anything to review."""

    commit: str | None  # None when the branch already held exactly these files
    needs_review: bool = True  # False when the base branch already holds them


class GitBranches:
    """Review branches on one remote of the repository at `repo`."""

    def __init__(self, repo: Path, remote: str = "origin", token: str | None = None) -> None:
        self.repo = repo
        self.remote = remote
        self.environment = {
            **os.environ,
            "GIT_AUTHOR_NAME": BOT_NAME, "GIT_AUTHOR_EMAIL": BOT_EMAIL,
            "GIT_COMMITTER_NAME": BOT_NAME, "GIT_COMMITTER_EMAIL": BOT_EMAIL,
            "GIT_TERMINAL_PROMPT": "0",
        }
        if token:
            # The header rides in the environment, so it never shows in a command
            # line or a log; checkout keeps no credentials (persist-credentials: false).
            secret = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.environment.update({
                "GIT_CONFIG_COUNT": "1",
                "GIT_CONFIG_KEY_0": "http.https://github.com/.extraheader",
                "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {secret}",
            })

    def git(self, *arguments: str, stdin: str | None = None,
            extra: dict[str, str] | None = None) -> str:
        return git_output(self.repo, *arguments, stdin=stdin,
                          env={**self.environment, **(extra or {})}, timeout=NETWORK_TIMEOUT)

    def remote_head(self, branch: str) -> str | None:
        """The commit a remote branch points at, fetched so that we can build on it."""
        listed = self.git("ls-remote", self.remote, f"refs/heads/{branch}")
        if not listed:
            return None
        self.git("fetch", "--quiet", "--no-tags", "--depth=1", self.remote,
                 f"+refs/heads/{branch}:refs/cocreate/{branch}")
        return self.git("rev-parse", f"refs/cocreate/{branch}")

    def publish(self, branch: str, base: str, *, start_over: bool, files: dict[str, str],
                remove_glob: str = "", message: str, remove: Collection[str] = ()) -> Pushed:
        """Commit `files` on `branch` and push, unless the branch holds them already.

        Other files matching `remove_glob`, and the paths in `remove`, are taken out.
        With `start_over` (no open pull request uses the branch) the commit sits
        on the base branch's head and replaces whatever the branch held before.
        A push that loses a race is retried from the new head.
        """
        for attempt in range(PUSH_ATTEMPTS):
            head = self.remote_head(branch)
            parent = self.remote_head(base) if start_over or head is None else head
            if parent is None:
                raise GitError(f"the remote {self.remote} has no branch {base}")
            tree = self._tree(parent, files, remove_glob, remove)
            if start_over and tree == self._tree_of(parent):
                return Pushed(None, needs_review=False)  # the base has these files already
            if head is not None and tree == self._tree_of(head):
                return Pushed(None)
            commit = self.git("commit-tree", tree, "-p", parent, stdin=inert(message))
            lease = f"--force-with-lease=refs/heads/{branch}:{head or ''}"
            try:
                self.git("push", "--quiet", lease, self.remote, f"{commit}:refs/heads/{branch}")
                return Pushed(commit)
            except GitError:
                if attempt == PUSH_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _tree_of(self, commit: str) -> str:
        return self.git("rev-parse", f"{commit}^{{tree}}")

    def _tree(self, parent: str, files: dict[str, str], remove_glob: str,
              remove: Collection[str]) -> str:
        """The tree of `parent` with `files` in place, and other matches of the glob and the
        paths in `remove` gone."""
        with tempfile.TemporaryDirectory() as folder:
            index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self.git("read-tree", parent, extra=index)
            for path in self.git("ls-files", extra=index).splitlines():
                matches = bool(remove_glob) and fnmatch.fnmatchcase(path, remove_glob)
                if (matches or path in remove) and path not in files:
                    self.git("update-index", "--force-remove", "--", path, extra=index)
            for path, text in files.items():
                blob = self.git("hash-object", "-w", "--stdin", stdin=text)
                self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}",
                         extra=index)
            return self.git("write-tree", extra=index)


class DryRunBranches:
    """Says what would be pushed, and pushes nothing."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say

    def publish(self, branch: str, base: str, *, start_over: bool, files: dict[str, str],
                remove_glob: str = "", message: str, remove: Collection[str] = ()) -> Pushed:
        verb = "start" if start_over else "update"
        self.say(f"would {verb} branch {branch} from {base} with {', '.join(files)}"
                 + (f", removing {', '.join(remove)}" if remove else ""))
        return Pushed(None)
