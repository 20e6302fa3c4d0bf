"""Bar charts drawn as inline SVG that read on a phone as on a desk, in either palette.

The insights pages put each chart in the page itself (`generator.site.charts` says
what to draw). So that its words stay the size of the page's own small print
whatever the screen, a chart is never scaled: it has no `viewBox`, so its user
unit is the CSS pixel. Across, everything is a percentage of the chart's width,
and bars stretch with the screen; down, everything is in `em` of the chart's
font size, so the chart grows with its text. The colours and the font size are
the stylesheet's (`.cc-chart__…` classes in cocreate.css, after the theme's own
custom properties): a chart carries no `style`, which the Content-Security-Policy
would refuse (generator/site/csp.py), and follows the light or dark palette.

Every text goes in through ElementTree, which escapes it: a label is text in the
page, never markup, whatever it holds.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from markupsafe import Markup

LONGEST_BAR = 85  # % of the width: the rest is room for the value written after the bar
LINE = 1.25  # em between two lines of text, and between a row's bars (a value's line each)
BAR = 0.9  # em: a bar's thickness across
PANEL_HEIGHT = 5.0  # em from a panel's baseline to its top gridline
# Characters XML forbids (the models refuse them in what people type; a chart drops them all
# the same, so that it stays well-formed whatever reaches it).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class Tone(StrEnum):
    """A bar's colour, a class of cocreate.css: the first series, the second, an ending."""

    FIRST = "first"
    SECOND = "second"
    ENDING = "ending"


@dataclass(frozen=True)
class Series:
    name: str
    tone: Tone


@dataclass(frozen=True)
class Row:
    """One category of a horizontal bar chart: its label and one value per series."""

    label: str
    values: tuple[int, ...]
    tone: Tone | None = None  # the row's own colour, instead of its series'


@dataclass(frozen=True)
class Slot:
    """One period on a time axis. `level` says when its label shows: "major" always,
    "minor" only on a chart wide enough (a container query in cocreate.css), None never."""

    name: str  # the whole period, for the bars' tooltips: "March 2026", "week of 2 March 2026"
    label: str  # its short label under the axis: "Mar", "2 Mar"
    year: str | None  # written under the label where a year begins
    level: str | None


@dataclass(frozen=True)
class Panel:
    """Bars over time on a scale of their own; several series stack."""

    series: tuple[Series, ...]
    values: tuple[tuple[int, ...], ...]  # per series, one value per slot


@dataclass(frozen=True)
class Words:
    """How the portal's language writes a chart's numbers, and names a bar (its tooltip)."""

    number: Callable[[int], str]
    bar: Callable[[str, str, str], str]  # a category or period, a series, a value


def integer_ticks(top: int) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, five or so, at 1, 2 or 5 × 10ⁿ."""
    top = max(top, 1)
    power = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            if top <= 6 * step:
                return list(range(0, math.ceil(top / step) * step + 1, step))
        power *= 10


def em(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "em"


def percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element; `class_` is written `class`, and underscores become hyphens."""
    element = ET.SubElement(parent, tag, {
        name.rstrip("_").replace("_", "-"): value for name, value in attributes.items()})
    element.text = None if text is None else NOT_XML.sub("", text)
    return element


def start_chart(uid: str, title: str, summary: str, height: float) -> ET.Element:
    """The chart's root: its title and summary first, named by `aria-labelledby`."""
    root = ET.Element("svg", {
        "class": "cc-chart__svg", "width": "100%", "height": em(height), "role": "img",
        "aria-labelledby": f"cc-chart-{uid}-title cc-chart-{uid}-desc"})
    add(root, "title", title, id=f"cc-chart-{uid}-title")
    add(root, "desc", summary, id=f"cc-chart-{uid}-desc")
    return root


def finish(root: ET.Element) -> Markup:
    """The chart as HTML to put in the page, one element a line (a change to a figure reads
    as a change to its bars); ElementTree has escaped every text in it."""
    ET.indent(root, space="")
    return Markup(ET.tostring(root, encoding="unicode"))


def draw_legend(root: ET.Element, series: Sequence[Series], y: float) -> None:
    """A swatch and a name for each series, side by side, on the line ending at `y` em."""
    for index, each in enumerate(series):
        x = percent(100 * index / len(series))
        add(root, "rect", class_=f"cc-chart__bar cc-chart__bar--{each.tone}", x=x,
            y=em(y - 0.8), width=em(0.8), height=em(0.8))
        add(root, "text", each.name, class_="cc-chart__legend", x=x, dx=em(1.1), y=em(y))


def draw_bar_rows(uid: str, title: str, summary: str, rows: Sequence[Row],
                  series: Sequence[Series], words: Words) -> Markup:
    """A horizontal bar chart, one row a category: its label on a line of its own above
    its bars (room for a long label on a narrow screen), each bar's value after it."""
    top = max((value for row in rows for value in row.values), default=0) or 1
    legend = LINE + 0.6 if len(series) > 1 else 0
    row_height = LINE + 0.3 + len(series) * LINE + 0.4
    root = start_chart(uid, title, summary, legend + row_height * len(rows))
    if legend:
        draw_legend(root, series, y=1)
    for index, row in enumerate(rows):
        y = legend + index * row_height
        add(root, "text", row.label, class_="cc-chart__label", x="0", y=em(y + 1))
        for position, (each, value) in enumerate(zip(series, row.values, strict=True)):
            bar_y = y + LINE + 0.3 + position * LINE
            width = LONGEST_BAR * value / top
            bar = add(root, "rect", class_=f"cc-chart__bar cc-chart__bar--{row.tone or each.tone}",
                      x="0", y=em(bar_y), width=percent(width), height=em(BAR))
            add(bar, "title", words.bar(row.label, each.name, words.number(value)))
            add(root, "text", words.number(value), class_="cc-chart__value", x=percent(width),
                dx=em(0.35), y=em(bar_y + 0.75))
    return finish(root)


def draw_time_panels(uid: str, title: str, summary: str, slots: Sequence[Slot],
                     panels: Sequence[Panel], words: Words) -> Markup:
    """Bars over time, in panels one above the other, each on its own scale (ideas in
    ones, votes in tens) under one time axis. A panel names its series; its top gridline
    carries the scale's top value, above every bar, so it never hides one."""
    header = LINE + 0.4  # the legend's line
    panel_height = header + LINE + PANEL_HEIGHT + 0.6
    axis = len(panels) * panel_height
    root = start_chart(uid, title, summary, axis + 2 * LINE + 0.3)
    for index, panel in enumerate(panels):
        draw_panel(root, panel, slots, index * panel_height, header, words)
    draw_time_axis(root, slots, axis - 0.6 + LINE)
    return finish(root)


def draw_panel(root: ET.Element, panel: Panel, slots: Sequence[Slot], y: float,
               header: float, words: Words) -> None:
    """One panel's legend, scale and stacked bars, from `y` em down."""
    draw_legend(root, panel.series, y + 1)
    totals = [sum(column) for column in zip(*panel.values, strict=True)]
    top = integer_ticks(max(totals, default=0))[-1]
    grid = y + header + LINE
    base = grid + PANEL_HEIGHT
    add(root, "text", words.number(top), class_="cc-chart__tick", x="0", y=em(grid - 0.3))
    add(root, "line", class_="cc-chart__grid", x1="0", x2="100%", y1=em(grid), y2=em(grid))
    slot = 100 / len(slots)
    for position, each_slot in enumerate(slots):
        stacked = 0.0
        for each, values in zip(panel.series, panel.values, strict=True):
            height = PANEL_HEIGHT * values[position] / top
            stacked += height
            bar = add(root, "rect", class_=f"cc-chart__bar cc-chart__bar--{each.tone}",
                      x=percent(slot * (position + 0.15)), y=em(base - stacked),
                      width=percent(slot * 0.7), height=em(height))
            add(bar, "title", words.bar(each_slot.name, each.name, words.number(values[position])))
    add(root, "line", class_="cc-chart__axis", x1="0", x2="100%", y1=em(base), y2=em(base))


def draw_time_axis(root: ET.Element, slots: Sequence[Slot], y: float) -> None:
    """The slots' labels under the last panel, each under its bar; the first and the
    last are aligned to the chart's edges so that neither is cut off."""
    slot = 100 / len(slots)
    for position, each in enumerate(slots):
        if each.level is None:
            continue
        if position == 0:
            x, anchor = "0", "start"
        elif position == len(slots) - 1:
            x, anchor = "100%", "end"
        else:
            x, anchor = percent(slot * (position + 0.5)), "middle"
        kind = f"cc-chart__tick cc-chart__tick--{each.level}"
        add(root, "text", each.label, class_=kind, x=x, y=em(y), text_anchor=anchor)
        if each.year:
            add(root, "text", each.year, class_=kind, x=x, y=em(y + LINE), text_anchor=anchor)
