"""Texts the renderer takes: nesting, lines, brackets and direction held at intake and in
`validate`, and a whole site built from the worst texts the limits allow."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.forms.render import FORM_PATH
from generator.models.text_limits import MAX_BRACKETS, MAX_LINES, MAX_NESTING, nesting
from generator.site.usertext import render_user_markdown
from tests.github.test_intake import IDEA, submit
from tests.portal.test_validate import IDEAS, validate
from tests.support import EXAMPLE_NOW
from tests.support.github_material import GOOD_ANSWERS

DEEP_LIST = "Less waste.\n\n" + "- " * 2000 + "x"
BRACKETS = "[" * 20_000
BIDI = "Pay \u202e0001\u202c pounds"
REFUSED = [
    (DEEP_LIST, "nests lists and quotes 2000 levels deep, over the limit of 8 — put the lists "
                "and quotes fewer levels inside each other"),
    (BRACKETS[:19_000], "has 19000 square brackets “[”, over the limit of 50 — keep square "
                        "brackets for links, one pair each"),
    ("a\n=\n" * 600, "has 1200 lines, over the limit of 500 — join short lines into paragraphs"),
    (BIDI, "contains the bidirectional control character U+202E — it can make the text read "
           "in another order than it is written; retype the text without it"),
    ("Call \u2067us\u2069 back", "contains the bidirectional control character U+2067"),
]


@pytest.mark.parametrize(("text", "says"), REFUSED)
def test_the_intake_refuses_a_text_the_renderer_cannot_take(portal: Path, tmp_path: Path,
                                                           text: str, says: str) -> None:
    result = submit(portal, tmp_path, FORM_PATH, {**GOOD_ANSWERS, "benefits": text})
    assert f"Expected benefits: {says}" in result.output, result.output
    assert not (portal / IDEA).exists()


@pytest.mark.parametrize(("text", "says"), REFUSED)
def test_validate_refuses_it_at_its_line(portal: Path, text: str, says: str) -> None:
    idea = portal / IDEAS / "990.yml"
    idea.write_text((portal / IDEAS / "12.yml").read_text("utf-8").split("\nbenefits:")[0]
                    .split("\nproblem:")[0] + "\nproblem: |\n" +
                    "".join(f"  {line}\n" for line in text.split("\n")) +
                    "proposal: Bake them.\n", "utf-8")
    code, problems, _ = validate(portal)
    assert code == 1
    assert [p for p in problems if says in p and p.startswith(f"{IDEAS}/990.yml:")], problems


def test_right_to_left_marks_stay_where_writers_need_them(portal: Path, tmp_path: Path) -> None:
    result = submit(portal, tmp_path, FORM_PATH,
                    {**GOOD_ANSWERS, "benefits": "Soup \u200fמרק\u200f for everyone"})
    assert f"wrote {IDEA}" in result.output, result.output


@pytest.mark.parametrize(("line", "depth"), [
    ("plain", 0), ("- a", 1), ("> > a", 2), ("1. - > a", 3), ("    - a", 2), ("\t\t- a", 3),
    ("-a", 0), ("1.5 litres", 0), ("* * *", 3), ("12345678901. a", 0), ("> " * 9 + "a", 9),
])
def test_nesting_counts_lists_and_quotes_a_line_sits_in(line: str, depth: int) -> None:
    assert nesting(line) == depth


@pytest.mark.parametrize("text", [DEEP_LIST, BRACKETS, "1. " * 5000 + "x", "[[" * 5000,
                                  "a\n=\n" * 10_000])
def test_the_renderer_never_converts_what_is_beyond_the_limits(text: str) -> None:
    started = time.perf_counter()
    html = render_user_markdown(text)
    assert time.perf_counter() - started < 5, "rendered as plain paragraphs, at once"
    assert html.startswith("<p>") and "<li>" not in html


def worst_texts() -> list[str]:
    """The costliest Markdown the limits allow, each 20,000 characters."""
    width = 20_000 // (MAX_LINES - 1)
    deep = "".join(f"{'- ' * MAX_NESTING}item {n} ".ljust(width, "w") + "\n"
                   for n in range(MAX_LINES - 1))
    quoted = "".join(f"{'> ' * MAX_NESTING}line {n} ".ljust(width, "w") + "\n"
                     for n in range(MAX_LINES - 1))
    brackets = "[" * MAX_BRACKETS + " ".join(["word"] * 4_000)
    setext = "a\n=\n" * (MAX_LINES // 2 - 1) + "b" * 19_000
    entities = "<" * 20_000  # each one an entity to Python-Markdown's inline patterns
    emphasis = "*a" * 10_000
    return [text[:20_000].strip() for text in (deep, quoted, brackets, setext, entities,
                                                  emphasis)]


def test_a_site_full_of_the_worst_texts_the_limits_allow_builds(portal: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]
                                                               ) -> None:
    texts = worst_texts()
    assert all(len(text) >= 19_000 for text in texts)
    for number in range(900, 906):
        problem, proposal, benefits = (texts[number % 6:] + texts[:number % 6])[:3]
        fields = {"title": "T" * 200, "problem": problem, "proposal": proposal,
                  "benefits": benefits, "summary": "S" * 200}
        result = submit(portal, tmp_path, FORM_PATH, {**GOOD_ANSWERS, **fields}, number=number)
        assert "wrote " in result.output, result.output[-600:]
    started = time.perf_counter()
    built = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                     "build", "--site-dir", str(tmp_path / "site")])
    took = time.perf_counter() - started
    assert built.exit_code == 0, built.output[-2000:]
    for number in range(900, 906):
        page = tmp_path / "site/challenges/suggestion-box/ideas" / str(number) / "index.html"
        assert page.is_file()
    with capsys.disabled():
        print(f"\nthe example portal with 6 ideas of the worst texts the limits allow "
              f"(3 × 20,000 characters each) built in {took:.1f} s")
