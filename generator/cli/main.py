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

from generator.cli.context import PortalContext, event_option
from generator.cli.doctor import doctor
from generator.cli.forms import forms_command
from generator.cli.votes import votes
from generator.contest.words import plural
from generator.i18n import LANGUAGES
from generator.models import Status
from generator.portal import clock
from generator.portal.problems import ProblemsFound
from generator.portal.reading import load_catalog
from generator.portal.settings import read_settings


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




@cli.command()
@click.pass_obj
def validate(portal: PortalContext) -> None:
    """Check every file; print `path:line: problem — fix` for each problem.

    Also checks, against Git history, that no challenge's voting rules changed
    after its voting opened, and that GitHub would accept every idea form the
    portal needs now.
    """
    from generator.github.forms.check import check_forms
    from generator.portal.frozen_rules import check_frozen_rules

    catalog = portal.load()
    frozen, unchecked = check_frozen_rules(catalog)
    if unchecked:
        click.echo(f"note: {plural(len(unchecked), 'challenge')} voting "
                   "without a commit from before voting opened, so their rules were not "
                   "compared with history (in a shallow clone, use fetch-depth: 0)", err=True)
    problems = frozen + check_forms(catalog)
    if problems:
        raise ProblemsFound(problems)
    ideas = sum(len(folder.ideas) for folder in catalog.challenges.values())
    ballots = sum(len(folder.ballots) for folder in catalog.challenges.values())
    cards = sum(len(folder.scorecards) for folder in catalog.challenges.values())
    counts = [(len(catalog.challenges), "challenge"), (ideas, "idea"), (ballots, "ballot"),
              (cards, "scorecard")]
    click.echo("ok: " + ", ".join(plural(n, noun) for n, noun in counts))


@cli.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--language", type=click.Choice(LANGUAGES), default=None,
              help="Build in this language instead of the portal's `language` setting.")
@click.pass_obj
def build(portal: PortalContext, site_dir: Path | None, language: str | None) -> None:
    """Build the whole site into site/ (the same as `mkdocs build --strict`)."""
    from generator.site.plugin import build_site  # mkdocs is slow to import; only here

    catalog = portal.load()  # report problems as `validate` does, before mkdocs starts
    if portal.now is not None:
        import os

        os.environ[clock.ENVIRONMENT_VARIABLE] = portal.now.isoformat()
    written = build_site(portal.root, site_dir=site_dir, strict=True, catalog=catalog,
                         language=language)
    click.echo(f"site built in {written}")


@cli.command()
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


@cli.command()
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


@cli.command()
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


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: content/schemas in the portal).")
@click.pass_obj
def schema(portal: PortalContext, out: Path | None) -> None:
    """Write JSON Schemas for challenge, idea, ballot and scorecard files."""
    from generator.portal.schemas import SCHEMA_DIR, write_schemas

    for file in write_schemas(out or portal.root / SCHEMA_DIR):
        click.echo(f"wrote {file}")


@cli.command()
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
        DryRunDesk,
        GitHubDesk,
        SetupNeeded,
        client_from_environment,
        token_from_environment,
    )
    from generator.github.branches import DryRunBranches, GitBranches
    from generator.github.events import IssuesEvent, read_event
    from generator.github.forms.answers import FormSpec
    from generator.github.forms.render import FORM_PATH, is_generated
    from generator.github.intake.run import Branches, Desk, run_intake
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
    client = client_from_environment()
    desk: Desk
    branches: Branches
    if client is not None:
        desk = GitHubDesk(client, event.repository.full_name)
        branches = GitBranches(portal.root, remote, token_from_environment())
    else:
        click.echo("no GITHUB_TOKEN: writing files only, and saying what would be done")
        desk, branches = DryRunDesk(click.echo), DryRunBranches(click.echo)
    try:
        run_intake(event, catalog, spec, desk, branches, click.echo, read_site_url(portal.root),
                   challenge_specs)
    except SetupNeeded as error:
        raise click.ClickException(str(error)) from None


@cli.command("status")
@click.argument("idea")
@click.argument("status", type=click.Choice([status.value for status in Status]))
@click.option("--note", required=True,
              help="The official answer: shown on the idea's page and posted on its issue.")
@click.option("--by", envvar="GITHUB_ACTOR", help="Who decides (default: $GITHUB_ACTOR).")
@click.option("--of", "duplicate_of", metavar="ID", help="The original, for a duplicate.")
@click.option("--prize", help="The prize the idea won, for a winner.")
@click.pass_obj
def status_command(portal: PortalContext, idea: str, status: str, note: str, by: str | None,
                   duplicate_of: str | None, prize: str | None) -> None:
    """Change IDEA (its number, or CHALLENGE/NUMBER) to STATUS with an official answer.

    Writes the idea file (status, and a history entry dated now); commit it in a
    pull request, and `cocreate notify` announces it on the idea's issue once merged.
    """
    from generator.portal.lifecycle import StatusError, change_status

    catalog = portal.load()
    try:
        file = change_status(catalog, idea, Status(status), note, at=catalog.now, by=by or None,
                             duplicate_of=duplicate_of, prize=prize)
    except StatusError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {file.relative_to(portal.root)}: {status}; commit it in a pull request")


@cli.command()
@click.option("--before", metavar="SHA", help="The commit before the push ($BEFORE).")
@click.option("--after", metavar="SHA", help="The commit after the push ($AFTER).")
@click.pass_obj
def notify(portal: PortalContext, before: str | None, after: str | None) -> None:
    """Announce on each idea's issue its status change between two commits, once.

    Also posts the outcome to the ideas of a challenge whose results came out in
    the last two weeks. With GITHUB_TOKEN it comments, labels and closes final
    ideas' issues; without, it prints the announcements it would post.
    """
    import os

    from generator.contest.notify import NoticeBoard, post_all, results_outcomes, status_changes
    from generator.contest.tally import tally_catalog
    from generator.github.api import DryRunDesk, GitHubDesk, client_from_environment
    from generator.portal.settings import read_site_url

    if (before is None) != (after is None):
        raise click.UsageError("give both --before and --after, or neither")
    catalog = portal.load()
    site_url = read_site_url(portal.root)
    announcements = status_changes(catalog, before, after, site_url) if before and after else []
    tallies = {tally.challenge: tally for tally in tally_catalog(catalog)}
    announcements += results_outcomes(catalog, tallies, site_url)
    client = client_from_environment()
    repository = catalog.settings.repository or os.environ.get("GITHUB_REPOSITORY")
    board: NoticeBoard
    if client is not None and repository:
        board = GitHubDesk(client, repository)
    else:
        click.echo("no GITHUB_TOKEN: printing the announcements instead of posting them")
        board = DryRunDesk(click.echo)
    posted = post_all(board, announcements, click.echo)
    click.echo(f"{plural(posted, 'announcement')} posted, "
               f"{len(announcements) - posted} already there")


@cli.command("forget")
@click.argument("login")
@click.option("--remove-ideas", is_flag=True,
              help="Remove their ideas (and the votes and scores they got) instead of "
                   "publishing them as `ghost`.")
@click.pass_obj
def forget_command(portal: PortalContext, login: str, remove_ideas: bool) -> None:
    """Erase LOGIN from the portal's files: ballots, authorship, answers, jury comments.

    Commit the result; Git history keeps the old files until it is rewritten
    (the privacy page says how).
    """
    from generator.portal.forget import forget

    changes = forget(portal.load(), login, remove_ideas=remove_ideas)
    for change in changes:
        click.echo(change)
    portal.load()  # the portal must still be valid without them
    click.echo(f"{login} is forgotten in {plural(len(changes), 'file')}; "
               "rebuild the site and commit")


@cli.group()
def new() -> None:
    """Create new portal files from commented templates."""


@new.command("challenge")
@click.argument("slug")
@click.option("--title", default="A new challenge", show_default=True)
@click.pass_obj
def new_challenge(portal: PortalContext, slug: str, title: str) -> None:
    """Scaffold challenges/SLUG/challenge.yml, opening today."""
    from generator.portal.scaffold import create_challenge

    settings = read_settings(portal.root)
    today = (portal.now or clock.now()).astimezone(settings.zone).date()
    try:
        file = create_challenge(portal.root / settings.challenges_dir, slug, title, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="SLUG") from None
    click.echo(f"wrote {file.relative_to(portal.root)}; edit it, then run `cocreate validate`")


cli.add_command(doctor)
cli.add_command(forms_command)
cli.add_command(votes)


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="cocreate")


if __name__ == "__main__":
    main()
