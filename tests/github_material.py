"""Webhook payloads and issue bodies in GitHub's shapes, for tests.

Events start from our own `issues.opened` payload (tests/fixtures/github/,
written in the shape of octokit/webhooks' examples; a test compares the two)
with only the fields a scenario needs replaced. Issue bodies are rendered
from a form template the way GitHub renders a submitted form (checked against
GitHub's own examples in tests/test_issueform.py).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .conftest import GITHUB_FIXTURES, OWN_GITHUB_FIXTURES

PAYLOADS = GITHUB_FIXTURES / "payloads"
FORMS = GITHUB_FIXTURES / "issue-forms"
REPOSITORY = "crumb-and-kettle/ideas"


def load_payload(name: str) -> dict[str, Any]:
    """One of GitHub's example payloads, by name (`issues.opened.with-empty-body`)."""
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.payload.json").read_text())
    return data


def own_payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((OWN_GITHUB_FIXTURES / f"{name}.json").read_text())
    return data


def issue_event(action: str = "opened", *, body: str | None, number: int = 101,
                login: str = "nadia-rahman", title: str = "Idea: soup jars",
                labels: tuple[str, ...] = ("idea",), created: str = "2026-11-20T09:30:00Z",
                user_type: str = "User", state: str = "open", locked: bool = False,
                repository: str = REPOSITORY) -> dict[str, Any]:
    """An `issues` event payload for `action`, with this issue and repository."""
    event = copy.deepcopy(own_payload("issues.opened"))
    event["action"] = action
    if action == "edited":
        event["changes"] = {"body": {"from": "(the body before the edit)"}}
    issue = event["issue"]
    owner, name = repository.split("/")
    issue.update({
        "number": number, "title": title, "body": body, "state": state, "locked": locked,
        "created_at": created, "labels": [{"name": label} for label in labels],
        "html_url": f"https://github.com/{repository}/issues/{number}",
    })
    issue["user"] = {**issue["user"], "login": login, "type": user_type}
    event["repository"].update({"full_name": repository, "name": name, "default_branch": "main"})
    event["repository"]["owner"]["login"] = owner
    return event


def write_event(folder: Path, event: dict[str, Any], name: str = "event.json") -> Path:
    file = folder / name
    file.write_text(json.dumps(event), encoding="utf-8")
    return file


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


def comment_event(body: str, *, number: int = 35, login: str = "olivia-grant",
                  created: str = "2026-11-21T10:00:00Z", action: str = "created",
                  comment_id: int = 3601122334, user_type: str = "User") -> dict[str, Any]:
    """An `issue_comment` event from our own example, with this comment on this issue."""
    event = copy.deepcopy(own_payload("issue_comment.created"))
    event["action"] = action
    event["issue"]["number"] = number
    event["comment"].update({"body": body, "created_at": created, "updated_at": created,
                             "id": comment_id})
    event["comment"]["user"] = {**event["comment"]["user"], "login": login, "type": user_type}
    return event
