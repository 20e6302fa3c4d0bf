"""Generated pages whose Markdown a forked copy converts to HTML ahead of mkdocs.

mkdocs reads and converts every page's Markdown in turn (some 0.7 ms an idea's page,
the longest of a build's passes with writing the pages). The pages the plugin generates
outside the navigation (ideas, people, a challenge's sub-pages) are made `AheadPage`s:
once the navigation is built, a forked copy of the process converts the second half of
them (`convert_ahead`, generator/cores.py's `Ahead`) while mkdocs converts the first
half here, so the copy's are ready when mkdocs comes to them.

The result is used only where it is what mkdocs would make: for a page whose Markdown,
once every plugin's `on_page_markdown` has run, is the Markdown the copy converted (the
same page, links and settings give the same HTML). Otherwise, and for a page the copy
could not convert, mkdocs converts it here as usual, so an error is raised where it would
have been. What the conversion logged in the copy (a broken link) is logged here when
mkdocs comes to the page, where `--strict` counts it.
"""

from __future__ import annotations

import dataclasses
import functools

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.cores import Ahead


@dataclasses.dataclass(frozen=True)
class Converted:
    """What converting a page's Markdown sets on the page (mkdocs' `Page.render`)."""

    markdown: str  # what was converted
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors, by the linked file's path


class AheadPage(Page):
    """A generated page whose Markdown may have been converted ahead (see above)."""

    ahead: Ahead[str, Converted] | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        ahead, uri = self.ahead, self.file.src_uri
        converted = ahead.take(uri) if ahead is not None and uri in ahead else None
        if converted is None or converted.markdown != self.markdown:
            super().render(config, files)
            return
        links: dict[File, dict[str, str]] | None = None
        if converted.links is not None:
            links = {}
            for path, found in converted.links.items():
                file = files.get_file_from_path(path)
                if file is None:  # not a file of this build: convert the page here
                    super().render(config, files)
                    return
                links[file] = found
        self.content = converted.content
        self.toc = converted.toc
        self._title_from_render = converted.title
        self.present_anchor_ids = converted.anchors
        self.links_to_anchors = links


def convert(page: Page, config: MkDocsConfig, files: Files) -> Converted:
    """Read and convert `page` as mkdocs would (in the forked copy)."""
    config._current_page = page
    try:
        page.read_source(config)
        Page.render(page, config, files)
    finally:
        config._current_page = None
    assert page.markdown is not None and page.content is not None
    links = page.links_to_anchors
    return Converted(page.markdown, page.content, page.toc, page._title_from_render,
                     page.present_anchor_ids, None if links is None else {
                         file.src_uri: found for file, found in links.items()})


def convert_ahead(files: Files, config: MkDocsConfig) -> Ahead[str, Converted]:
    """A forked copy converting the second half of the `AheadPage`s (in mkdocs' order),
    which mkdocs then takes from it instead of converting them."""
    pages = [file.page for file in files.documentation_pages()
             if isinstance(file.page, AheadPage)]
    later = pages[len(pages) // 2:]
    ahead = Ahead({page.file.src_uri: functools.partial(convert, page, config, files)
                   for page in later})
    for page in later:
        page.ahead = ahead
    return ahead
