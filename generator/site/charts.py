"""The insights' figures drawn as static SVG charts, with pygal.

Each chart is a file of its own, shown on the insights pages through
`<img>`, and must stand on its own there:

- its `<title>` and a `<desc>` (the same text summary the page gives as the
  image's `alt`) are the first children of the root, which is `role="img"`
  and `aria-labelledby` both;
- no script (pygal writes its tooltips' configuration even without any),
  no comment, nothing from another host, and no XML declaration: UTF-8 is
  XML's default;
- the same figure gives the same bytes: pygal's random chart id is replaced
  by one derived from the file's path, which also keeps two charts' styles
  apart when they share a page;
- it brings its own light background and dark text, readable whether the
  page around it is light or dark (an image follows neither palette).

Every word on a chart (title, axes, legends, summary) is a message in the
portal's language, and every number and date is written the locale's way.
"""

from __future__ import annotations

import hashlib
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygal
from pygal.etree import etree
from pygal.style import Style

from generator.contest.insights import (
    AnswerTimes,
    Funnel,
    Insights,
    Month,
    SegmentShare,
    TopTags,
    Wait,
    Week,
)
from generator.contest.words import segment_name, status_name, wait_name
from generator.i18n import Language

# The same serialiser everywhere, whether lxml happens to be installed or not.
etree.to_etree()

# Dark enough against the white background for graphics (WCAG 1.4.11: 3:1 and more);
# the same colours as the status badges.
COLOURS = ("#0b5394", "#8a4b08", "#1a6b3c", "#5b3a94", "#a12a2a", "#55606e")
FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif'
STYLE = Style(
    background="#ffffff", plot_background="#ffffff",
    foreground="#1f2328", foreground_strong="#1f2328", foreground_subtle="#57606a",
    guide_stroke_color="#8c959f", major_guide_stroke_color="#8c959f",
    colors=COLOURS, font_family=FONTS,
    label_font_size=13, major_label_font_size=13, legend_font_size=14, title_font_size=18,
    value_font_size=13, value_colors=("#1f2328",) * len(COLOURS),
    opacity="1", opacity_hover="1", transition="none",
)
SETTINGS: dict[str, Any] = {
    "style": STYLE, "js": [], "disable_xml_declaration": True, "width": 800, "height": 460,
    "legend_at_bottom": True, "legend_at_bottom_columns": 2, "truncate_label": -1,
    "truncate_legend": -1, "margin": 16, "spacing": 12, "print_zeroes": True,
}
MOST_X_LABELS = 8  # a longer axis shows every n-th label only


@dataclass(frozen=True)
class Chart:
    """One figure's chart: its file name, title, text summary and SVG (None when empty)."""

    name: str
    title: str
    summary: str
    svg: str | None


def chart_id(path: str) -> str:
    """A stable id for the chart at `path` in the site."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:12]


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


def make_accessible(root: ET.Element, *, uid: str, title: str, summary: str) -> ET.Element:
    """Title and description first, named by `aria-labelledby`; no script, no comment."""
    for child in list(root):
        if child.tag in (ET.Comment, "title"):
            root.remove(child)
    for defs in root.iter("defs"):
        for script in defs.findall("script"):
            defs.remove(script)
    heading = ET.Element("title", id=f"title-{uid}")
    heading.text = title
    description = ET.Element("desc", id=f"desc-{uid}")
    description.text = summary
    root.insert(0, heading)
    root.insert(1, description)
    root.set("role", "img")
    root.set("aria-labelledby", f"title-{uid} desc-{uid}")
    return root


def render(chart: Any, path: str, title: str, summary: str) -> str:
    """The chart's SVG text, accessible and the same for the same figure."""
    uid = chart_id(path)
    chart.uuid = uid

    def finish(root: ET.Element) -> ET.Element:
        return make_accessible(root, uid=uid, title=title, summary=summary)

    chart.add_xml_filter(finish)
    svg: str = chart.render(is_unicode=True)
    return svg + "\n"


def every_nth(labels: list[str]) -> dict[str, Any]:
    """Settings that show at most MOST_X_LABELS of an axis' labels."""
    if len(labels) <= MOST_X_LABELS:
        return {}
    return {"x_labels_major_every": math.ceil(len(labels) / MOST_X_LABELS),
            "show_minor_x_labels": False, "x_label_rotation": 0}


def formatter(lang: Language) -> Callable[[float | None], str]:
    return lambda value: "" if value is None else lang.number(value)


# -- one chart a figure ---------------------------------------------------------------


def draw_activity(weeks: list[Week], lang: Language, folder: str) -> Chart:
    title = lang.gettext("Ideas and votes per week")
    if not weeks:
        return Chart("activity", title, lang.gettext("No ideas or votes yet."), None)
    ideas = sum(week.ideas for week in weeks)
    votes = sum(week.votes for week in weeks)
    sentences = [lang.ngettext(
        "%(count)s idea was submitted between the weeks of %(first)s and %(last)s.",
        "%(count)s ideas were submitted between the weeks of %(first)s and %(last)s.",
        ideas, first=lang.day(weeks[0].monday), last=lang.day(weeks[-1].monday))]
    sentences.append(lang.ngettext("%(count)s counted vote was cast in that time.",
                                   "%(count)s counted votes were cast in that time.", votes))
    if ideas:
        busiest = max(weeks, key=lambda week: week.ideas)
        sentences.append(lang.ngettext(
            "The busiest week for ideas began on %(day)s, with %(count)s idea.",
            "The busiest week for ideas began on %(day)s, with %(count)s ideas.",
            busiest.ideas, day=lang.day(busiest.monday)))
    if votes:
        busiest = max(weeks, key=lambda week: week.votes)
        sentences.append(lang.ngettext(
            "The busiest week for votes began on %(day)s, with %(count)s vote.",
            "The busiest week for votes began on %(day)s, with %(count)s votes.",
            busiest.votes, day=lang.day(busiest.monday)))
    summary = " ".join(sentences)
    years = weeks[0].monday.year != weeks[-1].monday.year
    labels = [lang.short_day(week.monday, with_year=years) for week in weeks]
    chart = pygal.Bar(**SETTINGS, title=title, x_title=lang.gettext("Week starting"),
                      y_title=lang.gettext("Ideas and votes"), value_formatter=formatter(lang),
                      y_labels=integer_ticks(max(max(w.ideas, w.votes) for w in weeks)),
                      **every_nth(labels))
    chart.x_labels = labels
    chart.add(lang.gettext("Ideas"), [week.ideas for week in weeks])
    chart.add(lang.gettext("Votes"), [week.votes for week in weeks])
    return Chart("activity", title, summary, render(chart, f"{folder}activity.svg", title,
                                                    summary))


def draw_segments(segments: list[SegmentShare], lang: Language, folder: str) -> Chart:
    title = lang.gettext("Participation by segment")
    if not any(share.ideas for share in segments):
        return Chart("segments", title, lang.gettext("No ideas yet."), None)
    taking_part = [share for share in segments if share.ideas]
    items = [lang.gettext("%(segment)s (ideas: %(ideas)s, authors: %(authors)s)",
                          segment=segment_name(lang, share.segment),
                          ideas=lang.number(share.ideas), authors=lang.number(share.authors))
             for share in taking_part]
    sentences = [lang.gettext("Ideas and distinct authors by the author's segment: "
                              "%(segments)s.", segments=lang.join(items))]
    absent = [segment_name(lang, share.segment) for share in segments if not share.ideas]
    if absent:
        sentences.append(lang.gettext("None came from %(segments)s.",
                                      segments=lang.join(absent, "or")))
    summary = " ".join(sentences)
    chart = pygal.HorizontalBar(
        **SETTINGS, title=title, print_values=True, print_values_position="top",
        value_formatter=formatter(lang),
        y_labels=integer_ticks(max(max(s.ideas, s.authors) for s in segments)))
    # pygal draws the first label at the bottom: reversed, the first segment is on top.
    chart.x_labels = [segment_name(lang, share.segment) for share in reversed(segments)]
    chart.add(lang.gettext("Ideas"), [share.ideas for share in reversed(segments)])
    chart.add(lang.gettext("Authors"), [share.authors for share in reversed(segments)])
    return Chart("segments", title, summary, render(chart, f"{folder}segments.svg", title,
                                                    summary))


def draw_funnel(funnel: Funnel, lang: Language, folder: str) -> Chart:
    title = lang.gettext("The idea funnel")
    if not funnel.submitted:
        return Chart("funnel", title, lang.gettext("No ideas yet."), None)

    def item(status: str, count: int) -> str:
        return lang.gettext("%(status)s: %(count)s (%(share)s)", status=status_name(lang, status),
                            count=lang.number(count), share=lang.percent(funnel.share(count)))

    summary = " ".join([
        lang.ngettext("%(count)s idea submitted.", "%(count)s ideas submitted.",
                      funnel.submitted),
        lang.gettext("Reached, by their history: %(steps)s.", steps=lang.join(
            [item(status, count) for status, count in list(funnel.reached.items())[1:]])),
        lang.gettext("Ended as: %(endings)s.", endings=lang.join(
            [item(status, count) for status, count in funnel.ended.items()])),
    ])
    rows = [*funnel.reached.items(), *funnel.ended.items()]
    chart = pygal.HorizontalBar(
        **SETTINGS, title=title, show_legend=False, print_values=True, print_values_position="top",
        value_formatter=formatter(lang), y_labels=integer_ticks(funnel.submitted))
    # pygal draws the first label at the bottom: reversed, submitted comes first from the top.
    chart.x_labels = [status_name(lang, status) for status, _ in reversed(rows)]
    chart.add(lang.gettext("Ideas"), [
        {"value": count, "color": COLOURS[4] if status in funnel.ended else COLOURS[0]}
        for status, count in reversed(rows)])
    return Chart("funnel", title, summary, render(chart, f"{folder}funnel.svg", title, summary))


def draw_tags(top: TopTags, lang: Language, folder: str) -> Chart:
    title = lang.gettext("Top tags")
    if not top.tags:
        return Chart("tags", title, lang.gettext("No idea has a tag yet."), None)
    items = [lang.gettext("%(tag)s (%(count)s)", tag=use.tag, count=lang.number(use.ideas))
             for use in top.tags]
    summary = " ".join([
        lang.ngettext("%(count)s tag is in use.", "%(count)s tags are in use.", top.distinct),
        lang.gettext("The most used, with the number of ideas tagged: %(tags)s.",
                     tags=lang.join(items)),
    ])
    chart = pygal.HorizontalBar(
        **{**SETTINGS, "height": 120 + 32 * len(top.tags)}, title=title, show_legend=False,
        print_values=True, print_values_position="top", value_formatter=formatter(lang),
        y_labels=integer_ticks(top.tags[0].ideas))
    chart.x_labels = [use.tag for use in reversed(top.tags)]
    chart.add(lang.gettext("Ideas"), [use.ideas for use in reversed(top.tags)])
    return Chart("tags", title, summary, render(chart, f"{folder}tags.svg", title, summary))


def draw_contributors(months: list[Month], lang: Language, folder: str) -> Chart:
    title = lang.gettext("New and returning contributors")
    if not months:
        return Chart("contributors", title, lang.gettext("No contributions yet."), None)
    new = sum(month.new for month in months)
    sentences = [lang.ngettext(
        "%(count)s person contributed for the first time between %(first)s and %(last)s.",
        "%(count)s people contributed for the first time between %(first)s and %(last)s.",
        new, first=lang.month(months[0].first_day), last=lang.month(months[-1].first_day))]
    if new:
        busiest = max(months, key=lambda month: month.new)
        sentences.append(lang.gettext("The most newcomers came in %(month)s: %(count)s.",
                                      month=lang.month(busiest.first_day),
                                      count=lang.number(busiest.new)))
    if any(month.returning for month in months):
        busiest = max(months, key=lambda month: month.returning)
        sentences.append(lang.gettext("The most people came back in %(month)s: %(count)s.",
                                      month=lang.month(busiest.first_day),
                                      count=lang.number(busiest.returning)))
    else:
        sentences.append(lang.gettext("No one has come back in a later month yet."))
    summary = " ".join(sentences)
    labels = [lang.short_month(month.first_day) for month in months]
    chart = pygal.StackedBar(
        **SETTINGS, title=title, x_title=lang.gettext("Month"),
        y_title=lang.gettext("Contributors"), value_formatter=formatter(lang),
        y_labels=integer_ticks(max(month.new + month.returning for month in months)),
        **every_nth(labels))
    chart.x_labels = labels
    chart.add(lang.gettext("New"), [month.new for month in months])
    chart.add(lang.gettext("Returning"), [month.returning for month in months])
    return Chart("contributors", title, summary,
                 render(chart, f"{folder}contributors.svg", title, summary))


def draw_answer_times(answers: AnswerTimes, lang: Language, folder: str) -> Chart:
    title = lang.gettext("Time to a first answer")
    if not any(answers.waits.values()):
        return Chart("answers", title, lang.gettext("No ideas yet."), None)
    sentences = [lang.ngettext("%(count)s idea has had a first answer.",
                               "%(count)s ideas have had a first answer.", answers.answered)]
    if answers.median_days is not None:
        median = round(answers.median_days, 1)
        sentences.append(lang.ngettext(
            "The median wait was %(days)s day.", "The median wait was %(days)s days.",
            lang.plural_count(median), days=lang.number(median, 1 if median % 1 else 0)))
    # Babel's extractor misses a message nested in another's arguments: one call each.
    waits = [lang.gettext("%(wait)s: %(count)s", wait=wait_name(lang, wait),
                          count=lang.number(count)) for wait, count in answers.waits.items()]
    sentences.append(lang.gettext("By wait: %(waits)s.", waits=lang.join(waits)))
    summary = " ".join(sentences)
    chart = pygal.Bar(
        **SETTINGS, title=title, show_legend=False, print_values=True, print_values_position="top",
        x_title=lang.gettext("Time from submission to a first answer"),
        y_title=lang.gettext("Ideas"), value_formatter=formatter(lang),
        y_labels=integer_ticks(max(answers.waits.values())))
    chart.x_labels = [wait_name(lang, wait) for wait in Wait]
    chart.add(lang.gettext("Ideas"), list(answers.waits.values()))
    return Chart("answers", title, summary, render(chart, f"{folder}answers.svg", title,
                                                   summary))


def draw_insights(insights: Insights, lang: Language, folder: str) -> dict[str, Chart]:
    """Every chart of one insights page, by name; `folder` is where their files go
    (`insights/`, `challenges/<challenge>/insights/`)."""
    charts = [
        draw_activity(insights.weeks, lang, folder),
        draw_segments(insights.segments, lang, folder),
        draw_funnel(insights.funnel, lang, folder),
        draw_tags(insights.tags, lang, folder),
        draw_contributors(insights.months, lang, folder),
        draw_answer_times(insights.answers, lang, folder),
    ]
    return {chart.name: chart for chart in charts}
