"""Pages converted ahead by a forked copy (generator/site/ahead.py): the site is the same,
byte for byte, as when mkdocs converts every page itself, and the copy did convert some.

Each build runs in a fresh Python, as `cocreate build` does: one with a thread running
besides, where the plugin does not fork, and one without.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.portal import NOW, generate
from generator.cores import FEWEST
from tests.support import REPO

BUILD = """
import os, sys, threading
from mkdocs.structure.pages import Page
from generator.cli.main import main
root, site, counted, threaded = sys.argv[1:5]
parent = os.getpid()
converted = 0
render = Page.render
def counting(page, config, files):
    global converted
    converted += os.getpid() == parent
    render(page, config, files)
Page.render = counting
if threaded == "yes":
    threading.Thread(target=threading.Event().wait, daemon=True).start()
sys.argv = ["cocreate", "--root", root, "--now", sys.argv[5], "build", "--site-dir", site]
try:
    main()
finally:
    with open(counted, "w") as file:
        file.write(str(converted))
"""


def build(root: Path, site: Path, *, threaded: bool) -> int:
    """Build `root` into `site`; how many pages this process converted itself."""
    counted = site.parent / f"{site.name}.count"
    subprocess.run([sys.executable, "-c", BUILD, str(root), str(site), str(counted),
                    "yes" if threaded else "no", NOW.isoformat()], cwd=REPO,
                   capture_output=True, check=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                          "PATH": "/usr/bin:/bin"})
    return int(counted.read_text())


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_pages_converted_ahead_build_the_same_site_as_pages_converted_in_turn(
        tmp_path: Path) -> None:
    root = generate(tmp_path / "portal", 2 * FEWEST + 100)
    alone = build(root, tmp_path / "forked", threaded=False)
    in_turn = build(root, tmp_path / "in-turn", threaded=True)
    assert in_turn - alone >= FEWEST  # the copy converted the second half of the ideas' pages
    forked, converted_in_turn = files_of(tmp_path / "forked"), files_of(tmp_path / "in-turn")
    assert forked.keys() == converted_in_turn.keys()
    assert [name for name in forked if forked[name] != converted_in_turn[name]] == []
