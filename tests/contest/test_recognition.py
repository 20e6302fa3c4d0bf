"""Points, badges and results pages, recomputed here from the files on their own."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.portal.loader import read_yaml
from tests.support import EXAMPLE_NOW, REPO

PUBLISHED = {"published", "shortlisted", "piloting", "implemented"}
SHORTLISTED = {"shortlisted", "piloting", "implemented"}
PILOTED = {"piloting", "implemented"}
POINTS = {"published_idea": 10, "vote_received": 1, "shortlisted": 20, "piloted": 40,
          "implemented": 80, "winner": 100, "vote_cast": 1}  # the settings' defaults


def files(kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(challenge, data with its file's name as `id`) for every file of a kind."""
    return [(path.parent.parent.name, {**read_yaml(path, path.name).data, "id": path.stem})
            for path in sorted((REPO / "challenges").glob(f"*/{kind}/*.yml"))]


def tallies() -> dict[str, dict[str, Any]]:
    out = CliRunner().invoke(cli, ["--root", str(REPO), "--now", EXAMPLE_NOW.isoformat(),
                                   "tally", "--format", "json"]).stdout
    return {t["challenge"]: t for t in map(json.loads, out.splitlines())}


def statuses(idea: dict[str, Any]) -> set[str]:
    return {idea["status"], *(change["status"] for change in idea.get("history", []))}


def expected_points() -> dict[str, int]:
    tally = tallies()
    points: dict[str, int] = {}
    for slug, idea in files("ideas"):
        votes = next(i["votes"] for i in tally[slug]["ideas"] if i["id"] == idea["id"])
        reached = statuses(idea)
        earned = (POINTS["published_idea"] * bool(reached & PUBLISHED)
                  + POINTS["vote_received"] * votes
                  + POINTS["shortlisted"] * bool(reached & SHORTLISTED)
                  + POINTS["piloted"] * bool(reached & PILOTED)
                  + POINTS["implemented"] * ("implemented" in reached)
                  + POINTS["winner"] * ("prize" in idea))
        for login in [idea["author"], *idea.get("coauthors", [])]:
            points[login] = points.get(login, 0) + earned
    for slug, ballot in files("votes"):
        voted = {vote["idea"] for vote in ballot["votes"]}
        left_out = {e["idea"] for e in tally[slug]["excluded"] if e["voter"] == ballot["voter"]
                    and not e["reason"].startswith("replaced")}
        points[ballot["voter"]] = points.get(ballot["voter"], 0) + \
            POINTS["vote_cast"] * len(voted - left_out)
    return points


def page_text(site: Path, path: str) -> str:
    raw = (site / path).read_text("utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_every_contributors_points_are_recomputed_from_the_files(built_site: Path) -> None:
    expected = expected_points()
    table = page_text(built_site, "people/index.html")
    for login, points in expected.items():
        if points == 0:
            continue
        assert re.search(rf"@{re.escape(login)} (?:\S+ )*?{points}\b", table) or \
            f"{points} points" in page_text(built_site, f"people/{login}/index.html"), login
        person = page_text(built_site, f"people/{login}/index.html")
        assert f"{points} points" in person, (login, points)


def test_badges_follow_from_the_files(built_site: Path) -> None:
    ideas = files("ideas")
    for login in {idea["author"] for _, idea in ideas}:
        mine = [idea for _, idea in ideas if login in [idea["author"], *idea.get("coauthors", [])]]
        page = page_text(built_site, f"people/{login}/index.html")
        assert ("had an idea win a prize" in page) == any("prize" in idea for idea in mine), login
        assert ("had an idea shortlisted by a jury" in page) == any(
            statuses(idea) & SHORTLISTED for idea in mine), login
        assert ("had an idea put into practice" in page) == any(
            "implemented" in statuses(idea) for idea in mine), login


def test_the_results_page_has_winners_jury_comments_and_the_funnel(built_site: Path) -> None:
    ideas = [idea for slug, idea in files("ideas") if slug == "winter-menu-2026"]
    page = page_text(built_site, "challenges/winter-menu-2026/results/index.html")
    for idea in ideas:
        if "prize" in idea:
            assert idea["prize"] in page
    reached = [statuses(idea) for idea in ideas]
    published = sum(bool(r & PUBLISHED) for r in reached)
    shortlisted = sum(bool(r & SHORTLISTED) for r in reached)
    declined = sum(idea["status"] == "declined" for idea in ideas)
    assert (f"{len(ideas)} ideas submitted. Of them: published, {published}; shortlisted, "
            f"{shortlisted};") in page
    assert f"declined, {declined};" in page
    comments = [score["comment"] for _, card in files("reviews") for score in card["scores"]
                if "comment" in score]
    assert comments and all(" ".join(c.split())[:40] in page for c in comments)


@pytest.mark.parametrize("slug", ["zero-waste-packaging", "neighbourhood-events"])
def test_there_is_no_results_page_before_the_results(built_site: Path, slug: str) -> None:
    assert not (built_site / "challenges" / slug / "results").exists()


def test_the_innovator_of_each_month_is_listed(built_site: Path) -> None:
    page = page_text(built_site, "people/index.html")
    assert "Innovator of the month" in page
    assert "March 2026 @ines-duarte" in page  # the winning loaf was published in March
