"""A whole portal: every challenge and what is filed under it, each record with its file.

`generator.portal.reading.load_catalog` reads one, checked, before anything is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from generator.models import Ballot, Challenge, Discussion, Idea, Scorecard, Settings
from generator.models.stages import Stage, stage_at
from generator.portal.ballot_history import EnteredVotes, VoteKey, read_entered_votes
from generator.portal.loader import Document

ModelT = TypeVar("ModelT", bound=BaseModel)

CHALLENGE_FILE = "challenge.yml"
DISCUSSION_FILE = "comments.yml"  # written by the vote sync
@dataclass(frozen=True)
class Source(Generic[ModelT]):
    """A validated record and the document it came from (for paths and lines)."""

    model: ModelT
    document: Document

    @property
    def path(self) -> str:
        return self.document.path


@dataclass
class ChallengeFolder:
    """One challenge and everything filed under it."""

    slug: str
    source: Source[Challenge]
    ideas: dict[str, Source[Idea]] = field(default_factory=dict)
    ballots: dict[str, Source[Ballot]] = field(default_factory=dict)
    scorecards: dict[str, Source[Scorecard]] = field(default_factory=dict)
    discussion: Source[Discussion] | None = None

    @property
    def challenge(self) -> Challenge:
        return self.source.model

    @cached_property
    def comment_counts(self) -> dict[str, int]:
        """Idea id → how many comments people wrote on its issue, as the vote sync last read
        them; an idea it never counted is not in it."""
        entries = self.discussion.model.ideas if self.discussion else []
        return {entry.idea: entry.comments for entry in entries}


@dataclass
class Catalog:
    """Everything the site, the tally and the exports are made from."""

    root: Path
    settings: Settings
    now: datetime
    challenges: dict[str, ChallengeFolder]

    def stage_of(self, slug: str) -> Stage:
        timeline = self.challenges[slug].challenge.timeline
        return stage_at(timeline, self.settings.zone, self.now)

    def entered_votes(self, path: str) -> dict[VoteKey, datetime]:
        """When each vote by ballot in the file at `path` entered the branch (none: not yet)."""
        return self._entered_votes.get(path, {})

    @cached_property
    def _entered_votes(self) -> EnteredVotes:
        # Read from Git on first use, once: pages, tallies and checks that need no ballot
        # moments (the intake, the forms) never ask.
        return read_entered_votes(self.root, self.settings.challenges_dir)
