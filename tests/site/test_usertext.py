"""User text: the plain-prose shortcut gives exactly what Markdown gives."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.models.text_limits import shape_refusal
from generator.site.usertext import PLAIN_PROSE, convert_markdown, render_user_markdown

# Plain prose, and every character Markdown might read as syntax, so that the shortcut is
# tried on text it must refuse as often as on text it may take.
ALPHABET = "ab Zé9 1,.;:!?'\"()/%£€$@-\n\n\n*_`#>[]<&=+|~\\\t"


def markdown_itself(text: str) -> str:
    return markdown.Markdown(extensions=[], output_format="html").convert(text)


@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_shortcut_and_markdown_agree_on_any_text(text: str) -> None:
    assume(shape_refusal(text) is None)  # beyond the limits, a text is never converted
    assert convert_markdown(text) == markdown_itself(text)


@given(st.lists(st.text(alphabet="abc xyz,.'()é", min_size=1, max_size=30)
                .filter(lambda line: line.strip() == line), min_size=1, max_size=8))
def test_the_shortcut_takes_plain_paragraphs(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    assert PLAIN_PROSE.fullmatch(text)
    assert convert_markdown(text) == markdown_itself(text)


@pytest.mark.parametrize("text", [
    "A line\n---", "A line\n===", "- a list", "1. a list", "    code", "two spaces  \nbreak",
    "*em*", "_em_", "`code`", "# heading", "> quote", "[a](http://x)", "a & b", "a\tb",
])
def test_markdown_still_reads_its_syntax(text: str) -> None:
    assert convert_markdown(text) == markdown_itself(text)


def test_plain_prose_is_still_sanitised_and_escaped() -> None:
    assert render_user_markdown("Fish (and chips) for £5!\n\nTwo paragraphs.") == \
        "<p>Fish (and chips) for £5!</p>\n<p>Two paragraphs.</p>"
    assert "<script" not in render_user_markdown("<script>alert(1)</script>")
