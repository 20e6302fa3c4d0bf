"""Every reader of hostile text runs in linear time: 100,000-character lines in, at once.

A regular expression that backtracks (a lazy group before an optional run, two
runs that can share characters) takes seconds on a line of 20,000 characters and
minutes on 100,000. Each reader here is fed the lines that hurt such patterns.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from generator.forms import FORM_PATH
from generator.issueform import FormSpec, check_answers, read_answers

from .conftest import REPO

LONG = 100_000
BUDGET = 5.0  # seconds; a linear reader takes milliseconds, a quadratic one minutes
SPEC = FormSpec.read(REPO / FORM_PATH, str(FORM_PATH))
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
}


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
