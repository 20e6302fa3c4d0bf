"""`cocreate status`: an idea moves along its life, with an official answer at each step."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.models import Idea, Status
from generator.portal.lifecycle import TRANSITIONS
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW


def status(portal: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    "status", *arguments], env={"GITHUB_ACTOR": "dev-patel"})


def idea(portal: Path, slug: str, idea_id: str) -> Idea:
    return load_catalog(portal, now=EXAMPLE_NOW).challenges[slug].ideas[idea_id].model


def test_a_change_is_recorded_with_its_answer_date_and_author(portal: Path) -> None:
    before = idea(portal, "neighbourhood-events", "48")
    result = status(portal, "48", "shortlisted", "--note", "The jury will try a class.")
    assert result.exit_code == 0, result.output
    after = idea(portal, "neighbourhood-events", "48")
    assert after.status is Status.SHORTLISTED
    assert after.history[:-1] == before.history
    last = after.history[-1]
    assert (last.status, last.answer, last.by) == (Status.SHORTLISTED,
                                                   "The jury will try a class.", "dev-patel")
    assert last.at == EXAMPLE_NOW
    assert after.answer == "The jury will try a class."


def test_a_final_status_cannot_change(portal: Path) -> None:
    result = status(portal, "winter-menu-2026/12", "published", "--note", "Again?")
    assert result.exit_code == 1
    assert "winter-menu-2026/12 is implemented; it cannot become published" in result.output


def test_a_duplicate_names_its_original(portal: Path) -> None:
    assert "a duplicate names its original" in status(portal, "48", "duplicate",
                                                      "--note", "Same as 50.").output
    result = status(portal, "48", "duplicate", "--note", "Same as 50.", "--of", "50")
    assert result.exit_code == 0, result.output
    assert idea(portal, "neighbourhood-events", "48").duplicate_of == "50"


def test_a_winner_carries_its_prize(portal: Path) -> None:
    result = status(portal, "48", "piloting", "--note", "First class in January.",
                    "--prize", "£100 of flour")
    assert result.exit_code == 0, result.output
    assert idea(portal, "neighbourhood-events", "48").prize == "£100 of flour"


def test_an_unknown_idea_is_named(portal: Path) -> None:
    result = status(portal, "999", "published", "--note", "Hi")
    assert "no idea '999' — give its number, or CHALLENGE/NUMBER" in result.output


def test_final_statuses_lead_nowhere_and_every_open_status_can_end() -> None:
    for final in (Status.IMPLEMENTED, Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN):
        assert TRANSITIONS[final] == set()
    for start, nexts in TRANSITIONS.items():
        if not start.is_final:
            assert Status.DECLINED in nexts and Status.WITHDRAWN in nexts
