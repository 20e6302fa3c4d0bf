"""Text typed by strangers, made safe to put in a page.

User Markdown goes through a restricted Markdown (no attribute lists, no raw
HTML passthrough: HTML in the text is escaped first) and then nh3, which keeps
only an allowlist of tags, attributes and URL schemes. Most ideas are plain
prose, with no Markdown in them at all: those skip the converter, whose
output for them is only their paragraphs, each in a `<p>` (tests/site/test_usertext.py
checks the two agree). A text beyond the limits the models hold Markdown to
(`generator.models.text_limits`: nesting, lines, brackets) is never converted, since
the converter recurses once per nested list and scans once per bracket: it is shown
as plain paragraphs, so the renderer's work stays bounded whatever reaches it.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markupsafe import Markup

from generator.models.text_limits import shape_refusal

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
                "h3", "h4", "h5", "h6", "hr"}
# "*" names the attributes every tag may carry: none (nh3 would otherwise keep `lang` and
# `title` on every tag).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "*": set()}
URL_SCHEMES = {"http", "https", "mailto"}
# One converter for every text: making a new one each time costs more than converting.
_CONVERTER = markdown.Markdown(extensions=[], output_format="html")
# Letters, digits, spaces, line breaks and punctuation that means nothing to Markdown; no
# line that starts with a space, digit or hyphen (code, lists, rules) or ends in a space.
PLAIN_PROSE = re.compile(r"(?:[^\W_]|[ ,.;:!?'\"()/%£€$@\n-])*")
NOT_PLAIN_LINE = re.compile(r"^[ \d-]| $", re.M)
PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def paragraphs(text: str) -> str:
    return "\n".join(f"<p>{paragraph}</p>"
                     for paragraph in PARAGRAPH_BREAK.split(text.strip("\n")) if paragraph)


def convert_markdown(text: str) -> str:
    """Markdown to HTML, before sanitising; plain prose only needs its paragraphs wrapped,
    and a text beyond the limits is not Markdown the renderer takes: it stays as typed."""
    if PLAIN_PROSE.fullmatch(text) and not NOT_PLAIN_LINE.search(text):
        return paragraphs(text)
    if shape_refusal(text) is not None:
        return paragraphs(html.escape(text.replace("&lt;", "<")))
    return _CONVERTER.reset().convert(text)


def render_user_markdown(text: str | None) -> Markup:
    """Markdown from an issue or a data file as sanitised HTML."""
    if not text:
        return Markup("")
    escaped = text.replace("<", "&lt;")  # no tag can start: any HTML in the text stays text
    return Markup(sanitise(convert_markdown(escaped)))


def sanitise(rendered: str) -> str:
    """HTML with only the allowed tags, attributes and URL schemes left in it."""
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
