"""`cocreate forget`: after it, a rebuilt site holds no trace of the login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from generator.cli.main import cli
from generator.models import Ballot, Challenge, Discussion, Idea, Scorecard
from generator.portal.loader import read_yaml
from generator.portal.reading import load_catalog
from generator.portal.writer import dump_yaml
from tests.support import EXAMPLE_NOW


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
    # and its comment count: the vote sync's file names ideas that exist
    assert packaging.discussion is not None
    assert [entry.idea for entry in packaging.discussion.model.ideas] == [
        "35", "37", "40", "42", "49"]
    assert "rewrote challenges/zero-waste-packaging/comments.yml" in result.output
    # idea 13 stays, as ghost's: idea 19 is marked a duplicate of it
    assert catalog.challenges["winter-menu-2026"].ideas["13"].model.author == "ghost"
    assert "kept challenges/winter-menu-2026/ideas/13.yml as ghost's" in result.output


def test_a_forgotten_juror_becomes_a_former_juror_without_comments(portal: Path) -> None:
    run(portal, "forget", "marta-okafor")
    winter = load_catalog(portal, now=EXAMPLE_NOW).challenges["winter-menu-2026"]
    assert "former-juror-1" in winter.challenge.jury
    card = winter.scorecards["former-juror-1"].model
    assert card.scores and all(score.comment is None for score in card.scores)


# Every kind of data file, and the model its JSON Schema comes from.
KINDS: dict[str, type[BaseModel]] = {"challenge.yml": Challenge, "ideas": Idea,
                                     "reviews": Scorecard, "votes": Ballot,
                                     "comments.yml": Discussion}
PLANTED = "lucy-cho"


def is_text(schema: dict[str, Any]) -> bool:
    """A string the schema holds to no pattern, format or list of values: text people write."""
    return schema.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(
        schema)


def resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def text_paths(schema: dict[str, Any], defs: dict[str, Any], path: str = "") -> set[str]:
    """Where text can be in a file, read from its JSON Schema rather than from our code."""
    schema = resolve(schema, defs)
    if is_text(schema):
        return {path}
    found: set[str] = set()
    for arm in schema.get("anyOf", []):
        found |= text_paths(arm, defs, path)
    for name, inner in schema.get("properties", {}).items():
        found |= text_paths(inner, defs, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        found |= text_paths(schema["items"], defs, f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        found |= text_paths(schema["additionalProperties"], defs, f"{path}{{}}")
    return found


def plant(data: Any, schema: dict[str, Any], defs: dict[str, Any], path: str,
          planted: set[str]) -> Any:
    """`data` with the login written into every text in it, and into every text left out."""
    schema = resolve(schema, defs)
    arms = [resolve(arm, defs) for arm in schema.get("anyOf", [])]
    if arms:
        text_arm = next((arm for arm in arms if is_text(arm)), None)
        if text_arm is not None and (data is None or isinstance(data, str)):
            schema = text_arm
        else:
            schema = next((arm for arm in arms if arm.get("type") != "null"), schema)
    if is_text(schema):
        planted.add(path)
        return f"Ask @{PLANTED}" if data is None else f"{data} @{PLANTED}"
    if isinstance(data, dict) and "properties" in schema:
        return {name: plant(data.get(name), inner, defs, f"{path}.{name}", planted)
                for name, inner in schema["properties"].items()
                if name in data or is_text(resolve(inner, defs)) or any(
                    is_text(resolve(arm, defs)) for arm in inner.get("anyOf", []))}
    if isinstance(data, dict) and isinstance(schema.get("additionalProperties"), dict):
        return {key: plant(value, schema["additionalProperties"], defs, f"{path}{{}}", planted)
                for key, value in data.items()}
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        return [plant(item, schema["items"], defs, f"{path}[]", planted) for item in data]
    return data


def plant_everywhere(portal: Path) -> dict[str, set[str]]:
    """Write the login into every text field of every file; where each kind got it."""
    planted: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for file in sorted((portal / "challenges").rglob("*.yml")):
        kind = file.name if file.name in KINDS else file.parent.name
        schema = KINDS[kind].model_json_schema()
        data = read_yaml(file, file.name).data
        data = plant(data, schema, schema.get("$defs", {}), "", planted[kind])
        file.write_text(dump_yaml(data), "utf-8")
    return planted


def test_forget_erases_the_login_from_every_text_field_of_every_file(portal: Path) -> None:
    planted = plant_everywhere(portal)
    for kind, model in KINDS.items():
        schema = model.model_json_schema()
        # the example holds every kind of text somewhere, so the login is in every field
        assert planted[kind] == text_paths(schema, schema.get("$defs", {})), kind
    assert load_catalog(portal, now=EXAMPLE_NOW)  # still a valid portal
    result = run(portal, "forget", PLANTED)
    assert result.exit_code == 0, result.output
    assert traces(portal / "challenges", PLANTED) == []
    built = run(portal, "build", "--site-dir", str(portal / "site"))
    assert built.exit_code == 0, built.output
    assert traces(portal / "site", PLANTED) == []


def test_forgetting_someone_leaves_others_ballots_without_votes_alone(portal: Path) -> None:
    empty = portal / "challenges/zero-waste-packaging/votes/olivia-grant.yml"
    empty.write_text("voter: olivia-grant\naccount_created: 2018-04-02T08:00:00Z\n", "utf-8")
    result = run(portal, "forget", "lucy-cho")
    assert result.exit_code == 0, result.output
    assert empty.read_text("utf-8") == (
        "voter: olivia-grant\naccount_created: 2018-04-02T08:00:00Z\n")


def test_forget_edits_only_the_lines_it_must(portal: Path) -> None:
    file = portal / "challenges/neighbourhood-events/challenge.yml"
    before = file.read_text("utf-8").replace("jury:\n", "# who scores, and why them\njury:\n")
    before = before.replace("  - kofi-mensah\n", "  - kofi-mensah  # Kofi Mensah, our baker\n")
    file.write_text(before, "utf-8")
    assert "    weight: 2\n" in before and "\n# " in before
    result = run(portal, "forget", "kofi-mensah")
    assert result.exit_code == 0, result.output
    # kofi-mensah was a juror: only his line changes, the comment beside it with it;
    # other comments and `weight: 2` stay
    assert file.read_text("utf-8") == before.replace(
        "  - kofi-mensah  # Kofi Mensah, our baker\n", "  - former-juror-1\n")


def test_forget_of_a_login_the_portal_does_not_hold_changes_nothing_and_says_so(
        portal: Path) -> None:
    files = {path: path.read_bytes() for path in (portal / "challenges").rglob("*.yml")}
    result = run(portal, "forget", "lucy-choo")
    assert result.exit_code == 1
    assert result.output == ("Error: lucy-choo is in none of the portal's files: nothing was "
                             "changed — check the spelling of the login\n")
    assert {path: path.read_bytes() for path in (portal / "challenges").rglob("*.yml")} == files
