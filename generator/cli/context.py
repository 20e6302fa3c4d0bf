"""What every `cocreate` command is handed: the portal it reads, and the time it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.portal.catalog import Catalog

if TYPE_CHECKING:  # PyGithub is slow to import: only the commands that talk to GitHub do
    from generator.github.api import DryRunDesk, GitHubDesk
    from generator.github.branches import DryRunBranches, GitBranches
from generator.portal.reading import load_catalog


class PortalContext:
    """What every command needs: where the portal is, and the time it is."""

    def __init__(self, root: Path, now: datetime | None, verbose: bool) -> None:
        self.root = root
        self.now = now
        self.verbose = verbose

    def load(self) -> Catalog:
        return load_catalog(self.root, now=self.now)

    def github(self, repository: str | None, remote: str, dry_run: str) -> GitHub:
        """The desk and branches on GitHub with GITHUB_TOKEN (and a repository); otherwise
        their dry runs, which print what they would do, after saying so (`dry_run`)."""
        from generator.github.api import (
            DryRunDesk,
            GitHubDesk,
            client_from_environment,
            token_from_environment,
        )
        from generator.github.branches import DryRunBranches, GitBranches

        client = client_from_environment()
        if client is not None and repository:
            return GitHub(GitHubDesk(client, repository),
                          GitBranches(self.root, remote, token_from_environment()))
        click.echo(f"no GITHUB_TOKEN: {dry_run}")
        return GitHub(DryRunDesk(click.echo), DryRunBranches(click.echo))


@dataclass(frozen=True)
class GitHub:
    """Where a command acts on GitHub: the real desk and branches, or their dry runs."""

    desk: GitHubDesk | DryRunDesk
    branches: GitBranches | DryRunBranches


def event_option(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--event FILE`: the webhook payload Actions saves at $GITHUB_EVENT_PATH."""
    return click.option("--event", "event_file", envvar="GITHUB_EVENT_PATH", required=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help=f"The `{kind}` event payload (default: $GITHUB_EVENT_PATH).")
