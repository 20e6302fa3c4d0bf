"""What a visitor is offered to do, by where a challenge stands: the countdown, the call to
action on cards and pages, results first, and cards that say only what tells."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.i18n import language
from generator.models import Status
from generator.models.stages import is_voting_open, stage_at
from generator.portal.catalog import Catalog
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from generator.site.standpoint import SET_ASIDE, Moment, find_standpoint
from tests.support import EXAMPLE, EXAMPLE_NOW, people_with_pages

VOTE_BUTTON = 'cc-vote"'  # the class of a vote button (not cc-votes, the count)
CARD = re.compile(r'<article class="cc-card cc-idea[^"]*".*?</article>', re.S)


def pages_of(catalog: Catalog, code: str = "en") -> dict[str, str]:
    """Every generated page's Markdown with its HTML in place, by path; the home page's
    generated sections as `index.md`."""
    planner = Planner(catalog, make_environment(lang=language(code)))
    return {spec.path: spec.source() for spec in planner.plan()} | {
        "index.md": planner.home_sections()}


@pytest.fixture(scope="module")
def example() -> Catalog:
    return load_catalog(EXAMPLE, now=EXAMPLE_NOW)


@pytest.fixture(scope="module")
def pages(example: Catalog) -> dict[str, str]:
    return pages_of(example)


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, f"no {pattern!r} in {text!r}"
    return match[1]


def next_change(catalog: Catalog, slug: str, now: datetime) -> Moment | None:
    challenge = catalog.challenges[slug].challenge
    zone = catalog.settings.zone
    return find_standpoint(challenge, stage_at(challenge.timeline, zone, now), zone, now,
                           None).next


@pytest.mark.parametrize(("now", "expected"), [
    # winter-menu-2026: ideas 1 March–30 April, voting to 31 May, results from 30 June.
    (datetime(2026, 2, 27, 12, tzinfo=UTC), Moment("opens", date(2026, 3, 1), 2)),
    (datetime(2026, 4, 30, 12, tzinfo=UTC), Moment("ideas-close", date(2026, 4, 30), 1)),
    (datetime(2026, 5, 1, 12, tzinfo=UTC), Moment("voting-closes", date(2026, 5, 31), 31)),
    (datetime(2026, 6, 29, 12, tzinfo=UTC), Moment("results", date(2026, 6, 30), 1)),
    (datetime(2026, 6, 30, 12, tzinfo=UTC), None),
])
def test_the_next_change_counts_a_closing_day_as_a_day_left(example: Catalog, now: datetime,
                                                            expected: Moment | None) -> None:
    assert next_change(example, "winter-menu-2026", now) == expected


def test_an_upcoming_challenge_says_when_it_opens_not_how_many_days_are_left(
        pages: dict[str, str]) -> None:
    listing = pages["challenges/index.md"]
    card = listing[listing.index("<article", listing.index("Coming up")):]
    card = card[:card.index("</article>")]
    # 1 April 2028 is 496 days after the example's clock (22 November 2026).
    assert "Opens 1 April 2028 (in 496 days)" in card
    assert "left" not in card
    assert "Opens 1 April 2028 (in 496 days)" in pages["challenges/local-sourcing-2028/index.md"]


@pytest.mark.parametrize("code", ["en", "es", "fr"])
def test_the_voting_rules_are_sentences_apart_in_every_language(example: Catalog,
                                                                 code: str) -> None:
    """Never "are not counted.Votes for your own ideas…" again."""
    pages = pages_of(example, code)
    for slug in example.challenges:
        page = pages[f"challenges/{slug}/index.md"]
        for paragraph in re.findall(r"<p>(.*?)</p>", page, re.S):
            if "/unvote" in paragraph:
                assert not re.search(r"[.!]\S", re.sub(r"<[^>]+>", "", paragraph)), paragraph


def test_the_challenges_page_puts_a_heading_between_its_title_and_the_cards(
        pages: dict[str, str], example: Catalog) -> None:
    listing = pages["challenges/index.md"]
    levels = [len(hashes) if hashes else int(tag)
              for hashes, tag in re.findall(r"^(#+) |<h(\d)", listing, re.M)]
    assert levels[0] == 1 and 3 in levels
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    assert listing.count('<article class="cc-card">') == len(example.challenges)


def test_a_finished_challenge_opens_with_its_winners_and_ranks_its_gallery(
        pages: dict[str, str], example: Catalog) -> None:
    slug = "winter-menu-2026"
    page = pages[f"challenges/{slug}/index.md"]
    folder = example.challenges[slug]
    prizes = {prize.title: prize.rank for prize in folder.challenge.prizes}
    winners = sorted((idea_id for idea_id, source in folder.ideas.items() if source.model.prize),
                     key=lambda idea_id: prizes[folder.ideas[idea_id].model.prize or ""])
    assert winners
    ahead = page[:page.index("## Timeline")]
    listed = re.findall(rf'href="../../challenges/{slug}/ideas/(\w+)/"', ahead)
    assert listed[:len(winners)] == winners  # the winners, first, by prize
    gallery = re.findall(r'data-rank="(\d+)"', ahead)
    assert gallery == sorted(gallery, key=int) and gallery
    assert "## How to vote" not in page and "/vote" not in page


def test_cards_badge_only_the_statuses_that_tell_and_dim_the_ideas_set_aside(
        pages: dict[str, str]) -> None:
    cards = CARD.findall(pages["challenges/winter-menu-2026/index.md"])
    statuses = [Status(found(r'data-status="(\w+)"', card)) for card in cards]
    assert Status.PUBLISHED in statuses and set(statuses) >= SET_ASIDE
    for card, status in zip(cards, statuses, strict=True):
        assert ("cc-badge--" in card) == (status is not Status.PUBLISHED), card
        assert ("cc-idea--set-aside" in card) == (status in SET_ASIDE), card
        author = found(r"by (?:<a [^>]*>)?@([\w-]+)", card)  # linked if they have a page
        linked = re.search(r'by <a class="cc-person" href="[^"]+people/[^"]+/">@', card)
        assert bool(linked) == (author.lower() in people_with_pages(EXAMPLE)), card


def test_home_cards_name_their_challenge(pages: dict[str, str], example: Catalog) -> None:
    cards = CARD.findall(pages["index.md"])
    assert cards
    for card in cards:
        slug = found(r'href="challenges/([\w-]+)/ideas/', card)
        title = example.challenges[slug].challenge.title.replace("&", "&amp;")
        assert f'<a class="cc-chip" href="challenges/{slug}/">{title}</a>' in card


def test_vote_buttons_only_where_a_vote_would_count(pages: dict[str, str],
                                                   example: Catalog) -> None:
    for slug, folder in example.challenges.items():
        voting = is_voting_open(folder.challenge.timeline, example.settings.zone, example.now)
        gallery = pages[f"challenges/{slug}/index.md"]
        for idea_id, source in folder.ideas.items():
            idea = source.model
            counts = voting and idea.status in folder.challenge.voting.open_statuses \
                and idea.issue is not None
            idea_page = pages[f"challenges/{slug}/ideas/{idea_id}.md"]
            card = next(card for card in CARD.findall(gallery) if f"/ideas/{idea_id}/" in card)
            assert (VOTE_BUTTON in idea_page) == counts, (slug, idea_id)
            assert (VOTE_BUTTON in card) == counts, (slug, idea_id)


def test_before_voting_the_idea_page_says_when_it_opens(pages: dict[str, str]) -> None:
    page = pages["challenges/neighbourhood-events/ideas/48.md"]
    lead = page[:page.index("## ")]
    # Ideas close at the end of 15 January 2028; votes count from the next day.
    assert "Voting opens 16 January 2028 (in 420 days)." in lead
    assert VOTE_BUTTON not in lead and "Discuss on GitHub" in lead


def test_in_the_pause_before_voting_nothing_offers_a_vote(portal: Path) -> None:
    file = portal / "challenges/neighbourhood-events/challenge.yml"
    file.write_text(file.read_text("utf-8").replace(
        "  ideas_close: 2028-01-15\n", "  ideas_close: 2026-11-15\n  voting_open: 2026-12-01\n"),
        "utf-8")
    pages = pages_of(load_catalog(portal, now=EXAMPLE_NOW))
    challenge = pages["challenges/neighbourhood-events/index.md"]
    assert "Voting opens 1 December 2026 (in 9 days)" in challenge
    assert VOTE_BUTTON not in challenge and "cc-submit" not in challenge
    assert "Voting opens 1 December 2026 (in 9 days)." in \
        pages["challenges/neighbourhood-events/ideas/48.md"]


def test_every_button_to_github_comes_after_a_word_on_what_it_opens(built_site: Path) -> None:
    for file in built_site.rglob("*.html"):
        html = file.read_text("utf-8")
        for link in re.finditer(r'<a class="md-button[^"]*" href="https://github\.com/', html):
            article = html.rindex('<article class="md-content__inner', 0, link.start())
            assert 'class="cc-note"' in html[article:link.start()], file
