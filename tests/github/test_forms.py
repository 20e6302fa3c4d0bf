"""The idea issue forms: one per challenge open for ideas, generated, never stale in the
repository, and the only forms the site's links open."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.forms.answers import FormSpec
from generator.github.forms.render import (
    CONFIG_PATH,
    FORM_PATH,
    NO_CHALLENGE_OPEN,
    build_form,
    is_generated,
    open_challenges,
)
from generator.github.intake.idea_fields import FIELD_LABELS
from generator.models.challenge import STANDARD_FIELD_IDS
from generator.portal.loader import read_yaml
from generator.portal.paths import FORMS_DIR, form_path
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW

OPEN_NOW = ["neighbourhood-events", "suggestion-box"]
# Past every ideas_close of the example: only the evergreen suggestion box still takes ideas.
LATER = (EXAMPLE_NOW + timedelta(days=800)).isoformat()
# The parameters GitHub documents for issues/new besides a form's own text-field ids.
DOCUMENTED = {"template", "title", "labels"}


def run(root: Path, *arguments: str, now: str = EXAMPLE_NOW.isoformat()) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", now, *arguments])
    return result.exit_code, result.output


def template(root: Path, path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((root / path).read_text("utf-8"))
    return data


def field(form: dict[str, Any], field_id: str) -> dict[str, Any]:
    return next(item for item in form["body"] if item.get("id") == field_id)


def test_the_committed_forms_are_up_to_date() -> None:
    code, output = run(EXAMPLE, "forms", "--check")
    assert code == 0, f"{output}\nrun `cocreate --now {EXAMPLE_NOW.isoformat()} forms`"


def test_the_general_form_lists_exactly_the_challenges_open_for_ideas() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    assert open_challenges(catalog) == OPEN_NOW
    spec = FormSpec.read(EXAMPLE / FORM_PATH, str(FORM_PATH))
    challenge = spec.field("challenge")
    assert challenge is not None and challenge.required
    assert list(challenge.options) == [catalog.challenges[slug].challenge.title
                                       for slug in OPEN_NOW]
    assert "A warming winter menu" not in challenge.options


def test_each_challenge_open_for_ideas_has_its_own_form_with_it_chosen() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    generated = sorted(path.name for path in (EXAMPLE / FORMS_DIR).iterdir()
                       if is_generated(path))
    assert generated == sorted(["config.yml", "idea.yml", *(f"{s}.yml" for s in OPEN_NOW)])
    for slug in OPEN_NOW:
        challenge = catalog.challenges[slug].challenge
        form = template(EXAMPLE, form_path(slug))
        dropdown = field(form, "challenge")
        # One option, chosen by GitHub's documented `default`: the submitted body says it.
        assert dropdown["attributes"]["options"] == [challenge.title]
        assert dropdown["attributes"]["default"] == 0
        assert dropdown["validations"]["required"] is True
        assert challenge.title in form["name"] and form["description"] == challenge.summary
        assert field(form, "tags")["attributes"]["options"] == list(challenge.tags)
        assert challenge.licence in field(form, "agreement")["attributes"]["options"][0]["label"]
        ids = [item.get("id") for item in form["body"]]
        questions = [question.id for question in challenge.questions]
        # The challenge's own questions come after the standard fields, before the licence.
        assert ids[ids.index("coauthors") + 1:] == [*questions, "agreement"]


def test_every_form_has_every_field_the_intake_reads_with_unique_ids_and_labels() -> None:
    for path in [FORM_PATH, *(form_path(slug) for slug in OPEN_NOW)]:
        spec = FormSpec.read(EXAMPLE / path, str(path))
        ids = [f.id for f in spec.fields]
        labels = [f.label.casefold() for f in spec.fields]
        assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels), path
        assert set(FIELD_LABELS.values()) <= set(ids), path
        agreement = spec.field("agreement")
        assert agreement is not None and len(agreement.required_options) == 2
        assert read_yaml(EXAMPLE / path, str(path)).data["labels"] == ["idea"]
    config = read_yaml(EXAMPLE / CONFIG_PATH, str(CONFIG_PATH)).data
    assert config["blank_issues_enabled"] == "false"


def test_questions_may_not_take_the_ids_of_the_forms_own_fields() -> None:
    general = build_form(load_catalog(EXAMPLE, now=EXAMPLE_NOW))
    assert {item["id"] for item in general["body"] if "id" in item} == set(STANDARD_FIELD_IDS)


def test_forms_follow_the_calendar_rewriting_and_removing_only_their_own(
        portal: Path) -> None:
    hand_written = portal / FORMS_DIR / "bug.yml"
    hand_written.write_text("name: Report a bug on the site\ndescription: Something broke.\n"
                            "body:\n  - type: textarea\n    attributes:\n      label: What?\n",
                            "utf-8")
    code, output = run(portal, "forms", "--check", now=LATER)
    assert code == 1
    assert f"{FORM_PATH}: out of date — run `cocreate forms`" in output
    assert f"{form_path('neighbourhood-events')}: out of date" in output  # to be removed
    code, output = run(portal, "forms", now=LATER)
    assert code == 0, output
    assert f"wrote {FORM_PATH}" in output
    assert f"removed {form_path('neighbourhood-events')}" in output
    assert not (portal / form_path("neighbourhood-events")).exists()
    assert (portal / form_path("suggestion-box")).is_file()  # evergreen: always open
    assert hand_written.is_file()  # not the generator's to remove
    spec = FormSpec.read(portal / FORM_PATH, str(FORM_PATH))
    challenge = spec.field("challenge")
    assert challenge is not None and challenge.options == ("The suggestion box",)
    assert run(portal, "forms", "--check", now=LATER)[0] == 0


def test_a_challenge_that_opens_gets_its_form(portal: Path) -> None:
    opening_day = "2028-04-01T09:00:00+01:00"  # local-sourcing-2028 opens
    code, output = run(portal, "forms", now=opening_day)
    assert code == 0, output
    assert f"wrote {form_path('local-sourcing-2028')}" in output
    form = template(portal, form_path("local-sourcing-2028"))
    assert field(form, "challenge")["attributes"]["options"] == ["Sourcing closer to home"]


def test_with_nothing_open_the_dropdown_says_so_and_no_challenge_has_a_form(
        portal: Path) -> None:
    long_ago = (EXAMPLE_NOW - timedelta(days=3000)).isoformat()
    catalog = load_catalog(portal, now=EXAMPLE_NOW - timedelta(days=3000))
    assert field(build_form(catalog), "challenge")["attributes"]["options"] == [
        NO_CHALLENGE_OPEN]
    code, output = run(portal, "forms", now=long_ago)
    assert code == 0, output
    assert sorted(path.name for path in (portal / FORMS_DIR).iterdir()) == [
        "config.yml", "idea.yml"]


def test_no_link_on_the_site_prefills_a_dropdown_and_each_open_challenge_links_its_own_form(
        built_site: Path) -> None:
    forms = {path.name: yaml.safe_load(path.read_text("utf-8"))
             for path in (EXAMPLE / FORMS_DIR).glob("*.yml") if path.name != "config.yml"}
    dropdowns = {item["id"] for form in forms.values() for item in form["body"]
                 if item["type"] == "dropdown"}
    linked: dict[str, set[str]] = {}
    for page in built_site.rglob("*.html"):
        for link in re.findall(r'href="(https://github\.com/[^"]+/issues/new[^"]*)"',
                               page.read_text("utf-8")):
            query = parse_qs(urlsplit(html.unescape(link)).query)
            assert not set(query) & dropdowns, (page, link)
            name = query["template"][0]
            text_ids = {item["id"] for item in forms[name]["body"]
                        if item["type"] in ("input", "textarea")}
            assert set(query) <= DOCUMENTED | text_ids, (page, link)
            linked.setdefault(name, set()).add(page.relative_to(built_site).as_posix())
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    assert set(linked) == {f"{slug}.yml" for slug in OPEN_NOW}
    for slug in OPEN_NOW:
        assert f"challenges/{slug}/index.html" in linked[f"{slug}.yml"]
        dropdown = field(forms[f"{slug}.yml"], "challenge")
        assert dropdown["attributes"]["options"] == [catalog.challenges[slug].challenge.title]
        assert dropdown["attributes"]["default"] == 0
    assert {"index.html", "challenges/index.html"} <= set.union(*linked.values())


def test_a_hand_written_template_where_a_challenge_needs_its_form_is_never_overwritten(
        portal: Path) -> None:
    mine = portal / form_path("suggestion-box")
    mine.write_text("name: My own suggestion form\ndescription: Mine.\nbody:\n"
                    "  - type: textarea\n    attributes:\n      label: Say it\n", "utf-8")
    code, output = run(portal, "forms")
    assert code == 1
    assert (f"{form_path('suggestion-box')}: is a hand-written template, where challenge "
            "suggestion-box needs its own idea form — rename the hand-written template") in output
    assert mine.read_text("utf-8").startswith("name: My own suggestion form")


def test_a_challenge_named_like_the_general_form_is_refused(portal: Path) -> None:
    assert run(portal, "new", "challenge", "idea", "--title", "Anything at all")[0] == 0
    code, output = run(portal, "validate")
    assert code == 1
    assert ("challenges/idea/challenge.yml: the challenge's form would be "
            ".github/ISSUE_TEMPLATE/idea.yml, which the portal keeps for the general idea form "
            "— rename the challenge's folder") in output
