"""`cocreate new challenge`: a scaffold that writes every field, each explained, in the
portal's language, and that stays valid whichever commented-out part is switched on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from generator.cli.main import cli
from generator.i18n import language
from generator.models import Challenge
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW


def scaffold(portal: Path, code: str = "en") -> str:
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      language: en",
                                                        f"      language: {code}"), "utf-8")
    result = CliRunner().invoke(cli, ["new", "challenge", "tea-club", "--title", "Tea?",
                                      "--root", str(portal), "--now", EXAMPLE_NOW.isoformat()])
    assert result.exit_code == 0, result.output
    return (portal / "challenges/tea-club/challenge.yml").read_text("utf-8")


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field of a model and of the records inside it, as dotted paths."""
    paths = []
    for name, info in model.model_fields.items():
        paths.append(prefix + name)
        inner = info.annotation
        for candidate in (inner, *getattr(inner, "__args__", ())):
            for kind in (candidate, *getattr(candidate, "__args__", ())):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    paths += field_paths(kind, f"{prefix}{name}.")
    return sorted(set(paths))


def written_paths(text: str) -> dict[str, str]:
    """Each key the scaffold writes (commented out or not), by dotted path: the comment
    line just above it."""
    found: dict[str, str] = {}
    parents: list[tuple[int, str]] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        match = re.match(r"^( *)(?:# )?( *)(- )?([a-z_]+):", line)
        if not match or (line.lstrip().startswith("# ") and not re.match(
                r"^ *# ( *- )?[a-z_]+:( |$)", line)):
            continue
        depth = len(match[1]) + len(match[2]) + (2 if match[3] else 0)
        parents = [(d, n) for d, n in parents if d < depth]
        path = ".".join([n for _, n in parents] + [match[4]])
        found.setdefault(path, lines[number - 1])
        parents.append((depth, match[4]))
    return found


def test_every_field_is_written_under_a_comment(portal: Path) -> None:
    written = written_paths(scaffold(portal))
    missing = [path for path in field_paths(Challenge) if path not in written]
    assert missing == []
    assert all(above.lstrip().startswith("# ") and not re.match(r"^ *# ( *- )?[a-z_]+:", above)
               for above in written.values()), written


@pytest.mark.parametrize("code", ["es", "fr"])
def test_the_comments_and_examples_are_in_the_portals_language(portal: Path, code: str) -> None:
    text = scaffold(portal, code)
    lang = language(code)
    for message in ("Community voting. These rules are frozen once voting opens.",
                    "The last day for votes.", "Impact for customers"):
        assert lang.gettext(message) != message
        assert lang.gettext(message) in text
        assert message not in text
    assert f"language: {code}" in text
    assert load_catalog(portal, now=EXAMPLE_NOW).challenges["tea-club"].challenge.title == "Tea?"


def test_the_voting_methods_and_their_keys_are_listed(portal: Path) -> None:
    text = scaffold(portal)
    method = text[text.index("voting:"):text.index("min_account_age_days")]
    for word in ("approval", "budget", "`budget`", "`max_per_idea`"):
        assert word in method
    assert "  method: approval\n" in text
    assert "  # budget: 10\n  # Budget voting only" in text


def uncomment(text: str, key: str) -> str:
    """Switch a commented-out key on, with the keys commented out beneath it."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if re.match(rf"^ *# {key}:", line))
    indent = lines[start].index("#")
    lines[start] = lines[start].replace("# ", "", 1)
    for i in range(start + 1, len(lines)):
        if not lines[i].strip() or lines[i].index("#") <= indent:
            break
        if re.match(r"^ *# ( *- )?[a-z_]+:", lines[i]):
            lines[i] = lines[i].replace("# ", "", 1)
    return "".join(lines)


@pytest.mark.parametrize("keys", [["budget", "max_per_idea"], ["weights"], ["questions"]])
def test_each_commented_part_switched_on_is_still_a_valid_challenge(
        portal: Path, keys: list[str]) -> None:
    file = portal / "challenges/tea-club/challenge.yml"
    text = scaffold(portal)
    for key in keys:
        text = uncomment(text, key)
    if "budget" in keys:
        text = text.replace("method: approval", "method: budget")
    file.write_text(text, "utf-8")
    challenge = load_catalog(portal, now=EXAMPLE_NOW).challenges["tea-club"].challenge
    if "budget" in keys:
        assert (challenge.voting.method, challenge.voting.budget,
                challenge.voting.max_per_idea) == ("budget", 10, 3)
    if "weights" in keys:
        assert challenge.weights is not None and challenge.weights.jury == 0.6
    if "questions" in keys:
        assert [q.id for q in challenge.questions] == ["how-often"]
        assert challenge.questions[0].options == ["Once", "Every month", "Every week"]
