"""`cocreate validate`'s check of the hand-written pages: every relative link in
`content/` and every entry of mkdocs.yml's `nav` leads to a page the portal will have, and
the home page's markers name sections it has (generator/site/home.py).

The pages it will have are the files in `content/` and the pages the plugin generates,
listed by the same `Planner` that builds them (`page_paths`, nothing rendered). Links are
read as mkdocs reads them: each page is converted with the Markdown extensions of
mkdocs.yml and every `href` and `src` is taken from the result, so a link in code is
no link. Each kind of check counts when mkdocs' `validation` setting makes it a warning,
so `validate` fails exactly where `mkdocs build --strict` would (mkdocs' defaults: a
missing page or nav entry fails; an anchor, an address from the root or a link with no
file extension only when mkdocs.yml says `warn`, as `cocreate init` writes it).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from generator.i18n import language
from generator.portal.catalog import Catalog
from generator.portal.loader import read_yaml
from generator.portal.problems import Problem
from generator.portal.settings import CONFIG_FILE
from generator.site.build_report import broken_link, line_of, missing_nav_entry
from generator.site.environment import make_environment
from generator.site.feeds import feed_files
from generator.site.home import marker_problems
from generator.site.pages import Planner

# mkdocs 1.6's defaults for `validation`: what stops a strict build unless mkdocs.yml says
LINK_CHECKS = {"not_found": "warn", "anchors": "info", "absolute_links": "info",
               "unrecognized_links": "info"}
NAV_CHECKS = {"not_found": "warn"}
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")  # mkdocs adds these to every site's
ID_ATTRIBUTE = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")


def check_content_links(catalog: Catalog) -> list[Problem]:
    """Every link of content/ and entry of nav that leads to no page, and every unsound
    marker of the home page, as a problem."""
    config = read_yaml(catalog.root / CONFIG_FILE, CONFIG_FILE, tolerate_tags=True)
    data = config.data if isinstance(config.data, dict) else {}
    docs = catalog.root / str(data.get("docs_dir") or "docs")
    written = {file.relative_to(docs).as_posix(): file for file in sorted(docs.rglob("*"))
               if file.is_file()} if docs.is_dir() else {}
    portal = Site(catalog, set(written))
    links, nav = validation_levels(data.get("validation"))
    reader = PageReader(data.get("markdown_extensions"))
    problems = []
    for page, file in written.items():
        if page.endswith(".md"):
            shown = file.relative_to(catalog.root).as_posix()
            problems += check_page(page, file, shown, portal, reader, links, written)
        if page == "index.md":  # the home page's markers place the generated sections
            problems += marker_problems(file.read_text(encoding="utf-8"), shown)
    if nav["not_found"] == "warn":
        docs_name = docs.relative_to(catalog.root).as_posix()
        problems += [missing_nav_entry(config.line_of(location), entry, docs_name)
                     for location, entry in nav_entries(data.get("nav"), ("nav",))
                     if local(entry) and not entry.startswith("/")
                     and not portal.has(entry.partition("#")[0])]
    return problems


class Site:
    """The pages and files the portal will have: written by hand, or generated."""

    def __init__(self, catalog: Catalog, written: set[str]) -> None:
        self.planner = Planner(catalog, make_environment(None, language(
            catalog.settings.language)))
        self.written = written
        self.pages = set(self.planner.page_paths())
        self.other_files: set[str] | None = None  # open data, feeds: only if linked

    def has(self, path: str) -> bool:
        if path in self.written or path in self.pages:
            return True
        if path.endswith(".md"):
            return False
        if self.other_files is None:
            self.other_files = {*self.planner.data_files(), *feed_files(self.planner.standings)}
        return path in self.other_files


def check_page(page: str, file: Path, shown: str, portal: Site, reader: PageReader,
               levels: dict[str, str], written: dict[str, Path]) -> list[Problem]:
    """The links of one hand-written page that lead nowhere."""
    problems = []
    for link in reader.links(file.read_text(encoding="utf-8")):
        kind, anchor = judge(page, link, portal, reader, written)
        if kind is not None and levels[kind] == "warn":
            problems.append(broken_link(shown, line_of(file, link), link, kind, anchor=anchor))
    return problems


def judge(page: str, link: str, portal: Site, reader: PageReader,
          written: dict[str, Path]) -> tuple[str | None, str]:
    """Which of mkdocs' checks `link` fails on `page` (None if none), and its anchor."""
    parts = urlsplit(link)
    if AMP_SUBSTITUTE in link or parts.scheme or parts.netloc or not local(link):
        return None, ""
    if link.startswith(("/", "\\")):
        return "absolute_links", ""
    anchor = parts.fragment
    if not parts.path:
        target = page
    else:
        path = unquote(parts.path)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if "." not in posixpath.basename(path.rstrip("/")) or path.endswith("/"):
            return "unrecognized_links", ""
        if not portal.has(target):
            return "not_found", ""
    if anchor and target in written and target.endswith(".md") \
            and anchor not in reader.anchors(written[target]):
        return "anchors", anchor
    return None, ""


def local(link: str) -> bool:
    """Whether a link points into the site (not mailto:, not another site)."""
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link)


def validation_levels(setting: Any) -> tuple[dict[str, str], dict[str, str]]:
    """mkdocs.yml's `validation`: its shorthand applies to links and nav alike."""
    setting = setting if isinstance(setting, dict) else {}
    links, nav = dict(LINK_CHECKS), dict(NAV_CHECKS)
    for levels, section in ((links, "links"), (nav, "nav")):
        for key in levels:
            for value in (setting.get(key), (setting.get(section) or {}).get(key)):
                if isinstance(value, str):
                    levels[key] = value
    return links, nav


def nav_entries(nav: Any, location: tuple[str | int, ...]
                ) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Each page a `nav` names, with where it stands in mkdocs.yml."""
    if isinstance(nav, str):
        yield location, nav
    elif isinstance(nav, list):
        for index, item in enumerate(nav):
            yield from nav_entries(item, (*location, index))
    elif isinstance(nav, dict):
        for title, item in nav.items():
            yield from nav_entries(item, (*location, str(title)))


class PageReader:
    """Reads a hand-written page as mkdocs does, with mkdocs.yml's Markdown extensions."""

    def __init__(self, extensions: Any) -> None:
        names = list(MKDOCS_EXTENSIONS)
        configs: dict[str, Any] = {}
        for entry in extensions if isinstance(extensions, list) else []:
            name, config = (entry, None) if isinstance(entry, str) else (
                next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1
                else (None, None))
            if name is None:
                continue
            if str(name) not in names:
                names.append(str(name))
            if isinstance(config, dict):
                configs[str(name)] = config
        try:
            self.markdown = markdown.Markdown(extensions=names, extension_configs=configs)
        except Exception:  # an extension this reader cannot load: the build will say so
            self.markdown = markdown.Markdown(extensions=list(MKDOCS_EXTENSIONS))
        self.collector = LinkCollector(self.markdown)
        self.markdown.treeprocessors.register(self.collector, "cocreate_links", 0)
        self._anchors: dict[Path, set[str]] = {}

    def links(self, text: str) -> list[str]:
        self.collector.found = []
        self.markdown.reset().convert(text)
        return self.collector.found

    def anchors(self, file: Path) -> set[str]:
        """Every id a page's HTML will carry: its headings' and those written in it."""
        if file not in self._anchors:
            html = self.markdown.reset().convert(file.read_text(encoding="utf-8"))
            self._anchors[file] = set(self.collector.ids) | set(ID_ATTRIBUTE.findall(html))
        return self._anchors[file]


class LinkCollector(Treeprocessor):
    """Keeps each link (`href`, `src`) and each element id of the page it walks."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.found: list[str] = []
        self.ids: list[str] = []

    def run(self, root: Element) -> None:
        self.found, self.ids = [], []
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    self.found.append(value)
            if element.get("id"):
                self.ids.append(element.get("id", ""))
