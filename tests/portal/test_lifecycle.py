"""`cocreate status`: an idea moves along its life, with an official answer at each step."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    file = portal / "challenges/winter-menu-2026/ideas/15.yml"  # its prize is given back
    file.write_text(file.read_text("utf-8").replace("prize: £150 to spend at Crumb & Kettle\n",
                                                    ""), "utf-8")
    result = status(portal, "winter-menu-2026/16", "shortlisted", "--note", "Second place.",
                    "--prize", "£150 to spend at Crumb & Kettle")
    assert result.exit_code == 0, result.output
    assert idea(portal, "winter-menu-2026", "16").prize == "£150 to spend at Crumb & Kettle"


@pytest.mark.parametrize(("arguments", "said"), [
    (["48", "shortlisted", "--note", ""],
     "Error: the official answer is empty — write it with --note"),
    (["48", "shortlisted", "--note", "Yes\u0007"],
     "Error: --note contains the control character U+0007 — retype the text without it"),
    (["48", "duplicate", "--of", "48", "--note", "Same."],
     "Error: --of 48: an idea cannot be a duplicate of itself"),
    (["48", "duplicate", "--of", "9", "--note", "Same."],
     "Error: --of 9: no such idea in neighbourhood-events (its ideas: 48, 50, 51, 53)"),
    (["48", "shortlisted", "--note", "Yes.", "--prize", "£100 of flour"],
     "Error: --prize: neighbourhood-events is at the ideas-open stage; prizes go to winners "
     "once voting has closed"),
    (["winter-menu-2026/16", "shortlisted", "--note", "Yes.", "--prize", "£100 of flour"],
     "Error: --prize “£100 of flour” is not a prize of winter-menu-2026 — give one of its "
     "prizes exactly: “£300 and your bake on the winter menu”; "
     "“£150 to spend at Crumb & Kettle”; “A month of free coffee”"),
    (["winter-menu-2026/16", "shortlisted", "--note", "Yes.", "--prize",
      "A month of free coffee"],
     "Error: --prize “A month of free coffee” already went to winter-menu-2026/13"),
    (["winter-menu-2026/16", "declined", "--note", "No.", "--prize", "A month of free coffee"],
     "Error: --prize: a declined idea wins no prize"),
])
def test_a_change_that_cannot_stand_is_refused_in_a_sentence_and_writes_nothing(
        portal: Path, arguments: list[str], said: str) -> None:
    files = {path: path.read_bytes() for path in (portal / "challenges").rglob("*.yml")}
    result = status(portal, *arguments)
    assert result.exit_code == 1
    assert result.output.startswith(said), result.output
    assert "validation error" not in result.output and "pydantic" not in result.output
    assert {path: path.read_bytes() for path in (portal / "challenges").rglob("*.yml")} == files


def test_a_change_rewrites_only_its_own_lines_and_keeps_comments(portal: Path) -> None:
    file = portal / "challenges/neighbourhood-events/ideas/48.yml"
    before = file.read_text("utf-8").replace(
        "segment: employee\n", "# asked at the counter\nsegment: employee  # she works here\n")
    file.write_text(before, "utf-8")
    result = status(portal, "48", "shortlisted", "--note", "The jury will try a class.")
    assert result.exit_code == 0, result.output
    after = file.read_text("utf-8")
    added = ("  - status: shortlisted\n    at: 2026-11-22T12:00:00Z\n"
             "    answer: The jury will try a class.\n    by: dev-patel\n")
    assert after == before.replace("status: published\nhistory:", "status: shortlisted\nhistory:"
                                   ).replace("issue: 48\n", added + "issue: 48\n")


def test_the_first_change_of_an_idea_as_the_intake_wrote_it_adds_status_then_history(
        portal: Path) -> None:
    """The intake leaves out `status: submitted` (the default): the change adds both keys,
    in the model's order, above `issue`."""
    file = portal / "challenges/neighbourhood-events/ideas/51.yml"
    before = file.read_text("utf-8").replace("status: submitted\n", "")
    file.write_text(before, "utf-8")
    result = status(portal, "51", "published", "--note", "Thank you, Tom.")
    assert result.exit_code == 0, result.output
    assert file.read_text("utf-8") == before.replace("issue: 51\n", (
        "status: published\nhistory:\n  - status: published\n    at: 2026-11-22T12:00:00Z\n"
        "    answer: Thank you, Tom.\n    by: dev-patel\nissue: 51\n"))


def test_an_unknown_idea_is_named(portal: Path) -> None:
    result = status(portal, "999", "published", "--note", "Hi")
    assert "no idea '999' — give its number, or CHALLENGE/NUMBER" in result.output


def test_final_statuses_lead_nowhere_and_every_open_status_can_end() -> None:
    for final in (Status.IMPLEMENTED, Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN):
        assert TRANSITIONS[final] == set()
    for start, nexts in TRANSITIONS.items():
        if not start.is_final:
            assert Status.DECLINED in nexts and Status.WITHDRAWN in nexts
