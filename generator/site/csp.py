"""The Content-Security-Policy every page carries: the theme's own inline code, and nothing else.

mkdocs-material writes a few small scripts into each page (its local storage helpers, the
palette chosen last time), and Markdown tables write `style="text-align: …"`. Rather than allow
inline code in general, the policy names each of those by its SHA-256 hash. The hashes come
from the theme rendered around a neutral page, which holds no text from the portal's files,
never from the finished page: a script that reached a page any other way (a title, a
hand-written page, a hole in a sanitiser) is not named, and does not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attributes>[^>]*)>(?P<code>.*?)</script>",
                           re.S | re.I)
# Case-sensitive and led by a literal, so the search skips ahead quickly (a leading `\s` or
# re.I makes it step through every character). An upper-case STYLE= is not hashed, so the
# browser does not apply it: the policy fails closed.
STYLE_ATTRIBUTE = re.compile(r"""style=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
DATA_BLOCK = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)
# The style attributes Markdown's tables extension writes for a column's alignment.
TABLE_ALIGNMENTS = tuple(f"text-align: {side};" for side in ("left", "center", "right"))


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@dataclass(frozen=True)
class ThemeCode:
    """The hashes of the inline scripts and style attributes the theme writes itself."""

    scripts: frozenset[str]
    styles: frozenset[str]

    @classmethod
    def read(cls, neutral_html: str) -> ThemeCode:
        """The theme's inline code, from a page it rendered around neutral content."""
        scripts = {match["code"] for match in INLINE_SCRIPT.finditer(neutral_html)
                   if not DATA_BLOCK.search(match["attributes"])}
        styles = {match["double"] if match["double"] is not None else match["single"]
                  for match in STYLE_ATTRIBUTE.finditer(neutral_html)
                  if neutral_html[match.start() - 1].isspace()}  # an attribute, not `data-style=`
        return cls(scripts=frozenset(map(_hash, scripts)),
                   styles=frozenset(map(_hash, [*styles, *TABLE_ALIGNMENTS])))


def policy(code: ThemeCode) -> str:
    """The policy naming only the theme's own inline code."""
    return "; ".join([
        "default-src 'none'",
        # Pagefind's search compiles its WebAssembly (only that: no eval of JavaScript).
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *sorted(code.scripts)]),
        " ".join(["style-src 'self'", *_with_hashes(code.styles)]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def _with_hashes(styles: Iterable[str]) -> list[str]:
    named = sorted(styles)
    return ["'unsafe-hashes'", *named] if named else []


def add_policy(html: str, policy: str) -> str:
    """The page with `policy` as the first thing in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return HEAD.sub(lambda match: match.group(0) + meta, html, count=1)
