"""Benchmark: a full vote sync of N ideas against the loopback GitHub stand-in.

Prints, for 100, 1,000 and 10,000 ideas (ten 👍 and two comments per idea on
average from a pool of voters, every `/vote` already answered, a fixed seed):
the GraphQL requests made, the REST requests made (there should be none), the
budget ⌈N/100⌉ + 5, the seconds spent reading the reactions and comments (the
stand-in runs each query through graphql-core against GitHub's whole schema,
so most of this is the stand-in), the seconds spent rewriting ballots, and
the ballots written.

    python bench/sync.py [SIZES...]
"""

from __future__ import annotations

import math
import random
import re
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.table import print_table  # noqa: E402
from generator.github.api import connect, graphql_with  # noqa: E402
from generator.github.votes.reactions import (  # noqa: E402
    fetch_activity,
    sync_ballots,
    synced_ideas,
)
from generator.github.votes.sync import pending_commands  # noqa: E402
from generator.portal.reading import load_catalog  # noqa: E402
from tests.support import EXAMPLE  # noqa: E402
from tests.support.fake_github import FakeGitHub, start  # noqa: E402

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
CHALLENGE = "zero-waste-packaging"


def make_portal(folder: Path, ideas: int) -> Path:
    """The example portal with `ideas` ideas in its voting challenge, and no other votes."""
    root = folder / "portal"
    shutil.copytree(EXAMPLE, root)  # the suite's frozen example, not the owner's portal
    for name in ("suggestion-box", "neighbourhood-events"):  # only one challenge voting
        shutil.rmtree(root / "challenges" / name)
    for other in (root / "challenges").glob("*/ideas/*.yml"):  # each issue files one idea:
        if other.parent.parent.name != CHALLENGE:  # the voting challenge's take 1 to N
            text = other.read_text("utf-8")
            other.write_text(re.sub(r"(?m)^issue: \d+\n", "", text), "utf-8")
    ideas_dir = root / "challenges" / CHALLENGE / "ideas"
    shutil.rmtree(root / "challenges" / CHALLENGE / "votes")
    template = (ideas_dir / "35.yml").read_text("utf-8")
    for file in ideas_dir.glob("*.yml"):
        file.unlink()
    for number in range(1, ideas + 1):
        (ideas_dir / f"{number}.yml").write_text(
            template.replace("issue: 35", f"issue: {number}"), "utf-8")
    return root


def run(ideas: int, seed: int = 7) -> dict[str, float]:
    random.seed(seed)
    with tempfile.TemporaryDirectory() as folder:
        root = make_portal(Path(folder), ideas)
        fake = FakeGitHub("crumb-and-kettle/ideas", "bench")
        voters = [f"voter-{n:05d}" for n in range(max(50, ideas * 2))]
        for number in range(1, ideas + 1):
            for login in random.sample(voters, random.randint(0, 20)):
                fake.thumb(number, login, "2026-11-15T10:00:00Z")
            fake.add_issue(number, login="someone")
            for login in random.sample(voters, random.randint(0, 4)):  # talk, and answered votes
                comment = fake.add_comment(number, random.choice(["Love it!", "/vote"]),
                                           {"login": login, "type": "User"},
                                           created="2026-11-15T11:00:00Z")
                if comment["body"] == "/vote":
                    fake.reactions.append((comment["id"], "+1"))
        server = start(fake)
        try:
            catalog = load_catalog(root, now=NOW)
            ideas_map = synced_ideas(catalog)
            client = connect("bench", fake.url, write_pause=0, read_pause=0)
            started = time.perf_counter()
            activity = fetch_activity(graphql_with(client.requester),
                                      "crumb-and-kettle/ideas", sorted(ideas_map))
            reactions = activity.reactions
            read = time.perf_counter() - started
            assert not pending_commands(activity.comments, catalog), "every /vote was answered"
            started = time.perf_counter()
            written = sync_ballots(catalog, ideas_map, reactions)(root)
            wrote = time.perf_counter() - started
        finally:
            server.shutdown()
    assert not fake.violations, fake.violations
    rest = sum(1 for method, path in fake.requests if path != "/graphql")
    return {"ideas": ideas, "reactions": sum(len(r) for r in reactions.values()),
            "comments": sum(len(c) for c in activity.comments.values()),
            "graphql": fake.graphql_requests, "rest": rest,
            "budget": math.ceil(ideas / 100) + 5, "read": read, "write": wrote,
            "ballots": len(written)}


COLUMNS = [("ideas", "ideas", ">6"), ("👍", "reactions", ">7"), ("comments", "comments", ">9"),
           ("GraphQL", "graphql", ">8"),
           ("budget", "budget", ">7"), ("REST", "rest", ">5"), ("read s", "read", ">7.2f"),
           ("write s", "write", ">8.2f"), ("ballots", "ballots", ">8")]


def main(sizes: list[int]) -> None:
    rows = print_table("Full vote sync (👍 and comments) against the loopback GitHub stand-in",
                       COLUMNS, sizes, run)
    for row in rows:
        assert row["graphql"] <= row["budget"] and row["rest"] == 0, "over the API budget"


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [100, 1_000, 10_000])
