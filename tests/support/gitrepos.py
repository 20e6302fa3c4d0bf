"""Real Git repositories for tests: the portal pushed to a bare remote, and fresh clones."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True,
                          text=True).stdout.strip()


def push_to_bare_remote(portal: Path, folder: Path) -> Path:
    """Commit the portal as it is and push it to a new bare repository's main."""
    bare = folder / "remote.git"
    git(folder, "init", "--quiet", "--bare", "--initial-branch=main", str(bare))
    git(portal, "init", "--quiet", "--initial-branch=main")
    git(portal, "add", "-A")
    git(portal, "-c", "user.name=Owner", "-c", "user.email=owner@example.com",
        "commit", "--quiet", "-m", "The portal")
    git(portal, "push", "--quiet", str(bare), "main")
    return bare


def clone(remote: Path, target: Path) -> Path:
    """A shallow clone, as actions/checkout makes."""
    git(target.parent, "clone", "--quiet", "--depth=1", remote.as_uri(), str(target))
    return target


def read_from(remote: Path, path: str, ref: str = "main") -> str | None:
    try:
        return git(remote, "show", f"{ref}:{path}")
    except subprocess.CalledProcessError:
        return None
