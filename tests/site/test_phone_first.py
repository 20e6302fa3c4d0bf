"""A challenge's pages and the tables of figures in real Chromium, on a phone (390 px) and a
desk (1280 px): nothing scrolls sideways, the column that answers the question (Score,
Reason, Points) is on screen in every row, and every page of a challenge leads back to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.chromium import launch, serve

pytestmark = pytest.mark.browser
WIDTHS = [390, 1280]
# Each page with tables of figures, and the column each of its tables is read for.
KEY_COLUMNS = {
    "challenges/winter-menu-2026/leaderboard/": "Score",
    "challenges/zero-waste-packaging/leaderboard/": "Score",
    "challenges/suggestion-box/leaderboard/": "Score",
    "challenges/winter-menu-2026/audit/": "Reason",
    "challenges/zero-waste-packaging/audit/": "Reason",
    "people/": "Points",
    "people/ines-duarte/": "Points",
}
SUB_PAGES = ["leaderboard/", "audit/", "insights/", "results/"]
CHALLENGES = ["winter-menu-2026", "zero-waste-packaging", "suggestion-box",
              "neighbourhood-events", "local-sourcing-2028"]


@pytest.fixture(scope="module")
def chromium(built_site: Path) -> Iterator[tuple[Any, str]]:
    with serve(built_site) as address, launch() as browser:
        yield browser, address


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda width: f"{width}px")
def screen(chromium: tuple[Any, str], request: pytest.FixtureRequest
           ) -> Iterator[tuple[Any, str]]:
    """A tab as wide as a phone or a desk's window."""
    browser, address = chromium
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    yield context.new_page(), address
    context.close()


def sideways(page: Any) -> dict[str, int]:
    """How far the document, and each table's scrolling frame, reach past their width."""
    found: dict[str, int] = page.evaluate("""() => {
        const found = {document: document.documentElement.scrollWidth - window.innerWidth};
        document.querySelectorAll("article .md-typeset__scrollwrap").forEach((frame, i) => {
            found["table " + (i + 1)] = frame.scrollWidth - frame.clientWidth;
        });
        return found;
    }""")
    return found


def key_cells_off_screen(page: Any, header: str) -> tuple[int, list[str]]:
    """How many cells sit under a column headed `header`, and those not wholly on screen:
    outside the window, outside their table's scrolling frame, or not shown at all."""
    return tuple(page.evaluate("""(header) => {
        let checked = 0;
        const hidden = [];
        document.querySelectorAll("article table").forEach((table) => {
            const heads = [...table.querySelectorAll("thead th")]
                .map((th) => th.textContent.trim());
            const column = heads.indexOf(header);
            if (column < 0) return;
            const frame = (table.closest(".md-typeset__scrollwrap") || table)
                .getBoundingClientRect();
            table.querySelectorAll("tbody tr").forEach((row) => {
                const cell = row.children[column];
                const box = cell.getBoundingClientRect();
                checked += 1;
                const seen = box.width > 0 && box.height > 0 && box.left >= 0
                    && box.right <= window.innerWidth && box.left >= frame.left - 1
                    && box.right <= frame.right + 1;
                if (!seen) hidden.push(row.textContent.trim().slice(0, 40));
            });
        });
        return [checked, hidden];
    }""", header))


@pytest.mark.parametrize("path", KEY_COLUMNS)
def test_tables_fit_the_screen_with_their_key_column_in_sight(screen: tuple[Any, str],
                                                              path: str) -> None:
    page, address = screen
    page.goto(f"{address}/{path}", wait_until="load")
    assert {where: past for where, past in sideways(page).items() if past > 0} == {}
    checked, hidden = key_cells_off_screen(page, KEY_COLUMNS[path])
    assert checked > 0
    assert hidden == []


@pytest.mark.parametrize("slug", CHALLENGES)
def test_every_page_of_a_challenge_leads_back_to_it(screen: tuple[Any, str], slug: str) -> None:
    page, address = screen
    challenge = f"{address}/challenges/{slug}/"
    page.goto(challenge, wait_until="load")
    first_idea = page.locator("article a[href^='../'][href*='/ideas/']").first
    ideas = [first_idea.evaluate("a => a.href")] if first_idea.count() else []
    visited = 0
    for url in [f"{challenge}{sub}" for sub in SUB_PAGES] + ideas:
        if page.goto(url, wait_until="load").status == 404:
            continue  # results only once the challenge has them
        visited += 1
        back = page.locator("article nav.cc-tabs a", has_text="Overview")
        assert back.count() == 1, url
        assert back.evaluate("a => a.href") == challenge, url
        assert back.is_visible(), url
        assert sideways(page)["document"] <= 0, url
        current = page.locator("nav.cc-tabs a[aria-current=page]")
        if current.count():  # a page with nothing yet is reachable, but not a tab
            assert current.evaluate("a => a.href") == url
    assert visited >= 3


def test_the_ideas_tab_lands_on_the_gallery(screen: tuple[Any, str]) -> None:
    page, address = screen
    page.goto(f"{address}/challenges/zero-waste-packaging/", wait_until="load")
    page.locator("nav.cc-tabs a", has_text="Ideas").click()
    assert page.url.endswith("/challenges/zero-waste-packaging/#ideas")
    heading = page.locator("h2#ideas")
    assert heading.inner_text().startswith("Ideas")
    assert heading.evaluate("h => h.getBoundingClientRect().top") < 200  # scrolled to it


@pytest.mark.parametrize("path", [
    "challenges/winter-menu-2026/", "challenges/winter-menu-2026/leaderboard/", "people/",
])
def test_the_navigation_lights_up_the_entry_a_page_belongs_under(chromium: tuple[Any, str],
                                                                 path: str) -> None:
    browser, address = chromium
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{address}/{path}", wait_until="load")
    entries = page.locator(".md-sidebar--primary .md-nav__list > .md-nav__item > a.md-nav__link")
    colours = {entries.nth(i).inner_text().strip(): entries.nth(i).evaluate(
        "a => getComputedStyle(a).color") for i in range(entries.count())}
    expected = "Contributors" if path.startswith("people/") else "Challenges"
    assert entries.count() > 3
    others = {colour for entry, colour in colours.items() if entry != expected}
    assert len(others) == 1 and colours[expected] not in others
    page.close()


@pytest.mark.parametrize("path", list(KEY_COLUMNS)[3:])
def test_stacked_tables_have_no_serious_violation_on_a_phone(chromium: tuple[Any, str],
                                                             path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    browser, address = chromium
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{address}/{path}", wait_until="load")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in violations
            if v["impact"] in ("serious", "critical")] == []
    page.close()


HEADER = """() => [...document.querySelectorAll(".md-header__inner > *")].map(
    element => element.tagName === "SCRIPT" ? "script" : element.className)"""


@pytest.mark.parametrize("path", ["challenges/winter-menu-2026/ideas/12/", "people/ines-duarte/"])
def test_an_idea_or_a_persons_page_has_the_header_of_every_page_less_the_drawer(
        screen: tuple[Any, str], path: str) -> None:
    """Built without sidebars, the page has no drawer to open; the colour toggles and the
    search, written in by their scripts, stand where they do on the home page, and work."""
    page, address = screen
    page.goto(f"{address}/", wait_until="load")
    home = page.evaluate(HEADER)
    page.goto(f"{address}/{path}", wait_until="load")
    assert page.locator(".md-sidebar").count() == 0
    assert page.locator('.md-header label[for="__drawer"]').count() == 0
    drawer = 'md-header__button md-icon'  # the home page's first button is the drawer's
    assert page.evaluate(HEADER) == [part for i, part in enumerate(home)
                                     if not (part == drawer and i == 1)]
    assert sideways(page)["document"] <= 0
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("() => document.body.dataset.mdColorScheme") != scheme
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():  # on a phone; on a desk, the box is in the header
        button.click()
    page.locator(".md-search__input").fill("porridge")
    page.locator(".md-search-result__link", has_text="Porridge bar").first.wait_for(
        timeout=10_000)
