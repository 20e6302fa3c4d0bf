"""The user-text sanitiser, exactly: every tag, attribute and URL scheme, kept or removed.

The expected sets below are written out by hand, not read from generator/site/usertext.py: a tag,
attribute or scheme added to (or dropped from) the sanitiser's allow-lists fails a test here,
in milliseconds, before the Chromium attack test ever runs. Each table is checked twice: on
the sanitising stage itself, fed every element HTML, SVG and MathML name, and through the
whole path from Markdown, which is how text typed by strangers reaches a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from generator.site.usertext import render_user_markdown, sanitise

KEPT_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
             "h3", "h4", "h5", "h6", "hr"}
# Every element of HTML (current and obsolete), and the SVG and MathML ones a page can hold.
ELEMENT_NAMES = """
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big
blink blockquote body br button canvas caption center cite code col colgroup data datalist dd
del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form
frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins
isindex kbd keygen label legend li link listing main map mark marquee menu menuitem meta
meter nav nobr noembed noframes noscript object ol optgroup option output p param picture
plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select slot
small source spacer span strike strong style sub summary sup table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr xmp
svg animate foreignObject use set math mi mo mtext annotation-xml
"""
HTML_ELEMENTS = ELEMENT_NAMES.split()
VOID = {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
        "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"}
# The only attributes kept, and only on links; `rel` is the sanitiser's own, whatever was typed.
KEPT_ATTRIBUTES = {("a", "href"), ("a", "title")}
ATTRIBUTE_NAMES = """
href title rel target id class style name src srcset action formaction data xlink:href
onclick onerror onload onmouseover onfocus ping download referrerpolicy lang dir hidden
tabindex accesskey contenteditable draggable data-x aria-label role width height align
background cite datetime start type value
"""
ATTRIBUTES = ATTRIBUTE_NAMES.split()
KEPT_SCHEMES = {"http", "https", "mailto"}
SCHEMES = ["http", "https", "mailto", "javascript", "vbscript", "data", "file", "ftp", "tel",
           "sms", "blob", "about", "chrome", "view-source", "ws", "wss", "irc", "ssh", "git",
           "intent", "jar", "feed", "filesystem", "ms-settings", "x-custom"]


def tags_in(html: str) -> set[str]:
    return {match.lower() for match in re.findall(r"<([A-Za-z][\w:-]*)", html)}


def attributes_of(html: str, tag: str) -> set[str]:
    opening = re.search(rf"<{tag}\b([^>]*)>", html)
    assert opening is not None, html
    return set(re.findall(r"([\w:-]+)=", opening.group(1)))


def element(tag: str) -> str:
    return f"<{tag}>" if tag in VOID else f"<{tag}>text</{tag}>"


@pytest.mark.parametrize("tag", HTML_ELEMENTS)
def test_each_element_is_kept_only_if_allowed(tag: str) -> None:
    assert tags_in(sanitise(f"<p>{element(tag)}</p>")) == {"p"} | ({tag} & KEPT_TAGS)


def test_every_allowed_tag_is_in_the_table_it_is_tested_from() -> None:
    assert set(HTML_ELEMENTS) >= KEPT_TAGS


@pytest.mark.parametrize("tag", sorted(KEPT_TAGS))
@pytest.mark.parametrize("attribute", ATTRIBUTES)
def test_each_attribute_is_kept_only_where_allowed(tag: str, attribute: str) -> None:
    value = "https://example.org/" if attribute in ("href", "src") else "v"
    opening = f'<{tag} {attribute}="{value}">'
    html = sanitise(opening if tag in VOID else f"{opening}text</{tag}>")
    kept = attributes_of(html, tag)
    assert kept - {"rel"} == ({attribute} if (tag, attribute) in KEPT_ATTRIBUTES else set())
    assert ("rel" in kept) == (tag == "a")


def test_a_links_rel_is_always_the_sanitisers_own() -> None:
    assert sanitise('<a href="https://x.org/" rel="opener">x</a>') == \
        '<a href="https://x.org/" rel="nofollow noopener ugc">x</a>'


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("spelling", [str.lower, str.upper])
def test_each_url_scheme_is_kept_only_if_allowed(scheme: str,
                                                 spelling: Callable[[str], str]) -> None:
    url = f"{spelling(scheme)}:{'//example.org/x' if scheme != 'mailto' else 'a@example.org'}"
    kept = "href" in attributes_of(sanitise(f'<a href="{url}">x</a>'), "a")
    assert kept == (scheme in KEPT_SCHEMES)


@pytest.mark.parametrize("url", ["java\tscript:alert(1)", " javascript:alert(1)",
                                 "jav&#x61;script:alert(1)", "javascript&colon;alert(1)",
                                 "data:text/html,<script>alert(1)</script>"])
def test_disguised_dangerous_urls_are_removed(url: str) -> None:
    assert "href" not in attributes_of(sanitise(f'<a href="{url}">x</a>'), "a")


@pytest.mark.parametrize("url", ["/take-part/", "#results", "ideas/12/", "?page=2"])
def test_relative_links_stay(url: str) -> None:
    assert sanitise(f'<a href="{url}">x</a>') == \
        f'<a href="{url}" rel="nofollow noopener ugc">x</a>'


# What Markdown can make of a stranger's text, and what the page receives.
FROM_MARKDOWN = [
    ("# Heading", "Heading"),  # h1 and h2 would compete with the page's own title
    ("## Heading", "Heading"),
    ("Heading\n===", "Heading"),
    ("Heading\n---", "Heading"),
    ("### Heading", "<h3>Heading</h3>"),
    ("###### Heading", "<h6>Heading</h6>"),
    ("![a cat](https://example.org/cat.png)", "<p></p>"),  # no image: it would track readers
    ('![a cat](https://example.org/cat.png "title")', "<p></p>"),
    ("*em* **strong** `code`", "<p><em>em</em> <strong>strong</strong> <code>code</code></p>"),
    ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ("    code", "<pre><code>code\n</code></pre>"),
    ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    ("1. one", "<ol>\n<li>one</li>\n</ol>"),
    ("a  \nb", "<p>a<br>\nb</p>"),
    ("***", "<hr>"),
    ('[x](https://example.org/ "t")',
     '<p><a href="https://example.org/" title="t" rel="nofollow noopener ugc">x</a></p>'),
    ("[x](mailto:a@example.org)",
     '<p><a href="mailto:a@example.org" rel="nofollow noopener ugc">x</a></p>'),
    ("[x](javascript:alert(1))", '<p><a rel="nofollow noopener ugc">x</a></p>'),
    ("[x](data:text/html,hi)", '<p><a rel="nofollow noopener ugc">x</a></p>'),
    ("[x](vbscript:msgbox)", '<p><a rel="nofollow noopener ugc">x</a></p>'),
    ("<h1>raw</h1>", "<p>&lt;h1&gt;raw&lt;/h1&gt;</p>"),
    ('<img src="x" onerror="alert(1)">', "<p>&lt;img src=\"x\" onerror=\"alert(1)\"&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<https://example.org/>", "<p>&lt;https://example.org/&gt;</p>"),
    ("*a*{: onclick=alert(1) }", "<p><em>a</em>{: onclick=alert(1) }</p>"),
]


@pytest.mark.parametrize(("text", "page"), FROM_MARKDOWN)
def test_what_a_page_receives_from_markdown(text: str, page: str) -> None:
    assert str(render_user_markdown(text)) == page
