"""Where every challenge, idea and person stands: worked out once per build from the catalog.

Like Pelican's shared context, everything derived from the files is gathered
here before any output is written — each challenge's stage and tally, the
contributors and their points, the innovators of the month, the insights'
figures — and the pages, the feeds and the open data all read the same
`Standings`, so every figure they show is one number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cached_property
from typing import Any

from generator.contest.insights import (
    Funnel,
    Insights,
    count_funnel,
    first_months,
    gather_contributions,
    gather_insights,
)
from generator.contest.people import (
    REACHED,
    Contributor,
    MonthsInnovator,
    gather_contributors,
    innovators_of_the_month,
    published_at,
)
from generator.contest.rules import Counted
from generator.contest.tally import ChallengeTally, id_order, tally_catalog
from generator.i18n import Language, language
from generator.models import Idea, Status
from generator.models.common import to_instant
from generator.models.stages import Stage
from generator.portal.catalog import Catalog
from generator.portal.settings import read_site_url

# Challenges people can act on come first; finished ones last.
LISTING_ORDER = [Stage.IDEAS_OPEN, Stage.VOTING, Stage.JUDGING, Stage.UPCOMING, Stage.RESULTS]
# The roadmap's columns: ideas being taken further, in the order they get there.
ROADMAP = (Status.SHORTLISTED, Status.PILOTING, Status.IMPLEMENTED)


@dataclass
class Standings:
    """Every stage, tally, contributor and figure of one catalog, in the portal's language."""

    catalog: Catalog
    lang: Language
    site_address: str | None  # `site_url` from mkdocs.yml; without it, no feeds
    commit: str | None  # the Git commit the files came from, if known
    stages: dict[str, Stage]
    tallies: dict[str, ChallengeTally]
    people: dict[str, Contributor]
    innovators: list[MonthsInnovator]
    _figures: dict[str | None, Insights] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, catalog: Catalog, lang: Language | None = None,
              commit: str | None = None) -> Standings:
        """Work everything out from `catalog`; `lang` defaults to the portal's language."""
        tallies = {tally.challenge: tally for tally in tally_catalog(catalog)}
        counted = {slug: tally.counted for slug, tally in tallies.items()}
        return cls(
            catalog=catalog,
            lang=lang or language(catalog.settings.language),
            site_address=read_site_url(catalog.root),
            commit=commit,
            stages={slug: catalog.stage_of(slug) for slug in catalog.challenges},
            tallies=tallies,
            people=gather_contributors(catalog, tallies, counted),
            innovators=innovators_of_the_month(catalog, tallies),
        )

    @property
    def zone(self) -> tzinfo:
        return self.catalog.settings.zone

    @property
    def counted(self) -> dict[str, Counted]:
        return {slug: tally.counted for slug, tally in self.tallies.items()}

    @cached_property
    def people_with_pages(self) -> frozenset[str]:
        """The logins, in lower case, of everyone with a page of their own
        (`Contributor.has_page`): every link to a person asks here first."""
        return frozenset(key for key, person in self.people.items() if person.has_page)

    def page_of(self, login: str) -> str | None:
        """The path of a person's own page (`people/<login>/`), or None if they have none."""
        key = login.lower()
        return f"people/{key}/" if key in self.people_with_pages else None

    def listing(self) -> list[str]:
        """Every challenge, those people can act on first."""
        return sorted(self.catalog.challenges,
                      key=lambda slug: LISTING_ORDER.index(self.stages[slug]))

    def finished(self) -> list[str]:
        """The challenges with results, in listing order."""
        return [slug for slug in self.listing() if self.stages[slug] is Stage.RESULTS]

    @cached_property
    def first_months(self) -> dict[str, date]:
        """Each contributor's first month on the portal: "new" on every insights page."""
        return first_months(gather_contributions(self.catalog, self.counted,
                                                 self.catalog.challenges), self.zone)

    def figures(self, slug: str | None = None) -> Insights:
        """The figures of the portal, or of one challenge; worked out once."""
        if slug not in self._figures:
            self._figures[slug] = gather_insights(self.catalog, self.counted, slug,
                                                  self.first_months)
        return self._figures[slug]

    def published_or_submitted(self, idea: Idea) -> datetime:
        """When the idea was published, or else submitted: what "recent" and feeds sort by."""
        return published_at(idea, self.zone) or to_instant(idea.submitted, self.zone)

    def ideas_of(self, slug: str) -> list[tuple[str, Idea]]:
        """A challenge's ideas, newest first."""
        folder = self.catalog.challenges[slug]
        return [(idea_id, folder.ideas[idea_id].model)
                for idea_id in sorted(folder.ideas, key=id_order, reverse=True)]

    def jury_comments(self, slug: str, idea_id: str) -> list[dict[str, str]]:
        """What each juror said of one idea, by juror."""
        folder = self.catalog.challenges[slug]
        comments = []
        for card in folder.scorecards.values():
            for score in card.model.scores:
                if score.idea == idea_id and score.comment:
                    comments.append({"juror": card.model.juror, "comment": score.comment})
        return sorted(comments, key=lambda c: c["juror"].lower())

    def winners(self, slug: str) -> list[dict[str, Any]]:
        """The ideas that won a prize, by the prize's rank."""
        folder = self.catalog.challenges[slug]
        ranks = {prize.title: prize.rank for prize in folder.challenge.prizes}
        found = [{"id": idea_id, "idea": source.model, "rank": ranks.get(source.model.prize or "")}
                 for idea_id, source in folder.ideas.items() if source.model.prize]
        return sorted(found, key=lambda w: (w["rank"] or 99, id_order(w["id"])))

    def comments_by_idea(self, slug: str) -> list[dict[str, Any]]:
        """The jury's comments, idea by idea in leaderboard order (only at results)."""
        folder = self.catalog.challenges[slug]
        said: dict[str, list[tuple[str, str]]] = {}
        for juror in sorted(folder.scorecards):
            for score in folder.scorecards[juror].model.scores:
                if score.comment and score.idea in folder.ideas:
                    said.setdefault(score.idea, []).append(
                        (folder.scorecards[juror].model.juror, score.comment))
        return [{"id": row.id, "title": row.title, "comments": said[row.id]}
                for row in self.tallies[slug].ideas if row.id in said]

    def going_on(self, slug: str) -> list[dict[str, Any]]:
        """Ideas being taken further: shortlisted, piloting or implemented."""
        folder = self.catalog.challenges[slug]
        return [{"id": row.id, "idea": folder.ideas[row.id].model}
                for row in self.tallies[slug].ideas
                if folder.ideas[row.id].model.status in REACHED["shortlisted"]]

    def roadmap(self) -> dict[Status, list[dict[str, Any]]]:
        """Every idea shortlisted, piloting or implemented, across challenges, by status; in
        each, the latest to get there first (by its history; one without comes last)."""
        found: dict[Status, list[dict[str, Any]]] = {status: [] for status in ROADMAP}
        for slug in self.listing():
            rows = self.tallies[slug].by_id()
            for idea_id, source in self.catalog.challenges[slug].ideas.items():
                idea = source.model
                if idea.status in found:
                    since = to_instant(idea.history[-1].at, self.zone) if idea.history else None
                    found[idea.status].append({"slug": slug, "id": idea_id, "idea": idea,
                                               "votes": rows[idea_id].votes, "since": since})
        for entries in found.values():
            entries.sort(key=lambda e: (e["since"] is not None, e["since"] or 0,
                                        id_order(e["id"])), reverse=True)
        return found

    def funnel(self, slug: str) -> Funnel:
        """How many ideas reached each status (by their history), and how many ended how."""
        return count_funnel(source.model for source in self.catalog.challenges[slug].ideas.values())

    def ideas_by(self, person: Contributor) -> list[dict[str, Any]]:
        """A contributor's ideas, with their challenges."""
        return [{"slug": slug, "id": idea_id,
                 "idea": self.catalog.challenges[slug].ideas[idea_id].model}
                for slug, idea_id in person.ideas]
