"""Synthetic portals for the benchmarks: N ideas, ten voters per idea, a fixed seed.

The portal is the example's site settings and pages with generated
challenges: 100 ideas per challenge, every stage represented (or only those
asked for), realistic text lengths, ballots (about ten votes per idea from a
pool of one voter for every five votes, who also write the ideas), and jury
scorecards for the challenges at results. Everything passes `cocreate validate`.

The text draws on 45 words, each as likely as the next, so every word is on every
page; `zipf_vocabulary()` writes as people do instead, for the search benchmark: a
few words on every page, most on a few.
"""

from __future__ import annotations

import itertools
import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.models import Idea
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
# An evergreen suggestion box: open for ideas and votes for good, from its first day.
EVERGREEN = ("2025-01-01", None, None, None, "2026-06-01")
# ideas_open, ideas_close, voting_close, results, and the day votes were cast (if any)
Stages = tuple[str, str | None, str | None, str | None, str | None]
STAGES: list[Stages] = [RESULTS, VOTING, IDEAS_OPEN]


@dataclass(frozen=True)
class Vocabulary:
    """The words the text is written with, and how likely each is (`None`: all alike)."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...] | None = None

    def pick(self, rng: random.Random, count: int) -> list[str]:
        if self.cumulative is None:
            return [rng.choice(self.words) for _ in range(count)]
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


EVEN = Vocabulary(tuple(WORDS))


def longest_allowed(field: str) -> int:
    """The most characters an idea's field may hold (its model's max_length)."""
    return next(int(rule.max_length) for rule in Idea.model_fields[field].metadata
                if isinstance(getattr(rule, "max_length", None), int))


# The longest a one-line text (a title, a summary) and a Markdown text may be.
LIMITS = {"line": longest_allowed("title"), "text": longest_allowed("problem")}


def zipf_vocabulary(made_up: int = 5_000, seed: int = 11) -> Vocabulary:
    """The bench's words, then `made_up` invented ones, the word of rank r picked in
    proportion to 1/r (Zipf's law): the first ones are on every page, most on a few. The
    invented words are two to four syllables of a few letters, so that, as in a real
    language, many begin alike (a search typed letter by letter meets them)."""
    rng = random.Random(seed)
    syllables = [consonant + vowel for consonant in "bcdfgklmnprstv" for vowel in "aeiou"]
    invented: set[str] = set()
    while len(invented) < made_up:
        word = "".join(rng.choices(syllables, k=rng.randint(2, 4)))
        if word not in WORDS:
            invented.add(word)
    words = (*WORDS, *rng.sample(sorted(invented), made_up))
    return Vocabulary(words, tuple(itertools.accumulate(1 / rank
                                                        for rank in range(1, len(words) + 1))))


def sentence(rng: random.Random, words: int, vocabulary: Vocabulary = EVEN) -> str:
    text = " ".join(vocabulary.pick(rng, words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int, vocabulary: Vocabulary = EVEN) -> str:
    return " ".join(sentence(rng, rng.randint(8, 18), vocabulary) for _ in range(sentences))


def longest(rng: random.Random, limit: int, vocabulary: Vocabulary = EVEN) -> str:
    """Paragraphs of prose as long as `limit` characters allow, ending on a sentence."""
    paragraphs: list[str] = []
    while True:
        more = paragraph(rng, 6, vocabulary)
        text = "\n\n".join([*paragraphs, more])
        if len(text) > limit:
            break
        paragraphs.append(more)
    sentences = more.split(". ")
    while sentences:  # the last paragraph, cut to fill the rest
        text = "\n\n".join([*paragraphs, ". ".join(sentences).rstrip(".") + "."])
        if len(text) <= limit:
            return text
        sentences.pop()
    return "\n\n".join(paragraphs)


def generate(root: Path, ideas: int, *, votes_per_idea: int = 10,
             stages: list[Stages] = STAGES,
             ideas_per_challenge: int = IDEAS_PER_CHALLENGE,
             vocabulary: Vocabulary = EVEN, seed: int = 7, longest_texts: bool = False) -> Path:
    """Write a portal with `ideas` ideas into `root` (emptied first); returns `root`.

    Challenges take their stage in turn from `stages`; ideas in a voting or
    finished challenge get `votes_per_idea` votes on average. One challenge of all
    the ideas (`ideas_per_challenge=ideas`) is an evergreen suggestion box. With
    `longest_texts`, every idea's title, summary and text (problem, proposal, benefits,
    and the answer to its status) is as long as the limits allow (LIMITS).
    """
    rng = random.Random(seed)

    def say(words: int) -> str:
        return sentence(rng, words, vocabulary)

    def write_paragraph(sentences: int) -> str:
        return paragraph(rng, sentences, vocabulary)

    def idea_line(words: int) -> str:
        if not longest_texts:
            return say(words)[:-1]
        return longest(rng, LIMITS["line"], vocabulary).replace("\n\n", " ")[:LIMITS["line"]]

    def idea_text(sentences: int) -> str:
        return longest(rng, LIMITS["text"], vocabulary) if longest_texts \
            else write_paragraph(sentences)

    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for part in ("content", "theme", "mkdocs.yml"):
        source = EXAMPLE / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    for page in (root / "content").glob("*.md"):  # the example's pages link its challenges
        page.write_text(f"# {page.stem.replace('-', ' ').capitalize()}\n\n"
                        f"{write_paragraph(3)}\n", "utf-8")
    challenges = max(1, ideas // ideas_per_challenge)
    voters = [f"voter-{n:06d}" for n in range(max(20, ideas * votes_per_idea // 5))]
    number = 0
    for index in range(challenges):
        slug = f"challenge-{index + 1:03d}"
        opens, closes, voting_close, results, cast = stages[index % len(stages)]
        folder = root / "challenges" / slug
        (folder / "ideas").mkdir(parents=True)
        (folder / "votes").mkdir()
        jury = ["juror-a", "juror-b", "juror-c"]
        timeline = {"ideas_open": opens, "ideas_close": closes,
                    "voting_close": voting_close, "results": results}
        if closes is None:  # evergreen: votes count from the first day, with no end
            timeline = {"ideas_open": opens, "voting_open": opens}
        write(folder / "challenge.yml", {
            "title": f"Challenge {index + 1}: {say(4)[:-1]}",
            "summary": say(12), "brief": write_paragraph(6),
            "sponsor": {"name": "Léa Fontaine", "role": "Head baker"},
            "timeline": timeline,
            "eligibility": write_paragraph(2),
            "voting": {"method": "approval"},
            "criteria": [{"id": "appeal", "name": "Appeal", "weight": 2},
                         {"id": "cost", "name": "Cost", "weight": 1}],
            "jury": jury,
        })
        in_challenge = min(ideas_per_challenge, ideas - number) if index < challenges - 1 \
            else ideas - number
        ids = []
        for _ in range(in_challenge):
            number += 1
            ids.append(str(number))
            write(folder / "ideas" / f"{number}.yml", {
                "title": idea_line(rng.randint(3, 8)),
                "challenge": slug, "author": rng.choice(voters), "segment": "customer",
                "submitted": f"{opens}T10:00:00Z",
                "summary": idea_line(14) if longest_texts else say(14),
                "problem": idea_text(4), "proposal": idea_text(6),
                "benefits": idea_text(2), "status": "published",
                "history": [{"status": "published", "at": f"{opens}T12:00:00Z",
                             "answer": idea_text(2), "by": "dev-patel"}],
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
        if results is not None and results < NOW.date().isoformat():
            # finished: the jury has scored every idea
            (folder / "reviews").mkdir()
            for juror in jury:
                write(folder / "reviews" / f"{juror}.yml", {"juror": juror, "scores": [
                    {"idea": idea_id, "criteria": {"appeal": rng.randint(1, 5),
                                                   "cost": rng.randint(1, 5)}}
                    for idea_id in ids]})
    return root


def write(file: Path, data: dict[str, object]) -> None:
    file.write_text(dump_yaml(data), "utf-8")
