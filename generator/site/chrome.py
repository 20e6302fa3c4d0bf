"""The theme's chrome around each page, made cheaper to render and lighter to serve.

Two things, both measured by `bench/build.py` on portals of thousands of ideas:

- **Parts alike on many pages are rendered once.** The search dialog and the repository
  link are the same on every page; the navigation is the same on every page it leaves
  out (ideas, people, a challenge's sub-pages) at the same depth under the same lit-up
  section. `ThemeParts.once` renders each the first time and hands back the same text
  after, through a `{% call cocreate_once(key…) %}` block in theme/partials/. The
  navigation was the largest part of rendering an idea's page.
- **Indentation is left out of the HTML.** The theme's templates indent their markup,
  about an eighth of an idea's page. `strip_indentation` removes the spaces that start a
  line, except inside `<pre>`, `<textarea>`, `<script>` and `<style>`, where they are
  content: a line break stays wherever there was one, so between tags and in text the
  page still has the whitespace HTML collapses to one space.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

# Elements whose text keeps its spaces (or is code whose hash the policy names).
KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
INDENTATION = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


class ThemeParts:
    """Theme parts rendered once per build, by key (a part's name and what it depends on)."""

    def __init__(self, reuse: bool = True) -> None:
        self.reuse = reuse
        self.parts: dict[tuple[Hashable, ...], str] = {}

    def once(self, *key: Hashable, caller: Callable[[], str]) -> str:
        """The part named by `key`, rendered by the call block's body the first time."""
        if not self.reuse:
            return caller()
        if key not in self.parts:
            self.parts[key] = caller()
        return self.parts[key]


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
