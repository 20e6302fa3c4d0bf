"""The mkdocs plugin: with the pages it converts ahead (ahead.py), all that imports mkdocs.

It reads the portal's settings from its options and gives their language to the theme, loads
and checks the whole catalog once per build (failing the build with every problem listed),
adds the generated pages, open data and feeds as files with no copy on disk (keeping every
idea, challenge sub-page and person out of the navigation, whatever mkdocs.yml says, and
lighting up the entry each belongs under instead), puts each page's HTML fragments back once
Markdown has converted it, names the feeds in every page's head, gives every page the
Content-Security-Policy of the theme's own inline code, has the theme's chrome rendered once
where it is alike and its indentation left out (generator/site/chrome.py), has Pagefind
index the searchable pages' articles while the pages are built (generator/site/search.py),
has a forked copy convert half of the generated pages' Markdown (generator/site/ahead.py),
and has `mkdocs serve` watch `challenges/`.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError

from generator.contest.verify import source_commit
from generator.cores import Ahead
from generator.i18n import Language, language
from generator.models.settings import Settings
from generator.portal import clock
from generator.portal.catalog import Catalog
from generator.portal.problems import ProblemsFound
from generator.portal.reading import load_catalog
from generator.portal.settings import read_settings
from generator.site.ahead import AheadPage, Converted, convert_ahead
from generator.site.build_report import BuildReport
from generator.site.chrome import (
    ThemeParts,
    has_sidebars,
    headings_below_title,
    name_palette_toggles,
    strip_indentation,
    without_theme_search,
)
from generator.site.csp import ThemeCode, add_policy, policy
from generator.site.environment import PageSpec, make_environment
from generator.site.feeds import feed_files, head_links
from generator.site.home import marker_problems, place_sections
from generator.site.pages import Planner
from generator.site.search import (
    ARTICLE,
    SEARCHABLE_ARTICLE,
    UNAVAILABLE,
    Indexer,
    SearchIndexError,
    index_site,
    render_articles,
)
from generator.site.template_cache import cache_compiled
from generator.site.theme_files import list_visible_files_only


class CocreatePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Turns the catalog in challenges/ into pages of the site."""

    def __init__(self) -> None:
        super().__init__()
        self.settings: Settings | None = None
        self.root = Path.cwd()
        self.catalog: Catalog | None = None
        self.preloaded: Catalog | None = None  # from `cocreate build`, which checked it already
        self.planner: Planner | None = None
        self.specs: dict[str, PageSpec] = {}  # generated pages by source path, until rendered
        self.lang: Language | None = None
        self.theme: NeutralTheme | None = None
        self.policies: dict[str, str] = {}  # each page's policy by source path, until written
        self.listed: dict[str, Page] = {}  # the navigation's pages, by source path
        self.section: Page | None = None  # the one lit up for the page being rendered
        self.nav: Navigation | None = None
        self.indexer: Indexer | None = None  # the search's, started as the pages are built
        self.ahead: Ahead[str, Converted] = Ahead({})  # pages a copy converts: site/ahead.py
        self.dirty = False  # `mkdocs serve --dirty` writes only the pages that changed
        self.lean = True  # parts rendered once, indentation left out: site/chrome.py
        self.parts = ThemeParts(Path("site"))

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Validate the options with the Settings model instead of mkdocs' config options."""
        if config_file_path:
            self.root = Path(config_file_path).resolve().parent
        try:
            self.settings = Settings.model_validate(options)
        except ValidationError:
            try:  # read mkdocs.yml again to name the line of each problem
                read_settings(self.root)
            except ProblemsFound as found:
                return [("settings", ValueError("\n" + str(found)))], []
            raise
        return [], []

    @event_priority(100)  # before the theme's search plugin, if mkdocs.yml still names it
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The portal's `language` is the theme's too, so the whole interface speaks it; the
        theme's own search plugin, which mkdocs.yml of older portals may still list, is off
        (the search is Pagefind's); the theme's hidden icons are not walked (theme_files.py).
        """
        assert self.settings is not None
        lang = self.lang = language(self.settings.language)
        config.theme["language"] = self.settings.language
        list_visible_files_only(config.theme)
        name_palette_toggles(config.theme.get("palette"), lang)
        for name in ("material/search", "search"):
            if name in config.plugins:
                config.plugins[name].config.enabled = False
        config.watch.append(str(self.root / self.settings.challenges_dir))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        try:
            self.catalog = self.preloaded or load_catalog(self.root, settings=self.settings,
                                                          now=clock.now())
        except ProblemsFound as found:
            raise PluginError(f"the portal has problems:\n{found}") from None
        self.preloaded = None  # `mkdocs serve` reads the files again on every change
        # The catalog lives until the build ends: spare the cycle collector from walking its
        # million objects again each time it looks at the pages built since.
        gc.freeze()
        try:  # the tallies read when votes by ballot were merged, from Git
            self.planner = Planner(self.catalog, make_environment(
                self.root / "theme" / "cocreate", language(self.catalog.settings.language)),
                                   commit=source_commit(self.root))
        except ProblemsFound as found:
            raise PluginError(f"the portal has problems:\n{found}") from None
        docs = Path(config.docs_dir)
        self.specs = {}
        for spec in self.planner.plan():
            if spec.fragments or not spec.searchable:
                self.specs[spec.path] = spec
            file = File.generated(config, spec.path, content=spec.markdown)
            if not spec.in_nav:  # as mkdocs-material's blog keeps its posts out
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if spec.edit_path:  # "Edit this page" opens the YAML the page came from
                file.edit_uri = os.path.relpath(self.root / spec.edit_path, docs).replace(
                    os.sep, "/")
            if not spec.in_nav:
                AheadPage(None, file, config)  # the file's page, perhaps converted ahead
            files.append(file)
        for path, text in self.planner.data_files().items():
            files.append(File.generated(config, path, content=text))
        for path, text in feed_files(self.planner.standings).items():
            files.append(File.generated(config, path, content=text))
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.listed = {page.file.src_uri: page for page in nav.pages}
        self.nav = nav
        if not self.dirty:  # mkdocs converts every page next: have a copy convert some
            self.ahead = convert_ahead(files, config)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig,
               files: Files) -> Environment:
        self.ahead.abandon()  # every page is converted: the copy is done, or not needed
        self.parts = ThemeParts(Path(config.site_dir), reuse=self.lean)
        env.globals.update(cocreate_once=self.parts.once, cocreate_script=self.parts.script,
                           cocreate_sidebars=has_sidebars)
        env.filters["cocreate_without_theme_search"] = without_theme_search
        cache_compiled(env)
        self.theme = NeutralTheme(env, config, files, self.parts)
        assert self.lang is not None
        # theme/partials/ wrap the theme's own partials, which it finds as material/…
        assert env.loader is not None
        own = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
        env.loader = ChoiceLoader([env.loader, PrefixLoader(
            {"material": FileSystemLoader(own)})])
        # What theme/partials/search.html says when the search cannot load, in the language.
        env.globals["cocreate_search_unavailable"] = self.lang.gettext(UNAVAILABLE)
        env.globals["cocreate_article"] = lambda page, caller: (
            self.indexer.body(page, caller) if self.indexer is not None else caller())
        if not self.dirty:  # every page is read and converted, and will be written: index
            nav = self.nav
            assert nav is not None  # on_nav came first
            self.indexer = Indexer.rendered(  # them now
                Path(config.site_dir), strip_indentation if self.lean else str,
                lambda keep: render_articles(
                    env, config, lambda page: dict(get_context(nav, [], config, page)),
                    [file.page for file in files.documentation_pages()
                     if file.page is not None and searchable(file.page.meta)], keep))
        return env

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        """The page's policy, from the theme around a neutral page with the same template; and
        for a page the navigation leaves out, the entry it belongs under lit up instead."""
        assert self.theme is not None
        section = listed_section(page.file.src_uri, self.listed.keys())
        self.section = self.listed[section] if section is not None else None
        if self.section is not None:  # mkdocs marks the page being built, and its parents
            self.section.active = True
        self.policies[page.file.src_uri] = self.theme.policy(
            page.meta.get("template", "main.html"), context)
        if page.file.src_uri not in self.listed:  # its navigation is that of its neighbours
            context["cocreate_shared_nav"] = (str(context["base_url"]), section)
            context["cocreate_shared_toc"] = headings_below_title(page.toc)
        return context

    def on_template_context(self, context: Any, /, *, template_name: str,
                            config: MkDocsConfig) -> Any:
        if template_name == "404.html" and self.theme is not None:
            self.policies[template_name] = self.theme.policy(template_name, context)
        return context

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """The home page gains what is open and won; pages the search leaves out say so."""
        if page.file.src_uri == "index.md" and self.planner is not None:
            shown = os.path.relpath(page.file.abs_src_path or page.file.src_path, self.root)
            problems = marker_problems(markdown, Path(shown).as_posix())
            if problems:
                raise PluginError(f"the portal has problems:\n{ProblemsFound(problems)}")
            return place_sections(markdown, self.planner.home_sections)
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and not spec.searchable:
            page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """A generated page's HTML fragments, in place of the markers Markdown passed through."""
        spec = self.specs.pop(page.file.src_uri, None)
        return spec.fill(html) if spec is not None else html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Every page carries the Content-Security-Policy of the theme's own inline code;
        the search indexes the article of each page it does not leave out, and nothing else."""
        if self.section is not None:
            self.section.active = False
            self.section = None
        kept = searchable(page.meta)
        if kept:
            output = output.replace(ARTICLE, SEARCHABLE_ARTICLE, 1)
        if self.lean:
            output = strip_indentation(output)
        if kept and self.indexer is not None:
            self.indexer.add(page.file.dest_uri, output)
        return add_policy(self.link_feeds(output, page.file.src_uri),
                          self.policies.pop(page.file.src_uri))

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        """The "not found" page, rendered from a template, names the feeds too."""
        if template_name == "404.html":
            if self.lean:
                output_content = strip_indentation(output_content)
            return add_policy(self.link_feeds(output_content, template_name),
                              self.policies.pop(template_name))
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index, from the pages as written: `mkdocs build`, `mkdocs serve` and
        `cocreate build` all index the site they built."""
        indexer, self.indexer = self.indexer, None
        try:
            if indexer is None:  # this build wrote some pages only: Pagefind reads every page
                index_site(Path(config.site_dir))
            else:
                indexer.finish()
        except (SearchIndexError, OSError) as error:
            raise PluginError(f"the search index could not be built: {error}") from None

    def on_build_error(self, *, error: Exception) -> None:
        self.ahead.abandon()
        if self.indexer is not None:
            self.indexer.abandon()
            self.indexer = None

    def link_feeds(self, output: str, path: str) -> str:
        """Feed readers find the portal's feeds, and a challenge page's own, in its head."""
        links = head_links(self.planner.standings, path) if self.planner is not None else ""
        return output.replace("</head>", links + "</head>", 1) if links else output


class NeutralTheme:
    """The theme's pages around neutral content, whose inline code is the theme's own.

    The theme's scripts mention the way back to the site's root (`base_url`), so a page's
    policy depends on its template and its depth: each is rendered once per build.
    """

    def __init__(self, env: Environment, config: MkDocsConfig, files: Files,
                 parts: ThemeParts) -> None:
        self.env = env
        self.config = config
        self.files = files
        self.parts = parts  # rendered afresh here: the neutral page's are not the site's
        self.policies: dict[tuple[str, str], str] = {}
        self.neutral: Page | None = None

    def policy(self, template: str, context: Any) -> str:
        key = (template, str(context["base_url"]))
        if key not in self.policies:
            if self.neutral is None:  # converted once: Markdown starts up in some 40 ms
                self.neutral = Page(None, File.generated(
                    self.config, "cocreate-neutral.md", content="# Neutral\n\nNeutral.\n"),
                                    self.config)
                self.neutral.read_source(self.config)
                self.neutral.render(self.config, self.files)
            with self.parts.fresh():
                html = self.env.get_template(template).render({**context, "page": self.neutral})
            self.policies[key] = policy(ThemeCode.read(html))
        return self.policies[key]


def searchable(meta: Mapping[str, Any]) -> bool:
    """Whether the search keeps a page: unless its front matter says `search: exclude: true`
    (as the plugin says of every contributor's page)."""
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def listed_section(path: str, listed: Collection[str]) -> str | None:
    """The page of the navigation (by source path) that a page left out of it belongs under:
    the index of the nearest folder above it that the navigation lists (for an idea's page,
    a challenge's, its leaderboard: Challenges; a person's: Contributors). None for a page in
    the navigation, or with no listed index above it."""
    if path in listed:
        return None
    folders = path.split("/")[:-1]
    while folders:
        index = "/".join(folders) + "/index.md"
        if index in listed:
            return index
        folders.pop()
    return None


def build_site(root: Path, *, site_dir: Path | None = None, strict: bool = True,
               catalog: Catalog | None = None, language: str | None = None) -> Path:
    """Build the portal in `root` as `mkdocs build --strict` would; returns the site folder.

    A `catalog` already loaded from `root` is used instead of reading the files again;
    `language` overrides the portal's setting for this build.
    """
    from mkdocs.commands.build import build

    overrides: dict[str, Any] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    config = load_config(str(root / "mkdocs.yml"), **overrides)
    plugin = config.plugins.get("cocreate")
    if isinstance(plugin, CocreatePlugin):
        if language is not None and plugin.settings is not None:
            plugin.settings = plugin.settings.model_copy(update={"language": language})
            if catalog is not None:
                catalog = dataclasses.replace(catalog, settings=plugin.settings)
        plugin.preloaded = catalog
    config.plugins.on_startup(command="build", dirty=False)
    warnings = Warnings()
    # mkdocs' logger, or ProperDocs' when it builds (generator/site/builders.py)
    logger = logging.getLogger(build.__module__.partition(".")[0])
    logger.addHandler(warnings)
    try:
        build(config)
    except Abort:  # strict mode stops with a count: say what each warning was instead
        if not warnings.messages:
            raise
        report = BuildReport(root.resolve(), Path(config.docs_dir))
        raise ProblemsFound([report.problem(message)
                             for message in warnings.messages]) from None
    finally:
        logger.removeHandler(warnings)
        config.plugins.on_shutdown()
    return Path(config.site_dir)


class Warnings(logging.Handler):
    """Keeps the warnings and errors mkdocs logs during a build, which it only counts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
