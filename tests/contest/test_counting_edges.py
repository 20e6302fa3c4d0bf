"""The voting rules and the tally on a small made-up challenge, checked to the last field.

One challenge, "trial", in a portal of its own (the example's settings, none of its
challenges): a few ideas and ballots written for each case, so every number below can
be worked out by hand from the README's rules. Times are in the portal's zone,
Europe/London, which is UTC+1 in summer: a plain time in June is an hour ahead of UTC.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.contest.rules import Exclusion, Reason, apply_rules
from generator.contest.tally import (
    id_order,
    render_csv,
    render_json,
    render_table,
    tally_catalog,
    tally_challenge,
)
from generator.models import Ballot, Weights
from generator.models.challenge import Timeline
from generator.models.stages import Stage, is_voting_open, stage_at, voting_window
from generator.portal.catalog import Catalog, Source
from generator.portal.loader import parse_yaml
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE
from tests.support.gitrepos import git

SLUG = "trial"
NOW = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)  # voting is open
# Voting from 1 July 00:00 London (30 June 23:00 UTC) to 1 August 00:00 London.
TIMELINE = ("timeline:\n  ideas_open: 2026-05-01\n  ideas_close: 2026-06-30\n"
            "  voting_close: 2026-07-31\n  results: 2026-08-10\n")
OLD = "2019-01-01T00:00:00Z"


def challenge_text(voting: str = "  method: approval\n", extra: str = "") -> str:
    return ("title: Trial\nsummary: A made-up challenge.\nbrief: Made up.\n"
            "sponsor:\n  name: Sam\n" + TIMELINE + "eligibility: Anyone.\n"
            "voting:\n" + voting + "criteria:\n  - id: appeal\n    name: Appeal\n    weight: 3\n"
            "  - id: cost\n    name: Cost\n    weight: 1\n"
            "jury:\n  - judy\n  - jack\n" + extra)


def idea_text(title: str, author: str = "ann", submitted: str = "2026-05-10T10:00:00Z",
              extra: str = "status: published\n") -> str:
    return (f"title: {title}\nchallenge: {SLUG}\nauthor: {author}\nsegment: customer\n"
            f"submitted: {submitted}\nsummary: {title}.\nproblem: A problem.\n"
            f"proposal: A proposal.\n{extra}")


def ballot_text(voter: str, *votes: tuple[str, str, str, int], created: str | None = OLD,
                extra: str = "") -> str:
    lines = [f"voter: {voter}"] + ([f"account_created: {created}"] if created else [])
    lines += [extra] if extra else []
    lines.append("votes:")
    for idea, at, via, points in votes:
        lines += [f"  - idea: '{idea}'", f"    at: {at}", f"    via: {via}",
                  f"    points: {points}"]
    return "\n".join(lines) + "\n"


class Trial:
    """A portal holding the one made-up challenge, written file by file."""

    def __init__(self, root: Path, challenge: str) -> None:
        self.root = root
        shutil.copy2(EXAMPLE / "mkdocs.yml", root / "mkdocs.yml")
        self.write("challenge.yml", challenge)

    def write(self, name: str, text: str) -> None:
        file = self.root / "challenges" / SLUG / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, "utf-8")

    def idea(self, idea_id: str, title: str, **fields: str) -> None:
        self.write(f"ideas/{idea_id}.yml", idea_text(title, **fields))

    def ballot(self, voter: str, *votes: tuple[str, str, str, int], **fields: str | None) -> None:
        self.write(f"votes/{voter}.yml", ballot_text(voter, *votes, **fields))  # type: ignore[arg-type]

    def load(self, now: datetime = NOW) -> Catalog:
        return load_catalog(self.root, now=now)


def trial(tmp_path: Path, voting: str = "  method: approval\n", extra: str = "") -> Trial:
    return Trial(tmp_path, challenge_text(voting, extra))


def add_unchecked_ballot(catalog: Catalog, text: str, name: str) -> None:
    """A ballot `validate` would refuse (a second one of an account), put in past the checks:
    the tally must still count the account once."""
    document = parse_yaml(text, f"challenges/{SLUG}/votes/{name}.yml")
    catalog.challenges[SLUG].ballots[name] = Source(Ballot.model_validate(document.data),
                                                    document)


# -- the rules ------------------------------------------------------------------------------

def test_an_excluded_vote_is_recorded_with_its_voter_idea_reason_channel_and_points(
        tmp_path: Path) -> None:
    portal = trial(tmp_path, "  method: budget\n  budget: 5\n  max_per_idea: 3\n")
    portal.idea("1", "Soup")
    portal.ballot("bea", ("1", "2026-06-20T10:00:00Z", "comment", 2))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.excluded == [Exclusion("bea", "1", Reason.OUTSIDE_WINDOW, "comment", 2)]
    assert counted.points == {"1": {}}
    assert counted.moments == {"1": {}}


def test_a_counted_vote_records_its_points_and_the_moment_it_was_cast(tmp_path: Path) -> None:
    portal = trial(tmp_path, "  method: budget\n  budget: 5\n  max_per_idea: 3\n")
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    # A plain time is London time: 10:00 in July is 09:00 UTC.
    portal.ballot("bea", ("1", "2026-07-02T10:00:00", "comment", 3),
                  ("2", "2026-07-03T10:00:00Z", "reaction", 1))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.excluded == []
    assert counted.points == {"1": {"bea": 3}, "2": {"bea": 1}}
    assert counted.moments == {"1": {"bea": datetime(2026, 7, 2, 9, 0, tzinfo=UTC)},
                               "2": {"bea": datetime(2026, 7, 3, 10, 0, tzinfo=UTC)}}
    assert counted.moments["1"]["bea"].utcoffset() == timedelta(hours=1)
    assert counted.totals() == {"1": 3, "2": 1}


def test_a_plain_time_at_the_window_edge_is_read_in_the_portals_zone(tmp_path: Path) -> None:
    # Voting opens at 00:00 London on 1 July, which is 23:00 UTC on 30 June.
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.ballot("bea", ("1", "2026-06-30T23:30:00Z", "comment", 1))  # 00:30 London: in
    portal.ballot("cal", ("1", "2026-06-30T23:30:00", "comment", 1))  # 23:30 London: out
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"bea": 1}}
    assert [(e.voter, e.reason) for e in counted.excluded] == [("cal", Reason.OUTSIDE_WINDOW)]


def test_a_vote_by_ballot_not_yet_on_the_default_branch_does_not_count(tmp_path: Path) -> None:
    # The portal is not a Git repository: no vote by ballot has entered a branch.
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    portal.ballot("bea", ("1", "2026-07-02T10:00:00Z", "ballot", 1),
                  ("2", "2026-07-02T10:00:00Z", "comment", 1))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {}, "2": {"bea": 1}}
    assert counted.excluded == [Exclusion("bea", "1", Reason.NOT_MERGED, "ballot", 1)]


def test_every_vote_of_a_set_aside_ballot_is_excluded_and_the_others_still_count(
        tmp_path: Path) -> None:
    portal = trial(tmp_path)
    for idea_id in ("1", "2", "3"):
        portal.idea(idea_id, f"Idea {idea_id}")
    # Sorted before the account's ballots: an exclusion that must stay listed.
    portal.ballot("abe", ("1", "2026-06-01T10:00:00Z", "comment", 1))
    portal.ballot("dan", ("1", "2026-07-05T10:00:00Z", "comment", 1),
                  ("2", "2026-07-05T11:00:00Z", "comment", 1), extra="account_id: 77")
    # Sorted after them: a voter of another account, whose vote counts.
    portal.ballot("zoe", ("3", "2026-07-05T10:00:00Z", "comment", 1))
    catalog = portal.load()
    # The same account (id 77) under its new login, with its latest vote: this one counts.
    add_unchecked_ballot(catalog, ballot_text("dana", ("3", "2026-07-06T10:00:00Z", "comment", 1),
                                              extra="account_id: 77"), "dana")
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {}, "2": {}, "3": {"dana": 1, "zoe": 1}}
    assert counted.excluded == [
        Exclusion("abe", "1", Reason.OUTSIDE_WINDOW, "comment", 1),
        Exclusion("dan", "1", Reason.SAME_ACCOUNT, "comment", 1),
        Exclusion("dan", "2", Reason.SAME_ACCOUNT, "comment", 1),
    ]


def test_of_one_accounts_ballots_the_one_with_the_latest_vote_counts_in_the_zone(
        tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    # 10:30 London is 09:30 UTC: earlier than dan's 10:00 UTC, though it reads later.
    portal.ballot("dan", ("1", "2026-07-05T10:00:00Z", "comment", 1), extra="account_id: 77")
    catalog = portal.load()
    add_unchecked_ballot(catalog, ballot_text("dana", ("2", "2026-07-05T10:30:00", "comment", 1),
                                              extra="account_id: 77"), "dana")
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"dan": 1}, "2": {}}
    assert counted.excluded == [Exclusion("dana", "2", Reason.SAME_ACCOUNT, "comment", 1)]


def test_an_ideas_status_at_the_moment_of_the_vote_decides(tmp_path: Path) -> None:
    # Open statuses are submitted and published by default; idea 1 is shortlisted, which
    # closes it, at 12:00 London on 10 July (11:00 UTC).
    portal = trial(tmp_path, "  method: approval\n  open_statuses: [published]\n")
    portal.idea("1", "Soup", extra="status: shortlisted\nhistory:\n"
                "  - status: published\n    at: 2026-07-02T12:00:00\n"
                "  - status: shortlisted\n    at: 2026-07-10T12:00:00\n")
    portal.ballot("ada", ("1", "2026-07-02T10:59:59Z", "comment", 1))  # still submitted
    portal.ballot("bea", ("1", "2026-07-02T11:00:00Z", "comment", 1))  # published then
    portal.ballot("cal", ("1", "2026-07-10T10:59:59Z", "comment", 1))  # still published
    portal.ballot("dee", ("1", "2026-07-10T11:00:00Z", "comment", 1))  # shortlisted then
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"bea": 1, "cal": 1}}
    assert [(e.voter, e.reason) for e in counted.excluded] == [
        ("ada", Reason.NOT_OPEN), ("dee", Reason.NOT_OPEN)]


def test_an_account_exactly_the_minimum_age_when_voting_opens_votes(tmp_path: Path) -> None:
    # Voting opens 30 June 23:00 UTC; 10 days of 24 hours before is 20 June 23:00 UTC.
    portal = trial(tmp_path, "  method: approval\n  min_account_age_days: 10\n")
    portal.idea("1", "Soup")
    portal.ballot("ada", ("1", "2026-07-02T10:00:00Z", "comment", 1),
                  created="2026-06-20T23:00:00Z")
    portal.ballot("bea", ("1", "2026-07-02T10:00:00Z", "comment", 1),
                  created="2026-06-20T23:00:01Z")
    portal.ballot("cal", ("1", "2026-07-02T10:00:00Z", "comment", 1),
                  created="2026-06-21T00:00:00")  # London: 20 June 23:00 UTC
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"ada": 1, "cal": 1}}
    assert counted.excluded == [Exclusion("bea", "1", Reason.TOO_NEW, "comment", 1)]


def test_the_window_closes_at_the_first_moment_of_the_day_after_voting_close(
        tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.ballot("ada", ("1", "2026-07-31T22:59:59Z", "comment", 1))  # 23:59:59 London
    portal.ballot("bea", ("1", "2026-07-31T23:00:00Z", "comment", 1))  # 00:00 London
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"ada": 1}}
    assert [(e.voter, e.reason) for e in counted.excluded] == [("bea", Reason.OUTSIDE_WINDOW)]
    timeline = catalog.challenges[SLUG].challenge.timeline
    zone = catalog.settings.zone
    opens = datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    closes = datetime(2026, 7, 31, 23, 0, tzinfo=UTC)
    assert not is_voting_open(timeline, zone, opens - timedelta(seconds=1))
    assert is_voting_open(timeline, zone, opens)
    assert is_voting_open(timeline, zone, closes - timedelta(seconds=1))
    assert not is_voting_open(timeline, zone, closes)


# -- the tally --------------------------------------------------------------------------

def test_numeric_ids_rank_in_number_order_before_the_others() -> None:
    assert sorted(["10", "b", "9", "a", "100"], key=id_order) == ["9", "10", "100", "a", "b"]
    assert id_order("12") == (0, 12)
    assert id_order("x") == (1, "x")


def test_ideas_equal_in_everything_but_id_rank_by_id(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    for idea_id in ("10", "9", "b", "a"):
        portal.idea(idea_id, f"Idea {idea_id}")  # all submitted at the same moment
    catalog = portal.load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog)
    assert [(idea.id, idea.rank) for idea in tally.ideas] == [
        ("9", 1), ("10", 2), ("a", 3), ("b", 4)]


def test_a_plain_submission_time_is_read_in_the_portals_zone_for_ties(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    # 10:30 London (09:30 UTC) is earlier than 10:00 UTC, though it reads later.
    portal.idea("1", "First by UTC", submitted="2026-05-10T10:00:00Z")
    portal.idea("2", "First in fact", submitted="2026-05-10T10:30:00")
    catalog = portal.load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog)
    assert [(idea.id, idea.title) for idea in tally.ideas] == [
        ("2", "First in fact"), ("1", "First by UTC")]


def scorecards(portal: Trial) -> None:
    # Criteria appeal (weight 3) and cost (weight 1), scale 1–5.
    portal.write("reviews/judy.yml", "juror: judy\nscores:\n"
                 "  - idea: '1'\n    criteria:\n      appeal: 5\n      cost: 1\n"
                 "  - idea: '2'\n    criteria:\n      appeal: 3\n      cost: 3\n")
    portal.write("reviews/jack.yml", "juror: jack\nscores:\n"
                 "  - idea: '1'\n    criteria:\n      appeal: 4\n      cost: 4\n")


def test_the_score_blends_votes_and_jury_by_weights_that_need_not_add_up_to_one(
        tmp_path: Path) -> None:
    portal = trial(tmp_path, extra="weights:\n  community: 1\n  jury: 3\n")
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    portal.idea("3", "Jam")
    for voter in ("ada", "bea"):
        portal.ballot(voter, ("1", "2026-07-02T10:00:00Z", "comment", 1))
    portal.ballot("cal", ("2", "2026-07-02T10:00:00Z", "comment", 1))
    scorecards(portal)
    catalog = portal.load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog)
    assert tally.weights == Weights(community=1, jury=3)
    # Idea 1: judy (3×5 + 1×1)/4 = 4, jack (3×4 + 1×4)/4 = 4 → jury 4, J = (4−1)/4 = 0.75;
    # V = 2/2. Score 100 × (1×1 + 3×0.75)/4 = 81.25.
    # Idea 2: judy 3 → J = 0.5; V = 1/2. Score 100 × (0.5 + 1.5)/4 = 50.
    # Idea 3: nothing.
    assert [(i.id, i.title, i.votes, i.jury, i.score, i.rank) for i in tally.ideas] == [
        ("1", "Soup", 2, 4.0, 81.25, 1), ("2", "Bread", 1, 3.0, 50.0, 2),
        ("3", "Jam", 0, None, 0.0, 3)]


def test_without_the_jury_the_score_is_the_votes_alone(tmp_path: Path) -> None:
    portal = trial(tmp_path, extra="weights:\n  community: 1\n  jury: 3\n")
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    portal.ballot("ada", ("2", "2026-07-02T10:00:00Z", "comment", 1))
    scorecards(portal)
    catalog = portal.load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog, with_jury=False)
    assert tally.weights == Weights(community=1, jury=0)
    assert [(i.id, i.votes, i.jury, i.score) for i in tally.ideas] == [
        ("2", 1, None, 100.0), ("1", 0, None, 0.0)]


def test_equal_scores_rank_the_idea_with_more_votes_first(tmp_path: Path) -> None:
    # Weights 1 and 1. Idea 1: V = 1/2, no jury → 25. Idea 2: no votes, jury 3 → J = 0.5 → 25.
    # Idea 3 has the most votes (2), so V for idea 1 is 1/2.
    portal = trial(tmp_path, extra="weights:\n  community: 1\n  jury: 1\n")
    portal.idea("1", "Soup", submitted="2026-05-12T10:00:00Z")
    portal.idea("2", "Bread", submitted="2026-05-11T10:00:00Z")
    portal.idea("3", "Jam")
    portal.ballot("ada", ("1", "2026-07-02T10:00:00Z", "comment", 1),
                  ("3", "2026-07-02T10:00:00Z", "reaction", 1))
    portal.ballot("bea", ("3", "2026-07-02T10:00:00Z", "comment", 1))
    portal.write("reviews/judy.yml", "juror: judy\nscores:\n"
                 "  - idea: '2'\n    criteria:\n      appeal: 3\n      cost: 3\n"
                 "  - idea: '3'\n    criteria:\n      appeal: 1\n      cost: 1\n")
    catalog = portal.load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog)
    assert [(i.id, i.votes, i.score) for i in tally.ideas] == [
        ("3", 2, 50.0), ("1", 1, 25.0), ("2", 0, 25.0)]


def test_a_challenge_without_ideas_tallies_to_nothing(tmp_path: Path) -> None:
    catalog = trial(tmp_path).load()
    tally = tally_challenge(catalog.challenges[SLUG], catalog)
    assert tally.ideas == [] and tally.excluded == []
    assert render_table([tally]) == "trial\n  rank  id       votes  jury  score  title\n" \
                                    "  (no ideas yet)\n"


@pytest.fixture
def published(tmp_path: Path) -> Catalog:
    """The trial after its results, with one vote counted and one excluded."""
    portal = trial(tmp_path)
    portal.idea("1", "Crème, with \"quotes\"")
    portal.idea("2", "=Bread")
    portal.ballot("ada", ("1", "2026-07-02T10:00:00Z", "comment", 1),
                  ("2", "2026-08-02T10:00:00Z", "reaction", 1))
    scorecards(portal)
    return portal.load(now=datetime(2026, 8, 20, tzinfo=UTC))


def test_the_published_tally_counts_the_jury_from_the_results_on(published: Catalog) -> None:
    [after] = tally_catalog(published)
    assert after.challenge == SLUG
    # The portal's weights (mkdocs.yml): community 0.4, jury 0.6. Idea 1: V 1, J 0.75.
    assert [(i.id, i.votes, i.jury, i.score) for i in after.ideas] == [
        ("1", 1, 4.0, 85.0), ("2", 0, 3.0, 30.0)]
    assert after.excluded == [Exclusion("ada", "2", Reason.OUTSIDE_WINDOW, "reaction", 1)]
    assert after.counted.points == {"1": {"ada": 1}, "2": {}}
    during = load_catalog(published.root, now=NOW)
    [voting] = tally_catalog(during)
    assert [(i.id, i.jury, i.score) for i in voting.ideas] == [("1", None, 100.0),
                                                              ("2", None, 0.0)]
    assert tally_catalog(published, only="another") == []
    assert [t.challenge for t in tally_catalog(published, only=SLUG)] == [SLUG]


def test_the_tally_as_json_csv_and_a_table(published: Catalog) -> None:
    tallies = tally_catalog(published)
    assert "Crème" in render_json(tallies)  # text as written, not \u00e8
    assert [json.loads(line) for line in render_json(tallies).splitlines()] == [{
        "challenge": SLUG,
        "ideas": [
            {"id": "1", "title": "Crème, with \"quotes\"", "votes": 1, "jury": 4.0,
             "score": 85.0, "rank": 1},
            {"id": "2", "title": "=Bread", "votes": 0, "jury": 3.0, "score": 30.0, "rank": 2}],
        "excluded": [{"voter": "ada", "idea": "2", "reason": "outside the voting window",
                      "via": "reaction", "points": 1}],
    }]
    assert render_json([]) == ""
    twice = render_json(tallies * 2)
    assert twice == render_json(tallies) * 2 and twice.count("\n") == 2
    assert render_csv(tallies) == (
        "challenge,rank,id,title,votes,jury,score\n"
        'trial,1,1,"Crème, with ""quotes""",1,4,85\n'
        "trial,2,2,'=Bread,0,3,30\n")
    assert render_table(tallies) == (
        "trial\n"
        "  rank  id       votes  jury  score  title\n"
        "     1  1            1  4.00  85.00  Crème, with \"quotes\"\n"
        "     2  2            0  3.00  30.00  =Bread\n"
        "  not counted: 1 vote\n"
        "       1  outside the voting window\n")


def test_a_csv_and_a_table_show_a_missing_jury_score_as_such(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    catalog = portal.load()
    tallies = tally_catalog(catalog)
    assert render_csv(tallies).splitlines()[1] == "trial,1,1,Soup,0,,0"
    assert render_table(tallies).splitlines()[2] == "     1  1            0     -   0.00  Soup"
    assert json.loads(render_json(tallies))["ideas"][0]["jury"] is None


LONDON = ZoneInfo("Europe/London")


def window(**days: str) -> tuple[datetime, datetime | None]:
    return voting_window(Timeline.model_validate(days), LONDON)


def test_the_voting_window_from_each_kind_of_timeline() -> None:
    # Summer: London is UTC+1, so a day starts at 23:00 UTC the day before.
    midnight = datetime(2026, 6, 30, 23, 0, tzinfo=UTC)
    closes = datetime(2026, 7, 31, 23, 0, tzinfo=UTC)
    assert window(ideas_open="2026-06-01", ideas_close="2026-06-30", voting_close="2026-07-31",
                  results="2026-08-10") == (midnight, closes)
    assert window(ideas_open="2026-06-01", ideas_close="2026-07-10", voting_open="2026-07-01",
                  voting_close="2026-07-31", results="2026-08-10") == (midnight, closes)
    # Evergreen, no voting_open: vote while ideas come in, for good.
    assert window(ideas_open="2026-07-01") == (midnight, None)
    assert window(ideas_open="2026-07-01", voting_open="2026-07-05T10:00:00Z") == (
        datetime(2026, 7, 5, 10, 0, tzinfo=UTC), None)


def test_the_stage_at_each_boundary_of_the_timeline() -> None:
    timeline = Timeline.model_validate({
        "ideas_open": "2026-05-01", "ideas_close": "2026-06-30", "voting_close": "2026-07-31",
        "results": "2026-08-10"})
    second = timedelta(seconds=1)
    for moment, stage in [
            (datetime(2026, 4, 30, 23, 0, tzinfo=UTC) - second, Stage.UPCOMING),
            (datetime(2026, 4, 30, 23, 0, tzinfo=UTC), Stage.IDEAS_OPEN),
            (datetime(2026, 6, 30, 23, 0, tzinfo=UTC) - second, Stage.IDEAS_OPEN),
            (datetime(2026, 6, 30, 23, 0, tzinfo=UTC), Stage.VOTING),
            (datetime(2026, 7, 31, 23, 0, tzinfo=UTC), Stage.JUDGING),
            (datetime(2026, 8, 9, 23, 0, tzinfo=UTC) - second, Stage.JUDGING),
            (datetime(2026, 8, 9, 23, 0, tzinfo=UTC), Stage.RESULTS)]:
        assert stage_at(timeline, LONDON, moment) is stage, moment
    evergreen = Timeline.model_validate({"ideas_open": "2026-05-01"})
    assert stage_at(evergreen, LONDON, datetime(2030, 1, 1, tzinfo=UTC)) is Stage.IDEAS_OPEN
    assert Stage.IDEAS_OPEN.label == "Ideas open"


def test_a_vote_by_ballot_counts_from_the_moment_it_entered_the_branch(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    # The voter wrote 1 June; the merge brought the vote in on 2 July at 09:00 UTC.
    portal.ballot("bea", ("1", "2026-06-01T10:00:00Z", "ballot", 1))
    moment = "2026-07-02T09:00:00Z"
    env = {**os.environ, "GIT_COMMITTER_DATE": moment, "GIT_AUTHOR_DATE": moment}
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    for arguments in (("add", "-A"), ("-c", "user.name=Owner", "-c", "user.email=o@example.com",
                                      "commit", "--quiet", "-m", "A ballot")):
        subprocess.run(["git", *arguments], cwd=tmp_path, env=env, check=True,
                       capture_output=True)
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"bea": 1}}
    assert counted.moments == {"1": {"bea": datetime(2026, 7, 2, 9, 0, tzinfo=UTC)}}


def test_approval_counts_one_point_whatever_the_ballot_says(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.ballot("bea", ("1", "2026-07-02T10:00:00Z", "comment", 3))
    catalog = portal.load()
    assert apply_rules(catalog.challenges[SLUG], catalog).points == {"1": {"bea": 1}}


def test_a_thumbs_up_given_before_voting_opened_counts_a_comment_does_not(
        tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.ballot("ada", ("1", "2026-06-20T10:00:00Z", "reaction", 1))
    portal.ballot("bea", ("1", "2026-06-20T10:00:00Z", "comment", 1))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"ada": 1}}
    assert [(e.voter, e.reason) for e in counted.excluded] == [("bea", Reason.OUTSIDE_WINDOW)]


def test_before_its_first_status_change_an_idea_is_submitted(tmp_path: Path) -> None:
    portal = trial(tmp_path, "  method: approval\n  open_statuses: [submitted]\n")
    portal.idea("1", "Soup", extra="status: published\nhistory:\n"
                "  - status: published\n    at: 2026-07-10T12:00:00Z\n")
    portal.ballot("ada", ("1", "2026-07-02T10:00:00Z", "comment", 1))
    portal.ballot("bea", ("1", "2026-07-10T12:00:00Z", "comment", 1))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"ada": 1}}
    assert [(e.voter, e.reason) for e in counted.excluded] == [("bea", Reason.NOT_OPEN)]


def test_a_vote_for_an_idea_that_does_not_exist_is_excluded(tmp_path: Path) -> None:
    # validate refuses such a ballot; the rules still never count the vote.
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    catalog = portal.load()
    add_unchecked_ballot(catalog, ballot_text("bea", ("9", "2026-07-02T10:00:00Z", "comment", 1),
                                              ("1", "2026-07-02T10:00:00Z", "comment", 1)),
                         "bea")
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.points == {"1": {"bea": 1}}
    assert counted.excluded == [Exclusion("bea", "9", Reason.UNKNOWN_IDEA, "comment", 1)]


def test_votes_not_on_the_branch_are_judged_after_the_others(tmp_path: Path) -> None:
    portal = trial(tmp_path)
    portal.idea("1", "Soup")
    portal.idea("2", "Bread")
    portal.ballot("bea", ("1", "2026-07-02T10:00:00Z", "ballot", 1),
                  ("2", "2026-06-02T10:00:00Z", "comment", 1))
    catalog = portal.load()
    counted = apply_rules(catalog.challenges[SLUG], catalog)
    assert counted.excluded == [Exclusion("bea", "2", Reason.OUTSIDE_WINDOW, "comment", 1),
                                Exclusion("bea", "1", Reason.NOT_MERGED, "ballot", 1)]
