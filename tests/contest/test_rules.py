"""The voting rules, one at a time: every vote is counted or excluded with its reason.

Ballots go into the zero-waste challenge of a copy of the example: budget
voting, 5 points, at most 3 per idea, accounts at least 30 days old when
voting opened (1 November 2026, after ideas closed on 31 October).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.contest.rules import Reason, apply_rules
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW

CHALLENGE = "zero-waste-packaging"
OLD_ACCOUNT = "2019-05-01T10:00:00Z"
Write = Callable[[str, str], Path]


def ballot(voter: str, *votes: tuple[str, str, int], created: str | None = OLD_ACCOUNT,
           extra: str = "") -> str:
    lines = [f"voter: {voter}"]
    if created:
        lines.append(f"account_created: {created}")
    if extra:
        lines.append(extra)
    lines.append("votes:")
    for idea, at, points in votes:
        lines += [f"  - idea: '{idea}'", f"    at: {at}", "    via: comment",
                  f"    points: {points}"]
    return "\n".join(lines) + "\n"


def judge(portal: Path, write: Write, text: str, voter: str = "test-voter") -> list[
        tuple[str, int | None]]:
    """(reason or 'counted', points) for each vote of the test ballot, in file order."""
    write(f"challenges/{CHALLENGE}/votes/{voter}.yml", text)
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    counted = apply_rules(catalog.challenges[CHALLENGE], catalog)
    mine = [(e.idea, e.reason) for e in counted.excluded if e.voter == voter]
    points = {idea: voters[voter] for idea, voters in counted.points.items() if voter in voters}
    return sorted([(reason, None) for _, reason in mine]
                  + [("counted", value) for value in points.values()], key=str)


IN_WINDOW = "2026-11-10T10:00:00Z"


def test_a_vote_within_the_rules_counts_its_points(portal: Path, write: Write) -> None:
    assert judge(portal, write, ballot("test-voter", ("35", IN_WINDOW, 3))) == [("counted", 3)]


def test_over_the_limit_per_idea_and_over_the_budget(portal: Path, write: Write) -> None:
    text = ballot("test-voter", ("35", IN_WINDOW, 4), ("37", "2026-11-10T10:01:00Z", 3),
                  ("38", "2026-11-10T10:02:00Z", 2), ("40", "2026-11-10T10:03:00Z", 1))
    assert judge(portal, write, text) == sorted([
        (Reason.OVER_IDEA_LIMIT.value, None), ("counted", 3), ("counted", 2),
        (Reason.OVER_BUDGET.value, None)], key=str)


@pytest.mark.parametrize(("at", "reason"), [
    ("2026-11-01T00:00:00Z", "counted"),  # ideas close at the end of 31 October (GMT)
    ("2026-10-31T23:59:59Z", Reason.OUTSIDE_WINDOW.value),
    ("2028-02-01T00:00:00Z", Reason.OUTSIDE_WINDOW.value),  # after voting_close (31 January)
])
def test_the_window_is_exact_to_the_second(portal: Path, write: Write, at: str,
                                           reason: str) -> None:
    assert judge(portal, write, ballot("test-voter", ("35", at, 1)))[0][0] == reason


def test_a_day_old_account_and_an_unknown_age_are_excluded(portal: Path, write: Write) -> None:
    young = ballot("test-voter", ("35", IN_WINDOW, 1), created="2026-10-31T10:00:00Z")
    assert judge(portal, write, young) == [(Reason.TOO_NEW.value, None)]
    unknown = ballot("test-voter", ("35", IN_WINDOW, 1), created=None)
    assert judge(portal, write, unknown) == [(Reason.ACCOUNT_AGE_UNKNOWN.value, None)]
    just_old_enough = ballot("test-voter", ("35", IN_WINDOW, 1), created="2026-10-02T00:00:00Z")
    assert judge(portal, write, just_old_enough) == [("counted", 1)]


def test_bots_and_deleted_accounts_are_excluded(portal: Path, write: Write) -> None:
    bot = ballot("renovate", ("35", IN_WINDOW, 1), extra="bot: true")
    assert judge(portal, write, bot, voter="renovate") == [(Reason.BOT.value, None)]
    assert judge(portal, write, ballot("ghost", ("35", IN_WINDOW, 1)), voter="ghost") == [
        (Reason.BOT.value, None)]


def test_the_authors_own_vote_is_excluded(portal: Path, write: Write) -> None:
    # lucy-cho wrote idea 34; her existing ballot is replaced by this one.
    text = ballot("lucy-cho", ("34", IN_WINDOW, 2), ("35", IN_WINDOW, 1))
    assert judge(portal, write, text, voter="lucy-cho") == sorted(
        [(Reason.SELF_VOTE.value, None), ("counted", 1)], key=str)


def test_a_reaction_and_a_comment_for_the_same_idea_count_once(portal: Path,
                                                                write: Write) -> None:
    text = ballot("test-voter", ("35", IN_WINDOW, 1), ("35", "2026-11-11T10:00:00Z", 2))
    assert judge(portal, write, text) == sorted(
        [(Reason.REPLACED.value, None), ("counted", 2)], key=str)


def test_a_declined_idea_receives_no_votes(portal: Path, write: Write) -> None:
    assert judge(portal, write, ballot("test-voter", ("42", IN_WINDOW, 1))) == [
        (Reason.NOT_OPEN.value, None)]
