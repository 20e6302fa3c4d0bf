"""The interface in English, Spanish and French: complete catalogs, and no English left over."""

from __future__ import annotations

import html
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.forms.render import FORM_PATH
from generator.i18n import LOCALES, catalog_file, language
from tests.support import EXAMPLE, EXAMPLE_NOW, REPO
from tests.support.github_material import GOOD_ANSWERS, issue_event, render_body, write_event

TRANSLATED = ["es", "fr"]
# What a message's words are cut at: placeholders, tags, Markdown and punctuation that
# the page may put differently around them.
CUTS = re.compile(r"%\(\w+\)s|\{n\}|<[^>]+>|\]\([^)]*\)|[*`#\[\]]|\s[—–-]\s|[:;()“”.]")


def read_catalog(code: str) -> Any:
    with catalog_file(code).open("rb") as file:
        return read_po(file, locale=code)


def test_the_catalog_holds_every_message_in_the_code() -> None:
    """`make messages` was run: extracting the code again finds the same messages."""
    with (LOCALES / "babel.cfg").open(encoding="utf-8") as config:
        methods, options = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "C_": ((1, "c"), 2)}
    # As `make messages` from the top, but walking generator/ alone: the mapping reads
    # nothing else, and the rest of the top (challenges/, content/) is the owner's.
    extracted = {(message[2], message[4]) for message in extract_from_dir(
        str(REPO), methods, options, keywords=keywords,
        directory_filter=lambda path: Path(path).relative_to(REPO).parts[0] == "generator")}
    with (LOCALES / "cocreate.pot").open("rb") as file:
        committed = {(message.id, message.context) for message in read_po(file) if message.id}
    assert extracted == committed, "run `make messages`"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(code: str) -> None:
    with (LOCALES / "cocreate.pot").open("rb") as file:
        wanted = {message.id for message in read_po(file) if message.id}
    catalog = read_catalog(code)
    found = {message.id: message for message in catalog if message.id}
    assert set(found) >= wanted
    missing = [message.id for message in found.values() if message.id in wanted and (
        message.fuzzy or not all(message.string if isinstance(message.string, tuple)
                                 else [message.string]))]
    assert not missing, f"{len(missing)} messages untranslated in {code}: {missing[:5]}"
    problems = [(message.id, str(error)) for message in found.values()
                for error in message.check(catalog)]
    assert not problems, problems[:5]
    for message in found.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        names = set(re.findall(r"%\((\w+)\)s|\{n\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"%\((\w+)\)s|\{n\}", string)) <= names | {""}, message.id
            assert string.count("<") == ids[0].count("<"), message.id


@cache
def english_words(code: str) -> dict[str, str]:
    """Each stretch of words of an English message whose translation differs, by message."""
    words = {}
    for message in read_catalog(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            for part in CUTS.split(english):
                part = " ".join(part.split())
                if len(part) >= 12 and " " in part and not any(part in s for s in strings):
                    words[part] = english
    return words


@cache
def portal_text() -> str:
    """What the portal's people wrote, in English: it may say anything, in any words."""
    files = [*EXAMPLE.glob("challenges/**/*.yml"), *EXAMPLE.glob("content/*.md"),
             EXAMPLE / "mkdocs.yml"]
    text = " ".join(file.read_text("utf-8") for file in files)
    return " ".join(re.sub(r"[`*]", "", text).split())  # as it reads once rendered


def visible_text(file: Path) -> str:
    text = file.read_text("utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = re.sub(r'(?:title|alt|aria-label|placeholder|content)="([^"]*)"', r" \1 ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def build(code: str, tmp: Path) -> Path:
    site = tmp / f"site-{code}"
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--language", code, "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return site


@cache
def english_labels(code: str) -> frozenset[str]:
    """Short messages (a button, a column, a status) whose translation differs."""
    labels = set()
    for message in read_catalog(code):
        if message.id and isinstance(message.id, str) and message.string != message.id \
                and not CUTS.search(message.id.rstrip(".:")):
            labels.add(message.id)
    return frozenset(labels)


def text_nodes(file: Path) -> set[str]:
    """Each piece of text between tags, and each attribute people read, as written."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", file.read_text("utf-8"), flags=re.DOTALL)
    found = re.findall(r">([^<>]+)<", text)
    found += re.findall(r'(?:title|alt|aria-label|placeholder)="([^"]*)"', text)
    return {" ".join(html.unescape(node).split()) for node in found}


def english_left(site: Path, code: str) -> dict[str, list[str]]:
    """English messages found in the built site, by file: stretches of their words, and
    short ones standing alone."""
    written_by_people = portal_text()
    checked = {part: english for part, english in english_words(code).items()
               if part not in written_by_people}
    labels = {label for label in english_labels(code)
              if not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", written_by_people)}
    found: dict[str, list[str]] = {}
    for file in sorted(site.rglob("*")):
        if file.suffix not in (".html", ".svg", ".xml") or file.name == "sitemap.xml":
            continue
        text = visible_text(file)
        hits = [part for part in checked if part in text]
        hits += sorted(text_nodes(file) & labels)
        if hits:
            found[file.relative_to(site).as_posix()] = hits
    return found


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_example_built_in_each_language_has_no_english_left(
        code: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    site = build(code, tmp_path_factory.mktemp(code))
    assert f'<html lang="{code}"' in (site / "index.html").read_text("utf-8")
    left = english_left(site, code)
    assert not left, list(left.items())[:5]


def test_the_check_finds_english_in_an_english_build(built_site: Path) -> None:
    """The same search over the English site finds the messages everywhere: it can fail."""
    left = english_left(built_site, "es")
    assert len(left) > 50
    assert any(file.startswith("challenges/winter-menu-2026/audit/") for file in left)


def test_dates_and_numbers_follow_the_locale(tmp_path: Path) -> None:
    site = build("es", tmp_path)
    brief = visible_text(site / "challenges/winter-menu-2026/index.html")
    assert re.search(r"\d{1,2} de [a-z]+ de 20\d\d", brief)
    board = visible_text(site / "challenges/winter-menu-2026/leaderboard/index.html")
    assert re.search(r"\b\d{1,3},\d\d\b", board)  # a decimal comma
    assert not re.search(r"\b\d{1,3}\.\d\d\b", board)
    french = build("fr", tmp_path)
    people = visible_text(french / "people/index.html")
    assert re.search(r"\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                     r"novembre|décembre) 20\d\d\b", people)


def test_mkdocs_material_speaks_the_portals_language_too(tmp_path: Path) -> None:
    site = build("fr", tmp_path)
    page = with_scripts_written_in(site / "challenges/index.html")
    assert 'placeholder="Rechercher"' in page  # the theme's own words
    assert language("fr").gettext("Switch to dark mode") in html.unescape(page)


def with_scripts_written_in(page: Path) -> str:
    """A page with what its header's scripts write in (generator/site/chrome.py) in place."""
    def written(tag: re.Match[str]) -> str:
        code = (page.parent / tag[1]).read_text("utf-8")
        markup = re.match(r".*?\(\"beforebegin\", (\".*?\")\);\n", code)
        assert markup, tag[1]
        return str(json.loads(markup[1]))

    return re.sub(r'<script src="([^"]+/cocreate-\w+\.\w+\.js)"></script>', written,
                  page.read_text("utf-8"))


def set_language(portal: Path, code: str) -> None:
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      language: en",
                                                        f"      language: {code}"), "utf-8")


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_issue_form_and_the_intakes_answer_speak_the_portals_language(
        portal: Path, tmp_path: Path, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    set_language(portal, code)
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                 "forms"])
    assert result.exit_code == 0, result.output
    form = yaml.safe_load((portal / FORM_PATH).read_text("utf-8"))
    lang = language(code)
    labels = [item["attributes"].get("label") for item in form["body"]]
    assert lang.gettext("Title of your idea") in labels
    assert "Title of your idea" not in labels
    segment = next(item for item in form["body"] if item.get("id") == "segment")
    assert lang.gettext("Customer") in segment["attributes"]["options"]
    # A submission through the translated form, with its segment in the portal's language,
    # and no title: it is refused in that language, naming the form's own question.
    answers = {**GOOD_ANSWERS, "title": "", "segment": lang.gettext("Customer")}
    event = write_event(tmp_path, issue_event(body=render_body(form, answers)))
    result = runner.invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                 "intake", "--event", str(event)])
    assert result.exit_code == 0, result.output
    assert lang.gettext("### ✋ Your idea needs a few changes") in result.output
    assert (f"{lang.gettext('Title of your idea')}: {lang.gettext('has no answer')}"
            in result.output)
    assert "Your idea needs a few changes" not in result.output
    # Mended, the same form files the idea with the segment read back from its label.
    event = write_event(tmp_path, issue_event(body=render_body(
        form, {**answers, "title": GOOD_ANSWERS["title"]})))
    result = runner.invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                 "intake", "--event", str(event)])
    assert result.exit_code == 0, result.output
    idea = yaml.safe_load(io.StringIO(
        (portal / "challenges/suggestion-box/ideas/101.yml").read_text("utf-8")))
    assert idea["segment"] == "customer"


def test_text_in_another_language_than_the_interface_says_which(
        tmp_path: Path, built_site: Path) -> None:
    """The example's challenges are written in English: on a Spanish site they say so."""
    site = build("es", tmp_path)
    page = (site / "challenges/winter-menu-2026/index.html").read_text("utf-8")
    assert '<p class="cc-summary" lang="en">' in page
    assert '<div class="cc-text" lang="en">' in page
    idea = (site / "challenges/winter-menu-2026/ideas/12/index.html").read_text("utf-8")
    assert '<div class="cc-text" lang="en">' in idea
    english = (EXAMPLE / "challenges/winter-menu-2026/challenge.yml").read_text("utf-8")
    assert "\nlanguage:" not in english or "\nlanguage: en" in english
    same = (built_site / "challenges/winter-menu-2026/index.html").read_text("utf-8")
    assert '<p class="cc-summary">' in same  # English on an English site needs no mark


def test_the_stylesheets_and_scripts_write_no_words_of_their_own() -> None:
    """Words from CSS `content:` or a script would escape the catalogs: pages carry them
    (a stacked table's labels come from its cells' `data-label`, which the page wrote)."""
    for file in (REPO / "theme").rglob("*.css"):
        for value in re.findall(r"content:\s*([^;]+);", file.read_text("utf-8")):
            value = re.sub(r"attr\(data-[a-z-]+\)", "", value.replace("var(", ""))
            assert not re.search(r"[A-Za-z]{2}", value), (file, value)
    for file in (REPO / "theme").rglob("*.js"):
        strings = re.findall(r'"([^"\\]*)"', re.sub(r"//.*", "", file.read_text("utf-8")))
        words = [s for s in strings if re.search(r"[a-z]+ [a-z]+", s) and s != "use strict"]
        assert not words, (file, words)


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_intake_names_an_answers_own_problems_in_the_portals_language(
        portal: Path, tmp_path: Path, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title too long and a summary with a hidden character: both said in the language,
    with nothing of the model's English."""
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    set_language(portal, code)
    runner = CliRunner()
    now = ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat()]
    assert runner.invoke(cli, [*now, "forms"]).exit_code == 0
    form = yaml.safe_load((portal / FORM_PATH).read_text("utf-8"))
    lang = language(code)
    answers = {**GOOD_ANSWERS, "title": "Soup " * 60, "summary": "Soup\u200b in a jar",
               "segment": lang.gettext("Customer")}
    event = write_event(tmp_path, issue_event(body=render_body(form, answers)))
    result = runner.invoke(cli, [*now, "intake", "--event", str(event)])
    assert result.exit_code == 0, result.output
    too_long = lang.ngettext("is longer than %(count)s character",
                             "is longer than %(count)s characters", 200)
    assert f"{lang.gettext('Title of your idea')}: {too_long}" in result.output
    hidden = lang.gettext("contains the %(kind)s character %(code)s",
                          kind=lang.gettext("invisible"), code="U+200B")
    assert f"{lang.gettext('Your idea in one sentence')}: {hidden}" in result.output
    assert "String should have" not in result.output
    assert "retype the text without it" not in result.output
