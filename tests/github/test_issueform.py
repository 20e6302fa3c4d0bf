"""Reading issue bodies as GitHub renders them from issue forms."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.github.forms.answers import FormSpec, check_answers, read_answers
from generator.github.forms.render import FORM_PATH
from tests.support import EXAMPLE
from tests.support.github_contract import ISSUE_FORM_FIXTURES as FORMS
from tests.support.github_material import GOOD_ANSWERS, render_body
from tests.test_fuzz import assert_answers_read_back


def github_case(name: str) -> tuple[dict[str, Any], str]:
    """A case of GitHub's issue-form parser (npm @github/issue-parser, `__fixtures__/`)."""
    template = yaml.safe_load((FORMS / name / "template.yml").read_text())
    return template, (FORMS / name / "issue.md").read_text()


def as_issue_parser_reads(value: Any, kind: str, options: tuple[str, ...]) -> Any:
    """Our answer in github/issue-parser's conventions, to compare with its fixtures."""
    if kind == "checkboxes":
        return {"selected": value, "unselected": [o for o in options if o not in value]}
    if kind == "dropdown" and not isinstance(value, list):
        return [value] if value else []
    return value


@pytest.mark.parametrize("case", ["example", "missing"])
def test_github_examples_read_as_githubs_own_parser_reads_them(case: str) -> None:
    template, body = github_case(case)
    spec = FormSpec.from_template(template)
    expected = json.loads((FORMS / case / "parsed-issue.json").read_text())
    answers = read_answers(body, spec)
    ours = {f.id: as_issue_parser_reads(answers.values[f.id], f.kind, f.options)
            for f in spec.fields if answers.values.get(f.id) is not None}
    assert ours == {key: value for key, value in expected.items() if value != []} | {
        key: [] for key, value in expected.items() if value == [] and key in ours}


def test_the_renderer_in_these_tests_writes_bodies_exactly_as_github_does() -> None:
    template, body = github_case("example")
    spec = FormSpec.from_template(template)
    answers: dict[str, Any] = dict(read_answers(body, spec).values)
    answers["is-thing"] = set(answers["is-thing"])
    answers["is-thing-useful"] = set(answers["is-thing-useful"])
    assert render_body(template, answers) == body.rstrip("\n").replace("- [x]", "- [X]")


def test_an_extra_heading_stays_inside_the_answer_before_it() -> None:
    template, body = github_case("extra")
    answers: dict[str, Any] = read_answers(body, FormSpec.from_template(template)).values
    assert "### This is an extra header someone included" in answers["description"]
    assert answers["notes"] == "- Note\n- Another note\n- Lots of notes"


@pytest.mark.parametrize("case", ["header", "invalid", "blank"])
def test_a_body_without_the_forms_headings_is_not_from_the_form(case: str) -> None:
    template, body = github_case(case if case != "blank" else "example")
    if case == "blank":
        body = (FORMS / "blank" / "issue.md").read_text()
    assert not read_answers(body, FormSpec.from_template(template)).from_form


@pytest.fixture(scope="module")
def our_form() -> tuple[dict[str, Any], FormSpec]:
    template = yaml.safe_load((EXAMPLE / FORM_PATH).read_text())
    return template, FormSpec.read(EXAMPLE / FORM_PATH, str(FORM_PATH))


def test_our_form_read_back_gives_every_answer(our_form: tuple[dict[str, Any], FormSpec]) -> None:
    template, spec = our_form
    values: dict[str, Any] = read_answers(render_body(template, GOOD_ANSWERS), spec).values
    assert values["title"] == GOOD_ANSWERS["title"]
    assert values["problem"] == GOOD_ANSWERS["problem"]
    assert values["tags"] == ["counter", "menu"]
    assert len(values["agreement"]) == 2
    assert check_answers(read_answers(render_body(template, GOOD_ANSWERS), spec), spec) == []


def test_crlf_no_response_and_lowercase_ticks(our_form: tuple[dict[str, Any], FormSpec]) -> None:
    template, spec = our_form
    body = render_body(template, {**GOOD_ANSWERS, "benefits": "", "tags": []}, newline="\r\n")
    body = body.replace("- [X]", "- [x]")
    values: dict[str, Any] = read_answers(body, spec).values
    assert values["benefits"] is None
    assert values["tags"] == []
    assert values["problem"] == GOOD_ANSWERS["problem"]
    assert "\r" not in values["problem"]
    assert len(values["agreement"]) == 2


def test_a_heading_inside_a_code_block_is_part_of_the_answer(
        our_form: tuple[dict[str, Any], FormSpec]) -> None:
    template, spec = our_form
    proposal = "Like this:\n\n```md\n### Your proposal\n### Tags\n```\n\nThat is all."
    values = read_answers(render_body(template, {**GOOD_ANSWERS, "proposal": proposal}),
                          spec).values
    assert values["proposal"] == proposal
    assert values["tags"] == ["counter", "menu"]


def test_a_body_typed_by_hand_is_read_too(our_form: tuple[dict[str, Any], FormSpec]) -> None:
    _, spec = our_form
    body = ("hello!\n### challenge\nthe suggestion box\n### TITLE OF YOUR IDEA ###\nJars\n"
            "### Your idea in one sentence\nSoup in jars.\n### The problem\nTubs.\n"
            "### Your proposal\nJars.\n")
    answers = read_answers(body, spec)
    assert answers.values["challenge"] == "the suggestion box"
    assert answers.values["title"] == "Jars"
    labels = {problem.label for problem in check_answers(answers, spec)}
    assert labels == {"Who are you to Crumb & Kettle?", "Licence and conduct"}


def test_unticked_agreement_and_a_wrong_choice_are_named(
        our_form: tuple[dict[str, Any], FormSpec]) -> None:
    template, spec = our_form
    body = render_body(template, {**GOOD_ANSWERS, "agreement": set(), "segment": "Custmer"})
    problems = [str(p) for p in check_answers(read_answers(body, spec), spec)]
    assert any("did you mean “Customer”" in p for p in problems)
    assert sum("is not ticked" in p for p in problems) == 2


def test_an_empty_body_has_no_answers(our_form: tuple[dict[str, Any], FormSpec]) -> None:
    assert not read_answers("", our_form[1]).from_form
    assert not read_answers(None, our_form[1]).from_form


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)


@given(body=TEXT)
def test_any_text_at_all_reads_back_and_every_refusal_names_a_field(body: str) -> None:
    assert_answers_read_back(body, FormSpec.read(EXAMPLE / FORM_PATH, str(FORM_PATH)))


LINE = st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1,
               max_size=60).map(str.strip).filter(lambda s: s and s != "_No response_"
                                                  and not s.startswith(("#", "`", "~")))


@given(title=LINE, problem=st.lists(LINE, min_size=1, max_size=5))
def test_answers_survive_the_round_trip(title: str, problem: list[str]) -> None:
    template = yaml.safe_load((EXAMPLE / FORM_PATH).read_text())
    spec = FormSpec.from_template(template)
    text = "\n".join(problem)
    values = read_answers(render_body(template, {**GOOD_ANSWERS, "title": title,
                                                 "problem": text}), spec).values
    assert values["title"] == title
    assert values["problem"] == text
