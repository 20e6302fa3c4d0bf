"""Contributors: who wrote what, who voted, and the points they earned."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .models import Status
from .tally import ChallengeTally

# An idea counts as published once a maintainer let it through.
PUBLISHED = frozenset({Status.PUBLISHED, Status.SHORTLISTED, Status.PILOTING, Status.IMPLEMENTED})
REACHED = {
    "shortlisted": frozenset({Status.SHORTLISTED, Status.PILOTING, Status.IMPLEMENTED}),
    "piloted": frozenset({Status.PILOTING, Status.IMPLEMENTED}),
    "implemented": frozenset({Status.IMPLEMENTED}),
}


@dataclass
class Contributor:
    """One person's part in the portal."""

    login: str
    ideas: list[tuple[str, str]] = field(default_factory=list)  # (challenge, idea id)
    juries: list[str] = field(default_factory=list)  # challenges they judge
    votes_cast: int = 0
    votes_received: int = 0
    points: int = 0
    rank: int = 0


def gather_contributors(catalog: Catalog, tallies: dict[str, ChallengeTally]
                        ) -> dict[str, Contributor]:
    """Everyone who wrote, voted or judged, with points from the portal's recognition settings."""
    points = catalog.settings.points
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
                contributor.points += results[idea_id].votes * points.vote_received
                contributor.points += points.published_idea * (idea.status in PUBLISHED)
                contributor.points += points.shortlisted * (idea.status in REACHED["shortlisted"])
                contributor.points += points.piloted * (idea.status in REACHED["piloted"])
                contributor.points += points.implemented * (idea.status in REACHED["implemented"])
                contributor.points += points.winner * bool(idea.prize)
        for ballot in folder.ballots.values():
            contributor = person(ballot.model.voter)
            contributor.votes_cast += len(ballot.model.votes)
            contributor.points += len(ballot.model.votes) * points.vote_cast
    ordered = sorted(people.values(), key=lambda c: (-c.points, c.login.lower()))
    for rank, contributor in enumerate(ordered, start=1):
        contributor.rank = rank
    return {c.login.lower(): c for c in ordered}
