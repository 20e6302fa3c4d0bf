"""What every `cocreate` command is handed: the portal it reads, and the time it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.portal import clock
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

    def github(self, repository: str | None, remote: str, dry_run: str,
               accounts: Mapping[str, datetime] | None = None) -> GitHub:
        """The desk and branches on GitHub with GITHUB_TOKEN (and a repository); otherwise
        their dry runs, which print what they would do, after saying so (`dry_run`), and
        take accounts' creation dates from `accounts` (a rehearsal's)."""
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
        return GitHub(DryRunDesk(click.echo, accounts), DryRunBranches(click.echo))


@dataclass(frozen=True)
class GitHub:
    """Where a command acts on GitHub: the real desk and branches, or their dry runs."""

    desk: GitHubDesk | DryRunDesk
    branches: GitBranches | DryRunBranches

    @property
    def rehearsal(self) -> bool:
        """Nothing reaches GitHub: what is said is what would be done."""
        from generator.github.api import DryRunDesk

        return isinstance(self.desk, DryRunDesk)


def examples(*lines: str) -> str:
    """A command's epilog: examples shown at the end of its --help, kept as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return clock.parse_moment(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def root_option(**attributes: Any) -> click.Option:
    return click.Option(["--root"], type=click.Path(file_okay=False, path_type=Path),
                        help="The portal's folder (the one holding mkdocs.yml).", **attributes)


def now_option(**attributes: Any) -> click.Option:
    return click.Option(["--now"], metavar="DATETIME",
                        help="Pretend it is this moment (ISO 8601); also COCREATE_NOW.",
                        **attributes)


def verbose_option(**attributes: Any) -> click.Option:
    return click.Option(["--verbose", "-v"], is_flag=True,
                        help="Show tracebacks of unexpected errors.", **attributes)


def _portal(ctx: click.Context) -> PortalContext:
    portal = ctx.find_object(PortalContext)
    if portal is None:  # a subcommand invoked without the group: nothing to hand it
        raise click.UsageError("run this command as part of `cocreate`")
    return portal


def _set_root(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        _portal(ctx).root = value.resolve()


def _set_now(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    moment = parse_now(ctx, param, value)
    if moment is not None:
        _portal(ctx).now = moment


def _set_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        _portal(ctx).verbose = True


def share_global_options(command: click.Command) -> None:
    """Let --root, --now and --verbose follow a subcommand too (`cocreate tally --now …`).

    The group reads them before the subcommand; each subcommand, at any depth,
    takes them again after its name and, when given there, they win.
    """
    command.params += [root_option(callback=_set_root, expose_value=False),
                       now_option(callback=_set_now, expose_value=False),
                       verbose_option(callback=_set_verbose, expose_value=False)]
    for sub in getattr(command, "commands", {}).values():
        share_global_options(sub)


def accounts_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--accounts FILE`: accounts' creation dates for a rehearsal without GitHub."""
    return click.option("--accounts", "accounts_file", metavar="FILE",
                        type=click.Path(dir_okay=False, exists=True, path_type=Path),
                        help="Without GITHUB_TOKEN: when each voter's GitHub account was "
                             "created, one `login: YYYY-MM-DD` a line, so that the minimum "
                             "account age can be tried offline.")


def read_accounts(portal: PortalContext, file: Path | None) -> dict[str, datetime] | None:
    from generator.portal.accounts import read_rehearsal_accounts
    from generator.portal.settings import read_settings

    return read_rehearsal_accounts(file, read_settings(portal.root).zone) if file else None


def event_option(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--event FILE`: the webhook payload Actions saves at $GITHUB_EVENT_PATH."""
    return click.option("--event", "event_file", envvar="GITHUB_EVENT_PATH", required=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help=f"The `{kind}` event payload (default: $GITHUB_EVENT_PATH).")
