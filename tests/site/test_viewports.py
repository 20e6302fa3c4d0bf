"""Every page type on a phone (390 px) and a desk (1280 px): nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.chromium import PAGE_TYPES, launch, serve

pytestmark = pytest.mark.browser
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1280, "height": 800}}
# The widest thing on the page, to name in a failure: what sticks out and by how much.
WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {  // inside a box that scrolls or hides what overflows it
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  let worst = null;
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > width + 1 && (!worst || box.right > worst.right)
        && !clipped(element)) {
      worst = {right: Math.round(box.right), tag: element.tagName.toLowerCase(),
               cls: element.className.baseVal ?? element.className,
               text: (element.textContent || "").trim().slice(0, 60)};
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, worst};
}"""


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def page(built_site: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Any, str]]:
    with serve(built_site) as address, launch() as browser:
        context = browser.new_context(viewport=VIEWPORTS[request.param])
        yield context.new_page(), address
        context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_the_page_does_not_scroll_sideways(page: tuple[Any, str], path: str) -> None:
    tab, address = page
    tab.goto(f"{address}/{path}")
    found = tab.evaluate(WIDEST)
    assert found["scroll"] <= found["width"], (
        f"/{path} is {found['scroll']} px wide in a {found['width']} px window; "
        f"the widest part: {found['worst']}")
