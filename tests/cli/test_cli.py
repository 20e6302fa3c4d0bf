"""The command line as a public interface: exit codes, outputs, schemas, scaffolding, docs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.portal.loader import read_yaml
from generator.portal.reading import load_catalog
from generator.portal.schemas import SCHEMAS, render_schema
from tests.support import EXAMPLE, EXAMPLE_NOW, REPO


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(), *args])


@pytest.mark.parametrize("args", [["no-such-command"], ["tally", "--format", "xml"],
                                  ["--now", "next tuesday", "validate"], ["new", "challenge"]])
def test_usage_errors_exit_2(portal: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--root", str(portal), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_a_portal_without_challenges_is_a_problem_not_a_traceback(portal: Path) -> None:
    (portal / "challenges").rename(portal / "elsewhere")
    (portal / "challenges").write_text("not a folder")
    result = run(portal, "--verbose", "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "challenges: is not a folder — make it a folder of challenges; `cocreate new challenge "
        "SLUG` starts one",
        "1 problem in 1 file",
    ]


def test_the_committed_schemas_are_up_to_date() -> None:
    for name in SCHEMAS:
        committed = (EXAMPLE / "content" / "schemas" / f"{name}.schema.json").read_text("utf-8")
        assert committed == render_schema(name), \
            f"run `cocreate --root tests/fixtures/example schema` to refresh {name}"


def test_schema_writes_one_valid_json_schema_per_file_type(tmp_path: Path, portal: Path) -> None:
    out = tmp_path / "schemas"
    result = run(portal, "schema", "--out", str(out))
    assert result.exit_code == 0
    written = sorted(path.name for path in out.iterdir())
    assert written == ["ballot.schema.json", "challenge.schema.json", "comments.schema.json",
                       "idea.schema.json", "scorecard.schema.json"]
    idea = json.loads((out / "idea.schema.json").read_text("utf-8"))
    assert idea["additionalProperties"] is False
    assert {"title", "author", "segment", "submitted"} <= set(idea["required"])


def test_every_example_file_points_at_its_schema() -> None:
    pointers = {"challenge.yml": "../../content/schemas/challenge.schema.json",
                "comments.yml": "../../content/schemas/comments.schema.json",
                "ideas": "../../../content/schemas/idea.schema.json",
                "votes": "../../../content/schemas/ballot.schema.json",
                "reviews": "../../../content/schemas/scorecard.schema.json"}
    files = sorted((EXAMPLE / "challenges").rglob("*.yml"))
    assert files
    for file in files:
        pointer = pointers[file.name if file.parent.parent.name == "challenges"
                           else file.parent.name]
        first = file.read_text("utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={pointer}", file
        assert (file.parent / pointer).resolve().is_file()


def test_new_challenge_scaffolds_a_valid_commented_challenge(portal: Path) -> None:
    result = run(portal, "new", "challenge", "coffee-club", "--title", "A coffee club: what's in?")
    assert result.exit_code == 0, result.output
    text = (portal / "challenges/coffee-club/challenge.yml").read_text("utf-8")
    assert text.count("\n# ") >= 8  # every section is explained
    assert "ideas_open: 2026-11-22" in text
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    assert catalog.challenges["coffee-club"].challenge.title == "A coffee club: what's in?"
    assert catalog.stage_of("coffee-club").value == "ideas-open"
    assert run(portal, "validate").exit_code == 0


@pytest.mark.parametrize("slug", ["../escape", "Coffee Club", "a..b", "-x", "winter-menu-2026"])
def test_new_challenge_refuses_unsafe_or_taken_names(portal: Path, slug: str) -> None:
    before = sorted(path.name for path in (portal / "challenges").iterdir())
    result = run(portal, "new", "challenge", slug)
    assert result.exit_code == 2
    assert sorted(path.name for path in (portal / "challenges").iterdir()) == before


def test_tally_json_has_the_published_keys_and_counts_the_ballots(portal: Path) -> None:
    result = run(portal, "tally", "winter-menu-2026", "--format", "json")
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    tally = json.loads(line)
    assert tally["challenge"] == "winter-menu-2026"
    assert {"challenge", "ideas", "excluded"} <= set(tally)
    folder = portal / "challenges/winter-menu-2026"
    expected: dict[str, set[str]] = {}
    for ballot in (folder / "votes").glob("*.yml"):
        data = read_yaml(ballot, ballot.name).data
        for vote in data.get("votes") or []:
            expected.setdefault(vote["idea"], set()).add(data["voter"])
    # Approval voting: every voter of an idea is either counted or listed with a reason.
    counted = {idea["id"]: idea["votes"] for idea in tally["ideas"]}
    left_out = {path.stem: {e["voter"] for e in tally["excluded"] if e["idea"] == path.stem}
                for path in (folder / "ideas").glob("*.yml")}
    assert {idea: counted[idea] + len(voters) for idea, voters in left_out.items()} == {
        path.stem: len(expected.get(path.stem, set())) for path in (folder / "ideas").glob("*.yml")}
    assert {e["reason"] for e in tally["excluded"]} == {
        "account too new", "idea not open for votes", "self-vote"}
    assert [idea["rank"] for idea in tally["ideas"]] == list(range(1, len(counted) + 1))
    scores = [idea["score"] for idea in tally["ideas"]]
    assert scores == sorted(scores, reverse=True)
    for idea in tally["ideas"]:
        assert {"id", "title", "votes", "jury", "score", "rank"} <= set(idea)


def test_tally_csv_and_table_agree_with_json(portal: Path) -> None:
    tallies = [json.loads(line) for line in run(portal, "tally", "--format", "json")
               .stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(run(portal, "tally", "--format", "csv").stdout)))
    assert [(row["challenge"], row["id"], int(row["votes"])) for row in rows] == [
        (tally["challenge"], idea["id"], idea["votes"]) for tally in tallies
        for idea in tally["ideas"]]
    table = run(portal, "tally").stdout
    for tally in tallies:
        assert tally["challenge"] in table


def test_tally_of_an_unknown_challenge_is_a_usage_error(portal: Path) -> None:
    result = run(portal, "tally", "no-such-challenge")
    assert result.exit_code == 2
    assert "the challenges are:" in result.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    names = []
    for name, command in cli.commands.items():
        subcommands = getattr(command, "commands", None)
        names += [f"{name} {sub}" for sub in subcommands] if subcommands else [name]
    for name in names:
        assert re.search(rf"`cocreate {name}\b", readme), f"README does not document {name}"


def every_command() -> list[tuple[str, ...]]:
    names: list[tuple[str, ...]] = []
    for name, command in cli.commands.items():
        subcommands = getattr(command, "commands", None)
        names += [(name, sub) for sub in subcommands] if subcommands else [(name,)]
    return names


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_every_help_ends_with_an_example_of_that_command(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"], prog_name="cocreate")
    assert result.exit_code == 0, result.output
    examples = result.output.split("\n  Examples:\n")[1].splitlines()
    assert examples and all(" ".join(("cocreate", *command)) in line for line in examples)


def test_global_options_come_before_or_after_the_command(portal: Path) -> None:
    voting = "2026-05-15T12:00:00+00:00"  # the winter menu still voting: another tally
    before = CliRunner().invoke(cli, ["--root", str(portal), "--now", voting, "tally",
                                      "--format", "json"])
    after = CliRunner().invoke(cli, ["tally", "--format", "json", "--root", str(portal),
                                     "--now", voting])
    assert before.exit_code == after.exit_code == 0, after.output
    assert after.stdout == before.stdout
    assert after.stdout != run(portal, "tally", "--format", "json").stdout
    nested = CliRunner().invoke(cli, ["new", "challenge", "tea-club", "--root", str(portal),
                                      "--now", "2027-05-02"])
    assert nested.exit_code == 0, nested.output
    assert "ideas_open: 2027-05-02" in (portal / "challenges/tea-club/challenge.yml").read_text(
        "utf-8")
    wrong = CliRunner().invoke(cli, ["validate", "--root", str(portal), "--now", "soon"])
    assert wrong.exit_code == 2 and "'soon' is not a date-time" in wrong.output


def test_version_names_the_installed_release() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(cli, ["--version"], prog_name="cocreate")
    assert result.exit_code == 0
    assert result.output == f"cocreate {version('cocreate')}\n"
