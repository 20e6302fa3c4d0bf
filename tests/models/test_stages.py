"""Dates, time zones and stages: a challenge's stage follows its timeline and the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from generator.models import Timeline
from generator.models.common import to_instant
from generator.models.stages import (
    Stage,
    is_voting_open,
    stage_at,
    voting_opens_later,
    voting_window,
)

LONDON = ZoneInfo("Europe/London")
TIMELINE = Timeline.model_validate({
    "ideas_open": "2027-03-01", "ideas_close": "2027-03-31",
    "voting_close": "2027-04-15", "results": "2027-05-01T12:00:00+02:00",
})


@pytest.mark.parametrize(("moment", "stage"), [
    ("2027-02-28T23:59:59+00:00", Stage.UPCOMING),
    ("2027-03-01T00:00:00+00:00", Stage.IDEAS_OPEN),
    ("2027-03-31T22:59:59+00:00", Stage.IDEAS_OPEN),  # 23:59 in London (BST from 28 March)
    ("2027-03-31T23:00:00+00:00", Stage.VOTING),      # midnight in London: the close day ended
    ("2027-04-15T22:59:00+00:00", Stage.VOTING),
    ("2027-04-15T23:00:00+00:00", Stage.JUDGING),
    ("2027-05-01T09:59:59+00:00", Stage.JUDGING),
    ("2027-05-01T10:00:00+00:00", Stage.RESULTS),     # 12:00 at +02:00
    ("2030-01-01T00:00:00+00:00", Stage.RESULTS),
])
def test_stage_follows_the_clock_in_the_portal_time_zone(moment: str, stage: Stage) -> None:
    assert stage_at(TIMELINE, LONDON, datetime.fromisoformat(moment)) is stage


def test_a_plain_day_opens_at_midnight_and_a_closing_day_ends_at_midnight() -> None:
    assert to_instant(date(2027, 1, 10), UTC) == datetime(2027, 1, 10, tzinfo=UTC)
    assert to_instant(date(2027, 1, 10), UTC, end_of_day=True) == datetime(2027, 1, 11, tzinfo=UTC)


def test_a_date_time_without_offset_is_read_in_the_portal_zone() -> None:
    moment = to_instant(datetime(2027, 7, 1, 9, 0), LONDON)
    assert moment.astimezone(UTC) == datetime(2027, 7, 1, 8, 0, tzinfo=UTC)


def test_an_evergreen_challenge_stays_open_and_votes_from_its_voting_open() -> None:
    timeline = Timeline.model_validate({"ideas_open": "2025-01-01", "voting_open": "2025-02-01"})
    assert timeline.is_evergreen
    assert stage_at(timeline, UTC, datetime(2099, 1, 1, tzinfo=UTC)) is Stage.IDEAS_OPEN
    assert voting_window(timeline, UTC) == (datetime(2025, 2, 1, tzinfo=UTC), None)
    assert not is_voting_open(timeline, UTC, datetime(2025, 1, 15, tzinfo=UTC))
    assert is_voting_open(timeline, UTC, datetime(2099, 1, 1, tzinfo=UTC))


def test_voting_opens_when_ideas_close_unless_told_otherwise() -> None:
    start, end = voting_window(TIMELINE, LONDON)
    assert start == datetime(2027, 3, 31, 23, 0, tzinfo=UTC)
    assert end == datetime(2027, 4, 15, 23, 0, tzinfo=UTC)


PAUSED = Timeline.model_validate({
    "ideas_open": "2027-03-01", "ideas_close": "2027-03-31", "voting_open": "2027-04-05T09:00",
    "voting_close": "2027-04-15", "results": "2027-05-01",
})


@pytest.mark.parametrize(("moment", "opens"), [
    ("2027-03-31T22:59:59.999999+00:00", None),  # ideas still open
    ("2027-03-31T23:00:00+00:00", datetime(2027, 4, 5, 8, 0, tzinfo=UTC)),  # ideas closed
    ("2027-04-05T07:59:59.999999+00:00", datetime(2027, 4, 5, 8, 0, tzinfo=UTC)),
    ("2027-04-05T08:00:00+00:00", None),  # 09:00 in London: voting is open
    ("2027-04-20T00:00:00+00:00", None),  # judging
])
def test_the_pause_before_voting_lasts_from_ideas_close_until_voting_open(
        moment: str, opens: datetime | None) -> None:
    now = datetime.fromisoformat(moment)
    assert voting_opens_later(PAUSED, LONDON, now) == opens
    assert is_voting_open(PAUSED, LONDON, now) is (stage_at(PAUSED, LONDON, now) is Stage.VOTING
                                                   and opens is None)
    # without a voting_open of its own, voting opens as ideas close: no pause at all
    assert voting_opens_later(TIMELINE, LONDON, now) is None


@pytest.mark.parametrize(("fields", "message"), [
    ({"ideas_open": "2027-03-01", "ideas_close": "2027-02-01", "voting_close": "2027-04-01",
      "results": "2027-05-01"}, "ideas_close (2027-02-01) comes before ideas_open (2027-03-01)"),
    ({"ideas_open": "2027-03-01", "ideas_close": "2027-03-10", "voting_close": "2027-04-01",
      "results": "2027-03-20"}, "results (2027-03-20) comes before voting_close (2027-04-01)"),
    ({"ideas_open": "2027-03-01", "results": "2027-05-01"},
     "results is set but ideas_close is not"),
    ({"ideas_open": "2027-03-01", "ideas_close": "2027-03-10"}, "voting_close is missing"),
    ({"ideas_open": "2027-02-30"}, "'2027-02-30' is not a real date (day is out of range"),
    ({"ideas_open": "soon"}, "'soon' is not a real date"),
])
def test_refuses_impossible_timelines(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Timeline.model_validate(fields)


def test_compares_days_and_date_times_as_aware_moments() -> None:
    fields = {"ideas_open": "2027-03-01T09:00:00Z", "ideas_close": "2027-03-01",
              "results": "2027-03-05"}
    # The ideas_close day ends at 00:00 UTC on the 2nd: 00:00 at +01:00 is an hour earlier.
    with pytest.raises(ValidationError, match=r"voting_close .* comes before ideas_close"):
        Timeline.model_validate({**fields, "voting_close": "2027-03-02T00:00:00+01:00"})
    timeline = Timeline.model_validate({**fields, "voting_close": "2027-03-02T01:00:00+01:00"})
    assert stage_at(timeline, UTC, datetime(2027, 3, 1, 23, 59, tzinfo=UTC)) is Stage.IDEAS_OPEN
    assert stage_at(timeline, UTC, datetime(2027, 3, 2, 0, 0, tzinfo=UTC)) is Stage.JUDGING
