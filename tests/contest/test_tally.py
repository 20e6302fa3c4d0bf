"""The tally's formula, recomputed by hand from the example's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.contest.rules import Exclusion
from generator.contest.tally import ChallengeTally, render_table, tally_challenge
from generator.models import Weights
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW


def test_the_winner_scores_what_the_published_formula_gives() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    tally = tally_challenge(catalog.challenges["winter-menu-2026"], catalog).by_id()
    # Idea 12: 9 votes, the most in the challenge, so V = 1.
    # Weights appeal 3, feasibility 2, cost 1, sustainability 1 (sum 7):
    #   marta 5,5,4,5 → 34/7; léa 5,5,4,5 → 34/7; jonas 4,5,4,5 → 31/7; mean 99/21.
    jury = 99 / 21
    judged = (jury - 1) / (5 - 1)
    # The portal's weights: community 0.4, jury 0.6.
    assert tally["12"].votes == 9
    assert tally["12"].jury == pytest.approx(round(jury, 2))
    assert tally["12"].score == pytest.approx(round(100 * (0.4 * 1 + 0.6 * judged), 2))
    assert tally["12"].rank == 1


def test_an_idea_without_jury_scores_counts_only_its_votes(
        portal: Path, write: Callable[[str, str], Path]) -> None:
    ideas = portal / "challenges/winter-menu-2026/ideas"
    write("challenges/winter-menu-2026/ideas/60.yml",
          (ideas / "23.yml").read_text("utf-8").replace("issue: 23", "issue: 60"))
    write("challenges/winter-menu-2026/votes/test-voter.yml",
          "voter: test-voter\naccount_created: 2019-05-01T10:00:00Z\nvotes:\n"
          "  - idea: '60'\n    at: 2026-05-10T10:00:00Z\n    via: reaction\n")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    tally = tally_challenge(catalog.challenges["winter-menu-2026"], catalog).by_id()
    assert tally["60"].jury is None and tally["60"].votes == 1
    most = max(idea.votes for idea in tally.values())  # 9, for idea 12
    assert tally["60"].score == pytest.approx(round(100 * 0.4 * (1 / most), 2))


def test_ties_go_to_the_earlier_submission() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    tally = tally_challenge(catalog.challenges["winter-menu-2026"], catalog).by_id()
    # 18 (submitted 20 March) and 19 (24 March): no counted vote, no jury score.
    assert tally["18"].score == tally["19"].score
    assert tally["18"].rank + 1 == tally["19"].rank


def test_a_challenge_with_no_votes_ranks_by_submission() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    tally = tally_challenge(catalog.challenges["neighbourhood-events"], catalog)
    assert [(idea.id, idea.score) for idea in tally.ideas] == [
        ("48", 0.0), ("50", 0.0), ("51", 0.0), ("53", 0.0)]


def not_counted(*reasons: str) -> ChallengeTally:
    """A challenge without ideas whose votes were all left out, for these reasons."""
    excluded = [Exclusion(f"voter-{n}", "1", reason, "reaction", 1)
                for n, reason in enumerate(reasons)]
    return ChallengeTally("trial", Weights(), [], excluded)


HEADER = "  rank  id       votes  jury  score  title\n  (no ideas yet)\n"


def test_the_table_counts_the_votes_left_out_by_reason_the_most_common_first() -> None:
    reasons = (["self-vote", "unknown idea"] + ["over budget"] * 5 + ["account too new"]
               + ["over budget"] * 7 + ["self-vote", "account too new"])
    assert render_table([not_counted(*reasons)]) == (
        "trial\n" + HEADER +
        "  not counted: 17 votes\n"
        "      12  over budget\n"
        "       2  account too new\n"
        "       2  self-vote\n"
        "       1  unknown idea\n")


def test_the_table_says_one_vote_or_none_as_such() -> None:
    assert render_table([not_counted("self-vote"), not_counted(), not_counted("bot", "bot")]) == (
        "trial\n" + HEADER + "  not counted: 1 vote\n       1  self-vote\n\n"
        "trial\n" + HEADER + "\n"
        "trial\n" + HEADER + "  not counted: 2 votes\n       2  bot\n")
