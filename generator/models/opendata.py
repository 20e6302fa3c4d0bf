"""The open data the site publishes under `api/v1/`: one model per document.

The JSON Schemas published beside the files are these models' schemas, and
`cocreate verify` reads the published tallies through `TalliesDocument`.
Version 1 only ever gains fields: none is renamed or removed, so the models
accept fields they do not know, and so do their schemas.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.models.common import Segment, Status
from generator.models.stages import Stage

API = "cocreate/v1"
BASE = "api/v1"  # where the site publishes the documents below
TALLIES_FILE = f"{BASE}/tallies.json"  # what `cocreate verify` compares with a fresh tally


class Entry(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Document(Entry):
    """What every document starts with: which API, what it holds, and from when and where."""

    api: Literal["cocreate/v1"] = Field(description="The API and its version.")
    computed_at: datetime = Field(description="The moment the site was built for: stages and "
                                  "the tally depend on it.")
    commit: str | None = Field(description="The Git commit the portal's files came from.")


# -- challenges ---------------------------------------------------------------------------

class CriterionEntry(Entry):
    id: str
    name: str
    weight: float


class PrizeEntry(Entry):
    rank: int
    title: str


class ChallengeEntry(Entry):
    slug: str = Field(description="The challenge's folder name and address.")
    title: str
    summary: str
    stage: Stage = Field(description="Where it stood at computed_at.")
    language: str = Field(description="The language the challenge is written in.")
    licence: str = Field(description="The licence its ideas are published under.")
    sponsor: str
    timeline: dict[str, date | datetime] = Field(
        description="When each stage starts, as written in challenge.yml; plain days and "
        "times without an offset are in the portal's time zone.")
    voting: Literal["approval", "budget"]
    criteria: list[CriterionEntry]
    scale: tuple[int, int] = Field(description="The jury's lowest and highest score.")
    weights: dict[str, float] = Field(description="How much community and jury count.")
    jury: list[str]
    prizes: list[PrizeEntry]
    ideas: int = Field(description="How many ideas it has.")
    votes: int = Field(description="Counted votes (points) over all its ideas.")
    page: str = Field(description="Its page, relative to the site's address.")
    tally: str = Field(description="Its tally in this API, relative to the site's address.")


class ChallengesDocument(Document):
    kind: Literal["challenges"]
    challenges: list[ChallengeEntry]


# -- ideas --------------------------------------------------------------------------------

class ChangeEntry(Entry):
    status: Status
    at: date | datetime
    answer: str | None = Field(description="The official answer given with it, in Markdown.")
    by: str | None


class IdeaEntry(Entry):
    challenge: str
    id: str = Field(description="Its file name, usually the issue number it came from.")
    title: str
    summary: str
    problem: str = Field(description="Markdown, as written.")
    proposal: str = Field(description="Markdown, as written.")
    benefits: str | None
    author: str
    coauthors: list[str]
    segment: Segment
    tags: list[str]
    status: Status
    submitted: date | datetime
    history: list[ChangeEntry]
    duplicate_of: str | None
    prize: str | None
    issue: int | None
    votes: int = Field(description="Counted votes (points), as on the leaderboard.")
    page: str


class IdeasDocument(Document):
    kind: Literal["ideas"]
    ideas: list[IdeaEntry]


# -- tallies ------------------------------------------------------------------------------

class ResultEntry(Entry):
    id: str
    title: str
    votes: int
    jury: float | None = Field(description="The jury's mean score; null until the results.")
    score: float = Field(ge=0, le=100)
    rank: int = Field(ge=1)


class ExclusionEntry(Entry):
    voter: str
    idea: str
    reason: str
    via: str
    points: int


class TallyEntry(Entry):
    challenge: str
    ideas: list[ResultEntry] = Field(description="In leaderboard order.")
    excluded: list[ExclusionEntry] = Field(description="Every vote not counted, and why.")


class TalliesDocument(Document):
    kind: Literal["tallies"]
    challenges: list[TallyEntry]


# -- people -------------------------------------------------------------------------------

class IdeaRef(Entry):
    challenge: str
    id: str


class PersonEntry(Entry):
    login: str = Field(description="Their GitHub user name.")
    rank: int
    points: int
    earned: dict[str, int] = Field(description="Points by what they were earned for.")
    badges: list[str]
    ideas: list[IdeaRef]
    votes_cast: int = Field(description="Their counted votes.")
    votes_received: int = Field(description="Counted votes on their ideas.")
    juries: list[str] = Field(description="The challenges they judge.")
    page: str | None = Field(description="Their own page, relative to the site's address; "
                             "null for someone with one idea, or who only voted, who has "
                             "none (their idea's page names them; their votes are on each "
                             "challenge's vote audit).")


class PeopleDocument(Document):
    kind: Literal["people"]
    people: list[PersonEntry]


# -- the index ----------------------------------------------------------------------------

class FileEntry(Entry):
    path: str = Field(description="Relative to the site's address.")
    media_type: str
    description: str
    schema_path: str | None = Field(description="Its JSON Schema, relative to the site's "
                                    "address.")


class IndexDocument(Document):
    kind: Literal["index"]
    organisation: str
    site: str | None = Field(description="The site's address, which every path is relative to.")
    time_zone: str
    files: list[FileEntry]


DOCUMENTS: dict[str, type[Document]] = {
    "index": IndexDocument,
    "challenges": ChallengesDocument,
    "ideas": IdeasDocument,
    "tallies": TalliesDocument,
    "people": PeopleDocument,
}
