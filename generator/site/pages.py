"""Every generated page, planned from the catalog and rendered by Jinja2 into Markdown.

One template a page type (generator/templates/, overridable from
theme/cocreate/), autoescaped; text people typed goes through
`usertext.render_user_markdown`.

Pages that grow with the portal (ideas, people, galleries, leaderboards)
keep only their headings in Markdown, so the theme still builds their table
of contents, and write everything else as HTML in `{% filter html %}`
blocks. Each block is set aside as a fragment, leaving a comment that
Markdown passes through untouched, and the fragment takes the comment's
place once the page is converted: Markdown never reparses HTML that is
already final, which makes a large portal build several times faster. User
text cannot forge a marker, because autoescaping turns every `<` it holds
into `&lt;`. Addresses are permanent:

    /challenges/                              every challenge
    /challenges/<challenge>/                  the brief, timeline and idea gallery
    /challenges/<challenge>/ideas/<id>/       one idea
    /challenges/<challenge>/leaderboard/      the ranking and its formula
    /challenges/<challenge>/insights/         the challenge's figures and charts
    /people/  and  /people/<login>/           contributors
    /results/                                 the hall of fame
    /insights/                                the portal's figures and charts
    /data/                                    the open data and how to use it
    /api/v1/…                                 the open data itself (generator.site.opendata)
    /feeds/ideas.xml, /feeds/updates.xml      Atom feeds: new ideas; status changes and results
    /challenges/<challenge>/feed.xml          Atom feed of one challenge's new ideas

The feeds (generator/site/feeds.py) need `site_url`; without it there are none.
The charts are SVG files of their own (`chart_files`), beside their page:
`insights/<chart>.svg` and `challenges/<challenge>/insights/<chart>.svg`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import markupsafe
from markdown.extensions.toc import slugify
from markupsafe import Markup

from generator.contest.insights import (
    Funnel,
    Insights,
    count_funnel,
    first_months,
    gather_contributions,
    gather_insights,
)
from generator.contest.people import (
    ACTIVE_VOTER_CHALLENGES,
    BADGES,
    PUBLISHED,
    REACHED,
    Contributor,
    gather_contributors,
    innovators_of_the_month,
    published_at,
)
from generator.contest.tally import id_order, public_row, tally_challenge
from generator.contest.words import (
    reason_label,
    segment_label,
    stage_label,
    status_label,
    via_label,
    wait_label,
)
from generator.github.forms.render import form_path
from generator.i18n import Language, language
from generator.models import Idea
from generator.models.common import to_instant
from generator.models.stages import Stage, voting_window
from generator.portal.catalog import Catalog, ChallengeFolder
from generator.portal.settings import read_site_url
from generator.site.charts import Chart, draw_insights
from generator.site.feeds import FeedRef, challenge_feed, portal_feeds
from generator.site.opendata import FILES, INDEX_FILE, describe_idea, open_data_files, schema_file
from generator.site.usertext import render_user_markdown

TEMPLATES = Path(__file__).parent / "templates"
# Challenges people can act on come first; finished ones last.
LISTING_ORDER = [Stage.IDEAS_OPEN, Stage.VOTING, Stage.JUDGING, Stage.UPCOMING, Stage.RESULTS]
# Each stage and the timeline fields where it starts and ends.
TIMELINE_STEPS = [
    ("ideas_open", "ideas_close", Stage.IDEAS_OPEN),
    ("ideas_close", "voting_close", Stage.VOTING),
    ("voting_close", "results", Stage.JUDGING),
    ("results", None, Stage.RESULTS),
]
STAGE_ORDER = [Stage.UPCOMING, Stage.IDEAS_OPEN, Stage.VOTING, Stage.JUDGING, Stage.RESULTS]
RECENT_IDEAS = 6
TOP_CONTRIBUTORS = 100  # the people index ranks this many; everyone else has a page too
MARKER = "<!--cocreate:html:{}-->"
MARKERS = re.compile(r"<!--cocreate:html:(\d+)-->")
# The characters Python-Markdown lets a backslash escape, but for `>`: autoescaping turns it
# into an entity, which Markdown never reads as a quote.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!]")


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: its source path, its Markdown, and the file it is edited in.

    `fragments` are the page's HTML blocks, put back by `fill` once the
    Markdown is converted; `searchable` is False for pages the search leaves out.
    """

    path: str
    markdown: str
    edit_path: str | None = None
    fragments: tuple[str, ...] = ()
    searchable: bool = True

    def fill(self, text: str) -> str:
        """`text` (the converted page, or its Markdown) with each marker replaced by its HTML."""
        if not self.fragments:
            return text
        return MARKERS.sub(lambda marker: self.fragments[int(marker[1])], text)

    def source(self) -> str:
        """The whole page as one Markdown text with its HTML in place: what the golden files pin."""
        return self.fill(self.markdown)


def page_url(path: str) -> str:
    """The directory URL a page's source path is served at: `a/b.md` → `a/b/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def make_environment(overrides: Path | None = None,
                     lang: Language | None = None) -> jinja2.Environment:
    """Templates from the portal's theme/cocreate/ first, then the generator's own.

    Templates write their messages as `{{ _("…") }}` or `{% trans %}`, in `lang`.
    """
    lang = lang or language("en")
    folders = [str(overrides)] if overrides and overrides.is_dir() else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(TEMPLATES)]),
        autoescape=True,
        auto_reload=False,  # one build renders thousands of pages from the same templates
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
    )
    environment.policies["ext.i18n.trimmed"] = True  # a message is its words, not its line breaks
    # The extension's newstyle mode shapes `{% trans %}`; its callables give way to ours.
    environment.install_gettext_translations(lang.translations, newstyle=True)  # type: ignore[attr-defined]
    environment.globals.update(template_messages(lang))
    environment.globals["lang"] = lang
    environment.globals["active_voter_challenges"] = ACTIVE_VOTER_CHALLENGES
    environment.filters["usermd"] = render_user_markdown
    environment.filters["md"] = escape_markdown
    environment.filters["day"] = lang.day
    environment.filters["number"] = lang.number
    environment.filters["percent"] = lang.percent
    environment.filters["month"] = lang.month
    environment.filters["status_label"] = functools.partial(status_label, lang)
    environment.filters["stage_label"] = functools.partial(stage_label, lang)
    environment.filters["segment_label"] = functools.partial(segment_label, lang)
    environment.filters["reason_label"] = functools.partial(reason_label, lang)
    environment.filters["via_label"] = functools.partial(via_label, lang)
    environment.filters["moment"] = lang.moment
    environment.filters["join_words"] = lambda items, style="standard": Markup(lang.join(
        [str(markupsafe.escape(item)) for item in items], style))
    environment.filters["anchor"] = lambda heading: slugify(str(heading), "-")
    environment.filters["mention"] = lambda login: f"@{login}"
    environment.filters["wait_label"] = functools.partial(wait_label, lang)
    environment.filters["html"] = set_aside_html
    return environment


def escape_markdown(text: str) -> str:
    """One-line text people typed, for a Markdown heading or list: every character Markdown
    would read as syntax is backslash-escaped, so a title cannot make a link or emphasis.
    (Autoescaping then takes care of HTML.)"""
    return MARKDOWN_SYNTAX.sub(r"\\\g<0>", str(text))


def local_day(lang: Language, zone: tzinfo, value: date | datetime) -> str:
    """`value`'s day in `zone`, in words: a plain day stays as written."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(zone)
    return lang.day(value)


def template_messages(lang: Language) -> dict[str, Callable[..., Markup]]:
    """`_`, `gettext`, `ngettext` and `pgettext` for templates, as Jinja's newstyle ones work.

    The message, translated once and cached, is trusted markup; the values put into it are
    escaped. Jinja's own callables do the same but pass the template context through two
    calls each, which a large portal pays for a hundred thousand times.
    """
    translations = lang.translations

    @functools.cache
    def translated(message: str) -> Markup:
        return Markup(translations.gettext(message))

    def gettext(message: str, /, **values: Any) -> Markup:
        return translated(message) % values

    def ngettext(singular: str, plural: str, count: int, /, **values: Any) -> Markup:
        values.setdefault("num", count)
        return Markup(translations.ngettext(singular, plural, count)) % values

    def pgettext(context: str, message: str, /, **values: Any) -> Markup:
        return Markup(translations.pgettext(context, message)) % values

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext}


@jinja2.pass_context
def set_aside_html(context: jinja2.runtime.Context, html: str) -> Markup:
    """`{% filter html %}…{% endfilter %}`: keep the block out of Markdown, leave its marker."""
    fragments: list[str] = context["fragments"]
    fragments.append(str(html).strip("\n"))
    return Markup(MARKER.format(len(fragments) - 1) + "\n")


class Planner:
    """Works out every page from one catalog; each page's numbers come from the same tally."""

    def __init__(self, catalog: Catalog, environment: jinja2.Environment,
                 commit: str | None = None) -> None:
        self.catalog = catalog
        self.environment = environment
        self.commit = commit  # the commit the files came from, shown on the vote audits
        self.site_address = read_site_url(catalog.root)
        self.lang: Language = environment.globals["lang"]  # type: ignore[assignment]
        # A date-time shows the day it is in the portal's zone, as the insights and feeds count.
        environment.filters["day"] = functools.partial(local_day, self.lang,
                                                       catalog.settings.zone)
        self.zone = catalog.settings.zone
        self.stages = {slug: catalog.stage_of(slug) for slug in catalog.challenges}
        self.tallies = {
            slug: tally_challenge(folder, catalog,
                                  with_jury=self.stages[slug] is Stage.RESULTS)
            for slug, folder in catalog.challenges.items()
        }
        self.counted = {slug: tally.counted for slug, tally in self.tallies.items()}
        self.people = gather_contributors(catalog, self.tallies, self.counted)
        self.innovators = innovators_of_the_month(catalog, self.tallies)
        self._insights: dict[str | None, tuple[Insights, dict[str, Chart]]] = {}

    # -- helpers the templates call -------------------------------------------------

    def issue_url(self, number: int | None) -> str | None:
        repository = self.catalog.settings.repository
        return f"https://github.com/{repository}/issues/{number}" if repository and number else None

    def submit_url(self, slug: str) -> str | None:
        """The challenge's own issue form (`cocreate forms`), which has it chosen already.

        Only `template` is in the query: GitHub documents prefilling text fields by id, and
        nothing for a dropdown, so the challenge is chosen by the form itself."""
        repository = self.catalog.settings.repository
        if not repository or self.stages[slug] is not Stage.IDEAS_OPEN:
            return None
        query = urlencode({"template": form_path(slug).name})
        return f"https://github.com/{repository}/issues/new?{query}"

    def days_left(self, slug: str) -> int | None:
        """Whole days until the current stage ends, or None when it never does."""
        timeline = self.catalog.challenges[slug].challenge.timeline
        for start, _, _ in TIMELINE_STEPS:
            moment = timeline.instant(start, self.zone)
            if moment is None:
                return None
            if self.catalog.now < moment:
                return max(0, (moment - self.catalog.now + timedelta(hours=23)).days)
        return None

    def timeline_steps(self, slug: str) -> list[dict[str, Any]]:
        """Each stage with the days it covers (closing days included) and its state."""
        timeline = self.catalog.challenges[slug].challenge.timeline
        current = STAGE_ORDER.index(self.stages[slug])
        steps = []
        for start_field, end_field, stage in TIMELINE_STEPS:
            start = timeline.instant(start_field, self.zone)
            if start is None:
                continue
            end = timeline.instant(end_field, self.zone) if end_field else None
            position = STAGE_ORDER.index(stage)
            steps.append({
                "stage": stage,
                "first": start.astimezone(self.zone).date(),
                "last": (end - timedelta(microseconds=1)).astimezone(self.zone).date()
                if end else None,
                "state": "current" if position == current else
                         "done" if position < current else "next",
            })
        return steps

    def ideas_of(self, slug: str) -> list[tuple[str, Idea]]:
        folder = self.catalog.challenges[slug]
        return [(idea_id, folder.ideas[idea_id].model)
                for idea_id in sorted(folder.ideas, key=id_order, reverse=True)]

    def written_in(self, code: str) -> Markup:
        """` lang="…"` for a challenge's own text when it is in another language than the
        interface, so that screen readers read it with the right voice; else nothing."""
        if code.split("-")[0] == self.lang.code:
            return Markup("")
        return Markup(' lang="{}"').format(code)

    def jury_comments(self, slug: str, idea_id: str) -> list[dict[str, str]]:
        folder = self.catalog.challenges[slug]
        comments = []
        for card in folder.scorecards.values():
            for score in card.model.scores:
                if score.idea == idea_id and score.comment:
                    comments.append({"juror": card.model.juror, "comment": score.comment})
        return sorted(comments, key=lambda c: c["juror"].lower())

    def winners(self, slug: str) -> list[dict[str, Any]]:
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

    def funnel(self, slug: str) -> Funnel:
        """How many ideas reached each status (by their history), and how many ended how."""
        return count_funnel(source.model for source in self.catalog.challenges[slug].ideas.values())

    @functools.cached_property
    def first_months(self) -> dict[str, date]:
        """Each contributor's first month on the portal: "new" on every insights page."""
        return first_months(gather_contributions(self.catalog, self.counted,
                                                 self.catalog.challenges), self.zone)

    def insights(self, slug: str | None = None) -> tuple[Insights, dict[str, Chart]]:
        """The figures and charts of the portal, or of one challenge; worked out once."""
        if slug not in self._insights:
            figures = gather_insights(self.catalog, self.counted, slug, self.first_months)
            self._insights[slug] = figures, draw_insights(figures, self.lang,
                                                          insights_folder(slug))
        return self._insights[slug]

    def ideas_by(self, person: Contributor) -> list[dict[str, Any]]:
        return [{"slug": slug, "id": idea_id,
                 "idea": self.catalog.challenges[slug].ideas[idea_id].model}
                for slug, idea_id in person.ideas]

    def feeds(self, slug: str | None = None) -> list[FeedRef]:
        """Feeds to follow: the portal's, or a challenge's and the portal's status changes.

        None when the portal has no `site_url` (see generator/site/feeds.py).
        """
        portal = portal_feeds(self)
        if slug is None or not portal:
            return portal
        return [challenge_feed(self, slug), portal[1]]

    def first_published(self, idea: Idea) -> datetime:
        """When the idea was published, or else submitted: what "recent" and feeds sort by."""
        return published_at(idea, self.zone) or to_instant(idea.submitted, self.zone)

    # -- rendering ------------------------------------------------------------------

    def render(self, template: str, path: str, edit_path: str | None, *,
               searchable: bool = True, **context: Any) -> PageSpec:
        url = page_url(path)
        root = "../" * url.count("/")
        fragments: list[str] = []
        markdown = self.environment.get_template(template).render(
            site=self, catalog=self.catalog, settings=self.catalog.settings, root=root,
            url=url, fragments=fragments, **context)
        return PageSpec(path, markdown, edit_path, tuple(fragments), searchable)

    def plan(self) -> list[PageSpec]:
        pages = [self.render("challenges.md.j2", "challenges/index.md", None,
                             slugs=self.listing())]
        for slug, folder in self.catalog.challenges.items():
            pages += self.plan_challenge(slug, folder)
        people = sorted(self.people.values(), key=lambda c: c.rank)
        pages.append(self.render("people.md.j2", "people/index.md", None,
                                 people=people[:TOP_CONTRIBUTORS], everyone=len(people),
                                 innovators=self.innovators[:12], badges=BADGES.values()))
        for contributor in people:  # search finds their ideas instead: it lists them all
            pages.append(self.render("person.md.j2", f"people/{contributor.login.lower()}.md",
                                     None, searchable=False, person=contributor))
        finished = [slug for slug in self.listing() if self.stages[slug] is Stage.RESULTS]
        pages.append(self.render("results.md.j2", "results.md", None, slugs=finished))
        pages.append(self.render("data.md.j2", "data.md", None, example=self.data_example(),
                                 files=FILES, index_path=INDEX_FILE,
                                 index_schema=schema_file("index")))
        figures, charts = self.insights()
        pages.append(self.render("insights.md.j2", "insights.md", None, scope=None,
                                 charts_folder=insights_folder(None), figures=figures,
                                 charts=charts))
        return pages

    def plan_challenge(self, slug: str, folder: ChallengeFolder) -> list[PageSpec]:
        base = f"challenges/{slug}"
        source = f"{self.catalog.settings.challenges_dir}/{slug}"
        context: dict[str, Any] = {"slug": slug, "folder": folder, "challenge": folder.challenge,
                   "stage": self.stages[slug], "tally": self.tallies[slug],
                   "written_in": self.written_in(folder.challenge.language)}
        pages = [
            self.render("challenge.md.j2", f"{base}/index.md", f"{source}/challenge.yml",
                        **context),
            self.render("leaderboard.md.j2", f"{base}/leaderboard.md", None, **context),
            self.render("audit.md.j2", f"{base}/audit.md", None,
                        counted=self.counted[slug],
                        window=voting_window(folder.challenge.timeline, self.zone),
                        site_address=self.site_address, **context),
        ]
        if self.stages[slug] is Stage.RESULTS:
            pages.append(self.render("challenge_results.md.j2", f"{base}/results.md", None,
                                     **context))
        figures, charts = self.insights(slug)
        pages.append(self.render("insights.md.j2", f"{base}/insights.md", None, scope=slug,
                                 charts_folder=insights_folder(slug), figures=figures,
                                 charts=charts, **context))
        for idea_id, idea_source in folder.ideas.items():
            pages.append(self.render(
                "idea.md.j2", f"{base}/ideas/{idea_id}.md", f"{source}/ideas/{idea_id}.yml",
                idea_id=idea_id, idea=idea_source.model,
                result=self.tallies[slug].by_id()[idea_id], **context))
        return pages

    def data_files(self) -> dict[str, str]:
        """The open data under api/v1/: what `cocreate verify` checks and the leaderboards link."""
        return open_data_files(self)

    def data_example(self) -> dict[str, str] | None:
        """One real idea and its leaderboard row, shown on the open data page."""
        for slug in self.listing():
            folder = self.catalog.challenges[slug]
            if folder.ideas:
                idea_id = max(folder.ideas, key=id_order)
                result = self.tallies[slug].by_id()[idea_id]
                idea = describe_idea(slug, idea_id, folder.ideas[idea_id].model, result.votes)
                return {"slug": slug,
                        "idea": idea.model_dump_json(indent=1),
                        "row": json.dumps(public_row(result), ensure_ascii=False, indent=1)}
        return None

    def chart_files(self) -> dict[str, str]:
        """The insights' charts, as SVG files beside their pages: path → SVG text."""
        files = {}
        for slug in [None, *self.catalog.challenges]:
            _, charts = self.insights(slug)
            for chart in charts.values():
                if chart.svg is not None:
                    files[f"{insights_folder(slug)}{chart.name}.svg"] = chart.svg
        return files

    def listing(self) -> list[str]:
        return sorted(self.catalog.challenges, key=lambda s: LISTING_ORDER.index(self.stages[s]))

    def home_sections(self) -> str:
        """The generated part of the home page, added under its hand-written introduction."""
        ideas = [(slug, idea_id, source.model)
                 for slug, folder in self.catalog.challenges.items()
                 for idea_id, source in folder.ideas.items()
                 if source.model.status in PUBLISHED]
        recent = sorted(ideas, key=lambda item: (self.first_published(item[2]),
                                                 id_order(item[1])), reverse=True)[:RECENT_IDEAS]
        open_now = [slug for slug in self.listing()
                    if self.stages[slug] in (Stage.IDEAS_OPEN, Stage.VOTING)]
        figures = {
            "challenges": len(self.catalog.challenges),
            "ideas": sum(len(f.ideas) for f in self.catalog.challenges.values()),
            "votes": sum(sum(i.votes for i in t.ideas) for t in self.tallies.values()),
            "contributors": len(self.people),
        }
        finished = [slug for slug in self.listing() if self.stages[slug] is Stage.RESULTS]
        return self.render("home.md.j2", "index.md", None, open_now=open_now, recent=recent,
                           figures=figures, finished=finished).source()


def insights_folder(slug: str | None) -> str:
    """Where an insights page's charts go: `insights/`, `challenges/<challenge>/insights/`."""
    return "insights/" if slug is None else f"challenges/{slug}/insights/"


def plan_pages(catalog: Catalog, environment: jinja2.Environment) -> list[PageSpec]:
    """Every generated page, in a stable order."""
    return Planner(catalog, environment).plan()
