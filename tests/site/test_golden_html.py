"""Every page type's HTML as people receive it: the article of each page the build serves.

The Markdown golden files (test_golden.py) pin what the templates write; these
pin what Markdown, the HTML fragments put back in place, and the theme make of
it, for the same fixture portal built by `cocreate build` with mkdocs-material.
After an intended change to a page, `make golden` rewrites both; review the diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import TESTS

FIXTURE = TESTS / "fixtures" / "portal"
GOLDEN = TESTS / "golden" / "html"
NOW = "2026-03-15T12:00:00+00:00"  # as test_golden.py: the fixture challenge has its results
COMMIT = "0123456789abcdef0123456789abcdef01234567"  # the vote audit names the files' commit
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>.*?</article>', re.S)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each generated page's article, by the path of its Markdown source."""
    site = tmp_path_factory.mktemp("golden-site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GITHUB_SHA", COMMIT)
        result = CliRunner().invoke(cli, ["--root", str(FIXTURE), "--now", NOW, "build",
                                          "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    yield {source: article_of(site / served_path(source)) for source in generated_sources()}


def generated_sources() -> list[str]:
    """The pages the Markdown golden files pin, the home page's generated part included."""
    return sorted(file.relative_to(TESTS / "golden").as_posix()
                  for file in (TESTS / "golden").rglob("*.md"))


def served_path(source: str) -> str:
    """Where mkdocs serves a page: `a/index.md` → `a/index.html`, `a/b.md` → `a/b/index.html`."""
    stem = source.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def article_of(page: Path) -> str:
    found = ARTICLE.search(page.read_text("utf-8"))
    assert found, f"{page} has no article"
    return found.group(0) + "\n"


def test_every_page_type_serves_its_golden_html(served: dict[str, str],
                                                request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        for stale in GOLDEN.rglob("*.html"):  # a page no longer built
            if stale.relative_to(GOLDEN).as_posix().replace(".html", ".md") not in served:
                stale.unlink()
        for source, html in served.items():
            target = GOLDEN / source.replace(".md", ".html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, "utf-8")
    expected = {file.relative_to(GOLDEN).as_posix().replace(".html", ".md"): file.read_text("utf-8")
                for file in sorted(GOLDEN.rglob("*.html"))}
    assert sorted(served) == sorted(expected), "run `make golden` to add or remove pages"
    for source, html in served.items():
        assert html == expected[source], f"{source} serves other HTML; review, then `make golden`"


def test_no_fragment_marker_is_left_in_a_served_page(served: dict[str, str]) -> None:
    assert not [source for source, html in served.items() if "cocreate:html" in html]
