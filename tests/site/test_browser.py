"""The built example in real Chromium, as a newcomer would use it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE, EXAMPLE_NOW
from tests.support.chromium import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """The built site on a loopback HTTP server; yields its base address."""
    with serve(built_site) as address:
        yield address


@pytest.fixture
def page(browser: Any, served: str) -> Iterator[Any]:
    """A fresh page that records every request and fails the test on one to another host."""
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    tab.on("console", lambda message: errors.append(message.text)
           if "Content Security Policy" in message.text else None)
    yield tab
    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith(served)] == []


@pytest.mark.parametrize("path", [
    "", "challenges/", "challenges/winter-menu-2026/", "challenges/winter-menu-2026/ideas/12/",
    "challenges/winter-menu-2026/leaderboard/", "challenges/winter-menu-2026/audit/",
    "challenges/winter-menu-2026/results/", "people/", "people/ines-duarte/", "results/",
    "take-part/", "privacy/",
])
def test_every_page_type_renders_from_the_local_server_alone(page: Any, served: str,
                                                             path: str) -> None:
    response = page.goto(f"{served}/{path}", wait_until="networkidle")
    assert response.status == 200
    assert page.title().endswith("Crumb & Kettle Ideas")
    assert page.locator("article h1").count() == 1
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in csp and "unsafe-inline" not in csp
    assert page.evaluate("typeof __md_get") == "function"  # the theme's own inline code ran


def test_a_newcomer_goes_home_then_challenge_then_idea_then_author(page: Any,
                                                                   served: str) -> None:
    page.goto(f"{served}/")
    page.locator("article .cc-card a", has_text="Zero-waste takeaway packaging").first.click()
    assert page.url == f"{served}/challenges/zero-waste-packaging/"
    page.locator(".cc-idea a", has_text="A deposit cup that works at three cafés").click()
    assert page.url == f"{served}/challenges/zero-waste-packaging/ideas/34/"
    heading = page.locator("article h1").inner_text().rstrip("¶")  # less the permalink
    assert heading == "A deposit cup that works at three cafés"
    page.locator(".cc-lead a.cc-person", has_text="@lucy-cho").click()
    assert page.url == f"{served}/people/lucy-cho/"
    assert "A deposit cup that works at three cafés" in page.locator("article").inner_text()


def test_the_gallery_filter_narrows_the_ideas(page: Any, served: str) -> None:
    page.goto(f"{served}/challenges/winter-menu-2026/")
    cards = page.locator("#ideas-winter-menu-2026 .cc-idea")
    visible = page.locator("#ideas-winter-menu-2026 .cc-idea:visible")
    assert visible.count() == cards.count() == 8
    page.select_option("select[data-cc-filter=status]", "declined")
    assert visible.count() == 1
    assert "Hazelnut praline" in visible.first.inner_text()
    page.select_option("select[data-cc-filter=status]", "")
    page.select_option("select[data-cc-filter=tags]", "drinks")
    assert visible.count() == 4
    page.select_option("select[data-cc-filter=segment]", "supplier")
    assert visible.count() == 1
    assert page.locator(".cc-filters__count").inner_text() == "1 idea"


def test_the_site_search_finds_an_idea_by_a_word_of_its_title(page: Any, served: str) -> None:
    page.goto(f"{served}/")
    page.locator(".md-search__input").first.click()
    page.keyboard.type("porridge", delay=20)  # the search listens to keystrokes
    result = page.locator(".md-search-result__link", has_text="Porridge bar on cold mornings")
    result.first.wait_for(timeout=10_000)
    result.first.click()
    assert page.url.startswith(f"{served}/challenges/winter-menu-2026/ideas/21/")


@pytest.mark.parametrize("slug", ["winter-menu-2026", "zero-waste-packaging", "suggestion-box"])
def test_the_leaderboard_order_matches_cocreate_tally(page: Any, served: str, slug: str) -> None:
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "tally", slug, "--format", "json"])
    expected = [(str(idea["rank"]), idea["title"]) for idea in json.loads(result.stdout)["ideas"]]
    page.goto(f"{served}/challenges/{slug}/leaderboard/")
    rows = page.locator("article table").first.locator("tbody tr")
    shown = [(rows.nth(i).locator("td").nth(0).inner_text(),
              rows.nth(i).locator("td").nth(1).inner_text()) for i in range(rows.count())]
    assert shown == expected


def test_submit_an_idea_opens_the_challenges_own_issue_form(page: Any, served: str) -> None:
    page.goto(f"{served}/challenges/neighbourhood-events/")
    link = page.locator("a.cc-submit")
    assert link.inner_text() == "Submit an idea"
    address = urlparse(link.get_attribute("href"))
    assert (address.netloc, address.path) == ("github.com", "/crumb-and-kettle/ideas/issues/new")
    # The form chooses the challenge itself: GitHub prefills no dropdown from a link.
    assert parse_qs(address.query) == {"template": ["neighbourhood-events.yml"]}
    page.goto(f"{served}/challenges/winter-menu-2026/")
    assert page.locator("a.cc-submit").count() == 0  # closed challenges take no ideas
