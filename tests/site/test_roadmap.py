"""The roadmap (/roadmap/): every idea shortlisted, piloting or implemented, across
challenges, grouped by status, each with its challenge; in the navigation, and saying so
when a status has no idea."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import EXAMPLE, TESTS

IDEA_LINK = re.compile(r'<h3 class="cc-card__title"><a href="\.\./challenges/([^/]+)/ideas/'
                       r'([^/]+)/">')


def columns(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each status heading of the page with the ideas under it, as (challenge, id)."""
    start = html.index('<article class="md-content__inner')
    article = html[start:html.index("<footer", start)]
    parts = re.split(r'<h2 id="([^"]+)"', article)
    return {parts[i]: IDEA_LINK.findall(parts[i + 1]) for i in range(1, len(parts), 2)}


def ideas_taken_further(root: Path) -> dict[str, set[tuple[str, str]]]:
    """The same, read straight from the idea files with plain YAML."""
    found: dict[str, set[tuple[str, str]]] = {"shortlisted": set(), "piloting": set(),
                                              "implemented": set()}
    for file in sorted((root / "challenges").glob("*/ideas/*.yml")):
        status = yaml.safe_load(file.read_text(encoding="utf-8"))["status"]
        if status in found:
            found[status].add((file.parent.parent.name, file.stem))
    return found


def test_the_roadmap_lists_each_idea_taken_further_under_its_status(built_site: Path) -> None:
    page = (built_site / "roadmap/index.html").read_text(encoding="utf-8")
    shown = columns(page)
    assert {status: set(ideas) for status, ideas in shown.items()} \
        == ideas_taken_further(EXAMPLE)
    # the latest to move first: by the day of the idea's last status change
    assert shown == {
        "shortlisted": [("winter-menu-2026", "13")],
        "piloting": [("winter-menu-2026", "15"), ("suggestion-box", "5")],
        "implemented": [("winter-menu-2026", "12"), ("suggestion-box", "3")],
    }
    assert ('<a class="cc-chip" href="../challenges/suggestion-box/">'
            'The suggestion box</a>') in page
    assert "since 14 February 2025" in page  # suggestion-box/5 went to piloting that day


def test_the_roadmap_is_in_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="roadmap/" class="md-nav__link">\s*<span class="md-ellipsis">'
                     r"\s*Roadmap", home)


def test_a_roadmap_with_nothing_taken_further_says_so(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(TESTS / "fixtures" / "portal", root)
    idea = root / "challenges/tea-time/ideas/1.yml"
    text = idea.read_text(encoding="utf-8")
    idea.write_text(text.replace("status: implemented", "status: published").replace(
        "  - status: implemented\n    at: 2026-02-28\n    answer: It won.\n    by: ada\n", ""),
        encoding="utf-8")
    planner = Planner(load_catalog(root), make_environment())
    page = next(spec for spec in planner.plan() if spec.path == "roadmap.md").source()
    assert "cc-roadmap" not in page
    for empty in ("No idea is shortlisted right now.", "No idea is being piloted right now.",
                  "No idea has been implemented yet.",
                  "see the [challenges](challenges/index.md)"):
        assert empty in page
