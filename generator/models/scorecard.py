"""`challenges/<challenge>/reviews/<login>.yml`: one juror's scores for one challenge."""

from __future__ import annotations

from pydantic import Field

from generator.models.common import Login, Markdown, Record, Slug


class Score(Record):
    """A juror's score for one idea: one number per criterion, and a comment."""

    idea: Slug
    criteria: dict[Slug, int] = Field(description="Criterion id → score on the challenge's scale.")
    comment: Markdown | None = None


class Scorecard(Record):
    """Every score one juror gave in one challenge. One file per juror."""

    juror: Login = Field(description="Must match the file name and be on the challenge's jury.")
    scores: list[Score] = Field(default_factory=list)
