"""Fixtures shared by the tests of the built site."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.chromium import launch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, for the tests of one module."""
    with launch() as chromium:
        yield chromium
