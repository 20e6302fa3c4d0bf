"""The voting rules, applied: which votes count, and why each other one does not.

Every vote in every ballot ends up either counted or excluded with a reason,
so the vote audit can list them all and anyone can check the count. The rules
come from the challenge's `voting:` block and timeline:

- a vote is cast when GitHub or Git recorded it: a 👍 or a `/vote` at the time
  GitHub gives (the portal writes it in `at`), a vote by ballot when it entered
  the default branch (`generator.portal.ballot_history`), whatever `at` its voter
  wrote; one not on the branch yet does not count;
- one account, one voter: when several ballots belong to one GitHub account (the
  same `account_id`, or logins equal ignoring case), only the one holding the
  account's latest vote counts, and every vote of the others is excluded;
- a voter's votes count once per idea: a later vote for the same idea replaces
  an earlier one (a 👍 and a `/vote` from the same person count once);
- bot and deleted accounts do not vote;
- an account younger than `min_account_age_days` when voting opened does not vote;
- a vote counts only inside the voting window (a 👍 given earlier and still
  there when voting opens counts too), for an idea whose status at
  the time of the vote was in `open_statuses`, and not for the voter's own idea unless `self_votes`;
- approval voting counts one point per idea; budget voting refuses a vote over
  `max_per_idea`, and, in the order they were cast, votes beyond the `budget`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from generator.models import Ballot, Idea, Status, Vote
from generator.models.common import to_instant
from generator.models.stages import voting_window
from generator.portal.accounts import DELETED_ACCOUNT, counting_ballot, same_account_groups
from generator.portal.ballot_history import VoteKey, ballot_keys
from generator.portal.catalog import Catalog, ChallengeFolder


class Reason(StrEnum):
    REPLACED = "replaced by a later vote for the same idea"
    NOT_MERGED = "not yet on the default branch"
    SAME_ACCOUNT = "another ballot of the same account counts"
    BOT = "bot or deleted account"
    ACCOUNT_AGE_UNKNOWN = "account age unknown"
    TOO_NEW = "account too new"
    UNKNOWN_IDEA = "unknown idea"
    NOT_OPEN = "idea not open for votes"
    OUTSIDE_WINDOW = "outside the voting window"
    SELF_VOTE = "self-vote"
    OVER_IDEA_LIMIT = "over the limit per idea"
    OVER_BUDGET = "over budget"


@dataclass(frozen=True)
class Exclusion:
    """A vote that was not counted, and why."""

    voter: str
    idea: str
    reason: str
    via: str
    points: int


@dataclass(frozen=True)
class Counted:
    """The points each idea got from each voter, when each counted vote was cast,
    and every vote left out."""

    points: dict[str, dict[str, int]]
    excluded: list[Exclusion]
    # idea → voter → the moment of the vote that counts (the voter's latest for that idea)
    moments: dict[str, dict[str, datetime]] = field(default_factory=dict)

    def totals(self) -> dict[str, int]:
        return {idea: sum(voters.values()) for idea, voters in self.points.items()}


def apply_rules(folder: ChallengeFolder, catalog: Catalog) -> Counted:
    """Sort every vote of a challenge into counted points and exclusions."""
    points: dict[str, dict[str, int]] = {idea_id: {} for idea_id in folder.ideas}
    moments: dict[str, dict[str, datetime]] = {idea_id: {} for idea_id in folder.ideas}
    excluded: list[Exclusion] = []
    zone = catalog.settings.zone
    ballots = {name: source.model for name, source in folder.ballots.items()}

    def latest_cast(name: str) -> datetime | None:  # a vote by ballot's own `at` is not read
        source = folder.ballots[name]
        cast = cast_moments(source.model, catalog.entered_votes(source.path), zone)
        return max((moment for moment in cast.values() if moment is not None), default=None)

    set_aside = {name for names in same_account_groups(ballots)
                 for name in names if name != counting_ballot(names, latest_cast)}
    for voter in sorted(folder.ballots):
        source = folder.ballots[voter]
        ballot = source.model
        if voter in set_aside:
            excluded += [Exclusion(ballot.voter, vote.idea, Reason.SAME_ACCOUNT, vote.via,
                                   vote.points) for vote in ballot.votes]
            continue
        entered = catalog.entered_votes(source.path)
        cast = cast_moments(ballot, entered, catalog.settings.zone)
        for vote, reason, counted in judge_ballot(ballot, folder, catalog, entered):
            if reason is None:
                points[vote.idea][ballot.voter] = counted
                moment = cast[id(vote)]
                assert moment is not None  # a vote with no moment is never counted
                moments[vote.idea][ballot.voter] = moment
            else:
                excluded.append(Exclusion(ballot.voter, vote.idea, reason, vote.via,
                                          vote.points))
    return Counted(points, excluded, moments)


def cast_moments(ballot: Ballot, entered: Mapping[VoteKey, datetime],
                 zone: tzinfo) -> dict[int, datetime | None]:
    """When each vote (by `id`) was cast: GitHub's time for a 👍 or a `/vote`, the moment it
    entered the default branch for a vote by ballot (None: not on it yet)."""
    ballot_votes = [vote for vote in ballot.votes if vote.via == "ballot"]
    moments: dict[int, datetime | None] = {
        id(vote): entered.get(key) for vote, key in zip(
            ballot_votes, ballot_keys(ballot_votes), strict=True)}
    for vote in ballot.votes:
        if vote.via != "ballot":
            moments[id(vote)] = to_instant(vote.at, zone)
    return moments


def judge_ballot(ballot: Ballot, folder: ChallengeFolder, catalog: Catalog,
                 entered: Mapping[VoteKey, datetime]) -> list[tuple[Vote, Reason | None, int]]:
    """Each vote of one ballot with the reason it is excluded (None: counted) and its points.

    `entered`: when each of its votes by ballot entered the default branch
    (`Catalog.entered_votes`, or the moment a pull request could be merged).
    """
    zone = catalog.settings.zone
    challenge = folder.challenge
    rules = challenge.voting
    opens, closes = voting_window(challenge.timeline, zone)
    cast = cast_moments(ballot, entered, zone)
    # In the order they were cast; votes not on the branch yet come last, and never count.
    in_order = sorted(ballot.votes, key=lambda vote: (cast[id(vote)] is None,
                                                       cast[id(vote)] or opens))
    latest = {vote.idea: vote for vote in in_order if cast[id(vote)] is not None}
    account_reason = _account_reason(ballot, rules.min_account_age_days, opens, zone)
    judged: list[tuple[Vote, Reason | None, int]] = []
    spent = 0
    for vote in in_order:
        reason: Reason | None = None
        idea = folder.ideas.get(vote.idea)
        moment = cast[id(vote)]
        if moment is None:
            reason = Reason.NOT_MERGED
        elif latest[vote.idea] is not vote:
            reason = Reason.REPLACED
        elif account_reason is not None:
            reason = account_reason
        elif idea is None:
            reason = Reason.UNKNOWN_IDEA
        elif status_at(idea.model, moment, zone) not in rules.open_statuses:
            reason = Reason.NOT_OPEN
        elif (moment < opens and vote.via != "reaction") or (
                closes is not None and moment >= closes):
            # A 👍 given before voting opened and still there during voting counts.
            reason = Reason.OUTSIDE_WINDOW
        elif not rules.self_votes and ballot.voter.lower() in {
                person.lower() for person in idea.model.people}:
            reason = Reason.SELF_VOTE
        elif rules.method == "budget" and rules.max_per_idea and vote.points > rules.max_per_idea:
            reason = Reason.OVER_IDEA_LIMIT
        elif rules.method == "budget" and rules.budget and spent + vote.points > rules.budget:
            reason = Reason.OVER_BUDGET
        counted = 1 if rules.method == "approval" else vote.points
        if reason is None:
            spent += counted
        judged.append((vote, reason, counted))
    return judged


def status_at(idea: Idea, moment: datetime, zone: tzinfo) -> Status:
    """The idea's status at a moment, from its history (a vote counts by the status then)."""
    if not idea.history:
        return idea.status
    status = Status.SUBMITTED
    for change in idea.history:
        if to_instant(change.at, zone) <= moment:
            status = change.status
    return status


def _account_reason(ballot: Ballot, min_age_days: int, opens: datetime,
                    zone: tzinfo) -> Reason | None:
    if ballot.bot or ballot.voter.lower() == DELETED_ACCOUNT:
        return Reason.BOT
    if not min_age_days:
        return None
    if ballot.account_created is None:
        return Reason.ACCOUNT_AGE_UNKNOWN
    created = to_instant(ballot.account_created, zone)
    # Days of 24 hours before voting opened, whatever the clocks did in between.
    if created > opens.astimezone(UTC) - timedelta(days=min_age_days):
        return Reason.TOO_NEW
    return None
