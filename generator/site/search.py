"""The site search: a Pagefind index of the built site, written into `pagefind/` beside it.

Pagefind splits the index into small chunks, so a visitor's first search downloads
Pagefind's script and WebAssembly, the chunks holding the words asked for, and one
fragment per result shown, instead of one index of the whole site. It reads each page's
language from `<html lang>` and indexes only what is inside `data-pagefind-body`: the
plugin marks the article of every page the search does not leave out, so pages without
it (contributors' pages, the "not found" page) stay out of the index.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Collection
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
GLOB_SPECIAL = re.compile(r"[\\{}\[\]()*?,!<>:$]")
# Pagefind also writes its ready-made interfaces; the site uses its JavaScript API alone.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*",
          "pagefind-highlight.js")
# What the search dialog says when Pagefind's script or index cannot be loaded: a copy of
# the site opened from disk (file://), or built by something that does not run this plugin.
UNAVAILABLE = N_("Search is not available on this copy of the site.")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is what it said."""


def index_site(site: Path, searchable: Collection[str], excluded: Collection[str]) -> None:
    """Index the `searchable` pages of `site` (paths of HTML files relative to it) into
    `site/pagefind/`; `excluded` are the site's other pages, which Pagefind is spared reading
    where a glob can leave them out (it would skip them anyway: they have no body).

    Pagefind runs as a command, not as the service its Python API starts: the service
    answers that the files are written while its last writes may still be under way, and
    the API then stops it, leaving a file empty or cut short on a busy machine (Pagefind
    issue 1271); the command finishes its writes before it exits."""
    site = site.resolve()
    arguments = [str(_executable()), "--site", str(site), "--output-path", str(site / OUTPUT),
                 "--glob", glob(searchable, excluded), "--silent"]
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
        for file in (site / OUTPUT).glob(pattern):
            file.unlink()


def _executable() -> Path:
    """Pagefind's binary: from the pagefind[bin] package, PAGEFIND_BINARY_PATH or PATH."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's binary was not found: install pagefind[bin]")
    return found


def glob(searchable: Collection[str], excluded: Collection[str]) -> str:
    """A glob of the searchable pages: each top-level folder whole when the search keeps all
    its pages, else its searchable pages one by one (people/ holds one: its index)."""
    by_top: dict[str, list[str]] = {}
    for path in searchable:
        by_top.setdefault(path.split("/", 1)[0], []).append(path)
    mixed = {path.split("/", 1)[0] for path in excluded}
    parts: list[str] = []
    for top, paths in sorted(by_top.items()):
        if top in mixed or "/" not in paths[0]:
            parts.extend(map(_literal, sorted(paths)))
        else:
            parts.append(f"{_literal(top)}/**/*.html")
    return "{" + ",".join(parts) + "}" if parts else EVERY_PAGE


def _literal(path: str) -> str:
    """`path` in a glob, its metacharacters escaped (a hand-written page may be named so)."""
    return GLOB_SPECIAL.sub(r"\\\g<0>", path)
