"""Webhook payloads and issue bodies in GitHub's shapes, for tests.

Every event a test feeds in is built on one of GitHub's own example payloads
(npm `@octokit/webhooks-examples`, read through tests/support/github_contract.py), with
only what a scenario needs overlaid: the repository, the issue, its author and
labels, the comment. The builders and `write_event` refuse a payload that breaks
GitHub's published webhook schema (npm `@octokit/openapi-webhooks`), so no test
feeds the portal an event GitHub would never send. Issue bodies are rendered
from a form template the way GitHub renders a submitted form (checked against
the fixtures of GitHub's own issue-form parser in tests/github/test_issueform.py).
"""

from __future__ import annotations

import copy
import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.support.github_contract import check_webhook_payload, webhook_examples

REPOSITORY = "crumb-and-kettle/ideas"
# Whose names GitHub's examples carry, to be replaced by ours.
EXAMPLE_LOGIN = "Codertocat"
EXAMPLE_REPOSITORY = "Codertocat/Hello-World"


def check_sent_by_github(event: str, payload: dict[str, Any]) -> dict[str, Any]:
    """`payload`, once GitHub's webhook schema for `event` and its action accepts it."""
    problems = check_webhook_payload(event, payload)
    if problems:
        raise AssertionError(
            f"this `{event}` payload is not one GitHub sends: it breaks GitHub's published "
            "webhook schema (npm @octokit/openapi-webhooks):\n  " + "\n  ".join(problems))
    return payload


def event_kind(payload: dict[str, Any]) -> str:
    """Which event a payload is, by what it carries: a comment on an issue, or an issue."""
    if "comment" in payload and "issue" in payload:
        return "issue_comment"
    if "issue" in payload:
        return "issues"
    raise ValueError(f"not an issues or issue_comment payload: keys {sorted(payload)}")


def write_event(folder: Path, event: dict[str, Any], name: str = "event.json", *,
                kind: str | None = None) -> Path:
    """Write `event` where Actions would (`$GITHUB_EVENT_PATH`), once GitHub's schema accepts it."""
    check_sent_by_github(kind or event_kind(event), event)
    file = folder / name
    file.write_text(json.dumps(event), encoding="utf-8")
    return file


# -- GitHub's examples, renamed to our repository and people --------------------------------

def stable_id(text: str) -> int:
    """A database id for `text`: the same in every run, distinct per name as GitHub's are.

    Below 2**31, since GraphQL's `Int` (a user's `databaseId`) is 32-bit.
    """
    return 10_000_000 + zlib.crc32(text.encode()) % 1_000_000_000


def _renamed(value: Any, old: str, new: str) -> Any:
    """`value` with `old` replaced by `new` in every string: the names inside URLs."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {key: _renamed(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    return value


@cache
def _plain_example(event: str, action: str) -> dict[str, Any]:
    """GitHub's plain example of `event` with `action`, as a base to overlay.

    Plain: a user's repository (no `organization`), no GitHub App installation, no
    transfer, and an issue with a body. Of those, only the one GitHub's own schema
    accepts: octokit keeps an older `issue_comment.created` example from before
    comments carried `reactions` and `performed_via_github_app`, which the schema
    now requires.
    """
    found = [example for example in webhook_examples(event, action)
             if not {"organization", "installation", "changes"} & example.keys()
             and example["issue"]["body"] is not None
             and not check_webhook_payload(event, example)]
    assert len(found) == 1, f"expected one plain, schema-valid {event}.{action} example"
    return found[0]


def account(login: str, kind: str = "User") -> dict[str, Any]:
    """A user, bot or organisation as webhook payloads carry one (GitHub's example, renamed)."""
    found: dict[str, Any] = _renamed(_plain_example("issues", "opened")["sender"],
                                     EXAMPLE_LOGIN, login)
    number = stable_id(f"account:{login}")
    found.update({"login": login, "id": number, "node_id": f"U_{number}", "type": kind,
                  "avatar_url": f"https://avatars.githubusercontent.com/u/{number}?v=4",
                  "site_admin": False})
    return found


def label(name: str, repository: str = REPOSITORY) -> dict[str, Any]:
    """A label of `repository` as an issue carries it: as GitHub creates one by name alone."""
    number = stable_id(f"label:{repository}:{name}")
    return {"id": number, "node_id": f"LA_{number}",
            "url": f"https://api.github.com/repos/{repository}/labels/{quote(name)}",
            "name": name, "color": "ededed", "default": False, "description": None}


def _repository(example: dict[str, Any], repository: str) -> dict[str, Any]:
    owner, name = repository.split("/")
    found: dict[str, Any] = _renamed(example, EXAMPLE_REPOSITORY, repository)
    number = stable_id(f"repository:{repository}")
    # Owned by an account of that name, a user as in GitHub's example: the portal reads
    # only the full name, and an organisation's would bring an `organization` object too.
    found.update({"id": number, "node_id": f"R_{number}", "name": name,
                  "full_name": repository, "owner": account(owner), "default_branch": "main"})
    return found


def _issue(example: dict[str, Any], repository: str, *, number: int, title: str,
           body: str | None, author: dict[str, Any], labels: tuple[str, ...], state: str,
           locked: bool, created: str, updated: str, comments: int) -> dict[str, Any]:
    """GitHub's example issue, made issue `number` of `repository` as the idea form opens it."""
    api = f"https://api.github.com/repos/{repository}/issues/{number}"
    issue = copy.deepcopy(example)
    issue.update({
        "url": api, "repository_url": f"https://api.github.com/repos/{repository}",
        "labels_url": api + "/labels{/name}", "comments_url": api + "/comments",
        "events_url": api + "/events", "html_url": f"https://github.com/{repository}/issues/{number}",
        "id": stable_id(f"issue:{repository}#{number}"), "node_id": f"I_{number}",
        "number": number, "title": title, "body": body, "user": author,
        "labels": [label(name, repository) for name in labels],
        "state": state, "locked": locked, "comments": comments,
        "created_at": created, "updated_at": updated,
        "closed_at": updated if state == "closed" else None,
        # Someone from outside the business, whose new idea nobody has assigned or planned yet.
        "author_association": "NONE", "assignee": None, "assignees": [], "milestone": None,
    })
    issue["reactions"] = {**issue["reactions"], "url": api + "/reactions"}
    return issue


# -- the events the tests send ------------------------------------------------------------

def issue_event(action: str = "opened", *, body: str | None, number: int = 101,
                login: str = "nadia-rahman", title: str = "Idea: soup jars",
                labels: tuple[str, ...] = ("idea",), created: str = "2026-11-20T09:30:00Z",
                user_type: str = "User", state: str = "open", locked: bool = False,
                repository: str = REPOSITORY) -> dict[str, Any]:
    """An `issues` event for `action`: this issue, opened by `login` in `repository`.

    Built on GitHub's plain `issues.opened` example (the one whose issue has a body;
    its empty-body, organisation and transfer variants add nothing a scenario needs).
    """
    event = copy.deepcopy(_plain_example("issues", "opened"))
    author = account(login, user_type)
    event["action"] = action
    if action == "edited":
        event["changes"] = {"body": {"from": "(the body before the edit)"}}
    if action in ("labeled", "unlabeled") and labels:
        event["label"] = label(labels[-1], repository)
    event["issue"] = _issue(event["issue"], repository, number=number, title=title, body=body,
                            author=author, labels=labels, state=state, locked=locked,
                            created=created, updated=created, comments=0)
    event["repository"] = _repository(event["repository"], repository)
    event["sender"] = author  # who opened or edited the issue
    return check_sent_by_github("issues", event)


def comment_event(body: str, *, number: int = 35, login: str = "olivia-grant",
                  created: str = "2026-11-21T10:00:00Z", action: str = "created",
                  comment_id: int = 3601122334, user_type: str = "User",
                  account_id: int | None = None) -> dict[str, Any]:
    """An `issue_comment` event: `login` comments `body` on idea issue `number`
    (from the account `account_id`, if given: a renamed account keeps its id).

    Built on GitHub's plain `issue_comment.created` example that its schema accepts
    (see `_plain_example`); an edit carries the body before it, as GitHub sends.
    """
    event = copy.deepcopy(_plain_example("issue_comment", "created"))
    commenter = account(login, user_type)
    if account_id is not None:
        commenter["id"] = account_id
    event["action"] = action
    if action == "edited":
        event["changes"] = {"body": {"from": "(the comment before the edit)"}}
    event["issue"] = _issue(event["issue"], REPOSITORY, number=number,
                            title="Idea: refill station for coffee beans",
                            body="(the idea form)", author=account("tom-hargreaves"),
                            labels=("idea",), state="open", locked=False,
                            created="2026-11-20T09:30:00Z", updated=created, comments=1)
    api = f"https://api.github.com/repos/{REPOSITORY}/issues"
    comment = event["comment"]
    comment.update({
        "url": f"{api}/comments/{comment_id}", "issue_url": f"{api}/{number}",
        "html_url": f"https://github.com/{REPOSITORY}/issues/{number}#issuecomment-{comment_id}",
        "id": comment_id, "node_id": f"IC_{comment_id}", "user": commenter, "body": body,
        "created_at": created, "updated_at": created, "author_association": "NONE",
    })
    comment["reactions"] = {**comment["reactions"], "url": f"{api}/comments/{comment_id}/reactions"}
    event["repository"] = _repository(event["repository"], REPOSITORY)
    event["sender"] = commenter
    return check_sent_by_github("issue_comment", event)


def render_body(template: dict[str, Any], answers: dict[str, Any], *,
                newline: str = "\n") -> str:
    """The issue body GitHub writes when someone submits `template` with `answers`.

    Text answers are strings, multi-select dropdowns lists, checkboxes the set
    of ticked option labels (True ticks them all). A missing or empty answer
    renders `_No response_`.
    """
    parts = []
    for item in template["body"]:
        if item["type"] == "markdown":
            continue
        attributes = item["attributes"]
        answer = answers.get(item.get("id"))
        if item["type"] == "checkboxes":
            everything = {option["label"] for option in attributes["options"]}
            ticked = everything if answer is True else answer or set()
            text = "\n".join(f"- [{'X' if option['label'] in ticked else ' '}] {option['label']}"
                             for option in attributes["options"])
        elif isinstance(answer, list):
            text = ", ".join(answer) if answer else "_No response_"
        else:
            text = answer if answer else "_No response_"
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts).replace("\n", newline)


GOOD_ANSWERS: dict[str, Any] = {
    "challenge": "The suggestion box",
    "title": "Soup of the day in a returnable jar",
    "summary": "Sell the daily soup in a deposit jar that customers bring back.",
    "problem": "Soup to take away goes out in plastic tubs that end up in the bin.\n\n"
               "Regulars ask for something better every week.",
    "proposal": "A 50p deposit on a glass jar, refunded when it comes back clean.",
    "benefits": "Less plastic, and a reason to come back the next day.",
    "segment": "Customer",
    "tags": ["counter", "menu"],
    "coauthors": "@amira-haddad",
    "agreement": True,
}
