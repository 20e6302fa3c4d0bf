"""The insights' charts in real Chromium: readable on a 390-px phone, and in the dark.

Sizes and colours are read from the page as the browser lays it out: the size a
chart's text is drawn at (its computed font size times the scale the SVG is drawn
at), where each label lands, and the colours each chart's text and bars are
painted in against the background behind them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.chromium import launch, serve

pytestmark = pytest.mark.browser
PAGES = ["insights/", "challenges/zero-waste-packaging/insights/"]  # by month, by week
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
# Every chart text that shows: the size it is drawn at and where it lands.
TEXTS = """() => Array.from(document.querySelectorAll("svg.cc-chart__svg text"))
  .filter(text => getComputedStyle(text).display !== "none")
  .map(text => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, tick: text.classList.contains("cc-chart__tick"),
            chart: text.closest("svg").getAttribute("aria-labelledby"),
            size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
            left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  })"""
# Each chart's background (the first ancestor's that is not transparent) and the colours
# its words and its bars are painted in.
COLOURS = """() => Array.from(document.querySelectorAll("figure.cc-chart"), figure => {
  let behind = figure, background = "rgba(0, 0, 0, 0)";
  while (behind && /rgba\\(.*, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(behind).backgroundColor;
    behind = behind.parentElement;
  }
  const paint = selector => Array.from(figure.querySelectorAll(selector),
                                       element => getComputedStyle(element).fill);
  return {background, own: getComputedStyle(figure).backgroundColor,
          words: paint("text"), bars: paint("rect")};
})"""


@pytest.fixture(scope="module")
def browsing(built_site: Path) -> Iterator[tuple[Any, str]]:
    with serve(built_site) as address, launch() as browser:
        yield browser, address


def open_page(browsing: tuple[Any, str], path: str, viewport: dict[str, int],
              scheme: str = "light") -> Any:
    browser, address = browsing
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{address}/{path}", wait_until="load")
    return page


@pytest.mark.parametrize("path", PAGES)
def test_chart_text_is_drawn_at_11_px_or_more_on_a_phone(browsing: tuple[Any, str],
                                                         path: str) -> None:
    page = open_page(browsing, path, PHONE)
    texts = page.evaluate(TEXTS)
    page.context.close()
    assert len(texts) > 60  # labels, values, ticks of six charts
    assert min(text["size"] for text in texts) >= 11, min(texts, key=lambda t: t["size"])
    assert any(text["tick"] for text in texts)  # the time axes' labels among them


@pytest.mark.parametrize("path", PAGES)
def test_insights_do_not_scroll_sideways_on_a_phone(browsing: tuple[Any, str],
                                                    path: str) -> None:
    page = open_page(browsing, path, PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    texts = page.evaluate(TEXTS)
    page.context.close()
    assert width <= PHONE["width"]
    outside = [text for text in texts if text["left"] < 0 or text["right"] > PHONE["width"]]
    assert outside == []


def overlapping(texts: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of labels of the same chart whose boxes cross."""
    found = []
    for index, one in enumerate(texts):
        for other in texts[index + 1:]:
            if one["chart"] == other["chart"] and one["left"] < other["right"] and \
                    other["left"] < one["right"] and one["top"] < other["bottom"] and \
                    other["top"] < one["bottom"]:
                found.append((one["text"], other["text"]))
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["390", "1280"])
@pytest.mark.parametrize("path", PAGES)
def test_no_two_words_of_a_chart_overlap(browsing: tuple[Any, str], path: str,
                                         viewport: dict[str, int]) -> None:
    """A time axis shows fewer labels on a narrow chart: the ones that show never collide."""
    page = open_page(browsing, path, viewport)
    texts = page.evaluate(TEXTS)
    page.context.close()
    ticks = [text for text in texts if text["tick"]]
    assert len({(text["chart"]) for text in ticks}) >= 2  # both time charts' axes
    assert overlapping(texts) == []


def rgba(colour: str) -> tuple[float, float, float, float]:
    numbers = [float(part) for part in re.findall(r"[\d.]+", colour)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: str, background: str) -> tuple[float, float, float]:
    """`colour` painted over an opaque `background`."""
    red, green, blue, alpha = rgba(colour)
    under = rgba(background)
    return (red * alpha + under[0] * (1 - alpha), green * alpha + under[1] * (1 - alpha),
            blue * alpha + under[2] * (1 - alpha))


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG's relative luminance."""
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(channel, rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour: str, background: str) -> float:
    lighter, darker = sorted([luminance(over(colour, background)),
                              luminance(over(background, "rgb(255, 255, 255)"))], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_take_the_palettes_colours_with_enough_contrast(browsing: tuple[Any, str],
                                                               scheme: str) -> None:
    """In the dark palette a chart is no white panel: it sits on the page's own dark
    background, its words light; in both, words keep 4.5:1 and bars 3:1 (WCAG 1.4.3, 1.4.11)."""
    page = open_page(browsing, PAGES[0], DESK, scheme)
    figures = page.evaluate(COLOURS)
    page.context.close()
    assert len(figures) == 6
    for figure in figures:
        background = over(figure["background"], "rgb(255, 255, 255)")
        assert rgba(figure["own"])[3] == 0  # no panel of its own: the page's background
        assert (luminance(background) < 0.05) == (scheme == "dark"), figure["background"]
        assert min(contrast(word, figure["background"]) for word in figure["words"]) >= 4.5
        assert min(contrast(bar, figure["background"]) for bar in figure["bars"]) >= 3
