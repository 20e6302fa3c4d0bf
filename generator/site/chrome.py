"""The theme's chrome around each page, made cheaper to render and lighter to serve.

Two things, both measured by `bench/build.py` on portals of thousands of ideas:

- **Parts alike on many pages are rendered once.** The search dialog and the repository
  link are the same on every page; the navigation is the same on every page it leaves
  out (ideas, people, a challenge's sub-pages) at the same depth under the same lit-up
  section. `ThemeParts.once` renders each the first time and hands back the same text
  after, through a `{% call cocreate_once(key…) %}` block in theme/main.html and
  theme/partials/. So are the colour toggles, the logo and the theme's settings for
  its scripts (the same at the same depth), and the table of contents of pages with the
  same headings below their title (every idea's). The navigation was the largest part
  of rendering an idea's page.
- **What works only with scripts is written by a script.** The colour toggles and the
  search do nothing without JavaScript, and are the same on every page: `ThemeParts.script`
  writes each into a small file under assets/ once, and the page carries a `<script>` tag
  that writes it in where it stands, before the theme's scripts look for it. A visitor
  downloads them once instead of with every page (about 4 KB a page).
- **Pages without sidebars have none in their HTML.** A page whose front matter hides
  both the navigation and the table of contents (every idea's and person's) is built
  without them, and without the header's button for the drawer: the theme would render
  both and hide them (about 4 KB an idea).
- **The theme's settings leave out its own search's.** The search is Pagefind's
  (generator/site/search.py), whose words the search dialog carries: `without_theme_search`
  takes the theme's search worker and its search words out of `__config` (0.4 KB a page).
- **Indentation is left out of the HTML.** The theme's templates indent their markup,
  about an eighth of an idea's page. `strip_indentation` removes the spaces that start a
  line, except inside `<pre>`, `<textarea>`, `<script>` and `<style>`, where they are
  content: a line break stays wherever there was one, so between tags and in text the
  page still has the whitespace HTML collapses to one space.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from generator.i18n import Language

# Elements whose text keeps its spaces (or is code whose hash the policy names), in any
# case; the literal `<` first lets the search skip ahead (a pattern under re.I does not).
KEPT = re.compile(r"<(?i:(pre|textarea|script|style))\b.*?</(?i:\1)\s*>", re.S)
# A line break and the whitespace after it: spaces, tabs, blank lines (never U+00A0).
INDENTATION = re.compile(r"\n[ \t\r\n\f]+")
# A script inside a part that `ThemeParts.script` writes: the theme's have no attributes.
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
SCRIPTS = "assets/javascripts"
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class ThemeParts:
    """Theme parts rendered once per build, by key (a part's name and what it depends on)."""

    def __init__(self, site: Path, reuse: bool = True) -> None:
        self.site = site  # where `script` writes its files
        self.reuse = reuse
        self.paused = False
        self.parts: dict[tuple[Hashable, ...], str] = {}

    @contextlib.contextmanager
    def fresh(self) -> Iterator[None]:
        """Render every part afresh, keeping none: for a page that is not one of the site's
        (the neutral page the policy is read from), whose parts would differ."""
        self.paused = True
        try:
            yield
        finally:
            self.paused = False

    def once(self, *key: Hashable, caller: Callable[[], str]) -> str:
        """The part named by `key`, rendered by the call block's body the first time."""
        if not self.reuse or self.paused:
            return caller()
        if key not in self.parts:
            self.parts[key] = caller()
        return self.parts[key]

    def script(self, name: str, base_url: str, *, caller: Callable[[], str]) -> str:
        """A `<script>` tag in place of the part, which the tag's file writes in where it
        stands (and whose own inline scripts it then runs), or nothing for an empty part."""
        path = self.once("script", name, caller=lambda: self.write_script(name, caller()))
        return f'<script src="{base_url}/{path}"></script>' if path else ""

    def write_script(self, name: str, html: str) -> str:
        """Write the script that writes `html` in; its path in the site, named by its content
        (so a browser never keeps an old one), or "" if there is nothing to write."""
        code = [match[1] for match in INLINE_SCRIPT.finditer(html)]
        markup = strip_indentation(INLINE_SCRIPT.sub("", html)).strip()
        if not markup and not code:
            return ""
        text = "\n".join([f'document.currentScript.insertAdjacentHTML("beforebegin", '
                          f'{json.dumps(markup)});', *code]) + "\n"
        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        path = f"{SCRIPTS}/cocreate-{name}.{digest}.js"
        target = self.site / path
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
        return path


def without_theme_search(html: str) -> str:
    """The theme's `__config` settings without its search worker and search words, which
    only its own search reads (theme/partials/search.html carries the portal's)."""
    def trim(match: re.Match[str]) -> str:
        settings = json.loads(match[2])
        settings.pop("search", None)
        settings["translations"] = {key: text for key, text in
                                    settings.get("translations", {}).items()
                                    if not key.startswith("search.")}
        return match[1] + str(htmlsafe_json_dumps(settings, sort_keys=True)) + match[3]

    return CONFIG.sub(trim, html, count=1)


def has_sidebars(page: Any) -> bool:
    """Whether a page is built with the theme's sidebars: not if its front matter hides
    both (`hide: [navigation, toc]`), as every idea's and person's does."""
    hide = page.meta.get("hide") if page is not None and page.meta else None
    return not (isinstance(hide, list) and "navigation" in hide and "toc" in hide)


def headings_below_title(toc: Iterable[Any]) -> tuple[Hashable, ...]:
    """What the theme's table of contents shows of a page's `toc`: the headings below its
    title (the theme leaves out a first heading of level 1, keeping its children), each
    with its address, level and own headings."""
    items = list(toc)
    if items and items[0].level == 1:
        items = list(items[0].children)
    return tuple((item.title, item.url, item.level, headings_below_title(item.children))
                 for item in items)


def strip_indentation(html: str) -> str:
    """The page without the spaces that start its lines, or its blank lines (see above)."""
    kept = [(match.start(), match.end()) for match in KEPT.finditer(html)]
    pieces, position = [], 0
    for start, end in kept:
        pieces.append(INDENTATION.sub("\n", html[position:start]))
        pieces.append(html[start:end])
        position = end
    pieces.append(INDENTATION.sub("\n", html[position:]))
    return "".join(pieces)


def name_palette_toggles(palette: Any, lang: Language) -> None:
    """Name each light/dark toggle mkdocs.yml leaves unnamed, in the portal's language.

    A toggle switches to the next palette in the list, so it is named for that one's scheme.
    """
    if not isinstance(palette, list):
        return
    for index, entry in enumerate(palette):
        toggle = entry.get("toggle") if isinstance(entry, dict) else None
        if not isinstance(toggle, dict) or toggle.get("name"):
            continue
        following = palette[(index + 1) % len(palette)]
        dark = isinstance(following, dict) and following.get("scheme") == "slate"
        toggle["name"] = (lang.gettext("Switch to dark mode") if dark
                          else lang.gettext("Switch to light mode"))
