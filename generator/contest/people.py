"""Contributors and their recognition: points, badges, and the innovator of each month.

Points come from the portal's settings (`points:` under the plugin in
mkdocs.yml) and are published on the contributors' page:

- each idea that reached **published** (by its history), for each author and co-author;
- each counted vote an idea received, and each counted vote a person cast;
- an idea that reached shortlisted, piloting or implemented, and a winning idea.

Badges mark milestones; the innovator of a month is the person whose ideas
first published that month earned the most points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from generator.contest.rules import Counted
from generator.contest.tally import ChallengeTally
from generator.i18n import C_, N_
from generator.models import Idea, Status
from generator.models.common import to_instant
from generator.models.stages import Stage
from generator.portal.catalog import Catalog

# An idea counts as published once a maintainer let it through.
PUBLISHED = frozenset({Status.PUBLISHED, Status.SHORTLISTED, Status.PILOTING, Status.IMPLEMENTED})
REACHED = {
    "published": PUBLISHED,
    "shortlisted": frozenset({Status.SHORTLISTED, Status.PILOTING, Status.IMPLEMENTED}),
    "piloted": frozenset({Status.PILOTING, Status.IMPLEMENTED}),
    "implemented": frozenset({Status.IMPLEMENTED}),
}
ACTIVE_VOTER_CHALLENGES = 3


@dataclass(frozen=True)
class Badge:
    key: str
    name: str
    description: str  # the text equivalent shown beside (and instead of) the emblem


# Names and descriptions are messages, shown in the portal's language; a description's
# %(count)s is ACTIVE_VOTER_CHALLENGES.
BADGES = {badge.key: badge for badge in [
    Badge("first-idea", C_("badge", "First idea"), N_("had an idea published")),
    Badge("crowd-favourite", C_("badge", "Crowd favourite"),
          N_("wrote the idea with the most votes in a challenge whose voting has closed")),
    Badge("shortlisted", C_("badge", "Shortlisted"), N_("had an idea shortlisted by a jury")),
    Badge("winner", C_("badge", "Winner"), N_("had an idea win a prize")),
    Badge("implemented", C_("badge", "Implemented"), N_("had an idea put into practice")),
    Badge("active-voter", C_("badge", "Active voter"),
          N_("had votes counted in %(count)s or more challenges")),
]}


@dataclass
class Contributor:
    """One person's part in the portal."""

    login: str
    ideas: list[tuple[str, str]] = field(default_factory=list)  # (challenge, idea id)
    juries: list[str] = field(default_factory=list)  # challenges they judge
    votes_cast: int = 0  # counted votes
    votes_received: int = 0  # counted votes on their ideas
    voted_in: set[str] = field(default_factory=set)
    earned: dict[str, int] = field(default_factory=dict)  # what for → points
    badges: list[Badge] = field(default_factory=list)
    rank: int = 0

    @property
    def points(self) -> int:
        return sum(self.earned.values())

    @property
    def has_page(self) -> bool:
        """Whether they get a page of their own (`/people/<login>/`): for gathering what is
        spread over several pages, two or more ideas written or co-written (of any status),
        or a seat on a jury (their scorecards).

        One idea does not make a page, nor do votes alone (nor what they earn: the points
        for votes cast, the "Active voter" and "First idea" badges): the idea's own page
        names its authors, and each challenge's vote audit lists every vote. A page for
        every author would take a 50,000-idea portal past GitHub Pages' 1 GB
        (`bench/build.py`, README "Performance"). The people index, the open data and the
        feeds still name everyone, without a link.
        """
        return len(self.ideas) >= 2 or bool(self.juries)

    def earn(self, reason: str, points: int) -> None:
        if points:
            self.earned[reason] = self.earned.get(reason, 0) + points


@dataclass(frozen=True)
class MonthsInnovator:
    month: str  # YYYY-MM
    login: str
    points: int
    ideas: list[tuple[str, str]]

    @property
    def first_day(self) -> date:
        year, month = self.month.split("-")
        return date(int(year), int(month), 1)


def reached(idea: Idea, statuses: frozenset[Status]) -> bool:
    """Whether the idea is, or ever was, in one of these statuses."""
    return idea.status in statuses or any(change.status in statuses for change in idea.history)


def idea_points(idea: Idea, votes: int, catalog: Catalog) -> dict[str, int]:
    """The points one idea earns each of its people, by reason."""
    points = catalog.settings.points
    earned = {
        N_("published ideas"): points.published_idea * reached(idea, REACHED["published"]),
        N_("votes received"): points.vote_received * votes,
        N_("shortlisted ideas"): points.shortlisted * reached(idea, REACHED["shortlisted"]),
        N_("piloted ideas"): points.piloted * reached(idea, REACHED["piloted"]),
        N_("implemented ideas"): points.implemented * reached(idea, REACHED["implemented"]),
        N_("winning ideas"): points.winner * bool(idea.prize),
    }
    return {reason: value for reason, value in earned.items() if value}


def gather_contributors(catalog: Catalog, tallies: dict[str, ChallengeTally],
                        counted: dict[str, Counted]) -> dict[str, Contributor]:
    """Everyone who wrote, voted or judged, with their points and badges."""
    people: dict[str, Contributor] = {}

    def person(login: str) -> Contributor:
        return people.setdefault(login.lower(), Contributor(login))

    for slug, folder in catalog.challenges.items():
        for juror in folder.challenge.jury:  # jurors take part too, and the jury links to them
            person(juror).juries.append(slug)
        results = tallies[slug].by_id()
        for idea_id, source in folder.ideas.items():
            idea = source.model
            for login in idea.people:
                contributor = person(login)
                contributor.ideas.append((slug, idea_id))
                contributor.votes_received += results[idea_id].votes
                for reason, points in idea_points(idea, results[idea_id].votes, catalog).items():
                    contributor.earn(reason, points)
        for voter in folder.ballots:  # everyone who voted takes part, counted or not
            person(folder.ballots[voter].model.voter)
        for voters in counted[slug].points.values():
            for login in voters:
                contributor = person(login)
                contributor.votes_cast += 1
                contributor.voted_in.add(slug)
                contributor.earn(N_("votes cast"), catalog.settings.points.vote_cast)
    favourites = crowd_favourites(catalog, tallies)
    for contributor in people.values():
        contributor.badges = list(award_badges(contributor, catalog, favourites))
    ordered = sorted(people.values(), key=lambda c: (-c.points, c.login.lower()))
    for rank, contributor in enumerate(ordered, start=1):
        contributor.rank = rank
    return {c.login.lower(): c for c in ordered}


def crowd_favourites(catalog: Catalog, tallies: dict[str, ChallengeTally]) -> set[tuple[str, str]]:
    """(challenge, idea) with the most votes, in each challenge whose voting has closed."""
    found = set()
    for slug, tally in tallies.items():
        if catalog.stage_of(slug) not in (Stage.JUDGING, Stage.RESULTS) or not tally.ideas:
            continue
        most = max(idea.votes for idea in tally.ideas)
        found |= {(slug, idea.id) for idea in tally.ideas if most and idea.votes == most}
    return found


def award_badges(person: Contributor, catalog: Catalog,
                 favourites: set[tuple[str, str]]) -> Iterable[Badge]:
    ideas = [catalog.challenges[slug].ideas[idea_id].model for slug, idea_id in person.ideas]
    if any(reached(idea, PUBLISHED) for idea in ideas):
        yield BADGES["first-idea"]
    if any(item in favourites for item in person.ideas):
        yield BADGES["crowd-favourite"]
    if any(reached(idea, REACHED["shortlisted"]) for idea in ideas):
        yield BADGES["shortlisted"]
    if any(idea.prize for idea in ideas):
        yield BADGES["winner"]
    if any(reached(idea, REACHED["implemented"]) for idea in ideas):
        yield BADGES["implemented"]
    if len(person.voted_in) >= ACTIVE_VOTER_CHALLENGES:
        yield BADGES["active-voter"]


def published_at(idea: Idea, zone: tzinfo) -> datetime | None:
    """When a maintainer first let the idea through (by its history), if one did."""
    for change in idea.history:
        if change.status in PUBLISHED:
            return to_instant(change.at, zone)
    return None


def published_month(idea: Idea, zone: tzinfo) -> str | None:
    """The month (YYYY-MM, in the portal's zone) an idea was first published, if it was."""
    moment = published_at(idea, zone)
    return f"{moment.astimezone(zone):%Y-%m}" if moment else None


def innovators_of_the_month(catalog: Catalog,
                            tallies: dict[str, ChallengeTally]) -> list[MonthsInnovator]:
    """For each month, who earned the most points with ideas first published that month."""
    zone = catalog.settings.zone
    months: dict[str, dict[str, tuple[int, int, list[tuple[str, str]]]]] = {}
    for slug, folder in catalog.challenges.items():
        results = tallies[slug].by_id()
        for idea_id, source in folder.ideas.items():
            month = published_month(source.model, zone)
            if month is None:
                continue
            votes = results[idea_id].votes
            points = sum(idea_points(source.model, votes, catalog).values())
            for login in source.model.people:
                earned, received, ideas = months.setdefault(month, {}).get(login, (0, 0, []))
                months[month][login] = (earned + points, received + votes,
                                        [*ideas, (slug, idea_id)])
    winners = []
    for month in sorted(months, reverse=True):
        login, (points, _, ideas) = min(months[month].items(),
                                        key=lambda item: (-item[1][0], -item[1][1], item[0]))
        winners.append(MonthsInnovator(month, login, points, ideas))
    return winners
