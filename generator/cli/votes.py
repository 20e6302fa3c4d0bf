"""`cocreate votes`: 👍 reactions, /vote comments and ballot pull requests into ballots."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.context import (
    PortalContext,
    accounts_option,
    event_option,
    examples,
    read_accounts,
)
from generator.contest.words import plural
from generator.github.votes.authorship_check import ASSOCIATIONS
from generator.portal.reading import load_catalog


@click.group(epilog=examples("cocreate votes sync", "cocreate votes comment --event event.json"))
def votes() -> None:
    """Turn 👍 reactions and /vote comments into ballots."""


@votes.command("comment", epilog=examples(
    "cocreate votes comment --event event.json",
    "cocreate votes comment --event event.json --accounts accounts.yml"))
@event_option("issue_comment")
@click.option("--remote", default="origin", show_default=True,
              help="The git remote whose default branch receives the ballots.")
@accounts_option()
@click.pass_obj
def votes_comment(portal: PortalContext, event_file: Path, remote: str,
                  accounts_file: Path | None) -> None:
    """Record a /vote or /unvote comment in the commenter's ballot, and answer it.

    With GITHUB_TOKEN set the ballot is committed to the default branch (fetch,
    re-apply, retry on a race; never forced) and the comment gets a reaction or
    a reply; without, the ballot is written here and the answer printed
    (with --accounts, each voter's account age is taken from that file).
    """
    from generator.github.branches import GitBranches
    from generator.github.committing import commit_with_retry
    from generator.github.events import IssueCommentEvent, read_event
    from generator.github.votes.comments import Apply, run_comment_vote

    catalog = portal.load()
    event = read_event(event_file, IssueCommentEvent)
    github = portal.github(event.repository.full_name, remote,
                           "writing the ballot here, and saying what would be done",
                           read_accounts(portal, accounts_file))
    git, branch = github.branches, event.repository.default_branch

    def commit(apply: Apply, message: str) -> str | None:
        if isinstance(git, GitBranches):
            return commit_with_retry(git, branch, apply, message)
        for path in apply(portal.root):
            click.echo(f"wrote {path}")
        return None

    run_comment_vote(event, catalog, github.desk, commit, click.echo)


@votes.command("check-pr", epilog=examples(
    "cocreate votes check-pr --base ../base --author lucy-cho",
    "cocreate votes check-pr --base ../base --author dev-patel --author-association MEMBER"))
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
    from generator.github.api import GitHubDesk, client_from_environment
    from generator.github.votes.authorship_check import (
        check_authorship_changes,
        check_laundered_self_votes,
    )
    from generator.github.votes.ballot_check import check_ballot_changes

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
        raise click.ClickException(f"{plural(len(problems), 'problem')} "
                                   "with the ballots and ideas in this pull request")
    click.echo(f"ok: the ballot changes by {author} follow the rules (or there are none)")


@votes.command("sync", epilog=examples("GITHUB_TOKEN=$(gh auth token) cocreate votes sync"))
@click.option("--remote", default="origin", show_default=True,
              help="The git remote whose branch receives the ballots.")
@click.option("--branch", envvar="GITHUB_REF_NAME", default="main", show_default=True,
              help="The branch to commit to (default: $GITHUB_REF_NAME, else main).")
@click.pass_obj
def votes_sync(portal: PortalContext, remote: str, branch: str) -> None:
    """Catch up every vote of the challenges voting now, and commit the ballots.

    Reads each idea's 👍 reactions and comments with GraphQL (GITHUB_TOKEN, at
    GITHUB_API_URL): reaction votes are recomputed from scratch, and every
    /vote or /unvote comment no run has answered is recorded and answered; the
    comments people wrote on each idea's issue are counted into the challenge's
    comments.yml. Only files that changed are rewritten; nothing is committed when
    none did.
    """
    import os

    from generator.github.api import (
        GitHubDesk,
        client_from_environment,
        graphql_with,
        token_from_environment,
    )
    from generator.github.branches import GitBranches
    from generator.github.committing import commit_with_retry
    from generator.github.votes.comments import Apply
    from generator.github.votes.reactions import synced_ideas
    from generator.github.votes.sync import run_vote_sync

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
               f"quer{'ies' if queries != 1 else 'y'}; "
               f"{plural(report.caught_up, 'unanswered /vote comment')}")
    click.echo(f"committed {report.commit[:12]} to {branch}" if report.commit
               else "no ballot changed")
