"""Counting the community's votes for each idea of a challenge.

The rules (who may vote, when, how many points) arrive with the voting
capability; this count already takes each voter once per idea and breaks ties
the documented way: more votes first, then the earlier submission, then the
lower id.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field

from .catalog import Catalog, ChallengeFolder
from .models.common import to_instant


@dataclass(frozen=True)
class IdeaResult:
    """One idea's line on the leaderboard."""

    id: str
    title: str
    votes: int
    jury: float | None
    score: float
    rank: int


@dataclass(frozen=True)
class Exclusion:
    """A vote that was not counted, and why."""

    voter: str
    idea: str
    reason: str


@dataclass(frozen=True)
class ChallengeTally:
    challenge: str
    ideas: list[IdeaResult]
    excluded: list[Exclusion] = field(default_factory=list)


def _id_order(idea_id: str) -> tuple[int, int | str]:
    return (0, int(idea_id)) if idea_id.isdigit() else (1, idea_id)


def tally_challenge(folder: ChallengeFolder, catalog: Catalog) -> ChallengeTally:
    """Rank a challenge's ideas by votes, one vote per voter per idea."""
    points: dict[str, dict[str, int]] = {idea_id: {} for idea_id in folder.ideas}
    for ballot in folder.ballots.values():
        for vote in ballot.model.votes:  # a later vote for the same idea replaces an earlier one
            points[vote.idea][ballot.model.voter] = vote.points
    zone = catalog.settings.zone
    totals = {idea_id: sum(voters.values()) for idea_id, voters in points.items()}
    order = sorted(folder.ideas, key=lambda idea_id: (
        -totals[idea_id],
        to_instant(folder.ideas[idea_id].model.submitted, zone),
        _id_order(idea_id),
    ))
    results = []
    for rank, idea_id in enumerate(order, start=1):
        idea = folder.ideas[idea_id].model
        votes = totals[idea_id]
        results.append(IdeaResult(idea_id, idea.title, votes, None, float(votes), rank))
    return ChallengeTally(folder.slug, results)


def tally_catalog(catalog: Catalog, only: str | None = None) -> list[ChallengeTally]:
    return [tally_challenge(folder, catalog) for slug, folder in catalog.challenges.items()
            if only is None or slug == only]


def render_json(tallies: list[ChallengeTally]) -> str:
    """One JSON object per challenge, one per line."""
    return "".join(json.dumps(asdict(tally), ensure_ascii=False) + "\n" for tally in tallies)


def render_csv(tallies: list[ChallengeTally]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["challenge", "rank", "id", "title", "votes", "jury", "score"])
    for tally in tallies:
        for idea in tally.ideas:
            jury = "" if idea.jury is None else f"{idea.jury:g}"
            writer.writerow([tally.challenge, idea.rank, idea.id, idea.title, idea.votes, jury,
                             f"{idea.score:g}"])
    return out.getvalue()


def render_table(tallies: list[ChallengeTally]) -> str:
    lines = []
    for tally in tallies:
        lines.append(f"{tally.challenge}")
        lines.append(f"  {'rank':>4}  {'id':<8} {'votes':>5}  title")
        for idea in tally.ideas:
            lines.append(f"  {idea.rank:>4}  {idea.id:<8} {idea.votes:>5}  {idea.title}")
        if not tally.ideas:
            lines.append("  (no ideas yet)")
        lines.append("")
    return "\n".join(lines)
