"""Synthetic portals for the benchmarks: N ideas, ten voters per idea, a fixed seed.

The portal is the example's site settings and pages with generated
challenges: 100 ideas per challenge, every stage represented (or only those
asked for), realistic text lengths, ballots (about ten votes per idea from a
pool of one voter for every five votes, who also write the ideas), and jury
scorecards for the challenges at results. Everything passes `cocreate validate`.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path

from generator.portal.writer import dump_yaml

# The suite's frozen example (tests/fixtures/example/), not the owner's own portal.
EXAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "example"
IDEAS_PER_CHALLENGE = 100
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # the moment the benchmarks build for
WORDS = ["bread", "oven", "flour", "coffee", "queue", "morning", "counter", "soup", "jar",
         "cup", "deposit", "supplier", "farm", "milk", "cream", "butter", "pastry", "seasonal",
         "winter", "summer", "staff", "customer", "local", "market", "price", "waste",
         "compost", "box", "delivery", "bike", "street", "school", "family", "class",
         "tasting", "menu", "vegan", "recipe", "kitchen", "shelf", "window", "bench", "table",
         "music", "evening"]
RESULTS = ("2026-01-01", "2026-02-28", "2026-03-31", "2026-04-30", "2026-03-15")
VOTING = ("2026-08-01", "2026-10-31", "2028-01-31", "2028-03-01", "2026-11-10")
IDEAS_OPEN = ("2026-10-01", "2028-01-15", "2028-02-15", "2028-03-15", None)
# ideas_open, ideas_close, voting_close, results, and the day votes were cast (if any)
STAGES = [RESULTS, VOTING, IDEAS_OPEN]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def generate(root: Path, ideas: int, *, votes_per_idea: int = 10,
             stages: list[tuple[str, str, str, str, str | None]] = STAGES,
             seed: int = 7) -> Path:
    """Write a portal with `ideas` ideas into `root` (emptied first); returns `root`.

    Challenges take their stage in turn from `stages`; ideas in a voting or
    finished challenge get `votes_per_idea` votes on average.
    """
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for part in ("content", "theme", "mkdocs.yml"):
        source = EXAMPLE / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    for page in (root / "content").glob("*.md"):  # the example's pages link its challenges
        page.write_text(f"# {page.stem.replace('-', ' ').capitalize()}\n\n"
                        f"{paragraph(rng, 3)}\n", "utf-8")
    challenges = max(1, ideas // IDEAS_PER_CHALLENGE)
    voters = [f"voter-{n:06d}" for n in range(max(20, ideas * votes_per_idea // 5))]
    number = 0
    for index in range(challenges):
        slug = f"challenge-{index + 1:03d}"
        opens, closes, voting_close, results, cast = stages[index % len(stages)]
        folder = root / "challenges" / slug
        (folder / "ideas").mkdir(parents=True)
        (folder / "votes").mkdir()
        jury = ["juror-a", "juror-b", "juror-c"]
        write(folder / "challenge.yml", {
            "title": f"Challenge {index + 1}: {sentence(rng, 4)[:-1]}",
            "summary": sentence(rng, 12), "brief": paragraph(rng, 6),
            "sponsor": {"name": "Léa Fontaine", "role": "Head baker"},
            "timeline": {"ideas_open": opens, "ideas_close": closes,
                         "voting_close": voting_close, "results": results},
            "eligibility": paragraph(rng, 2),
            "voting": {"method": "approval"},
            "criteria": [{"id": "appeal", "name": "Appeal", "weight": 2},
                         {"id": "cost", "name": "Cost", "weight": 1}],
            "jury": jury,
        })
        in_challenge = min(IDEAS_PER_CHALLENGE, ideas - number) if index < challenges - 1 \
            else ideas - number
        ids = []
        for _ in range(in_challenge):
            number += 1
            ids.append(str(number))
            write(folder / "ideas" / f"{number}.yml", {
                "title": sentence(rng, rng.randint(3, 8))[:-1],
                "challenge": slug, "author": rng.choice(voters), "segment": "customer",
                "submitted": f"{opens}T10:00:00Z", "summary": sentence(rng, 14),
                "problem": paragraph(rng, 4), "proposal": paragraph(rng, 6),
                "benefits": paragraph(rng, 2), "status": "published",
                "history": [{"status": "published", "at": f"{opens}T12:00:00Z",
                             "answer": paragraph(rng, 2), "by": "dev-patel"}],
                "issue": number,
            })
        ballots: dict[str, list[dict[str, object]]] = {}
        spread = votes_per_idea // 2
        for idea_id in ids if cast else []:
            for voter in rng.sample(voters, rng.randint(votes_per_idea - spread,
                                                        votes_per_idea + spread)):
                ballots.setdefault(voter, []).append(
                    {"idea": idea_id, "at": f"{cast}T09:00:00Z", "via": "reaction"})
        for voter, votes in ballots.items():
            write(folder / "votes" / f"{voter}.yml", {
                "voter": voter, "account_created": "2015-03-01T00:00:00Z", "votes": votes})
        if results < NOW.date().isoformat():  # finished: the jury has scored every idea
            (folder / "reviews").mkdir()
            for juror in jury:
                write(folder / "reviews" / f"{juror}.yml", {"juror": juror, "scores": [
                    {"idea": idea_id, "criteria": {"appeal": rng.randint(1, 5),
                                                   "cost": rng.randint(1, 5)}}
                    for idea_id in ids]})
    return root


def write(file: Path, data: dict[str, object]) -> None:
    file.write_text(dump_yaml(data), "utf-8")
