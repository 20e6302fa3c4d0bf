"""Text typed by strangers, made safe to put in a page.

User Markdown goes through a restricted Markdown (no attribute lists, no raw
HTML passthrough: HTML in the text is escaped first) and then nh3, which keeps
only an allowlist of tags, attributes and URL schemes.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                "h3", "h4", "h5", "h6", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# One converter for every text: making a new one each time costs more than converting.
_CONVERTER = markdown.Markdown(extensions=[], output_format="html")


def render_user_markdown(text: str | None) -> Markup:
    """Markdown from an issue or a data file as sanitised HTML."""
    if not text:
        return Markup("")
    escaped = text.replace("<", "&lt;")  # no tag can start: any HTML in the text stays text
    rendered = _CONVERTER.reset().convert(escaped)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
    return Markup(cleaned)
