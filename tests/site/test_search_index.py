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
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.site.search import OUTPUT, Indexer, article_page, index_site

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


def test_a_page_it_expected_and_never_got_still_leaves_every_page_indexed(
        built_site: Path, tmp_path: Path) -> None:
    """Pagefind starts when the last page it expects is written; if one never comes (a
    page mkdocs did not write after all), the build's end runs it on what came."""
    pages = articles_of(built_site)
    indexer = Indexer(tmp_path, [*pages, "never/written/index.html"])
    for name, html in pages.items():
        indexer.add(name, html)
    assert indexer.process is None
    indexer.finish()
    assert written(tmp_path / OUTPUT) == written(built_site / OUTPUT)
    assert not indexer.pages.exists()


def test_a_page_written_after_pagefind_started_is_indexed_too(
        built_site: Path, tmp_path: Path) -> None:
    """A page it did not expect, written once Pagefind has started, has it run again."""
    pages = articles_of(built_site)
    last = sorted(pages)[-1]
    indexer = Indexer(tmp_path, [name for name in pages if name != last])
    for name in sorted(pages):
        if name == last:  # once Pagefind has read the others and written their index
            assert indexer.process is not None and indexer.process.wait() == 0
        indexer.add(name, pages[name])
        if name != last:
            assert (indexer.process is not None) == (name == sorted(pages)[-2])
    indexer.finish()
    assert written(tmp_path / OUTPUT) == written(built_site / OUTPUT)
