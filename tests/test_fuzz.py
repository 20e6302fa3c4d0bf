"""Properties over everything that reads hostile text: no unhandled error, round trips hold.

`make test` runs them with hypothesis's usual budget; `make fuzz` runs the
same properties with 20,000 examples each.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.github.events import IssuesEvent
from generator.github.forms.answers import FormSpec, check_answers, read_answers
from generator.github.forms.render import FORM_PATH
from generator.github.inert import inert, inert_markdown
from generator.github.intake.decision import Accepted, NeedsChanges, assess
from generator.github.intake.idea_fields import read_coauthors
from generator.github.votes.command import Command, find_command
from generator.models.text_limits import shape_refusal
from generator.portal.loader import parse_yaml
from generator.portal.problems import ProblemsFound
from generator.portal.writer import dump_yaml
from generator.site.usertext import render_user_markdown
from tests.support import EXAMPLE, EXAMPLE_NOW
from tests.support.github_material import GOOD_ANSWERS, issue_event, render_body

pytestmark = pytest.mark.fuzz
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
SPEC = FormSpec.read(EXAMPLE / FORM_PATH, str(FORM_PATH))
TEMPLATE = yaml.safe_load((EXAMPLE / FORM_PATH).read_text("utf-8"))


@given(body=TEXT)
def test_the_issue_body_reader_takes_anything(body: str) -> None:
    assert_answers_read_back(body, SPEC)


def assert_answers_read_back(body: str, spec: FormSpec) -> None:
    """Every answer read is text the body holds, and every refusal names a field of the
    form: every required field the body lacks among them."""
    answers = read_answers(body, spec)
    for value in answers.values.values():
        for text in value if isinstance(value, list) else [value]:
            assert text is None or text in body, (text, body)
    labels = {form_field.label for form_field in spec.fields}
    problems = check_answers(answers, spec)
    assert {problem.label for problem in problems} <= labels
    missing = {form_field.label for form_field in spec.fields
               if form_field.required and form_field.id not in answers.values}
    assert missing <= {problem.label for problem in problems}


# Each example renders a whole form and decides on it: a tenth of the fuzz budget is plenty.
@settings(max_examples=min(settings().max_examples, 2_000))
@given(field=st.sampled_from(["title", "summary", "problem", "proposal", "benefits",
                              "coauthors", "segment", "challenge"]), text=TEXT)
def test_the_intake_decides_on_anything_in_any_field(field: str, text: str) -> None:
    from generator.portal.reading import load_catalog

    catalog = CATALOG.setdefault("c", load_catalog(EXAMPLE, now=EXAMPLE_NOW))
    event = IssuesEvent.model_validate(issue_event(
        body=render_body(TEMPLATE, {**GOOD_ANSWERS, field: text})))
    decision = assess(event, catalog, SPEC)  # ask for changes or accept: never an error
    form_field = SPEC.field(field)
    assert form_field is not None
    label = form_field.label
    if isinstance(decision, NeedsChanges):  # the refusal names the field that changed
        assert any(problem.startswith(f"{label}: ") for problem in decision.problems), \
            decision.problems
    else:
        assert isinstance(decision, Accepted), decision
        filed = yaml.safe_load(decision.text)
        if field in ("title", "summary", "problem", "proposal", "benefits"):
            # The text reads back as typed, its line endings as one `\n` each.
            typed = re.sub(r"\r\n?", "\n", text).strip()
            assert (filed.get(field) or "").strip() == typed


CATALOG: dict[str, Any] = {}


@given(text=TEXT)
def test_the_yaml_loader_refuses_with_problems_or_reads(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yml")
    except ProblemsFound as found:
        assert found.problems


SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1,
                            max_size=20), children, max_size=4)), max_leaves=12)


@given(data=st.dictionaries(st.sampled_from(["a", "b", "title", "on", "no"]), DATA,
                            max_size=4))
def test_what_the_writer_writes_the_loader_reads_back(data: dict[str, Any]) -> None:
    def as_text(value: Any) -> Any:  # the loader keeps scalars as text, None as None
        if isinstance(value, dict):
            return {str(k): as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_text(v) for v in value]
        if value is None:
            return None
        return str(value).lower() if isinstance(value, bool) else str(value)

    try:
        read = parse_yaml(dump_yaml(data), "round.yml").data
    except ProblemsFound as found:  # control characters are refused, never misread
        assert any("control character" in p.message for p in found.problems)
        return
    assert read == as_text(data)


COMMENTS = st.one_of(TEXT, st.lists(st.sampled_from(
    ["/vote", "/unvote", "/VOTE", " 3", "\t12", " 0042", "\n", "\r\n", "\n\n", "> ", "- ", "```",
     "    ", "<pre>", "&#47;", "\\", "*", "text ", "|a|\n|-|\n"]), max_size=12).map("".join))


@given(body=COMMENTS)
@example("/vote 12")
@example("text\n/VOTE\t0042  \n")
@example("> /vote 3\n\n/unvote")
def test_a_vote_command_found_is_a_line_of_the_comment(body: str) -> None:
    command = find_command(body)
    if command is None:
        return
    # The comment's text as shown: entities and backslash escapes read, lines split (a
    # backslash ending a line breaks it).
    shown = html.unescape(re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", body))
    lines = [line.strip(" \t").removesuffix("\\").rstrip(" \t").lower()
             for line in re.split(r"\r\n|\r|\n", shown)]
    said = rf"/{command.verb}" + ("" if command.points is None else rf"[ \t]+0*{command.points}")
    assert any(re.fullmatch(said, line) for line in lines), (command, body)


# `<` could open an HTML block and a fence a code block, either of which runs past blank lines.
@given(points=st.integers(min_value=1, max_value=9999), before=TEXT.filter(
    lambda t: not any(mark in t for mark in ("/vote", "/unvote", "`", "~~~", "<"))))
def test_a_vote_in_a_paragraph_of_its_own_is_always_found(points: int, before: str) -> None:
    assert find_command(f"{before}\n\n/vote {points}\n") == Command("vote", points)


@given(body=TEXT)
def test_nothing_in_a_quote_votes(body: str) -> None:
    quoted = "\n".join(f"> {line}" for line in body.splitlines())
    assert find_command(f"{quoted}\n> /vote 2") is None


@given(body=TEXT, info=st.sampled_from(["", "md", "text"]))
def test_nothing_in_fenced_code_votes(body: str, info: str) -> None:
    # a fence longer than any run of backticks in the code is closed by nothing in it
    fence = "`" * (max((len(run) for run in re.findall("`+", body)), default=0) + 3)
    assert find_command(f"{fence}{info}\n{body}\n/vote\n{fence}") is None


@given(body=TEXT.filter(lambda t: "-->" not in t))
def test_nothing_in_an_html_comment_votes(body: str) -> None:
    assert find_command(f"<!--\n{body}\n/vote\n-->") is None


BALLOT_PATH = "challenges/c/votes/v.yml"


@given(text=TEXT, raw=TEXT)
def test_the_ballot_history_reader_takes_any_file_and_any_log(text: str, raw: str) -> None:
    from generator.portal.ballot_history import replay

    added = "".join(f"+{line}\n" for line in f"voter: v\nvia: ballot\n{text}".split("\n"))
    log = (f"\0{'a' * 40} 1767225600\n\ndiff --git a/{BALLOT_PATH} b/{BALLOT_PATH}\n"
           f"new file mode 100644\n--- /dev/null\n+++ b/{BALLOT_PATH}\n@@ -0,0 +1 @@\n{added}")
    for state in (replay(log), replay(raw), replay(log + raw)):
        for votes in state.values():
            assert all(isinstance(idea, str) and points >= 1 and nth >= 1
                       for idea, points, nth in votes)


@given(text=TEXT)
def test_the_co_authors_reader_takes_anything_and_reads_back_what_it_found(text: str) -> None:
    logins, wrong = read_coauthors(text)
    assert read_coauthors(", ".join(f"@{login}" for login in logins)) == (logins, [])
    assert all(part.strip() and not part.startswith(",") for part in wrong)


MARKUP = st.text(alphabet="fixes closed Resolve #12 @ab/ :\n`~-*>[]<&1.", max_size=200)


@given(text=st.one_of(TEXT, MARKUP))
def test_bot_texts_close_nothing_and_mention_no_one_whatever_they_carry(text: str) -> None:
    plain = inert(text)
    assert plain.replace("“", "").replace("”", "").replace("\uff20", "@") == \
        text.replace("“", "").replace("”", "").replace("\uff20", "@")
    assert inert(plain) == plain  # once is enough
    assert inert_markdown(text).count("\n") == text.count("\n")


@given(text=st.one_of(TEXT, MARKUP))
def test_the_renderer_takes_any_text_and_the_shape_check_any_line(text: str) -> None:
    shape_refusal(text)
    render_user_markdown(text)  # never an error: beyond the limits, plain paragraphs
