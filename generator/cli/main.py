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
from pydantic import BaseModel, ValidationError

from generator.cli.contest import changes, notify, tally, verify
from generator.cli.context import (
    PortalContext,
    examples,
    now_option,
    parse_now,
    root_option,
    share_global_options,
    verbose_option,
)
from generator.cli.doctor import doctor
from generator.cli.forms import forms_command
from generator.cli.init import init
from generator.cli.intake import intake
from generator.cli.portal import forget_command, new, schema, status_command, validate
from generator.cli.site import build
from generator.cli.votes import votes
from generator.contest.words import plural
from generator.portal.explanations import plain_sentences
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
        except ValidationError as error:  # a model refused a value: say so in sentences
            click.echo(f"Error: {plain_sentences(error, BaseModel)}", err=True)
            ctx.exit(1)
        except Exception as error:  # a bug: say so plainly, the trace only on request
            if isinstance(ctx.obj, PortalContext) and ctx.obj.verbose:
                traceback.print_exc()
            click.echo(f"error: {error.__class__.__name__}: {error} "
                       "(run again with --verbose for details)", err=True)
            ctx.exit(1)


@click.group(cls=PortalGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=examples("cocreate validate", "cocreate tally --now 2027-03-20",
                             "cocreate --root ../my-portal build"))
@click.version_option(package_name="cocreate", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, root: Path | None, now: datetime | None, verbose: bool) -> None:
    """Cocreate: an open innovation portal kept in a Git repository.

    --root, --now and --verbose may come before or after the command's name.
    """
    ctx.obj = PortalContext((root or Path()).resolve(), now, verbose)


cli.params += [root_option(), now_option(callback=parse_now), verbose_option()]


for command in (init, validate, schema, status_command, forget_command, new,  # the portal's files
                tally, verify, changes, notify,  # the contest's numbers
                build,  # the site
                intake, forms_command, votes, doctor):  # GitHub
    cli.add_command(command)
    share_global_options(command)


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="cocreate")


if __name__ == "__main__":
    main()
