"""`cocreate forms`: the idea issue forms, written, checked, or proposed in a pull request."""

from __future__ import annotations

import click

from generator.cli.context import PortalContext, examples
from generator.contest.words import plural
from generator.portal.catalog import Catalog
from generator.portal.problems import ProblemsFound


@click.command("forms", epilog=examples("cocreate forms", "cocreate forms --check",
                                        "cocreate forms --pull-request --base main"))
@click.option("--check", is_flag=True,
              help="Change nothing; exit 1 if a form is out of date or GitHub would refuse it.")
@click.option("--pull-request", "pull_request", is_flag=True,
              help="Commit the regenerated forms to branch forms/update and open or update its "
                   "pull request (GITHUB_TOKEN); without a token, say what would be done.")
@click.option("--base", envvar="GITHUB_REF_NAME", default="main", show_default=True,
              help="With --pull-request: the branch the forms are proposed to (default: "
                   "$GITHUB_REF_NAME, else main).")
@click.option("--remote", default="origin", show_default=True,
              help="With --pull-request: the git remote that receives forms/update.")
@click.pass_obj
def forms_command(portal: PortalContext, check: bool, pull_request: bool, base: str,
                  remote: str) -> None:
    """Write the idea issue forms (.github/ISSUE_TEMPLATE) from the open challenges.

    One form per challenge open for ideas (its "Submit an idea" links open it),
    the general form listing them all, and the chooser's settings; the forms of
    challenges that closed are removed. Nothing is written, and no pull request
    opened, while GitHub would refuse a form: each reason is printed as
    `path:line: problem — fix`.
    """
    from generator.github.forms.check import check_forms
    from generator.github.forms.render import open_challenges, stale_forms

    if check and pull_request:
        raise click.UsageError("give --check or --pull-request, not both")
    catalog = portal.load()
    refused = check_forms(catalog)
    if pull_request:
        if refused:
            raise ProblemsFound(refused)
        propose_forms(portal, catalog, base, remote)
        return
    if check:
        stale = stale_forms(catalog)
        for path in stale:
            click.echo(f"{path.as_posix()}: out of date — run `cocreate forms` and commit the "
                       "result", err=True)
        if refused:
            raise ProblemsFound(refused)
        if stale:
            raise click.exceptions.Exit(1)
        click.echo("ok: the issue forms are up to date")
        return
    if refused:
        raise ProblemsFound(refused)
    write_and_list_forms(catalog)
    listed = open_challenges(catalog)
    click.echo(f"{plural(len(listed), 'challenge')} open for ideas, each with "
               f"its own form: {', '.join(listed) or 'none'}")


def propose_forms(portal: PortalContext, catalog: Catalog, base: str, remote: str) -> None:
    """`forms --pull-request`: the forms on branch forms/update, in one pull request."""
    import os

    from generator.github.api import (
        SetupNeeded,
    )
    from generator.github.forms.update import run_form_update

    repository = catalog.settings.repository or os.environ.get("GITHUB_REPOSITORY")
    github = portal.github(repository, remote, "saying what would be done")
    try:
        run_form_update(catalog, github.desk, github.branches, base, click.echo)
    except SetupNeeded as error:
        raise click.ClickException(str(error)) from None


def write_and_list_forms(catalog: Catalog) -> None:
    """Write the issue forms (`cocreate forms`, `cocreate init`), naming each file changed."""
    from generator.github.forms.render import write_forms

    changes = write_forms(catalog)
    for path in changes.written:
        click.echo(f"wrote {path.as_posix()}")
    for path in changes.removed:
        click.echo(f"removed {path.as_posix()}")
