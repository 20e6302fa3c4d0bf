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
(the theme's chrome is most of an idea's page): `tests/site/test_search_index.py`
compares the two, file for file. The articles are rendered before any page is built
(`render_articles`, once mkdocs has converted every page's Markdown), so Pagefind indexes
on another core while the build renders and writes the pages (and the pages use the
bodies as rendered). Each page as written is checked against its article; if one differs
(a plugin changed it), was not expected or was never written, Pagefind indexes the site
as written instead, every page whole.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from generator.cores import render_all
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


log = logging.getLogger("mkdocs.plugins.cocreate.search")


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message is what it said."""


HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
# `{% extends "name" %}` in a template's source, once its `{# comments #}` are left out
EXTENDS = re.compile(r"""\{%[-+]?\s*extends\s+(["'])(?P<name>[^"']+)\1\s*[-+]?%\}""")
COMMENT = re.compile(r"\{#.*?#\}", re.S)


def article_page(html: str) -> str | None:
    """The page as Pagefind reads it: its `<html>` tag (the language) and its searchable
    article, the last to close (cards inside it are articles too); None without one."""
    start = html.find(SEARCHABLE_ARTICLE)
    end = html.rfind("</article>")
    opening = HTML_TAG.search(html)
    if start < 0 or end < start or opening is None:
        return None
    return as_page(opening[0], html[start:end + len("</article>")])


def as_page(opening: str, article: str) -> str:
    """What Pagefind is handed of a page: its `<html>` tag and its article."""
    return (f'<!doctype html>\n{opening}<head><meta charset="utf-8"></head>'
            f"<body>{article}</body></html>\n")


def render_articles(env: Any, config: Any, context_of: Callable[[Any], dict[str, Any]],
                    pages: Iterable[Any], keep: Callable[[str, str], int]
                    ) -> dict[str, tuple[int, str]]:
    """Each page's article rendered before any page is built, in `on_env`, once mkdocs has
    read and converted every page: as Pagefind will read it (`article_page`), handed to
    `keep` with its path in the site (`ArticleFolder.write`, which gives its hash); and its
    body (the page template's `content` block, from the template or one it extends), for
    the page's template to use as it is. By path: the hash and the body. `context_of`
    gives a page's template context, as mkdocs' `get_context` does. A forked copy renders
    and keeps every second one (generator/cores.py)."""
    language = env.get_template("partials/language.html")
    chains: dict[str, list[Any]] = {}

    def render(page: Any) -> tuple[int, str] | None:
        context = context_of(page)
        chain = chains[page.meta.get("template", "main.html")]
        lang = language.make_module(context)
        frame = chain[0].new_context({**context, "lang": lang,
                                      "features": config.theme.get("features") or []})
        for template in chain[1:]:  # as Jinja's `extends` stacks them on the first's
            for block, blocks in template.blocks.items():
                frame.blocks.setdefault(block, []).append(blocks)
        if "content" not in frame.blocks:
            return None
        body = "".join(frame.blocks["content"][0](frame))
        return keep(page.file.dest_uri, as_page(  # the theme's base.html's <html> tag
            f'<html lang="{lang.t("language")}" class="no-js">',
            f"{SEARCHABLE_ARTICLE}{body}</article>")), body

    pages = list(pages)
    for page in pages:  # each template compiled here, not once in each process
        name = page.meta.get("template", "main.html")
        if name not in chains:
            chains[name] = templates_extended(env, name)
    rendered = render_all([functools.partial(render, page) for page in pages])
    return {page.file.dest_uri: article for page, article in zip(pages, rendered, strict=True)
            if article is not None}


def templates_extended(env: Any, name: str) -> list[Any]:
    """The template `name` and those it extends, in turn (`{% extends "…" %}` by name,
    found in the source: parsing a template again would cost as much as compiling it)."""
    chain = []
    while name:
        chain.append(env.get_template(name))
        source = env.loader.get_source(env, name)[0]
        extends = EXTENDS.search(COMMENT.sub("", source))
        name = extends["name"] if extends is not None else ""
    return chain


class ArticleFolder:
    """A folder of its own for the articles Pagefind reads, with the site's paths: each is
    written by the process that rendered it, in the shape the page will be written in."""

    def __init__(self, shape: Callable[[str], str] = lambda html: html) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="cocreate-search-"))
        self.shape = shape

    def write(self, path: str, article: str) -> int:
        """Write the article of the page at `path`; its hash, to check the page against.
        (A forked copy hashes as its parent does: it has the same hash secret.)"""
        shaped = self.shape(article)
        target = self.path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shaped, "utf-8")
        return hash(shaped)


class Indexer:
    """Pagefind, run into `site/pagefind/` on the searchable pages' articles rendered before
    the build writes any page (`render_articles`), so that it indexes on another core while
    the pages are built; once it has, the articles are removed meanwhile too. Each page
    written is checked against its article as rendered (`add`). `finish` waits for
    Pagefind; if a page differed, came unexpected or was never written, Pagefind indexes
    the site as written instead, reading every page whole (`index_site`)."""

    def __init__(self, site: Path, folder: ArticleFolder, expected: dict[str, int],
                 bodies: dict[str, str] | None = None) -> None:
        self.site = site.resolve()
        self.output = self.site / OUTPUT
        self.bodies = bodies or {}  # what each page's template has to render no more
        self.pages = folder.path
        self.expected = expected  # each article's hash, as Pagefind reads it
        self.changed: list[str] = []  # pages not written as the articles Pagefind read
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish or abandon)
        self.process = _start(self.pages, self.output, self.errors, cwd=self.pages)
        self.cleaner = threading.Thread(target=self.clean_up, daemon=True)
        self.cleaner.start()

    @classmethod
    def of(cls, site: Path, articles: dict[str, str]) -> Indexer:
        """Pagefind started on `articles`, by their paths in the site."""
        folder = ArticleFolder()
        return cls(site, folder, {path: folder.write(path, article)
                                  for path, article in articles.items()})

    @classmethod
    def rendered(cls, site: Path, shape: Callable[[str], str],
                 render: Callable[[Callable[[str, str], int]], dict[str, tuple[int, str]]]
                 ) -> Indexer:
        """Pagefind started on the articles `render` renders (`render_articles`, given where
        to keep them), whose bodies the pages' templates then take from `body`."""
        folder = ArticleFolder(shape)
        try:
            articles = render(folder.write)
        except BaseException:
            shutil.rmtree(folder.path)
            raise
        return cls(site, folder, {path: digest for path, (digest, _) in articles.items()},
                   bodies={path: body for path, (_, body) in articles.items()})

    def body(self, page: Any, caller: Callable[[], str]) -> str:
        """The body of a page's article as rendered before the build, or rendered now."""
        body = self.bodies.pop(page.file.dest_uri, None)
        return caller() if body is None else body

    def add(self, path: str, html: str) -> None:
        """The page at `path` (in the site) is written as `html`."""
        if self.expected.pop(path, None) != hash(article_page(html) or html):
            self.changed.append(path)

    def clean_up(self) -> None:
        """Once Pagefind has read the articles and written the index, remove the articles
        (by full paths: shutil.rmtree opens folders by their bare names)."""
        self.process.wait()
        for top, folders, files in os.walk(self.pages, topdown=False):
            for name in files:
                (Path(top) / name).unlink()
            for name in folders:
                (Path(top) / name).rmdir()
        self.pages.rmdir()

    def finish(self) -> None:
        """Wait for Pagefind, or have it index the site as written, and clean up."""
        try:
            self.changed += list(self.expected)  # pages mkdocs did not write after all
            _wait(self.process, self.output, self.errors)
            if self.changed:
                log.info("Pagefind indexes the site again: %d pages were not written as "
                         "rendered before the build (%s)", len(self.changed),
                         ", ".join(self.changed[:3]))
                shutil.rmtree(self.output, ignore_errors=True)  # no chunk of a first run kept
                index_site(self.site)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Stop Pagefind if it runs (the build failed), and wait for the articles to go."""
        if self.process.poll() is None:
            self.process.kill()
        self.cleaner.join()
        self.errors.close()


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
    """Pagefind's binary: PAGEFIND_BINARY_PATH, else from the pagefind[bin] package, else on
    PATH; the order of `pagefind.service.get_executable`, which would import asyncio (some
    13 ms of every build) to run none of it."""
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return Path(os.environ["PAGEFIND_BINARY_PATH"])
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found: Path = importlib.import_module(package).get_executable()
        except ImportError:
            continue
        return found
    on_path = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if on_path is None:
        raise SearchIndexError("Pagefind's binary was not found: install pagefind[bin]")
    return Path(on_path)
