"""Voting that opens some days after ideas close: the page shows the pause, and `/vote`
says the same as the page."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
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
