"""Properties over everything that reads hostile text: no unhandled error, round trips hold.

`make test` runs them with hypothesis's usual budget; `make fuzz` runs the
same properties with 20,000 examples each.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.comment_votes import Command, find_command
from generator.events import IssuesEvent
from generator.forms import FORM_PATH
from generator.inert import inert, inert_markdown
from generator.intake import assess
from generator.intake_answers import read_coauthors
from generator.issueform import FormSpec, check_answers, read_answers
from generator.loader import parse_yaml
from generator.models.text_limits import shape_refusal
from generator.problems import ProblemsFound
from generator.usertext import render_user_markdown
from generator.writer import dump_yaml

from .conftest import EXAMPLE_NOW, REPO
from .github_material import GOOD_ANSWERS, issue_event, render_body

pytestmark = pytest.mark.fuzz
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
SPEC = FormSpec.read(REPO / FORM_PATH, str(FORM_PATH))
TEMPLATE = yaml.safe_load((REPO / FORM_PATH).read_text("utf-8"))


@given(body=TEXT)
def test_the_issue_body_reader_takes_anything(body: str) -> None:
    check_answers(read_answers(body, SPEC), SPEC)


# Each example renders a whole form and decides on it: a tenth of the fuzz budget is plenty.
@settings(max_examples=min(settings().max_examples, 2_000))
@given(field=st.sampled_from(["title", "summary", "problem", "proposal", "benefits",
                              "coauthors", "segment", "challenge"]), text=TEXT)
def test_the_intake_decides_on_anything_in_any_field(field: str, text: str) -> None:
    from generator.catalog import load_catalog

    catalog = CATALOG.setdefault("c", load_catalog(REPO, now=EXAMPLE_NOW))
    event = IssuesEvent.model_validate(issue_event(
        body=render_body(TEMPLATE, {**GOOD_ANSWERS, field: text})))
    assess(event, catalog, SPEC)  # ignore, ask for changes or accept: never an error


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


@given(body=TEXT)
def test_the_vote_command_reader_takes_anything(body: str) -> None:
    command = find_command(body)
    assert command is None or command.verb in ("vote", "unvote")


@given(points=st.integers(min_value=1, max_value=9999), before=TEXT.filter(
    lambda t: "/vote" not in t and "/unvote" not in t and "`" not in t and "~~~" not in t))
def test_a_vote_on_its_own_line_is_always_found(points: int, before: str) -> None:
    body = f"{before}\n\n/vote {points}\n"
    if any(line.lstrip().startswith(("```", "~~~")) for line in before.splitlines()):
        return
    assert find_command(body) == Command("vote", points)


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
