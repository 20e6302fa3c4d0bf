"""The commands on the contest's numbers: `tally`, `verify`, `changes` and `notify`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.cli.context import PortalContext, examples
from generator.contest.words import plural
from generator.portal.problems import ProblemsFound
from generator.portal.reading import load_catalog


@click.command(epilog=examples("cocreate tally", "cocreate tally winter-menu-2026 --format json",
                               "cocreate tally --now 2027-04-16 --format csv"))
@click.argument("challenge", required=False)
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True)
@click.pass_obj
def tally(portal: PortalContext, challenge: str | None, output: str) -> None:
    """Rank the ideas of every challenge (or of CHALLENGE) by votes."""
    from generator.contest.tally import render_csv, render_json, render_table, tally_catalog

    catalog = portal.load()
    if challenge is not None and challenge not in catalog.challenges:
        known = ", ".join(catalog.challenges) or "none"
        raise click.BadParameter(f"no challenge {challenge!r}; the challenges are: {known}",
                                 param_hint="CHALLENGE")
    tallies = tally_catalog(catalog, challenge)
    render = {"json": render_json, "csv": render_csv, "table": render_table}[output]
    click.echo(render(tallies), nl=False)


@click.command(epilog=examples("cocreate verify", "cocreate verify https://crumb-and-kettle.github.io/ideas/"))
@click.argument("published", required=False)
@click.pass_obj
def verify(portal: PortalContext, published: str | None) -> None:
    """Recompute every tally from the files and compare it with the published one.

    PUBLISHED is the built site folder (default: site/ in the portal), an
    api/v1/tallies.json file, or the site's address (https://…/ or
    …/api/v1/tallies.json).
    """
    import urllib.error

    from generator.contest.verify import compare, published_moment, read_published

    source = published or str(portal.root / "site")
    try:
        document = read_published(source)
    except (OSError, ValueError, urllib.error.URLError) as error:
        raise click.ClickException(f"cannot read the published tally from {source}: "
                                   f"{error} — build the site first (`cocreate build`), or "
                                   "pass the site's address") from None
    moment = portal.now or published_moment(document)
    differences = compare(document, load_catalog(portal.root, now=moment))
    commit = document.get("commit") or "an unknown commit"
    if differences:
        for line in differences:
            click.echo(line)
        raise click.ClickException(
            f"{plural(len(differences), 'difference')} between the "
            f"published tally (from {commit}, computed for {moment.isoformat()}) and the files")
    count = len(document.get("challenges", []))
    click.echo(f"ok: {count} challenge tallies match the files (published from {commit}, "
               f"computed for {moment.isoformat()})")


@click.command(epilog=examples("cocreate changes --base ../main-checkout"))
@click.option("--base", "base", required=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A checkout of the portal before the change (such as the base branch).")
@click.pass_obj
def changes(portal: PortalContext, base: Path) -> None:
    """Print, as Markdown, what the change since BASE does to each leaderboard."""
    from generator.contest.changes import describe_changes
    from generator.contest.tally import tally_catalog

    after = tally_catalog(portal.load())
    try:
        before = tally_catalog(load_catalog(base.resolve(), now=portal.now))
    except ProblemsFound:
        before = []  # a base that does not load: every challenge reads as new
    click.echo(describe_changes(before, after), nl=False)


@click.command(epilog=examples("cocreate notify",
                               "cocreate notify --before 1a2b3c4 --after 5d6e7f8"))
@click.option("--before", metavar="SHA", help="The commit before the push ($BEFORE).")
@click.option("--after", metavar="SHA", help="The commit after the push ($AFTER).")
@click.pass_obj
def notify(portal: PortalContext, before: str | None, after: str | None) -> None:
    """Announce on each idea's issue its status change between two commits, once.

    Also posts the outcome to the ideas of a challenge whose results came out in
    the last two weeks. With GITHUB_TOKEN it comments, labels and closes final
    ideas' issues; without, it prints the announcements it would post.
    """

    from generator.contest.notify import post_all, results_outcomes, status_changes
    from generator.contest.tally import tally_catalog
    from generator.portal.settings import read_site_url

    if (before is None) != (after is None):
        raise click.UsageError("give both --before and --after, or neither")
    catalog = portal.load()
    site_url = read_site_url(portal.root)
    announcements = status_changes(catalog, before, after, site_url) if before and after else []
    tallies = {tally.challenge: tally for tally in tally_catalog(catalog)}
    announcements += results_outcomes(catalog, tallies, site_url)
    repository = catalog.settings.repository or os.environ.get("GITHUB_REPOSITORY")
    github = portal.github(repository, "origin",
                           "printing the announcements instead of posting them")
    rehearsal = github.rehearsal
    posted = post_all(github.desk, announcements, click.echo, rehearsal=rehearsal)
    if rehearsal:
        click.echo(f"would post {plural(posted, 'announcement')}")
        return
    click.echo(f"{plural(posted, 'announcement')} posted, "
               f"{len(announcements) - posted} already there")
