"""One challenge, one place: every page of a challenge carries the row of its pages, each
tab leads to a page with something on it, a page left out says why it is empty, and the
navigation lights up Challenges on pages it does not list itself."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.models.stages import Stage
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment, page_url
from generator.site.pages import Planner
from generator.site.plugin import listed_section
from tests.support import EXAMPLE, EXAMPLE_NOW

TAB = re.compile(r'<a class="cc-tabs__tab" href="(?P<href>[^"]*)"(?P<current>[^>]*)>'
                 r"(?P<label>[^<]*)</a>")
CHALLENGES = ["winter-menu-2026", "zero-waste-packaging", "suggestion-box",
              "neighbourhood-events", "local-sourcing-2028"]


def plan(root: Path) -> tuple[Planner, dict[str, str]]:
    planner = Planner(load_catalog(root, now=EXAMPLE_NOW), make_environment())
    return planner, {spec.path: spec.source() for spec in planner.plan()}


@pytest.fixture(scope="module")
def example() -> tuple[Planner, dict[str, str]]:
    return plan(EXAMPLE)


def source_of(pages: dict[str, str], address: str) -> str:
    """The page an address from the site's root leads to: `/a/b/` is `a/b/index.md` or `a/b.md`."""
    path = urlsplit(address).path.strip("/")
    return f"{path}/index.md" if f"{path}/index.md" in pages else f"{path}.md"


def tabs(pages: dict[str, str], path: str) -> list[dict[str, str]]:
    """The tab row of a page: each tab's label, the page it leads to, its anchor and mark."""
    found = []
    for tab in TAB.finditer(pages[path]):
        address = urljoin("/" + page_url(path), tab["href"])
        found.append({"label": tab["label"], "page": source_of(pages, address),
                      "anchor": urlsplit(address).fragment, "current": tab["current"].strip()})
    return found


def pages_of(pages: dict[str, str], slug: str) -> list[str]:
    return [path for path in pages if path.startswith(f"challenges/{slug}/")]


@pytest.mark.parametrize(("slug", "labels"), [
    ("winter-menu-2026", ["Overview", "Ideas", "Leaderboard", "Vote audit", "Insights",
                          "Results"]),
    ("zero-waste-packaging", ["Overview", "Ideas", "Leaderboard", "Vote audit", "Insights"]),
    ("suggestion-box", ["Overview", "Ideas", "Leaderboard", "Vote audit", "Insights"]),
    # Ideas are in, but voting opens in 2028: no leaderboard yet, and no vote cast.
    ("neighbourhood-events", ["Overview", "Ideas", "Insights"]),
    ("local-sourcing-2028", ["Overview"]),  # upcoming: nothing but its brief
])
def test_a_challenge_shows_a_tab_for_each_page_with_something_on_it(
        example: tuple[Planner, dict[str, str]], slug: str, labels: list[str]) -> None:
    _, pages = example
    assert [tab["label"] for tab in tabs(pages, f"challenges/{slug}/index.md")] == labels


@pytest.mark.parametrize("slug", CHALLENGES)
def test_every_page_of_a_challenge_carries_its_tabs_back_to_it_and_marks_itself(
        example: tuple[Planner, dict[str, str]], slug: str) -> None:
    _, pages = example
    overview = f"challenges/{slug}/index.md"
    row = [(tab["label"], tab["page"], tab["anchor"]) for tab in tabs(pages, overview)]
    assert len(pages_of(pages, slug)) >= 4
    for path in pages_of(pages, slug):
        here = tabs(pages, path)
        assert [(tab["label"], tab["page"], tab["anchor"]) for tab in here] == row, path
        assert here[0]["page"] == overview  # the way back
        marked = {tab["label"]: tab["current"] for tab in here if tab["current"]}
        if "/ideas/" in path:  # an idea is one of the Ideas tab's
            assert marked == {"Ideas": 'aria-current="true"'}, path
        elif any(tab["page"] == path and not tab["anchor"] for tab in here):
            label = next(tab["label"] for tab in here if tab["page"] == path and not tab["anchor"])
            assert marked == {label: 'aria-current="page"'}, path
        else:  # a page with nothing to show yet: reachable, but not a tab
            assert marked == {}, path


@pytest.mark.parametrize("slug", CHALLENGES)
def test_no_tab_leads_to_an_empty_page(example: tuple[Planner, dict[str, str]],
                                       slug: str) -> None:
    _, pages = example
    for tab in tabs(pages, f"challenges/{slug}/index.md"):
        page = pages[tab["page"]]
        assert 'class="cc-empty"' not in page, tab
        if tab["label"] in ("Leaderboard", "Vote audit"):
            assert "<table" in page, tab  # (with data-pagefind-ignore: the search skips it)
        if tab["anchor"]:  # the section of the overview page, with its gallery
            assert f"## {tab['label']}\n" in page and tab["anchor"] == tab["label"].lower()
            assert 'class="cc-card cc-idea"' in page


def voting_step_opens(planner: Planner, slug: str) -> str:
    """The first day of voting, in words, as the challenge's timeline works it out."""
    step = next(step for step in planner.timeline_steps(slug) if step["stage"] is Stage.VOTING)
    return planner.standings.lang.day(step["first"])


def test_the_pages_left_out_of_the_tabs_say_why_they_are_empty(
        example: tuple[Planner, dict[str, str]]) -> None:
    planner, pages = example
    for slug in ("neighbourhood-events", "local-sourcing-2028"):
        day = voting_step_opens(planner, slug)
        leaderboard = pages[f"challenges/{slug}/leaderboard.md"]
        assert (f'<p class="cc-empty">Voting opens on {day}; the leaderboard fills then.</p>'
                in leaderboard)
        assert "<table" not in leaderboard
        audit = pages[f"challenges/{slug}/audit.md"]
        assert (f'<p class="cc-empty">Voting opens on {day}; every vote cast appears here then,'
                " counted or not.</p>" in audit)
        assert "<table" not in audit


@pytest.mark.parametrize("ballots", ["none", "every vote taken back"])
def test_a_vote_audit_with_no_vote_cast_says_so_and_leaves_the_tabs(portal: Path,
                                                                    ballots: str) -> None:
    for ballot in (portal / "challenges/suggestion-box/votes").iterdir():
        if ballots == "none":
            ballot.unlink()
        else:
            text = ballot.read_text("utf-8")
            ballot.write_text(text[:text.index("votes:")] + "votes: []\n", "utf-8")
    _, pages = plan(portal)
    audit = pages["challenges/suggestion-box/audit.md"]
    assert audit.count('<p class="cc-empty">No votes cast yet.</p>') == 2  # counted, and not
    assert "<table" not in audit
    labels = [tab["label"] for tab in tabs(pages, "challenges/suggestion-box/index.md")]
    assert labels == ["Overview", "Ideas", "Leaderboard", "Insights"]  # voting is open


def test_the_contributors_page_of_a_portal_nobody_has_joined_says_who_will_be_there(
        portal: Path) -> None:
    for slug in CHALLENGES[:-1]:
        shutil.rmtree(portal / "challenges" / slug)
    brief = portal / "challenges/local-sourcing-2028/challenge.yml"
    brief.write_text(re.sub(r"^jury:\n(  - .*\n)+", "", brief.read_text("utf-8"), flags=re.M),
                     "utf-8")
    planner, pages = plan(portal)
    assert planner.standings.people == {}
    people = pages["people/index.md"]
    assert ('<p class="cc-empty">No one has taken part yet: whoever submits an idea, votes or'
            " judges appears here.</p>") in people
    assert "<table>" not in people


@pytest.mark.parametrize(("path", "section"), [
    ("challenges/winter-menu-2026/index.md", "challenges/index.md"),
    ("challenges/winter-menu-2026/leaderboard.md", "challenges/index.md"),
    ("challenges/winter-menu-2026/ideas/12.md", "challenges/index.md"),
    ("people/ines-duarte.md", "people/index.md"),
    ("challenges/index.md", None),  # listed itself: the theme marks it
    ("about.md", None),
    ("guides/setup/install.md", "guides/index.md"),  # the nearest listed folder above
])
def test_a_page_outside_the_navigation_lights_up_the_entry_it_belongs_under(
        path: str, section: str | None) -> None:
    listed = {"index.md", "challenges/index.md", "people/index.md", "about.md",
              "guides/index.md"}
    assert listed_section(path, listed) == section


def test_with_no_challenges_entry_in_the_navigation_nothing_lights_up() -> None:
    assert listed_section("challenges/winter-menu-2026/ideas/12.md", {"index.md"}) is None


ACTIVE = re.compile(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]*)"')


def test_the_built_site_lights_up_one_entry_on_every_page(built_site: Path) -> None:
    """Challenges on a challenge's pages, Contributors on the people's, each page of the
    navigation itself; and never an entry left lit from the page built before. An idea's
    page and a person's have no navigation at all, nor a button for its drawer."""
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text("utf-8")
        address = page.parent.relative_to(built_site).as_posix()
        detail = re.fullmatch(r"challenges/[^/]+/ideas/[^/]+|people/[^/]+", address)
        assert ("md-sidebar" not in html) == bool(detail), address
        assert ('class="md-header__button md-icon" for="__drawer"' in html) != bool(detail)
        if detail:
            continue
        lit = [urljoin(f"/{address}/".replace("//", "/"), href) for href in ACTIVE.findall(html)]
        if address.startswith("challenges/"):
            assert lit == ["/challenges/"], address
        elif address.startswith("people/"):
            assert lit == ["/people/"], address
        else:
            assert html.count("md-nav__item--active") <= 1, address
