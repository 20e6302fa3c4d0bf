"""A GitHub API stand-in on loopback that answers only what GitHub would.

The real PyGithub client talks to it over HTTP. It is a contract, not a
mirror of our code (tests/support/github_contract.py holds GitHub's descriptions):

- a REST request is matched to an operation of GitHub's OpenAPI description
  (method and path), its query parameters and body are checked against the
  operation, and it is answered by the handler registered for that
  operationId with `@rest`; an unknown route, parameter or bad body is a
  violation, answered as GitHub would (404 or 422);
- every REST answer is checked against the operation's response schema, so
  the shapes handlers build (from GitHub's own examples) are GitHub's;
- a GraphQL document is validated against GitHub's schema and, if valid,
  executed by graphql-core over the stand-in's state; an invalid one gets
  GitHub's answer (HTTP 200, `errors`, no `data`) and is a violation.

A violation fails the test that caused it (the `github` fixture checks
`violations` when the test ends); tests that provoke one on purpose read and
clear it. The stand-in keeps issues, comments, labels, pull requests and
reactions in memory (a label, as on GitHub, exists once in the repository, case
aside, is created the first time an issue gets it, and follows a rename on every
issue), checks the token, paginates with Link headers, refuses a
pull request whose head branch is not on the bare remote, and can be told to
fail the next few requests to exercise retries. Every request is logged, and
every REST write with its body (`sent`).

Where GitHub leaves room, it takes the narrow reading: a pull request is found
by its head's owner and branch and its base (a bare branch name filters
nothing, as on GitHub), and only an open one of the same three blocks another;
a GraphQL cursor belongs to its connection; reaction groups come in the
schema's enum order (👍 last), since GitHub promises none.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from graphql import GraphQLError, graphql_sync

from tests.support.github_contract import graphql_schema, rest_description, rest_example

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
REACTION_CONTENTS = {  # REST content → GraphQL ReactionContent
    "+1": "THUMBS_UP", "-1": "THUMBS_DOWN", "laugh": "LAUGH", "hooray": "HOORAY",
    "confused": "CONFUSED", "heart": "HEART", "rocket": "ROCKET", "eyes": "EYES",
}
OLD_ACCOUNT = "2015-03-01T00:00:00Z"
# A new repository's labels, and the two the README has an owner create.
DEFAULT_LABELS = ["bug", "documentation", "duplicate", "enhancement", "good first issue",
                  "help wanted", "invalid", "question", "wontfix", "idea", "needs-changes"]

Reply = tuple[int, Any, dict[str, str]]


@dataclass(frozen=True)
class Call:
    """A REST request, matched to its operation."""

    method: str
    path: str
    params: dict[str, str]  # the path's parameters by name: owner, repo, issue_number…
    query: dict[str, list[str]]
    body: Any


Handler = Callable[["FakeGitHub", Call], Reply]
REST_HANDLERS: dict[str, Handler] = {}


def rest(operation_id: str) -> Callable[[Handler], Handler]:
    """Register the stand-in's answer to one operation of GitHub's REST description."""

    def register(handler: Handler) -> Handler:
        REST_HANDLERS[operation_id] = handler
        return handler

    return register


@dataclass
class Fault:
    method: str
    pattern: str
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "Server Error"


def account(login: str, kind: str = "User", created: str = OLD_ACCOUNT,
            database_id: int | None = None) -> dict[str, Any]:
    """A GitHub account as the stand-in keeps it (the GraphQL Actor's fields)."""
    return {"__typename": kind, "login": login, "createdAt": created,
            "databaseId": database_id if database_id is not None else account_id_of(login)}


def account_id_of(login: str) -> int:
    # Stable across runs (unlike hash()), distinct per login as GitHub's ids are.
    return 10_000_000 + int.from_bytes(login.lower().encode()[:8].ljust(8, b"\0"), "big") % 10**7


@dataclass
class FakeGitHub:
    """The state behind the server; tests read and arrange it directly."""

    repository: str
    token: str
    remote: Path | None = None
    url: str = ""
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)  # login → created_at; others are old
    reactions: list[tuple[int, str]] = field(default_factory=list)  # (comment id, REST content)
    thumbs: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # 👍 per issue
    # Every other reaction on an issue: issue → GraphQL content → reactions.
    other_reactions: dict[int, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    gone: set[int] = field(default_factory=set)  # issues deleted or transferred
    setup: dict[str, Any] = field(default_factory=dict)  # repository settings (doctor)
    violations: list[str] = field(default_factory=list)  # what GitHub would have refused
    sent: list[tuple[str, str, Any]] = field(default_factory=list)  # REST writes with bodies
    graphql_requests: int = 0
    next_id: int = 1000
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- arranging ------------------------------------------------------------------

    def add_issue(self, number: int, *, login: str, labels: list[str] | None = None) -> None:
        self.issues[number] = {"number": number, "user": {"login": login, "type": "User"},
                               "labels": [self.use_label(name) for name in labels or []],
                               "state": "open", "state_reason": None}

    def add_comment(self, number: int, body: str, user: dict[str, Any], *,
                    created: str = "2026-11-21T10:00:00Z",
                    comment_id: int | None = None) -> dict[str, Any]:
        if comment_id is None:
            self.next_id += 1
            comment_id = self.next_id
        comment = {"id": comment_id, "issue": number, "body": body, "user": user,
                   "created_at": created}
        self.comments[comment_id] = comment
        return comment

    def thumb(self, number: int, login: str, at: str, *, created: str = OLD_ACCOUNT,
              kind: str = "User", database_id: int | None = None) -> None:
        """`login` gives issue `number` a 👍 at `at` (a Bot, Organization or Mannequin too)."""
        self.thumbs.setdefault(number, []).append(
            {"reactedAt": at, "reactor": account(login, kind, created, database_id)})

    def react_to_issue(self, number: int, login: str, at: str, content: str) -> None:
        """`login` leaves a reaction other than 👍 (HEART, THUMBS_DOWN…) on issue `number`."""
        assert content in REACTION_CONTENTS.values() and content != "THUMBS_UP"
        self.other_reactions.setdefault(number, {}).setdefault(content, []).append(
            {"reactedAt": at, "reactor": account(login)})

    def add_pull(self, head: str, base: str, *, head_owner: str | None = None,
                 state: str = "open") -> int:
        """A pull request someone else opened: from `head_owner`'s `head` (a fork's when
        not the repository's owner) into `base`."""
        number = max([*self.issues, *self.pulls, 0]) + 1
        self.pulls[number] = {"number": number, "head": head, "base": base, "state": state,
                              "head_owner": head_owner or self.repository.split("/")[0],
                              "title": f"Pull request {number}", "body": ""}
        return number

    def unthumb(self, number: int, login: str) -> None:
        self.thumbs[number] = [r for r in self.thumbs.get(number, [])
                               if r["reactor"]["login"] != login]

    def fail(self, method: str, pattern: str, status: int, times: int = 1,
             headers: dict[str, str] | None = None, message: str = "Server Error") -> None:
        self.faults.append(Fault(method, pattern, status, times, headers or {}, message))

    # -- the repository's labels ---------------------------------------------------

    def repository_labels(self) -> list[dict[str, Any]]:
        """The repository's labels as GitHub keeps them: each name once (case aside), with
        a colour and a description. Tests may arrange `setup["labels"]` as bare names."""
        labels = self.setup.setdefault("labels", list(DEFAULT_LABELS))
        labels[:] = [label if isinstance(label, dict) else
                     {"name": label, "color": "ededed", "description": None}
                     for label in labels]
        return labels  # type: ignore[no-any-return]

    def find_label(self, name: str) -> dict[str, Any] | None:
        """The repository's label called `name`: GitHub compares label names case aside."""
        return next((label for label in self.repository_labels()
                     if label["name"].casefold() == name.casefold()), None)

    def use_label(self, name: str) -> str:
        """The name an issue gets when given `name`: the existing label's own spelling, or a
        new label, which GitHub creates the first time a name is used on an issue."""
        found = self.find_label(name)
        if found is None:
            found = {"name": name, "color": "ededed", "description": None}
            self.repository_labels().append(found)
        return str(found["name"])

    # -- reading ------------------------------------------------------------------

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["issue"] == number]

    def replies_on(self, number: int) -> list[dict[str, Any]]:
        """The bot's own comments on an issue."""
        return [c for c in self.comments_on(number) if c["user"]["login"] == BOT["login"]]

    def labels_of(self, number: int) -> list[str]:
        return list(self.issues[number]["labels"])

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.requests if m != "GET"]

    def take_violations(self) -> list[str]:
        """The violations so far, cleared: for tests that provoke them on purpose."""
        found, self.violations[:] = list(self.violations), []
        return found

    # -- JSON shapes, from GitHub's own examples --------------------------------------

    def api(self, path: str) -> str:
        return f"{self.url}/repos/{self.repository}{path}"

    def web(self, path: str) -> str:
        return f"https://github.com/{self.repository}{path}"

    def user_json(self, user: dict[str, Any]) -> dict[str, Any]:
        login = user["login"]
        found: dict[str, Any] = rest_example("simple-user")
        found.update({"login": login, "id": user.get("id") or account_id_of(login),
                      "type": user.get("type", "User"), "url": f"{self.url}/users/{login}",
                      "html_url": f"https://github.com/{login}"})
        return found

    def issue_json(self, number: int) -> dict[str, Any]:
        issue = self.issues[number]
        found: dict[str, Any] = rest_example("issue")
        found.pop("pull_request", None)  # an issue, not a pull request
        found.update({
            "number": number, "id": number, "url": self.api(f"/issues/{number}"),
            "repository_url": self.api(""), "html_url": self.web(f"/issues/{number}"),
            "comments_url": self.api(f"/issues/{number}/comments"),
            "labels_url": self.api(f"/issues/{number}/labels{{/name}}"),
            "events_url": self.api(f"/issues/{number}/events"),
            "title": f"Issue {number}", "body": "", "state": issue["state"], "locked": False,
            "active_lock_reason": None, "assignee": None, "assignees": [],
            "milestone": None, "closed_by": None, "user": self.user_json(issue["user"]),
            "labels": [self.label_json(name) for name in issue["labels"]],
            "comments": len(self.comments_on(number)), "author_association": "NONE",
        })
        # Open issues have no reason; the description's enum does not list null.
        found.pop("state_reason", None)
        if issue.get("state_reason"):
            found["state_reason"] = issue["state_reason"]
        return found

    def label_json(self, name: str) -> dict[str, Any]:
        label = self.find_label(name) or {"name": name, "color": "ededed", "description": None}
        found: dict[str, Any] = rest_example("label")
        found.update({"name": label["name"], "url": self.api(f"/labels/{quote(name, safe='')}"),
                      "color": label["color"], "id": account_id_of("label:" + name.casefold()),
                      "default": False, "description": label["description"]})
        return found

    def comment_json(self, comment: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = rest_example("issue-comment")
        found.pop("pin", None)
        found.update({
            "id": comment["id"], "body": comment["body"], "user": self.user_json(comment["user"]),
            "url": self.api(f"/issues/comments/{comment['id']}"),
            "issue_url": self.api(f"/issues/{comment['issue']}"),
            "html_url": self.web(f"/issues/{comment['issue']}#issuecomment-{comment['id']}"),
            "created_at": comment["created_at"], "updated_at": comment["created_at"],
            "author_association": "NONE",
        })
        return found

    def pull_json(self, pull: dict[str, Any]) -> dict[str, Any]:
        owner = self.repository.split("/")[0]
        found: dict[str, Any] = rest_example("pull-request")
        found["head"].update({"ref": pull["head"],
                              "label": f"{pull.get('head_owner', owner)}:{pull['head']}"})
        found["base"].update({"ref": pull["base"], "label": f"{owner}:{pull['base']}"})
        found.update({"number": pull["number"], "id": pull["number"], "state": pull["state"],
                      "title": pull["title"], "body": pull["body"],
                      "url": self.api(f"/pulls/{pull['number']}"),
                      "html_url": self.web(f"/pull/{pull['number']}"),
                      "user": self.user_json(BOT), "labels": [], "milestone": None,
                      "assignee": None, "assignees": [], "requested_reviewers": [],
                      "requested_teams": [], "merged": False, "merged_at": None,
                      "closed_at": None, "maintainer_can_modify": True})
        return found

    def branch_exists(self, branch: str) -> bool:
        if self.remote is None:
            return True
        result = subprocess.run(["git", "rev-parse", "--verify", "--quiet",
                                 f"refs/heads/{branch}"], cwd=self.remote,
                                capture_output=True, check=False)
        return result.returncode == 0

    def page(self, path: str, query: dict[str, list[str]], items: list[Any]) -> Reply:
        size = int(query.get("per_page", ["30"])[0])
        number = int(query.get("page", ["1"])[0])
        chunk = items[(number - 1) * size: number * size]
        headers = {}
        if number * size < len(items):
            rest = "&".join(f"{k}={v[0]}" for k, v in query.items() if k != "page")
            headers["Link"] = f'<{self.url}{path}?{rest}&page={number + 1}>; rel="next"'
        return 200, chunk, headers

    # -- answering ------------------------------------------------------------------

    def answer(self, method: str, path: str, query: dict[str, list[str]], raw: bytes) -> Reply:
        if path == "/graphql" and method == "POST":
            payload = json.loads(raw or b"{}")
            return self.graphql(str(payload.get("query", "")), payload.get("variables") or {})
        description = rest_description()
        operation = description.find(method, path)
        if operation is None:
            self.violations.append(f"{method} {path}: GitHub's REST API has no such route")
            return 404, {"message": "Not Found",
                         "documentation_url": "https://docs.github.com/rest"}, {}
        problems = description.check_request(method, path, query, raw)
        if problems:
            self.violations += problems
            return 422, {"message": "Invalid request.\n\n" + "\n".join(problems)}, {}
        handler = REST_HANDLERS.get(operation.id)
        if handler is None:
            self.violations.append(f"{operation.id}: the stand-in does not answer this operation")
            return 501, {"message": f"{operation.id} is not implemented by the stand-in"}, {}
        owner, repo = operation.params.get("owner"), operation.params.get("repo")
        if owner is not None and f"{owner}/{repo}".lower() != self.repository.lower():
            return 404, {"message": "Not Found"}, {}
        call = Call(method, path, operation.params, query, json.loads(raw) if raw else None)
        if method != "GET":
            self.sent.append((method, path, call.body))
        status, body, headers = handler(self, call)
        problems = description.check_response(method, path, status, body)
        if problems:
            self.violations += [f"the stand-in's own answer breaks GitHub's description: {p}"
                                for p in problems]
        return status, body, headers

    def graphql(self, query: str, variables: dict[str, Any]) -> Reply:
        """Validate against GitHub's schema, then run the document over this state."""
        self.graphql_requests += 1
        result = graphql_sync(graphql_schema(), query, root_value=_QueryRoot(self),
                              variable_values=variables)
        if result.data is None and result.errors:  # refused before execution, as GitHub does
            self.violations += [f"GraphQL: {error.message}" for error in result.errors]
            return 200, {"errors": [_graphql_error(error) for error in result.errors]}, {}
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [_graphql_error(error) for error in result.errors]
        return 200, body, {}


# -- GraphQL resolvers over the stand-in's state --------------------------------------------

class NotFound(Exception):
    """GitHub's NOT_FOUND error on one field: that field is null, the rest answers."""


def _graphql_error(error: GraphQLError) -> dict[str, Any]:
    formatted: dict[str, Any] = dict(error.formatted)
    if isinstance(error.original_error, NotFound):
        formatted["type"] = "NOT_FOUND"
    return formatted


def _cursor(name: str, index: int) -> str:
    return base64.b64encode(f"{name}:{index}".encode()).decode()


def _offset(name: str, cursor: str | None) -> int:
    """The index a cursor points at; one from another connection is refused, as GitHub's
    opaque cursors are."""
    if cursor is None:
        return 0
    try:
        kind, index = base64.b64decode(cursor).decode().split(":", 1)
        if kind != name:
            raise ValueError(kind)
        return int(index)
    except ValueError as error:
        raise GraphQLError(f"`{cursor}` does not appear to be a valid cursor.") from error


def connection(name: str, items: list[Any], edge: Callable[[Any], dict[str, Any]],
               first: int | None = None, after: str | None = None,
               last: int | None = None, before: str | None = None) -> dict[str, Any]:
    """A page of a GraphQL connection, with GitHub's rule: `first` or `last`, at most 100."""
    if first is None and last is None:
        raise GraphQLError(f"You must provide a `first` or `last` value to properly paginate "
                           f"the `{name}` connection.")
    size = first if first is not None else last
    assert size is not None
    if not 0 <= size <= 100:
        raise GraphQLError(f"Requesting {size} records on the `{name}` connection exceeds "
                           "the `first` limit of 100 records.")
    if last is not None or before is not None:
        raise GraphQLError("The stand-in pages forwards only (first/after).")
    start = _offset(name, after) + (1 if after is not None else 0)
    chunk = items[start:start + size]
    edges = [{"cursor": _cursor(name, start + i), **edge(item)} for i, item in enumerate(chunk)]
    return {
        "totalCount": len(items), "edges": edges, "nodes": [e["node"] for e in edges],
        "pageInfo": {"hasNextPage": start + size < len(items),
                     "hasPreviousPage": start > 0,
                     "startCursor": edges[0]["cursor"] if edges else None,
                     "endCursor": edges[-1]["cursor"] if edges else None},
    }


class _QueryRoot(dict[str, Any]):
    """The `Query` root: graphql-core's default resolver calls the callables it holds."""

    def __init__(self, fake: FakeGitHub) -> None:
        super().__init__(repository=lambda info, owner, name, **_: _repository(fake, owner, name))


def _repository(fake: FakeGitHub, owner: str, name: str) -> dict[str, Any]:
    if f"{owner}/{name}".lower() != fake.repository.lower():
        raise NotFound(f"Could not resolve to a Repository with the name '{owner}/{name}'.")
    return {"__typename": "Repository", "nameWithOwner": fake.repository,
            "issue": lambda info, number: _issue(fake, number)}


def _issue(fake: FakeGitHub, number: int) -> dict[str, Any]:
    if number in fake.gone:
        raise NotFound(f"Could not resolve to an issue with the number of {number}.")
    thumbs = fake.thumbs.get(number, [])
    comments = sorted(fake.comments_on(number), key=lambda c: (c["created_at"], c["id"]))
    return {
        "__typename": "Issue", "number": number, "databaseId": number,
        "id": f"I_{number}", "url": fake.web(f"/issues/{number}"),
        "reactionGroups": lambda info: _reaction_groups(
            {**fake.other_reactions.get(number, {}), "THUMBS_UP": thumbs}),
        "comments": lambda info, **page: connection(
            "comments", comments, lambda c: {"node": _comment(fake, c)}, **page),
    }


def _reaction_groups(by_content: dict[str, list[dict[str, Any]]],
                     viewer: set[str] | frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """One group per reaction content, as GitHub lists them, empty ones included."""
    groups = []
    # GitHub's schema promises no order: the stand-in lists the groups as the schema's
    # enum does (alphabetically, 👍 last), so code must pick a group by its content.
    for content in sorted(REACTION_CONTENTS.values()):
        reactions = by_content.get(content, [])
        groups.append({
            "content": content, "createdAt": reactions[0]["reactedAt"] if reactions else None,
            "viewerHasReacted": content in viewer,
            "reactors": lambda info, reactions=reactions, **page: connection(
                "reactors", reactions,
                lambda r: {"node": r["reactor"], "reactedAt": r["reactedAt"]}, **page),
        })
    return groups


def _comment(fake: FakeGitHub, comment: dict[str, Any]) -> dict[str, Any]:
    user = comment["user"]
    kind = "Bot" if user.get("type") == "Bot" else "User"
    login = user["login"].removesuffix("[bot]") if kind == "Bot" else user["login"]
    author = account(login, kind, fake.users.get(login, OLD_ACCOUNT), user.get("id"))
    # The viewer is the workflow's token: github-actions[bot].
    viewer = {REACTION_CONTENTS[content] for comment_id, content in fake.reactions
              if comment_id == comment["id"]}
    # databaseId is a 32-bit Int in GitHub's schema: today's comment ids overflow it,
    # and graphql-core refuses to serialise them, as GitHub does.
    return {"__typename": "IssueComment", "databaseId": comment["id"],
            "fullDatabaseId": str(comment["id"]),
            "id": f"IC_{comment['id']}", "body": comment["body"],
            "createdAt": comment["created_at"], "author": author,
            "lastEditedAt": comment.get("last_edited_at"),
            "url": fake.web(f"/issues/{comment['issue']}#issuecomment-{comment['id']}"),
            "reactionGroups": lambda info: _reaction_groups({}, viewer)}


# -- REST handlers: what the portal's bots call --------------------------------------------

def _issue_number(fake: FakeGitHub, call: Call) -> int | None:
    number = int(call.params["issue_number"])
    return number if number in fake.issues else None


NOT_FOUND: Reply = (404, {"message": "Not Found",
                          "documentation_url": "https://docs.github.com/rest"}, {})


@rest("issues/get")
def _get_issue(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    return NOT_FOUND if number is None else (200, fake.issue_json(number), {})


@rest("issues/update")
def _update_issue(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    if number is None:
        return NOT_FOUND
    fake.issues[number].update({k: call.body[k] for k in ("state", "state_reason")
                                if k in call.body})
    return 200, fake.issue_json(number), {}


@rest("issues/list-comments")
def _list_comments(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    if number is None:
        return NOT_FOUND
    return fake.page(call.path, call.query,
                     [fake.comment_json(c) for c in fake.comments_on(number)])


@rest("issues/create-comment")
def _create_comment(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    if number is None:
        return NOT_FOUND
    comment = fake.add_comment(number, str(call.body["body"]), BOT,
                               created="2026-11-21T10:00:00Z")
    return 201, fake.comment_json(comment), {}


@rest("issues/get-comment")
def _get_comment(fake: FakeGitHub, call: Call) -> Reply:
    comment = fake.comments.get(int(call.params["comment_id"]))
    return NOT_FOUND if comment is None else (200, fake.comment_json(comment), {})


@rest("issues/update-comment")
def _update_comment(fake: FakeGitHub, call: Call) -> Reply:
    comment = fake.comments.get(int(call.params["comment_id"]))
    if comment is None:
        return NOT_FOUND
    if comment["user"]["login"] != BOT["login"]:
        return 403, {"message": "Must have admin rights to Repository."}, {}
    comment["body"] = str(call.body["body"])
    return 200, fake.comment_json(comment), {}


@rest("reactions/create-for-issue-comment")
def _react_to_comment(fake: FakeGitHub, call: Call) -> Reply:
    comment_id = int(call.params["comment_id"])
    if comment_id not in fake.comments:
        return NOT_FOUND
    content = str(call.body["content"])
    fake.reactions.append((comment_id, content))
    found: dict[str, Any] = rest_example("reaction")
    found.update({"id": len(fake.reactions), "content": content, "user": fake.user_json(BOT)})
    return 201, found, {}


@rest("reactions/list-for-issue-comment")
def _list_comment_reactions(fake: FakeGitHub, call: Call) -> Reply:
    comment_id = int(call.params["comment_id"])
    if comment_id not in fake.comments:
        return NOT_FOUND
    found = []
    for number, (reacted_to, content) in enumerate(fake.reactions, start=1):
        if reacted_to == comment_id:
            reaction: dict[str, Any] = rest_example("reaction")
            reaction.update({"id": number, "content": content, "user": fake.user_json(BOT)})
            found.append(reaction)
    return fake.page(call.path, call.query, found)


@rest("issues/add-labels")
def _add_labels(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    if number is None:
        return NOT_FOUND
    body = call.body
    names = body if isinstance(body, list) else body.get("labels", [])
    names = [fake.use_label(name["name"] if isinstance(name, dict) else name) for name in names]
    labels = fake.issues[number]["labels"]
    labels += [name for name in names if name not in labels]
    return 200, [fake.label_json(name) for name in labels], {}


@rest("issues/remove-label")
def _remove_label(fake: FakeGitHub, call: Call) -> Reply:
    number = _issue_number(fake, call)
    if number is None:
        return NOT_FOUND
    labels = fake.issues[number]["labels"]
    held = [name for name in labels if name.casefold() == call.params["name"].casefold()]
    if not held:
        return 404, {"message": "Label does not exist",
                     "documentation_url": "https://docs.github.com/rest"}, {}
    labels.remove(held[0])
    return 200, [fake.label_json(n) for n in labels], {}


@rest("pulls/create")
def _create_pull(fake: FakeGitHub, call: Call) -> Reply:
    head, base = call.body["head"], call.body["base"]
    if ":" not in head and not fake.branch_exists(head):
        return 422, {"message": "Validation Failed",
                     "errors": [{"resource": "PullRequest", "field": "head",
                                 "code": "invalid"}]}, {}
    owner = fake.repository.split("/")[0]
    head_owner, _, branch = head.rpartition(":")
    head_owner = head_owner or owner
    if any((p["head_owner"], p["head"], p["base"]) == (head_owner, branch, base)
           and p["state"] == "open" for p in fake.pulls.values()):
        return 422, {"message": f"A pull request already exists for {head_owner}:{branch}."}, {}
    number = max([*fake.issues, *fake.pulls, 0]) + 1
    fake.pulls[number] = {"number": number, "head": branch, "base": base, "state": "open",
                          "head_owner": head_owner, "title": call.body["title"],
                          "body": call.body.get("body", "")}
    return 201, fake.pull_json(fake.pulls[number]), {}


@rest("pulls/list")
def _list_pulls(fake: FakeGitHub, call: Call) -> Reply:
    state = call.query.get("state", ["open"])[0]
    head = call.query.get("head", [""])[0]
    base = call.query.get("base", [""])[0]
    # GitHub filters by head only when given as owner:branch; a bare branch name is ignored.
    found = [fake.pull_json(p) for p in fake.pulls.values()
             if (state == "all" or p["state"] == state)
             and (":" not in head or head == f"{p['head_owner']}:{p['head']}")
             and (not base or base == p["base"])]
    return fake.page(call.path, call.query, found)


@rest("pulls/get")
def _get_pull(fake: FakeGitHub, call: Call) -> Reply:
    pull = fake.pulls.get(int(call.params["pull_number"]))
    return NOT_FOUND if pull is None else (200, fake.pull_json(pull), {})


@rest("pulls/update")
def _update_pull(fake: FakeGitHub, call: Call) -> Reply:
    pull = fake.pulls.get(int(call.params["pull_number"]))
    if pull is None:
        return NOT_FOUND
    pull.update({k: call.body[k] for k in ("title", "body", "state") if k in call.body})
    return 200, fake.pull_json(pull), {}


@rest("users/get-by-username")
def _get_user(fake: FakeGitHub, call: Call) -> Reply:
    login = call.params["username"]
    if login in fake.setup.get("deleted_accounts", ()):
        return NOT_FOUND
    found: dict[str, Any] = rest_example("public-user-default-response")
    found.update({"login": login, "id": account_id_of(login), "type": "User",
                  "url": f"{fake.url}/users/{login}", "html_url": f"https://github.com/{login}",
                  "created_at": fake.users.get(login, OLD_ACCOUNT), "user_view_type": "public"})
    return 200, found, {}


# -- the HTTP server ------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _serve(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with fake.lock:
            fake.requests.append((self.command, parts.path))
            auth = self.headers.get("Authorization", "")
            if auth not in (f"token {fake.token}", f"Bearer {fake.token}"):
                self._send(401, {"message": "Bad credentials"}, {})
                return
            for fault in fake.faults:
                if fault.times and fault.method == self.command \
                        and re.search(fault.pattern, parts.path):
                    fault.times -= 1
                    self._send(fault.status, {"message": fault.message}, fault.headers)
                    return
            try:
                status, body, headers = fake.answer(self.command, parts.path,
                                                    parse_qs(parts.query), raw)
            except Exception as error:  # a bug in the stand-in: fail the test, loudly
                fake.violations.append(f"the stand-in crashed on {self.command} {self.path}: "
                                       f"{error!r}")
                status, body, headers = 500, {"message": "stand-in error"}, {}
        self._send(status, body, headers)

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        data = b"" if status == 204 else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve  # noqa: N815 - http.server's names


class _Server(ThreadingHTTPServer):
    fake: FakeGitHub


def start(fake: FakeGitHub) -> _Server:
    """Serve `fake` on a free loopback port in a background thread."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The repository-settings routes `cocreate doctor` reads register themselves on import.
from . import fake_github_settings  # noqa: E402, F401
