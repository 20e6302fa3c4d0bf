"""axe-core in Chromium, on every page type: no serious or critical violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.chromium import PAGE_TYPES, launch, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium(built_site: Path) -> Iterator[tuple[Any, str]]:
    with serve(built_site) as address, launch() as browser:
        yield browser, address


@pytest.fixture(scope="module", params=["light", "dark"])
def browsing(chromium: tuple[Any, str], request: pytest.FixtureRequest
             ) -> Iterator[tuple[Any, str]]:
    """A page in the light or the dark scheme (the theme follows the system's choice)."""
    browser, address = chromium
    context = browser.new_context(color_scheme=request.param)
    yield context.new_page(), address
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_or_critical_violation(browsing: tuple[Any, str], path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, address = browsing
    page.goto(f"{address}/{path}", wait_until="load")
    violations = Axe().run(page).response["violations"]
    grave = [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
             for v in violations if v["impact"] in ("serious", "critical")]
    assert grave == []


def test_the_site_works_by_keyboard_alone(browsing: tuple[Any, str]) -> None:
    """Tab from the top reaches a challenge, Enter opens it, and focus is always visible."""
    page, address = browsing
    page.goto(f"{address}/challenges/", wait_until="load")
    target = f"{address}/challenges/winter-menu-2026/"
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href == target:
            break
    else:
        pytest.fail("no challenge link was reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(target)
