"""`cocreate`: the portal's command line. Every command reads the portal in --root.

Exit codes: 0 all well, 1 the portal has problems (each printed as
`path:line: what — how to fix`), 2 the command was used wrongly.
Tracebacks are shown only with --verbose.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from . import clock
from .authorship_check import ASSOCIATIONS
from .catalog import Catalog, load_catalog
from .config import read_settings
from .i18n import LANGUAGES
from .models import Status
from .problems import ProblemsFound


class PortalContext:
    """What every command needs: where the portal is, and the time it is."""

    def __init__(self, root: Path, now: datetime | None, verbose: bool) -> None:
        self.root = root
        self.now = now
        self.verbose = verbose

    def load(self) -> Catalog:
        return load_catalog(self.root, now=self.now)


def report_problems(found: ProblemsFound) -> None:
    for problem in found.problems:
        click.echo(str(problem), err=True)
    files = len({problem.path for problem in found.problems})
    count = len(found.problems)
    click.echo(f"{count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}",
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


def event_option(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--event FILE`: the webhook payload Actions saves at $GITHUB_EVENT_PATH."""
    return click.option("--event", "event_file", envvar="GITHUB_EVENT_PATH", required=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help=f"The `{kind}` event payload (default: $GITHUB_EVENT_PATH).")


@cli.command()
@click.pass_obj
def validate(portal: PortalContext) -> None:
    """Check every file; print `path:line: problem — fix` for each problem.

    Also checks, against Git history, that no challenge's voting rules changed
    after its voting opened, and that GitHub would accept every idea form the
    portal needs now.
    """
    from .form_check import check_forms
    from .freeze import check_frozen_rules

    catalog = portal.load()
    frozen, unchecked = check_frozen_rules(catalog)
    if unchecked:
        click.echo(f"note: {len(unchecked)} challenge{'s' * (len(unchecked) != 1)} voting "
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
    click.echo("ok: " + ", ".join(f"{n} {noun}{'s' * (n != 1)}" for n, noun in counts))


@cli.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--language", type=click.Choice(LANGUAGES), default=None,
              help="Build in this language instead of the portal's `language` setting.")
@click.pass_obj
def build(portal: PortalContext, site_dir: Path | None, language: str | None) -> None:
    """Build the whole site into site/ (the same as `mkdocs build --strict`)."""
    from .mkdocs_plugin import build_site  # mkdocs is slow to import; only here

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
    from .tally import render_csv, render_json, render_table, tally_catalog

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

    from .verify import compare, published_moment, read_published

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
            f"{len(differences)} difference{'s' * (len(differences) != 1)} between the "
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
    from .changes import describe_changes
    from .tally import tally_catalog

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
    from .schemas import SCHEMA_DIR, write_schemas

    for file in write_schemas(out or portal.root / SCHEMA_DIR):
        click.echo(f"wrote {file}")


@cli.command("forms")
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
    from .form_check import check_forms
    from .forms import open_challenges, stale_forms, write_forms

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
    changes = write_forms(catalog)
    for path in changes.written:
        click.echo(f"wrote {path.as_posix()}")
    for path in changes.removed:
        click.echo(f"removed {path.as_posix()}")
    listed = open_challenges(catalog)
    click.echo(f"{len(listed)} challenge{'s' * (len(listed) != 1)} open for ideas, each with "
               f"its own form: {', '.join(listed) or 'none'}")


def propose_forms(portal: PortalContext, catalog: Catalog, base: str, remote: str) -> None:
    """`forms --pull-request`: the forms on branch forms/update, in one pull request."""
    import os

    from .branches import DryRunBranches, GitBranches
    from .form_update import FormsBranch, FormsDesk, run_form_update
    from .github_api import (
        DryRunDesk,
        GitHubDesk,
        SetupNeeded,
        client_from_environment,
        token_from_environment,
    )

    client = client_from_environment()
    repository = catalog.settings.repository or os.environ.get("GITHUB_REPOSITORY")
    desk: FormsDesk
    branches: FormsBranch
    if client is not None and repository:
        desk = GitHubDesk(client, repository)
        branches = GitBranches(portal.root, remote, token_from_environment())
    else:
        click.echo("no GITHUB_TOKEN: saying what would be done")
        desk, branches = DryRunDesk(click.echo), DryRunBranches(click.echo)
    try:
        run_form_update(catalog, desk, branches, base, click.echo)
    except SetupNeeded as error:
        raise click.ClickException(str(error)) from None


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
    from .branches import DryRunBranches, GitBranches
    from .config import read_site_url
    from .events import IssuesEvent, read_event
    from .forms import FORM_PATH, form_path, is_generated
    from .github_api import (
        DryRunDesk,
        GitHubDesk,
        SetupNeeded,
        client_from_environment,
        token_from_environment,
    )
    from .intake_run import Branches, Desk, run_intake
    from .issueform import FormSpec

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
    from .lifecycle import StatusError, change_status

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

    from .config import read_site_url
    from .github_api import DryRunDesk, GitHubDesk, client_from_environment
    from .notify import NoticeBoard, post_all, results_outcomes, status_changes
    from .tally import tally_catalog

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
    click.echo(f"{posted} announcement{'s' * (posted != 1)} posted, "
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
    from .forget import forget

    changes = forget(portal.load(), login, remove_ideas=remove_ideas)
    for change in changes:
        click.echo(change)
    portal.load()  # the portal must still be valid without them
    click.echo(f"{login} is forgotten in {len(changes)} file{'s' * (len(changes) != 1)}; "
               "rebuild the site and commit")


@cli.command()
@click.option("--repository", metavar="OWNER/NAME",
              help="The repository to check (default: `repository` in mkdocs.yml, else "
                   "$GITHUB_REPOSITORY, else mkdocs.yml's repo_name).")
@click.pass_obj
def doctor(portal: PortalContext, repository: str | None) -> None:
    """Check the GitHub repository's setup for the portal, reading only.

    Prints each item as ok, or what to switch on and where in Settings: Pages
    built by Actions, Actions allowed to open pull requests, the labels, the
    default branch, the issue forms and workflows on it, and what each
    workflow's token needs. Exit 1 when something is missing or could not be
    read. Needs GITHUB_TOKEN (an admin's token can read every setting); the API
    is at GITHUB_API_URL.
    """
    import logging
    import os

    from .config import REPOSITORY_NAME, read_repo_name
    from .doctor import examine, render_report
    from .doctor_setup import read_portal, read_remote
    from .github_api import DEFAULT_API_URL, GitHubSetupReader, client_from_environment
    from .i18n import language

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
    click.echo(_("Checking %(repository)s through %(api)s, reading only:", repository=name,
                 api=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL))
    click.echo()
    # PyGithub logs each 403 it declines to retry; here a refusal is a finding, reported below.
    logging.getLogger("github.GithubRetry").setLevel(logging.WARNING)
    expected = read_portal(portal.root, portal.now)
    remote = read_remote(GitHubSetupReader(client, name), expected)
    findings = examine(remote, expected, name, lang)
    click.echo(render_report(findings, lang))
    if any(finding.state.blocks for finding in findings):
        raise click.exceptions.Exit(1)


@cli.group()
def votes() -> None:
    """Turn 👍 reactions and /vote comments into ballots."""


@votes.command("comment")
@event_option("issue_comment")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote whose default branch receives the ballots.")
@click.pass_obj
def votes_comment(portal: PortalContext, event_file: Path, remote: str) -> None:
    """Record a /vote or /unvote comment in the commenter's ballot, and answer it.

    With GITHUB_TOKEN set the ballot is committed to the default branch (fetch,
    re-apply, retry on a race; never forced) and the comment gets a reaction or
    a reply; without, the ballot is written here and the answer printed.
    """
    from .branches import GitBranches
    from .comment_votes import Apply, VoteDesk, run_comment_vote
    from .committing import commit_with_retry
    from .events import IssueCommentEvent, read_event
    from .github_api import (
        DryRunDesk,
        GitHubDesk,
        client_from_environment,
        token_from_environment,
    )

    catalog = portal.load()
    event = read_event(event_file, IssueCommentEvent)
    client = client_from_environment()
    desk: VoteDesk
    if client is not None:
        desk = GitHubDesk(client, event.repository.full_name)
        git = GitBranches(portal.root, remote, token_from_environment())
        branch = event.repository.default_branch

        def commit(apply: Apply, message: str) -> str | None:
            return commit_with_retry(git, branch, apply, message)
    else:
        click.echo("no GITHUB_TOKEN: writing the ballot here, and saying what would be done")
        desk = DryRunDesk(click.echo)

        def commit(apply: Apply, message: str) -> str | None:
            for path in apply(portal.root):
                click.echo(f"wrote {path}")
            return None
    run_comment_vote(event, catalog, desk, commit, click.echo)


@votes.command("check-pr")
@click.option("--base", required=True, type=click.Path(file_okay=False, exists=True,
                                                        path_type=Path),
              help="A checkout of the pull request's base branch.")
@click.option("--author", required=True, help="The pull request author's GitHub login.")
@click.option("--author-association", type=click.Choice(ASSOCIATIONS), default="NONE",
              show_default=True,
              help="GitHub's author_association of the pull request: OWNER, MEMBER and "
                   "COLLABORATOR are maintainers, who alone may change who an idea belongs to.")
@click.pass_obj
def votes_check_pr(portal: PortalContext, base: Path, author: str,
                   author_association: str) -> None:
    """Pass a pull request's ballot changes only if they are its author's own and count.

    With GITHUB_TOKEN, account_id and account_created are checked against GitHub's
    record. Only a maintainer's pull request may change an idea's author or co-authors.
    """
    from .authorship_check import check_authorship_changes, check_laundered_self_votes
    from .ballot_check import check_ballot_changes
    from .github_api import GitHubDesk, client_from_environment

    head = portal.load()
    client = client_from_environment()
    lookup = desk = None
    if client is not None and head.settings.repository:
        desk = GitHubDesk(client, head.settings.repository)
        lookup = desk.account_created
    before = load_catalog(base.resolve(), now=portal.now)
    problems = check_ballot_changes(head, before, author, lookup,
                                    account_id=desk.account_id if desk else None)
    problems += check_authorship_changes(head, before, author_association)
    problems += check_laundered_self_votes(head, before)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise click.ClickException(f"{len(problems)} problem{'s' * (len(problems) != 1)} "
                                   "with the ballots and ideas in this pull request")
    click.echo(f"ok: the ballot changes by {author} follow the rules (or there are none)")


@votes.command("sync")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote whose branch receives the ballots.")
@click.option("--branch", envvar="GITHUB_REF_NAME", default="main", show_default=True,
              help="The branch to commit to (default: $GITHUB_REF_NAME, else main).")
@click.pass_obj
def votes_sync(portal: PortalContext, remote: str, branch: str) -> None:
    """Catch up every vote of the challenges voting now, and commit the ballots.

    Reads each idea's 👍 reactions and comments with GraphQL (GITHUB_TOKEN, at
    GITHUB_API_URL): reaction votes are recomputed from scratch, and every
    /vote or /unvote comment no run has answered is recorded and answered.
    Only ballots that changed are rewritten; nothing is committed when none did.
    """
    import os

    from .branches import GitBranches
    from .comment_votes import Apply
    from .committing import commit_with_retry
    from .github_api import GitHubDesk, client_from_environment, token_from_environment
    from .reactions import graphql_with, synced_ideas
    from .vote_sync import run_vote_sync

    catalog = portal.load()
    if not synced_ideas(catalog):
        click.echo("no challenge is voting now: nothing to sync")
        return
    repository = catalog.settings.repository or os.environ.get("GITHUB_REPOSITORY")
    # GraphQL queries are reads sent as POST: no pause between them beyond GitHub's own
    # limits. The answers to comments are writes, spaced out as GitHub asks.
    reader, writer = client_from_environment(write_pause=0), client_from_environment()
    if reader is None or writer is None or not repository:
        raise click.ClickException("votes sync reads reactions from GitHub: set GITHUB_TOKEN, "
                                   "and `repository` in mkdocs.yml (or GITHUB_REPOSITORY)")
    graphql = graphql_with(reader.requester)
    queries = 0

    def counted(query: str, variables: dict[str, object]) -> dict[str, object]:
        nonlocal queries
        queries += 1
        return graphql(query, variables)

    git = GitBranches(portal.root, remote, token_from_environment())

    def commit(apply: Apply, message: str) -> str | None:
        return commit_with_retry(git, branch, apply, message)

    report = run_vote_sync(catalog, counted, repository, GitHubDesk(writer, repository),
                           commit, click.echo)
    click.echo(f"read {report.reactions} 👍 on {report.ideas} ideas in {queries} GraphQL "
               f"quer{'ies' if queries != 1 else 'y'}; {report.caught_up} unanswered "
               f"/vote comment{'s' * (report.caught_up != 1)}")
    click.echo(f"committed {report.commit[:12]} to {branch}" if report.commit
               else "no ballot changed")


@cli.group()
def new() -> None:
    """Create new portal files from commented templates."""


@new.command("challenge")
@click.argument("slug")
@click.option("--title", default="A new challenge", show_default=True)
@click.pass_obj
def new_challenge(portal: PortalContext, slug: str, title: str) -> None:
    """Scaffold challenges/SLUG/challenge.yml, opening today."""
    from .scaffold import create_challenge

    settings = read_settings(portal.root)
    today = (portal.now or clock.now()).astimezone(settings.zone).date()
    try:
        file = create_challenge(portal.root / settings.challenges_dir, slug, title, today)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="SLUG") from None
    click.echo(f"wrote {file.relative_to(portal.root)}; edit it, then run `cocreate validate`")


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="cocreate")


if __name__ == "__main__":
    main()
