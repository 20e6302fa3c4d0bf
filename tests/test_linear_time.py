"""Every reader of hostile text runs in linear time: 100,000-character lines in, at once.

A regular expression that backtracks (a lazy group before an optional run, two
runs that can share characters) takes seconds on a line of 20,000 characters and
minutes on 100,000. Each reader here is fed the lines that hurt such patterns.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from generator.github.forms.answers import FormSpec, check_answers, read_answers
from generator.github.forms.render import FORM_PATH
from generator.github.inert import inert, inert_markdown
from generator.github.intake.idea_fields import read_coauthors
from generator.models.text_limits import shape_refusal
from generator.site.usertext import render_user_markdown
from tests.support import EXAMPLE

LONG = 100_000
BUDGET = 10.0  # seconds on a busy machine: linear readers take milliseconds, quadratic minutes
SPEC = FormSpec.read(EXAMPLE / FORM_PATH, str(FORM_PATH))
# Lines that make backtracking patterns try every split of a long run.
HOSTILE_LINES = {
    "spaces": " " * LONG,
    "hashes": "#" * LONG,
    "backticks": "`" * LONG,
    "quotes": ">" * LONG,
    "brackets": "[" * LONG,
    "heading then spaces": "### a" + " " * LONG + "b",
    "heading then hashes": "### a" + "#" * LONG + "b",
    "checkbox then spaces": "- [x] a" + " " * LONG + "b",
    "tabs and spaces": "### " + " \t" * (LONG // 2) + "x",
    "at signs": "@" * LONG,
    "commas": ",@a" * (LONG // 3),
    "keyword then spaces": "fixes" + " " * LONG + "x",
    "keywords": "fix " * (LONG // 4),
    "keyword then a long name": "fix " + "a." * (LONG // 2),
    "mentions": "@a" * (LONG // 2),
    "fences": "```\n" * (LONG // 4),
    "list markers": "- " * (LONG // 2),
    "numbered markers": "1. " * (LONG // 3),
    "angle brackets": "<" * LONG,
    "emphasis": "*a" * (LONG // 2),
}
MARKDOWN_LIMIT = 20_000  # what the models let reach the renderer


def finishes_quickly(read: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    read(text)
    took = time.perf_counter() - started
    assert took < BUDGET, f"took {took:.1f} s on {len(text):,} characters"
    return took


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_the_issue_body_reader_is_linear(line: str) -> None:
    body = f"### Title of your idea\n\n{line}\n\n### Co-authors\n\n{line}\n{line}"
    finishes_quickly(lambda text: check_answers(read_answers(text, SPEC), SPEC), body)


@pytest.mark.parametrize("read", [inert, inert_markdown, read_coauthors, shape_refusal],
                         ids=["commit message", "pull-request body", "co-authors", "text shape"])
@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_every_other_reader_of_typed_text_is_linear(read: Callable[[str], object],
                                                    line: str) -> None:
    finishes_quickly(read, line)


@pytest.mark.parametrize("line", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_the_renderer_takes_the_longest_text_the_models_allow_at_once(line: str) -> None:
    # Python-Markdown's inline patterns cost a pass per match (20,000 `<` take about a
    # second), so its input is held to 20,000 characters; past the limits on shape it
    # does not run at all (generator.models.text_limits).
    finishes_quickly(render_user_markdown, line[:MARKDOWN_LIMIT])
