"""The attack corpus's line in `make test`'s summary comes only from tests that passed.

tests/conftest.py writes it from what the attack tests recorded as they passed; a failed or
erred attack test, anywhere in the run, leaves the line out entirely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conftest import pytest_terminal_summary

CORPUS = "attack corpus: 130 hostile inputs"


@dataclass
class Report:
    nodeid: str
    when: str = "call"
    user_properties: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Reporter:
    stats: dict[str, list[Any]]
    lines: list[str] = field(default_factory=list)

    def write_line(self, line: str) -> None:
        self.lines.append(line)


def summary(stats: dict[str, list[Any]]) -> list[str]:
    reporter = Reporter(stats)
    pytest_terminal_summary(reporter)
    return reporter.lines


FATES = Report("tests/test_attacks.py::test_fates", user_properties=[("attack corpus", CORPUS)])
CHROMIUM = Report("tests/test_attacks.py::test_chromium",
                  user_properties=[("attack corpus check", "each page in Chromium")])
FEEDS = Report("tests/test_attacks.py::test_feeds",
               user_properties=[("attack corpus check", "the Atom feeds")])


def test_the_line_names_only_the_checks_that_passed() -> None:
    assert summary({"passed": [FATES, FEEDS, CHROMIUM]}) == [
        CORPUS + ", all neutralised in: each page in Chromium; the Atom feeds"]
    assert summary({"passed": [FATES, FEEDS]}) == [CORPUS + ", all neutralised in: the Atom feeds"]
    assert summary({"passed": [FATES]}) == [CORPUS + " (no output was checked in this run)"]


def test_a_failed_or_erred_attack_test_leaves_the_line_out() -> None:
    for outcome in ("failed", "error"):
        assert summary({"passed": [FATES, FEEDS], outcome: [CHROMIUM]}) == []


def test_without_the_fate_test_passing_there_is_no_line() -> None:
    assert summary({"passed": [FEEDS, CHROMIUM]}) == []
    assert summary({"passed": [Report(FATES.nodeid, "setup", FATES.user_properties)]}) == []


def test_failures_elsewhere_do_not_hide_the_line() -> None:
    other = Report("tests/contest/test_tally.py::test_x")
    assert summary({"passed": [FATES], "failed": [other]}) == [
        CORPUS + " (no output was checked in this run)"]
