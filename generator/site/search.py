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
import shutil
import subprocess
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import IO

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


class Indexer:
    """Pagefind, run on the searchable pages' articles (`article_page`) as the build writes
    them, into `site/pagefind/`. It starts as soon as the last page it expects is written,
    so that it indexes on another core while the build renders the pages the search leaves
    out (the plugin has mkdocs write those last: every contributor's page); `finish` waits
    for it, or runs it if some page it expected never came."""

    def __init__(self, site: Path, expected: Collection[str]) -> None:
        self.output = site.resolve() / OUTPUT
        self.waiting = set(expected)
        self.pages = Path(tempfile.mkdtemp(prefix="cocreate-search-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.late = False
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish or abandon)

    def add(self, path: str, html: str) -> None:
        """The page at `path` (in the site) is written as `html`."""
        target = self.pages / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_page(html) or html, "utf-8")
        self.late = self.late or self.process is not None  # a page it did not expect
        self.waiting.discard(path)
        if not self.waiting and self.process is None:
            self.process = _start(self.pages, self.output, self.errors, cwd=self.pages)

    def finish(self) -> None:
        """Wait for Pagefind (starting it if it has not started, and again if a page came
        after it started) and clean up."""
        try:
            if self.process is not None:
                _wait(self.process, self.output, self.errors)
            if self.process is None or self.late:
                shutil.rmtree(self.output, ignore_errors=True)  # no chunk of a first run kept
                self.process = _start(self.pages, self.output, self.errors, cwd=self.pages)
                _wait(self.process, self.output, self.errors)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Stop Pagefind if it runs (the build failed), and remove the articles."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()
        if self.pages.exists():  # by full paths: shutil.rmtree opens folders by bare name
            for written in sorted(self.pages.rglob("*"), key=lambda found: len(found.parts),
                                  reverse=True):
                written.rmdir() if written.is_dir() else written.unlink()
            self.pages.rmdir()


def index_site(site: Path) -> None:
    """Index the pages of `site` into `site/pagefind/`, reading each whole (pages without a
    searchable article are skipped): for `mkdocs serve --dirty`, whose build writes only
    the pages that changed.

    Pagefind runs as a command, not as the service its Python API starts: the service
    answers that the files are written while its last writes may still be under way, and
    the API then stops it, leaving a file empty or cut short on a busy machine (Pagefind
    issue 1271); the command finishes its writes before it exits."""
    site = site.resolve()
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryDirectory() as nowhere:
        _wait(_start(site, site / OUTPUT, errors, cwd=Path(nowhere)), site / OUTPUT, errors)


def _start(site: Path, output: Path, errors: IO[bytes], cwd: Path) -> subprocess.Popen[bytes]:
    """Pagefind's command started on the pages of `site`, into `output`, in the folder
    `cwd` (which holds no pagefind.yml), what it says going to `errors`."""
    arguments = [str(_executable()), "--site", str(site), "--output-path", str(output),
                 "--glob", EVERY_PAGE, "--silent"]
    for selector in IGNORED:
        arguments += ["--exclude-selectors", selector]
    # It would read a pagefind.yml where it runs, and settings from PAGEFIND_ variables.
    settings = {name: value for name, value in os.environ.items()
                if not name.startswith("PAGEFIND_")}
    return subprocess.Popen(arguments, cwd=cwd, env=settings, stdin=subprocess.DEVNULL,
                            stdout=errors, stderr=errors)


def _wait(process: subprocess.Popen[bytes], output: Path, errors: IO[bytes]) -> None:
    """Wait for Pagefind; then remove what it writes that the site does not use."""
    if process.wait() != 0:
        errors.seek(0)
        raise SearchIndexError(errors.read().decode("utf-8", "replace").strip())
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
