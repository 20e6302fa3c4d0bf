"""Every generated page, planned from the `Standings` and rendered by Jinja2 into Markdown.

Each template receives what it shows, worked out here, and calls back into
nothing; the Jinja environment, and the HTML fragments its `{% filter html %}`
blocks set aside, are in `generator.site.environment`. Addresses are permanent:

    /challenges/                              every challenge
    /challenges/<challenge>/                  the brief, timeline and idea gallery
    /challenges/<challenge>/ideas/<id>/       one idea
    /challenges/<challenge>/leaderboard/      the ranking and its formula
    /challenges/<challenge>/insights/         the challenge's figures and charts
    /people/  and  /people/<login>/           contributors; a page of one's own for
                                              what they wrote or judge (not for votes)
    /results/                                 the hall of fame
    /roadmap/                                 what is shortlisted, piloting and implemented
    /insights/                                the portal's figures and charts
    /data/                                    the open data and how to use it
    /api/v1/…                                 the open data itself (generator.site.opendata)
    /feeds/ideas.xml, /feeds/updates.xml      Atom feeds: new ideas; status changes and results
    /challenges/<challenge>/feed.xml          Atom feed of one challenge's new ideas

The feeds (generator/site/feeds.py) need `site_url`; without it there are none.
The insights' charts are inline SVG in their pages (generator/site/charts.py).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from generator.contest.people import BADGES, PUBLISHED, Contributor
from generator.contest.standings import Standings
from generator.contest.tally import id_order, public_row
from generator.cores import render_all
from generator.i18n import Language
from generator.models.stages import Stage, voting_opens_later, voting_window
from generator.portal.catalog import Catalog, ChallengeFolder
from generator.portal.paths import form_path
from generator.site.charts import Chart, draw_insights
from generator.site.environment import PageSpec, local_day, page_url
from generator.site.feeds import UPDATES_FEED, FeedRef, challenge_feed, portal_feeds
from generator.site.home import HOME_SECTIONS
from generator.site.opendata import FILES, INDEX_FILE, describe_idea, open_data_files, schema_file
from generator.site.standpoint import (
    Standpoint,
    find_standpoint,
    gallery_order,
    newest_positions,
)
from generator.site.tabs import challenge_tabs, votes_cast

# Each stage and the timeline fields where it starts and ends.
TIMELINE_STEPS = [
    ("ideas_open", "ideas_close", Stage.IDEAS_OPEN),
    ("ideas_close", "voting_close", Stage.VOTING),
    ("voting_close", "results", Stage.JUDGING),
    ("results", None, Stage.RESULTS),
]
STAGE_ORDER = [Stage.UPCOMING, Stage.IDEAS_OPEN, Stage.VOTING, Stage.JUDGING, Stage.RESULTS]
RECENT_IDEAS = 6
TOP_CONTRIBUTORS = 100  # the people index ranks this many; authors and jurors have pages too
LISTED = {"challenges/index.md", "people/index.md"}  # in the navigation, beside top-level pages


@dataclass(frozen=True)
class PlannedPage:
    """A generated page's path, and how to render it there."""

    path: str
    render: Callable[[str], PageSpec]


class Planner:
    """Works out every page from one `Standings`: each page's numbers come from the same tally."""

    def __init__(self, catalog: Catalog, environment: jinja2.Environment,
                 commit: str | None = None, standings: Standings | None = None) -> None:
        self.environment = environment
        lang: Language = environment.globals["lang"]  # type: ignore[assignment]
        self.standings = standings or Standings.build(catalog, lang, commit)
        self.catalog = catalog
        # A date-time shows the day it is in the portal's zone, as the insights and feeds count.
        environment.filters["day"] = functools.partial(local_day, lang, catalog.settings.zone)
        # Whom the `person` macro links to: a global, since macros see no page's context.
        environment.globals["people_with_pages"] = self.standings.people_with_pages
        self._charts: dict[str | None, dict[str, Chart]] = {}

    # -- what the templates show ----------------------------------------------------

    def issue_url(self, number: int | None) -> str | None:
        repository = self.catalog.settings.repository
        return f"https://github.com/{repository}/issues/{number}" if repository and number else None

    def submit_url(self, slug: str) -> str | None:
        """The challenge's own issue form (`cocreate forms`), which has it chosen already.

        Only `template` is in the query: GitHub documents prefilling text fields by id, and
        nothing for a dropdown, so the challenge is chosen by the form itself."""
        repository = self.catalog.settings.repository
        if not repository or self.standings.stages[slug] is not Stage.IDEAS_OPEN:
            return None
        query = urlencode({"template": form_path(slug).name})
        return f"https://github.com/{repository}/issues/new?{query}"

    def voting_opens(self, slug: str) -> datetime | None:
        """When voting opens, in the pause between ideas closing and voting opening."""
        return voting_opens_later(self.catalog.challenges[slug].challenge.timeline,
                                  self.standings.zone, self.catalog.now)

    def standpoint(self, slug: str) -> Standpoint:
        """Where a challenge stands for a visitor now: what its pages offer them to do."""
        folder = self.catalog.challenges[slug]
        return find_standpoint(folder.challenge, self.standings.stages[slug], self.standings.zone,
                               self.catalog.now, self.catalog.settings.repository)

    def gallery(self, slug: str, act: Standpoint) -> dict[str, Any]:
        """A challenge's ideas in the order its page shows them, and its winners once known."""
        newest = self.standings.ideas_of(slug)
        ranking = [row.id for row in self.standings.tallies[slug].ideas]
        return {"ideas": gallery_order(newest, ranking, act), "newest": newest_positions(newest),
                "winners": self.standings.winners(slug) if act.results_first else []}

    def timeline_steps(self, slug: str) -> list[dict[str, Any]]:
        """Each stage with the days it covers (closing days included) and its state."""
        timeline = self.catalog.challenges[slug].challenge.timeline
        zone = self.standings.zone
        current = STAGE_ORDER.index(self.standings.stages[slug])
        steps = []
        for start_field, end_field, stage in TIMELINE_STEPS:
            start = timeline.instant(start_field, zone)
            if start is None:
                continue
            end = timeline.instant(end_field, zone) if end_field else None
            position = STAGE_ORDER.index(stage)
            state = ("current" if position == current else
                     "done" if position < current else "next")
            opens = None
            if stage is Stage.VOTING:
                # Voting may open after ideas close: the pause between is not voting.
                voting_opens = voting_window(timeline, zone)[0]
                if voting_opens > start:
                    start = voting_opens
                    if state == "current" and self.catalog.now < voting_opens:
                        state, opens = "next", voting_opens.astimezone(zone).date()
            steps.append({
                "stage": stage,
                "first": start.astimezone(zone).date(),
                "last": (end - timedelta(microseconds=1)).astimezone(zone).date()
                if end else None,
                "state": state,
                "opens": opens,  # in the pause before voting: the day it opens
            })
        return steps

    def written_in(self, code: str) -> Markup:
        """` lang="…"` for a challenge's own text when it is in another language than the
        interface, so that screen readers read it with the right voice; else nothing."""
        if code.split("-")[0] == self.standings.lang.code:
            return Markup("")
        return Markup(' lang="{}"').format(code)

    def card(self, slug: str) -> dict[str, Any]:
        """What a challenge's card in a listing shows."""
        folder = self.catalog.challenges[slug]
        return {"slug": slug, "challenge": folder.challenge, "stage": self.standings.stages[slug],
                "voting_opens": self.voting_opens(slug), "act": self.standpoint(slug),
                "ideas": len(folder.ideas),
                "votes": sum(row.votes for row in self.standings.tallies[slug].ideas),
                "submit": self.submit_url(slug)}

    def charts(self, slug: str | None = None) -> dict[str, Chart]:
        """The charts of the portal's figures, or of one challenge's; drawn once."""
        if slug not in self._charts:
            self._charts[slug] = draw_insights(self.standings.figures(slug),
                                               self.standings.lang)
        return self._charts[slug]

    def feeds(self, slug: str | None = None) -> list[FeedRef]:
        """Feeds to follow: the portal's, or a challenge's and the portal's status changes.

        None when the portal has no `site_url` (see generator/site/feeds.py).
        """
        portal = portal_feeds(self.standings)
        if slug is None or not portal:
            return portal
        return [challenge_feed(self.standings, slug), portal[1]]

    # -- rendering ------------------------------------------------------------------

    def render(self, template: str, path: str, edit_path: str | None, *,
               searchable: bool = True, **context: Any) -> PageSpec:
        """The page at `path`; those under a challenge's folder or a person's stay out of the
        navigation (reached from galleries, leaderboards and search instead)."""
        url = page_url(path)
        root = "../" * url.count("/")
        fragments: list[str] = []
        markdown = self.environment.get_template(template).render(
            catalog=self.catalog, settings=self.catalog.settings,
            site_address=self.standings.site_address, root=root, url=url, fragments=fragments,
            **context)
        listed = path in LISTED or "/" not in path
        return PageSpec(path, markdown, edit_path, tuple(fragments), searchable, in_nav=listed)

    def plan(self) -> list[PageSpec]:
        """Every generated page, rendered (on two cores where it can: generator/cores.py)."""
        return render_all([functools.partial(page.render, page.path) for page in self.pages()])

    def page_paths(self) -> list[str]:
        """Where every generated page will be, with none rendered (`cocreate validate`)."""
        return [page.path for page in self.pages()]

    def pages(self) -> Iterator[PlannedPage]:
        """Every generated page, by path; each is rendered only when asked to."""
        standings = self.standings
        yield PlannedPage("challenges/index.md", lambda path: self.render(
            "challenges.md.j2", path, None,
            cards=[self.card(slug) for slug in standings.listing()], feeds=self.feeds()))
        for slug, folder in self.catalog.challenges.items():
            yield from self.challenge_pages(slug, folder)
        people = sorted(standings.people.values(), key=lambda c: c.rank)
        yield PlannedPage("people/index.md", lambda path: self.render(
            "people.md.j2", path, None, people=people[:TOP_CONTRIBUTORS], everyone=len(people),
            innovators=standings.innovators[:12], badges=BADGES.values()))
        for contributor in people:
            if contributor.has_page:  # two ideas or a jury seat (one idea's page names them)
                yield PlannedPage(f"people/{contributor.login.lower()}.md", functools.partial(
                    self.person_page, contributor))
        finished = standings.finished()
        yield PlannedPage("results.md", lambda path: self.render(
            "results.md.j2", path, None, slugs=finished,
            winners={slug: standings.winners(slug) for slug in finished}))
        yield PlannedPage("roadmap.md", lambda path: self.render(
            "roadmap.md.j2", path, None, roadmap=standings.roadmap(),
            feeds=[feed for feed in self.feeds() if feed.path == UPDATES_FEED]))
        yield PlannedPage("data.md", lambda path: self.render(
            "data.md.j2", path, None, example=self.data_example(), files=FILES,
            index_path=INDEX_FILE, index_schema=schema_file("index")))
        yield PlannedPage("insights.md", lambda path: self.render(
            "insights.md.j2", path, None, scope=None, figures=standings.figures(),
            charts=self.charts()))

    def person_page(self, contributor: Contributor, path: str) -> PageSpec:
        return self.render("person.md.j2", path, None, searchable=False, person=contributor,
                           ideas=self.standings.ideas_by(contributor))

    def challenge_pages(self, slug: str, folder: ChallengeFolder) -> Iterator[PlannedPage]:
        standings = self.standings
        base = f"challenges/{slug}"
        source = f"{self.catalog.settings.challenges_dir}/{slug}"
        stage = standings.stages[slug]
        act = self.standpoint(slug)
        context: dict[str, Any] = {"slug": slug, "folder": folder, "challenge": folder.challenge,
                   "stage": stage, "tally": standings.tallies[slug], "act": act,
                   "written_in": self.written_in(folder.challenge.language),
                   "tabs": challenge_tabs(slug, folder, act), "votes_cast": votes_cast(folder)}
        yield PlannedPage(f"{base}/index.md", lambda path: self.render(
            "challenge.md.j2", path, f"{source}/challenge.yml", submit=self.submit_url(slug),
            voting_opens=self.voting_opens(slug), feeds=self.feeds(slug),
            steps=self.timeline_steps(slug), comment_counts=folder.comment_counts,
            **self.gallery(slug, act), **context))
        yield PlannedPage(f"{base}/leaderboard.md", lambda path: self.render(
            "leaderboard.md.j2", path, None, **context))
        yield PlannedPage(f"{base}/audit.md", lambda path: self.render(
            "audit.md.j2", path, None, counted=standings.tallies[slug].counted,
            source_commit=standings.commit, local_zone=standings.zone,
            window=voting_window(folder.challenge.timeline, standings.zone), **context))
        if stage is Stage.RESULTS:
            yield PlannedPage(f"{base}/results.md", lambda path: self.render(
                "challenge_results.md.j2", path, None, winners=standings.winners(slug),
                comments=standings.comments_by_idea(slug), going=standings.going_on(slug),
                funnel=standings.funnel(slug), **context))
        yield PlannedPage(f"{base}/insights.md", lambda path: self.render(
            "insights.md.j2", path, None, scope=slug, figures=standings.figures(slug),
            charts=self.charts(slug), **context))
        results = standings.tallies[slug].by_id()
        for idea_id, idea_source in folder.ideas.items():
            yield PlannedPage(f"{base}/ideas/{idea_id}.md", functools.partial(
                lambda idea_id, idea, path: self.render(
                    "idea.md.j2", path, f"{source}/ideas/{idea_id}.yml", idea_id=idea_id,
                    idea=idea, result=results[idea_id], issue=self.issue_url(idea.issue),
                    jury_comments=standings.jury_comments(slug, idea_id), **context),
                idea_id, idea_source.model))

    def data_files(self) -> dict[str, str]:
        """The open data under api/v1/: what `cocreate verify` checks and the leaderboards link."""
        return open_data_files(self.standings)

    def data_example(self) -> dict[str, str] | None:
        """One real idea and its leaderboard row, shown on the open data page."""
        for slug in self.standings.listing():
            folder = self.catalog.challenges[slug]
            if folder.ideas:
                idea_id = max(folder.ideas, key=id_order)
                result = self.standings.tallies[slug].by_id()[idea_id]
                idea = describe_idea(slug, idea_id, folder.ideas[idea_id].model, result.votes)
                return {"slug": slug,
                        "idea": idea.model_dump_json(indent=1),
                        "row": json.dumps(public_row(result), ensure_ascii=False, indent=1)}
        return None

    def home_sections(self, sections: Sequence[str] = HOME_SECTIONS) -> str:
        """The generated sections of the home page named, in that order: placed by the
        page's markers, or added under its hand-written text (generator/site/home.py)."""
        standings = self.standings
        ideas = [(slug, idea_id, source.model)
                 for slug, folder in self.catalog.challenges.items()
                 for idea_id, source in folder.ideas.items()
                 if source.model.status in PUBLISHED]
        newest = sorted(ideas, key=lambda item: (standings.published_or_submitted(item[2]),
                                                 id_order(item[1])), reverse=True)[:RECENT_IDEAS]
        recent = [(slug, idea_id, idea, standings.tallies[slug].by_id()[idea_id],
                   self.catalog.challenges[slug].comment_counts.get(idea_id, 0))
                  for slug, idea_id, idea in newest]
        open_now = [self.card(slug) for slug in standings.listing()
                    if standings.stages[slug] in (Stage.IDEAS_OPEN, Stage.VOTING)]
        figures = {
            "challenges": len(self.catalog.challenges),
            "ideas": sum(len(f.ideas) for f in self.catalog.challenges.values()),
            "votes": sum(sum(i.votes for i in t.ideas) for t in standings.tallies.values()),
            "contributors": len(standings.people),
        }
        finished = standings.finished()
        return self.render("home.md.j2", "index.md", None, sections=sections,
                           open_now=open_now, recent=recent,
                           figures=figures, finished=finished,
                           winners={slug: standings.winners(slug) for slug in finished}).source()
