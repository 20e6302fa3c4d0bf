"""`cocreate changes`: what a pull request does to the leaderboards, for its job summary."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW


def changes(root: Path, base: Path) -> str:
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                      "changes", "--base", str(base)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_unchanged_portal_changes_nothing(portal: Path, tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(portal, base)
    assert changes(portal, base).endswith("No leaderboard changes.\n")


def test_a_new_ballot_shows_the_ideas_it_moves(portal: Path, tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(portal, base)
    (portal / "challenges/suggestion-box/votes/new-voter.yml").write_text(
        "voter: new-voter\naccount_created: 2019-05-01T10:00:00Z\n"
        "votes:\n  - idea: '47'\n    at: 2026-11-20T10:00:00Z\n"
        "    via: reaction\n", "utf-8")
    text = changes(portal, base)
    assert "### suggestion-box" in text
    # 47 had 3 of the 4 votes the leaders have; the fourth ties it, and the earlier ideas
    # keep their places (ties go to the earlier submission).
    assert ("| `Bring-your-own-tub discount on the wholesale round` | #4 · 3 votes · score 75.00 | "
            "#4 · 4 votes · score 100.00 |") in text
    assert "zero-waste-packaging" not in text


def test_a_title_is_text_in_the_summary_table(portal: Path, tmp_path: Path) -> None:
    """No link, mention, tag or emphasis from a title, and a `|` keeps the table's columns."""
    base = tmp_path / "base"
    shutil.copytree(portal, base)
    title = "Soup | [click](https://evil.example/) @lucy-cho <img src=x> **bold** &lt;b&gt; `x`"
    source = (portal / "challenges/suggestion-box/ideas/3.yml").read_text("utf-8")
    (portal / "challenges/suggestion-box/ideas/4.yml").write_text(
        source.replace("title: Oat milk at no extra charge", f"title: {title}")
        .replace("issue: 3\n", "issue: 4\n"), "utf-8")
    assert ("| `Soup \\| [click](https://evil.example/) @lucy-cho <img src=x> **bold** "
            "&lt;b&gt; 'x'` | new |") in changes(portal, base)
