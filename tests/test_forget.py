"""`cocreate forget`: after it, a rebuilt site holds no trace of the login."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.catalog import load_catalog
from generator.cli import cli

from .conftest import EXAMPLE_NOW


def run(portal: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    *arguments])


def traces(folder: Path, login: str) -> list[str]:
    return [str(path.relative_to(folder)) for path in folder.rglob("*")
            if path.is_file() and login.lower() in path.read_text("utf-8", "ignore").lower()]


@pytest.mark.parametrize("login", ["lucy-cho", "marta-okafor", "kofi-mensah"])
def test_a_rebuilt_site_has_no_trace_of_the_login(portal: Path, login: str) -> None:
    assert traces(portal / "challenges", login)
    result = run(portal, "forget", login)
    assert result.exit_code == 0, result.output
    assert traces(portal / "challenges", login) == []
    built = run(portal, "build", "--site-dir", str(portal / "site"))
    assert built.exit_code == 0, built.output
    assert traces(portal / "site", login) == []


def test_ideas_stay_as_ghost_unless_removed(portal: Path) -> None:
    run(portal, "forget", "lucy-cho")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    assert catalog.challenges["zero-waste-packaging"].ideas["34"].model.author == "ghost"
    assert "lucy-cho" not in catalog.challenges["zero-waste-packaging"].ballots


def test_removing_ideas_takes_their_votes_and_scores_with_them(portal: Path) -> None:
    result = run(portal, "forget", "lucy-cho", "--remove-ideas")
    assert result.exit_code == 0, result.output
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    packaging = catalog.challenges["zero-waste-packaging"]
    assert "34" not in packaging.ideas
    assert all(vote.idea != "34" for ballot in packaging.ballots.values()
               for vote in ballot.model.votes)
    # idea 13 stays, as ghost's: idea 19 is marked a duplicate of it
    assert catalog.challenges["winter-menu-2026"].ideas["13"].model.author == "ghost"
    assert "kept challenges/winter-menu-2026/ideas/13.yml as ghost's" in result.output


def test_a_forgotten_juror_becomes_a_former_juror_without_comments(portal: Path) -> None:
    run(portal, "forget", "marta-okafor")
    winter = load_catalog(portal, now=EXAMPLE_NOW).challenges["winter-menu-2026"]
    assert "former-juror-1" in winter.challenge.jury
    card = winter.scorecards["former-juror-1"].model
    assert card.scores and all(score.comment is None for score in card.scores)
