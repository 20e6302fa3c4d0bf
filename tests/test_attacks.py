"""The attack corpus, sent the real way: issue event → intake → idea file → site → Chromium.

Each hostile input goes into one field of an otherwise good idea form. The
intake either refuses it (writing nothing) or files it; the filed ideas are
built into the site with `cocreate build`, and every idea page is opened in
Chromium, which must show no dialog, run nothing from user text, carry no
event-handler attribute or dangerous link from it in its body, nor any element
from it in its head (the same elements as a page with a plain title, and the
title as text in the tab and the header), go nowhere else, and ask no other
host for anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.branches import DryRunBranches
from generator.catalog import load_catalog
from generator.cli import cli
from generator.events import IssuesEvent
from generator.forms import FORM_PATH
from generator.github_api import DryRunDesk
from generator.intake import Accepted
from generator.intake_run import run_intake
from generator.issueform import FormSpec

from .attack_corpus import CASES
from .chromium import launch, serve
from .conftest import EXAMPLE_NOW, PORTAL_PARTS, REPO
from .github_material import GOOD_ANSWERS, issue_event, render_body

pytestmark = pytest.mark.browser
FIRST_ISSUE = 2000
DANGER = """() => {
  const found = [];
  for (const element of document.querySelectorAll("article *")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
      if (/^(javascript|vbscript|data):/.test(value.replace(/\\s/g, "")))
        found.push(`${element.tagName} ${attribute.name}=${value}`);
    }
  }
  // The theme's own icons are inline SVG; an SVG from user text would carry the above.
  for (const tag of ["script", "iframe", "object", "embed", "form", "style", "img",
                     "math", "base", "meta", "link", "input", "video", "marquee"])
    if (document.querySelector(`article ${tag}`)) found.push(tag);
  return found;
}"""
# Everything in the head, by what it is, not by what it says.
HEAD = """() => Array.from(document.head.children, element => [element.tagName,
  element.getAttribute("rel"), element.getAttribute("name"), element.getAttribute("http-equiv"),
  element.getAttribute("property"), element.getAttribute("type")].join(" "))"""
PLAIN_IDEA = "challenges/suggestion-box/ideas/3/"  # from the example, with a plain title
SITE_NAME = "Crumb & Kettle Ideas"


def answers_for(field: str, text: str) -> dict[str, Any]:
    return {**GOOD_ANSWERS, field: [text] if field == "tags" else text}


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A portal with every case sent through the intake, built: (site, fate by case, and the
    title as filed by case under "title: NAME")."""
    import shutil

    root = tmp_path_factory.mktemp("attacked") / "portal"
    root.mkdir()
    for part in PORTAL_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    template = yaml.safe_load((root / FORM_PATH).read_text("utf-8"))
    spec = FormSpec.read(root / FORM_PATH, str(FORM_PATH))
    catalog = load_catalog(root, now=EXAMPLE_NOW)
    fates = {}
    for number, (name, field, text, _) in enumerate(CASES, start=FIRST_ISSUE):
        event = IssuesEvent.model_validate(issue_event(
            body=render_body(template, answers_for(field, text)), number=number))
        result = run_intake(event, catalog, spec, DryRunDesk(lambda _: None),
                            DryRunBranches(lambda _: None), lambda _: None)
        fates[name] = "kept" if isinstance(result.decision, Accepted) else "refused"
        if isinstance(result.decision, Accepted):
            fates[f"title: {name}"] = result.decision.idea.title
    site = root / "site"
    built = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                     "build", "--site-dir", str(site)])
    assert built.exit_code == 0, built.output
    yield site, fates


def test_the_corpus_is_large_enough_and_each_case_meets_its_fate(
        attacked: tuple[Path, dict[str, str]], record_property: Any) -> None:
    _, fates = attacked
    assert len(CASES) >= 60
    assert {name: fates[name] for name, *_ in CASES} == {name: fate for name, *_, fate in CASES}
    assert len([case for case in CASES if case[1] == "title"]) >= 20
    record_property("attack corpus", f"attack corpus: {len(CASES)} hostile inputs sent through "
                                     "intake → idea file → site → Chromium, all neutralised "
                                     "in each page's head and body")


def test_a_refused_case_writes_nothing(attacked: tuple[Path, dict[str, str]]) -> None:
    site, _ = attacked
    ideas = site.parent / "challenges" / "suggestion-box" / "ideas"
    for number, (_, _, _, fate) in enumerate(CASES, start=FIRST_ISSUE):
        assert (ideas / f"{number}.yml").exists() == (fate == "kept")


def test_no_page_runs_or_carries_anything_from_user_text(
        attacked: tuple[Path, dict[str, str]]) -> None:
    site, fates = attacked
    kept = [(number, name) for number, (name, *_, fate) in enumerate(CASES, start=FIRST_ISSUE)
            if fate == "kept"]
    with serve(site) as address, launch() as chromium:
        context = chromium.new_context()
        page = context.new_page()
        alarms: list[str] = []
        requests: list[str] = []
        def alarm(dialog: Any) -> None:
            alarms.append(f"dialog {dialog.message}")
            dialog.dismiss()

        page.on("dialog", alarm)
        page.on("request", lambda request: requests.append(request.url))
        page.on("framenavigated", lambda frame: alarms.append(f"navigated to {frame.url}")
                if frame == page.main_frame and not frame.url.startswith(address) else None)
        page.goto(f"{address}/{PLAIN_IDEA}", wait_until="load")
        plain_head = page.evaluate(HEAD)
        for number, name in kept:
            page.goto(f"{address}/challenges/suggestion-box/ideas/{number}/",
                      wait_until="load")
            assert page.evaluate(DANGER) == [], name
            assert page.locator("article h1").count() == 1, name
            assert page.evaluate(HEAD) == plain_head, name
            title = fates[f"title: {name}"]
            assert page.title() == f"{title} - {SITE_NAME}", name
            assert page.locator(".md-header__topic").last.inner_text().strip() == title, name
        page.wait_for_timeout(300)  # a refresh of 0 s on the last page would have left by now
        page.goto(f"{address}/challenges/suggestion-box/", wait_until="load")
        assert page.evaluate(DANGER) == []
        context.close()
    assert alarms == []
    assert [url for url in requests if not url.startswith(address)] == []


def test_template_syntax_is_shown_as_typed(attacked: tuple[Path, dict[str, str]]) -> None:
    site, _ = attacked
    number = FIRST_ISSUE + next(i for i, case in enumerate(CASES) if case[0] == "jinja expression")
    page = (site / f"challenges/suggestion-box/ideas/{number}/index.html").read_text("utf-8")
    text = page[page.index("<article"):page.index("</article>")]
    assert "{{ 7*7 }}" in text and "{{ config." in text and "49" not in text  # not evaluated
    title = FIRST_ISSUE + next(i for i, case in enumerate(CASES) if case[0] == "jinja in a title")
    assert "{{ 7*7 }} soups" in (site / f"challenges/suggestion-box/ideas/{title}/index.html"
                                 ).read_text("utf-8")
