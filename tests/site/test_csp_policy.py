"""The Content-Security-Policy string itself, exactly, without a browser.

tests/site/test_csp.py shows in Chromium what the policy does; these pin every directive of it in
milliseconds, so that dropping `default-src 'none'`, loosening a source or adding one fails
here first. The expected policy is written out by hand.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from generator.site.csp import ThemeCode, add_policy, policy

EXPECTED = ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{scripts}; "
            "style-src 'self'{styles}; img-src 'self' data:; font-src 'self'; "
            "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
            "form-action 'none'; object-src 'none'")
# What each directive allows, whatever the page: none may be loosened or dropped.
DIRECTIVES = {
    "default-src": ["'none'"], "img-src": ["'self'", "data:"], "font-src": ["'self'"],
    "connect-src": ["'self'"], "worker-src": ["'self'"], "manifest-src": ["'self'"],
    "base-uri": ["'none'"], "form-action": ["'none'"], "object-src": ["'none'"],
}
HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


ALIGNMENTS = sorted(sha256(f"text-align: {side};") for side in ("left", "center", "right"))


def test_the_policy_names_exactly_the_themes_code_and_nothing_else() -> None:
    page = ('<html><head><script>a()</script><script src="/x.js"></script>'
            '<script type="application/ld+json">{"b": 1}</script></head>'
            '<body><div style="color: red">x</div><div data-style="no">y</div></body></html>')
    code = ThemeCode.read(page)
    assert code.scripts == frozenset({sha256("a()")})
    styles = sorted([sha256("color: red"), *ALIGNMENTS])
    assert code.styles == frozenset(styles)
    assert policy(code) == EXPECTED.format(
        scripts=" " + sha256("a()"), styles=" 'unsafe-hashes' " + " ".join(styles))


def test_a_page_without_inline_code_gets_the_bare_policy() -> None:
    assert policy(ThemeCode(scripts=frozenset(), styles=frozenset())) == \
        EXPECTED.format(scripts="", styles="")


def test_the_policy_is_the_first_thing_in_the_head() -> None:
    assert add_policy('<html><head lang="en"><title>t</title></head><head></head>', "P") == (
        '<html><head lang="en"><meta http-equiv="Content-Security-Policy" content="P">'
        "<title>t</title></head><head></head>")


def directives(content: str) -> dict[str, list[str]]:
    parsed = [part.split() for part in content.split("; ")]
    assert all(parsed), content
    named = {name: sources for name, *sources in parsed}
    assert len(named) == len(parsed), f"a directive appears twice: {content}"
    return named


@pytest.mark.parametrize("page", ["index.html", "404.html", "take-part/index.html",
                                  "challenges/winter-menu-2026/ideas/12/index.html",
                                  "challenges/winter-menu-2026/leaderboard/index.html"])
def test_every_built_page_carries_exactly_this_policy(built_site: Path, page: str) -> None:
    html = (built_site / page).read_text("utf-8")
    metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(metas) == 1
    assert html.index(metas[0]) < html.index("<title")
    found = directives(metas[0])
    assert list(found) == ["default-src", "script-src", "style-src", *list(DIRECTIVES)[1:]]
    assert {name: found[name] for name in DIRECTIVES} == DIRECTIVES
    script, style = found["script-src"], found["style-src"]
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]  # Pagefind's WebAssembly
    assert script[2:] and all(map(HASH.fullmatch, script[2:]))
    assert style[:2] == ["'self'", "'unsafe-hashes'"]
    assert set(ALIGNMENTS) <= set(style[2:]) and all(map(HASH.fullmatch, style[2:]))
