"""The insights pages and their charts, checked against figures recomputed from the files.

The expected numbers are worked out here from the YAML with plain `yaml.safe_load`,
not with the portal's loader, and compared with the table on the built page and
with the values the SVG chart carries for each bar.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import EXAMPLE, EXAMPLE_NOW, oracle
from tests.support.elsewhere import in_another_process

SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
STATUSES = ["submitted", "published", "shortlisted", "piloting", "implemented"]
ENDINGS = ["declined", "duplicate", "withdrawn"]
SEGMENTS = ["customer", "employee", "supplier", "partner", "other"]
# Where a status counts as reached: it, or any status further along.
FURTHER = {status: set(STATUSES[index:]) for index, status in enumerate(STATUSES)}
SCOPES = [None, "winter-menu-2026", "zero-waste-packaging"]


def plugin_settings() -> dict[str, Any]:
    settings = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text("utf-8"))
    return next(plugin["cocreate"] for plugin in settings["plugins"]
                if isinstance(plugin, dict) and "cocreate" in plugin)


ZONE = ZoneInfo(plugin_settings()["time_zone"])


def moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZONE)
    return datetime(value.year, value.month, value.day, tzinfo=ZONE)


def monday(value: date | datetime) -> date:
    day = moment(value).astimezone(ZONE).date()
    return day - timedelta(days=day.weekday())


def read_ideas(scope: str | None) -> list[dict[str, Any]]:
    challenges = EXAMPLE / "challenges"
    folders = [challenges / scope] if scope else sorted(challenges.iterdir())
    return [yaml.safe_load(file.read_text("utf-8"))
            for folder in folders for file in sorted((folder / "ideas").glob("*.yml"))]


def counted_vote_moments(scope: str | None) -> list[tuple[datetime, int]]:
    """When each counted vote was cast and the points it adds, as the independent oracle
    (tests/support/oracle.py) recounts them: like the leaderboard's, votes are points (more than 1
    in budget voting)."""
    portal = oracle.load(EXAMPLE)
    slugs = [scope] if scope else sorted(portal.challenges)
    moments = [(fate.at, fate.counted) for slug in slugs for fate in oracle.fates(portal, slug)
               if fate.reason is None and fate.at is not None]
    assert moments  # every scope tested has counted votes
    return moments


def page_of(site: Path, scope: str | None) -> str:
    folder = f"challenges/{scope}/insights" if scope else "insights"
    return (site / folder / "index.html").read_text("utf-8")


def chart_of(site: Path, scope: str | None, name: str) -> ET.Element:
    folder = f"challenges/{scope}/insights" if scope else "insights"
    return ET.parse(site / folder / f"{name}.svg").getroot()


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, each cell's text."""
    start = page.index(f"<caption>{caption}</caption>")
    body = page[page.index("<tbody>", start):page.index("</tbody>", start)]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in
             re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def chart_values(root: ET.Element) -> list[list[tuple[str, str]]]:
    """Each series' bars as (label, value), in the order the chart draws them."""
    series = {}
    for group in root.iter(f"{SVG}g"):
        bars = group.find(f"{SVG}g[@class='bars']")
        found = re.match(r"series serie-(\d+)", group.get("class", ""))
        if found and bars is not None:
            series[int(found[1])] = [(bar.findtext(f"{SVG}desc[@class='x_label']") or "",
                                      bar.findtext(f"{SVG}desc[@class='value']") or "")
                                     for bar in bars]
    return [series[index] for index in sorted(series)]


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"  # as en_GB writes it: 2 March 2026


@pytest.mark.parametrize("scope", SCOPES)
def test_ideas_and_votes_per_week_match_the_files(built_site: Path, scope: str | None) -> None:
    ideas = Counter(monday(idea["submitted"]) for idea in read_ideas(scope))
    votes: Counter[date] = Counter()
    for at, points in counted_vote_moments(scope):
        votes[monday(at)] += points
    first, last = min(ideas | votes), max(ideas | votes)
    weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    expected = [[long_day(week), str(ideas[week]), str(votes[week])] for week in weeks]
    assert table_rows(page_of(built_site, scope), "Ideas and votes per week, in numbers") == \
        expected
    drawn = chart_values(chart_of(built_site, scope, "activity"))
    assert [[value for _, value in series] for series in drawn] == [
        [str(ideas[week]) for week in weeks], [str(votes[week]) for week in weeks]]


@pytest.mark.parametrize("scope", SCOPES)
def test_the_funnel_matches_the_files(built_site: Path, scope: str | None) -> None:
    ideas = read_ideas(scope)

    def statuses(idea: dict[str, Any]) -> set[str]:
        return {idea.get("status", "submitted")} | {step["status"]
                                                   for step in idea.get("history", [])}

    counts = {status: sum(bool(statuses(idea) & FURTHER[status]) for idea in ideas)
              for status in STATUSES}
    counts["submitted"] = len(ideas)
    counts |= {ending: sum(idea.get("status") == ending for idea in ideas) for ending in ENDINGS}
    rows = table_rows(page_of(built_site, scope), "The idea funnel, in numbers")
    assert [(label, number) for label, number, _ in rows] == [
        (status.capitalize(), str(counts[status])) for status in STATUSES + ENDINGS]
    assert [f"{round(100 * counts[status] / len(ideas))}%"
            for status in STATUSES + ENDINGS] == [share for _, _, share in rows]
    (drawn,) = chart_values(chart_of(built_site, scope, "funnel"))
    assert drawn == [(status.capitalize(), str(counts[status]))
                     for status in reversed(STATUSES + ENDINGS)]


@pytest.mark.parametrize("scope", SCOPES)
def test_the_top_tags_match_the_files(built_site: Path, scope: str | None) -> None:
    used = Counter(tag for idea in read_ideas(scope) for tag in set(idea.get("tags", [])))
    top = sorted(used.items(), key=lambda item: (-item[1], item[0]))[:10]
    expected = [[tag, str(count)] for tag, count in top]
    assert table_rows(page_of(built_site, scope), "Top tags, in numbers") == expected
    (drawn,) = chart_values(chart_of(built_site, scope, "tags"))
    assert [list(bar) for bar in reversed(drawn)] == expected


@pytest.mark.parametrize("scope", SCOPES)
def test_participation_by_segment_matches_the_files(built_site: Path, scope: str | None) -> None:
    ideas = read_ideas(scope)
    expected = [[segment.capitalize(),
                 str(sum(idea["segment"] == segment for idea in ideas)),
                 str(len({idea["author"].lower() for idea in ideas
                          if idea["segment"] == segment}))] for segment in SEGMENTS]
    assert table_rows(page_of(built_site, scope), "Participation by segment, in numbers") == \
        expected
    ideas_drawn, authors_drawn = chart_values(chart_of(built_site, scope, "segments"))
    assert [[label, count, authors] for (label, count), (_, authors)
            in zip(reversed(ideas_drawn), reversed(authors_drawn), strict=True)] == expected


def test_every_chart_is_accessible_static_and_self_contained(built_site: Path) -> None:
    charts = sorted(built_site.rglob("*.svg"))
    assert len(charts) >= 6 * 4  # the portal and three challenges with ideas
    for file in charts:
        text = file.read_text("utf-8")
        assert text.startswith("<svg "), file  # no XML declaration: UTF-8 is the default
        root = ET.fromstring(text)
        title, desc = list(root)[:2]
        assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc"), file
        assert title.text and desc.text and len(desc.text) > 20, file
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert not list(root.iter(f"{SVG}script")) and "<script" not in text, file
        assert "<!--" not in text and "<?" not in text and "@import" not in text, file
        hosts = set(re.findall(r"https?://[^\s\"')<>]+", text))
        assert hosts <= NAMESPACES, (file, hosts - NAMESPACES)
        assert not re.search(r"url\((?!#)", text), file  # only references within the file


def test_each_chart_has_its_summary_as_text_and_a_table(built_site: Path) -> None:
    page = page_of(built_site, "winter-menu-2026")
    for name in ("activity", "segments", "funnel", "tags", "contributors", "answers"):
        summary = chart_of(built_site, "winter-menu-2026", name)[1].text or ""
        src = f'src="../../../challenges/winter-menu-2026/insights/{name}.svg"'
        figure = page[page.rindex("<figure", 0, page.index(src)):]
        figure = figure[:figure.index("</figure>")]
        assert html.unescape(re.findall(r'alt="([^"]*)"', figure)[0]) == summary
        assert "<figcaption>" in figure
        assert summary in [html.unescape(text) for text in
                           re.findall(r'<p class="cc-chart__summary">(.*?)</p>', page)]
    assert page.count("<caption>") == 6 and page.count('<th scope="col"') >= 13


def test_every_chart_an_insights_page_shows_is_in_the_site(built_site: Path) -> None:
    from urllib.parse import urljoin, urlparse

    pages = sorted(built_site.glob("**/insights/index.html"))
    slugs = sorted(path.name for path in (EXAMPLE / "challenges").iterdir())
    assert sorted(page.parent.parent.relative_to(built_site).as_posix() for page in pages) == \
        sorted([".", *(f"challenges/{slug}" for slug in slugs)])
    shown = 0
    for page in pages:
        url = "http://site/" + page.relative_to(built_site).as_posix()
        sources = re.findall(r'<img src="([^"]+\.svg)"', page.read_text("utf-8"))
        shown += len(sources)
        for src in sources:
            assert (built_site / urlparse(urljoin(url, src)).path.lstrip("/")).is_file(), src
    assert shown == len(list(built_site.rglob("insights/*.svg"))) >= 6 * 4


def test_an_upcoming_challenge_says_it_has_no_figures_yet(built_site: Path) -> None:
    page = page_of(built_site, "local-sourcing-2028")
    assert "<img" not in page.split('class="md-content"')[1].split("</article>")[0]
    assert page.count('<p class="cc-chart__empty">No ideas yet.</p>') == 3
    assert "No ideas or votes yet." in page and "No idea has a tag yet." in page
    assert not list((built_site / "challenges/local-sourcing-2028/insights").glob("*.svg"))


def test_insights_are_linked_from_the_nav_and_each_challenge(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert '<a href="insights/" class="md-nav__link">' in home
    assert not re.search(r"challenges/[a-z0-9-]+/insights", home)
    challenge = (built_site / "challenges/winter-menu-2026/index.html").read_text("utf-8")
    assert ('<a class="cc-tabs__tab" href="../../challenges/winter-menu-2026/insights/">Insights'
            '</a>') in challenge


def test_the_charts_are_the_same_bytes_build_after_build(built_site: Path) -> None:
    charts = Planner(load_catalog(EXAMPLE, now=EXAMPLE_NOW), make_environment()).chart_files()
    assert len(charts) >= 6 * 4  # the portal and three challenges with ideas
    again = in_another_process(
        "Planner(load_catalog(EXAMPLE, now=EXAMPLE_NOW), make_environment()).chart_files()",
        "from generator.portal.reading import load_catalog",
        "from generator.site.pages import Planner",
        "from generator.site.environment import make_environment",
        "from tests.support import EXAMPLE_NOW, EXAMPLE")
    assert again == charts
    assert {path: (built_site / path).read_text("utf-8") for path in charts} == charts
