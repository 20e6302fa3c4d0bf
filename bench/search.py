"""Benchmark: what a visitor downloads for a first search, measured in real Chromium.

The shape is a standing suggestion box: one evergreen challenge of 1,000 and of 10,000
ideas, open to votes, written with a Zipf vocabulary (`bench/portal.py`: a few words
on every page, most on a few; the bench's 45 even words would put every word on every
page). Each portal is built with `cocreate build` and served from a loopback server that
counts the bytes of every file it sends. In a fresh Chromium context the home page is
opened, the search box clicked, and a word typed at a steady pace; once results are
shown and nothing more is asked for, the files sent since the click are added up by
kind, uncompressed (Pagefind's own files are compressed already, so this is also what
GitHub Pages sends): its scripts (`search.js`, loaded with every page, counted too, and
Pagefind's module), its worker, its WebAssembly, the index's metadata, the index chunks
holding the word, and one fragment per result shown.

Two words per portal: the rarest word of the first idea's title, typed quickly (one
search) and slowly (slower than the pause the search waits for: a search from the third
letter on), with its budget from issue 21, at most 300 KB; and the most frequent word,
on every page, reported without a budget (its chunk lists every page). KB are 1,000
bytes. The run fails if a budgeted row is over.

    python bench/search.py [IDEAS...]
"""

from __future__ import annotations

import collections
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.portal import NOW, VOTING, generate, zipf_vocabulary  # noqa: E402
from bench.table import print_table  # noqa: E402
from tests.support.chromium import launch  # noqa: E402

BUDGET = 300_000  # bytes, for a rare word of an idea's title at 10,000 ideas
QUICK, SLOW = 150, 450  # ms between keystrokes; the search waits for a 300 ms pause
QUIET = 1.5  # seconds without a request after the results: the search is done
WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Query:
    ideas: int
    rare: bool  # the rarest word of the first idea's title, or the most frequent word
    pace: int  # ms between keystrokes


@dataclass
class Portal:
    site: Path
    first_title: str
    rare: str  # the word of the first idea's title found in the fewest ideas
    common: str  # the word found in the most ideas


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and notes the path and size of every file it sends."""

    sent: list[tuple[str, int]]
    last: list[float]

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        data = source.read()
        self.sent.append((self.path.split("?")[0], len(data)))
        self.last[0] = time.monotonic()
        outputfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the table says what was sent."""


@contextmanager
def counting_server(site: Path) -> Iterator[tuple[str, list[tuple[str, int]], list[float]]]:
    """`site` on loopback; yields its address, the files sent, and when the last one was."""
    sent: list[tuple[str, int]] = []
    last = [time.monotonic()]
    handler = type("Handler", (CountingHandler,), {"sent": sent, "last": last})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent, last
    finally:
        server.shutdown()
        server.server_close()


def build(ideas: int, folder: Path) -> Portal:
    """The evergreen challenge of `ideas` ideas, built, and the two words to search for."""
    root = generate(folder / "portal", ideas, stages=[VOTING], ideas_per_challenge=ideas,
                    vocabulary=zipf_vocabulary())
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "generator.cli.main", "--root", str(root), "--now",
                    NOW.isoformat(), "build", "--site-dir", str(site)],
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    found_in: collections.Counter[str] = collections.Counter()
    for file in (root / "challenges").glob("*/ideas/*.yml"):
        found_in.update(set(WORD.findall(text_of(file).lower())))
    first = yaml.safe_load((root / "challenges/challenge-001/ideas/1.yml").read_text("utf-8"))
    title = str(first["title"])
    rare = min(WORD.findall(title.lower()), key=lambda word: (found_in[word], word))
    common = min(found_in, key=lambda word: (-found_in[word], word))
    return Portal(site, title, rare, common)


def text_of(idea: Path) -> str:
    """What an idea says (not its author's login, nor its fields' names)."""
    data = yaml.load(idea.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    said = [data[key] for key in ("title", "summary", "problem", "proposal", "benefits")]
    return " ".join(said + [change.get("answer", "") for change in data["history"]])


def kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if "/pagefind/fragment/" in path:
        return "fragments"
    if "/pagefind/index/" in path:
        return "chunks"
    if name.startswith("wasm."):
        return "wasm"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "meta"
    if name == "pagefind-worker.js":
        return "worker"
    if name in ("pagefind.js", "search.js"):
        return "scripts"
    return "other"


def search_once(browser: Any, portal: Portal, word: str, pace: int) -> dict[str, Any]:
    """Open the home page, type `word` into the search, and count what it downloads."""
    with counting_server(portal.site) as (address, sent, last):
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{address}/", wait_until="networkidle")
        loaded = list(sent)
        del sent[:]
        page.locator(".md-search__input").first.click()
        page.keyboard.type(word, delay=pace)
        last[0] = time.monotonic()  # the last letter's search may fetch nothing new
        page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
        while time.monotonic() - last[0] < QUIET:
            time.sleep(0.1)
        shown = page.locator(".md-search-result__article h1").all_inner_texts()
        meta = page.locator(".md-search-result__meta").inner_text()
        context.close()
    by_kind: dict[str, list[int]] = collections.defaultdict(list)
    for path, size in sent + [(path, size) for path, size in loaded if path.endswith(
            "/search.js")]:
        by_kind[kind(path)].append(size)
    if by_kind.get("other"):
        raise RuntimeError(f"the search downloaded more than itself: {sent}")
    return {"on_load": sum(size for path, size in loaded if "/pagefind/" in path),
            "results": int(re.sub(r"\D", "", meta) or 0), "shown": len(shown),
            "found": portal.first_title in shown, "requests": len(sent), "by_kind": by_kind}


class Bench:
    """Builds each portal once, for the rows that search it."""

    def __init__(self, folder: Path, browser: Any) -> None:
        self.folder, self.browser = folder, browser
        self.portals: dict[int, Portal] = {}

    def measure(self, query: Query) -> dict[str, Any]:
        if query.ideas not in self.portals:
            for built in self.portals.values():  # a 10,000-idea site is 0.7 GB
                shutil.rmtree(built.site.parent)
            self.portals = {query.ideas: build(query.ideas, self.folder / str(query.ideas))}
        portal = self.portals[query.ideas]
        word = portal.rare if query.rare else portal.common
        counted = search_once(self.browser, portal, word, query.pace)
        sizes = counted.pop("by_kind")
        total = sum(sum(each) for each in sizes.values())
        index = portal.site / "pagefind"
        row = {"ideas": query.ideas, "word": word, "pace": query.pace, **counted,
               "indexed": len(list((index / "fragment").iterdir())),
               "index_mb": sum(file.stat().st_size for file in index.rglob("*")
                               if file.is_file()) / 1e6,
               "found": "yes" if counted["found"] else "no", "total": total / 1000,
               "budget": ("ok" if total <= BUDGET else "OVER") if query.rare else "-"}
        for name in ("scripts", "worker", "wasm", "meta", "chunks", "fragments"):
            row[name] = sum(sizes.get(name, [])) / 1000
            row[f"{name}_n"] = len(sizes.get(name, []))
        return row


COLUMNS = [("ideas", "ideas", ">6,"), ("pages indexed", "indexed", ">13,"),
           ("index MB", "index_mb", ">8.1f"), ("word", "word", ">10"), ("ms/key", "pace", ">6"),
           ("found in", "results", ">8"), ("shown", "shown", ">5"),
           ("idea 1 shown", "found", ">12"), ("on load", "on_load", ">7"),
           ("requests", "requests", ">8"), ("scripts KB", "scripts", ">10.1f"),
           ("worker KB", "worker", ">9.1f"), ("wasm KB", "wasm", ">7.1f"),
           ("meta KB", "meta", ">7.1f"), ("chunks", "chunks_n", ">6"),
           ("chunks KB", "chunks", ">9.1f"), ("fragments", "fragments_n", ">9"),
           ("fragments KB", "fragments", ">12.1f"), ("total KB", "total", ">8.1f"),
           ("≤ 300 KB", "budget", ">8")]


def main(sizes: list[int]) -> None:
    queries = [Query(ideas, rare, pace) for ideas in sizes
               for rare, pace in ((True, QUICK), (True, SLOW), (False, QUICK))]
    with tempfile.TemporaryDirectory() as temporary, launch() as browser:
        rows = print_table(
            "A first search in Chromium, one evergreen challenge (Zipf vocabulary): bytes "
            "sent after the click in the search box, uncompressed", COLUMNS, queries,
            Bench(Path(temporary), browser).measure)
    if any(row["budget"] == "OVER" for row in rows):
        raise SystemExit(f"a first search for a rare word downloaded more than "
                         f"{BUDGET:,} bytes")


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1_000, 10_000])
