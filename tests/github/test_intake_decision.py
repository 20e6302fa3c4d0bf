"""The intake's decision on one issue event, read straight from `assess`: what it ignores
and why, every problem it asks the author to fix in their words, and the idea it files.

tests/github/test_intake.py runs the whole command; these check the decision alone, field by
field, on events built from GitHub's example payloads (tests/support/github_material.py).
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.github.events import IssuesEvent
from generator.github.forms.answers import FormSpec
from generator.github.forms.render import FORM_PATH
from generator.github.intake.decision import (
    Accepted,
    Decision,
    NeedsChanges,
    assess,
    find_similar,
    free_id,
    similarity,
)
from generator.github.intake.decision import (
    NotAnIdea as Ignored,
)
from generator.i18n import language
from generator.portal.catalog import Catalog
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW
from tests.support.github_material import GOOD_ANSWERS, issue_event, render_body

TEMPLATE: dict[str, Any] = yaml.safe_load((EXAMPLE / FORM_PATH).read_text("utf-8"))
SPEC = FormSpec.from_template(TEMPLATE)


@pytest.fixture(scope="module")
def example() -> Catalog:
    return load_catalog(EXAMPLE, now=EXAMPLE_NOW)


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
        "form (open now: `Bringing the neighbourhood in` and `The suggestion box`)"]


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
        "challenge open now"
        " (open now: `Bringing the neighbourhood in` and `The suggestion box`)"]


@pytest.mark.parametrize("machine_zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_a_challenge_not_open_yet_says_the_day_it_opens_in_the_portals_zone(
        example: Catalog, machine_zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ideas open on 1 April 2028, London time, whatever the zone of the machine answering.
    monkeypatch.setenv("TZ", machine_zone)
    time.tzset()
    try:
        problems = problems_of(decide(example, {**GOOD_ANSWERS,
                                                "challenge": "local-sourcing-2028"}))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert problems == [
        "Challenge: `Sourcing closer to home` is not open for ideas: it opens on 1 April 2028 "
        "— choose a challenge open now"
        " (open now: `Bringing the neighbourhood in` and `The suggestion box`)"]


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


# -- decisions that depend on the portal ------------------------------------------------------

def spec_with(label_of: dict[str, str]) -> tuple[dict[str, Any], FormSpec]:
    """The idea form with some questions relabelled, as a maintainer may word them."""
    template = copy.deepcopy(TEMPLATE)
    for item in template["body"]:
        if item.get("id") in label_of:
            item["attributes"]["label"] = label_of[item["id"]]
    return template, FormSpec.from_template(template)


def test_a_pull_request_is_not_an_idea(example: Catalog) -> None:
    payload = issue_event(body=render_body(TEMPLATE, GOOD_ANSWERS))
    payload["issue"]["pull_request"] = {"url": "https://api.github.com/repos/x/y/pulls/101"}
    decision = assess(IssuesEvent.model_validate(payload), example, SPEC)
    assert decision == Ignored("this is a pull request, not an issue")


def test_the_challenge_question_is_named_by_the_forms_own_label(example: Catalog) -> None:
    template, spec = spec_with({"challenge": "Which challenge?"})
    text = render_body(template, {**GOOD_ANSWERS, "challenge": "The moon"})
    decision = assess(IssuesEvent.model_validate(issue_event(body=text)), example, spec)
    # Said once, by the portal: not again as "not one of the choices" of the dropdown.
    assert problems_of(decision) == [
        "Which challenge?: `The moon` is not one of our challenges — choose one from the list "
        "on the form"
        " (open now: `Bringing the neighbourhood in` and `The suggestion box`)"]


def test_a_form_without_a_challenge_question_is_asked_for_the_challenge(
        example: Catalog) -> None:
    spec = FormSpec(SPEC.name, tuple(f for f in SPEC.fields if f.id != "challenge"))
    text = render_body(TEMPLATE, GOOD_ANSWERS)
    decision = assess(IssuesEvent.model_validate(issue_event(body=text)), example, spec)
    assert problems_of(decision) == [
        "Challenge: has no answer — choose the challenge your idea is for"]


def test_an_idea_filed_in_a_challenge_that_no_longer_takes_ideas_stands(
        example: Catalog) -> None:
    assert example.challenges["winter-menu-2026"].ideas["12"].model.issue == 12
    assert decide(example, GOOD_ANSWERS, number=12, action="edited") == Ignored(
        "idea 12 is filed and winter-menu-2026 no longer takes ideas, so the filed version "
        "stands")


def test_an_edit_of_a_filed_idea_keeps_the_maintainers_fields_and_is_not_its_own_twin(
        example: Catalog) -> None:
    filed = example.challenges["suggestion-box"].ideas["3"].model
    answers = {**GOOD_ANSWERS, "title": filed.title, "summary": filed.summary}
    decision = decide(example, answers, number=3, action="edited")
    assert isinstance(decision, Accepted), decision
    assert decision.id == "3" and decision.path == "challenges/suggestion-box/ideas/3.yml"
    assert decision.idea.status == filed.status and decision.idea.history == filed.history
    assert decision.idea.submitted == filed.submitted
    assert "3" not in [similar.idea for similar in decision.similar]


def test_an_idea_filed_under_another_challenge_is_not_moved(example: Catalog) -> None:
    answers = {**GOOD_ANSWERS, "challenge": "neighbourhood-events"}
    problems = problems_of(decide(example, answers, number=3, action="edited"))
    assert ("Challenge: this idea is already filed under `The suggestion box` — ask a maintainer "
            "to move it") in problems


def test_when_both_ids_are_taken_by_hand_the_author_is_told(portal: Path) -> None:
    ideas = portal / "challenges/suggestion-box/ideas"
    text = (ideas / "5.yml").read_text("utf-8").replace("issue: 5\n", "")
    for name in ("101", "issue-101"):
        (ideas / f"{name}.yml").write_text(text, "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    assert problems_of(decide(catalog, GOOD_ANSWERS)) == [
        "Ideas `101` and `issue-101` were filed by hand, so the portal has no id left for this "
        "issue's idea — ask a maintainer to rename one of them"]
    (ideas / "issue-101.yml").unlink()
    decision = decide(load_catalog(portal, now=EXAMPLE_NOW), GOOD_ANSWERS)
    assert isinstance(decision, Accepted) and decision.id == "issue-101"
    assert decision.beside_another
    assert decision.path == "challenges/suggestion-box/ideas/issue-101.yml"


def test_a_committed_challenge_form_is_read_rather_than_the_one_the_portal_would_write(
        example: Catalog) -> None:
    template, spec = spec_with({"benefits": "Who gains"})
    event = IssuesEvent.model_validate(issue_event(body=render_body(template, GOOD_ANSWERS)))
    decision = assess(event, example, SPEC, {"suggestion-box": spec})
    assert isinstance(decision, Accepted), decision
    assert decision.idea.proposal == GOOD_ANSWERS["proposal"]
    assert decision.idea.benefits == GOOD_ANSWERS["benefits"]
    # Read with the form the portal would write, the question is not one of its own.
    decision = assess(event, example, SPEC)
    assert isinstance(decision, Accepted), decision
    assert decision.idea.proposal.endswith("### Who gains\n\n" + GOOD_ANSWERS["benefits"])
    assert decision.idea.benefits is None


def test_a_portal_in_french_answers_in_french(portal: Path) -> None:
    settings = portal / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace("language: en", "language: fr"),
                        "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    french = language("fr")
    none_open = french.gettext("No challenge is open for ideas right now")
    assert none_open != "No challenge is open for ideas right now"
    problems = problems_of(decide(catalog, {**GOOD_ANSWERS, "challenge": none_open}))
    assert problems == ["Challenge: " + french.gettext(
        "has no answer — choose the challenge your idea is for")]
    # The challenge's form is then the French one, whose questions this English body lacks.
    missing = french.gettext("is missing from the issue")
    assert missing != "is missing from the issue"
    problems = problems_of(decide(catalog, GOOD_ANSWERS))
    assert problems and all(f": {missing} — " in problem for problem in problems), problems


def test_similarity_compares_the_words_alone() -> None:
    assert similarity("ab cd", "abcd") == pytest.approx(8 / 9)  # 2 × 4 matching / 9
    assert similarity("Ab, CD!", "ab cd") == 1.0


def test_similar_ideas_from_three_quarters_alike_most_alike_first(portal: Path) -> None:
    ideas = portal / "challenges/suggestion-box/ideas"
    text = (ideas / "5.yml").read_text("utf-8")
    model = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["5"].model
    for name, title, summary in (("900", "abcd", "Zzzz qqqq."), ("901", "abce", "Mmmm nnnn."),
                                 ("902", "abcd", "Kkkk llll."), ("903", "abcf gh", "Pppp.")):
        (ideas / f"{name}.yml").write_text(
            text.replace(f"title: {model.title}", f"title: {title}")
            .replace(f"summary: {model.summary}", f"summary: {summary}")
            .replace("issue: 5\n", f"issue: {name}\n"), "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    mine = catalog.challenges["suggestion-box"].ideas["900"].model
    # 902: the same title (1); 901: 3 of 4 letters alike (2 × 3 / 8 = 0.75, just enough);
    # 903: 2 × 3 / 11, too little.
    assert [(s.idea, s.title, s.similarity) for s in find_similar(mine, "900", catalog)] == [
        ("902", "abcd", 1.0), ("901", "abce", 0.75)]


def test_the_kept_fields_plain_times_are_read_in_the_portals_zone(portal: Path) -> None:
    # Submitted at 10:30 London time in June (09:30 UTC), published at 10:00 UTC: in order
    # in the portal's zone, though not if the plain time were read as UTC.
    file = portal / "challenges/suggestion-box/ideas/3.yml"
    data = yaml.safe_load(file.read_text("utf-8"))
    data["submitted"] = "2025-06-01T10:30:00"
    data["status"] = "published"
    data["history"] = [{"status": "published", "at": "2025-06-01T10:00:00Z"}]
    file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    filed = catalog.challenges["suggestion-box"].ideas["3"].model
    decision = decide(catalog, GOOD_ANSWERS, number=3, action="edited")
    assert isinstance(decision, Accepted), decision
    assert decision.idea.submitted == filed.submitted
    assert "submitted: 2025-06-01T10:30:00\n" in decision.text


def test_too_many_co_authors_are_named_once_in_the_forms_words(example: Catalog) -> None:
    logins = ", ".join(f"@person-{n}" for n in range(11))
    assert problems_of(decide(example, {**GOOD_ANSWERS, "coauthors": logins})) == [
        "Co-authors: names 11 co-authors, over the limit of 10 — keep the people who wrote the "
        "idea with you"]


def test_the_form_is_named_by_its_own_title_question(example: Catalog) -> None:
    _, spec = spec_with({"title": "Name your idea"})
    decision = assess(IssuesEvent.model_validate(issue_event(body="Hi.")), example, spec)
    assert "(`### Name your idea` and the rest)" in problems_of(decision)[0]
    untitled = FormSpec(SPEC.name, tuple(f for f in SPEC.fields if f.id != "title"))
    decision = assess(IssuesEvent.model_validate(issue_event(body="Hi.")), example, untitled)
    assert "(`### Title of your idea` and the rest)" in problems_of(decision)[0]


def test_a_juror_or_the_author_as_co_author_is_refused_once(example: Catalog) -> None:
    assert problems_of(decide(example, {**GOOD_ANSWERS, "coauthors": "@marta-okafor"})) == [
        "Co-authors: `@marta-okafor` is on this challenge's jury, and a juror cannot co-author "
        "an idea they score — remove them from the co-authors"]
    assert problems_of(decide(example, {**GOOD_ANSWERS, "coauthors": "@nadia-rahman"})) == [
        "Co-authors: repeats a person or names the author — list each co-author once"]


def test_an_accepted_idea_names_the_ideas_like_it(example: Catalog) -> None:
    filed = example.challenges["suggestion-box"].ideas["5"].model
    decision = decide(example, {**GOOD_ANSWERS, "title": filed.title})
    assert isinstance(decision, Accepted)
    assert [(s.idea, s.title, s.similarity) for s in decision.similar] == [
        ("5", filed.title, 1.0)]


def test_a_title_shared_with_a_closed_challenge_means_the_open_one(portal: Path) -> None:
    closed = portal / "challenges/winter-menu-2026/challenge.yml"
    text = closed.read_text("utf-8")
    closed.write_text(text.replace("title: A warming winter menu", "title: The suggestion box"),
                      "utf-8")
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    decision = decide(catalog, GOOD_ANSWERS)  # names "The suggestion box"
    assert isinstance(decision, Accepted), decision
    assert decision.idea.challenge == "suggestion-box"


def test_an_answer_over_its_length_is_told_the_limit(example: Catalog) -> None:
    assert problems_of(decide(example, {**GOOD_ANSWERS, "title": "x" * 201})) == [
        "Title of your idea: is longer than 200 characters — shorten it and save the issue "
        "again"]


@pytest.mark.parametrize("label", ["idea", "idée", "IDÉE"])
def test_an_issue_labelled_an_idea_in_any_language_is_one(example: Catalog, label: str) -> None:
    """A body not from the form: an idea label, whatever language the portal made it in,
    gets the author asked to use the form; without one the issue is not the portal's."""
    body = "The oven door is broken, please fix."
    asked = decide(example, body=body, labels=(label,))
    assert problems_of(asked)[0].startswith("This issue did not come from the idea form")
    assert isinstance(decide(example, body=body, labels=("bug",)), Ignored)
