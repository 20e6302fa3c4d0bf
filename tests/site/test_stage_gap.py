"""Voting that opens some days after ideas close: the page shows the pause, and `/vote`
says the same as the page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.i18n import language
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import EXAMPLE_NOW
from tests.support.github_material import comment_event, write_event

CHALLENGE = "challenges/neighbourhood-events/challenge.yml"


def pause_voting(portal: Path) -> None:
    """Ideas closed on 15 November; voting opens on 1 December (the clock: 22 November)."""
    file = portal / CHALLENGE
    text = file.read_text("utf-8").replace("  ideas_close: 2028-01-15\n",
                                           "  ideas_close: 2026-11-15\n"
                                           "  voting_open: 2026-12-01\n")
    file.write_text(text, "utf-8")


def timeline_of(portal: Path) -> str:
    planner = Planner(load_catalog(portal, now=EXAMPLE_NOW), make_environment())
    [page] = [spec.source() for spec in planner.plan()
              if spec.path == "challenges/neighbourhood-events/index.md"]
    found = re.search(r'<ol class="cc-timeline">(.*?)</ol>', page, re.DOTALL)
    assert found
    return re.sub(r"<[^>]+>", "", found[1])


def test_the_pause_between_ideas_and_voting_shows_when_voting_opens(portal: Path) -> None:
    pause_voting(portal)
    steps = [line.strip() for line in timeline_of(portal).splitlines() if line.strip()]
    assert steps[1] == "Voting — voting opens on 1 December 2026 1 December 2026 – 15 February 2028"
    assert not any("— now" in step for step in steps)
    assert steps[0].startswith("Ideas open ") and steps[0].endswith("– 15 November 2026")


def test_without_a_pause_voting_is_now(portal: Path) -> None:
    file = portal / CHALLENGE
    file.write_text(file.read_text("utf-8").replace("  ideas_close: 2028-01-15\n",
                                                    "  ideas_close: 2026-11-15\n"), "utf-8")
    steps = [line.strip() for line in timeline_of(portal).splitlines() if line.strip()]
    assert steps[1] == "Voting — now 16 November 2026 – 15 February 2028"


def test_a_vote_in_the_pause_is_refused_with_the_day_the_page_shows(
        portal: Path, tmp_path: Path) -> None:
    pause_voting(portal)
    event = write_event(tmp_path, comment_event("/vote", number=48,
                                                created="2026-11-22T10:00:00Z"))
    result = CliRunner().invoke(cli, ["votes", "comment", "--event", str(event), "--root",
                                      str(portal), "--now", EXAMPLE_NOW.isoformat()],
                                env={"GITHUB_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert ("your command was not recorded: voting on `Bringing the neighbourhood in` opens "
            "on 1 December 2026, 00:00 (Europe/London)") in result.output
    assert not (portal / "challenges/neighbourhood-events/votes/olivia-grant.yml").exists()


BADGE = re.compile(r'<span class="cc-stage cc-stage--([\w-]+)">([^<]*)</span>')
BADGES = {  # before ideas close, in the pause, once voting opens
    "en": ("Ideas open", "Voting opens 1 December 2026", "Voting"),
    "es": ("Recogida de ideas", "Votación desde el 1 de diciembre de 2026", "Votación"),
    "fr": ("Appel à idées", "Vote à partir du 1 décembre 2026", "Vote"),
}


def badges_at(portal: Path, now: datetime, code: str) -> tuple[tuple[str, str], ...]:
    """The challenge's stage badge on its page's header and on its card, and its days left."""
    planner = Planner(load_catalog(portal, now=now), make_environment(None, language(code)))
    pages = {page.path: page for page in planner.pages()}
    header = pages["challenges/neighbourhood-events/index.md"].render(
        "challenges/neighbourhood-events/index.md").source()
    listing = pages["challenges/index.md"].render("challenges/index.md").source()
    [card] = [card for card in listing.split("<article")
              if 'href="../challenges/neighbourhood-events/"' in card
              or 'href="neighbourhood-events/"' in card]
    head = header.split("</p>", 1)[0]
    found = (*BADGE.findall(head), *BADGE.findall(card))
    days = ('class="cc-days"' in head, 'class="cc-days"' in card) if code == "en" else ()
    return (*found, *(("days left", str(shown)) for shown in days))


@pytest.mark.parametrize("code", sorted(BADGES))
def test_the_stage_badge_says_when_voting_opens_in_the_pause_to_the_moment(
        portal: Path, code: str) -> None:
    """Page header and card alike, at the exact boundaries: ideas close on 15 November (so
    the pause starts at midnight, London time), voting opens on 1 December."""
    pause_voting(portal)
    zone = ZoneInfo("Europe/London")
    closed = datetime(2026, 11, 16, tzinfo=zone)
    opens = datetime(2026, 12, 1, tzinfo=zone)
    timeline = load_catalog(portal, now=EXAMPLE_NOW).challenges[
        "neighbourhood-events"].challenge.timeline
    assert (timeline.instant("ideas_close", zone), timeline.instant("voting_open", zone)) == (
        closed, opens)
    ideas, pause, voting = BADGES[code]
    tick = timedelta(microseconds=1)
    for now, (kind, text) in [(closed - tick, ("ideas-open", ideas)),
                              (closed, ("voting-soon", pause)),
                              (opens - tick, ("voting-soon", pause)),
                              (opens, ("voting", voting))]:
        found = badges_at(portal, now, code)
        assert found[:2] == ((kind, text), (kind, text)), now
        if code == "en":  # "N days left" is the current stage's; the pause's badge has the day
            left = str(kind != "voting-soon")
            assert found[2:] == (("days left", left), ("days left", left)), now
