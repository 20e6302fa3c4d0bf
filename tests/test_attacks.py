"""The attack corpus, sent the real way: issue event → intake → idea file → site → Chromium.

Each hostile input goes into one field of an otherwise good idea form. The
intake either refuses it (writing nothing) or files it; a maintainer publishes
every filed idea as it is, and the portal is built once with `cocreate build`.
Every output of that one build and of the intake is then checked:

- every idea page, opened in Chromium, shows no dialog, runs nothing from user
  text, carries no event-handler attribute or dangerous link from it in its
  body, nor any element from it in its head (the same elements as a page with a
  plain title, and the title as text in the tab and the header), goes nowhere
  else, and asks no other host for anything;
- the search index holds no live markup from user text, and each title as text;
- every Atom feed is well-formed XML of Atom elements alone, each title is the
  text typed, and the HTML in each entry carries no script, handler or
  dangerous link;
- every open-data JSON file parses and holds each text exactly as filed, and
  nothing of a refused idea;
- no cell of any CSV file starts as a spreadsheet formula, and each cell reads
  back as the text filed;
- every SVG chart is well-formed, of SVG elements alone, with no script,
  handler or link;
- the bot's comment on the issue, the pull request's title and body and the
  commit message, as the adapters send them, hold no live closing keyword
  before a reference, no live mention and no HTML from user text.

Each check records what it checked; `make test` prints the corpus line only
from checks that passed (see `pytest_terminal_summary` in conftest.py).
"""

from __future__ import annotations

import csv
import html
import html.parser
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.api import DryRunDesk
from generator.github.branches import DryRunBranches, PullRef, Pushed
from generator.github.events import IssuesEvent
from generator.github.forms.answers import FormSpec
from generator.github.forms.render import FORM_PATH
from generator.github.inert import inert, inert_markdown
from generator.github.intake.decision import Accepted
from generator.github.intake.run import run_intake
from generator.portal.reading import load_catalog
from generator.portal.spreadsheet import FORMULA_STARTS
from tests.support import EXAMPLE_NOW, copy_example
from tests.support.attack_corpus import CASES
from tests.support.chromium import launch, serve
from tests.support.github_material import GOOD_ANSWERS, issue_event, render_body

pytestmark = pytest.mark.browser
FIRST_ISSUE = 2000
DANGER = """() => {
  const found = [];
  for (const element of document.querySelectorAll("article *")) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
      // The URL standard drops tabs and newlines anywhere, and leading C0 controls and
      // spaces (trim, above); a space inside a scheme makes a relative address instead.
      if (/^(javascript|vbscript|data):/.test(value.replace(/[\\t\\n\\r]/g, "")))
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


@dataclass
class Said:
    """What the bots would send to GitHub and Git for one issue, as their adapters send it:
    the comment as written, pull-request texts and commit messages through `inert`."""

    comments: list[str] = field(default_factory=list)
    pulls: list[tuple[str, str]] = field(default_factory=list)
    commits: list[str] = field(default_factory=list)


class RecordingDesk(DryRunDesk):
    def __init__(self, said: Said) -> None:
        super().__init__(lambda _: None)
        self.said = said

    def save_pull(self, existing: PullRef | None, head: str, base: str, title: str,
                  body: str) -> PullRef:
        self.said.pulls.append((inert(title), inert_markdown(body)))  # as GitHubDesk sends
        return super().save_pull(existing, head, base, title, body)

    def save_comment(self, number: int, marker: str, body: str) -> str:
        self.said.comments.append(body)  # GitHubDesk sends it as it is
        return super().save_comment(number, marker, body)


class RecordingBranches(DryRunBranches):
    def __init__(self, said: Said) -> None:
        super().__init__(lambda _: None)
        self.said = said

    def publish(self, branch: str, base: str, *, start_over: bool, files: dict[str, str],
                remove_glob: str = "", message: str, remove: Collection[str] = ()) -> Pushed:
        self.said.commits.append(inert(message))  # as GitBranches commits it
        return super().publish(branch, base, start_over=start_over, files=files,
                               remove_glob=remove_glob, message=message, remove=remove)


@dataclass
class Attacked:
    site: Path
    fates: dict[str, str]  # by case name
    ideas: dict[int, dict[str, Any]]  # the filed idea files, by issue number
    said: dict[str, Said]  # by case name


def publish(file: Path) -> dict[str, Any]:
    """The filed idea, published as it is by a maintainer (so that it reaches the feeds)."""
    idea = yaml.safe_load(file.read_text("utf-8"))
    idea["status"] = "published"
    idea["history"] = [{"status": "published", "at": idea["submitted"] + timedelta(minutes=5),
                        "answer": "Thank you.", "by": "dev-patel"}]
    file.write_text(yaml.safe_dump(idea, allow_unicode=True, sort_keys=False), "utf-8")
    published: dict[str, Any] = yaml.safe_load(file.read_text("utf-8"))
    return published


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Attacked]:
    """A portal with every case sent through the intake, published and built once, with
    feeds long enough to hold every filed case (not only the newest 50)."""
    import generator.site.feeds

    root = copy_example(tmp_path_factory.mktemp("attacked") / "portal")
    template = yaml.safe_load((root / FORM_PATH).read_text("utf-8"))
    spec = FormSpec.read(root / FORM_PATH, str(FORM_PATH))
    catalog = load_catalog(root, now=EXAMPLE_NOW)
    fates: dict[str, str] = {}
    ideas: dict[int, dict[str, Any]] = {}
    said: dict[str, Said] = {}
    for number, (name, field_id, text, _) in enumerate(CASES, start=FIRST_ISSUE):
        event = IssuesEvent.model_validate(issue_event(
            body=render_body(template, answers_for(field_id, text)), number=number))
        said[name] = Said()
        result = run_intake(event, catalog, spec, RecordingDesk(said[name]),
                            RecordingBranches(said[name]), lambda _: None)
        fates[name] = "kept" if isinstance(result.decision, Accepted) else "refused"
        if isinstance(result.decision, Accepted):
            ideas[number] = publish(root / result.decision.path)
    site = root / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(generator.site.feeds, "FEED_SIZE", 10 * len(CASES))
        built = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                         "build", "--site-dir", str(site)])
    assert built.exit_code == 0, built.output
    yield Attacked(site, fates, ideas, said)


def kept_numbers() -> dict[int, str]:
    return {number: name for number, (name, *_, fate) in enumerate(CASES, start=FIRST_ISSUE)
            if fate == "kept"}


def refused_numbers() -> dict[int, str]:
    return {number: name for number, (name, *_, fate) in enumerate(CASES, start=FIRST_ISSUE)
            if fate == "refused"}


def test_the_corpus_is_large_enough_and_each_case_meets_its_fate(
        attacked: Attacked, record_property: Any) -> None:
    assert len(CASES) >= 120
    assert len({name for name, *_ in CASES}) == len(CASES)
    assert len({(field_id, text) for _, field_id, text, _ in CASES}) == len(CASES)
    assert {name: attacked.fates[name] for name, *_ in CASES} == \
        {name: fate for name, *_, fate in CASES}
    assert len([case for case in CASES if case[1] == "title"]) >= 20
    record_property("attack corpus", f"attack corpus: {len(CASES)} hostile inputs "
                    f"({len(kept_numbers())} filed, {len(refused_numbers())} refused) sent "
                    "through issue event → intake → idea file → one site build")


def test_a_refused_case_writes_nothing(attacked: Attacked) -> None:
    ideas = attacked.site.parent / "challenges" / "suggestion-box" / "ideas"
    for number, (_, _, _, fate) in enumerate(CASES, start=FIRST_ISSUE):
        assert (ideas / f"{number}.yml").exists() == (fate == "kept")


def test_no_page_runs_or_carries_anything_from_user_text(
        attacked: Attacked, record_property: Any) -> None:
    kept = kept_numbers().items()
    with serve(attacked.site) as address, launch() as chromium:
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
            title = attacked.ideas[number]["title"]
            assert page.title() == f"{title} - {SITE_NAME}", name
            assert page.locator(".md-header__topic").last.inner_text().strip() == title, name
        page.wait_for_timeout(300)  # a refresh of 0 s on the last page would have left by now
        page.goto(f"{address}/challenges/suggestion-box/", wait_until="load")
        assert page.evaluate(DANGER) == []
        context.close()
    assert alarms == []
    assert [url for url in requests if not url.startswith(address)] == []
    record_property("attack corpus check", "each idea page's head and body in Chromium")


def test_template_syntax_is_shown_as_typed(attacked: Attacked) -> None:
    site = attacked.site
    number = FIRST_ISSUE + next(i for i, case in enumerate(CASES) if case[0] == "jinja expression")
    page = (site / f"challenges/suggestion-box/ideas/{number}/index.html").read_text("utf-8")
    text = page[page.index("<article"):page.index("</article>")]
    assert "{{ 7*7 }}" in text and "{{ config." in text and "49" not in text  # not evaluated
    title = FIRST_ISSUE + next(i for i, case in enumerate(CASES) if case[0] == "jinja in a title")
    assert "{{ 7*7 }} soups" in (site / f"challenges/suggestion-box/ideas/{title}/index.html"
                                 ).read_text("utf-8")


# Markup that runs, loads or navigates, wherever HTML from user text could land.
LIVE_TAGS = {"script", "iframe", "object", "embed", "form", "style", "img", "svg", "math",
             "base", "meta", "link", "input", "video", "audio", "source", "marquee", "details",
             "template", "textarea", "xmp", "noscript", "animate", "set", "use", "a", "button",
             "frame", "frameset", "body", "head", "html", "title"}
DANGEROUS_URL = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)


class Markup(html.parser.HTMLParser):
    """The tags and attributes an HTML text would make, as a browser's tokenizer reads it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LIVE_TAGS:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if value and DANGEROUS_URL.match(re.sub(r"[\t\n\r]", "", value.strip())):
                self.found.append(f"{tag} {name}={value}")


def idea_page(number: int) -> str:
    return f"challenges/suggestion-box/ideas/{number}/"


def test_the_search_index_holds_no_markup_from_user_text_and_titles_as_text(
        attacked: Attacked, record_property: Any) -> None:
    index = json.loads((attacked.site / "search/search_index.json").read_text("utf-8"))
    by_location: dict[str, list[dict[str, str]]] = {}
    for doc in index["docs"]:
        by_location.setdefault(doc["location"].split("#")[0], []).append(doc)
        # The search shows `title` and `text` as HTML: neither may make a tag of user text.
        assert Markup(doc["title"]).found == [], doc["location"]
        assert Markup(doc["text"]).found == [], doc["location"]
        assert "<script" not in doc["text"].lower() + doc["title"].lower(), doc["location"]
    for number, name in kept_numbers().items():
        page = [doc for doc in by_location[idea_page(number)]
                if doc["location"] == idea_page(number)]
        assert [html.unescape(doc["title"]) for doc in page] == \
            [attacked.ideas[number]["title"]], name
    for number in refused_numbers():
        assert idea_page(number) not in by_location
    record_property("attack corpus check", "the search index")


def atom_feeds(site: Path) -> list[Path]:
    return sorted([*site.glob("feeds/*.xml"), *site.glob("challenges/*/feed.xml")])


def test_every_feed_is_well_formed_atom_with_user_text_as_text(
        attacked: Attacked, record_property: Any) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    titles: dict[str, set[str]] = {}
    for file in atom_feeds(attacked.site):
        raw = file.read_bytes()
        root = ET.fromstring(raw)  # well-formed: no text broke out of its element
        assert {element.tag for element in root.iter() if not element.tag.startswith(atom)} \
            == set(), file
        for element in root.iter():
            if element.get("type") == "html":  # what a feed reader renders as HTML
                assert Markup(element.text or "").found == [], file
        feed = feedparser.parse(raw)
        assert not feed.bozo, (file, feed.get("bozo_exception"))
        for entry in root.iter(f"{atom}entry"):
            link = entry.find(f"{atom}link")
            assert link is not None, file
            titles.setdefault(link.get("href", "").split("#")[0], set()).add(
                entry.findtext(f"{atom}title", ""))
    for number, name in kept_numbers().items():
        shown = {title for link, found in titles.items() if link.endswith(idea_page(number))
                 for title in found}
        # Each entry's title ends with the title as filed (an update's names the change).
        assert shown and all(title.endswith(attacked.ideas[number]["title"])
                             for title in shown), (name, shown)
    for number in refused_numbers():
        assert not [link for link in titles if link.endswith(idea_page(number))]
    record_property("attack corpus check", "the Atom feeds")


TEXT_FIELDS = ("title", "summary", "problem", "proposal", "benefits")


def test_the_open_data_json_holds_each_text_exactly_as_filed(
        attacked: Attacked, record_property: Any) -> None:
    api = attacked.site / "api/v1"
    for file in sorted(api.rglob("*.json")):
        json.loads(file.read_text("utf-8"))  # parses, whatever the texts held
    ideas = {idea["issue"]: idea
             for idea in json.loads((api / "ideas.json").read_text("utf-8"))["ideas"]}
    for number, name in kept_numbers().items():
        filed = attacked.ideas[number]
        for field_id in TEXT_FIELDS:
            assert ideas[number][field_id] == filed[field_id], (name, field_id)
    for (number, name), (_, field_id, text, _) in zip(
            kept_numbers().items(), [case for case in CASES if case[3] == "kept"], strict=True):
        if field_id in TEXT_FIELDS:  # as typed, but for the ends of the text
            assert ideas[number][field_id].strip() == text.strip(), name
    assert not set(refused_numbers()) & set(ideas)
    record_property("attack corpus check", "the open-data JSON")


def test_no_csv_cell_is_a_formula_and_each_reads_back_as_filed(
        attacked: Attacked, record_property: Any) -> None:
    for file in sorted((attacked.site / "api/v1").rglob("*.csv")):
        for row in csv.reader(io.StringIO(file.read_text("utf-8"), newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (file.name, cell)
    rows = {row["issue"]: row for row in csv.DictReader(io.StringIO(
        (attacked.site / "api/v1/ideas.csv").read_text("utf-8"), newline=""))}
    for number, name in kept_numbers().items():
        for field_id in ("title", "summary"):
            filed = attacked.ideas[number][field_id]
            shown = rows[str(number)][field_id]
            assert shown == ("'" + filed if filed.startswith(FORMULA_STARTS) else filed), name
    assert not {str(number) for number in refused_numbers()} & set(rows)
    record_property("attack corpus check", "the CSV")


CHART_ELEMENTS = {"svg", "title", "desc", "rect", "line", "text"}


def test_every_chart_is_svg_alone_with_nothing_live(
        attacked: Attacked, record_property: Any) -> None:
    charts = [chart for page in sorted(attacked.site.glob("**/insights/index.html"))
              for chart in re.findall(r'<svg class="cc-chart__svg".*?</svg>',
                                      page.read_text("utf-8"), re.S)]
    assert len(charts) >= 30
    for chart in charts:
        root = ET.fromstring(chart)  # well-formed: nothing broke out of a text
        tags = {element.tag for element in root.iter()}
        assert tags <= CHART_ELEMENTS, (chart[:80], tags)
        # Read as a browser's tokenizer reads it: no live tag but the chart's own, no handler.
        assert [found for found in Markup(chart).found if found not in CHART_ELEMENTS] == []
        for element in root.iter():
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (chart[:80], name)
                assert not DANGEROUS_URL.match(re.sub(r"[\t\n\r]", "", value.strip())), \
                    (chart[:80], value)
                assert not name.endswith("href"), (chart[:80], name)
    record_property("attack corpus check", "the SVG charts")


# What GitHub reads in a comment, a pull request's texts and a commit message.
CLOSES = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s*"
                    r"(?:#\d|gh-\d|https?://\S*/issues/\d|[\w.-]+/[\w.-]+#\d)", re.IGNORECASE)
MENTIONS = re.compile(r"(?<![\w`/])@[A-Za-z0-9]")


def prose(markdown: str) -> tuple[str, list[str]]:
    """A Markdown text as GitHub reads it for links: its text outside code, and its HTML."""
    from markdown_it import MarkdownIt

    text: list[str] = []
    markup: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "html_block":
            markup.append(token.content.strip())
        for child in token.children or []:
            if child.type == "text":
                text.append(child.content)
            elif child.type == "html_inline":
                markup.append(child.content)
    return "\n".join(text), markup


def test_the_bots_texts_close_nothing_mention_no_one_and_carry_no_html(
        attacked: Attacked, record_property: Any) -> None:
    for name, *_ in CASES:
        said = attacked.said[name]
        assert said.comments, name
        for comment in said.comments:
            text, markup = prose(comment)
            assert markup == ["<!-- cocreate:intake -->"], (name, markup)
            assert not MENTIONS.search(text), (name, text)
        for title, body in said.pulls:
            for words in (title, prose(body)[0]):
                assert not CLOSES.search(words), (name, words)
                assert not MENTIONS.search(words), (name, words)
        for message in said.commits:
            assert not CLOSES.search(message), (name, message)
            assert not MENTIONS.search(message), (name, message)
    kept = [name for name, *_, fate in CASES if fate == "kept"]
    assert all(attacked.said[name].pulls and attacked.said[name].commits for name in kept)
    record_property("attack corpus check",
                    "the bot's comments, pull-request titles and bodies and commit messages")
