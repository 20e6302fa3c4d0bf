"""`challenges/<challenge>/challenge.yml`: the brief, timeline, rules, criteria, jury, prizes."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from generator.models.common import (
    Line,
    Login,
    Markdown,
    QuestionId,
    Record,
    Slug,
    Status,
    Tag,
    When,
    to_instant,
)

# Closing dates written as a plain day include that whole day.
CLOSING_FIELDS = frozenset({"ideas_close", "voting_close"})
# The ids of the idea form's own fields (generator.github.forms.render): no question takes one.
STANDARD_FIELD_IDS = ("challenge", "title", "summary", "problem", "proposal", "benefits",
                      "segment", "tags", "coauthors", "agreement")


class Sponsor(Record):
    """Who at the business owns the challenge and will act on its results."""

    name: Line
    role: Line | None = None


class Timeline(Record):
    """When each stage starts. No `ideas_close` makes a standing, evergreen challenge.

    Plain days are read in the portal's time zone: an opening day starts at
    00:00, a closing day (`ideas_close`, `voting_close`) ends at 24:00.
    """

    ideas_open: When
    ideas_close: When | None = None
    voting_open: When | None = Field(
        default=None,
        description="Defaults to ideas_close; set it earlier to vote while ideas come in.",
    )
    voting_close: When | None = None
    results: When | None = None

    def instant(self, name: str, zone: tzinfo) -> datetime | None:
        """The aware moment a timeline field stands for, or None when unset."""
        value: date | datetime | None = getattr(self, name)
        if value is None:
            return None
        return to_instant(value, zone, end_of_day=name in CLOSING_FIELDS)

    @property
    def is_evergreen(self) -> bool:
        return self.ideas_close is None

    @model_validator(mode="after")
    def check_order(self, info: ValidationInfo) -> Timeline:
        zone = (info.context or {}).get("zone", UTC)
        if self.is_evergreen:
            for name in ("voting_close", "results"):
                if getattr(self, name) is not None:
                    raise PydanticCustomError(
                        "timeline_evergreen",
                        "{field} is set but ideas_close is not — an evergreen challenge has no "
                        "closing stages; add ideas_close or remove {field}",
                        {"field": name},
                    )
        else:
            for name in ("voting_close", "results"):
                if getattr(self, name) is None:
                    raise PydanticCustomError(
                        "timeline_missing",
                        "{field} is missing — a challenge whose ideas close needs voting_close "
                        "and results dates",
                        {"field": name},
                    )
        order = ["ideas_open", "ideas_close", "voting_close", "results"]
        self._check_sequence(order, zone)
        self._check_sequence(["ideas_open", "voting_open", "voting_close"], zone)
        return self

    def _check_sequence(self, names: list[str], zone: tzinfo) -> None:
        present = [(name, self.instant(name, zone)) for name in names]
        moments = [(name, moment) for name, moment in present if moment is not None]
        for (early, early_at), (late, late_at) in pairwise(moments):
            if late_at < early_at:
                raise PydanticCustomError(
                    "timeline_order",
                    "{field} ({late}) comes before {early} ({early_value}) — dates must run "
                    "in the order ideas_open, ideas_close, voting_close, results",
                    {
                        "field": late,
                        "late": str(getattr(self, late)),
                        "early": early,
                        "early_value": str(getattr(self, early)),
                    },
                )


class VotingRules(Record):
    """How the community votes. Frozen once voting opens."""

    method: Literal["approval", "budget"] = Field(
        default="approval",
        description="approval: one vote per idea, any number of ideas; budget: spread points.",
    )
    budget: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Points each voter may spread (budget voting only)."
    )
    max_per_idea: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Most points one voter may give one idea (budget voting only)."
    )
    min_account_age_days: Annotated[int, Field(ge=0)] = Field(
        default=0, description="Accounts younger than this when voting opens are not counted."
    )
    self_votes: bool = Field(
        default=False, description="Whether authors and co-authors may vote for their own idea."
    )
    open_statuses: list[Status] = Field(
        default_factory=lambda: [Status.PUBLISHED, Status.SHORTLISTED],
        description="Idea statuses that can receive votes.",
    )

    @model_validator(mode="after")
    def check_budget(self) -> VotingRules:
        if self.method == "budget" and self.budget is None:
            raise PydanticCustomError(
                "budget_missing",
                "budget voting needs a budget — add budget: <points per voter>",
                {"field": "method"},
            )
        if self.method == "approval" and (self.budget or self.max_per_idea):
            raise PydanticCustomError(
                "budget_unused",
                "budget and max_per_idea only apply to budget voting — set method: budget "
                "or remove them",
                {"field": "budget" if self.budget else "max_per_idea"},
            )
        if self.budget and self.max_per_idea and self.max_per_idea > self.budget:
            raise PydanticCustomError(
                "budget_order",
                "max_per_idea ({most}) is larger than the budget ({budget}) — lower it",
                {"field": "max_per_idea", "most": self.max_per_idea, "budget": self.budget},
            )
        return self


class Criterion(Record):
    """One thing the jury scores, and how much it counts."""

    id: Slug
    name: Line
    weight: Annotated[float, Field(gt=0)] = 1
    description: Markdown | None = None


class Scale(Record):
    """The range of a jury score."""

    min: int = 1
    max: int = 5

    @model_validator(mode="after")
    def check_range(self) -> Scale:
        if self.max <= self.min:
            raise PydanticCustomError(
                "scale_order", "scale max must be above min — for example min: 1, max: 5",
                {"field": "max"},
            )
        return self


class Weights(Record):
    """How much the community vote and the jury count in the combined score."""

    community: Annotated[float, Field(ge=0)] = 0.5
    jury: Annotated[float, Field(ge=0)] = 0.5

    @model_validator(mode="after")
    def check_total(self) -> Weights:
        if self.community + self.jury <= 0:
            raise PydanticCustomError(
                "weights_zero", "the weights add up to 0 — give community or jury a weight",
                {"field": "community"},
            )
        return self


class Prize(Record):
    """What a winning place receives."""

    rank: Annotated[int, Field(ge=1)]
    title: Line
    description: Markdown | None = None


class Question(Record):
    """A question of the challenge's own, asked on its idea form after the standard ones.

    The answer is kept in each idea file under `answers:`, by the question's id,
    and shown on the idea's page under the question's label.
    """

    id: QuestionId = Field(description="Letters, digits, - and _; the key of the answer in "
                           "each idea file. Keep it once ideas have answered it.")
    label: Line = Field(description="The question, as the form asks it and idea pages show it.")
    kind: Literal["text", "textarea", "dropdown"] = Field(
        description="text: one line; textarea: several lines, Markdown welcome; dropdown: one "
                    "of its options.")
    description: Markdown | None = Field(default=None,
                                         description="Guidance shown under the question.")
    required: bool = Field(default=False, description="Whether the form insists on an answer.")
    options: list[Line] = Field(default_factory=list,
                                description="The choices of a dropdown, in order.")

    @model_validator(mode="after")
    def check_kind(self) -> Question:
        if self.id.casefold() in STANDARD_FIELD_IDS:
            raise PydanticCustomError(
                "question_id_taken",
                "id {id} is one of the idea form's own fields — choose another id (the form's "
                "own are {taken})",
                {"field": "id", "id": self.id, "taken": ", ".join(STANDARD_FIELD_IDS)},
            )
        if self.kind == "dropdown" and not self.options:
            raise PydanticCustomError(
                "question_options", "a dropdown needs options — list its choices under options:",
                {"field": "kind"},
            )
        if self.kind != "dropdown" and self.options:
            raise PydanticCustomError(
                "question_options",
                "options go with kind: dropdown only — set kind: dropdown, or remove options",
                {"field": "options"},
            )
        return self


class Challenge(Record):
    """A problem the business wants help with."""

    title: Line
    summary: Line = Field(description="One sentence shown on cards and in search results.")
    brief: Markdown
    sponsor: Sponsor
    timeline: Timeline
    eligibility: Markdown = Field(description="Who may take part.")
    rules: Markdown | None = None
    licence: Line = Field(
        default="CC-BY-4.0", description="The licence submitted ideas are published under."
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    voting: VotingRules = Field(default_factory=VotingRules)
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    scale: Scale = Field(default_factory=Scale)
    weights: Weights | None = Field(
        default=None, description="Overrides the portal's default community/jury weights."
    )
    jury: list[Login] = Field(default_factory=list)
    prizes: list[Prize] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list, description="Suggested tags for ideas.")
    questions: list[Question] = Field(
        default_factory=list,
        description="The challenge's own questions, asked on its idea form after the standard "
                    "ones; each idea keeps its answers by question id.")

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @model_validator(mode="after")
    def check_unique(self) -> Challenge:
        named: list[tuple[str, list[str]]] = [
            ("criteria", [c.id for c in self.criteria]),
            ("questions", [q.id.casefold() for q in self.questions]),
            ("jury", [j.lower() for j in self.jury]),
            ("prizes", [str(p.rank) for p in self.prizes]),
        ]
        for field, values in named:
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise PydanticCustomError(
                    "repeated",
                    "{field} lists {names} more than once — keep one of each",
                    {"field": field, "names": ", ".join(repeated)},
                )
        return self
