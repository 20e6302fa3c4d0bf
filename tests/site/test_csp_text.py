"""The Content-Security-Policy as text, without a browser: every directive, every hash.

tests/site/test_csp.py checks in Chromium that the policy does its job; these check, in
milliseconds, exactly what it says and which of a page's inline code it names.
"""

from __future__ import annotations

import base64
import hashlib

from generator.site.csp import ThemeCode, add_policy, policy


def sha256_source(text: str) -> str:
    """A CSP hash source as the CSP specification defines it: base64 of SHA-256 of UTF-8."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# The three alignments Markdown's tables write, named whatever the theme holds.
ALIGNMENTS = sorted(sha256_source(f"text-align: {side};") for side in ("left", "center", "right"))


def test_the_policy_says_exactly_this_and_nothing_more() -> None:
    code = ThemeCode(scripts=frozenset({"'sha256-B'", "'sha256-A'"}),
                     styles=frozenset({"'sha256-S'"}))
    assert policy(code) == (
        "default-src 'none'; "
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-A' 'sha256-B'; "
        "style-src 'self' 'unsafe-hashes' 'sha256-S'; "
        "img-src 'self' data:; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "worker-src 'self'; "
        "manifest-src 'self'; "
        "base-uri 'none'; "
        "form-action 'none'; "
        "object-src 'none'"
    )


def test_no_style_hashes_means_no_unsafe_hashes_keyword() -> None:
    text = policy(ThemeCode(scripts=frozenset(), styles=frozenset()))
    assert "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src" in text
    assert "unsafe-hashes" not in text


def test_the_hash_of_the_empty_script_is_the_published_one() -> None:
    # The SHA-256 of no bytes, as every CSP guide quotes it.
    code = ThemeCode.read("<head><script></script></head>")
    assert code.scripts == {"'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"}


def test_inline_scripts_are_hashed_as_written_in_utf8_and_scripts_with_src_are_not() -> None:
    page = ("<head><script>var a = 'é';</script>"
            "<SCRIPT type=\"module\">\nlet b = 1;\n</SCRIPT>"
            "<script src=\"/assets/bundle.js\"></script>"
            "<script defer src='/x.js'>ignored()</script></head>")
    code = ThemeCode.read(page)
    assert code.scripts == {sha256_source("var a = 'é';"), sha256_source("\nlet b = 1;\n")}


def test_json_data_blocks_are_not_scripts_and_are_not_named() -> None:
    page = ('<script type="application/json">{"a": 1}</script>'
            "<script type='application/ld+json'>{}</script>"
            "<script TYPE=APPLICATION/JSON>[]</script>"
            "<script>run()</script>")
    assert ThemeCode.read(page).scripts == {sha256_source("run()")}


def test_style_attributes_in_either_quotes_are_named_with_the_table_alignments() -> None:
    page = ("<div style=\"color: red\"></div><span style='margin: 0'></span>"
            "<p style=\"\"></p>")
    code = ThemeCode.read(page)
    assert code.styles == {sha256_source("color: red"), sha256_source("margin: 0"),
                           sha256_source(""), *ALIGNMENTS}
    assert code.scripts == frozenset()


def test_a_data_style_attribute_is_not_a_style_attribute() -> None:
    page = '<div data-style="color: red" class="x"\tstyle="top: 0"></div>'
    assert ThemeCode.read(page).styles == {sha256_source("top: 0"), *ALIGNMENTS}


def test_a_page_with_no_inline_code_still_names_the_table_alignments() -> None:
    code = ThemeCode.read("<html><head></head><body><p>plain</p></body></html>")
    assert code.scripts == frozenset()
    assert sorted(code.styles) == ALIGNMENTS
    assert f"style-src 'self' 'unsafe-hashes' {' '.join(ALIGNMENTS)};" in policy(code)


def test_the_policy_is_the_first_thing_in_the_head_and_only_once() -> None:
    page = ('<html><HEAD lang="en"><meta charset="utf-8"></HEAD>'
            "<body><head>not a head</head></body></html>")
    assert add_policy(page, "default-src 'none'") == (
        '<html><HEAD lang="en">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        '<meta charset="utf-8"></HEAD><body><head>not a head</head></body></html>')


def test_a_page_without_a_head_is_left_as_it_is() -> None:
    assert add_policy("<p>fragment</p>", "default-src 'none'") == "<p>fragment</p>"
