"""The theme's chrome made cheaper and lighter (generator/site/chrome.py) changes nothing a
visitor gets: each page of the example, built as it is, is the page built with every part
rendered afresh and its indentation kept, less only that indentation; and a page without
its indentation reads, tag for tag and attribute for attribute, as the page with it, its
text the same once HTML has collapsed its whitespace, and byte for byte in `<pre>`,
`<textarea>`, `<script>` and `<style>`."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.portal.clock import ENVIRONMENT_VARIABLE
from generator.site.chrome import ThemeParts, strip_indentation, without_theme_search
from generator.site.plugin import CocreatePlugin
from tests.support import EXAMPLE, EXAMPLE_NOW

VERBATIM = {"pre", "textarea", "script", "style"}


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built with every theme part rendered for its page, indentation kept."""
    site = tmp_path_factory.mktemp("full-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENVIRONMENT_VARIABLE, EXAMPLE_NOW.isoformat())
        config = load_config(str(EXAMPLE / "mkdocs.yml"), site_dir=str(site), strict=True)
        plugin = config.plugins["cocreate"]
        assert isinstance(plugin, CocreatePlugin)
        plugin.lean = False  # mkdocs keeps one instance for every build in the process
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            plugin.lean = True
            config.plugins.on_shutdown()
    return site


class Reading(HTMLParser):
    """What a browser reads from HTML: tags, attributes, and text, with whitespace runs
    outside verbatim elements as one space (as HTML lays them out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []
        self.open: list[str] = []
        self.text = ""

    def flush(self) -> None:
        if self.text:
            verbatim = any(tag in VERBATIM for tag in self.open)
            self.events.append(("text", self.text if verbatim
                                 else re.sub(r"\s+", " ", self.text)))
            self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush()
        self.events.append(("start", tag, repr(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.flush()
        self.events.append(("end", tag))
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_comment(self, data: str) -> None:
        self.flush()
        self.events.append(("comment", data))


def read(html: str) -> list[tuple[str, ...]]:
    reading = Reading()
    reading.feed(html)
    reading.close()
    reading.flush()
    return reading.events


def pages(site: Path) -> list[str]:
    return sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))


def test_each_page_is_the_page_rendered_in_full_less_its_indentation(
        built_site: Path, full_site: Path) -> None:
    assert pages(built_site) == pages(full_site)
    for name in pages(built_site):
        full = (full_site / name).read_text("utf-8")
        assert (built_site / name).read_text("utf-8") == strip_indentation(full), name


def test_a_page_without_its_indentation_reads_as_the_page_with_it(full_site: Path) -> None:
    for name in pages(full_site):
        full = (full_site / name).read_text("utf-8")
        assert read(strip_indentation(full)) == read(full), name


def test_the_lean_pages_are_smaller_by_their_indentation(built_site: Path,
                                                         full_site: Path) -> None:
    idea = "challenges/suggestion-box/ideas/3/index.html"
    lean, full = ((site / idea).stat().st_size for site in (built_site, full_site))
    assert lean < full * 0.9


def test_a_non_breaking_space_is_text_not_indentation() -> None:
    assert strip_indentation("<p>a\n\u00a0 b</p>") == "<p>a\n\u00a0 b</p>"


def test_verbatim_elements_keep_their_spaces_whatever_their_case() -> None:
    html = ("<div>\n    <p>a\n      b</p>\n\n\n  <PRE>x\n    y</PRE>\n  <textarea>\n  t</textarea>"
            "\n  <script>if (a)\n    b()</script>\n  <style>\n  p {}\n</style>\n</div>\n")
    assert strip_indentation(html) == (
        "<div>\n<p>a\nb</p>\n<PRE>x\n    y</PRE>\n<textarea>\n  t</textarea>"
        "\n<script>if (a)\n    b()</script>\n<style>\n  p {}\n</style>\n</div>\n")


def test_a_line_break_stays_wherever_there_was_whitespace_across_lines() -> None:
    assert strip_indentation("<i>a</i>\n   <i>b</i>") == "<i>a</i>\n<i>b</i>"
    assert strip_indentation("<b>a</b>   <b>b</b>") == "<b>a</b>   <b>b</b>"  # within a line


def test_a_part_written_by_a_script_is_the_part_then_its_own_scripts(tmp_path: Path) -> None:
    parts = ThemeParts(tmp_path)
    html = '<form>\n    <input id="a">\n</form>\n<script>var b=1</script>\n<p>"c"</p>'
    tag = parts.script("toggles", "../..", caller=lambda: html)
    path = re.fullmatch(r'<script src="\.\./\.\./(assets/javascripts/cocreate-toggles\.'
                        r'[0-9a-f]{8}\.js)"></script>', tag)
    assert path, tag
    code = (tmp_path / path[1]).read_text("utf-8")
    assert code == ('document.currentScript.insertAdjacentHTML("beforebegin", '
                    + json.dumps('<form>\n<input id="a">\n</form>\n<p>"c"</p>') + ");\n"
                    "var b=1\n")
    assert parts.script("toggles", ".", caller=lambda: "changed") == tag.replace("../..", ".")
    assert parts.script("nothing", ".", caller=lambda: "\n  \n") == ""


def test_the_themes_settings_keep_all_but_its_own_searchs() -> None:
    theirs = {"base": "..", "features": ["navigation.top"], "search": "assets/x.js",
              "translations": {"clipboard.copy": "Copy", "search.result.none": "None",
                               "select.version": "Version"}, "version": None}
    page = f'<p>a</p><script id="__config" type="application/json">{json.dumps(theirs)}</script>'
    trimmed = without_theme_search(page)
    found = re.fullmatch(r'<p>a</p><script id="__config" type="application/json">(.*)</script>',
                         trimmed)
    assert found, trimmed
    assert json.loads(found[1]) == {
        "base": "..", "features": ["navigation.top"], "version": None,
        "translations": {"clipboard.copy": "Copy", "select.version": "Version"}}
