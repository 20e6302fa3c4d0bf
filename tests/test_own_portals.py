"""The suite carries its own portals: `make test` passes whatever portal the owner made.

tests/support/own_portals.py fails any test that reads challenges/, content/, mkdocs.yml or
.github/ISSUE_TEMPLATE/ at the repository's top. Here it is seen to do so, in a pytest of
its own, and the frozen example is seen to stand on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import EXAMPLE, REPO

READS_THE_OWNERS = '''
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE, REPO


def test_reads_the_owners_settings():
    assert (REPO / "mkdocs.yml").read_text("utf-8")


def test_validates_the_folder_it_runs_in(monkeypatch):
    monkeypatch.chdir(REPO)  # as `make test` runs: `cocreate` without --root reads the top
    CliRunner().invoke(cli, ["validate"])


def test_reads_its_own():
    assert (EXAMPLE / "mkdocs.yml").read_text("utf-8")
    assert sorted((EXAMPLE / "challenges").iterdir())
'''

LISTS_THE_OWNERS_ON_IMPORT = '''
import os

from tests.support import REPO

try:
    PAGES = os.listdir(REPO / "content")
except FileNotFoundError:  # a portal without pages: the listing was still asked for
    PAGES = []


def test_nothing():
    pass
'''


def test_a_test_that_reads_the_owners_portal_fails(tmp_path: Path) -> None:
    (tmp_path / "test_reads.py").write_text(READS_THE_OWNERS, "utf-8")
    (tmp_path / "test_on_import.py").write_text(LISTS_THE_OWNERS_ON_IMPORT, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.own_portals", "-p", "no:xdist",
         "-p", "no:cacheprovider", "-q", "-rfE", "--continue-on-collection-errors"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    summary = done.stdout
    assert "2 failed, 1 passed, 1 error" in summary, summary
    assert "FAILED test_reads.py::test_reads_the_owners_settings" in summary
    assert "FAILED test_reads.py::test_validates_the_folder_it_runs_in" in summary
    assert "ERROR collecting test_on_import.py" in summary
    assert "read the owner's portal at the repository's top (mkdocs.yml)" in summary


def test_the_example_is_whole_in_the_fixtures() -> None:
    """Its links lead back to the software's theme and workflows, and nothing else points
    out of tests/fixtures/example/."""
    links = {str(path.relative_to(EXAMPLE)): path.resolve()
             for path in EXAMPLE.rglob("*") if path.is_symlink()}
    assert links == {"theme": REPO / "theme",
                     ".github/workflows": REPO / ".github" / "workflows",
                     ".github/dependabot.yml": REPO / ".github" / "dependabot.yml"}
    for part in ("challenges", "content", "mkdocs.yml", ".github/ISSUE_TEMPLATE"):
        assert (EXAMPLE / part).exists() and not (EXAMPLE / part).is_symlink(), part
