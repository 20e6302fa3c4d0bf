"""Pages rendered on two cores (generator/cores.py): the same results in the same
order, half of them from a forked copy, what they logged logged here; and everything
rendered here if the copy fails.
Renders done ahead (`Ahead`): taken from the copy once, with what they logged logged here;
none from a copy that failed, a render that raised, or a copy abandoned.

Each case runs in a fresh Python, with one thread, as `cocreate build` does (a test
runner's worker may run threads of its own, where the module does not fork).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.support import REPO

SCRIPT = """
import json, logging, os, sys
from generator.cores import FEWEST, render_all
parent = os.getpid()
failing = sys.argv[1] == "failing"
heard = []
class Hear(logging.Handler):
    def emit(self, record):
        heard.append([record.getMessage(), os.getpid() == parent])
logging.getLogger("mkdocs").addHandler(Hear())
def render(number):
    if failing and os.getpid() != parent:
        raise RuntimeError("the copy fails")
    logging.getLogger("mkdocs.plugins").warning("rendered %d", number)
    return (number * number, os.getpid() == parent)
results = render_all([lambda number=number: render(number) for number in range(FEWEST + 1)])
print(json.dumps({"results": results, "fewest": FEWEST, "heard": heard}))
"""


def run(case: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, case], cwd=REPO, capture_output=True,
                          text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_every_second_page_is_rendered_by_a_copy_and_the_order_kept() -> None:
    found = run("working")
    results, fewest = found["results"], found["fewest"]
    assert [square for square, _ in results] == [number * number
                                                for number in range(fewest + 1)]
    assert [here for _, here in results] == [number % 2 == 0 for number in range(fewest + 1)]
    # what the copy's renders logged is logged here too, once each
    assert sorted(message for message, _ in found["heard"]) == sorted(
        f"rendered {number}" for number in range(fewest + 1))
    assert all(here for _, here in found["heard"])


def test_what_a_failed_copy_did_not_hand_back_is_rendered_here() -> None:
    results = run("failing")["results"]
    assert isinstance(results, list)
    assert [square for square, _ in results] == [number * number
                                                for number in range(len(results))]
    assert all(here for _, here in results)


AHEAD = """
import json, logging, os, sys, time
from generator.cores import FEWEST, Ahead
case = sys.argv[1]
parent = os.getpid()
log = logging.getLogger("mkdocs.structure.pages")
heard = []
class Hear(logging.Handler):
    def emit(self, record):
        heard.append([record.levelname, record.getMessage(), os.getpid() == parent])
logging.getLogger("mkdocs").addHandler(Hear())
logging.getLogger("mkdocs").setLevel(logging.INFO)
def render(number):
    if case == "failing" and os.getpid() != parent:
        os._exit(3)
    if case == "slow":
        time.sleep(60)
    if number == 7:
        raise RuntimeError("seven cannot be rendered")
    log.debug("not at this level")
    log.warning("page %d links to %s", number, "missing.md")
    return [number * number, os.getpid() == parent]
count = FEWEST - 1 if case == "few" else FEWEST
ahead = Ahead({number: (lambda number=number: render(number)) for number in range(count)})
started = time.perf_counter()
if case == "slow":
    ahead.abandon()
    print(json.dumps({"seconds": time.perf_counter() - started, "after": ahead.take(1)}))
    sys.exit()
took = []
for number in (3, 7, 3, 250):
    before = len(heard)
    took.append([ahead.take(number), heard[before:]])
print(json.dumps({"took": took, "in": [3 in ahead, count in ahead]}))
"""


def run_ahead(case: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", AHEAD, case], cwd=REPO, capture_output=True,
                          text=True, check=True, timeout=60)
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_a_render_done_ahead_by_a_copy_is_taken_once_with_what_it_logged_logged_here() -> None:
    found = run_ahead("working")
    three, seven, three_again, beyond = found["took"]
    assert found["in"] == [True, False]
    # rendered in the copy; its warning heard here, by the parent's handler, when taken
    assert three == [[9, False], [["WARNING", "page 3 links to missing.md", True]]]
    assert seven == [None, []]  # it raised in the copy: the caller renders it, and raises
    assert three_again == [None, []]  # taken already
    assert beyond == [None, []]  # never asked of the copy


def test_a_failed_copy_or_too_few_renders_leave_every_render_to_the_caller() -> None:
    for case in ("failing", "few"):
        three = run_ahead(case)["took"][0]
        assert three == [None, []], case


def test_an_abandoned_copy_is_stopped_at_once() -> None:
    found = run_ahead("slow")
    assert found["seconds"] < 5
    assert found["after"] is None
