"""GitHub's rules for issue forms: each one refuses what GitHub refuses, and `cocreate
validate` and `cocreate forms --check` name the line of the challenge that breaks it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.forms.render import all_forms
from generator.github.forms.syntax import Breach, check_issue_form
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW

EVENTS = "challenges/neighbourhood-events/challenge.yml"
BOX = "challenges/suggestion-box/challenge.yml"
EVENTS_FORM = ".github/ISSUE_TEMPLATE/neighbourhood-events.yml"

FORM: dict[str, Any] = {
    "name": "Submit an idea",
    "description": "Propose an idea.",
    "title": "Idea: ",
    "labels": ["idea"],
    "body": [
        {"type": "markdown", "attributes": {"value": "Thank you!"}},
        {"type": "dropdown", "id": "challenge",
         "attributes": {"label": "Challenge", "options": ["Tea"], "default": 0},
         "validations": {"required": True}},
        {"type": "input", "id": "title", "attributes": {"label": "Title"}},
        {"type": "textarea", "id": "problem", "attributes": {"label": "The problem"}},
        {"type": "dropdown", "id": "often",
         "attributes": {"label": "How often?", "options": ["Daily", "Weekly"]}},
        {"type": "checkboxes", "id": "agreement", "attributes": {
            "label": "Licence", "options": [{"label": "I agree", "required": True}]}},
    ],
}


def broken(change: Callable[[dict[str, Any]], object]) -> list[Breach]:
    form = copy.deepcopy(FORM)
    change(form)
    return check_issue_form(form)


def test_a_form_that_keeps_every_rule_breaks_none() -> None:
    assert check_issue_form(FORM) == []


def test_every_form_the_example_needs_keeps_githubs_rules() -> None:
    for form in all_forms(load_catalog(EXAMPLE, now=EXAMPLE_NOW)):
        assert check_issue_form(form.data) == [], form.path


RULES: list[Any] = [
    pytest.param(lambda f: f.pop("name"), (), "the form has no `name`", id="name is required"),
    pytest.param(lambda f: f.pop("description"), (), "the form has no `description`",
                 id="description is required"),
    pytest.param(lambda f: f.update(name="  "), ("name",), "the form's `name` is empty",
                 id="name is not blank"),
    pytest.param(lambda f: f.update(description=""), ("description",),
                 "the form's `description` is empty", id="description is not blank"),
    pytest.param(lambda f: f.update(title=" "), ("title",), "the form's `title` is empty",
                 id="title is not blank"),
    pytest.param(lambda f: f.update(input="x"), ("input",),
                 "`input` is not a key GitHub allows in an issue form",
                 id="only GitHub's top-level keys"),
    pytest.param(lambda f: f.pop("body"), (), "the form's body is missing or empty",
                 id="body is required"),
    pytest.param(lambda f: f.update(body=[]), ("body",), "the form's body is missing or empty",
                 id="body is not empty"),
    pytest.param(lambda f: f.update(body=f["body"][:1]), ("body",),
                 "the form's body holds only markdown", id="body is not only markdown"),
    pytest.param(lambda f: f["body"][2].pop("type"), ("body", 2, "type"),
                 "None is not a type of form element GitHub knows", id="type is required"),
    pytest.param(lambda f: f["body"][2].update(type="upload-everything"), ("body", 2, "type"),
                 "'upload-everything' is not a type of form element GitHub knows",
                 id="type is one GitHub knows"),
    pytest.param(lambda f: f["body"][2].update(x="woof"), ("body", 2, "x"),
                 "`x` is not a key GitHub allows in a form element",
                 id="only type, id, attributes and validations"),
    pytest.param(lambda f: f["body"][2].pop("attributes"), ("body", 2),
                 "the input has no attributes", id="attributes are required"),
    pytest.param(lambda f: f["body"][2].update(validations={"required": "yes"}),
                 ("body", 2, "validations"),
                 "validations hold something else than `required: true` or `false`",
                 id="validations hold only required"),
    pytest.param(lambda f: f["body"][0]["attributes"].update(value=""),
                 ("body", 0, "attributes", "value"), "a markdown element is empty",
                 id="markdown has a value"),
    pytest.param(lambda f: f["body"][0].update(id="intro"), ("body", 0, "id"),
                 "a markdown element has an id", id="markdown has no id"),
    pytest.param(lambda f: f["body"][3]["attributes"].pop("label"),
                 ("body", 3, "attributes", "label"), "the textarea has no label",
                 id="a question has a label"),
    pytest.param(lambda f: f["body"][2].update(id="first name"), ("body", 2, "id"),
                 "the id 'first name' has characters GitHub refuses",
                 id="ids are letters digits - and _"),
    pytest.param(lambda f: f["body"][3].update(id="title"), ("body", 3, "id"),
                 "the id title is used twice", id="ids are unique"),
    pytest.param(lambda f: f["body"][3]["attributes"].update(label="TITLE"),
                 ("body", 3, "attributes", "label"),
                 "two questions of the form are labelled “TITLE”", id="labels are unique"),
    pytest.param(lambda f: f["body"][5]["attributes"]["options"][0].update(label="Title"),
                 ("body", 5, "attributes", "options", 0, "label"),
                 "two questions of the form are labelled “Title”",
                 id="checkbox labels are unique among all labels"),
    pytest.param(lambda f: f["body"][2]["attributes"].update(label="Your password"),
                 ("body", 2, "attributes", "label"),
                 "the label “Your password” contains “password”",
                 id="no password in a text field's label"),
    pytest.param(lambda f: f["body"][4]["attributes"].update(options=[]),
                 ("body", 4, "attributes", "options"), "a dropdown has no options",
                 id="a dropdown has options"),
    pytest.param(lambda f: f["body"][4]["attributes"]["options"].append(" "),
                 ("body", 4, "attributes", "options", 2), "a dropdown option is empty",
                 id="options are not blank"),
    pytest.param(lambda f: f["body"][4]["attributes"]["options"].append("weekly"),
                 ("body", 4, "attributes", "options", 2),
                 "the dropdown offers “weekly” more than once", id="options are distinct"),
    pytest.param(lambda f: f["body"][4]["attributes"]["options"].append("None"),
                 ("body", 4, "attributes", "options", 2), "a dropdown option is “None”",
                 id="None is reserved"),
    pytest.param(lambda f: f["body"][1]["attributes"]["options"].append("n/a"),
                 ("body", 1, "attributes", "options", 1), "a dropdown option is “n/a”",
                 id="no n/a with a default"),
    pytest.param(lambda f: f["body"][1]["attributes"].update(default=1),
                 ("body", 1, "attributes", "default"),
                 "the dropdown's default 1 is not one of its options' positions",
                 id="the default is an option's position"),
    pytest.param(lambda f: f["body"][4]["attributes"].update(multiple="often"),
                 ("body", 4, "attributes", "multiple"),
                 "a dropdown's `multiple` is not true or false", id="multiple is a boolean"),
    pytest.param(lambda f: f["body"][5]["attributes"].update(options=[]),
                 ("body", 5, "attributes", "options"), "a set of checkboxes has no options",
                 id="checkboxes have options"),
    pytest.param(lambda f: f["body"][5]["attributes"]["options"].append({"required": True}),
                 ("body", 5, "attributes", "options", 1), "a checkbox has no label",
                 id="each checkbox has a label"),
]


@pytest.mark.parametrize(("change", "at", "message"), RULES)
def test_each_rule_refuses_what_github_refuses(change: Callable[[dict[str, Any]], object],
                                                at: tuple[str | int, ...],
                                                message: str) -> None:
    breaches = broken(change)
    assert [(breach.at, breach.message) for breach in breaches] == [(at, message)]
    assert all(breach.hint for breach in breaches)


def test_n_a_is_a_fine_option_of_a_dropdown_without_a_default() -> None:
    assert broken(lambda f: f["body"][4]["attributes"]["options"].append("n/a")) == []


# -- through the portal: the challenge's own line, in validate and forms --check ----------


def edit(portal: Path, path: str, old: str, new: str) -> None:
    file = portal / path
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")


def refusals(portal: Path) -> list[str]:
    """What validate and forms --check both say, which must be the same refusals."""
    said = []
    for command in (["validate"], ["forms", "--check"]):
        result = CliRunner().invoke(cli, ["--root", str(portal), "--now",
                                          EXAMPLE_NOW.isoformat(), *command])
        assert result.exit_code == 1, result.output
        said.append([line for line in result.stderr.splitlines()[:-1]
                     if "out of date" not in line and not line.startswith("note: ")])
    assert said[0] == said[1]
    return said[0]


def test_two_challenges_open_for_ideas_under_one_title_are_refused_naming_both(
        portal: Path) -> None:
    edit(portal, BOX, "title: The suggestion box", "title: Bringing the neighbourhood in")
    hint = ("GitHub refuses a form whose dropdown offers one choice twice, and the intake could "
            "not tell the two apart; give each challenge open for ideas its own title")
    assert refusals(portal) == [
        f"{EVENTS}:2: the title “Bringing the neighbourhood in” is also the title of challenge "
        f"suggestion-box, and both take ideas now — {hint}",
        f"{BOX}:2: the title “Bringing the neighbourhood in” is also the title of challenge "
        f"neighbourhood-events, and both take ideas now — {hint}",
    ]


def test_a_question_whose_options_repeat_is_refused_at_the_repeat(portal: Path) -> None:
    edit(portal, EVENTS, "      - Every week\n", "      - Every week\n      - Every month\n")
    assert refusals(portal) == [
        f"{EVENTS}:85: question how-often of challenge neighbourhood-events: the dropdown offers "
        f"“Every month” more than once (in {EVENTS_FORM}) — GitHub requires each option to be "
        "different (and the intake tells them apart case aside)",
    ]


def test_an_option_called_none_is_refused(portal: Path) -> None:
    edit(portal, EVENTS, "      - Once, as a one-off\n", "      - None\n")
    assert refusals(portal) == [
        f"{EVENTS}:81: question how-often of challenge neighbourhood-events: a dropdown option "
        f"is “None” (in {EVENTS_FORM}) — GitHub reserves None (it adds it itself to a dropdown "
        "that is not required); word it differently",
    ]


def test_a_challenge_titled_n_a_cannot_be_its_forms_chosen_option(portal: Path) -> None:
    edit(portal, EVENTS, "title: Bringing the neighbourhood in", "title: N/A")
    assert refusals(portal) == [
        f"{EVENTS}:2: the title of challenge neighbourhood-events: a dropdown option is “N/A” "
        f"(in {EVENTS_FORM}) — GitHub refuses None and n/a as options of a dropdown with a "
        "default; word it differently",
    ]


def test_a_question_labelled_like_a_standard_one_is_refused(portal: Path) -> None:
    edit(portal, EVENTS, "label: Who would run it?", "label: the  PROBLEM")
    assert refusals(portal) == [
        f"{EVENTS}:86: question who-runs-it of challenge neighbourhood-events: two questions of "
        f"the form are labelled “the  PROBLEM” (in {EVENTS_FORM}) — give each question a label "
        "of its own: the issue shows every answer under its label",
    ]


def test_a_question_asking_for_a_password_is_refused(portal: Path) -> None:
    edit(portal, EVENTS, "label: Who would run it?", "label: Your Wi-Fi password")
    assert refusals(portal) == [
        f"{EVENTS}:86: question who-runs-it of challenge neighbourhood-events: the label “Your "
        f"Wi-Fi password” contains “password” (in {EVENTS_FORM}) — GitHub refuses “password” in "
        "a text field's label, so that no one posts a secret in public; ask in other words",
    ]


def test_a_suggested_tag_called_none_is_refused_in_every_form_that_offers_it(
        portal: Path) -> None:
    edit(portal, BOX, "  - opening-hours\n", "  - opening-hours\n  - none\n")
    said = refusals(portal)
    assert [line.split(" (in ")[1] for line in said] == [
        ".github/ISSUE_TEMPLATE/idea.yml) — GitHub reserves None (it adds it itself to a "
        "dropdown that is not required); word it differently",
        ".github/ISSUE_TEMPLATE/suggestion-box.yml) — GitHub reserves None (it adds it itself "
        "to a dropdown that is not required); word it differently",
    ]
    assert all(line.startswith(f"{BOX}:55: a tag of challenge suggestion-box: a dropdown "
                               "option is “none”") for line in said)


def test_a_hand_written_template_of_the_same_name_is_refused(portal: Path) -> None:
    (portal / ".github/ISSUE_TEMPLATE/mine.md").write_text(
        "---\nname: 'Submit an idea: The suggestion box'\nabout: Mine.\n---\nHello\n", "utf-8")
    assert refusals(portal) == [
        ".github/ISSUE_TEMPLATE/mine.md: the template name “Submit an idea: The suggestion box” "
        "is also the name of .github/ISSUE_TEMPLATE/suggestion-box.yml — GitHub wants every "
        "issue template to have a name of its own",
    ]


def test_nothing_is_written_while_github_would_refuse_a_form(portal: Path) -> None:
    edit(portal, EVENTS, "      - Every week\n", "      - Every week\n      - every week\n")
    before = (portal / EVENTS_FORM).read_bytes()
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "forms"])
    assert result.exit_code == 1
    assert "more than once" in result.stderr
    assert (portal / EVENTS_FORM).read_bytes() == before
