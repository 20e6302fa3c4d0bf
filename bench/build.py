"""Benchmark: the portal at 100, 1,000 and 10,000 ideas against a plain mkdocs-material floor.

For each size it prints: the time to load and validate the files, to compute
the tallies and plan every page, the full `cocreate build` (and its peak
memory), the size of `site/` and of its search index, the average idea page,
and the build time of a plain mkdocs-material site with the same number of
pages and no generator (the floor), with our build as a ratio of it.

    python bench/build.py [SIZES...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.portal import paragraph, sentence  # noqa: E402
from bench.table import print_table  # noqa: E402
from generator.catalog import load_catalog  # noqa: E402
from generator.pages import Planner, make_environment  # noqa: E402

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
MEASURE = ("import resource, sys\nfrom generator.cli import main\nsys.argv = sys.argv[1:]\n"
           "try:\n    main()\nfinally:\n"
           "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")


def timed_run(arguments: list[str]) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of one command run in a fresh Python."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *arguments], capture_output=True,
                            text=True, check=False, env={"NO_MKDOCS_2_WARNING": "1",
                                                         "PATH": "/usr/bin:/bin"})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return seconds, int(result.stderr.strip().splitlines()[-1])


def floor_build(folder: Path, pages: int) -> float:
    """A plain mkdocs-material site with `pages` pages out of the nav: its build time."""
    import random

    rng = random.Random(7)
    docs = folder / "docs"
    (docs / "ideas").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nA plain site.\n", "utf-8")
    for number in range(1, pages + 1):
        (docs / "ideas" / f"{number}.md").write_text(
            f"# {sentence(rng, 6)}\n\n{paragraph(rng, 4)}\n\n## Proposal\n\n"
            f"{paragraph(rng, 6)}\n\n## Benefits\n\n{paragraph(rng, 2)}\n", "utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Floor\nsite_url: https://example.org/\ntheme:\n  name: material\n"
        "  font: false\nplugins:\n  - search\nnav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /ideas/*\n", "utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                    str(folder / "mkdocs.yml")], check=True, capture_output=True,
                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - started


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(ideas: int) -> dict[str, float]:
    from bench.portal import generate

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        root = generate(folder / "portal", ideas)
        started = time.perf_counter()
        catalog = load_catalog(root, now=NOW)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        planner = Planner(catalog, make_environment())
        pages = planner.plan()
        planner.data_files()
        planned = time.perf_counter() - started
        votes = sum(len(b.model.votes) for f in catalog.challenges.values()
                    for b in f.ballots.values())
        site = root / "site"
        build, memory = timed_run(["cocreate", "--root", str(root), "--now", NOW.isoformat(),
                                   "build", "--site-dir", str(site)])
        idea_pages = list(site.glob("challenges/*/ideas/*/index.html"))
        row = {
            "ideas": ideas, "votes": votes, "pages": len(pages), "load": loaded,
            "plan": planned, "build": build, "memory": memory / 1024,
            "site": size_of(site) / 2**20,
            "search": (site / "search" / "search_index.json").stat().st_size / 2**20,
            "idea_page": sum(p.stat().st_size for p in idea_pages) / max(1, len(idea_pages))
            / 1024,
        }
        shutil.rmtree(site)
        row["floor"] = floor_build(folder / "floor", len(pages))
        row["ratio"] = row["build"] / row["floor"]
        return row


COLUMNS = [("ideas", "ideas", ">6"), ("votes", "votes", ">7"), ("pages", "pages", ">6"),
           ("load s", "load", ">7.2f"), ("plan s", "plan", ">7.2f"),
           ("build s", "build", ">8.2f"), ("peak MB", "memory", ">8.0f"),
           ("site MB", "site", ">8.1f"), ("search MB", "search", ">10.2f"),
           ("KB/idea", "idea_page", ">8.1f"), ("floor s", "floor", ">8.2f"),
           ("ratio", "ratio", ">6.2f")]


def main(sizes: list[int]) -> None:
    print_table("Full builds of synthetic portals (ten votes per idea on average)", COLUMNS,
                sizes, measure)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [100, 1_000, 10_000])
