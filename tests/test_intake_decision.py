"""The intake's decision on one issue event, read straight from `assess`: what it ignores
and why, every problem it asks the author to fix in their words, and the idea it files.

tests/test_intake.py runs the whole command; these check the decision alone, field by
field, on events built from GitHub's example payloads (tests/github_material.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.catalog import Catalog, load_catalog
from generator.events import IssuesEvent
from generator.forms import FORM_PATH
from generator.intake import (
    Accepted,
    Decision,
    Ignored,
    NeedsChanges,
    assess,
    find_similar,
    free_id,
    similarity,
)
from generator.issueform import FormSpec

from .conftest import EXAMPLE_NOW, REPO
from .github_material import GOOD_ANSWERS, issue_event, render_body

TEMPLATE: dict[str, Any] = yaml.safe_load((REPO / FORM_PATH).read_text("utf-8"))
SPEC = FormSpec.from_template(TEMPLATE)


@pytest.fixture(scope="module")
def example() -> Catalog:
    return load_catalog(REPO, now=EXAMPLE_NOW)


def decide(catalog: Catalog, answers: dict[str, Any] | None = None, *, body: str | None = None,
           **event: Any) -> Decision:
    text = body if answers is None else render_body(TEMPLATE, answers)
    return assess(IssuesEvent.model_validate(issue_event(body=text, **event)), catalog, SPEC)


def problems_of(decision: Decision) -> list[str]:
    assert isinstance(decision, NeedsChanges), decision
    return decision.problems


@pytest.mark.parametrize(("event", "reason"), [
    ({"action": "closed"}, "the intake answers opened, edited and reopened issues, not closed"),
    ({"action": "labeled"}, "the intake answers opened, edited and reopened issues, not labeled"),
    ({"user_type": "Bot", "login": "helper-bot"},
     "issues opened by bots (helper-bot) are not ideas"),
    ({"state": "closed", "action": "edited"}, "the issue is closed"),
    ({"locked": True}, "the issue is locked"),
])
def test_what_the_intake_does_not_answer_says_why(example: Catalog, event: dict[str, Any],
                                                  reason: str) -> None:
    assert decide(example, GOOD_ANSWERS, **event) == Ignored(reason)


@pytest.mark.parametrize("action", ["opened", "edited", "reopened"])
def test_opened_edited_and_reopened_issues_are_answered(example: Catalog, action: str) -> None:
    assert isinstance(decide(example, GOOD_ANSWERS, action=action), Accepted)


def test_a_good_submission_is_filed_under_the_issues_number(example: Catalog) -> None:
    decision = decide(example, GOOD_ANSWERS)
    assert isinstance(decision, Accepted)
    assert decision.id == "101" and not decision.beside_another
    assert decision.path == "challenges/suggestion-box/ideas/101.yml"
    assert decision.text.startswith(
        "# yaml-language-server: $schema=../../../content/schemas/idea.schema.json\n"
        "title: Soup of the day in a returnable jar\nchallenge: suggestion-box\n")
    assert "submitted: 2026-11-20T09:30:00Z\n" in decision.text
    assert decision.idea.issue == 101


def test_an_unlabelled_issue_without_the_forms_questions_is_not_an_idea(
        example: Catalog) -> None:
    assert decide(example, body="Hello, a question.", labels=()) == Ignored(
        "not an idea: no `idea` label and none of the form's questions")


def test_a_labelled_issue_without_the_forms_questions_is_asked_to_use_the_form(
        example: Catalog) -> None:
    assert problems_of(decide(example, body="Hello, a question.")) == [
        "This issue did not come from the idea form: none of its questions are in it — open a "
        "new issue with the **Submit an idea** form, or copy its questions (`### Title of "
        "your idea` and the rest) into this one."]


def test_a_body_over_githubs_limit_is_refused_with_its_length(example: Catalog) -> None:
    assert decide(example, body="x" * 65_537, labels=()) == Ignored(
        "not an idea: no `idea` label, and the body is too long to read")
    assert problems_of(decide(example, body="x" * 65_537)) == [
        "The issue is 65,537 characters long, over the limit of 65,536 — shorten the answers "
        "and save the issue again."]
    # Exactly at the limit the body is read, and found not to be a form.
    assert "did not come from the idea form" in problems_of(
        decide(example, body="x" * 65_536))[0]


def test_a_challenge_that_is_not_ours_is_named_back(example: Catalog) -> None:
    answers = {**GOOD_ANSWERS, "challenge": "The moon"}
    assert problems_of(decide(example, answers)) == [
        "Challenge: `The moon` is not one of our challenges — choose one from the list on the "
        "form"]


def test_a_challenge_given_by_slug_or_title_in_any_case_is_understood(example: Catalog) -> None:
    for name in ("suggestion-box", "  THE SUGGESTION BOX "):
        decision = decide(example, {**GOOD_ANSWERS, "challenge": name})
        assert isinstance(decision, Accepted), decision
        assert decision.idea.challenge == "suggestion-box"


def test_no_challenge_chosen_is_asked_for_first(example: Catalog) -> None:
    answers = {**GOOD_ANSWERS, "challenge": "No challenge is open for ideas right now",
               "title": ""}
    problems = problems_of(decide(example, answers))
    assert problems[0] == ("Challenge: has no answer — choose the challenge your idea is for")
    assert problems[1:] == ["Title of your idea: has no answer — edit the issue and fill it in"]


def test_a_closed_challenge_is_named_with_what_to_do(example: Catalog) -> None:
    answers = {**GOOD_ANSWERS, "challenge": "winter-menu-2026"}
    title = example.challenges["winter-menu-2026"].challenge.title
    assert problems_of(decide(example, answers)) == [
        f"Challenge: `{title}` is not open for ideas: it no longer takes ideas — choose a "
        "challenge open now"]


def test_a_challenge_not_open_yet_says_when_it_opens(example: Catalog) -> None:
    answers = {**GOOD_ANSWERS, "challenge": "local-sourcing-2028"}
    challenge = example.challenges["local-sourcing-2028"].challenge
    [problem] = problems_of(decide(example, answers))
    assert problem.startswith(f"Challenge: `{challenge.title}` is not open for ideas: it opens "
                              "on ")
    assert problem.endswith(" — choose a challenge open now")
    opens = challenge.timeline.ideas_open
    assert str(opens.year) in problem and opens.strftime("%B") in problem


def test_similarity_ignores_case_and_punctuation() -> None:
    assert similarity("Soup, in a JAR!", "soup in a jar") == 1.0
    assert similarity("soup jar", "soupjar") < 1.0
    assert similarity("abc", "xyz") == 0.0


def test_the_next_free_id_is_the_number_then_issue_n(tmp_path: Path,
                                                     example: Catalog) -> None:
    assert free_id(example, 101) == "101"
    taken = next(iter(example.challenges["suggestion-box"].ideas))
    assert free_id(example, int(taken)) == f"issue-{taken}"


def test_similar_ideas_are_listed_most_alike_first_without_the_idea_itself(
        example: Catalog) -> None:
    folder = example.challenges["suggestion-box"]
    first_id, first = next(iter(folder.ideas.items()))
    found = find_similar(first.model, first_id, example)
    assert all(similar.idea != first_id for similar in found)
    copy = first.model.model_copy(update={"summary": "Something else entirely, really."})
    found = find_similar(copy, "999", example)
    assert found[0].idea == first_id and found[0].similarity == 1.0
    assert [s.similarity for s in found] == sorted((s.similarity for s in found), reverse=True)
