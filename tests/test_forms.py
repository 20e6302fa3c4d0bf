"""The idea issue form: generated from the portal, and never stale in the repository."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from click.testing import CliRunner

from generator.catalog import load_catalog
from generator.cli import cli
from generator.forms import CONFIG_PATH, FORM_PATH, NO_CHALLENGE_OPEN, build_form
from generator.intake import FIELD_LABELS
from generator.issueform import FormSpec
from generator.loader import read_yaml

from .conftest import EXAMPLE_NOW, REPO


def run(root: Path, *arguments: str, now: str = EXAMPLE_NOW.isoformat()) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", now, *arguments])
    return result.exit_code, result.output


def test_the_committed_form_is_up_to_date() -> None:
    code, output = run(REPO, "forms", "--check")
    assert code == 0, f"{output}\nrun `cocreate --now {EXAMPLE_NOW.isoformat()} forms`"


def test_the_form_lists_exactly_the_challenges_open_for_ideas() -> None:
    catalog = load_catalog(REPO, now=EXAMPLE_NOW)
    spec = FormSpec.read(REPO / FORM_PATH, str(FORM_PATH))
    challenge = spec.field("challenge")
    assert challenge is not None and challenge.required
    open_now = [folder.challenge.title for slug, folder in catalog.challenges.items()
                if catalog.stage_of(slug).value == "ideas-open"]
    assert list(challenge.options) == open_now
    assert "A warming winter menu" not in challenge.options


def test_every_field_the_intake_reads_is_on_the_form_with_unique_ids_and_labels() -> None:
    spec = FormSpec.read(REPO / FORM_PATH, str(FORM_PATH))
    ids = [f.id for f in spec.fields]
    labels = [f.label for f in spec.fields]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert set(FIELD_LABELS.values()) <= set(ids)
    agreement = spec.field("agreement")
    assert agreement is not None and len(agreement.required_options) == 2
    data = read_yaml(REPO / FORM_PATH, str(FORM_PATH)).data
    assert data["labels"] == ["idea"]
    config = read_yaml(REPO / CONFIG_PATH, str(CONFIG_PATH)).data
    assert config["blank_issues_enabled"] == "false"


def test_the_form_goes_stale_when_a_challenge_closes_and_forms_rewrites_it(portal: Path) -> None:
    (portal / FORM_PATH.parent).mkdir(parents=True, exist_ok=True)
    for path in (FORM_PATH, CONFIG_PATH):
        (portal / path).write_bytes((REPO / path).read_bytes())
    later = (EXAMPLE_NOW + timedelta(days=800)).isoformat()  # past every ideas_close
    code, output = run(portal, "forms", "--check", now=later)
    assert code == 1
    assert f"{FORM_PATH}: out of date — run `cocreate forms`" in output
    code, output = run(portal, "forms", now=later)
    assert code == 0 and f"wrote {FORM_PATH}" in output
    spec = FormSpec.read(portal / FORM_PATH, str(FORM_PATH))
    field = spec.field("challenge")
    assert field is not None
    assert "The suggestion box" in field.options  # evergreen: always open
    assert run(portal, "forms", "--check", now=later)[0] == 0


def test_with_nothing_open_the_dropdown_says_so(portal: Path) -> None:
    catalog = load_catalog(portal, now=EXAMPLE_NOW - timedelta(days=3000))
    form = build_form(catalog)
    dropdown = next(item for item in form["body"] if item.get("id") == "challenge")
    assert dropdown["attributes"]["options"] == [NO_CHALLENGE_OPEN]


def test_every_submit_button_on_the_site_preselects_an_option_of_the_form(
        built_site: Path) -> None:
    spec = FormSpec.read(REPO / FORM_PATH, str(FORM_PATH))
    field = spec.field("challenge")
    assert field is not None
    chosen = set()
    for page in built_site.rglob("*.html"):
        for link in re.findall(r'href="(https://github\.com/[^"]+/issues/new\?[^"]+)"',
                               page.read_text("utf-8")):
            query = parse_qs(urlsplit(html.unescape(link)).query)
            assert query["template"] == ["idea.yml"]
            chosen.add(query["challenge"][0])
    assert chosen and chosen <= set(field.options)
