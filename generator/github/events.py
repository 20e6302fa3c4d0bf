"""GitHub webhook events, as Actions hands them over in `$GITHUB_EVENT_PATH`.

Only the fields the portal reads are modelled; everything else in the payload
is ignored. The payload is hostile input like any other: it is size-checked,
parsed as JSON and validated before anything looks at it.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.portal.problems import Problem, ProblemsFound

MAX_EVENT_BYTES = 5 * 1024 * 1024  # far above any real payload; a body is at most 65,536 chars


class Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Account(Payload):
    login: str
    id: int = Field(ge=1)  # GitHub's id of the account: it stays the same through renames
    type: str = "User"  # User, Bot or Organization

    @property
    def is_bot(self) -> bool:
        return self.type == "Bot" or self.login.endswith("[bot]")


class Label(Payload):
    name: str


class Issue(Payload):
    number: int = Field(ge=1)
    title: str
    body: str | None = None
    user: Account
    state: str
    locked: bool = False
    labels: list[Label] = Field(default_factory=list)
    created_at: datetime
    html_url: str
    pull_request: dict[str, object] | None = None  # present when the "issue" is a PR

    @property
    def label_names(self) -> set[str]:
        return {label.name for label in self.labels}


class Repository(Payload):
    full_name: str
    default_branch: str = "main"


class IssuesEvent(Payload):
    """An `issues` event: opened, edited, reopened, closed, labeled…"""

    action: str
    issue: Issue
    repository: Repository
    sender: Account | None = None


class Comment(Payload):
    id: int
    body: str | None = None
    user: Account
    created_at: datetime
    html_url: str = ""


class IssueCommentEvent(Payload):
    """An `issue_comment` event: created, edited or deleted."""

    action: str
    issue: Issue
    comment: Comment
    repository: Repository


EventT = TypeVar("EventT", bound=Payload)


def read_event(file: Path, model: type[EventT]) -> EventT:
    """Read an event payload of the given kind, or say plainly why it cannot be used."""
    shown = str(file)
    try:
        size = file.stat().st_size
    except OSError as error:
        raise ProblemsFound([Problem(shown, 0, f"cannot be read ({error.strerror})",
                                     "pass --event with the path of the event payload")]) from None
    if size > MAX_EVENT_BYTES:
        raise ProblemsFound([Problem(shown, 0, f"is {size:,} bytes, too large for an event",
                                     "pass the payload GitHub sent, unchanged")])
    try:
        data = json.loads(file.read_bytes())
        return model.model_validate(data)
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
        if isinstance(error, ValidationError):
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ProblemsFound([Problem(
                shown, 0, f"is not an `{EVENT_NAMES[model]}` event: {where}: {first['msg']}",
                f"run this command only on `{EVENT_NAMES[model]}` events")]) from None
        raise ProblemsFound([Problem(shown, 0, "is not valid JSON",
                                     "pass the payload GitHub sent, unchanged")]) from None


EVENT_NAMES: dict[type[Payload], str] = {IssuesEvent: "issues", IssueCommentEvent: "issue_comment"}
