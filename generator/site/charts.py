"""The insights' figures as charts: what each draws, and the words that go with it.

Each chart is inline SVG in its insights page (generator/site/drawing.py draws
the bars), with a `<title>` and a `<desc>` holding the same text summary the page
shows under it, and the figure's numbers in a table after that. Every word on a
chart (title, series, labels, summary) is a message in the portal's language,
every number and date written the locale's way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.contest.insights import (
    Activity,
    AnswerTimes,
    Funnel,
    Insights,
    Month,
    SegmentShare,
    TopTags,
    Unit,
    Wait,
)
from generator.contest.words import segment_name, status_name, wait_name
from generator.i18n import Language
from generator.site.drawing import (
    Panel,
    Row,
    Series,
    Slot,
    Tone,
    Words,
    draw_bar_rows,
    draw_time_panels,
)

# Labels under a time axis: at most about this many on a narrow chart, and on a wide one.
MOST_MAJOR_LABELS = 5
MOST_MINOR_LABELS = 10
# Every how many weeks, or months, a label may go; months' steps keep January among them.
LABEL_STEPS = {Unit.WEEK: (1, 2, 4, 8, 16), Unit.MONTH: (1, 2, 3, 6, 12, 24, 60, 120)}


@dataclass(frozen=True)
class Chart:
    """One figure's chart: its name (the SVG's ids), title, text summary and inline SVG
    (None when the figure is empty: the page says so in words instead)."""

    name: str
    title: str
    summary: str
    svg: Markup | None


def chart_words(lang: Language) -> Words:
    return Words(number=lang.number, bar=lambda name, series, value: lang.gettext(
        "%(name)s, %(series)s: %(value)s", name=name, series=series, value=value))


def label_steps(count: int, unit: Unit) -> tuple[int, int]:
    """Every how many periods a label goes on a wide chart (minor) and on any (major)."""
    steps = LABEL_STEPS[unit]
    minor = next((step for step in steps if count / step <= MOST_MINOR_LABELS), steps[-1])
    major = next((step for step in steps
                  if step % minor == 0 and count / step <= MOST_MAJOR_LABELS), steps[-1])
    return minor, major


def time_slots(starts: list[date], unit: Unit, lang: Language) -> list[Slot]:
    """The periods beginning on `starts` as a time axis. Weeks are labelled every n-th from
    the first, months on round months (January always among them); a label carries its
    year where the year differs from the label before it that shows on the same screens."""
    minor, major = label_steps(len(starts), unit)
    slots = []
    shown_year: dict[str, int | None] = {"minor": None, "major": None}
    for position, start in enumerate(starts):
        place = position if unit is Unit.WEEK else start.year * 12 + start.month - 1
        level = "major" if place % major == 0 else "minor" if place % minor == 0 else None
        year = None
        if level is not None:
            seen = shown_year["major"] if level == "major" else shown_year["minor"]
            year = str(start.year) if start.year != seen else None
            shown_year["minor"] = start.year
            if level == "major":
                shown_year["major"] = start.year
        if unit is Unit.WEEK:
            slots.append(Slot(lang.gettext("Week of %(day)s", day=lang.day(start)),
                              lang.short_day(start), year, level))
        else:
            slots.append(Slot(lang.month(start), lang.short_month(start), year, level))
    return slots


# -- one chart a figure ---------------------------------------------------------------


def describe_activity(activity: Activity, lang: Language) -> str:
    periods = activity.periods
    ideas = sum(period.ideas for period in periods)
    votes = sum(period.votes for period in periods)
    by_week = activity.unit is Unit.WEEK
    if by_week:
        sentences = [lang.ngettext(
            "%(count)s idea was submitted between the weeks of %(first)s and %(last)s.",
            "%(count)s ideas were submitted between the weeks of %(first)s and %(last)s.",
            ideas, first=lang.day(periods[0].start), last=lang.day(periods[-1].start))]
    else:
        sentences = [lang.ngettext(
            "%(count)s idea was submitted between %(first)s and %(last)s.",
            "%(count)s ideas were submitted between %(first)s and %(last)s.",
            ideas, first=lang.month(periods[0].start), last=lang.month(periods[-1].start))]
    sentences.append(lang.ngettext("%(count)s counted vote was cast in that time.",
                                   "%(count)s counted votes were cast in that time.", votes))
    if ideas:
        busiest = max(periods, key=lambda period: period.ideas)
        sentences.append(lang.ngettext(
            "The busiest week for ideas began on %(day)s, with %(count)s idea.",
            "The busiest week for ideas began on %(day)s, with %(count)s ideas.",
            busiest.ideas, day=lang.day(busiest.start)) if by_week else lang.ngettext(
            "The busiest month for ideas was %(month)s, with %(count)s idea.",
            "The busiest month for ideas was %(month)s, with %(count)s ideas.",
            busiest.ideas, month=lang.month(busiest.start)))
    if votes:
        busiest = max(periods, key=lambda period: period.votes)
        sentences.append(lang.ngettext(
            "The busiest week for votes began on %(day)s, with %(count)s vote.",
            "The busiest week for votes began on %(day)s, with %(count)s votes.",
            busiest.votes, day=lang.day(busiest.start)) if by_week else lang.ngettext(
            "The busiest month for votes was %(month)s, with %(count)s vote.",
            "The busiest month for votes was %(month)s, with %(count)s votes.",
            busiest.votes, month=lang.month(busiest.start)))
    return " ".join(sentences)


def draw_activity(activity: Activity, lang: Language) -> Chart:
    title = lang.gettext("Ideas and votes over time")
    if not activity.periods:
        return Chart("activity", title, lang.gettext("No ideas or votes yet."), None)
    summary = describe_activity(activity, lang)
    periods = activity.periods
    # Ideas come in ones and twos, votes in tens: each on a scale of its own.
    panels = [Panel((Series(lang.gettext("Ideas"), Tone.FIRST),),
                    (tuple(period.ideas for period in periods),)),
              Panel((Series(lang.gettext("Votes"), Tone.SECOND),),
                    (tuple(period.votes for period in periods),))]
    slots = time_slots([period.start for period in periods], activity.unit, lang)
    return Chart("activity", title, summary, draw_time_panels(
        "activity", title, summary, slots, panels, chart_words(lang)))


def draw_segments(segments: list[SegmentShare], lang: Language) -> Chart:
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
    series = [Series(lang.gettext("Ideas"), Tone.FIRST),
              Series(lang.gettext("Authors"), Tone.SECOND)]
    rows = [Row(segment_name(lang, share.segment), (share.ideas, share.authors))
            for share in segments]
    return Chart("segments", title, summary, draw_bar_rows(
        "segments", title, summary, rows, series, chart_words(lang)))


def draw_funnel(funnel: Funnel, lang: Language) -> Chart:
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
    rows = [Row(status_name(lang, status), (count,)) for status, count in funnel.reached.items()]
    rows += [Row(status_name(lang, status), (count,), Tone.ENDING)
             for status, count in funnel.ended.items()]
    return Chart("funnel", title, summary, draw_bar_rows(
        "funnel", title, summary, rows, [Series(lang.gettext("Ideas"), Tone.FIRST)],
        chart_words(lang)))


def draw_tags(top: TopTags, lang: Language) -> Chart:
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
    rows = [Row(use.tag, (use.ideas,)) for use in top.tags]
    return Chart("tags", title, summary, draw_bar_rows(
        "tags", title, summary, rows, [Series(lang.gettext("Ideas"), Tone.FIRST)],
        chart_words(lang)))


def draw_contributors(months: list[Month], lang: Language) -> Chart:
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
    panel = Panel((Series(lang.gettext("New"), Tone.FIRST),
                   Series(lang.gettext("Returning"), Tone.SECOND)),
                  (tuple(month.new for month in months),
                   tuple(month.returning for month in months)))
    slots = time_slots([month.first_day for month in months], Unit.MONTH, lang)
    return Chart("contributors", title, summary, draw_time_panels(
        "contributors", title, summary, slots, [panel], chart_words(lang)))


def describe_median(days: int, lang: Language) -> str:
    """The median wait, counted as the waits are: in calendar days, the same day being 0."""
    if days == 0:
        return lang.gettext("At least half of them were answered the same day.")
    return lang.ngettext("The median wait was %(count)s day.",
                         "The median wait was %(count)s days.", days)


def draw_answer_times(answers: AnswerTimes, lang: Language) -> Chart:
    title = lang.gettext("Time to a first answer")
    if not any(answers.waits.values()):
        return Chart("answers", title, lang.gettext("No ideas yet."), None)
    sentences = [lang.ngettext("%(count)s idea has had a first answer.",
                               "%(count)s ideas have had a first answer.", answers.answered)]
    if answers.median_days is not None:
        sentences.append(describe_median(answers.median_days, lang))
    # Babel's extractor misses a message nested in another's arguments: one call each.
    waits = [lang.gettext("%(wait)s: %(count)s", wait=wait_name(lang, wait),
                          count=lang.number(count)) for wait, count in answers.waits.items()]
    sentences.append(lang.gettext("By wait: %(waits)s.", waits=lang.join(waits)))
    summary = " ".join(sentences)
    rows = [Row(wait_name(lang, wait), (count,), Tone.SECOND if wait is Wait.WAITING else None)
            for wait, count in answers.waits.items()]
    return Chart("answers", title, summary, draw_bar_rows(
        "answers", title, summary, rows, [Series(lang.gettext("Ideas"), Tone.FIRST)],
        chart_words(lang)))


def draw_insights(insights: Insights, lang: Language) -> dict[str, Chart]:
    """Every chart of one insights page, by name."""
    charts = [
        draw_activity(insights.activity, lang),
        draw_segments(insights.segments, lang),
        draw_funnel(insights.funnel, lang),
        draw_tags(insights.tags, lang),
        draw_contributors(insights.months, lang),
        draw_answer_times(insights.answers, lang),
    ]
    return {chart.name: chart for chart in charts}
