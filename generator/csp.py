"""The Content-Security-Policy every page carries: only the site's own scripts and styles.

mkdocs-material writes a few small scripts into each page (the palette, the
page's configuration), and Markdown tables write `style="text-align: …"`.
Rather than allow inline code in general, the policy names each of those by
its SHA-256 hash, computed from the finished page; anything else inline —
such as a script that slipped into user text — does not run.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attributes>[^>]*)>(?P<code>.*?)</script>",
                           re.S | re.I)
# Case-sensitive and led by a literal, so the search skips ahead quickly (a leading `\s` or
# re.I makes it step through every character). An upper-case STYLE= is not hashed, so the
# browser does not apply it: the policy fails closed.
STYLE_ATTRIBUTE = re.compile(r"""style=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
DATA_BLOCK = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy_for(html: str) -> str:
    """The policy for one finished page, naming its own inline scripts and styles."""
    scripts = sorted({_hash(match["code"]) for match in INLINE_SCRIPT.finditer(html)
                      if not DATA_BLOCK.search(match["attributes"])})
    styles = sorted({_hash(match["double"] if match["double"] is not None else match["single"])
                     for match in STYLE_ATTRIBUTE.finditer(html)
                     if html[match.start() - 1].isspace()})  # an attribute, not `data-style=`
    style_source = " ".join(["'self'", *(["'unsafe-hashes'", *styles] if styles else [])])
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self'", *scripts]),
        f"style-src {style_source}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def add_policy(html: str) -> str:
    """The page with its policy as the first thing in its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return HEAD.sub(lambda match: match.group(0) + meta, html, count=1)
