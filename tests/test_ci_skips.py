"""Under CI a skip fails the run; elsewhere it stays a skip (tests/support/ci_skips.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.ci_skips import under_ci

SKIPPING = '''
import pytest

@pytest.fixture
def chromium():
    pytest.skip("Chromium is missing")

def test_in_a_fixture(chromium):
    pass

def test_in_the_body():
    pytest.skip("node_modules is missing")

@pytest.mark.skipif(True, reason="fixtures are missing")
def test_by_a_mark():
    pass

def test_a_module_that_is_not_there():
    pytest.importorskip("no_such_module_anywhere")

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_to_fail():
    assert False

def test_that_passes():
    pass
'''


def run_pytest(tmp_path: Path, ci: str | None) -> str:
    (tmp_path / "test_skipping.py").write_text(SKIPPING)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.support.ci_skips", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-q", "-rA", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == (1 if re.search(r"\d failed", result.stdout) else 0), result.stdout
    return result.stdout


def summary(output: str) -> str:
    return output.strip().splitlines()[-1]


@pytest.mark.parametrize("ci", ["true"])
def test_under_ci_every_skip_is_a_failure_naming_what_was_missing(tmp_path: Path,
                                                                  ci: str) -> None:
    output = run_pytest(tmp_path, ci)
    # A skip in a fixture fails the setup, which pytest counts as an error.
    assert re.match(r"2 failed, 1 passed, 1 xfailed, 2 errors in ", summary(output)), output
    for missing in ("Chromium is missing", "node_modules is missing", "fixtures are missing",
                    "could not import 'no_such_module_anywhere'"):
        assert f"skipped under CI, where nothing may be missing: {missing}" in output


def test_elsewhere_a_skip_stays_a_skip(tmp_path: Path) -> None:
    assert re.match(r"1 passed, 4 skipped, 1 xfailed in ", summary(run_pytest(tmp_path, None)))


@pytest.mark.parametrize(("value", "ci"), [("true", True), ("1", True), ("yes", True),
                                           ("", False), ("0", False), ("false", False),
                                           ("False", False), ("no", False)])
def test_what_counts_as_ci(monkeypatch: pytest.MonkeyPatch, value: str, ci: bool) -> None:
    monkeypatch.setenv("CI", value)
    assert under_ci() is ci


def test_the_ci_script_sets_ci() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8")
    assert re.search(r"^export CI=true$", script, re.M)
    assert script.index("export CI=true") < script.index("\nmake test")
