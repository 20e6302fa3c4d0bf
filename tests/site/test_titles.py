"""Titles stay text: hostile idea and challenge titles, built into the site and opened in Chromium.

mkdocs-material writes `page.title | striptags` into `<title>`, and `striptags` turns escaped
entities back into markup. These titles try every way out of the title and into the head:
each page must show the title exactly as typed, in the tab, the header and the heading, run
nothing, go nowhere, and carry the same elements in its head as a page with a plain title.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW, copy_example
from tests.support.chromium import launch, serve

pytestmark = pytest.mark.browser
SITE_NAME = "Crumb & Kettle Ideas"
CHALLENGE = "zero-waste-packaging"
PLAIN_IDEA = "34"  # an untouched idea of the same challenge, for its head
PWN = "document.documentElement.dataset.pwned=1"
HOSTILE_TITLES = {
    "9001": f"Zanzibar soup</title><script>{PWN}</script>",
    "9002": 'Zanzibar jars</title><meta http-equiv="refresh" content="0;url=/moved/">',
    "9003": f"Zanzibar &lt;/title&gt;&lt;script&gt;{PWN}&lt;/script&gt;",
    "9004": "Zanzibar &lt;script&gt; tag",
    "9005": 'Zanzibar base</title><base href="https://evil.example/"><link rel=stylesheet href=x>',
    "9006": "Zanzibar &amp;lt;b&amp;gt; twice &#60;i&#62; &#x3C;u&#x3E;",
}
HOSTILE_WINNER = f"Pear loaf</title><script>{PWN}</script> &lt;b&gt;"  # a winner, in headings
HOSTILE_CHALLENGE = f"Zero waste</title><script>{PWN}</script><meta http-equiv=refresh content=0>"
LINKS_BY_PAGE = ("LINK prev", "LINK next", "LINK alternate")
# Everything in the head, by what it is, not by what it says.
HEAD = """() => Array.from(document.head.children, element => [element.tagName,
  element.getAttribute("rel"), element.getAttribute("name"), element.getAttribute("http-equiv"),
  element.getAttribute("property"), element.getAttribute("type")].join(" "))"""


def retitle(file: Path, title: str, issue: str | None = None) -> str:
    """The YAML file's text with its `title:` (and `issue:`) line replaced; a JSON string is
    valid YAML."""
    lines = file.read_text("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("title:"):
            lines[index] = f"title: {json.dumps(title)}\n"
        elif line.startswith("issue:") and issue is not None:
            lines[index] = f"issue: {issue}\n"
    return "".join(lines)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with hostile titles on a challenge and on ideas of it, built."""
    root = copy_example(tmp_path_factory.mktemp("titles") / "portal")
    folder = root / "challenges" / CHALLENGE
    (folder / "challenge.yml").write_text(retitle(folder / "challenge.yml", HOSTILE_CHALLENGE),
                                          "utf-8")
    winner = root / "challenges" / "winter-menu-2026" / "ideas" / "12.yml"
    winner.write_text(retitle(winner, HOSTILE_WINNER), "utf-8")
    for number, title in HOSTILE_TITLES.items():
        (folder / "ideas" / f"{number}.yml").write_text(
            retitle(folder / "ideas" / f"{PLAIN_IDEA}.yml", title, number), "utf-8")
    site = root / "site"
    built = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                     "build", "--site-dir", str(site)])
    assert built.exit_code == 0, built.output
    return site


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[tuple[Any, str]]:
    with serve(site) as address, launch() as chromium:
        yield chromium, address


@pytest.fixture
def tab(browser: tuple[Any, str]) -> Iterator[Any]:
    """A page that fails the test on any dialog, script error, navigation away or other host."""
    chromium, address = browser
    context = chromium.new_context()
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: events.append(f"dialog {dialog.message}"))
    page.on("pageerror", lambda error: events.append(f"error {error}"))
    page.on("request", lambda request: events.append(f"request {request.url}")
            if not request.url.startswith(address) else None)
    page.on("framenavigated", lambda frame: events.append(f"navigated {frame.url}")
            if frame == page.main_frame and "/moved/" in frame.url else None)
    yield page
    page.wait_for_timeout(300)  # a meta refresh of 0 s would have left by now
    context.close()
    assert events == []


def visit(page: Any, address: str, path: str) -> dict[str, Any]:
    page.goto(f"{address}/{path}", wait_until="load")
    return {
        "url": page.url,
        "title": page.title(),
        "head": page.evaluate(HEAD),
        "heading": page.locator("article h1").inner_text().rstrip("¶").strip(),
        "header": page.locator(".md-header__topic").last.inner_text().strip(),
        "pwned": page.evaluate("document.documentElement.dataset.pwned ?? null"),
    }


@pytest.mark.parametrize("number", sorted(HOSTILE_TITLES))
def test_a_hostile_idea_title_is_text_in_the_tab_the_header_and_the_heading(
        tab: Any, browser: tuple[Any, str], number: str) -> None:
    _, address = browser
    title = HOSTILE_TITLES[number]
    plain = visit(tab, address, f"challenges/{CHALLENGE}/ideas/{PLAIN_IDEA}/")
    shown = visit(tab, address, f"challenges/{CHALLENGE}/ideas/{number}/")
    assert shown["url"] == f"{address}/challenges/{CHALLENGE}/ideas/{number}/"
    assert shown["title"] == f"{title} - {SITE_NAME}"
    assert shown["heading"] == shown["header"] == title
    assert shown["pwned"] is None
    assert shown["head"] == plain["head"]


@pytest.mark.parametrize(("path", "prefix"), [
    ("", ""), ("leaderboard/", "Leaderboard: "), ("audit/", "Vote audit: "),
    ("insights/", "Insights: "),
])
def test_a_hostile_challenge_title_is_text_on_each_of_its_pages(
        tab: Any, browser: tuple[Any, str], path: str, prefix: str) -> None:
    _, address = browser
    plain = visit(tab, address, f"challenges/winter-menu-2026/{path}")
    shown = visit(tab, address, f"challenges/{CHALLENGE}/{path}")
    assert shown["title"] == f"{prefix}{HOSTILE_CHALLENGE} - {SITE_NAME}"
    assert shown["heading"] == shown["header"] == f"{prefix}{HOSTILE_CHALLENGE}"
    assert shown["pwned"] is None
    assert shown["head"] == plain["head"]


@pytest.mark.parametrize(("path", "beside"), [
    ("challenges/winter-menu-2026/results/", "challenges/winter-menu-2026/audit/"),
    ("results/", "insights/"), ("", "about/"),
])
def test_a_hostile_title_in_a_heading_is_text_in_the_table_of_contents(
        tab: Any, browser: tuple[Any, str], path: str, beside: str) -> None:
    _, address = browser
    plain = visit(tab, address, beside)
    shown = visit(tab, address, path)
    assert HOSTILE_WINNER in tab.locator("article.md-content__inner").inner_text()
    if path.startswith("challenges/"):
        assert HOSTILE_WINNER in tab.locator(".md-nav--secondary").all_inner_texts()[0]
    assert shown["pwned"] is None
    # Pages in the navigation link the next and previous ones; feeds are named by page.
    assert [item for item in shown["head"] if not item.startswith(LINKS_BY_PAGE)] == \
        [item for item in plain["head"] if not item.startswith(LINKS_BY_PAGE)]


def test_the_search_shows_a_hostile_title_as_text(tab: Any, browser: tuple[Any, str]) -> None:
    _, address = browser
    tab.goto(f"{address}/")
    tab.locator(".md-search__input").first.click()
    tab.keyboard.type("zanzibar", delay=20)  # the search listens to keystrokes
    results = tab.locator(".md-search-result__article h1")
    results.first.wait_for(timeout=10_000)
    shown = {text for text in results.all_inner_texts() if text.startswith("Zanzibar")}
    assert shown == set(HOSTILE_TITLES.values())
    assert tab.evaluate("document.documentElement.dataset.pwned ?? null") is None


def test_feeds_open_data_and_charts_keep_a_hostile_title_as_text(site: Path) -> None:
    feed = feedparser.parse((site / "challenges" / CHALLENGE / "feed.xml").read_bytes())
    assert not feed.bozo
    assert HOSTILE_CHALLENGE in feed.feed.title
    assert set(HOSTILE_TITLES.values()) <= {entry.title for entry in feed.entries}
    ideas = json.loads((site / "api/v1/ideas.json").read_text("utf-8"))["ideas"]
    assert {idea["id"]: idea["title"] for idea in ideas
            if idea["id"] in HOSTILE_TITLES} == HOSTILE_TITLES
    rows = csv.DictReader(io.StringIO((site / "api/v1/ideas.csv").read_text("utf-8")))
    assert {row["id"]: row["title"] for row in rows if row["id"] in HOSTILE_TITLES} == \
        HOSTILE_TITLES
    page = (site / "challenges" / CHALLENGE / "insights/index.html").read_text("utf-8")
    charts = re.findall(r'<svg class="cc-chart__svg".*?</svg>', page, re.S)
    assert len(charts) == 6
    for chart in charts:
        root = ET.fromstring(chart)  # well-formed: nothing broke out of a text
        assert {element.tag for element in root.iter()} <= {
            "svg", "title", "desc", "rect", "line", "text"}, chart[:80]
