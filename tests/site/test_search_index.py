"""The search index as written: whole files, the pages the search keeps, and the same
index from each page's article alone (as the build hands Pagefind its pages) as from the
whole pages.

Pagefind's Python API runs it as a service, which answers that its files are written
while the last writes may still be under way, and is then stopped: on a busy machine a
file came out empty or cut short about one build in eight (Pagefind issue 1271). The
site indexes with Pagefind's command instead; several builds at once, on two cores,
must each write every file whole and the same.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.site.plugin import build_site
from generator.site.search import OUTPUT, Indexer, article_page, index_site
from tests.support import EXAMPLE

CROWD = 8  # builds at once


def pages_of(site: Path) -> tuple[list[str], list[str]]:
    """The example's pages the search keeps, and those it leaves out (as the plugin sees
    them: each contributor's page, and the "not found" page)."""
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                   if OUTPUT not in path.relative_to(site).parts)
    left_out = [page for page in pages if page == "404.html"
                or (page.startswith("people/") and page != "people/index.html")]
    return [page for page in pages if page not in left_out], left_out


def written(index: Path) -> dict[str, bytes]:
    """Every file of an index, each read whole: a file cut short does not decompress."""
    files = {path.relative_to(index).as_posix(): path.read_bytes()
             for path in index.rglob("*") if path.is_file()}
    entry = json.loads(files["pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] == len(
        [name for name in files if name.startswith("fragment/")])
    for name, content in files.items():
        if name.endswith((".pf_meta", ".pf_index", ".pf_fragment")):
            assert gzip.decompress(content).startswith(b"pagefind_dcd"), name
    return files


def test_builds_at_once_each_write_every_file_of_the_index_whole_and_the_same_as_from_articles(
        built_site: Path, tmp_path: Path) -> None:
    """Pagefind reading each whole page of copies of the example, several at once, writes
    every file as the build did from the articles alone."""
    sites = [tmp_path / f"site-{number}" for number in range(CROWD)]
    for site in sites:
        shutil.copytree(built_site, site, ignore=shutil.ignore_patterns(OUTPUT))
    with ThreadPoolExecutor(CROWD) as crowd:
        list(crowd.map(index_site, sites))
    indexes = [written(site / OUTPUT) for site in sites]
    assert indexes[0] == written(built_site / OUTPUT)
    assert all(index == indexes[0] for index in indexes)


def test_the_search_reads_of_a_page_its_language_and_its_article(built_site: Path) -> None:
    left_out = pages_of(built_site)[1]
    idea = (built_site / "challenges/winter-menu-2026/ideas/21/index.html").read_text("utf-8")
    page = article_page(idea)
    assert page is not None
    assert '<html lang="en"' in page and page.count("<article") == 1
    assert page.endswith("</article></body></html>\n") and "Porridge bar on cold" in page
    # a page the search leaves out has no searchable article
    assert all(article_page((built_site / name).read_text("utf-8")) is None
               for name in left_out)
    # and the challenge's page, whose cards are articles too, is read to its own end
    challenge = article_page((built_site / "challenges/winter-menu-2026/index.html")
                             .read_text("utf-8"))
    assert challenge is not None and challenge.count("<article") > 1


def test_an_idea_is_indexed_by_what_its_page_says_not_by_the_links_around_it(
        built_site: Path) -> None:
    from tests.support.pagefind_index import indexed_pages

    idea = indexed_pages(built_site)["challenges/winter-menu-2026/ideas/21/"]
    assert idea["meta"]["title"] == "Porridge bar on cold mornings"
    assert idea["content"].startswith("Porridge bar on cold mornings. ")
    # the challenge's tabs, on each of its pages, say nothing of this one: a <nav>, which
    # Pagefind leaves out of what it indexes
    assert "Overview" not in idea["content"] and "Leaderboard" not in idea["content"]


def articles_of(site: Path) -> dict[str, str]:
    """The example's searchable pages, each as the build hands it to Pagefind."""
    pages = {path.relative_to(site).as_posix(): path.read_text("utf-8")
             for path in site.rglob("*.html") if OUTPUT not in path.relative_to(site).parts}
    return {name: html for name, html in pages.items() if article_page(html) is not None}


def site_without_index(built_site: Path, site: Path) -> Path:
    """A copy of the example's pages as the build wrote them, without their index."""
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns(OUTPUT))
    return site


def assert_index_as_built(indexer: Indexer, pages: dict[str, str], site: Path,
                          built_site: Path) -> None:
    """Write `pages` through `indexer`: the index left is the one the build made, and no
    articles are left behind."""
    for name, html in pages.items():
        indexer.add(name, html)
    indexer.finish()
    assert written(site / OUTPUT) == written(built_site / OUTPUT)
    assert not indexer.pages.exists()


def test_a_page_it_expected_and_never_got_is_left_out_of_the_index(
        built_site: Path, tmp_path: Path) -> None:
    """Pagefind starts on the articles rendered before the build; if a page is never
    written after all, it indexes the site as written instead, without that page."""
    site = site_without_index(built_site, tmp_path / "site")
    pages = articles_of(built_site)
    never = {"never/written/index.html": next(iter(pages.values()))}
    assert_index_as_built(Indexer.of(site, {**pages, **never}), pages, site, built_site)


def test_a_page_written_otherwise_than_rendered_or_unexpected_is_indexed_as_written(
        built_site: Path, tmp_path: Path) -> None:
    """An article another plugin changed, or a page with none rendered before the build,
    has Pagefind index the site as written, once its first run has read the articles."""
    site = site_without_index(built_site, tmp_path / "site")
    pages = articles_of(built_site)
    names = sorted(pages)
    changed, unexpected = names[0], names[-1]
    before = {name: html for name, html in pages.items() if name != unexpected}
    before[changed] = before[changed].replace("</article>", "<p>Zanzibar</p></article>", 1)
    indexer = Indexer.of(site, before)
    assert indexer.process.wait() == 0
    assert_index_as_built(indexer, {name: pages[name] for name in names}, site, built_site)


def test_each_page_as_rendered_before_leaves_the_first_index(
        built_site: Path, tmp_path: Path) -> None:
    """Pages written as their articles were rendered: the index is Pagefind's first run's."""
    site = tmp_path / "site"  # no pages: an index of the site as written would be empty
    pages = articles_of(built_site)
    rendered = {name: article_page(html) or html for name, html in pages.items()}
    assert_index_as_built(Indexer.of(site, rendered), pages, site, built_site)


def test_the_build_renders_every_article_before_as_it_writes_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Pagefind indexes the example while it is built, never again at the end."""
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.cocreate.search"):
        build_site(EXAMPLE, site_dir=tmp_path / "site")
    assert (tmp_path / "site" / OUTPUT / "pagefind-entry.json").is_file()
    assert not [record for record in caplog.records if "indexes the site again" in
                record.message]
