"""The portal's side of the GitHub API: a small adapter around PyGithub.

`GitHubDesk` does the few things the bots need — find or open one pull
request per branch, keep one comment per issue up to date, add and remove
labels — with PyGithub's `GithubRetry` for server errors and rate limits, and
a pause between writes so a burst of events stays under GitHub's secondary
limits. `DryRunDesk` prints the same actions instead, for runs without a token.
`GitHubSetupReader` reads a repository's settings for `cocreate doctor`, and
`GitHubLabelMaker` creates the portal's labels when it is asked to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

from github import Auth, Github, GithubException, GithubRetry
from github.Issue import Issue

from generator.contest.labels import STATUS_LABELS, relabel
from generator.contest.notify import Announcement
from generator.github.branches import PullRef
from generator.github.doctor.setup import Unreadable
from generator.github.inert import inert, inert_markdown
from generator.github.votes.reactions import GraphQL

T = TypeVar("T")
DEFAULT_API_URL = "https://api.github.com"
WRITE_PAUSE = 1.0  # seconds between writes: GitHub asks integrations to space them out
READ_PAUSE = 0.25


class SetupNeeded(RuntimeError):
    """GitHub refused because of a repository setting only the owner can change."""


def connect(token: str, api_url: str = DEFAULT_API_URL, *, write_pause: float = WRITE_PAUSE,
            read_pause: float = READ_PAUSE, retries: int = 5) -> Github:
    """A PyGithub client that retries server errors and waits out rate limits."""
    return Github(
        auth=Auth.Token(token),
        base_url=api_url.rstrip("/"),
        retry=GithubRetry(total=retries, backoff_factor=0.5 if retries else 0,
                          secondary_rate_wait=60),
        seconds_between_requests=read_pause or None,
        seconds_between_writes=write_pause or None,
        timeout=30,
        lazy=True,  # no request until a value is needed: fewer calls on the budget
    )


def token_from_environment() -> str | None:
    """The token Actions hands a workflow ($GITHUB_TOKEN), if any."""
    return os.environ.get("GITHUB_TOKEN") or None


def client_from_environment(*, write_pause: float = WRITE_PAUSE) -> Github | None:
    """A client for $GITHUB_API_URL with $GITHUB_TOKEN, or None without a token."""
    token = token_from_environment()
    if token is None:
        return None
    return connect(token, os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL,
                   write_pause=write_pause)


class GitHubDesk:
    """Issue comments, labels and pull requests of one repository, through the API."""

    def __init__(self, client: Github, repository: str) -> None:
        self.client = client
        self.repo = client.get_repo(repository)
        self.owner = repository.split("/", 1)[0]
        self._issues: dict[int, Issue] = {}

    def _issue(self, number: int) -> Issue:
        if number not in self._issues:
            self._issues[number] = self.repo.get_issue(number)
        return self._issues[number]

    def find_pull(self, head: str, base: str) -> PullRef | None:
        for pull in self.repo.get_pulls(state="open", head=f"{self.owner}:{head}", base=base):
            return PullRef(pull.number, pull.html_url)
        return None

    def save_pull(self, existing: PullRef | None, head: str, base: str, title: str,
                  body: str) -> PullRef:
        title, body = inert(title), inert_markdown(body)
        if existing is None:
            try:
                pull = self.repo.create_pull(base=base, head=head, title=title, body=body,
                                             maintainer_can_modify=True)
            except GithubException as error:
                if error.status == 403:
                    raise SetupNeeded(
                        "GitHub refused to open the pull request (403). Switch on Settings → "
                        "Actions → General → Workflow permissions → “Allow GitHub Actions to "
                        "create and approve pull requests”, then re-run this workflow."
                    ) from error
                raise
            return PullRef(pull.number, pull.html_url)
        pull = self.repo.get_pull(existing.number)
        if pull.title != title or (pull.body or "") != body:
            pull.edit(title=title, body=body)
        return existing

    def close_pull(self, existing: PullRef) -> None:
        """Close a pull request whose change the base branch already holds."""
        self.repo.get_pull(existing.number).edit(state="closed")

    def save_comment(self, number: int, marker: str, body: str) -> str:
        """Edit the bot's comment carrying `marker`, or post one; never two."""
        issue = self._issue(number)
        for comment in issue.get_comments():
            # Anyone can type the marker; only a bot's comment (ours) is ours to edit.
            if comment.user.type == "Bot" and (comment.body or "").startswith(marker):
                if comment.body != body:
                    comment.edit(body)
                return str(comment.html_url)
        return str(issue.create_comment(body).html_url)

    def set_labels(self, number: int, current: set[str], add: set[str],
                   remove: set[str]) -> None:
        issue = self._issue(number)
        missing = sorted(add - current)
        if missing:
            # GitHub creates a label the first time it is used. PyGithub's add_to_labels
            # sends a bare list, which GitHub's published description does not list:
            # send the documented {"labels": [...]} instead.
            self.client.requester.requestJsonAndCheck("POST", f"{issue.url}/labels",
                                                      input={"labels": missing})
        for label in sorted(remove & current):
            try:
                issue.remove_from_labels(label)
            except GithubException as error:
                if error.status != 404:  # already gone: someone removed it meanwhile
                    raise


    # -- votes ------------------------------------------------------------------------

    def react(self, number: int, comment_id: int, content: str) -> None:
        self._issue(number).get_comment(comment_id).create_reaction(content)

    def reply(self, number: int, body: str) -> None:
        self._issue(number).create_comment(body)

    def answered(self, number: int, comment_id: int) -> bool:
        """Whether a bot (this workflow's token) has already reacted to the comment."""
        comment = self._issue(number).get_comment(comment_id)
        return any(reaction.user.type == "Bot" for reaction in comment.get_reactions())

    def account_created(self, login: str) -> datetime | None:
        """When a GitHub account was made (for the account-age rule); None if it is gone."""
        try:
            return self.client.get_user(login).created_at
        except GithubException as error:
            if error.status == 404:
                return None
            raise

    def account_id(self, login: str) -> int | None:
        """GitHub's id of the account that has `login` now (any spelling); None if none has."""
        try:
            return self.client.get_user(login).id
        except GithubException as error:
            if error.status == 404:
                return None
            raise


    # -- announcements ---------------------------------------------------------------

    def announce(self, announcement: Announcement) -> bool:
        """Post it unless a bot comment with its marker is there; set the label; close.

        Returns whether the comment was posted. A second run finds everything
        done and writes nothing.
        """
        issue = self._issue(announcement.issue)
        posted = not any(comment.user.type == "Bot"
                         and (comment.body or "").startswith(announcement.marker)
                         for comment in issue.get_comments())
        if posted:
            issue.create_comment(announcement.body)
        if announcement.label:
            # One status at a time, whichever language the others were set in.
            current = {label.name for label in issue.labels}
            add, remove = relabel(current, [announcement.label], STATUS_LABELS.values())
            self.set_labels(announcement.issue, current, add, remove)
        if announcement.close and issue.state == "open":
            issue.edit(state="closed", state_reason=announcement.close)
        return posted


class DryRunDesk:
    """Says what the intake would do on GitHub, and does nothing."""

    def __init__(self, say: Callable[[str], None],
                 accounts: Mapping[str, datetime] | None = None) -> None:
        self.say = say
        self.accounts = accounts or {}  # rehearsing: when each account was created, by login

    def find_pull(self, head: str, base: str) -> PullRef | None:
        return None

    def save_pull(self, existing: PullRef | None, head: str, base: str, title: str,
                  body: str) -> PullRef:
        self.say(f"would open or update a pull request from {head} into {base}: {inert(title)}")
        return PullRef(0, f"a pull request from branch `{head}`")

    def close_pull(self, existing: PullRef) -> None:
        self.say(f"would close {existing.url}")

    def save_comment(self, number: int, marker: str, body: str) -> str:
        self.say(f"would comment on issue #{number}:")
        self.say("\n".join("    " + line for line in body.splitlines() if line != marker))
        return ""

    def set_labels(self, number: int, current: set[str], add: set[str],
                   remove: set[str]) -> None:
        changes = [f"+{label}" for label in sorted(add - current)]
        changes += [f"-{label}" for label in sorted(remove & current)]
        if changes:
            self.say(f"would label issue #{number}: {' '.join(changes)}")

    def react(self, number: int, comment_id: int, content: str) -> None:
        self.say(f"would react {content} to comment {comment_id}")

    def reply(self, number: int, body: str) -> None:
        self.say(f"would reply on issue #{number}: {body}")

    def account_created(self, login: str) -> datetime | None:
        return self.accounts.get(login.lower())

    def answered(self, number: int, comment_id: int) -> bool:
        return False

    def announce(self, announcement: Announcement) -> bool:
        self.say(f"would announce on issue #{announcement.issue}:")
        self.say("\n".join("    " + line for line in announcement.body.splitlines()[1:]))
        if announcement.label:
            self.say(f"would label issue #{announcement.issue}: {announcement.label}")
        if announcement.close:
            self.say(f"would close issue #{announcement.issue} ({announcement.close})")
        return True


class GitHubSetupReader:
    """What `cocreate doctor` asks of a repository: GET requests only.

    Each answer is returned as GitHub's own JSON; a refusal (or no answer at
    all) is raised as `Unreadable`, for the doctor to report beside the rest.
    """

    def __init__(self, client: Github, repository: str) -> None:
        self.client = client
        self.route = f"/repos/{repository}"
        self.repo = client.get_repo(repository)  # lazy: this alone asks GitHub nothing

    def _get(self, route: str) -> Any:
        return asked(
            lambda: self.client.requester.requestJsonAndCheck("GET", self.route + route)[1])

    def repository(self) -> dict[str, Any]:
        return dict(self._get(""))

    def pages(self) -> dict[str, Any] | None:
        try:
            return dict(self._get("/pages"))
        except Unreadable as refused:
            if refused.status == 404:  # no Pages site
                return None
            raise

    def actions_permissions(self) -> dict[str, Any]:
        return dict(self._get("/actions/permissions"))

    def selected_actions(self) -> dict[str, Any]:
        return dict(self._get("/actions/permissions/selected-actions"))

    def workflow_permissions(self) -> dict[str, Any]:
        return dict(self._get("/actions/permissions/workflow"))

    def labels(self) -> list[str]:
        return asked(lambda: [label.name for label in self.repo.get_labels()])

    def workflows(self) -> list[dict[str, Any]]:
        return asked(lambda: [
            {"path": workflow.path, "name": workflow.name, "state": workflow.state}
            for workflow in self.repo.get_workflows()])

    def file(self, path: str) -> str | None:
        try:
            found = asked(lambda: self.repo.get_contents(path))
        except Unreadable as refused:
            if refused.status == 404:
                return None
            raise
        if isinstance(found, list):  # a folder where the file should be
            return None
        return bytes(found.decoded_content).decode("utf-8", errors="replace")


class GitHubLabelMaker:
    """The writes of `cocreate doctor --create-labels`: a label created, or renamed (GitHub
    renames it on every issue that carries it)."""

    def __init__(self, client: Github, repository: str) -> None:
        self.client = client
        self.route = f"/repos/{repository}/labels"

    def create_label(self, name: str, color: str, description: str) -> None:
        asked(lambda: self.client.requester.requestJsonAndCheck(
            "POST", self.route, input={"name": name, "color": color,
                                       "description": description}))

    def rename_label(self, old: str, name: str, color: str, description: str) -> None:
        asked(lambda: self.client.requester.requestJsonAndCheck(
            "PATCH", f"{self.route}/{quote(old, safe='')}",
            input={"new_name": name, "color": color, "description": description}))


def asked(read: Callable[[], T]) -> T:
    """`read()`, GitHub's refusal (or no answer at all) raised as `Unreadable`."""
    try:
        return read()
    except GithubException as error:
        raise Unreadable(error.status, _message(error)) from None
    except OSError as error:  # requests' errors are OSErrors: GitHub was not reached
        raise Unreadable(0, _unreached(error)) from None


def _unreached(error: OSError) -> str:
    """The heart of a connection error ("[Errno 111] Connection refused"), not its wrapping."""
    found = re.search(r"\[Errno -?\d+\] [^'\")]+", str(error))
    return found[0] if found else error.__class__.__name__


def _message(error: GithubException) -> str:
    """GitHub's own words for a refusal ("Not Found", "Must have admin rights…")."""
    data = error.data
    if isinstance(data, dict) and data.get("message"):
        return str(data["message"])
    return str(data or error.__class__.__name__)


def graphql_with(requester: Any) -> GraphQL:
    """A GraphQL caller through PyGithub's requester (its retries and rate-limit waits)."""

    def call(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        try:
            _, data = requester.graphql_query(query, variables)
        except GithubException as error:
            # A deleted or transferred issue fails its alias, not the rest of the answer.
            partial = error.data.get("data") if isinstance(error.data, dict) else None
            if partial is None:
                raise
            return {"data": partial}
        return data  # type: ignore[no-any-return]

    return call
