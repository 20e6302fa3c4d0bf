"""`cocreate doctor`: the repository's setup, checked through the API."""

from __future__ import annotations

import click

from generator.cli.context import PortalContext, examples


@click.command(epilog=examples("GITHUB_TOKEN=$(gh auth token) cocreate doctor",
                               "cocreate doctor --repository crumb-and-kettle/ideas",
                               "cocreate doctor --create-labels"))
@click.option("--repository", metavar="OWNER/NAME",
              help="The repository to check (default: `repository` in mkdocs.yml, else "
                   "$GITHUB_REPOSITORY, else mkdocs.yml's repo_name).")
@click.option("--create-labels", "create", is_flag=True,
              help="First create the labels the portal uses, in its language, with their "
                   "descriptions (one made in another language is renamed, on every issue "
                   "that carries it); then check.")
@click.pass_obj
def doctor(portal: PortalContext, repository: str | None, create: bool) -> None:
    """Check the GitHub repository's setup for the portal, reading only.

    Prints each item as ok, or what to switch on and where in Settings: Pages
    built by Actions, Actions allowed to open pull requests, the labels, the
    default branch, the issue forms and workflows on it, and what each
    workflow's token needs. Exit 1 when something is missing or could not be
    read. Needs GITHUB_TOKEN (an admin's token can read every setting); the API
    is at GITHUB_API_URL. With --create-labels it writes the missing labels
    first (the token needs to write issues).
    """
    import logging
    import os

    from generator.github.api import (
        DEFAULT_API_URL,
        GitHubLabelMaker,
        GitHubSetupReader,
        client_from_environment,
    )
    from generator.github.doctor.diagnose import examine, render_report
    from generator.github.doctor.labels import create_labels
    from generator.github.doctor.setup import Unreadable, read_portal, read_remote
    from generator.i18n import language
    from generator.portal.settings import REPOSITORY_NAME, read_repo_name, read_settings

    settings = read_settings(portal.root)
    lang = language(settings.language)
    _ = lang.gettext
    name = (repository or settings.repository or os.environ.get("GITHUB_REPOSITORY")
            or read_repo_name(portal.root))
    if not name:
        raise click.UsageError(_("no repository to check: pass --repository OWNER/NAME, or set "
                                 "`repository` in mkdocs.yml"))
    if not REPOSITORY_NAME.fullmatch(name):
        raise click.BadParameter(_("%(name)s is not OWNER/NAME", name=repr(name)),
                                 param_hint="--repository")
    client = client_from_environment(write_pause=0)
    if client is None:
        raise click.UsageError(_("the doctor reads the repository through GitHub's API: set "
                                 "GITHUB_TOKEN (for example GITHUB_TOKEN=$(gh auth token))"))
    api = os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    # PyGithub logs each 403 it declines to retry; here a refusal is a finding, reported below.
    logging.getLogger("github.GithubRetry").setLevel(logging.WARNING)
    reader = GitHubSetupReader(client, name)
    created = True
    if create:
        click.echo(_("Creating the labels the portal uses in %(repository)s through %(api)s:",
                     repository=name, api=api))
        try:
            present = reader.labels()
        except Unreadable as refused:
            created = False
            click.echo("  " + _("could not read the labels: GitHub answered %(status)s: "
                                "%(reason)s", status=refused.status, reason=refused.message))
        else:
            created = create_labels(present, GitHubLabelMaker(client, name), lang,
                                    lambda line: click.echo(f"  {line}"))
        click.echo()
    click.echo(_("Checking %(repository)s through %(api)s, reading only:", repository=name,
                 api=api))
    click.echo()
    expected = read_portal(portal.root, portal.now)
    remote = read_remote(reader, expected)
    findings = examine(remote, expected, name, lang)
    click.echo(render_report(findings, lang))
    if not created or any(finding.state.blocks for finding in findings):
        raise click.exceptions.Exit(1)
