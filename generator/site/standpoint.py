"""Where a challenge stands for a visitor, and so what its pages offer them to do now.

Cards, the challenge page and idea pages each lead with one call to action, chosen
here rather than by stage alone: votes count inside the voting window, which an
evergreen challenge opens while ideas still come in, and which may open some days
after ideas close. So:

- upcoming: the day it opens;
- open for ideas: the idea form, and when ideas close;
- voting: how to vote, with a button to each idea's issue that takes votes, and when
  voting closes; before the window opens, the day it does;
- judging: the day of the results;
- results: the winners, and the ideas by rank.

A vote button is offered only for an idea whose votes would count now (`vote_address`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from generator.models import Idea, Status
from generator.models.challenge import Challenge, VotingRules
from generator.models.stages import Stage, is_voting_open, voting_window

# Ideas set aside for good: they take no votes and go no further, so their cards are dimmed.
SET_ASIDE = frozenset({Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN})
# The days a closing field names are the last ones, whole: a countdown to them counts today.
CLOSING_KINDS = frozenset({"ideas-close", "voting-closes"})


@dataclass(frozen=True)
class Moment:
    """The next change a visitor waits for: what it is, on which day, and how many days away.

    `kind` is one of "opens", "ideas-close", "voting-opens", "voting-closes" and "results";
    for the closing kinds `day` is the last day, and `days` counts it."""

    kind: str
    day: date
    days: int


@dataclass(frozen=True)
class Standpoint:
    """A challenge as a visitor finds it now."""

    stage: Stage
    voting: bool  # votes count now
    next: Moment | None  # the next change, or None (results, or ideas that never close)
    voting_opens: Moment | None  # while voting is still to come
    voting_closes: date | None  # the last day of voting, while it is open and ends
    rules: VotingRules
    issues: str | None  # where the repository's issues are, for the vote buttons

    def takes_votes(self, idea: Idea) -> bool:
        """Whether a vote for `idea` cast now would count (its status, the window)."""
        return self.voting and idea.status in self.rules.open_statuses

    def vote_address(self, idea: Idea) -> str | None:
        """The issue to vote on for `idea`, or None when a vote there would not count now."""
        if self.issues is None or idea.issue is None or not self.takes_votes(idea):
            return None
        return f"{self.issues}{idea.issue}"

    @property
    def results_first(self) -> bool:
        return self.stage is Stage.RESULTS

    @property
    def ideas_first(self) -> bool:
        """Whether the ideas matter more than the brief now: voting, judging or results."""
        return self.voting or self.stage in (Stage.JUDGING, Stage.RESULTS)


def find_standpoint(challenge: Challenge, stage: Stage, zone: tzinfo, now: datetime,
                    repository: str | None) -> Standpoint:
    """Where `challenge`, at `stage`, stands at `now` for a visitor."""
    timeline = challenge.timeline
    voting = is_voting_open(timeline, zone, now)
    opens, closes = voting_window(timeline, zone)
    today = now.astimezone(zone).date()
    return Standpoint(
        stage=stage,
        voting=voting,
        next=next_moment(challenge, stage, voting, zone, today),
        voting_opens=moment("voting-opens", opens, zone, today) if now < opens else None,
        voting_closes=last_day(closes, zone) if voting and closes else None,
        rules=challenge.voting,
        issues=f"https://github.com/{repository}/issues/" if repository else None,
    )


def next_moment(challenge: Challenge, stage: Stage, voting: bool, zone: tzinfo,
                today: date) -> Moment | None:
    """The change a visitor at `stage` waits for next."""
    timeline = challenge.timeline
    if stage is Stage.UPCOMING:
        field, kind = "ideas_open", "opens"
    elif stage is Stage.IDEAS_OPEN:
        field, kind = "ideas_close", "ideas-close"
    elif stage is Stage.VOTING and voting:
        field, kind = "voting_close", "voting-closes"
    elif stage is Stage.VOTING:  # the pause between ideas closing and voting opening
        return moment("voting-opens", voting_window(timeline, zone)[0], zone, today)
    elif stage is Stage.JUDGING:
        field, kind = "results", "results"
    else:
        return None
    instant = timeline.instant(field, zone)
    return moment(kind, instant, zone, today) if instant else None


def moment(kind: str, instant: datetime, zone: tzinfo, today: date) -> Moment:
    """`kind` at `instant`: a closing one on its last day, and today counted in its countdown."""
    if kind in CLOSING_KINDS:
        day = last_day(instant, zone)
        return Moment(kind, day, (day - today).days + 1)
    day = instant.astimezone(zone).date()
    return Moment(kind, day, (day - today).days)


def last_day(end: datetime, zone: tzinfo) -> date:
    """The last day before `end`, which is the first moment after a closing day."""
    return (end - timedelta(microseconds=1)).astimezone(zone).date()


def gallery_order(newest: list[tuple[str, Idea]], ranking: list[str],
                  standpoint: Standpoint) -> list[tuple[str, Idea]]:
    """A challenge's ideas as its gallery shows them: by rank once it has results, so the
    winners come first, else newest first."""
    if not standpoint.results_first:
        return newest
    ideas = dict(newest)
    return [(idea_id, ideas[idea_id]) for idea_id in ranking]


def newest_positions(newest: list[tuple[str, Idea]]) -> dict[str, int]:
    """Each idea's place among the newest first, for the gallery's "newest" sort."""
    return {idea_id: position for position, (idea_id, _) in enumerate(newest)}
