"""The site search: a Pagefind index of the built site, written into `pagefind/` beside it.

Pagefind splits the index into small chunks, so a visitor's first search downloads
Pagefind's script and WebAssembly, the chunks holding the words asked for, and one
fragment per result shown, instead of one index of the whole site. It reads each page's
language from `<html lang>` and indexes only what is inside `data-pagefind-body`: the
plugin marks the article of every page the search does not leave out, so pages without
it (contributors' pages, the "not found" page) stay out of the index.

Since nothing outside the article counts, the plugin hands Pagefind each searchable page
as its `<html>` tag and its article alone (`article_page`), in a folder of its own with
the site's paths, and Pagefind writes the same index as from the whole pages, in less time
(the theme's chrome is four fifths of an idea's page): `tests/site/test_search_index.py`
compares the two, file for file.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from generator.i18n import N_

ARTICLE = '<article class="md-content__inner md-typeset">'
SEARCHABLE_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
# Inside an article, but not what a page says: the headings' permalink signs, the gallery's
# filter menus (every status, segment and tag, on every challenge page), and the cards of
# ideas and challenges (galleries, the roadmap, the home page), which repeat what the search
# finds on their own pages (a challenge of 10,000 ideas would otherwise make its page's
# fragment megabytes long). The leaderboard's and the vote audit's tables carry
# data-pagefind-ignore for that reason.
IGNORED = (".headerlink", ".cc-filters", ".cc-card")
OUTPUT = "pagefind"
EVERY_PAGE = "**/*.html"
# Pagefind also writes its ready-made interfaces; the site uses its JavaScript API alone.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
          "pagefind-highlight.js")
# What the search dialog says when Pagefind's script or index cannot be loaded: a copy of
# the site opened from disk (file://), or built by something that does not run this plugin.
UNAVAILABLE = N_("Search is not available on this copy of the site.")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is what it said."""


HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)


def article_page(html: str) -> str | None:
    """The page as Pagefind reads it: its `<html>` tag (the language) and its searchable
    article, the last to close (cards inside it are articles too); None without one."""
    start = html.find(SEARCHABLE_ARTICLE)
    end = html.rfind("</article>")
    opening = HTML_TAG.search(html)
    if start < 0 or end < start or opening is None:
        return None
    return (f'<!doctype html>\n{opening[0]}<head><meta charset="utf-8"></head>'
            f'<body>{html[start:end + len("</article>")]}</body></html>\n')


def index_articles(site: Path, articles: dict[str, str]) -> None:
    """Index the pages whose `article_page` each of `articles` is (by their path in the
    site) into `site/pagefind/`, as `index_site` would index them from the whole pages."""
    pages = Path(tempfile.mkdtemp(prefix="cocreate-search-"))
    try:
        for path, text in articles.items():
            (pages / path).parent.mkdir(parents=True, exist_ok=True)
            (pages / path).write_text(text, "utf-8")
        _run(pages, site.resolve() / OUTPUT, EVERY_PAGE)
    finally:  # by full paths: shutil.rmtree opens each folder by its bare name
        for written in sorted(pages.rglob("*"), key=lambda found: len(found.parts),
                              reverse=True):
            written.rmdir() if written.is_dir() else written.unlink()
        pages.rmdir()


def index_site(site: Path) -> None:
    """Index the pages of `site` into `site/pagefind/`, reading each whole (pages without a
    searchable article are skipped): for `mkdocs serve --dirty`, whose build writes only
    the pages that changed.

    Pagefind runs as a command, not as the service its Python API starts: the service
    answers that the files are written while its last writes may still be under way, and
    the API then stops it, leaving a file empty or cut short on a busy machine (Pagefind
    issue 1271); the command finishes its writes before it exits."""
    site = site.resolve()
    _run(site, site / OUTPUT, EVERY_PAGE)


def _run(site: Path, output: Path, pages: str) -> None:
    """Pagefind's command on the pages of `site` the glob `pages` matches, into `output`."""
    arguments = [str(_executable()), "--site", str(site), "--output-path", str(output),
                 "--glob", pages, "--silent"]
    for selector in IGNORED:
        arguments += ["--exclude-selectors", selector]
    # It would read a pagefind.yml where it runs, and settings from PAGEFIND_ variables.
    settings = {name: value for name, value in os.environ.items()
                if not name.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory() as nowhere:
        done = subprocess.run(arguments, cwd=nowhere, env=settings, capture_output=True,
                              text=True, check=False)
    if done.returncode != 0:
        raise SearchIndexError((done.stderr or done.stdout).strip())
    for pattern in UNUSED:
        for file in output.glob(pattern):
            file.unlink()


def _executable() -> Path:
    """Pagefind's binary: from the pagefind[bin] package, PAGEFIND_BINARY_PATH or PATH."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's binary was not found: install pagefind[bin]")
    return found
