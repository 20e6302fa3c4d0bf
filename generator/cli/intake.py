"""`cocreate intake`: an issue event becomes an idea file, a branch and an answer."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.context import PortalContext, event_option, examples


@click.command(epilog=examples("cocreate intake --event issue-event.json"))
@event_option("issues")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote that receives the idea/<n> branches.")
@click.pass_obj
def intake(portal: PortalContext, event_file: Path, remote: str) -> None:
    """File an idea from an issue event: write it, push idea/<n>, answer on the issue.

    With GITHUB_TOKEN set it pushes the branch, opens or updates the pull request,
    comments and labels (through GITHUB_API_URL); without, it writes the file and
    prints what it would have done.
    """
    from generator.github.api import (
        SetupNeeded,
    )
    from generator.github.events import IssuesEvent, read_event
    from generator.github.forms.answers import FormSpec
    from generator.github.forms.render import FORM_PATH, is_generated
    from generator.github.intake.run import run_intake
    from generator.portal.paths import form_path
    from generator.portal.settings import read_site_url

    catalog = portal.load()
    form = portal.root / FORM_PATH
    if not form.is_file():
        raise click.ClickException(f"{FORM_PATH} is missing — run `cocreate forms` first")
    spec = FormSpec.read(form, str(FORM_PATH))
    # Each challenge's own form as committed, the one GitHub showed; the intake falls back
    # on the form as the portal would write it now for a challenge without one.
    challenge_specs = {slug: FormSpec.read(portal.root / form_path(slug),
                                           form_path(slug).as_posix())
                       for slug in catalog.challenges
                       if form_path(slug) != FORM_PATH
                       and is_generated(portal.root / form_path(slug))}
    event = read_event(event_file, IssuesEvent)
    github = portal.github(event.repository.full_name, remote,
                           "writing files only, and saying what would be done")
    try:
        run_intake(event, catalog, spec, github.desk, github.branches, click.echo,
                   read_site_url(portal.root), challenge_specs)
    except SetupNeeded as error:
        raise click.ClickException(str(error)) from None
