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
- **Indentation is left out of the HTML.** The theme's templates indent their markup,
  about an eighth of an idea's page. `strip_indentation` removes the spaces that start a
  line, except inside `<pre>`, `<textarea>`, `<script>` and `<style>`, where they are
  content: a line break stays wherever there was one, so between tags and in text the
  page still has the whitespace HTML collapses to one space.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

# Elements whose text keeps its spaces (or is code whose hash the policy names), in any
# case; the literal `<` first lets the search skip ahead (a pattern under re.I does not).
KEPT = re.compile(r"<(?i:(pre|textarea|script|style))\b.*?</(?i:\1)\s*>", re.S)
# A line break and the whitespace after it: spaces, tabs, blank lines (never U+00A0).
INDENTATION = re.compile(r"\n[ \t\r\n\f]+")


class ThemeParts:
    """Theme parts rendered once per build, by key (a part's name and what it depends on)."""

    def __init__(self, reuse: bool = True) -> None:
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
