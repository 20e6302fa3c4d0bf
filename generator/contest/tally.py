"""The leaderboard's numbers: one module for the site, `cocreate tally` and the exports.

For each idea of a challenge:

- **votes**: the points its voters gave it under the challenge's voting rules
  (`generator.contest.rules`): each voter once per idea, and every vote not counted
  listed in `excluded` with its reason.
- **jury**: the mean over jurors of each juror's weighted mean score,
  `Σ weight × score / Σ weight`, on the challenge's scale; none without scores.
- **score** (0–100): `100 × (wc × V + wj × J) / (wc + wj)` where
  `V = votes / most votes in the challenge` and
  `J = (jury − scale min) / (scale max − scale min)`, both 0 when missing,
  and `wc`, `wj` are the challenge's community and jury weights.

Jury scores count only from the results stage on; before that the weights
are community 1 and jury 0, so the score is `100 × V` and follows the votes.

Ranking: higher score first, then more votes, then the earlier submission,
then the lower id.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from generator.contest.rules import Counted, Exclusion, apply_rules
from generator.models import Weights
from generator.models.common import to_instant
from generator.models.stages import Stage
from generator.portal.catalog import Catalog, ChallengeFolder
from generator.portal.spreadsheet import render_rows


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
class ChallengeTally:
    challenge: str
    weights: Weights
    ideas: list[IdeaResult]
    excluded: list[Exclusion] = field(default_factory=list)
    # Who gave what to which idea: the audit, the people pages and recognition read it.
    counted: Counted = field(default_factory=lambda: Counted({}, []), compare=False)

    def by_id(self) -> dict[str, IdeaResult]:
        return {idea.id: idea for idea in self.ideas}


def id_order(idea_id: str) -> tuple[int, int | str]:
    """Numeric ids in number order, then the others alphabetically."""
    return (0, int(idea_id)) if idea_id.isdigit() else (1, idea_id)


def jury_scores(folder: ChallengeFolder) -> dict[str, float]:
    """Each scored idea's mean over jurors of their weighted mean score."""
    weights = {criterion.id: criterion.weight for criterion in folder.challenge.criteria}
    per_idea: dict[str, list[float]] = {}
    for card in folder.scorecards.values():
        for score in card.model.scores:
            total = sum(weights[c] * value for c, value in score.criteria.items())
            per_idea.setdefault(score.idea, []).append(total / sum(weights.values()))
    return {idea: sum(values) / len(values) for idea, values in per_idea.items()}


def tally_challenge(folder: ChallengeFolder, catalog: Catalog, *,
                    with_jury: bool = True) -> ChallengeTally:
    """Rank a challenge's ideas by combined score; without the jury, by votes alone."""
    challenge = folder.challenge
    weights = challenge.weights or catalog.settings.weights
    if not with_jury:
        weights = Weights(community=1, jury=0)
    counted = apply_rules(folder, catalog)
    votes = counted.totals()
    jury = jury_scores(folder) if with_jury else {}
    most = max(votes.values(), default=0)
    low, high = challenge.scale.min, challenge.scale.max

    def combined(idea_id: str) -> float:
        community = votes[idea_id] / most if most else 0.0
        judged = (jury[idea_id] - low) / (high - low) if idea_id in jury else 0.0
        blend = weights.community * community + weights.jury * judged
        return round(100 * blend / (weights.community + weights.jury), 2)

    zone = catalog.settings.zone
    scores = {idea_id: combined(idea_id) for idea_id in folder.ideas}
    order = sorted(folder.ideas, key=lambda idea_id: (
        -scores[idea_id], -votes[idea_id],
        to_instant(folder.ideas[idea_id].model.submitted, zone), id_order(idea_id),
    ))
    results = [
        IdeaResult(idea_id, folder.ideas[idea_id].model.title, votes[idea_id],
                   round(jury[idea_id], 2) if idea_id in jury else None, scores[idea_id], rank)
        for rank, idea_id in enumerate(order, start=1)
    ]
    return ChallengeTally(folder.slug, weights, results, counted.excluded, counted)


def tally_catalog(catalog: Catalog, only: str | None = None) -> list[ChallengeTally]:
    """Every challenge's tally as the site publishes it: jury scores count from results on."""
    return [tally_challenge(folder, catalog,
                            with_jury=catalog.stage_of(slug) is Stage.RESULTS)
            for slug, folder in catalog.challenges.items() if only is None or slug == only]


def public_row(result: IdeaResult) -> dict[str, object]:
    return asdict(result)


def public_tally(tally: ChallengeTally) -> dict[str, object]:
    """A tally as `cocreate tally --format json` prints it and the open data publishes it."""
    return {"challenge": tally.challenge,
            "ideas": [public_row(result) for result in tally.ideas],
            "excluded": [asdict(exclusion) for exclusion in tally.excluded]}


def render_json(tallies: list[ChallengeTally]) -> str:
    """One JSON object per challenge, one per line."""
    return "".join(json.dumps(public_tally(tally), ensure_ascii=False) + "\n" for tally in tallies)


def render_csv(tallies: list[ChallengeTally]) -> str:
    """One row per idea and challenge, in leaderboard order; text cells safe for spreadsheets."""
    return render_rows(
        ["challenge", "rank", "id", "title", "votes", "jury", "score"],
        ([tally.challenge, idea.rank, idea.id, idea.title, idea.votes,
          "" if idea.jury is None else f"{idea.jury:g}", f"{idea.score:g}"]
         for tally in tallies for idea in tally.ideas))


def render_table(tallies: list[ChallengeTally]) -> str:
    lines = []
    for tally in tallies:
        lines.append(tally.challenge)
        lines.append(f"  {'rank':>4}  {'id':<8} {'votes':>5} {'jury':>5} {'score':>6}  title")
        for idea in tally.ideas:
            jury = "-" if idea.jury is None else f"{idea.jury:.2f}"
            lines.append(f"  {idea.rank:>4}  {idea.id:<8} {idea.votes:>5} {jury:>5} "
                         f"{idea.score:>6.2f}  {idea.title}")
        if not tally.ideas:
            lines.append("  (no ideas yet)")
        lines += _not_counted_lines(tally)
        lines.append("")
    return "\n".join(lines)


def _not_counted_lines(tally: ChallengeTally) -> list[str]:
    """How many votes were not counted, and why: the most common reason first."""
    if not tally.excluded:
        return []
    reasons = Counter(exclusion.reason for exclusion in tally.excluded)
    count = len(tally.excluded)
    lines = [f"  not counted: {count} vote{'' if count == 1 else 's'}"]
    lines += [f"  {count:>6}  {reason}"
              for reason, count in sorted(reasons.items(), key=lambda r: (-r[1], r[0]))]
    return lines
