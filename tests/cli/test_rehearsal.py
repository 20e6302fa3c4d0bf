"""Rehearsing without GitHub, as the README tells an owner to: a `/vote` from the README's
event, accounts' ages from the README's file, the tally's table, and the notices."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.portal.loader import read_yaml
from tests.support import EXAMPLE_NOW, REPO

OFFLINE = {"GITHUB_TOKEN": ""}
BALLOT = "challenges/zero-waste-packaging/votes/olivia-grant.yml"


def readme_block(language: str) -> str:
    """The README's example of the rehearsal's `language` block."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("### Rehearsing without GitHub"):]
    found = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert found
    return found[1]


def run(portal: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, [*arguments, "--root", str(portal),
                                    "--now", EXAMPLE_NOW.isoformat()], env=OFFLINE)


def rehearse(portal: Path, tmp_path: Path, accounts: str | None) -> Result:
    (tmp_path / "event.json").write_text(readme_block("json"), "utf-8")
    options = ["--event", str(tmp_path / "event.json")]
    if accounts is not None:
        (tmp_path / "accounts.yml").write_text(accounts, "utf-8")
        options += ["--accounts", str(tmp_path / "accounts.yml")]
    return run(portal, "votes", "comment", *options)


def votes_of(portal: Path, idea: str) -> int:
    [line] = [row for row in run(portal, "tally", "zero-waste-packaging").stdout.splitlines()
              if row.split()[1:2] == [idea]]
    return int(line.split()[2])


def test_a_vote_rehearsed_with_the_readmes_files_counts(portal: Path, tmp_path: Path) -> None:
    before = votes_of(portal, "35")
    result = rehearse(portal, tmp_path, readme_block("yaml"))
    assert result.exit_code == 0, result.output
    assert "would react +1 to comment 1" in result.output
    assert "would reply" not in result.output
    ballot = read_yaml(portal / BALLOT, "b").data
    # a plain day in the portal's time zone (London: summer time in April)
    assert (ballot["account_created"], ballot["account_id"]) == ("2019-04-02T00:00:00+01:00",
                                                                 "2002")
    assert votes_of(portal, "35") == before + 2  # `/vote 2`, in budget voting


def test_an_account_too_young_is_refused_by_its_age_and_the_table_says_why(
        portal: Path, tmp_path: Path) -> None:
    before = run(portal, "tally", "zero-waste-packaging").stdout
    result = rehearse(portal, tmp_path, "olivia-grant: 2026-11-19\n")
    assert result.exit_code == 0, result.output
    assert "does not count: account too new" in result.output
    after = run(portal, "tally", "zero-waste-packaging").stdout
    counts = {text.split("  ")[-1].strip(): int(text.split()[0])
              for text in after.split("not counted:")[1].splitlines()[1:] if text.strip()}
    was = {text.split("  ")[-1].strip(): int(text.split()[0])
           for text in before.split("not counted:")[1].splitlines()[1:] if text.strip()}
    assert counts["account too new"] == was.get("account too new", 0) + 1


def test_without_accounts_the_age_is_unknown(portal: Path, tmp_path: Path) -> None:
    result = rehearse(portal, tmp_path, None)
    assert "does not count: account age unknown" in result.output
    assert "account age unknown" in run(portal, "tally", "zero-waste-packaging").stdout


def test_an_accounts_file_that_cannot_be_read_is_named_at_its_line(
        portal: Path, tmp_path: Path) -> None:
    result = rehearse(portal, tmp_path, "olivia-grant: 2019-04-02\nnew neighbour: soon\n")
    assert result.exit_code == 1
    assert "accounts.yml:2: 'new neighbour' is not a GitHub login" in result.stderr
    assert not (portal / BALLOT).exists()


def test_the_table_counts_every_vote_the_json_leaves_out(portal: Path) -> None:
    import json

    for line in run(portal, "tally", "--format", "json").stdout.splitlines():
        tally = json.loads(line)
        table = run(portal, "tally", tally["challenge"]).stdout
        if not tally["excluded"]:
            assert "not counted" not in table
            continue
        total = int(re.search(r"not counted: (\d+) votes?", table)[1])  # type: ignore[index]
        assert total == len(tally["excluded"])
        for reason in {e["reason"] for e in tally["excluded"]}:
            count = sum(e["reason"] == reason for e in tally["excluded"])
            assert re.search(rf"^\s+{count}  {re.escape(reason)}$", table, re.MULTILINE)
