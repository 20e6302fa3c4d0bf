"""Files parsed ahead by a forked copy while loading (generator/portal/reading.py): the
catalog is the same as when every file is parsed here, the copy did parse some, and a
file it could not parse is still named, with its line, as one parsed here would be.

Each load runs in a fresh Python, as `cocreate build` does: one with a thread running
besides, where the reader does not fork, and one without.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

from bench.portal import NOW, generate
from generator.cores import FEWEST
from tests.support import REPO

LOAD = """
import json, os, pickle, sys, threading
import generator.portal.loader as loader
from generator.portal.problems import ProblemsFound
from generator.portal.reading import load_catalog
from datetime import datetime
root, threaded, now = sys.argv[1], sys.argv[2] == "yes", datetime.fromisoformat(sys.argv[3])
parent = os.getpid()
parsed = 0
class Counting(loader.Parser):
    def __init__(self, text):
        global parsed
        parsed += os.getpid() == parent
        super().__init__(text)
loader.Parser = Counting
if threaded:
    threading.Thread(target=threading.Event().wait, daemon=True).start()
try:
    catalog = load_catalog(__import__("pathlib").Path(root), now=now)
except ProblemsFound as found:
    print(json.dumps({"parsed": parsed, "problems": [str(p) for p in found.problems]}))
else:
    sys.stdout.buffer.write(pickle.dumps((parsed, {slug: (
        folder.challenge, {name: idea.model for name, idea in folder.ideas.items()},
        {name: ballot.model for name, ballot in folder.ballots.items()},
        {name: card.model for name, card in folder.scorecards.items()})
        for slug, folder in catalog.challenges.items()})))
"""


def load(root: Path, *, threaded: bool) -> bytes:
    return subprocess.run([sys.executable, "-c", LOAD, str(root), "yes" if threaded else "no",
                           NOW.isoformat()], cwd=REPO, capture_output=True, check=True).stdout


def test_files_parsed_ahead_load_the_same_catalog_as_files_parsed_in_turn(
        tmp_path: Path) -> None:
    root = generate(tmp_path / "portal", FEWEST)
    files = len(list((root / "challenges").rglob("*.yml"))) + 1  # and mkdocs.yml's settings
    alone, in_turn = pickle.loads(load(root, threaded=False)), pickle.loads(
        load(root, threaded=True))
    assert in_turn[0] == files  # every file parsed here
    assert alone[0] <= files * 2 // 3  # the copy parsed the later ones
    assert alone[1] == in_turn[1]
    assert sum(len(ideas) for _, ideas, _, _ in alone[1].values()) == FEWEST


def test_a_file_the_copy_cannot_parse_is_named_with_its_line(tmp_path: Path) -> None:
    root = generate(tmp_path / "portal", FEWEST)
    last = sorted((root / "challenges").glob("*/votes/*.yml"))[-1]
    last.write_text(last.read_text("utf-8") + "votes: [unclosed\n", "utf-8")
    alone = json.loads(load(root, threaded=False))
    in_turn = json.loads(load(root, threaded=True))
    assert alone["problems"] == in_turn["problems"]
    assert len(alone["problems"]) == 1
    shown = last.relative_to(root).as_posix()
    assert alone["problems"][0].startswith(f"{shown}:")
