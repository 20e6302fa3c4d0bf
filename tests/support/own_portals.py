"""The suite reads its own portals, never the one at the repository's top.

challenges/, content/, mkdocs.yml and .github/ISSUE_TEMPLATE/ at the top belong to whoever
runs the portal: `cocreate init` replaces the bakery example with their own, and `make
test` must still pass. The tests read tests/fixtures/ instead (tests.support.EXAMPLE).

An audit hook (PEP 578) sees every file the tests open and every folder they list, in this
process, whatever code does it: a test, a fixture, or `cocreate` run without --root from
the repository's folder. A test phase or a module's collection that touched the owner's
portal fails, naming what it read. `make lint` is where the owner's own data is checked
(`cocreate validate`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from typing import Any

import pytest

from tests.support import REPO

OWNERS = tuple(str(REPO / part) for part in
               ("challenges", "content", "mkdocs.yml", ".github/ISSUE_TEMPLATE"))
EVENTS = frozenset({"open", "os.listdir", "os.scandir"})
READ: list[str] = []


def owners_part(path: Any) -> str | None:
    """The absolute path of `path` if it lies in the owner's portal, else None."""
    if not isinstance(path, str | bytes | os.PathLike):
        return None  # a file descriptor, or listdir() of the current folder as None
    # Not Path.resolve(): it would stat every part of every path each file open.
    full = os.path.abspath(os.fsdecode(path))  # noqa: PTH100
    if any(full == part or full.startswith(part + os.sep) for part in OWNERS):
        return full
    return None


def record(event: str, arguments: tuple[Any, ...]) -> None:
    if event in EVENTS and arguments:
        full = owners_part(arguments[0])
        if full is not None:
            READ.append(full)


sys.addaudithook(record)


def taken() -> list[str]:
    """What was read since the last call, once each, in order."""
    read = list(dict.fromkeys(READ))
    READ.clear()
    return read


def complaint(read: list[str]) -> str:
    shown = ", ".join(os.path.relpath(path, REPO) for path in read[:5])
    more = f" and {len(read) - 5} more" if len(read) > 5 else ""
    return (f"read the owner's portal at the repository's top ({shown}{more}); "
            "tests read their own portals: tests.support.EXAMPLE, or the `portal` fixture")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Reads before the session are not the tests': a tool running pytest more than once in
    one process (mutmut) lists the portal between its runs."""
    taken()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]
                              ) -> Generator[None, Any, None]:
    outcome = yield
    read = taken()
    report = outcome.get_result()
    if read and not report.failed:
        report.outcome = "failed"
        report.longrepr = complaint(read)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, None]:
    outcome = yield
    read = taken()
    report = outcome.get_result()
    if read and not report.failed:
        report.outcome = "failed"
        report.longrepr = complaint(read)
