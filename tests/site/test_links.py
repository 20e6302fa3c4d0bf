"""Broken links in the hand-written pages and the nav, named with their file and line by
`cocreate validate` before the build, and by `cocreate build` when mkdocs finds them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.i18n import language
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.pages import Planner
from tests.support import TESTS

FIXTURE = TESTS / "fixtures" / "portal"
STRICT_LINKS = """
validation:
  links:
    anchors: warn
    unrecognized_links: warn
    absolute_links: warn
"""
NAV = """
nav:
  - Home: index.md
  - challenges/index.md
  - About: about.md
  - Gone: gone.md
"""
# One link of each kind mkdocs refuses, and links that are fine: to a generated page, to
# a heading, to an explicit anchor, in code (no link), to another site.
ABOUT = """\
# About us

## Our story

A [challenge page](challenges/tea-time/index.md), [our story](#our-story),
[the conduct](index.md#code-of-conduct) and [elsewhere](https://example.com/x.md).
`[not a link](nowhere.md)`

A [lost page](challenges/old-challenge/index.md) and [a typo](abuot.md).

A [folder link](challenges/), [a root link](/about.md)
and [a missing heading](index.md#no-such-heading).
"""
PROBLEMS = [
    ("content/about.md", 9, "links to 'challenges/old-challenge/index.md', which is not a "
     "page of this portal"),
    ("content/about.md", 9, "links to 'abuot.md', which is not a page of this portal"),
    ("content/about.md", 11, "links to 'challenges/', which names no page (a page's link "
     "ends in .md)"),
    ("content/about.md", 11, "links to '/about.md', an address from the server's root, which "
     "breaks when the site lives under a path (as on GitHub Pages)"),
    ("content/about.md", 12, "links to 'index.md#no-such-heading', whose page has no "
     "heading or element with the anchor #no-such-heading"),
    ("mkdocs.yml", -1, "nav lists 'gone.md', which is not a page of this portal"),
]


@pytest.fixture
def small_portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURE, root)
    index = root / "content/index.md"
    index.write_text(index.read_text(encoding="utf-8")
                     + '\n## <a id="code-of-conduct"></a>Conduct\n\nBe kind.\n',
                     encoding="utf-8")
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def reported(result: Result) -> list[tuple[str, int, str]]:
    """Each problem printed, as (path, line, what), without its hint."""
    return problems_listed(result.stderr)


def problems_listed(stderr: str) -> list[tuple[str, int, str]]:
    """Each problem in a command's error output, as (path, line, what), without its hint."""
    problems = []
    for line in stderr.splitlines()[:-1]:
        if line.startswith("note: "):
            continue  # validate's note on voting rules that Git history cannot check here
        where, _, rest = line.partition(": ")
        path, _, number = where.partition(":")
        problems.append((path, int(number or 0), rest.partition(" — ")[0]))
    return sorted(problems)


def test_validate_and_build_name_each_broken_link_with_its_file_and_line(
        small_portal: Path) -> None:
    (small_portal / "content/about.md").write_text(ABOUT, encoding="utf-8")
    with (small_portal / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(STRICT_LINKS + NAV)
    settings = (small_portal / "mkdocs.yml").read_text("utf-8").splitlines()
    expected = sorted((path, settings.index("  - Gone: gone.md") + 1 if line < 0 else line, what)
                      for path, line, what in PROBLEMS)

    checked = run(small_portal, "validate")
    assert checked.exit_code == 1, checked.output
    assert reported(checked) == expected
    assert checked.stderr.splitlines()[-1] == "6 problems in 2 files"
    assert ("content/about.md:9: links to 'challenges/old-challenge/index.md', which is not a "
            "page of this portal — remove the link, or create the challenge (old-challenge: "
            "`cocreate new challenge old-challenge`)") in checked.stderr.splitlines()

    built = run(small_portal, "build")
    assert built.exit_code == 1, built.output
    assert reported(built) == expected
    assert "Aborted" not in built.output
    lines = built.stderr.splitlines()
    assert ("content/about.md:9: links to 'abuot.md', which is not a page of this portal — "
            "correct the link or remove it; links go to Markdown files, relative to this "
            "page") in lines
    # mkdocs' own guess, when it has one, is the hint
    assert any(line.startswith("content/about.md:11: links to '/about.md'")
               and line.endswith("— did you mean 'about.md'?") for line in lines)


def test_mkdocs_defaults_decide_what_counts_without_a_validation_setting(
        small_portal: Path) -> None:
    """Without `validation:` mkdocs lets anchors, root and folder links pass: so does
    validate, and the one missing page is a problem for both."""
    (small_portal / "content/about.md").write_text(ABOUT, encoding="utf-8")
    checked, built = run(small_portal, "validate"), run(small_portal, "build")
    expected = [problem for problem in sorted(PROBLEMS) if "not a page" in problem[2]
                and problem[0] != "mkdocs.yml"]
    assert reported(checked) == expected
    assert reported(built) == expected


def test_a_portal_whose_links_all_lead_somewhere_validates_and_builds(
        small_portal: Path) -> None:
    fine = ABOUT.split("\nA [lost page]")[0] + "\n"
    (small_portal / "content/about.md").write_text(fine, encoding="utf-8")
    with (small_portal / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(STRICT_LINKS + NAV.replace("  - Gone: gone.md\n", ""))
    checked = run(small_portal, "validate")
    assert checked.exit_code == 0, checked.output
    result = run(small_portal, "build")
    assert result.exit_code == 0, result.output


def test_the_pages_validate_knows_are_the_pages_the_plugin_writes(small_portal: Path) -> None:
    catalog = load_catalog(small_portal)
    planner = Planner(catalog, make_environment(None, language("en")))
    assert planner.page_paths() == [spec.path for spec in planner.plan()]
    assert "challenges/tea-time/index.md" in planner.page_paths()
