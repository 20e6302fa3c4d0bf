"""Every voting rule at its boundary, on small made-up portals: each answer is written
out by hand here, and `cocreate tally` and the independent oracle (tests/support/oracle.py)
must both give it. The example portal and the golden fixture are compared too."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.contest.people import gather_contributors
from generator.contest.tally import tally_challenge
from generator.models import Ballot
from generator.models.stages import Stage
from generator.portal.catalog import Source
from generator.portal.loader import parse_yaml
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW, TESTS, oracle

FIXTURE = TESTS / "fixtures" / "portal"
SLUG = "boundary"
# Ideas open 2027-01-01, close at the end of 2027-01-31: voting opens 2027-02-01 00:00 UTC
# and closes at the end of 2027-02-14, at 2027-02-15 00:00 UTC.
OPENS = "2027-02-01T00:00:00Z"
CLOSES = "2027-02-15T00:00:00Z"
DURING = datetime(2027, 2, 20, tzinfo=UTC)  # judging: votes alone rank
AT_RESULTS = datetime(2027, 3, 2, tzinfo=UTC)


def tally_json(root: Path, now: datetime) -> dict[str, dict[str, Any]]:
    """`cocreate tally --format json`, by challenge."""
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", now.isoformat(),
                                      "tally", "--format", "json"])
    assert result.exit_code == 0, result.output
    return {t["challenge"]: t for t in map(json.loads, result.stdout.splitlines())}


def rows(ranking: list[dict[str, Any]]) -> list[tuple[str, int, float | None, float, int]]:
    return [(r["id"], r["votes"], r["jury"], r["score"], r["rank"]) for r in ranking]


def exclusions(items: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted(items)


def assert_agrees(root: Path, now: datetime) -> dict[str, dict[str, Any]]:
    """The tally's ranking and exclusions are the oracle's, challenge by challenge."""
    tallies = tally_json(root, now)
    portal = oracle.load(root)
    assert set(tallies) == set(portal.challenges)
    for slug, published in tallies.items():
        recount = oracle.tally(portal, slug, now)
        assert rows(published["ideas"]) == rows(recount.ranking), slug
        assert sorted((e["voter"], e["idea"], e["reason"], e["via"], e["points"])
                      for e in published["excluded"]) == sorted(
            (f.voter, f.idea, f.reason, f.via, f.points) for f in recount.excluded()), slug
    return tallies


def code_points(root: Path, now: datetime) -> dict[str, int]:
    """Each contributor's points as the site computes them."""
    catalog = load_catalog(root, now=now)
    tallies = {slug: tally_challenge(folder, catalog,
                                     with_jury=catalog.stage_of(slug) is Stage.RESULTS)
               for slug, folder in catalog.challenges.items()}
    people = gather_contributors(catalog, tallies,
                                 {slug: t.counted for slug, t in tallies.items()})
    return {login: person.points for login, person in people.items()}


@pytest.mark.parametrize("root", [EXAMPLE, FIXTURE], ids=["example", "fixture"])
def test_the_tally_is_the_oracles_on_the_example_and_the_fixture(root: Path) -> None:
    tallies = assert_agrees(root, EXAMPLE_NOW)
    assert tallies  # both portals have challenges to compare


def test_the_example_has_votes_of_every_kind_to_compare() -> None:
    """The comparison above is only as good as what the example holds."""
    portal = oracle.load(EXAMPLE)
    reasons = {fate.reason for slug in portal.challenges
               for fate in oracle.fates(portal, slug)}
    assert {None, oracle.TOO_NEW, oracle.NOT_OPEN, oracle.SELF_VOTE} <= reasons


@pytest.mark.parametrize("root", [EXAMPLE, FIXTURE], ids=["example", "fixture"])
def test_contributors_points_are_the_oracles(root: Path) -> None:
    points = code_points(root, EXAMPLE_NOW)
    expected = oracle.contributor_points(oracle.load(root), EXAMPLE_NOW)
    assert points == expected
    assert sum(points.values()) > 0


# -- small portals -------------------------------------------------------------------


def idea(number: int, submitted: str = "2027-01-05T10:00:00Z", author: str = "ann",
         status: str = "published", history: str = "") -> str:
    history = history or f"  - status: {status}\n    at: 2027-01-20T10:00:00Z\n"
    return (f"title: Idea {number}\nchallenge: {SLUG}\nauthor: {author}\nsegment: customer\n"
            f"submitted: {submitted}\nsummary: Idea number {number}.\nproblem: A problem.\n"
            f"proposal: A proposal.\nstatus: {status}\nhistory:\n{history}issue: {number}\n")


def ballot(voter: str, *votes: tuple[str, str, str, int], extra: str = "") -> str:
    """votes: (idea, at, via, points)."""
    lines = [f"voter: {voter}\n{extra}votes:\n"]
    lines += [f"  - idea: '{i}'\n    at: {at}\n    via: {via}\n    points: {points}\n"
              for i, at, via, points in votes]
    return "".join(lines)


def make_portal(root: Path, ideas: dict[int, str], ballots: dict[str, str],
                voting: str = "", reviews: dict[str, str] | None = None) -> Path:
    """A one-challenge portal in UTC, written out file by file, that `validate` passes."""
    files = {
        "mkdocs.yml": "site_name: Boundaries\nplugins:\n  - cocreate:\n"
                      "      organisation: Boundary Bakery\n      time_zone: UTC\n",
        f"challenges/{SLUG}/challenge.yml": (
            "title: Boundaries\nsummary: Every rule at its edge.\nbrief: Test.\n"
            "sponsor:\n  name: Ada\n  role: Owner\n"
            "timeline:\n  ideas_open: 2027-01-01\n  ideas_close: 2027-01-31\n"
            "  voting_close: 2027-02-14\n  results: 2027-03-01\n"
            "eligibility: Anyone.\ncriteria:\n  - id: taste\n    name: Taste\n    weight: 3\n"
            "  - id: cost\n    name: Cost\n    weight: 1\njury: [jo, kim]\n" + voting),
    }
    files |= {f"challenges/{SLUG}/ideas/{n}.yml": text for n, text in ideas.items()}
    files |= {f"challenges/{SLUG}/votes/{name}.yml": text for name, text in ballots.items()}
    files |= {f"challenges/{SLUG}/reviews/{name}.yml": text
              for name, text in (reviews or {}).items()}
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "validate"])
    assert result.exit_code == 0, result.output
    return root


def fates_of(root: Path, now: datetime = DURING) -> list[tuple[str, str, str]]:
    """(voter, idea, reason) of each vote left out, once the oracle agrees."""
    published = assert_agrees(root, now)[SLUG]
    return exclusions([(e["voter"], e["idea"], e["reason"]) for e in published["excluded"]])


def votes_of(root: Path, now: datetime = DURING) -> dict[str, int]:
    return {row["id"]: row["votes"] for row in tally_json(root, now)[SLUG]["ideas"]}


def test_a_vote_at_the_opening_second_counts_and_one_a_second_earlier_does_not(
        tmp_path: Path) -> None:
    root = make_portal(tmp_path, {1: idea(1)}, {
        "early": ballot("early", ("1", "2027-01-31T23:59:59Z", "comment", 1)),
        "opening": ballot("opening", ("1", OPENS, "comment", 1)),
        # A 👍 given before voting opened and still there counts (README, the tally).
        "thumb": ballot("thumb", ("1", "2027-01-25T08:00:00Z", "reaction", 1)),
    })
    assert fates_of(root) == [("early", "1", "outside the voting window")]
    assert votes_of(root) == {"1": 2}


def test_a_vote_at_the_closing_second_does_not_count_and_one_a_second_earlier_does(
        tmp_path: Path) -> None:
    root = make_portal(tmp_path, {1: idea(1)}, {
        "last": ballot("last", ("1", "2027-02-14T23:59:59Z", "comment", 1)),
        "closing": ballot("closing", ("1", CLOSES, "comment", 1)),
        "thumb": ballot("thumb", ("1", CLOSES, "reaction", 1)),
    })
    assert fates_of(root) == [("closing", "1", "outside the voting window"),
                              ("thumb", "1", "outside the voting window")]
    assert votes_of(root) == {"1": 1}


def commit_at(root: Path, when: str) -> None:
    """Commit everything on the default branch, at `when` (a first-parent commit)."""
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for arguments in (["add", "-A"], ["commit", "--quiet", "-m", f"At {when}"]):
        subprocess.run(["git", "-c", "user.name=Owner", "-c", "user.email=o@example.com",
                        *arguments], cwd=root, check=True, env=environment,
                       capture_output=True)


def test_a_vote_by_ballot_counts_from_its_merge_at_the_window_edges(tmp_path: Path) -> None:
    root = make_portal(tmp_path, {1: idea(1)}, {})
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main"], cwd=root, check=True)
    commit_at(root, "2027-01-10T10:00:00Z")
    (root / f"challenges/{SLUG}/votes").mkdir()
    merges = {"early": "2027-01-31T23:59:59Z", "opening": OPENS,
              "last": "2027-02-14T23:59:59Z", "closing": CLOSES}
    for voter, when in merges.items():  # each ballot's own `at` says the middle of voting
        (root / f"challenges/{SLUG}/votes/{voter}.yml").write_text(
            ballot(voter, ("1", "2027-02-07T12:00:00Z", "ballot", 1)), "utf-8")
        commit_at(root, when)
    (root / f"challenges/{SLUG}/votes/pending.yml").write_text(
        ballot("pending", ("1", "2027-02-07T12:00:00Z", "ballot", 1)), "utf-8")
    published = tally_json(root, DURING)[SLUG]
    merged = {(SLUG, voter, "1", 1): datetime.fromisoformat(when)
              for voter, when in merges.items()}
    recount = oracle.tally(oracle.load(root), SLUG, DURING, merged)
    expected = [("closing", "1", "outside the voting window"),
                ("early", "1", "outside the voting window"),
                ("pending", "1", "not yet on the default branch")]
    assert sorted((e["voter"], e["idea"], e["reason"]) for e in published["excluded"]) == \
        sorted((f.voter, f.idea, f.reason) for f in recount.excluded()) == expected
    assert rows(published["ideas"]) == rows(recount.ranking) == [("1", 2, None, 100.0, 1)]


def test_a_vote_at_the_second_of_a_status_change_is_judged_by_the_new_status(
        tmp_path: Path) -> None:
    published = ("  - status: published\n    at: 2027-02-05T12:00:00Z\n"
                 "  - status: declined\n    at: 2027-02-10T12:00:00Z\n")
    root = make_portal(tmp_path, {1: idea(1, status="declined", history=published)}, {
        "before-publishing": ballot("before-publishing", ("1", "2027-02-05T11:59:59Z",
                                                          "comment", 1)),
        "publishing": ballot("publishing", ("1", "2027-02-05T12:00:00Z", "comment", 1)),
        "before-declining": ballot("before-declining", ("1", "2027-02-10T11:59:59Z",
                                                        "comment", 1)),
        "declining": ballot("declining", ("1", "2027-02-10T12:00:00Z", "comment", 1)),
    })
    assert fates_of(root) == [("before-publishing", "1", "idea not open for votes"),
                              ("declining", "1", "idea not open for votes")]
    assert votes_of(root) == {"1": 2}


def test_an_account_exactly_the_minimum_age_counts_and_a_second_younger_does_not(
        tmp_path: Path) -> None:
    vote = ("1", "2027-02-02T10:00:00Z", "comment", 1)
    root = make_portal(tmp_path, {1: idea(1)}, {
        # 30 days of 24 hours before voting opened at 2027-02-01 00:00 UTC.
        "exactly": ballot("exactly", vote, extra="account_created: 2027-01-02T00:00:00Z\n"),
        "younger": ballot("younger", vote, extra="account_created: 2027-01-02T00:00:01Z\n"),
        "unknown": ballot("unknown", vote),
    }, voting="voting:\n  min_account_age_days: 30\n")
    assert fates_of(root) == [("unknown", "1", "account age unknown"),
                              ("younger", "1", "account too new")]
    assert votes_of(root) == {"1": 1}


def test_a_budget_spent_exactly_counts_and_the_limit_per_idea_is_inclusive(
        tmp_path: Path) -> None:
    root = make_portal(tmp_path, {1: idea(1), 2: idea(2), 3: idea(3)}, {
        # 3 + 2 spends the budget of 5 exactly; the third vote, cast last, is over it.
        "spender": ballot("spender", ("3", "2027-02-03T10:00:00Z", "comment", 1),
                          ("1", "2027-02-02T10:00:00Z", "comment", 3),
                          ("2", "2027-02-02T11:00:00Z", "comment", 2)),
        # 4 is over the limit of 3 and spends nothing: the 3 + 2 after it fit exactly.
        "greedy": ballot("greedy", ("1", "2027-02-02T10:00:00Z", "comment", 4),
                         ("2", "2027-02-02T11:00:00Z", "comment", 3),
                         ("3", "2027-02-02T12:00:00Z", "comment", 2)),
    }, voting="voting:\n  method: budget\n  budget: 5\n  max_per_idea: 3\n")
    assert fates_of(root) == [("greedy", "1", "over the limit per idea"),
                              ("spender", "3", "over budget")]
    assert votes_of(root) == {"1": 3, "2": 5, "3": 2}


def test_a_replaced_vote_counts_once_with_its_latest_points(tmp_path: Path) -> None:
    root = make_portal(tmp_path, {1: idea(1), 2: idea(2)}, {
        "changer": ballot("changer", ("1", "2027-02-03T10:00:00Z", "comment", 1),
                          ("1", "2027-02-02T10:00:00Z", "reaction", 2),
                          ("2", "2027-02-02T10:00:00Z", "reaction", 2)),
    }, voting="voting:\n  method: budget\n  budget: 3\n")
    # In the order cast: the 👍 of 2 for idea 1 is replaced by the later /vote of 1, so
    # it spends nothing and 2 + 1 fit the budget of 3.
    assert fates_of(root) == [("changer", "1", "replaced by a later vote for the same idea")]
    assert votes_of(root) == {"1": 1, "2": 2}


def test_self_votes_bots_and_deleted_accounts_do_not_count(tmp_path: Path) -> None:
    # (An unknown idea and two ballots of one account never reach the tally's command:
    # `validate` refuses them first, and every command checks the portal.)
    vote = ("1", "2027-02-02T10:00:00Z", "comment", 1)
    root = make_portal(tmp_path, {1: idea(1, author="ann"), 2: idea(2, author="bea")}, {
        "ann": ballot("ann", vote, ("2", "2027-02-02T10:00:00Z", "comment", 1)),
        "robot": ballot("robot", vote, extra="bot: true\n"),
        "ghost": ballot("ghost", vote),
    })
    assert fates_of(root) == [("ann", "1", "self-vote"), ("ghost", "1", "bot or deleted account"),
                              ("robot", "1", "bot or deleted account")]
    assert votes_of(root) == {"1": 0, "2": 1}


def test_what_validate_refuses_still_counts_once_past_it(tmp_path: Path) -> None:
    """A vote for an unknown idea, and two ballots of one account: `validate` refuses
    them, but the tally, wherever it meets them, must still count each account once."""
    root = make_portal(tmp_path, {1: idea(1), 2: idea(2)}, {
        "una": ballot("una", ("1", "2027-02-02T10:00:00Z", "comment", 1)),
    })
    catalog = load_catalog(root, now=DURING)
    extra = {
        "lost": ballot("lost", ("9", "2027-02-02T10:00:00Z", "comment", 1)),
        # One account (id 7) under two logins: old-name's /vote is its latest vote, as
        # new-name's vote by ballot is not merged (its `at`, later, is never read).
        "old-name": ballot("old-name", ("1", "2027-02-03T09:00:00Z", "comment", 1),
                           extra="account_id: 7\n"),
        "new-name": ballot("new-name", ("2", "2027-02-02T09:00:00Z", "comment", 1),
                           ("1", "2027-02-09T09:00:00Z", "ballot", 1), extra="account_id: 7\n"),
    }
    folder = catalog.challenges[SLUG]
    for name, text in extra.items():
        relative = f"challenges/{SLUG}/votes/{name}.yml"
        (root / relative).write_text(text, "utf-8")
        document = parse_yaml(text, relative)
        folder.ballots[name] = Source(Ballot.model_validate(document.data), document)
    tally = tally_challenge(folder, catalog)
    recount = oracle.tally(oracle.load(root), SLUG, DURING)
    assert sorted((e.voter, e.idea, e.reason) for e in tally.excluded) == sorted(
        (f.voter, f.idea, f.reason) for f in recount.excluded()) == [
        ("lost", "9", "unknown idea"),
        ("new-name", "1", "another ballot of the same account counts"),
        ("new-name", "2", "another ballot of the same account counts")]
    assert [(r.id, r.votes, r.rank) for r in tally.ideas] == [
        (r["id"], r["votes"], r["rank"]) for r in recount.ranking] == [("1", 2, 1), ("2", 0, 2)]


def test_ties_go_to_the_earlier_submission_before_the_lower_number(tmp_path: Path) -> None:
    vote = "2027-02-02T10:00:00Z"
    root = make_portal(tmp_path, {
        5: idea(5, submitted="2027-01-09T10:00:00Z"),
        7: idea(7, submitted="2027-01-08T10:00:00Z"),  # later number, earlier submission
        9: idea(9, submitted="2027-01-10T10:00:00Z"),
        10: idea(10, submitted="2027-01-10T10:00:00Z"),  # same moment: the lower number
    }, {name: ballot(name, *[(str(n), vote, "comment", 1) for n in (5, 7, 9, 10)])
        for name in ("una", "vic")})
    ranking = assert_agrees(root, DURING)[SLUG]["ideas"]
    assert [(r["id"], r["votes"], r["score"], r["rank"]) for r in ranking] == [
        ("7", 2, 100.0, 1), ("5", 2, 100.0, 2), ("9", 2, 100.0, 3), ("10", 2, 100.0, 4)]


def test_equal_scores_go_to_more_votes_whatever_the_submission_and_number(
        tmp_path: Path) -> None:
    vote = "2027-02-02T10:00:00Z"
    root = make_portal(tmp_path, {
        1: idea(1, submitted="2027-01-02T10:00:00Z"),  # earlier and lower: fewer votes
        2: idea(2, submitted="2027-01-03T10:00:00Z"),
    }, {
        "una": ballot("una", ("1", vote, "comment", 1), ("2", vote, "comment", 1)),
        "vic": ballot("vic", ("2", vote, "comment", 1)),
    }, reviews={
        # Idea 1: jo (5×3 + 1×1) ÷ 4 = 4, kim 2: jury 3, J = (3 − 1) ÷ 4 = 0.5.
        "jo": "juror: jo\nscores:\n  - idea: '1'\n    criteria: {taste: 5, cost: 1}\n",
        "kim": "juror: kim\nscores:\n  - idea: '1'\n    criteria: {taste: 2, cost: 2}\n",
    })
    # Idea 2: V = 2 ÷ 2 = 1, no jury: 100 × (0.5 × 1 + 0.5 × 0) = 50.
    # Idea 1: V = 1 ÷ 2, J = 0.5: 100 × (0.5 × 0.5 + 0.5 × 0.5) = 50.
    ranking = assert_agrees(root, AT_RESULTS)[SLUG]["ideas"]
    assert rows(ranking) == [("2", 2, None, 50.0, 1), ("1", 1, 3.0, 50.0, 2)]
    # Before the results the jury does not count: the score is 100 × V.
    assert rows(assert_agrees(root, DURING)[SLUG]["ideas"]) == [
        ("2", 2, None, 100.0, 1), ("1", 1, None, 50.0, 2)]


def test_points_follow_the_counted_votes_on_a_small_portal(tmp_path: Path) -> None:
    vote = "2027-02-02T10:00:00Z"
    root = make_portal(tmp_path, {1: idea(1, author="ann"), 2: idea(2, author="bea")}, {
        "una": ballot("una", ("1", vote, "comment", 1), ("2", vote, "comment", 1)),
        "ann": ballot("ann", ("1", vote, "comment", 1), ("2", vote, "comment", 1)),
    })
    expected = {"ann": 10 + 1 + 1, "bea": 10 + 2, "una": 2, "jo": 0, "kim": 0}
    assert code_points(root, DURING) == expected
    assert oracle.contributor_points(oracle.load(root), DURING) == expected
