"""`challenges/<challenge>/ideas/<id>.yml`: one idea, its answer and its history."""

from __future__ import annotations

from datetime import UTC

from pydantic import Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from generator.models.common import (
    Line,
    Login,
    Markdown,
    QuestionId,
    Record,
    Segment,
    Slug,
    Status,
    Tag,
    When,
    to_instant,
)

MAX_COAUTHORS = 10


class StatusChange(Record):
    """One step in an idea's life, with the official answer given at that step."""

    status: Status
    at: When
    answer: Markdown | None = Field(default=None, description="The official answer, in public.")
    by: Login | None = Field(default=None, description="The maintainer who made the change.")


class Idea(Record):
    """An idea submitted to a challenge. Its id is the file name (the issue number)."""

    title: Line
    challenge: Slug = Field(description="The challenge folder this idea lives in.")
    author: Login
    coauthors: list[Login] = Field(
        default_factory=list, max_length=MAX_COAUTHORS,
        description="The GitHub logins of the people who wrote the idea with the author; "
                    "never a juror of the challenge.")
    segment: Segment = Field(description="Who the author is to the business.")
    submitted: When
    summary: Line = Field(description="One sentence shown on cards.")
    problem: Markdown
    proposal: Markdown
    benefits: Markdown | None = None
    tags: list[Tag] = Field(default_factory=list)
    answers: dict[QuestionId, Markdown] = Field(
        default_factory=dict,
        description="Answers to the challenge's own questions (its `questions:`), by question "
                    "id, as the author wrote or chose them.")
    status: Status = Status.SUBMITTED
    history: list[StatusChange] = Field(
        default_factory=list, description="Every status change, oldest first."
    )
    duplicate_of: Slug | None = Field(
        default=None, description="The id of the original idea, when status is duplicate."
    )
    prize: Line | None = Field(default=None, description="The prize this idea won.")
    issue: int | None = Field(default=None, ge=1, description="The issue it was submitted as.")

    @property
    def answer(self) -> str | None:
        """The current official answer: the latest one given in the history."""
        for change in reversed(self.history):
            if change.answer:
                return change.answer
        return None

    @property
    def people(self) -> list[str]:
        """Author and co-authors, the people an idea belongs to."""
        return [self.author, *self.coauthors]

    @model_validator(mode="after")
    def check_consistency(self, info: ValidationInfo) -> Idea:
        lowered = [name.lower() for name in self.people]
        if len(set(lowered)) != len(lowered):
            raise PydanticCustomError(
                "coauthor_repeated",
                "coauthors repeats a person or names the author — list each co-author once",
                {"field": "coauthors"},
            )
        if self.history and self.history[-1].status != self.status:
            raise PydanticCustomError(
                "status_history",
                "status is {status} but the last history entry says {last} — add a history "
                "entry for the change (or use `cocreate status`)",
                {"field": "status", "status": self.status.value,
                 "last": self.history[-1].status.value},
            )
        if (self.status is Status.DUPLICATE) != (self.duplicate_of is not None):
            raise PydanticCustomError(
                "duplicate_of",
                "duplicate_of goes with status duplicate — name the original idea's id, "
                "or remove duplicate_of",
                {"field": "duplicate_of" if self.duplicate_of else "status"},
            )
        zone = (info.context or {}).get("zone", UTC)
        moments = [to_instant(self.submitted, zone)]
        moments += [to_instant(change.at, zone) for change in self.history]
        if moments != sorted(moments):
            raise PydanticCustomError(
                "history_order",
                "history is not in date order, or starts before the idea was submitted — "
                "list changes oldest first",
                {"field": "history"},
            )
        return self
