"""Shared fixtures: the example portal the suite carries (tests/fixtures/example/, never
the repository's own challenges/ or content/), and throwaway copies of it to break."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

from tests.support import EXAMPLE, EXAMPLE_NOW, LOOPBACK_TOKEN, copy_example

if TYPE_CHECKING:
    from tests.support.fake_github import FakeGitHub

# Under CI (GitHub Actions, .ci/run), a skip is a failure: see tests/support/ci_skips.py.
# No test reads the owner's portal at the top of the repository: tests/support/own_portals.py.
pytest_plugins = ["tests.support.ci_skips", "tests.support.own_portals"]

# Property tests are judged on what they find, not how fast: no per-example deadline,
# which a loaded two-core CI machine would trip at random.
settings.register_profile("portal", deadline=None)
# `make fuzz`: the same properties, a hundred times harder (run outside `make test`).
settings.register_profile("fuzz", deadline=None, max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "portal"))



@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A private copy of the example portal that a test may change."""
    return copy_example(tmp_path / "portal")




@pytest.fixture
def remote(portal: Path, tmp_path: Path) -> Path:
    """The portal copy on a bare repository's main, as GitHub would hold it."""
    from tests.support.gitrepos import push_to_bare_remote

    return push_to_bare_remote(portal, tmp_path)


@pytest.fixture
def github(remote: Path) -> Iterator[FakeGitHub]:
    """The loopback GitHub API stand-in for the portal's repository on `remote`."""
    from tests.support.fake_github import FakeGitHub, start
    from tests.support.github_material import REPOSITORY

    fake = FakeGitHub(REPOSITORY, LOOPBACK_TOKEN, remote=remote)
    server = start(fake)
    yield fake
    server.shutdown()
    # What GitHub would have refused fails the test that sent it.
    assert not fake.violations, "GitHub would refuse:\n" + "\n".join(fake.violations)


@pytest.fixture
def write(portal: Path) -> Callable[[str, str], Path]:
    """Write a file into the portal copy: write("challenges/x/ideas/1.yml", text)."""

    def write_file(relative: str, text: str) -> Path:
        file = portal / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        return file

    return write_file


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal built once by `cocreate build`, as `make site` does."""
    from click.testing import CliRunner

    from generator.cli.main import cli

    site = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates (see make golden)")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say what the attack corpus was checked against: only what its tests checked and
    recorded as they passed, and nothing at all if any of its tests failed or erred."""
    stats = terminalreporter.stats
    if any(getattr(report, "nodeid", "").startswith("tests/test_attacks.py")
           for key in ("failed", "error") for report in stats.get(key, [])):
        return
    corpus, checks = None, []
    for report in stats.get("passed", []):
        if report.when != "call":
            continue
        for name, value in getattr(report, "user_properties", []):
            if name == "attack corpus":
                corpus = str(value)
            elif name == "attack corpus check":
                checks.append(str(value))
    if corpus:
        terminalreporter.write_line(
            corpus + (", all neutralised in: " + "; ".join(sorted(checks)) if checks
                      else " (no output was checked in this run)"))
