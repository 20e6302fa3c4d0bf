"""Points, badges and results pages, recomputed from the files by the independent oracle
(tests/support/oracle.py) and plain PyYAML."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import EXAMPLE, EXAMPLE_NOW, oracle, people_with_pages

PUBLISHED = {"published", "shortlisted", "piloting", "implemented"}
SHORTLISTED = {"shortlisted", "piloting", "implemented"}


def files(kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(challenge, data with its file's name as `id`) for every file of a kind, read with
    plain PyYAML."""
    found = [(path.parent.parent.name, {**yaml.safe_load(path.read_text("utf-8")),
                                        "id": path.stem})
             for path in sorted((EXAMPLE / "challenges").glob(f"*/{kind}/*.yml"))]
    assert found, kind
    return found


def statuses(idea: dict[str, Any]) -> set[str]:
    return {idea["status"], *(change["status"] for change in idea.get("history", []))}


def page_text(site: Path, path: str) -> str:
    raw = (site / path).read_text("utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def leaderboard(site: Path) -> dict[str, int]:
    """The all-time leaderboard's points, by login, from its rows."""
    raw = (site / "people/index.html").read_text("utf-8")
    table = raw[raw.index('id="all-time-leaderboard"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r'<tr>.*?@([\w-]+)(?:</a>)?</td>.*?<td [^>]*data-label="Points">(\d+)</td>',
                      table)  # someone who only voted is named without a link
    return {login.lower(): int(points) for login, points in rows}


def test_every_contributors_points_are_the_oracles(built_site: Path) -> None:
    expected = oracle.contributor_points(oracle.load(EXAMPLE), EXAMPLE_NOW)
    assert sum(expected.values()) > 500  # points of every kind to compare
    assert leaderboard(built_site) == expected
    for login in people_with_pages(EXAMPLE):  # someone who only voted has none
        points = expected[login]
        person = page_text(built_site, f"people/{login}/index.html")
        assert f"{points} points" in person, (login, points)


def test_badges_follow_from_the_files(built_site: Path) -> None:
    ideas = files("ideas")
    with_pages = people_with_pages(EXAMPLE)
    for login in {idea["author"] for _, idea in ideas} & with_pages:  # one idea makes none
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
    found = re.findall(r"<td>(\w+ \d{4})</td><td[^>]*>(<a [^>]*>)?@([\w-]+)(?:</a>)?</td>"
                       r'<td [^>]*data-label="Points">(\d+)</td>',
                       (built_site / "people/index.html").read_text("utf-8"))
    # linked if they have a page of their own, named without a link if not
    assert {login for _, link, login, _ in found if link} == {
        login for _, _, login, _ in found} & people_with_pages(EXAMPLE)
    expected = oracle.innovators(oracle.load(EXAMPLE), EXAMPLE_NOW)
    assert {(datetime.strptime(month, "%B %Y").strftime("%Y-%m"), login, int(points))
            for month, _, login, points in found} == {
        (month, login, points) for month, (login, points) in expected.items()}
