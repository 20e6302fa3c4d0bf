"""Where a challenge stands, derived from its timeline and a clock."""

from __future__ import annotations

from datetime import datetime, tzinfo
from enum import StrEnum

from generator.models.challenge import Timeline


class Stage(StrEnum):
    """The stages every challenge goes through, in order."""

    UPCOMING = "upcoming"
    IDEAS_OPEN = "ideas-open"
    VOTING = "voting"
    JUDGING = "judging"
    RESULTS = "results"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


def stage_at(timeline: Timeline, zone: tzinfo, now: datetime) -> Stage:
    """The stage at `now`. An evergreen challenge stays open for ideas once opened."""
    boundaries = [
        ("ideas_open", Stage.IDEAS_OPEN),
        ("ideas_close", Stage.VOTING),
        ("voting_close", Stage.JUDGING),
        ("results", Stage.RESULTS),
    ]
    stage = Stage.UPCOMING
    for name, reached in boundaries:
        moment = timeline.instant(name, zone)
        if moment is None or now < moment:
            break
        stage = reached
    return stage


def voting_window(timeline: Timeline, zone: tzinfo) -> tuple[datetime, datetime | None]:
    """When votes count: from voting_open (or ideas_close) until voting_close (or forever)."""
    start = timeline.instant("voting_open", zone) or timeline.instant("ideas_close", zone)
    if start is None:  # evergreen with no voting_open: vote while ideas come in
        start = timeline.instant("ideas_open", zone)
    assert start is not None
    return start, timeline.instant("voting_close", zone)


def is_voting_open(timeline: Timeline, zone: tzinfo, now: datetime) -> bool:
    start, end = voting_window(timeline, zone)
    return start <= now and (end is None or now < end)


def voting_opens_later(timeline: Timeline, zone: tzinfo, now: datetime) -> datetime | None:
    """When voting opens, while `now` is in the pause between ideas closing and a later
    `voting_open` (the stage is voting by the dates, but no vote counts yet); else None."""
    if stage_at(timeline, zone, now) is not Stage.VOTING:
        return None
    start, _ = voting_window(timeline, zone)
    return start if now < start else None
