"""The generated Markdown of every page type, pinned for a small fixture portal.

After an intended change to a page, regenerate the golden files with
`make golden` and review the diff before committing it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import TESTS
from tests.support.elsewhere import in_another_process

FIXTURE = TESTS / "fixtures" / "portal"
GOLDEN = TESTS / "golden"
NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)  # the fixture challenge has its results


def planned_pages() -> dict[str, str]:
    planner = Planner(load_catalog(FIXTURE, now=NOW), make_environment())
    pages = {spec.path: spec.source() for spec in planner.plan()}
    pages["index.md"] = planner.home_sections()
    return pages


def test_every_page_type_matches_its_golden_markdown(request: pytest.FixtureRequest) -> None:
    pages = planned_pages()
    if request.config.getoption("--update-golden"):
        for stale in GOLDEN.rglob("*.md"):  # a page no longer built
            if stale.relative_to(GOLDEN).as_posix() not in pages:
                stale.unlink()
        for path, markdown in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, "utf-8")
    expected = {file.relative_to(GOLDEN).as_posix(): file.read_text("utf-8")
                for file in sorted(GOLDEN.rglob("*.md"))}
    assert sorted(pages) == sorted(expected), "run `make golden` to add or remove pages"
    for path, markdown in pages.items():
        assert markdown == expected[path], f"{path} changed; review it, then run `make golden`"


def test_the_same_catalog_gives_byte_identical_pages() -> None:
    here = planned_pages()
    assert len(here) > 10
    elsewhere = in_another_process("planned_pages()",
                                   "from tests.site.test_golden import planned_pages")
    assert elsewhere == here


def test_user_text_is_escaped_or_sanitised_in_the_fixture() -> None:
    pages = planned_pages()
    challenge = pages["challenges/tea-time/index.md"]
    assert "<script>" not in challenge and "&lt;script&gt;" in challenge
    assert "Better tea &lt;time&gt; &amp; &#34;cake&#34;" in challenge
    idea = pages["challenges/tea-time/ideas/1.md"]
    assert "javascript:" not in idea
    # Answers to the challenge's questions, under their labels: escaped, or sanitised Markdown.
    assert "## How big a pot? &lt;small&gt; &amp; &#34;large&#34;" in idea
    assert "<p>&lt;b&gt;A crowd&lt;/b&gt;</p>" in idea
    assert "<script>" not in idea and "<img" not in idea
    assert "<strong>three</strong>" in idea
