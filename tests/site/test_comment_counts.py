"""Idea cards show how many comments people wrote on the idea's issue, as the vote sync
last counted them (challenges/<challenge>/comments.yml), and carry the number for the
gallery's sort."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.support import EXAMPLE

CHALLENGE = "zero-waste-packaging"
CARD = re.compile(r'<article class="cc-card cc-idea[^"]*"[^>]* data-comments="(\d+)">.*?'
                  r'<a href="\.\./\.\./challenges/[^/]+/ideas/([^/]+)/">.*?</article>', re.S)


def counts_in_file(slug: str) -> dict[str, int]:
    text = (EXAMPLE / "challenges" / slug / "comments.yml").read_text(encoding="utf-8")
    return {entry["idea"]: entry["comments"] for entry in yaml.safe_load(text)["ideas"]}


def cards(html: str) -> dict[str, tuple[int, str]]:
    """Each idea card of a page: its data-comments and its figures line."""
    found = {}
    for match in CARD.finditer(html):
        figures = re.search(r'<p class="cc-card__figures">(.*?)</p>', match[0], re.S)
        found[match[2]] = (int(match[1]), figures[1] if figures else "")
    return found


def test_each_card_of_a_gallery_shows_the_count_the_sync_wrote(built_site: Path) -> None:
    page = (built_site / "challenges" / CHALLENGE / "index.html").read_text(encoding="utf-8")
    shown = cards(page)
    ideas = {file.stem for file in (EXAMPLE / "challenges" / CHALLENGE / "ideas").glob("*.yml")}
    assert set(shown) == ideas
    counted = counts_in_file(CHALLENGE)
    assert "38" in ideas and "38" not in counted  # no comment the sync knows of
    for idea, (number, figures) in shown.items():
        assert number == counted.get(idea, 0), idea
        if idea in counted:
            word = "comment" if number == 1 else "comments"
            assert f'<span class="cc-comments">{number} {word}</span>' in figures, idea
        else:
            assert "comment" not in figures, idea


def test_a_challenge_without_counts_shows_none(built_site: Path) -> None:
    page = (built_site / "challenges/neighbourhood-events/index.html").read_text(
        encoding="utf-8")
    assert cards(page) and all(number == 0 and "comment" not in figures
                               for number, figures in cards(page).values())
