"""A voter is a GitHub account, not a spelling: one account, one ballot, one vote per idea.

GitHub logins are case-insensitive and can be renamed; an account's id never
changes. Issue 16, problems 3 (ballots under other spellings of one login) and
4 (a renamed account voting again), against the zero-waste challenge of the
example: budget voting, 5 points, at most 3 on one idea.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.catalog import Source, load_catalog
from generator.cli import cli
from generator.loader import parse_yaml
from generator.models import Ballot
from generator.tally import tally_challenge

from .conftest import EXAMPLE_NOW, LOOPBACK_TOKEN
from .fake_github import OLD_ACCOUNT, FakeGitHub

CHALLENGE = "zero-waste-packaging"
VOTES = f"challenges/{CHALLENGE}/votes"
IN_WINDOW = "2026-11-15T10:00:00Z"
Write = Callable[[str, str], Path]


def ballot(voter: str, *, account: int | None = None, idea: str = "37", points: int = 2,
           via: str = "ballot", at: str = "2026-11-21T10:00:00Z") -> str:
    lines = [f"voter: {voter}"]
    if account is not None:
        lines.append(f"account_id: {account}")
    lines += [f"account_created: {OLD_ACCOUNT}", "votes:", f"  - idea: '{idea}'",
              f"    at: {at}", f"    via: {via}", f"    points: {points}"]
    return "\n".join(lines) + "\n"


def validate(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                      "validate"])
    return result.exit_code, result.stderr.splitlines()[:-1]


# -- problem 3: one voter, many ballots by spelling -----------------------------------------

@pytest.fixture
def base(portal: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "base"
    shutil.copytree(portal, copy)
    return copy


def check_pr(portal: Path, base: Path, author: str, github: FakeGitHub) -> Result:
    return CliRunner().invoke(
        cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(), "votes", "check-pr",
              "--base", str(base), "--author", author],
        env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url})


def test_ballots_under_other_spellings_of_the_authors_login_are_refused_by_check_pr(
        portal: Path, base: Path, github: FakeGitHub) -> None:
    for spelling in ("Lucy-Cho", "LUCY-CHO"):  # GitHub answers each as lucy-cho
        (portal / VOTES / f"{spelling}.yml").write_text(ballot(spelling), "utf-8")
    result = check_pr(portal, base, "lucy-cho", github)
    assert result.exit_code == 1, result.output
    for spelling in ("Lucy-Cho", "LUCY-CHO"):  # each beside her own ballot, lucy-cho.yml
        assert f"{VOTES}/{spelling}.yml" in result.output
    assert "belong to one GitHub account" in result.output


def test_ballots_under_other_spellings_of_one_login_are_a_validate_error_naming_both(
        portal: Path, write: Write) -> None:
    write(f"{VOTES}/Lucy-Cho.yml", ballot("Lucy-Cho"))
    code, problems = validate(portal)
    assert code == 1
    assert problems == [
        f"{VOTES}/lucy-cho.yml:2: this ballot and {VOTES}/Lucy-Cho.yml belong to one GitHub "
        "account (a login that differs only in case), and one account votes once — keep one "
        "ballot per account, named after its login exactly as GitHub spells it: move the "
        "votes you mean into it and delete the other file"]


def test_the_tally_counts_one_ballot_of_an_account_with_several_spellings(
        portal: Path) -> None:
    # validate refuses such a portal; the tally still never counts the account twice
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    folder = catalog.challenges[CHALLENGE]
    before = tally_challenge(folder, catalog).by_id()["37"].votes
    for spelling, at in (("Lucy-Cho", "2026-11-21T10:00:00Z"),
                         ("LUCY-CHO", "2026-11-20T10:00:00Z")):
        document = parse_yaml(ballot(spelling, at=at), f"{VOTES}/{spelling}.yml")
        folder.ballots[spelling] = Source(Ballot.model_validate(document.data), document)
    tally = tally_challenge(folder, catalog)
    # lucy-cho's own ballot (her votes of 6 November) is set aside for the latest one
    assert tally.by_id()["37"].votes == before + 2
    set_aside = sorted((e.voter, e.idea) for e in tally.excluded
                       if e.reason == "another ballot of the same account counts")
    assert set_aside == [("LUCY-CHO", "37"), ("lucy-cho", "35"), ("lucy-cho", "38")]


# -- problem 4: renaming an account votes again ---------------------------------------------

LOGINS = ("amelie-roux", "amelie-r", "amelie-bakes", "a-roux", "roux-amelie")
AMELIE = 4_242_424


def test_forgetting_a_former_login_removes_the_renamed_voters_ballot(portal: Path,
                                                                    write: Write) -> None:
    write(f"{VOTES}/lucy-bakes.yml", ballot("lucy-bakes", account=AMELIE) + (
        "former_logins:\n  - lucy-old\n"))
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "forget", "lucy-old"])
    assert result.exit_code == 0, result.output
    assert not (portal / VOTES / "lucy-bakes.yml").exists()
