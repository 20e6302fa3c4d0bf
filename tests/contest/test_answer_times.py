"""Time to a first answer: each wait and their median counted alike, in calendar days.

Counted in elapsed time, an answer overnight made a median of "0.4 days" beside
"the same day: 0"; in the portal's calendar days it is the next day, and the
median is a whole number of days some idea waited (the lower median).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import yaml

from generator.contest.insights import Wait, measure_answer_times
from generator.models import Idea
from tests.support import EXAMPLE

ZONE = ZoneInfo("Europe/London")  # the example's time zone


def idea_answered(submitted: str, answered: str) -> Idea:
    """An example idea, submitted and first answered at these moments (ISO 8601)."""
    data = yaml.safe_load((EXAMPLE / "challenges/suggestion-box/ideas/3.yml").read_text("utf-8"))
    data["submitted"] = datetime.fromisoformat(submitted)
    data["history"] = [{**data["history"][0], "at": datetime.fromisoformat(answered)}]
    data["status"] = "published"
    return Idea.model_validate(data)


def test_a_wait_and_the_median_both_count_calendar_days() -> None:
    """Answered overnight, ten hours later, is the next day: within 2 days, not the same day,
    and the median is 1 day, not "0.4 days" beside "the same day: 0"."""
    overnight = idea_answered("2026-03-02T21:30:00+00:00", "2026-03-03T07:30:00+00:00")
    times = measure_answer_times([overnight, overnight], ZONE)
    assert (times.waits[Wait.SAME_DAY], times.waits[Wait.TWO_DAYS], times.median_days) == \
        (0, 2, 1)
    # Days in London, not in UTC: 23:10 UTC on 28 June is ten past midnight on the 29th there.
    same_day = idea_answered("2026-06-28T23:10:00+00:00", "2026-06-29T22:45:00+00:00")
    late = idea_answered("2026-06-01T09:00:00+01:00", "2026-06-09T09:00:00+01:00")  # 8 days
    times = measure_answer_times([same_day, same_day, late], ZONE)
    assert (times.waits[Wait.SAME_DAY], times.waits[Wait.MONTH], times.median_days) == (2, 1, 0)
    # Of two waits, the lower: a whole number of days some idea waited, never "0.5 days".
    two_days = idea_answered("2026-06-01T09:00:00+01:00", "2026-06-03T09:00:00+01:00")
    assert measure_answer_times([same_day, two_days], ZONE).median_days == 0
