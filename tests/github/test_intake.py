"""`cocreate intake` without a token: issue events in, idea files and plain answers out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.github.forms.render import FORM_PATH
from generator.portal.paths import form_path
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW, REPO
from tests.support.github_contract import check_webhook_payload, webhook_examples
from tests.support.github_material import GOOD_ANSWERS, issue_event, label, render_body, write_event

IDEA = "challenges/suggestion-box/ideas/101.yml"
Run = Callable[..., Result]


@pytest.fixture
def form(portal: Path) -> dict[str, Any]:
    (portal / FORM_PATH.parent).mkdir(parents=True, exist_ok=True)
    (portal / FORM_PATH).write_bytes((EXAMPLE / FORM_PATH).read_bytes())
    return yaml.safe_load((portal / FORM_PATH).read_text())  # type: ignore[no-any-return]


@pytest.fixture
def intake(portal: Path, form: dict[str, Any], tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the intake on an event built from GitHub's example payload."""
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)

    def run(answers: dict[str, Any] | None = None, *, body: str | None = None,
            **event: Any) -> Result:
        text = body if answers is None else render_body(form, answers)
        file = write_event(tmp_path, issue_event(body=text, **event))
        return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                        "intake", "--event", str(file)])

    return run


def test_a_good_submission_becomes_a_valid_idea_file(intake: Run, portal: Path) -> None:
    result = intake(GOOD_ANSWERS)
    assert result.exit_code == 0, result.output
    assert "no GITHUB_TOKEN" in result.output
    assert "would start branch idea/101 from main" in result.output
    assert "would comment on issue #101" in result.output
    assert "would label issue #101: +idea" not in result.output  # the form already labelled it
    idea = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["101"].model
    assert idea.title == GOOD_ANSWERS["title"]
    assert idea.author == "nadia-rahman"
    assert idea.coauthors == ["amira-haddad"]
    assert idea.segment == "customer"
    assert idea.tags == ["counter", "menu"]
    assert idea.status == "submitted"
    assert idea.issue == 101
    assert idea.submitted.isoformat() == "2026-11-20T09:30:00+00:00"


def test_the_same_body_twice_gives_the_same_bytes(intake: Run, portal: Path) -> None:
    intake(GOOD_ANSWERS)
    first = (portal / IDEA).read_bytes()
    result = intake(GOOD_ANSWERS, action="edited")
    assert result.exit_code == 0, result.output
    assert (portal / IDEA).read_bytes() == first


def test_every_problem_is_listed_in_the_forms_words(intake: Run, portal: Path) -> None:
    answers = {**GOOD_ANSWERS, "title": "", "segment": "Custmer", "agreement": set(),
               "coauthors": "@amira-haddad, not a login!"}
    result = intake(answers, labels=())
    assert result.exit_code == 0, result.output
    out = result.output
    assert "needs changes (5 problems)" in out
    assert "Title of your idea: has no answer — edit the issue and fill it in" in out
    assert "did you mean “Customer”?" in out
    assert out.count("is not ticked") == 2 * 2  # in the comment, and in the log
    assert "Co-authors: `not`, `a` and `login!` are not GitHub user names after an @ — " \
        "list each co-author as @ and their GitHub user name" in out
    assert "would label issue #101: +idea +needs-changes" in out
    assert not (portal / IDEA).exists()


@pytest.mark.parametrize(("challenge", "says"), [
    ("A warming winter menu", "is not open for ideas: it no longer takes ideas"),
    ("Local sourcing 2028", "not one of our challenges"),
    ("Ideas for the moon", "not one of our challenges"),
])
def test_a_challenge_not_open_for_ideas_is_refused_politely(intake: Run, challenge: str,
                                                           says: str) -> None:
    result = intake({**GOOD_ANSWERS, "challenge": challenge})
    assert says in result.output
    assert "Challenge: " in result.output


def test_an_upcoming_challenge_says_when_it_opens(intake: Run, portal: Path) -> None:
    catalog = load_catalog(portal, now=EXAMPLE_NOW)
    title = catalog.challenges["local-sourcing-2028"].challenge.title
    result = intake({**GOOD_ANSWERS, "challenge": title})
    assert "is not open for ideas: it opens on" in result.output


def test_a_slug_typed_by_hand_chooses_the_challenge(intake: Run, portal: Path) -> None:
    result = intake({**GOOD_ANSWERS, "challenge": "suggestion-box"})
    assert "wrote challenges/suggestion-box/ideas/101.yml" in result.output


@pytest.mark.parametrize(("event", "reason"), [
    ({"user_type": "Bot", "login": "dependabot[bot]"}, "opened by bots"),
    ({"action": "edited", "state": "closed"}, "the issue is closed"),
    ({"action": "edited", "locked": True}, "the issue is locked"),
    ({"action": "labeled"}, "not labeled"),
    ({"labels": ()}, "not an idea"),
])
def test_issues_that_are_not_for_the_intake_are_left_alone(
        intake: Run, portal: Path, event: dict[str, Any], reason: str) -> None:
    body = render_body(yaml.safe_load((portal / FORM_PATH).read_text()), GOOD_ANSWERS) \
        if "labels" not in event else "The oven door is broken, please fix."
    result = intake(body=body, **event)
    assert result.exit_code == 0, result.output
    assert "nothing to do: " in result.output and reason in result.output
    assert "would comment" not in result.output
    assert not (portal / IDEA).exists()


def test_a_body_not_from_the_form_is_refused(intake: Run) -> None:
    result = intake(body="I think you should sell soup in jars.\r\n\r\nThanks!")
    assert "did not come from the idea form" in result.output
    assert "would label issue #101: +needs-changes" in result.output


def test_an_empty_body_is_refused(intake: Run) -> None:
    result = intake(body=None)
    assert "did not come from the idea form" in result.output


def test_an_oversized_body_is_refused_unread(intake: Run, portal: Path) -> None:
    result = intake({**GOOD_ANSWERS, "problem": "soup " * 14_000})
    assert "over the limit of 65,536" in result.output
    assert not (portal / IDEA).exists()


def test_a_similar_idea_is_flagged_not_rejected(intake: Run, portal: Path) -> None:
    result = intake({**GOOD_ANSWERS, "title": "Oat milk with no extra charge",
                     "summary": "Stop charging extra for oat milk in our hot drinks."})
    assert "look similar" in result.output
    assert "#3 `Oat milk at no extra charge`" in result.output
    assert (portal / IDEA).exists()


def test_an_edit_keeps_the_maintainers_answer_and_status(intake: Run, portal: Path,
                                                         form: dict[str, Any]) -> None:
    before = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["5"]
    result = intake({**GOOD_ANSWERS, "title": "A step-free way in, please",
                     "challenge": "The suggestion box"}, action="edited", number=5,
                    login=before.model.author, created="2026-01-10T10:00:00Z")
    assert result.exit_code == 0, result.output
    after = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["5"].model
    assert after.title == "A step-free way in, please"
    assert after.status == before.model.status
    assert after.history == before.model.history
    assert after.submitted == before.model.submitted


def test_a_filed_idea_whose_challenge_closed_is_not_rewritten(intake: Run, portal: Path) -> None:
    file = portal / "challenges/winter-menu-2026/ideas/12.yml"
    before = file.read_bytes()
    result = intake({**GOOD_ANSWERS, "challenge": "A warming winter menu"}, action="edited",
                    number=12)
    assert "the filed version stands" in result.output
    assert file.read_bytes() == before


def test_a_broken_event_file_is_a_clear_error(portal: Path, form: dict[str, Any],
                                              tmp_path: Path) -> None:
    file = tmp_path / "event.json"
    broken = {"action": "opened", "issue": {"number": "x"}}
    assert check_webhook_payload("issues", broken)  # not one GitHub sends: hostile input
    file.write_text(json.dumps(broken))
    result = CliRunner().invoke(cli, ["--root", str(portal), "intake", "--event", str(file)])
    assert result.exit_code == 1
    assert "is not an `issues` event: issue.number" in result.output
    file.write_text("{not json")
    result = CliRunner().invoke(cli, ["--root", str(portal), "intake", "--event", str(file)])
    assert "is not valid JSON" in result.output


def test_the_event_path_comes_from_github_actions(portal: Path, form: dict[str, Any],
                                                  tmp_path: Path) -> None:
    file = write_event(tmp_path, issue_event(body=render_body(form, GOOD_ANSWERS)))
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "intake"], env={"GITHUB_EVENT_PATH": str(file),
                                                      "GITHUB_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert (portal / IDEA).exists()


def example_name(event: dict[str, Any]) -> str:
    """`opened`, `opened-with-organization`, `opened-with-empty-body`…: as octokit names them."""
    variants: list[str] = [key for key in ("organization", "installation") if key in event]
    if event["issue"].get("body") is None:
        variants.append("empty-body")
    if "old_issue" in event.get("changes", {}):
        variants.append("transfer")
    return "-with-".join([event["action"], "-and-".join(variants)]) if variants \
        else event["action"]


# GitHub's example `issues` events, as sent, that GitHub's schema accepts. Left out: two
# older examples that predate fields the schema now requires (test_github_material pins
# which), and `pinned` and `unpinned`, whose issue GitHub may send without a `state`: the
# intake cannot read those, and its workflow is never started by them (checked below).
NOT_FOR_THE_INTAKE = {"pinned", "unpinned"}
ISSUE_EXAMPLES = [example for example in webhook_examples("issues")
                  if not check_webhook_payload("issues", example)
                  and example["action"] not in NOT_FOR_THE_INTAKE]


@pytest.mark.parametrize("event", ISSUE_EXAMPLES, ids=example_name)
def test_githubs_own_issue_events_as_sent_are_left_alone(portal: Path, form: dict[str, Any],
                                                         tmp_path: Path,
                                                         event: dict[str, Any]) -> None:
    """Ordinary issues (a spelling report, a label, a lock) are not ideas: no answer."""
    file = write_event(tmp_path, event)
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "intake", "--event", str(file)],
                                env={"GITHUB_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert "nothing to do" in result.output
    assert "would comment" not in result.output


def test_the_intake_workflow_is_not_started_by_events_it_cannot_read() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/intake.yml").read_text())
    # PyYAML reads the key `on` as True.
    types = set(workflow[True]["issues"]["types"])
    assert types == {"opened", "edited", "reopened"}
    assert not types & NOT_FOR_THE_INTAKE


def test_githubs_empty_body_example_labelled_as_an_idea_is_refused(
        tmp_path: Path, portal: Path, form: dict[str, Any]) -> None:
    [event] = [example for example in webhook_examples("issues", "opened")
               if example["issue"]["body"] is None]
    event["issue"]["labels"] = [label("idea", event["repository"]["full_name"])]
    file = write_event(tmp_path, event)
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "intake", "--event", str(file)], env={"GITHUB_TOKEN": ""})
    assert "did not come from the idea form" in result.output


# -- a challenge's own form and questions ------------------------------------------------

EVENTS_FORM = form_path("neighbourhood-events")
EVENTS_IDEA = "challenges/neighbourhood-events/ideas/101.yml"
EVENT_ANSWERS = {**GOOD_ANSWERS, "challenge": "Bringing the neighbourhood in",
                 "tags": ["evenings"], "how-often": "Every week",
                 "who-runs-it": "Me and two neighbours.\n\n  - Rosa on the soup\n  - Tom on bread"}


def submit(portal: Path, tmp_path: Path, form: Path, answers: dict[str, Any],
           **event: Any) -> Result:
    template = yaml.safe_load((portal / form).read_text("utf-8"))
    file = write_event(tmp_path, issue_event(body=render_body(template, answers), **event))
    return CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                    "intake", "--event", str(file)], env={"GITHUB_TOKEN": ""})


def test_the_challenges_own_form_files_the_answers_to_its_questions(portal: Path,
                                                                    tmp_path: Path) -> None:
    result = submit(portal, tmp_path, EVENTS_FORM,
                    {**EVENT_ANSWERS, "how-often": "every WEEK"})  # typed by hand, case aside
    assert result.exit_code == 0, result.output
    assert f"wrote {EVENTS_IDEA}" in result.output
    idea = load_catalog(portal, now=EXAMPLE_NOW).challenges["neighbourhood-events"] \
        .ideas["101"].model
    assert idea.answers == {"how-often": "Every week",
                            "who-runs-it": EVENT_ANSWERS["who-runs-it"]}
    assert idea.tags == ["evenings"]
    text = (portal / EVENTS_IDEA).read_text("utf-8")
    assert "answers:\n  how-often: Every week\n  who-runs-it: |-\n    Me and two" in text


def test_an_optional_question_left_blank_is_simply_not_answered(portal: Path,
                                                                 tmp_path: Path) -> None:
    result = submit(portal, tmp_path, EVENTS_FORM, {**EVENT_ANSWERS, "who-runs-it": ""})
    assert f"wrote {EVENTS_IDEA}" in result.output, result.output
    idea = load_catalog(portal, now=EXAMPLE_NOW).challenges["neighbourhood-events"] \
        .ideas["101"].model
    assert idea.answers == {"how-often": "Every week"}


def test_the_general_form_choosing_a_challenge_with_questions_is_asked_for_them(
        portal: Path, tmp_path: Path) -> None:
    result = submit(portal, tmp_path, FORM_PATH, EVENT_ANSWERS)
    assert "needs changes (1 problem)" in result.output
    assert ("How often would it happen?: is missing from the issue — edit the issue and add a "
            "`### How often would it happen?` heading with your answer under it") in result.output
    assert not (portal / EVENTS_IDEA).exists()


def test_an_answer_that_is_not_one_of_a_questions_options_is_refused(portal: Path,
                                                                    tmp_path: Path) -> None:
    result = submit(portal, tmp_path, EVENTS_FORM, {**EVENT_ANSWERS, "how-often": "Every wek"})
    assert ("How often would it happen?: `Every wek` is not one of the choices — did you mean "
            "“Every week”?") in result.output
    assert not (portal / EVENTS_IDEA).exists()


@pytest.mark.parametrize(("answer", "says"), [
    ("Me\x07 and my bell", "Who would run it?: contains the control character U+0007 — "
                           "retype the text without it"),
    ("soup " * 4_100, "Who would run it?: is longer than 20,000 characters — shorten it"),
])
def test_an_answer_is_held_to_the_rules_of_any_text_people_type(
        portal: Path, tmp_path: Path, answer: str, says: str) -> None:
    result = submit(portal, tmp_path, EVENTS_FORM, {**EVENT_ANSWERS, "who-runs-it": answer})
    assert says in result.output
    assert not (portal / EVENTS_IDEA).exists()


def test_an_answer_full_of_markup_is_kept_as_written_for_the_page_to_escape(
        portal: Path, tmp_path: Path) -> None:
    hostile = '<script>alert(1)</script> [me](javascript:alert(2)) {{ 7 * 7 }}'
    result = submit(portal, tmp_path, EVENTS_FORM, {**EVENT_ANSWERS, "who-runs-it": hostile})
    assert f"wrote {EVENTS_IDEA}" in result.output, result.output
    idea = load_catalog(portal, now=EXAMPLE_NOW).challenges["neighbourhood-events"] \
        .ideas["101"].model
    assert idea.answers["who-runs-it"] == hostile


def test_a_title_shared_with_a_closed_challenge_means_the_open_one(portal: Path,
                                                                   tmp_path: Path) -> None:
    closed = portal / "challenges/winter-menu-2026/challenge.yml"
    closed.write_text(closed.read_text("utf-8").replace(
        "title: A warming winter menu", "title: The suggestion box"), "utf-8")
    result = submit(portal, tmp_path, FORM_PATH, GOOD_ANSWERS)
    assert f"wrote {IDEA}" in result.output, result.output
