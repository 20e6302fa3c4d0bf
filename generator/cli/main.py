"""`cocreate`: the portal's command line. Every command reads the portal in --root.

Exit codes: 0 all well, 1 the portal has problems (each printed as
`path:line: what — how to fix`), 2 the command was used wrongly.
Tracebacks are shown only with --verbose.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.cli.contest import changes, notify, tally, verify
from generator.cli.context import PortalContext
from generator.cli.doctor import doctor
from generator.cli.forms import forms_command
from generator.cli.init import init
from generator.cli.intake import intake
from generator.cli.portal import forget_command, new, schema, status_command, validate
from generator.cli.site import build
from generator.cli.votes import votes
from generator.contest.words import plural
from generator.portal import clock
from generator.portal.problems import ProblemsFound


def report_problems(found: ProblemsFound) -> None:
    for problem in found.problems:
        click.echo(str(problem), err=True)
    files = len({problem.path for problem in found.problems})
    count = len(found.problems)
    click.echo(f"{plural(count, 'problem')} in {plural(files, 'file')}",
               err=True)


class PortalGroup(click.Group):
    """Prints problems instead of tracebacks, whichever command raised them."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProblemsFound as found:
            report_problems(found)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: say so plainly, the trace only on request
            if ctx.find_root().params.get("verbose"):
                traceback.print_exc()
            click.echo(f"error: {error.__class__.__name__}: {error} "
                       "(run again with --verbose for details)", err=True)
            ctx.exit(1)


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return clock.parse_moment(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group(cls=PortalGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The portal's folder (the one holding mkdocs.yml).")
@click.option("--now", callback=_parse_now, metavar="DATETIME",
              help="Pretend it is this moment (ISO 8601); also COCREATE_NOW.")
@click.option("--verbose", "-v", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def cli(ctx: click.Context, root: Path, now: datetime | None, verbose: bool) -> None:
    """Cocreate: an open innovation portal kept in a Git repository."""
    ctx.obj = PortalContext(root.resolve(), now, verbose)


for command in (init, validate, schema, status_command, forget_command, new,  # the portal's files
                tally, verify, changes, notify,  # the contest's numbers
                build,  # the site
                intake, forms_command, votes, doctor):  # GitHub
    cli.add_command(command)


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="cocreate")


if __name__ == "__main__":
    main()
