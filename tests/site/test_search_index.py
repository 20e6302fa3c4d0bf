"""The search index as written: whole files, the pages the search keeps, and the glob
that spares Pagefind reading the others.

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

from generator.site.search import OUTPUT, glob, index_site

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


def test_builds_at_once_each_write_every_file_of_the_index_whole(
        built_site: Path, tmp_path: Path) -> None:
    searchable, left_out = pages_of(built_site)
    sites = [tmp_path / f"site-{number}" for number in range(CROWD)]
    for site in sites:
        shutil.copytree(built_site, site, ignore=shutil.ignore_patterns(OUTPUT))
    with ThreadPoolExecutor(CROWD) as crowd:
        list(crowd.map(lambda site: index_site(site, searchable, left_out), sites))
    indexes = [written(site / OUTPUT) for site in sites]
    assert indexes[0] == written(built_site / OUTPUT)
    assert all(index == indexes[0] for index in indexes)


def test_the_glob_names_whole_folders_and_the_kept_pages_of_mixed_ones() -> None:
    searchable = ["index.html", "about/index.html", "challenges/a/index.html",
                  "challenges/a/ideas/1/index.html", "people/index.html"]
    left_out = ["404.html", "people/lucy/index.html"]
    assert glob(searchable, left_out) == \
        "{about/**/*.html,challenges/**/*.html,index.html,people/index.html}"


def test_the_glob_escapes_what_pagefind_would_read_as_a_pattern() -> None:
    assert glob(["a page {1}/index.html", "people/x[1]/index.html"], ["people/y/index.html"]) \
        == r"{a page \{1\}/**/*.html,people/x\[1\]/index.html}"
    assert glob([], []) == "**/*.html"  # mkdocs serve --dirty: every page


def test_an_idea_is_indexed_by_what_its_page_says_not_by_the_links_around_it(
        built_site: Path) -> None:
    from tests.support.pagefind_index import indexed_pages

    idea = indexed_pages(built_site)["challenges/winter-menu-2026/ideas/21/"]
    assert idea["meta"]["title"] == "Porridge bar on cold mornings"
    assert idea["content"].startswith("Porridge bar on cold mornings. ")
    # the challenge's tabs, on each of its pages, say nothing of this one: a <nav>, which
    # Pagefind leaves out of what it indexes
    assert "Overview" not in idea["content"] and "Leaderboard" not in idea["content"]
