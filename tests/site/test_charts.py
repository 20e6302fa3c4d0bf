"""The insights' charts as drawn: any text stays text, and long tables fold away.

The drawing is fed every text of the attack corpus as a label, a title and a
summary (the models let no such tag through, but a chart must not depend on
that); the folding is checked on a copy of the example with ideas in twenty
months, rendered by the real planner and templates.
"""

from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.portal.reading import load_catalog
from generator.site.drawing import (
    NOT_XML,
    Panel,
    Row,
    Series,
    Slot,
    Tone,
    Words,
    draw_bar_rows,
    draw_time_panels,
)
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import EXAMPLE_NOW, copy_example
from tests.support.attack_corpus import CASES

CHART_ELEMENTS = {"svg", "title", "desc", "rect", "line", "text"}
WORDS = Words(number=str, bar=lambda name, series, value: f"{name}, {series}: {value}")


class Tokens(html.parser.HTMLParser):
    """The tags, attributes and text an HTML text makes, as a browser's tokenizer reads it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def assert_only_text(svg: str, typed: str) -> None:
    """`svg` is well-formed, of chart elements alone with no handler or link, and shows
    `typed` as it was typed (less what XML cannot hold)."""
    root = ET.fromstring(svg)
    assert {element.tag for element in root.iter()} <= CHART_ELEMENTS
    tokens = Tokens(svg)
    assert {tag for tag, _ in tokens.tags} <= {tag.lower() for tag in CHART_ELEMENTS}
    for tag, attributes in tokens.tags:
        for name, _ in attributes:
            assert not name.startswith("on") and "href" not in name, (tag, name)
            assert name in {"class", "width", "height", "role", "aria-labelledby", "id", "x",
                            "y", "dx", "x1", "x2", "y1", "y2", "text-anchor"}, (tag, name)
    assert NOT_XML.sub("", typed) in tokens.texts


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_any_text_in_a_chart_stays_text(case: tuple[str, str, str, str]) -> None:
    _, _, text, _ = case
    rows = draw_bar_rows("tags", text, text, [Row(text, (3,)), Row("plain", (1,))],
                         [Series(text, Tone.FIRST)], WORDS)
    assert_only_text(rows, text)
    slot = Slot(text, text, text, "major")
    panels = draw_time_panels("activity", text, text, [slot, slot], [Panel(
        (Series(text, Tone.FIRST), Series("votes", Tone.SECOND)), ((1, 2), (3, 0)))], WORDS)
    assert_only_text(panels, text)


def insights_with_ideas_in_twenty_months(root: Path) -> str:
    """The suggestion box's insights page, once ideas came in over twenty months."""
    folder = root / "challenges/suggestion-box/ideas"
    idea = yaml.safe_load((folder / "3.yml").read_text("utf-8"))
    for number, month in enumerate(range(20), start=600):
        year, month_of_year = 2025 + (month + 1) // 12, (month + 1) % 12 + 1
        (folder / f"{number}.yml").write_text(yaml.safe_dump({
            **idea, "issue": number, "status": "submitted", "history": [],
            "submitted": f"{year}-{month_of_year:02d}-15T10:00:00Z"}), "utf-8")
    planner = Planner(load_catalog(root, now=EXAMPLE_NOW), make_environment())
    page = next(page for page in planner.pages()
                if page.path == "challenges/suggestion-box/insights.md")
    return page.render(page.path).source()


def test_a_long_table_is_folded_under_its_chart_and_a_short_one_is_not(
        tmp_path: Path) -> None:
    page = insights_with_ideas_in_twenty_months(copy_example(tmp_path / "portal"))
    folded = re.findall(r'<details class="cc-chart__numbers">\s*<summary>(.*?)</summary>'
                        r'\s*<table>\s*<caption>(.*?)</caption>(.*?)</table>\s*</details>',
                        page, re.S)
    assert [caption for _, caption, _ in folded] == [
        "Ideas and votes over time, in numbers", "New and returning contributors, in numbers"]
    for summary, _, table in folded:
        rows = table.count("<tr>") - 1  # under the header: each month with something in it
        assert rows >= 20 and summary == f"The numbers: {rows} rows"
    assert page.count("<caption>") == 6 and page.count("<details") == 2  # four stand open
