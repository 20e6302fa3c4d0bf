"""The commands that read, check and change the portal's files: `validate`, `schema`,
`status`, `forget` and `new challenge`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.context import PortalContext, examples
from generator.contest.words import plural
from generator.models import Status
from generator.portal import clock
from generator.portal.problems import ProblemsFound
from generator.portal.settings import read_settings


@click.command(epilog=examples("cocreate validate", "cocreate validate --now 2027-03-20"))
@click.pass_obj
def validate(portal: PortalContext) -> None:
    """Check every file; print `path:line: problem — fix` for each problem.

    Also checks, against Git history, that no challenge's voting rules changed
    after its voting opened, that GitHub would accept every idea form the
    portal needs now, that every link of the pages in content/ and every
    entry of mkdocs.yml's nav leads to a page the portal will have, and that
    each `<!-- cocreate: … -->` marker of the home page names a section.
    """
    from generator.github.forms.check import check_forms
    from generator.portal.frozen_rules import check_frozen_rules
    from generator.site.links import check_content_links

    catalog = portal.load()
    frozen, unchecked = check_frozen_rules(catalog)
    if unchecked:
        click.echo(f"note: {plural(len(unchecked), 'challenge')} voting "
                   "without a commit from before voting opened, so their rules were not "
                   "compared with history (in a shallow clone, use fetch-depth: 0)", err=True)
    problems = frozen + check_forms(catalog) + check_content_links(catalog)
    if problems:
        raise ProblemsFound(problems)
    ideas = sum(len(folder.ideas) for folder in catalog.challenges.values())
    ballots = sum(len(folder.ballots) for folder in catalog.challenges.values())
    cards = sum(len(folder.scorecards) for folder in catalog.challenges.values())
    counts = [(len(catalog.challenges), "challenge"), (ideas, "idea"), (ballots, "ballot"),
              (cards, "scorecard")]
    click.echo("ok: " + ", ".join(plural(n, noun) for n, noun in counts))


@click.command(epilog=examples("cocreate schema", "cocreate schema --out /tmp/schemas"))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: content/schemas in the portal).")
@click.pass_obj
def schema(portal: PortalContext, out: Path | None) -> None:
    """Write JSON Schemas for challenge, idea, ballot, scorecard and comments files."""
    from generator.portal.schemas import SCHEMA_DIR, write_schemas

    for file in write_schemas(out or portal.root / SCHEMA_DIR):
        click.echo(f"wrote {file}")


@click.command("status", epilog=examples(
    'cocreate status 48 shortlisted --note "The jury will taste it in March."',
    'cocreate status neighbourhood-events/51 duplicate --of 48 --note "Same as #48."',
    'cocreate status winter-menu-2026/13 shortlisted --note "Second place." '
    '--prize "A month of free coffee"'))
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
    from generator.portal.writer import Edits

    catalog = portal.load()
    edits = Edits()
    try:
        file = change_status(catalog, idea, Status(status), note, at=catalog.now, by=by or None,
                             duplicate_of=duplicate_of, prize=prize, edits=edits)
        portal.load()  # the portal with the change must load, or the file is put back
    except StatusError as error:
        raise click.ClickException(str(error)) from None
    except ProblemsFound:
        edits.undo()
        raise
    click.echo(f"wrote {file.relative_to(portal.root)}: {status}; commit it in a pull request")


@click.command("forget", epilog=examples("cocreate forget lucy-cho",
                                                  "cocreate forget lucy-cho --remove-ideas"))
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
    from generator.portal.writer import Edits

    edits = Edits()
    changes = forget(portal.load(), login, remove_ideas=remove_ideas, edits=edits)
    if not changes:
        raise click.ClickException(f"{login} is in none of the portal's files: nothing was "
                                   "changed — check the spelling of the login")
    try:
        portal.load()  # the portal must still be valid without them
    except ProblemsFound:
        edits.undo()  # nothing lands unless all of it does
        raise
    for change in changes:
        click.echo(change)
    click.echo(f"{login} is forgotten in {plural(len(changes), 'file')}; "
               "rebuild the site and commit")


@click.group(epilog=examples('cocreate new challenge coffee-club --title "What should we brew?"'))
def new() -> None:
    """Create new portal files from commented templates."""


@new.command("challenge", epilog=examples(
    'cocreate new challenge coffee-club --title "What should we brew?"',
    "cocreate new challenge spring-menu --now 2027-03-01"))
@click.argument("slug")
@click.option("--title", default="A new challenge", show_default=True,
              help="The challenge's title (in the portal's language).")
@click.pass_obj
def new_challenge(portal: PortalContext, slug: str, title: str) -> None:
    """Scaffold challenges/SLUG/challenge.yml, opening today.

    Every field is written under a comment that explains it, in the portal's
    language; the budget lines, weights and questions are commented out, ready
    to uncomment.
    """
    from generator.i18n import language
    from generator.portal.scaffold import create_challenge

    settings = read_settings(portal.root)
    today = (portal.now or clock.now()).astimezone(settings.zone).date()
    try:
        file = create_challenge(portal.root / settings.challenges_dir, slug, title, today,
                                language(settings.language))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="SLUG") from None
    click.echo(f"wrote {file.relative_to(portal.root)}; edit it, then run `cocreate validate`")
