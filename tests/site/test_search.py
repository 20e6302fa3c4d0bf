"""The site search in real Chromium: Pagefind's index in the theme's search dialog.

Built in each interface language (Pagefind reads `<html lang>` and stems the words for it),
served from a loopback server under the page's Content-Security-Policy: a word of an idea's
title finds it, contributors' pages are never found, nothing is downloaded before someone
opens the search, and a copy of the site without its index says so instead of failing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE, EXAMPLE_NOW
from tests.support.chromium import serve

pytestmark = pytest.mark.browser
# What the theme's dialog says for one result (only the idea's page holds the word: the cards
# and tables that repeat its title elsewhere stay out of the index), and this plugin when
# search cannot load.
ONE = {"en": "1 matching document", "es": "1 documento encontrado", "fr": "1 document trouvé"}
UNAVAILABLE = {"en": "Search is not available on this copy of the site.",
               "es": "La búsqueda no está disponible en esta copia del sitio.",
               "fr": "La recherche n'est pas disponible sur cette copie du site."}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> dict[str, Path]:
    built = {"en": built_site}
    for code in ("es", "fr"):
        site = tmp_path_factory.mktemp(f"site-{code}")
        result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                          "build", "--language", code, "--site-dir", str(site)])
        assert result.exit_code == 0, result.output
        built[code] = site
    return built


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page, the addresses it asks for, and its errors and policy violations."""
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page, requests, errors
    context.close()


def search(page: Any, words: str) -> None:
    page.locator(".md-search__input").first.click()
    page.keyboard.type(words, delay=20)


@pytest.mark.parametrize("code", ["en", "es", "fr"])
def test_a_word_of_a_title_finds_the_idea_in_every_language(
        tab: tuple[Any, list[str], list[str]], sites: dict[str, Path], code: str) -> None:
    page, requests, errors = tab
    with serve(sites[code]) as address:
        page.goto(f"{address}/", wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == code
        assert [url for url in requests if "/pagefind/" in url] == []  # nothing until asked
        search(page, "porridge")
        result = page.locator(".md-search-result__link", has_text="Porridge bar on cold mornings")
        result.first.wait_for(timeout=10_000)
        assert page.locator(".md-search-result__meta").inner_text() == ONE[code]
        assert f"{address}/pagefind/wasm.{code}.pagefind" in requests  # the language's stemmer
        result.first.click()
        assert page.url.startswith(f"{address}/challenges/winter-menu-2026/ideas/21/")
    assert errors == []


def test_contributors_pages_are_never_found(tab: tuple[Any, list[str], list[str]],
                                            sites: dict[str, Path]) -> None:
    page, _, errors = tab
    with serve(sites["en"]) as address:
        page.goto(f"{address}/challenges/zero-waste-packaging/ideas/34/")
        search(page, "lucy")  # an author: her ideas are found, her own page is not
        links = page.locator(".md-search-result__link")
        links.first.wait_for(timeout=10_000)
        found = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert any("/ideas/34/" in href for href in found)
        assert [href for href in found if re.search(r"/people/[^#/]+/", href)] == []
    assert errors == []


def test_the_keyboard_opens_searches_and_closes_the_dialog(
        tab: tuple[Any, list[str], list[str]], sites: dict[str, Path]) -> None:
    page, _, errors = tab
    with serve(sites["en"]) as address:
        page.goto(f"{address}/about/")
        page.keyboard.press("/")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.type("porridge", delay=20)
        page.locator(".md-search-result__link").first.wait_for(timeout=10_000)
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        page.goto(f"{address}/?q=porridge")  # a link with a query opens the search with it
        page.locator(".md-search-result__link", has_text="Porridge bar").first.wait_for(
            timeout=10_000)
    assert errors == []


@pytest.mark.parametrize("code", ["en", "fr"])
def test_a_copy_without_its_index_says_search_is_not_available(
        tab: tuple[Any, list[str], list[str]], sites: dict[str, Path],
        tmp_path: Path, code: str) -> None:
    page, _, _ = tab
    copy = tmp_path / "site"
    shutil.copytree(sites[code], copy, ignore=shutil.ignore_patterns("pagefind"))
    with serve(copy) as address:
        page.goto(f"{address}/")
        search(page, "porridge")
        meta = page.locator(".md-search-result__meta", has_text=UNAVAILABLE[code])
        meta.wait_for(timeout=10_000)


def test_a_query_shorter_than_three_letters_waits_for_enter(
        tab: tuple[Any, list[str], list[str]], sites: dict[str, Path]) -> None:
    """One or two letters begin thousands of words in a large portal: typed alone they
    download no part of the index; Enter searches them all the same."""
    page, requests, errors = tab
    with serve(sites["en"]) as address:
        page.goto(f"{address}/")
        search(page, "po")
        page.wait_for_timeout(1_000)  # more than the pause the search waits for
        assert [url for url in requests if "/pagefind/index/" in url] == []
        assert page.locator(".md-search-result__link").count() == 0
        page.keyboard.press("Enter")
        page.locator(".md-search-result__link", has_text="Porridge bar").first.wait_for(
            timeout=10_000)
        assert [url for url in requests if "/pagefind/index/" in url] != []
    assert errors == []


def test_the_search_waits_for_the_typing_to_pause(
        tab: tuple[Any, list[str], list[str]], sites: dict[str, Path]) -> None:
    """Typed at an ordinary pace, only the word typed is searched, so only its results'
    fragments are downloaded, not those of each keystroke's query ("por", "porr"…)."""
    page, requests, errors = tab
    with serve(sites["en"]) as address:
        page.goto(f"{address}/")
        page.locator(".md-search__input").first.click()
        page.wait_for_load_state("networkidle")  # Pagefind is ready: each query could run
        page.keyboard.type("porridge", delay=120)  # "por" begins words on 18 other pages
        page.locator(".md-search-result__link", has_text="Porridge bar").first.wait_for(
            timeout=10_000)
        page.wait_for_load_state("networkidle")
        fragments = [url for url in requests if "/pagefind/fragment/" in url]
        assert len(fragments) == page.locator(".md-search-result__item").count() == 1
    assert errors == []
