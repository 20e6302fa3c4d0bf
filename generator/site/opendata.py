"""Open data: the portal as versioned JSON and CSV under `api/v1/`, with its JSON Schemas.

    api/v1/index.json               what is published, with each file's schema
    api/v1/challenges.json          every challenge, its stage and its counts
    api/v1/ideas.json               every idea with its history and counted votes
    api/v1/tallies.json             every leaderboard: what `cocreate verify` checks
    api/v1/tallies/<challenge>.json one leaderboard, the one its page links to
    api/v1/people.json              contributors, their points and badges
    api/v1/ideas.csv, tallies.csv   the same ideas and leaderboards for spreadsheets
    api/v1/schemas/<kind>.schema.json

Every figure is the one the pages show: they come from the same Standings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator.contest.tally import ChallengeTally, id_order, public_tally, render_csv
from generator.i18n import N_
from generator.models import Idea
from generator.models.opendata import (
    API,
    BASE,
    DOCUMENTS,
    TALLIES_FILE,
    ChallengeEntry,
    ChallengesDocument,
    ChangeEntry,
    CriterionEntry,
    Document,
    FileEntry,
    IdeaEntry,
    IdeaRef,
    IdeasDocument,
    IndexDocument,
    PeopleDocument,
    PersonEntry,
    PrizeEntry,
    TalliesDocument,
    TallyEntry,
)
from generator.portal.schemas import schema_text
from generator.portal.spreadsheet import render_rows

if TYPE_CHECKING:
    from generator.contest.standings import Standings

INDEX_FILE = f"{BASE}/index.json"
TIMELINE_FIELDS = ("ideas_open", "ideas_close", "voting_open", "voting_close", "results")


def tally_file(slug: str) -> str:
    return f"{BASE}/tallies/{slug}.json"


def schema_file(kind: str) -> str:
    return f"{BASE}/schemas/{kind}.schema.json"


def render_document(document: Document) -> str:
    return document.model_dump_json() + "\n"


def render_schema(kind: str) -> str:
    """A document's JSON Schema, from the model that writes it."""
    return schema_text(DOCUMENTS[kind], kind, mode="serialization")


def header(standings: Standings) -> dict[str, Any]:
    return {"api": API, "computed_at": standings.catalog.now, "commit": standings.commit}


def describe_challenges(standings: Standings) -> ChallengesDocument:
    entries = []
    for slug, folder in standings.catalog.challenges.items():
        challenge = folder.challenge
        weights = challenge.weights or standings.catalog.settings.weights
        timeline = {name: getattr(challenge.timeline, name) for name in TIMELINE_FIELDS
                    if getattr(challenge.timeline, name) is not None}
        entries.append(ChallengeEntry(
            slug=slug, title=challenge.title, summary=challenge.summary,
            stage=standings.stages[slug], language=challenge.language, licence=challenge.licence,
            sponsor=challenge.sponsor.name, timeline=timeline, voting=challenge.voting.method,
            criteria=[CriterionEntry(id=c.id, name=c.name, weight=c.weight)
                      for c in challenge.criteria],
            scale=(challenge.scale.min, challenge.scale.max),
            weights={"community": weights.community, "jury": weights.jury},
            jury=list(challenge.jury),
            prizes=[PrizeEntry(rank=p.rank, title=p.title) for p in challenge.prizes],
            ideas=len(folder.ideas), votes=sum(row.votes for row in standings.tallies[slug].ideas),
            page=f"challenges/{slug}/", tally=tally_file(slug)))
    return ChallengesDocument(**header(standings), kind="challenges", challenges=entries)


def describe_idea(slug: str, idea_id: str, idea: Idea, votes: int) -> IdeaEntry:
    return IdeaEntry(
        challenge=slug, id=idea_id, title=idea.title, summary=idea.summary,
        problem=idea.problem, proposal=idea.proposal, benefits=idea.benefits,
        author=idea.author, coauthors=list(idea.coauthors), segment=idea.segment,
        tags=list(idea.tags), status=idea.status, submitted=idea.submitted,
        history=[ChangeEntry(status=c.status, at=c.at, answer=c.answer, by=c.by)
                 for c in idea.history],
        duplicate_of=idea.duplicate_of, prize=idea.prize, issue=idea.issue, votes=votes,
        page=f"challenges/{slug}/ideas/{idea_id}/")


def describe_ideas(standings: Standings) -> IdeasDocument:
    entries = []
    for slug, folder in standings.catalog.challenges.items():
        results = standings.tallies[slug].by_id()
        for idea_id in sorted(folder.ideas, key=id_order):
            entries.append(describe_idea(slug, idea_id, folder.ideas[idea_id].model,
                                         results[idea_id].votes))
    return IdeasDocument(**header(standings), kind="ideas", ideas=entries)


def describe_tally(tally: ChallengeTally) -> TallyEntry:
    """One leaderboard: the same fields `cocreate tally --format json` prints."""
    return TallyEntry.model_validate(public_tally(tally))


def describe_tallies(standings: Standings, tallies: Iterable[ChallengeTally]) -> TalliesDocument:
    return TalliesDocument(**header(standings), kind="tallies",
                           challenges=[describe_tally(t) for t in tallies])


def describe_people(standings: Standings) -> PeopleDocument:
    entries = [PersonEntry(
        login=person.login, rank=person.rank, points=person.points, earned=dict(person.earned),
        badges=[badge.key for badge in person.badges],
        ideas=[IdeaRef(challenge=slug, id=idea_id) for slug, idea_id in person.ideas],
        votes_cast=person.votes_cast, votes_received=person.votes_received,
        juries=list(person.juries), page=standings.page_of(person.login),
    ) for person in sorted(standings.people.values(), key=lambda p: p.rank)]
    return PeopleDocument(**header(standings), kind="people", people=entries)


FILES = [FileEntry(path=path, media_type=media, description=text,
                   schema_path=schema_file(kind) if kind else None) for path, media, text, kind in [
    (f"{BASE}/challenges.json", "application/json",
     N_("Every challenge: its stage, timeline, rules and counts."), "challenges"),
    (f"{BASE}/ideas.json", "application/json",
     N_("Every idea with its text, history and counted votes."), "ideas"),
    (TALLIES_FILE, "application/json",
     N_("Every leaderboard, with each vote not counted and why."), "tallies"),
    (f"{BASE}/tallies/<challenge>.json", "application/json",
     N_("One challenge's leaderboard, in the same shape."), "tallies"),
    (f"{BASE}/people.json", "application/json",
     N_("Contributors: points, badges, ideas, counted votes, and their page (none for "
        "someone with one idea, or who only voted)."), "people"),
    (f"{BASE}/ideas.csv", "text/csv", N_("Every idea, one row each, for spreadsheets."), None),
    (f"{BASE}/tallies.csv", "text/csv", N_("Every leaderboard row, for spreadsheets."), None),
]]


def describe_index(standings: Standings) -> IndexDocument:
    return IndexDocument(**header(standings), kind="index",
                         organisation=standings.catalog.settings.organisation,
                         site=standings.site_address or None,
                         time_zone=standings.catalog.settings.time_zone, files=FILES)


def render_ideas_csv(ideas: IdeasDocument) -> str:
    return render_rows(
        ["challenge", "id", "title", "summary", "author", "coauthors", "segment", "status",
         "tags", "submitted", "votes", "prize", "issue", "page"],
        ([i.challenge, i.id, i.title, i.summary, i.author, " ".join(i.coauthors),
          i.segment.value, i.status.value, " ".join(i.tags), i.submitted.isoformat(), i.votes,
          i.prize, i.issue, i.page] for i in ideas.ideas))


def open_data_files(standings: Standings) -> dict[str, str]:
    """Every file under api/v1/, by path in the standings."""
    ideas = describe_ideas(standings)
    tallies = describe_tallies(standings, standings.tallies.values())
    files = {
        INDEX_FILE: render_document(describe_index(standings)),
        f"{BASE}/challenges.json": render_document(describe_challenges(standings)),
        f"{BASE}/ideas.json": render_document(ideas),
        TALLIES_FILE: render_document(tallies),
        f"{BASE}/people.json": render_document(describe_people(standings)),
        f"{BASE}/ideas.csv": render_ideas_csv(ideas),
        f"{BASE}/tallies.csv": render_csv(list(standings.tallies.values())),
    }
    for tally in standings.tallies.values():
        files[tally_file(tally.challenge)] = render_document(describe_tallies(standings, [tally]))
    for kind in DOCUMENTS:
        files[schema_file(kind)] = render_schema(kind)
    return files
