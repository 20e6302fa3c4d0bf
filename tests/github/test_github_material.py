"""The events the tests feed in are ones GitHub sends: its schema accepts them, refuses others.

The builders in tests/support/github_material.py start from GitHub's example payloads
(npm @octokit/webhooks-examples) and are checked against GitHub's published
webhook schema (npm @octokit/openapi-webhooks). These tests pin both halves:
every variation the other tests ask for passes, and the check refuses a payload
with a required field missing, a value of the wrong type, or an action GitHub
does not send.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.github.events import IssueCommentEvent, IssuesEvent
from tests.support.github_contract import check_webhook_payload, webhook_examples
from tests.support.github_material import REPOSITORY, comment_event, issue_event, label, write_event


@pytest.mark.parametrize("overlay", [
    {},
    {"action": "edited"},
    {"action": "reopened"},
    {"action": "labeled"},
    {"action": "edited", "state": "closed"},
    {"action": "edited", "locked": True},
    {"labels": ()},
    {"labels": ("idea", "needs-changes")},
    {"body": None},
    {"user_type": "Bot", "login": "dependabot[bot]"},
    {"number": 5, "login": "amira-haddad", "created": "2026-01-10T10:00:00Z"},
    {"repository": "someone-else/their-ideas"},
], ids=repr)
def test_every_issues_event_the_tests_build_is_one_github_sends(overlay: dict[str, Any]) -> None:
    overlay = {"body": "### Title of your idea\n\nJars", **overlay}
    event = issue_event(**overlay)
    assert check_webhook_payload("issues", event) == []
    read = IssuesEvent.model_validate(event)
    assert read.action == overlay.get("action", "opened")
    assert read.repository.full_name == overlay.get("repository", REPOSITORY)
    assert read.issue.user.login == event["sender"]["login"] == overlay.get("login",
                                                                            "nadia-rahman")
    assert read.issue.label_names == set(overlay.get("labels", ("idea",)))
    # Nothing of GitHub's example repository or people is left behind.
    assert "Codertocat" not in str(event) and "Hello-World" not in str(event)


@pytest.mark.parametrize("overlay", [
    {},
    {"action": "edited"},
    {"user_type": "Bot", "login": "helper-bot"},
    {"number": 34, "login": "lucy-cho", "comment_id": 601, "created": "2028-02-02T10:00:00Z"},
], ids=repr)
def test_every_comment_event_the_tests_build_is_one_github_sends(
        overlay: dict[str, Any]) -> None:
    event = comment_event("/vote 2", **overlay)
    assert check_webhook_payload("issue_comment", event) == []
    read = IssueCommentEvent.model_validate(event)
    assert read.comment.body == "/vote 2"
    assert read.comment.user.login == event["sender"]["login"] == overlay.get("login",
                                                                              "olivia-grant")
    assert read.issue.number == overlay.get("number", 35)
    assert "Codertocat" not in str(event) and "Hello-World" not in str(event)


def without(event: dict[str, Any], *path: str) -> dict[str, Any]:
    *parents, last = path
    place = event
    for key in parents:
        place = place[key]
    del place[last]
    return event


@pytest.mark.parametrize(("event", "breaks"), [
    (without(issue_event(body="x"), "sender"), "(top): 'sender' is a required property"),
    (without(issue_event(body="x"), "issue", "reactions"),
     "issue: 'reactions' is a required property"),
    (without(issue_event("edited", body="x"), "changes"),
     "(top): 'changes' is a required property"),
], ids=["no sender", "no issue reactions", "an edit without its changes"])
def test_a_payload_missing_a_required_field_is_refused(event: dict[str, Any],
                                                       breaks: str) -> None:
    assert any(problem.endswith(breaks) for problem in check_webhook_payload("issues", event))


def test_a_value_of_the_wrong_type_is_refused() -> None:
    event = issue_event(body="x")
    event["issue"]["number"] = "101"
    assert check_webhook_payload("issues", event) == [
        "issues.opened at issue/number: '101' is not of type 'integer'"]
    event = comment_event("/vote")
    event["comment"]["id"] = None
    assert check_webhook_payload("issue_comment", event) == [
        "issue_comment.created at comment/id: None is not of type 'integer'"]


def test_labels_by_name_alone_are_refused_as_github_sends_whole_labels() -> None:
    """What our own hand-written fixture once carried; `label()` gives the whole object."""
    event = issue_event(body="x")
    event["issue"]["labels"] = [{"name": "idea"}]
    problems = check_webhook_payload("issues", event)
    assert "issues.opened at issue/labels/0: 'id' is a required property" in problems
    event["issue"]["labels"] = [label("idea")]
    assert check_webhook_payload("issues", event) == []


@pytest.mark.parametrize(("kind", "action"), [
    ("issues", "archived"), ("issues", None), ("issue_comment", "resolved")])
def test_an_action_github_does_not_send_is_refused(kind: str, action: str | None) -> None:
    event = comment_event("/vote") if kind == "issue_comment" else issue_event(body="x")
    event["action"] = action
    assert check_webhook_payload(kind, event) == [
        f"GitHub sends no {kind} event with action {action!r}"]


def test_a_builder_refuses_to_make_an_event_github_would_not_send() -> None:
    with pytest.raises(AssertionError, match=r"(?s)this `issues` payload is not one GitHub "
                       r"sends.*GitHub sends no issues event with action 'archived'"):
        issue_event("archived", body="x")


def test_write_event_refuses_a_payload_that_breaks_githubs_schema(tmp_path: Path) -> None:
    event = comment_event("/vote")
    del event["comment"]["user"]
    with pytest.raises(AssertionError, match=r"(?s)this `issue_comment` payload is not one "
                       r"GitHub sends: it breaks GitHub's published webhook schema.*"
                       r"comment: 'user' is a required property"):
        write_event(tmp_path, event)
    assert not (tmp_path / "event.json").exists()
    assert write_event(tmp_path, comment_event("/vote")).is_file()


def test_only_githubs_oldest_examples_break_githubs_own_schema() -> None:
    """The examples the builders and the intake test leave out, and why.

    octokit keeps a few examples recorded before GitHub added fields its schema now
    requires. Should a new version of the packages change this list, look again at
    which examples the builders start from (github_material._plain_example).
    """
    broken = {(kind, example["action"]): check_webhook_payload(kind, example)[0]
              for kind in ("issues", "issue_comment") for example in webhook_examples(kind)
              if check_webhook_payload(kind, example)}
    assert broken == {
        ("issues", "edited"): "issues.edited at issue/labels/0: 'description' is a required "
                              "property",
        ("issues", "transferred"): "issues.transferred at changes/new_repository: "
                                   "'has_discussions' is a required property",
        ("issue_comment", "created"): "issue_comment.created at comment: "
                                      "'performed_via_github_app' is a required property",
    }
