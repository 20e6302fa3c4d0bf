"""Pages rendered on two cores (generator/site/cores.py): the same results in the same
order, half of them from a forked copy; and everything rendered here if the copy fails.

Each case runs in a fresh Python, with one thread, as `cocreate build` does (a test
runner's worker may run threads of its own, where the module does not fork).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support import REPO

SCRIPT = """
import json, os, sys
from generator.site.cores import FEWEST, render_all
parent = os.getpid()
failing = sys.argv[1] == "failing"
def render(number):
    if failing and os.getpid() != parent:
        raise RuntimeError("the copy fails")
    return (number * number, os.getpid() == parent)
results = render_all([lambda number=number: render(number) for number in range(FEWEST + 1)])
print(json.dumps({"results": results, "fewest": FEWEST}))
"""


def run(case: str) -> dict[str, list[list[int | bool]] | int]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, case], cwd=REPO, capture_output=True,
                          text=True, check=True)
    found: dict[str, list[list[int | bool]] | int] = json.loads(done.stdout)
    return found


def test_every_second_page_is_rendered_by_a_copy_and_the_order_kept() -> None:
    found = run("working")
    results, fewest = found["results"], found["fewest"]
    assert isinstance(results, list) and isinstance(fewest, int)
    assert [square for square, _ in results] == [number * number
                                                for number in range(fewest + 1)]
    assert [here for _, here in results] == [number % 2 == 0 for number in range(fewest + 1)]


def test_what_a_failed_copy_did_not_hand_back_is_rendered_here() -> None:
    results = run("failing")["results"]
    assert isinstance(results, list)
    assert [square for square, _ in results] == [number * number
                                                for number in range(len(results))]
    assert all(here for _, here in results)
