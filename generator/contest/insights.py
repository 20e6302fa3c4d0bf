"""The portal's figures, for the owners: is it working?

Each figure is a plain dataclass computed by one function, from the ideas
and the counted votes (`generator.contest.rules.Counted`) of the whole portal or of
one challenge. Days, weeks and months are those of the portal's time zone;
weeks are ISO weeks, Monday to Sunday. Only counted votes count, each on the
moment it was cast (a voter's latest vote for an idea, the one the tally
keeps). `gather_insights` puts them together; `generator.site.charts` draws them
and the insights pages show them.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from generator.contest.people import REACHED, reached
from generator.contest.rules import Counted
from generator.models import Idea, Status
from generator.models.common import Segment, to_instant
from generator.portal.catalog import Catalog

TOP_TAGS = 10
# A longer span of activity is counted by month: a hundred weekly bars, nearly all empty,
# read on no screen, least of all a phone's.
WEEKS_AT_MOST = 16
# The statuses an idea passes on its way, and the statuses that count as having passed them.
FUNNEL_STEPS = {
    Status.PUBLISHED: REACHED["published"],
    Status.SHORTLISTED: REACHED["shortlisted"],
    Status.PILOTING: REACHED["piloted"],
    Status.IMPLEMENTED: REACHED["implemented"],
}
ENDINGS = (Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN)


class Unit(StrEnum):
    """The stretch of time activity is counted in."""

    WEEK = "week"  # an ISO week, Monday to Sunday
    MONTH = "month"


@dataclass(frozen=True)
class Period:
    """One week or month: its first day, the ideas submitted and the counted votes cast in it."""

    start: date
    ideas: int
    votes: int

    @property
    def empty(self) -> bool:
        return not self.ideas and not self.votes


@dataclass(frozen=True)
class Activity:
    """Ideas and votes by week, or by month over a span longer than WEEKS_AT_MOST weeks:
    every period from the first to the last, empty ones too (a chart's time runs evenly)."""

    unit: Unit
    periods: list[Period]


@dataclass(frozen=True)
class SegmentShare:
    """The ideas whose author is in one segment, and how many distinct authors wrote them."""

    segment: Segment
    ideas: int
    authors: int


@dataclass(frozen=True)
class Funnel:
    """How many ideas reached each status by their history, and how many ended how."""

    reached: dict[Status, int]  # submitted, published, shortlisted, piloting, implemented
    ended: dict[Status, int]  # declined, duplicate, withdrawn (their status now)

    @property
    def submitted(self) -> int:
        return self.reached[Status.SUBMITTED]

    def share(self, count: int) -> float:
        """`count` as a share of the ideas submitted (0 when there are none)."""
        return count / self.submitted if self.submitted else 0.0


@dataclass(frozen=True)
class TagUse:
    tag: str
    ideas: int


@dataclass(frozen=True)
class TopTags:
    """The most used tags (at most ten, ties alphabetical) and how many tags are in use."""

    tags: list[TagUse]
    distinct: int


@dataclass(frozen=True)
class Month:
    """One month: people contributing for the first time, and people who came back."""

    first_day: date
    new: int
    returning: int

    @property
    def empty(self) -> bool:
        return not self.new and not self.returning


class Wait(StrEnum):
    """How long an idea waited for its first answer."""

    SAME_DAY = "same-day"
    TWO_DAYS = "two-days"
    WEEK = "week"
    MONTH = "month"
    LONGER = "longer"
    WAITING = "waiting"  # not answered yet


# The most calendar days each wait holds: an answer on the day of submission waited 0 days.
WAIT_LIMITS = ((Wait.SAME_DAY, 0), (Wait.TWO_DAYS, 2), (Wait.WEEK, 7), (Wait.MONTH, 30))


@dataclass(frozen=True)
class AnswerTimes:
    """Ideas by the calendar days they waited for a first answer, and the median of those
    answered: the lower median, a wait some idea had, so it falls in one of the `waits`."""

    waits: dict[Wait, int]
    median_days: int | None

    @property
    def answered(self) -> int:
        return sum(count for wait, count in self.waits.items() if wait is not Wait.WAITING)


@dataclass(frozen=True)
class Insights:
    """Every figure of the portal, or of one challenge."""

    ideas: int
    votes: int
    activity: Activity
    segments: list[SegmentShare]
    funnel: Funnel
    tags: TopTags
    months: list[Month]
    answers: AnswerTimes


Contribution = tuple[str, datetime]  # a person (login in lower case) and a moment


def week_of(moment: datetime, zone: tzinfo) -> date:
    """The Monday of the ISO week a moment falls in, in `zone`."""
    day = moment.astimezone(zone).date()
    return day - timedelta(days=day.weekday())


def month_of(moment: datetime, zone: tzinfo) -> date:
    """The first day of the month a moment falls in, in `zone`."""
    return moment.astimezone(zone).date().replace(day=1)


def next_month(first_day: date) -> date:
    return (first_day + timedelta(days=32)).replace(day=1)


def next_week(monday: date) -> date:
    return monday + timedelta(days=7)


# Where each unit's period starts, and the period after one.
PERIODS = {Unit.WEEK: (week_of, next_week), Unit.MONTH: (month_of, next_month)}


def count_per(unit: Unit, submitted: list[datetime], votes: list[tuple[datetime, int]],
              zone: tzinfo) -> list[Period]:
    """Ideas and counted votes in each period of `unit`, every one from the first to the last."""
    start_of, following = PERIODS[unit]
    ideas = Counter(start_of(moment, zone) for moment in submitted)
    cast: Counter[date] = Counter()
    for moment, points in votes:
        cast[start_of(moment, zone)] += points
    if not ideas and not cast:
        return []
    start, last = min(ideas | cast), max(ideas | cast)
    periods = []
    while start <= last:
        periods.append(Period(start, ideas[start], cast[start]))
        start = following(start)
    return periods


def count_activity(ideas: Iterable[Idea], votes: Iterable[tuple[datetime, int]],
                   zone: tzinfo) -> Activity:
    """Ideas by when they were submitted and counted votes (points, as on the leaderboard)
    by when they were cast: by week, or by month when that makes over WEEKS_AT_MOST weeks."""
    submitted = [to_instant(idea.submitted, zone) for idea in ideas]
    votes = list(votes)
    weeks = count_per(Unit.WEEK, submitted, votes, zone)
    if len(weeks) <= WEEKS_AT_MOST:
        return Activity(Unit.WEEK, weeks)
    return Activity(Unit.MONTH, count_per(Unit.MONTH, submitted, votes, zone))


def count_segments(ideas: Iterable[Idea]) -> list[SegmentShare]:
    """Ideas and distinct authors in each segment, every segment in its usual order."""
    ideas_in: Counter[Segment] = Counter()
    authors_in: dict[Segment, set[str]] = {segment: set() for segment in Segment}
    for idea in ideas:
        ideas_in[idea.segment] += 1
        authors_in[idea.segment].add(idea.author.lower())
    return [SegmentShare(segment, ideas_in[segment], len(authors_in[segment]))
            for segment in Segment]


def count_funnel(ideas: Iterable[Idea]) -> Funnel:
    """How many ideas reached each status (by their history: an idea keeps what it reached),
    and how many ended declined, duplicate or withdrawn."""
    ideas = list(ideas)
    steps = {Status.SUBMITTED: len(ideas)}
    for status, statuses in FUNNEL_STEPS.items():
        steps[status] = sum(reached(idea, statuses) for idea in ideas)
    ended = {ending: sum(idea.status is ending for idea in ideas) for ending in ENDINGS}
    return Funnel(steps, ended)


def rank_tags(ideas: Iterable[Idea], limit: int = TOP_TAGS) -> TopTags:
    """The tags on most ideas, ties in alphabetical order, at most `limit`."""
    used = Counter(tag for idea in ideas for tag in set(idea.tags))
    ranked = sorted(used.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return TopTags([TagUse(tag, count) for tag, count in ranked], len(used))


def count_contributors(contributions: Iterable[Contribution], firsts: dict[str, date],
                       zone: tzinfo) -> list[Month]:
    """For each month from the first to the last: people whose first contribution (in
    `firsts`, each person's first month) fell in it, and people contributing again."""
    active: dict[date, set[str]] = {}
    for person, moment in contributions:
        active.setdefault(month_of(moment, zone), set()).add(person)
    if not active:
        return []
    months = []
    first_day, last = min(active), max(active)
    while first_day <= last:
        people = active.get(first_day, set())
        new = sum(firsts[person] == first_day for person in people)
        months.append(Month(first_day, new, len(people) - new))
        first_day = next_month(first_day)
    return months


def first_months(contributions: Iterable[Contribution], zone: tzinfo) -> dict[str, date]:
    """Each person's first month of contributing."""
    firsts: dict[str, date] = {}
    for person, moment in contributions:
        month = month_of(moment, zone)
        if person not in firsts or month < firsts[person]:
            firsts[person] = month
    return firsts


def first_answer(idea: Idea, zone: tzinfo) -> datetime | None:
    """The moment of the first history entry that answers: a status other than submitted,
    or any entry with an official answer."""
    for change in idea.history:
        if change.status is not Status.SUBMITTED or change.answer:
            return to_instant(change.at, zone)
    return None


def measure_answer_times(ideas: Iterable[Idea], zone: tzinfo) -> AnswerTimes:
    """Ideas by the calendar days (in `zone`) they waited from submission to a first answer,
    and the lower median: each wait and the median are counted alike, so they agree."""
    waits = dict.fromkeys(Wait, 0)
    days = []
    for idea in ideas:
        answered = first_answer(idea, zone)
        if answered is None:
            waits[Wait.WAITING] += 1
            continue
        submitted = to_instant(idea.submitted, zone).astimezone(zone).date()
        waited = max((answered.astimezone(zone).date() - submitted).days, 0)  # history is in order
        days.append(waited)
        waits[next((wait for wait, most in WAIT_LIMITS if waited <= most), Wait.LONGER)] += 1
    return AnswerTimes(waits, statistics.median_low(days) if days else None)


def gather_contributions(catalog: Catalog, counted: dict[str, Counted],
                         slugs: Iterable[str]) -> list[Contribution]:
    """Authors and co-authors when they submitted, and counted voters when they voted."""
    zone = catalog.settings.zone
    found: list[Contribution] = []
    for slug in slugs:
        for source in catalog.challenges[slug].ideas.values():
            moment = to_instant(source.model.submitted, zone)
            found += [(login.lower(), moment) for login in source.model.people]
        for voters in counted[slug].moments.values():
            found += [(login.lower(), moment) for login, moment in voters.items()]
    return found


def gather_insights(catalog: Catalog, counted: dict[str, Counted], slug: str | None = None,
                    firsts: dict[str, date] | None = None) -> Insights:
    """Every figure of the portal, or of the challenge `slug`.

    `firsts` is each person's first month on the whole portal (worked out here when not
    given), so that "new" on a challenge means new to the portal.
    """
    zone = catalog.settings.zone
    slugs = [slug] if slug is not None else list(catalog.challenges)
    ideas = [source.model for s in slugs for source in catalog.challenges[s].ideas.values()]
    votes = [(moment, counted[s].points[idea][voter]) for s in slugs
             for idea, voters in counted[s].moments.items()
             for voter, moment in voters.items()]
    if firsts is None:
        firsts = first_months(gather_contributions(catalog, counted, catalog.challenges), zone)
    return Insights(
        ideas=len(ideas),
        votes=sum(points for _, points in votes),
        activity=count_activity(ideas, votes, zone),
        segments=count_segments(ideas),
        funnel=count_funnel(ideas),
        tags=rank_tags(ideas),
        months=count_contributors(gather_contributions(catalog, counted, slugs), firsts, zone),
        answers=measure_answer_times(ideas, zone),
    )
