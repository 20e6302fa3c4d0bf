"""The insights pages and their charts, checked against figures recomputed from the files.

The expected numbers are worked out here from the YAML with plain `yaml.safe_load`,
not with the portal's loader, and compared with the table on the built page and
with each bar of the chart inline in the page: the value it is named with, and its
size, to scale.
"""

from __future__ import annotations

import html
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
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

STATUSES = ["submitted", "published", "shortlisted", "piloting", "implemented"]
ENDINGS = ["declined", "duplicate", "withdrawn"]
SEGMENTS = ["customer", "employee", "supplier", "partner", "other"]
# Where a status counts as reached: it, or any status further along.
FURTHER = {status: set(STATUSES[index:]) for index, status in enumerate(STATUSES)}
SCOPES = [None, "winter-menu-2026", "zero-waste-packaging"]
CHARTS = ("activity", "segments", "funnel", "tags", "contributors", "answers")
ACROSS = {"segments", "funnel", "tags", "answers"}  # bars across; the others rise over time
WEEKS_AT_MOST = 16  # a longer span is charted by month (README: Insights)


def plugin_settings() -> dict[str, Any]:
    settings = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text("utf-8"))
    return next(plugin["cocreate"] for plugin in settings["plugins"]
                if isinstance(plugin, dict) and "cocreate" in plugin)


ZONE = ZoneInfo(plugin_settings()["time_zone"])


def moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=ZONE)
    return datetime(value.year, value.month, value.day, tzinfo=ZONE)


def local_day(value: date | datetime) -> date:
    return moment(value).astimezone(ZONE).date()


def monday(value: date | datetime) -> date:
    day = local_day(value)
    return day - timedelta(days=day.weekday())


def first_of_month(value: date | datetime) -> date:
    return local_day(value).replace(day=1)


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
    """The chart `name` inline in the insights page, parsed as the XML it is written as."""
    page = page_of(site, scope)
    named = page.index(f'aria-labelledby="cc-chart-{name}-title')
    start = page.rindex("<svg", 0, named)
    return ET.fromstring(page[start:page.index("</svg>", named) + len("</svg>")])


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, each cell's text."""
    start = page.index(f"<caption>{caption}</caption>")
    body = page[page.index("<tbody>", start):page.index("</tbody>", start)]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in
             re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


@dataclass(frozen=True)
class Bar:
    name: str  # the category or period
    series: str
    value: str
    size: float  # its length: % of the chart's width across, em up


def bars_of(root: ET.Element, across: bool) -> list[Bar]:
    """Every bar, in the order drawn, by the tooltip that names it ("name, series: value")."""
    found = []
    for rect in root.iter("rect"):
        tooltip = rect.findtext("title")
        if tooltip is None:
            continue  # a legend's swatch
        head, value = tooltip.rsplit(": ", 1)
        name, series = head.rsplit(", ", 1)
        size = rect.get("width", "") if across else rect.get("height", "")
        found.append(Bar(name, series, value, float(size.removesuffix("%").removesuffix("em"))))
    return found


def drawn(root: ET.Element, across: bool) -> dict[str, list[tuple[str, str]]]:
    """Each series' bars as (name, value), in the order drawn."""
    series: dict[str, list[tuple[str, str]]] = {}
    for bar in bars_of(root, across):
        series.setdefault(bar.series, []).append((bar.name, bar.value))
    return series


def panel_scales(root: ET.Element) -> list[tuple[int, float]]:
    """Each panel of a chart over time: the value its top gridline stands for (the tick
    written just above it), and its height in em from that gridline to its axis."""
    def em(line: ET.Element) -> float:
        return float(line.get("y1", "").removesuffix("em"))

    grids = [line for line in root.iter("line") if line.get("class") == "cc-chart__grid"]
    axes = [line for line in root.iter("line") if line.get("class") == "cc-chart__axis"]
    texts = list(root.iter("text"))
    ticks = [next(int(text.text or "") for text in texts if text.get("class") == "cc-chart__tick"
                  and text.get("x") == "0" and em(grid) - 1 < float(
                      text.get("y", "").removesuffix("em")) < em(grid)) for grid in grids]
    return [(tick, em(axis) - em(grid)) for tick, grid, axis in zip(ticks, grids, axes,
                                                                   strict=True)]


def long_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"  # as en_GB writes it: 2 March 2026


def activity_of(scope: str | None) -> tuple[str, list[date], Counter[date], Counter[date]]:
    """By week, or by month when the weeks from the first to the last are more than 16:
    the unit, every period from the first to the last, ideas and counted votes in each."""
    moments = [idea["submitted"] for idea in read_ideas(scope)]
    votes = counted_vote_moments(scope)
    first, last = min(*moments, *(at for at, _ in votes), key=local_day), max(
        *moments, *(at for at, _ in votes), key=local_day)
    weeks = (monday(last) - monday(first)).days // 7 + 1
    if weeks <= WEEKS_AT_MOST:
        unit, start_of = "week", monday
        periods = [monday(first) + timedelta(weeks=n) for n in range(weeks)]
    else:
        unit, start_of = "month", first_of_month
        periods = [first_of_month(first)]
        while periods[-1] < first_of_month(last):
            periods.append((periods[-1] + timedelta(days=31)).replace(day=1))
    ideas = Counter(start_of(at) for at in moments)
    cast: Counter[date] = Counter()
    for at, points in votes:
        cast[start_of(at)] += points
    return unit, periods, ideas, cast


def test_the_example_charts_its_activity_by_week_and_by_month() -> None:
    """Both ways of counting are under test: short challenges by week, the portal by month."""
    assert [activity_of(scope)[0] for scope in SCOPES] == ["month", "week", "week"]
    _, months, _, _ = activity_of(None)
    assert len(months) == 23  # January 2025 to November 2026, empty months too


@pytest.mark.parametrize("scope", SCOPES)
def test_ideas_and_votes_over_time_match_the_files(built_site: Path, scope: str | None) -> None:
    unit, periods, ideas, votes = activity_of(scope)

    def name(day: date) -> str:
        return f"Week of {long_day(day)}" if unit == "week" else f"{day:%B %Y}"

    expected = [[long_day(day) if unit == "week" else f"{day:%B %Y}", str(ideas[day]),
                 str(votes[day])] for day in periods if ideas[day] or votes[day]]
    assert table_rows(page_of(built_site, scope), "Ideas and votes over time, in numbers") == \
        expected  # only the periods with something in them
    chart = chart_of(built_site, scope, "activity")
    assert drawn(chart, across=False) == {  # every period, the empty ones too
        "Ideas": [(name(day), str(ideas[day])) for day in periods],
        "Votes": [(name(day), str(votes[day])) for day in periods]}


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("name", ["activity", "contributors"])
def test_bars_over_time_are_drawn_to_their_panels_scale(built_site: Path, scope: str | None,
                                                        name: str) -> None:
    """Each bar is as tall as its value on its panel's scale: the top gridline's value, at
    its height; ideas and votes each have a panel, so that ideas are not flattened by votes."""
    chart = chart_of(built_site, scope, name)
    scales = panel_scales(chart)
    assert len(scales) == (2 if name == "activity" else 1)
    series = list(drawn(chart, across=False))
    panel_of = {each: index if name == "activity" else 0 for index, each in enumerate(series)}
    tallest = [0.0] * len(scales)
    for bar in bars_of(chart, across=False):
        top, height = scales[panel_of[bar.series]]
        assert bar.size == pytest.approx(int(bar.value) / top * height, abs=0.002), bar
        tallest[panel_of[bar.series]] = max(tallest[panel_of[bar.series]], bar.size)
    for (top, height), highest in zip(scales, tallest, strict=True):
        assert highest >= height / 2, (top, highest)  # the scale fits its own bars


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
    assert drawn(chart_of(built_site, scope, "funnel"), across=True) == {"Ideas": [
        (status.capitalize(), str(counts[status])) for status in STATUSES + ENDINGS]}


@pytest.mark.parametrize("scope", SCOPES)
def test_the_top_tags_match_the_files(built_site: Path, scope: str | None) -> None:
    used = Counter(tag for idea in read_ideas(scope) for tag in set(idea.get("tags", [])))
    top = sorted(used.items(), key=lambda item: (-item[1], item[0]))[:10]
    expected = [[tag, str(count)] for tag, count in top]
    assert table_rows(page_of(built_site, scope), "Top tags, in numbers") == expected
    assert [list(bar) for bar in drawn(chart_of(built_site, scope, "tags"), across=True)[
        "Ideas"]] == expected


@pytest.mark.parametrize("scope", SCOPES)
def test_participation_by_segment_matches_the_files(built_site: Path, scope: str | None) -> None:
    ideas = read_ideas(scope)
    expected = [[segment.capitalize(),
                 str(sum(idea["segment"] == segment for idea in ideas)),
                 str(len({idea["author"].lower() for idea in ideas
                          if idea["segment"] == segment}))] for segment in SEGMENTS]
    assert table_rows(page_of(built_site, scope), "Participation by segment, in numbers") == \
        expected
    bars = drawn(chart_of(built_site, scope, "segments"), across=True)
    assert [[label, count, authors] for (label, count), (_, authors)
            in zip(bars["Ideas"], bars["Authors"], strict=True)] == expected


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("name", sorted(ACROSS))
def test_bars_across_are_drawn_to_one_scale(built_site: Path, scope: str | None,
                                            name: str) -> None:
    """Each bar's length is its value times the same factor; the longest leaves room for
    its value, written after it."""
    bars = bars_of(chart_of(built_site, scope, name), across=True)
    most = max(int(bar.value) for bar in bars)
    longest = max(bar.size for bar in bars)
    assert 50 <= longest <= 90
    for bar in bars:
        assert bar.size == pytest.approx(int(bar.value) / most * longest, abs=0.002), bar


WAITS = [("The same day", 0), ("Within 2 days", 2), ("Within a week", 7),
         ("Within 30 days", 30), ("Longer", None)]


def days_waited(idea: dict[str, Any]) -> int | None:
    """Calendar days, in the portal's zone, from submission to the first answer: the first
    history entry with another status than submitted, or with an official answer."""
    for step in idea.get("history", []):
        if step["status"] != "submitted" or step.get("answer"):
            return max((local_day(step["at"]) - local_day(idea["submitted"])).days, 0)
    return None


@pytest.mark.parametrize("scope", SCOPES)
def test_the_waits_and_their_median_match_the_files(built_site: Path, scope: str | None) -> None:
    waited = [days_waited(idea) for idea in read_ideas(scope)]
    answered = [days for days in waited if days is not None]
    counts = Counter(next(name for name, most in WAITS if most is None or days <= most)
                     for days in answered)
    expected = [[name, str(counts[name])] for name, _ in WAITS]
    expected.append(["Not answered yet", str(waited.count(None))])
    page = page_of(built_site, scope)
    assert table_rows(page, "Time to a first answer, in numbers") == expected
    median = statistics.median_low(answered)  # a wait some idea had: in one of the rows
    said = ("At least half of them were answered the same day." if median == 0 else
            f"The median wait was {median} day{'s' * (median != 1)}.")
    summary = chart_of(built_site, scope, "answers").findtext("desc") or ""
    assert said in summary and said in page


def charts_in(page: str) -> list[str]:
    """The inline SVG of every chart in an insights page."""
    return re.findall(r'<svg class="cc-chart__svg".*?</svg>', page, re.S)


def test_every_chart_is_accessible_unscaled_and_self_contained(built_site: Path) -> None:
    pages = sorted(built_site.glob("**/insights/index.html"))
    slugs = sorted(path.name for path in (EXAMPLE / "challenges").iterdir())
    assert sorted(page.parent.parent.relative_to(built_site).as_posix() for page in pages) == \
        sorted([".", *(f"challenges/{slug}" for slug in slugs)])
    charts = [chart for page in pages for chart in charts_in(page.read_text("utf-8"))]
    assert len(charts) == 6 * 5  # the portal and the four challenges with ideas
    for text in charts:
        root = ET.fromstring(text)  # well-formed: every text in it escaped
        title, desc = list(root)[:2]
        assert (title.tag, desc.tag) == ("title", "desc")
        assert title.text and desc.text and len(desc.text) > 20
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        # Never scaled, so its text keeps the stylesheet's size: no viewBox, the full width.
        assert "viewBox" not in root.attrib and root.get("width") == "100%"
        assert re.fullmatch(r"[0-9.]+em", root.get("height", ""))
        # Its colours and fonts are the stylesheet's: nothing the policy would refuse.
        assert not re.search(r"\b(?:style|fill|stroke|font-size|href|on\w+)=", text), text[:80]
        assert {element.tag for element in root.iter()} <= {
            "svg", "title", "desc", "rect", "line", "text"}


def test_each_chart_has_its_summary_as_text_and_a_table(built_site: Path) -> None:
    page = page_of(built_site, "winter-menu-2026")
    for name in CHARTS:
        summary = chart_of(built_site, "winter-menu-2026", name).findtext("desc")
        figure = page[page.rindex("<figure", 0, page.index(f'"cc-chart-{name}-title')):]
        figure = figure[:figure.index("</figure>")]
        assert "<figcaption>" in figure and "data-search-exclude" in figure
        assert summary in [html.unescape(text) for text in
                           re.findall(r'<p class="cc-chart__summary">(.*?)</p>', page)]
    assert page.count("<caption>") == 6 and page.count('<th scope="col"') >= 13


def test_an_upcoming_challenge_says_it_has_no_figures_yet(built_site: Path) -> None:
    page = page_of(built_site, "local-sourcing-2028")
    assert charts_in(page) == [] and "<figure" not in page
    assert page.count('<p class="cc-chart__empty">No ideas yet.</p>') == 3
    assert "No ideas or votes yet." in page and "No idea has a tag yet." in page


def test_insights_are_linked_from_the_nav_and_each_challenge(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert '<a href="insights/" class="md-nav__link">' in home
    assert not re.search(r"challenges/[a-z0-9-]+/insights", home)
    challenge = (built_site / "challenges/winter-menu-2026/index.html").read_text("utf-8")
    assert ('<a class="cc-tabs__tab" href="../../challenges/winter-menu-2026/insights/">Insights'
            '</a>') in challenge


def every_chart() -> dict[str, str]:
    """Every chart of the example's insights pages, by page and name."""
    planner = Planner(load_catalog(EXAMPLE, now=EXAMPLE_NOW), make_environment())
    return {f"{slug}/{name}": str(chart.svg)
            for slug in [None, *planner.catalog.challenges]
            for name, chart in planner.charts(slug).items() if chart.svg is not None}


def test_the_charts_are_the_same_bytes_build_after_build(built_site: Path) -> None:
    charts = every_chart()
    assert len(charts) == 6 * 5  # the portal and the four challenges with ideas
    again = in_another_process("every_chart()",
                               "from tests.contest.test_insights import every_chart")
    assert again == charts
    pages = "".join(page.read_text("utf-8") for page in built_site.glob("**/insights/index.html"))
    assert all(chart in pages for chart in charts.values())  # served as drawn
