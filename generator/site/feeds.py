"""Atom feeds, so that contributors can follow the portal without visiting it.

Built with feedgen from the Standings the pages read too:

    /feeds/ideas.xml                 ideas once published, portal-wide
    /challenges/<challenge>/feed.xml  the same, for one challenge
    /feeds/updates.xml               every status change after submission, with the
                                     official answer, and each challenge's results

An idea's entry is published when the idea first was (its first status after
submitted) and updated at its latest status change; a status change or a
result is both at its own moment. All times are written in the portal's zone.

Each feed keeps its newest `FEED_SIZE` entries, newest first. Entry ids are the
page's address, with a fragment naming the change for a status change, so they
stay the same from build to build. A feed's `updated` is its newest entry's
time (the Unix epoch for a feed with no entries), never the build's, so the
same files give byte-identical feeds.

A feed reader needs absolute addresses, which only `site_url` in mkdocs.yml
gives: a portal without one publishes no feeds and links to none.

Every text comes from the YAML, typed by strangers: titles and summaries go
out as plain text (`type="text"`, escaped by lxml), and characters XML cannot
carry are dropped first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from feedgen.ext.base import BaseEntryExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from generator.contest.people import PUBLISHED
from generator.contest.tally import id_order
from generator.contest.words import status_name
from generator.models import Idea, Status
from generator.models.common import to_instant
from generator.models.stages import Stage

if TYPE_CHECKING:
    from generator.contest.standings import Standings

IDEAS_FEED = "feeds/ideas.xml"
UPDATES_FEED = "feeds/updates.xml"
FEED_SIZE = 50
FEED_TYPE = "application/atom+xml"
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
# What XML 1.0 cannot carry (C0 controls but tab and line breaks, surrogates, U+FFFE/U+FFFF),
# and the C1 controls, which it can but no reader shows.
NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def challenge_feed_path(slug: str) -> str:
    return f"challenges/{slug}/feed.xml"


def plain(text: str) -> str:
    """Text from the YAML, without the characters an XML document cannot hold."""
    return NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedRef:
    """A feed as pages name it: where it is, its title, and the short label of a Follow link."""

    path: str
    title: str
    label: str


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, in plain data, before feedgen writes it."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str | None = None
    authors: tuple[tuple[str, str | None], ...] = ()  # (name, their page's address if any)
    categories: tuple[tuple[str, str | None], ...] = ()  # (term, label)
    related: str | None = None  # a second page worth reading, such as the leaderboard


def enabled(standings: Standings) -> bool:
    return bool(standings.site_address)


def portal_feeds(standings: Standings) -> list[FeedRef]:
    """The portal-wide feeds, or none when the portal has no `site_url`."""
    if not enabled(standings):
        return []
    organisation = plain(standings.catalog.settings.organisation)
    lang = standings.lang
    return [
        FeedRef(IDEAS_FEED, lang.gettext("%(organisation)s: new ideas",
                                         organisation=organisation),
                lang.gettext("new ideas")),
        FeedRef(UPDATES_FEED, lang.gettext("%(organisation)s: status changes and results",
                                           organisation=organisation),
                lang.gettext("status changes and results")),
    ]


def challenge_feed(standings: Standings, slug: str) -> FeedRef:
    title = plain(standings.catalog.challenges[slug].challenge.title)
    return FeedRef(challenge_feed_path(slug),
                   standings.lang.gettext("%(challenge)s: new ideas", challenge=title),
                   standings.lang.gettext("new ideas in this challenge"))


def feeds_for_page(standings: Standings, path: str) -> list[FeedRef]:
    """The feeds a page's head points feed readers at: the portal's, and its challenge's."""
    feeds = portal_feeds(standings)
    parts = path.split("/")
    if feeds and len(parts) > 2 and parts[0] == "challenges" and \
            parts[1] in standings.catalog.challenges:
        feeds.append(challenge_feed(standings, parts[1]))
    return feeds


def head_links(standings: Standings, path: str) -> str:
    """The `<link rel="alternate feed">` tags a feed reader finds in the page at `path`.

    `alternate` with the Atom type is what readers look for, as one of the
    tokens of `rel`. The second token keeps mkdocs-material's language switcher
    away: it takes every `link[rel=alternate]` (an exact match) for a
    translation of the site and fetches `sitemap.xml` beside it, a request
    that 404s for every feed not at the site's root (zensical/zensical#908,
    the same code).
    """
    return "".join(
        f'<link rel="alternate feed" type="{FEED_TYPE}" title="{html.escape(feed.title)}" '
        f'href="{html.escape(address(standings, feed.path))}">'
        for feed in feeds_for_page(standings, path))


def address(standings: Standings, path: str) -> str:
    """The absolute address of a path of the site (`challenges/x/` → `https://…/challenges/x/`)."""
    return f"{standings.site_address}/{path}"


def as_author(standings: Standings, login: str) -> tuple[str, str | None]:
    """A person as a feed's author: their login, and their page's address if they have one
    (a maintainer who only changes statuses, say, has none)."""
    page = standings.page_of(login)
    return login, address(standings, page) if page else None


# -- entries ------------------------------------------------------------------------


def idea_entry(standings: Standings, slug: str, idea_id: str, idea: Idea) -> Entry:
    challenge = standings.catalog.challenges[slug].challenge
    history = [to_instant(change.at, standings.zone) for change in idea.history]
    published = standings.published_or_submitted(idea)
    return Entry(
        id=address(standings, f"challenges/{slug}/ideas/{idea_id}/"),
        title=plain(idea.title),
        link=address(standings, f"challenges/{slug}/ideas/{idea_id}/"),
        published=published,
        updated=max([published, *history]),
        summary=plain(idea.summary),
        authors=tuple(as_author(standings, login) for login in idea.people),
        categories=((slug, plain(challenge.title)), *((tag, None) for tag in idea.tags)),
    )


def new_ideas(standings: Standings, slugs: list[str]) -> list[Entry]:
    """Every idea of these challenges once published, newest first."""
    found = [(standings.published_or_submitted(source.model), id_order(idea_id), slug, idea_id,
              source.model)
             for slug in slugs
             for idea_id, source in standings.catalog.challenges[slug].ideas.items()
             if source.model.status in PUBLISHED]
    found.sort(key=lambda item: item[:3], reverse=True)
    return [idea_entry(standings, slug, idea_id, idea)
            for _, _, slug, idea_id, idea in found[:FEED_SIZE]]


def status_changes(standings: Standings, slug: str, idea_id: str, idea: Idea) -> list[Entry]:
    """Each status change after submission, with the official answer given with it."""
    changes = list(idea.history)
    if changes and changes[0].status is Status.SUBMITTED:
        changes = changes[1:]
    page = address(standings, f"challenges/{slug}/ideas/{idea_id}/")
    challenge = standings.catalog.challenges[slug].challenge
    entries = []
    for change in changes:
        moment = to_instant(change.at, standings.zone)
        label = status_name(standings.lang, change.status)
        entries.append(Entry(
            id=f"{page}#{change.status.value}-{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            title=standings.lang.gettext("%(status)s: idea %(id)s, %(title)s", status=label,
                                       id=idea_id, title=plain(idea.title)),
            link=page,
            published=moment,
            updated=moment,
            summary=plain(change.answer) if change.answer else None,
            authors=(as_author(standings, change.by),) if change.by else (),
            categories=((slug, plain(challenge.title)), (change.status.value, label)),
        ))
    return entries


def results_entry(standings: Standings, slug: str) -> Entry | None:
    """The results of a challenge once they are out, with its winners."""
    challenge = standings.catalog.challenges[slug].challenge
    moment = challenge.timeline.instant("results", standings.zone)
    if standings.stages[slug] is not Stage.RESULTS or moment is None:
        return None
    winners = [standings.lang.gettext("%(rank)s. %(title)s (%(prize)s)",
                                    rank=winner["rank"] or "–", title=plain(winner["idea"].title),
                                    prize=plain(winner["idea"].prize or ""))
               for winner in standings.winners(slug)]
    summary = (standings.lang.gettext("Winners: %(winners)s", winners="; ".join(winners))
               if winners else standings.lang.gettext("The results are out: see the leaderboard."))
    return Entry(
        id=address(standings, f"challenges/{slug}/results/"),
        title=standings.lang.gettext("Results of %(challenge)s", challenge=plain(challenge.title)),
        link=address(standings, f"challenges/{slug}/results/"),
        published=moment,
        updated=moment,
        summary=summary,
        categories=((slug, plain(challenge.title)),),
        related=address(standings, f"challenges/{slug}/leaderboard/"),
    )


def updates(standings: Standings) -> list[Entry]:
    """Status changes and results across the portal, newest first."""
    entries = [entry
               for slug, folder in standings.catalog.challenges.items()
               for idea_id, source in folder.ideas.items()
               for entry in status_changes(standings, slug, idea_id, source.model)]
    entries += [entry for slug in standings.catalog.challenges
                if (entry := results_entry(standings, slug)) is not None]
    entries.sort(key=lambda entry: (entry.updated, entry.id), reverse=True)
    return entries[:FEED_SIZE]


# -- writing ------------------------------------------------------------------------


class RelatedLinks(BaseEntryExtension):  # type: ignore[misc]
    """An entry's `rel="related"` links.

    feedgen 1.0 writes an entry link's href alone (it reads `rel` back from the
    element it has just made), and an entry's links without `rel` are all
    "alternate": two of those is invalid Atom. Its alternate link goes through
    feedgen as usual (the default rel); the others are written here.
    """

    def __init__(self) -> None:
        self.hrefs: list[str] = []

    def extend_atom(self, entry: Any) -> Any:  # an lxml element
        for href in self.hrefs:
            xml_elem("link", entry, href=href, rel="related", type="text/html")
        return entry


def render_feed(standings: Standings, feed: FeedRef, page: str, entries: list[Entry]) -> str:
    """One Atom document; `page` is the site page the feed stands for."""
    generator = FeedGenerator()
    generator.id(address(standings, feed.path))
    generator.title(feed.title)
    generator.author({"name": plain(standings.catalog.settings.organisation)})
    generator.link(href=address(standings, page), rel="alternate", type="text/html")
    generator.link(href=address(standings, feed.path), rel="self", type=FEED_TYPE)
    generator.language(standings.lang.code)
    generator.generator("Cocreate")  # not feedgen's version, which would change the bytes
    generator.updated(max((entry.updated for entry in entries), default=EMPTY_FEED_UPDATED))
    for entry in entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.link, rel="alternate")
        if entry.related:
            item.register_extension("related", RelatedLinks, atom=True, rss=False)
            item.related.hrefs.append(entry.related)
        item.published(entry.published.astimezone(standings.zone))
        item.updated(entry.updated.astimezone(standings.zone))
        for name, uri in entry.authors:  # Atom's author needs a name; its uri is optional
            item.author({"name": name, **({"uri": uri} if uri else {})})
        for term, label in entry.categories:
            item.category({"term": term, **({"label": label} if label else {})})
        if entry.summary:
            item.summary(entry.summary, type="text")
    return str(generator.atom_str(pretty=True, encoding="UTF-8").decode("utf-8"))


def feed_files(standings: Standings) -> dict[str, str]:
    """Every feed of the site, by path; none when the portal has no `site_url`."""
    if not enabled(standings):
        return {}
    ideas, changes = portal_feeds(standings)
    slugs = list(standings.catalog.challenges)
    files = {
        ideas.path: render_feed(standings, ideas, "", new_ideas(standings, slugs)),
        changes.path: render_feed(standings, changes, "", updates(standings)),
    }
    for slug in slugs:
        feed = challenge_feed(standings, slug)
        files[feed.path] = render_feed(standings, feed, f"challenges/{slug}/",
                                       new_ideas(standings, [slug]))
    return files
