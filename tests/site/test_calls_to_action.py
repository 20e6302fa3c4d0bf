"""Act where you stand, in real Chromium on a phone and a desk: how to vote while voting,
the winner first once a challenge is finished, no vote button where a vote would not
count, and the gallery's sort menu."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.contest.tally import id_order
from generator.models import Status
from generator.portal.catalog import Catalog
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW
from tests.support.chromium import serve

pytestmark = pytest.mark.browser
VOTING = "zero-waste-packaging"  # budget voting, open until January 2028
FINISHED = "winter-menu-2026"  # results, with three prizes and declined ideas
WIDTHS = [390, 1280]


@pytest.fixture(scope="module")
def example() -> Catalog:
    return load_catalog(EXAMPLE, now=EXAMPLE_NOW)


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    with serve(built_site) as address:
        yield address


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh tab as wide as a phone or a desk, failing the test on a script error."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def tally(slug: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "tally", slug, "--format", "json"])
    ideas: list[dict[str, Any]] = json.loads(result.stdout)["ideas"]
    return ideas


def titles(page: Any, slug: str) -> list[str]:
    return [title.rstrip("¶") for title in
            page.locator(f"#ideas-{slug} .cc-idea .cc-card__title").all_inner_texts()]


def test_a_voting_challenges_idea_page_says_how_to_vote(page: Any, served: str,
                                                       example: Catalog) -> None:
    folder = example.challenges[VOTING]
    idea_id, idea = next((idea_id, source.model) for idea_id, source in folder.ideas.items()
                         if source.model.status is Status.PUBLISHED)
    page.goto(f"{served}/challenges/{VOTING}/ideas/{idea_id}/")
    box = page.locator("article.md-content__inner .cc-lead .cc-act")
    said = " ".join(box.inner_text().split())
    assert f"You have {folder.challenge.voting.budget} points to spread" in said
    assert "/vote 2" in said and "/unvote" in said
    button = box.locator("a.cc-vote")
    assert button.inner_text() == "Vote on GitHub"
    assert button.get_attribute("href") == \
        f"https://github.com/{example.settings.repository}/issues/{idea.issue}"
    # Said before the link: it opens GitHub, where a free account is needed.
    note = box.locator(".cc-note")
    assert "free GitHub account" in note.inner_text()
    assert note.bounding_box()["y"] < button.bounding_box()["y"]
    # Within the first screens, without scrolling sideways, on a phone as on a desk.
    place = button.bounding_box()
    assert place["y"] + place["height"] < 1200
    assert place["x"] + place["width"] <= page.viewport_size["width"]


def test_a_finished_challenges_page_names_its_winner_before_any_other_idea(
        page: Any, served: str, example: Catalog) -> None:
    folder = example.challenges[FINISHED]
    first_prize = min(folder.challenge.prizes, key=lambda prize: prize.rank).title
    [winner] = [source.model.title for source in folder.ideas.values()
                if source.model.prize == first_prize]
    page.goto(f"{served}/challenges/{FINISHED}/")
    text = page.locator("article.md-content__inner").inner_text()
    named = {title: text.index(title)
             for title in (source.model.title for source in folder.ideas.values())}
    assert min(named, key=named.__getitem__) == winner
    assert text.index(first_prize) < min(place for title, place in named.items()
                                         if title != winner)
    # Results first: the gallery follows the ranking, and voting instructions are gone.
    assert titles(page, FINISHED) == [row["title"] for row in tally(FINISHED)]
    assert "How to vote" not in text
    assert page.locator("article.md-content__inner a.cc-vote").count() == 0


def test_no_vote_button_for_a_declined_idea(page: Any, served: str, example: Catalog) -> None:
    folder = example.challenges[VOTING]
    [declined] = [idea_id for idea_id, source in folder.ideas.items()
                  if source.model.status is Status.DECLINED]
    page.goto(f"{served}/challenges/{VOTING}/ideas/{declined}/")
    lead = page.locator("article.md-content__inner .cc-lead")
    assert lead.locator("a.cc-vote").count() == 0
    assert "This idea takes no votes: its status is Declined." in lead.inner_text()
    assert "vote" not in lead.locator("a.md-button").inner_text().lower()
    # In the gallery its card is dimmed and has no button, while the others have one.
    page.goto(f"{served}/challenges/{VOTING}/")
    card = page.locator(f'.cc-idea:has(a[href$="/ideas/{declined}/"])')
    assert card.locator("a.cc-vote").count() == 0
    assert "cc-idea--set-aside" in (card.get_attribute("class") or "")
    takes_votes = [idea_id for idea_id, source in folder.ideas.items()
                   if source.model.status in folder.challenge.voting.open_statuses]
    assert page.locator(f"#ideas-{VOTING} a.cc-vote").count() == len(takes_votes) > 0


def test_the_sort_menu_orders_the_gallery(page: Any, served: str) -> None:
    page.goto(f"{served}/challenges/{VOTING}/")
    newest = titles(page, VOTING)
    rows = tally(VOTING)
    by_id = sorted(rows, key=lambda row: id_order(row["id"]), reverse=True)
    assert newest == [row["title"] for row in by_id]
    page.select_option("select[data-cc-sort]", "votes")
    # Most votes first; ties keep the newest first.
    assert titles(page, VOTING) == [row["title"] for row in
                                    sorted(by_id, key=lambda row: -row["votes"])]
    page.select_option("select[data-cc-sort]", "newest")
    assert titles(page, VOTING) == newest
    # "Most discussed" reads each card's comment count (data-comments), as the vote sync
    # wrote it in the challenge's comments.yml; an idea it does not list has none.
    counts = yaml.safe_load((EXAMPLE / "challenges" / VOTING / "comments.yml").read_text(
        encoding="utf-8"))["ideas"]
    said = {entry["idea"]: entry["comments"] for entry in counts}
    page.select_option("select[data-cc-sort]", "comments")
    assert titles(page, VOTING) == [row["title"] for row in
                                    sorted(by_id, key=lambda row: -said.get(row["id"], 0))]


def test_without_javascript_the_sort_menu_stays_hidden(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served}/challenges/{VOTING}/")
    assert tab.locator("select[data-cc-sort]").count() == 1
    assert not tab.locator("select[data-cc-sort]").is_visible()
    context.close()
