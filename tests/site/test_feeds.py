"""The Atom feeds: read back as a feed reader would, and checked against the YAML itself."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.i18n import language
from generator.portal.reading import load_catalog
from generator.site.environment import make_environment
from generator.site.feeds import FEED_SIZE, feed_files, head_links, plain
from generator.site.pages import Planner
from tests.support import EXAMPLE, EXAMPLE_NOW, oracle, people_with_pages

PUBLISHED = {"published", "shortlisted", "piloting", "implemented"}
FEED_LINK = re.compile(r"<link\b[^>]*\brel=\"alternate feed\"[^>]*>")


# -- the feeds recomputed from the files, with plain yaml.safe_load -----------------------


def settings() -> dict[str, Any]:
    document = yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text("utf-8"))
    options = next(entry["cocreate"] for entry in document["plugins"]
                   if isinstance(entry, dict) and "cocreate" in entry)
    return {"site": document["site_url"].rstrip("/"), "zone": ZoneInfo(options["time_zone"])}


def moment(value: date | datetime, zone: ZoneInfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return datetime(value.year, value.month, value.day, tzinfo=zone)


def example_ideas() -> list[tuple[str, str, dict[str, Any]]]:
    return [(file.parent.parent.name, file.stem, yaml.safe_load(file.read_text("utf-8")))
            for file in sorted((EXAMPLE / "challenges").glob("*/ideas/*.yml"))]


def expected_new_ideas(challenge: str | None = None) -> set[tuple[str, datetime]]:
    """(link, published) of the newest ideas once published."""
    site, zone = settings()["site"], settings()["zone"]
    found = []
    for slug, idea_id, idea in example_ideas():
        if idea["status"] not in PUBLISHED or challenge not in (None, slug):
            continue
        firsts = [change["at"] for change in idea.get("history", [])
                  if change["status"] != "submitted"]
        when = moment(firsts[0] if firsts else idea["submitted"], zone)
        found.append((when, f"{site}/challenges/{slug}/ideas/{idea_id}/"))
    found.sort(reverse=True)
    return {(link, when) for when, link in found[:FEED_SIZE]}


def expected_updates() -> set[tuple[str, datetime]]:
    """(link, moment) of every status change after submission, and of each result out."""
    site, zone = settings()["site"], settings()["zone"]
    found = []
    for slug, idea_id, idea in example_ideas():
        history = idea.get("history", [])
        if history and history[0]["status"] == "submitted":
            history = history[1:]
        found += [(moment(change["at"], zone), f"{site}/challenges/{slug}/ideas/{idea_id}/")
                  for change in history]
    for file in sorted((EXAMPLE / "challenges").glob("*/challenge.yml")):
        results = yaml.safe_load(file.read_text("utf-8"))["timeline"].get("results")
        if results is not None and moment(results, zone) <= EXAMPLE_NOW:
            found.append((moment(results, zone), f"{site}/challenges/{file.parent.name}/results/"))
    found.sort(reverse=True)
    return {(link, when) for when, link in found[:FEED_SIZE]}


# -- the built example ------------------------------------------------------------------


def feed_paths(site: Path) -> list[Path]:
    return sorted([*site.glob("feeds/*.xml"), *site.glob("challenges/*/feed.xml")])


def read(feed: Path) -> Any:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, f"{feed}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", feed
    return parsed


def entries(parsed: Any, field: str) -> set[tuple[str, datetime]]:
    return {(entry.link, datetime.fromisoformat(entry[field])) for entry in parsed.entries}


def test_every_feed_is_atom_in_the_portals_language(built_site: Path) -> None:
    slugs = sorted(folder.name for folder in (EXAMPLE / "challenges").iterdir() if folder.is_dir())
    assert [feed.relative_to(built_site).as_posix() for feed in feed_paths(built_site)] == [
        *(f"challenges/{slug}/feed.xml" for slug in slugs), "feeds/ideas.xml",
        "feeds/updates.xml"]
    for feed in feed_paths(built_site):
        parsed = read(feed)
        assert parsed.feed.language == "en"
        assert parsed.feed.id == settings()["site"] + "/" + \
            feed.relative_to(built_site).as_posix()


def test_new_ideas_are_the_published_ones_newest_first(built_site: Path) -> None:
    parsed = read(built_site / "feeds/ideas.xml")
    assert entries(parsed, "published") == expected_new_ideas()
    published = [datetime.fromisoformat(entry.published) for entry in parsed.entries]
    assert published == sorted(published, reverse=True)
    newest = max(datetime.fromisoformat(entry.updated) for entry in parsed.entries)
    assert datetime.fromisoformat(parsed.feed.updated) == newest
    first = parsed.entries[0]
    assert first.summary_detail.type == "text/plain"
    for entry in parsed.entries:  # linked to their page, if they have one
        for author in entry.authors:
            page = f'{settings()["site"]}/people/{author.name.lower()}/'
            assert author.get("href") == (page if author.name.lower() in people_with_pages(
                EXAMPLE) else None), author
    assert {"href" in author for entry in parsed.entries for author in entry.authors} == {
        True, False}


def test_each_challenge_feed_holds_its_own_new_ideas(built_site: Path) -> None:
    for feed in built_site.glob("challenges/*/feed.xml"):
        slug = feed.parent.name
        parsed = read(feed)
        assert entries(parsed, "published") == expected_new_ideas(slug), slug
        for entry in parsed.entries:
            assert slug in [tag.term for tag in entry.tags]


def test_updates_are_every_status_change_and_result_newest_first(built_site: Path) -> None:
    parsed = read(built_site / "feeds/updates.xml")
    assert entries(parsed, "updated") == expected_updates()
    updated = [datetime.fromisoformat(entry.updated) for entry in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert datetime.fromisoformat(parsed.feed.updated) == updated[0]
    results = next(entry for entry in parsed.entries if entry.link.endswith("/results/"))
    assert results.title == "Results of A warming winter menu"
    assert results.summary.startswith("Winners: 1. Spiced pear and ginger loaf")
    assert [link.href for link in results.links if link.rel == "related"] == [
        settings()["site"] + "/challenges/winter-menu-2026/leaderboard/"]
    change = next(entry for entry in parsed.entries
                  if entry.id.endswith("/ideas/12/#implemented-20261101T070000Z"))
    assert change.title == "Implemented: idea 12, Spiced pear and ginger loaf"
    assert change.summary.startswith("On the menu from today")


def test_entry_ids_are_unique_and_links_reach_built_pages(built_site: Path) -> None:
    site = settings()["site"]
    for feed in feed_paths(built_site):
        parsed = read(feed)
        ids = [entry.id for entry in parsed.entries]
        assert len(ids) == len(set(ids)), feed
        for entry in parsed.entries:
            pages = [link.href for link in entry.links]
            pages += [author.href for author in entry.get("authors", []) if "href" in author]
            for href in pages:
                assert href.startswith(site + "/"), href
                page = built_site / href.removeprefix(site + "/") / "index.html"
                assert page.is_file(), f"{feed}: {href}"


def test_every_page_names_the_portal_feeds_and_its_challenges(built_site: Path) -> None:
    site = settings()["site"]
    portal = {f"{site}/feeds/ideas.xml", f"{site}/feeds/updates.xml"}
    slugs = {folder.name for folder in (EXAMPLE / "challenges").iterdir() if folder.is_dir()}
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text("utf-8")
        head = html[: html.index("</head>")]
        links = FEED_LINK.findall(head)
        assert all('type="application/atom+xml"' in link and 'title="' in link
                   for link in links), page
        hrefs = {re.search(r'href="([^"]+)"', link)[1] for link in links}  # type: ignore[index]
        parts = page.relative_to(built_site).parts
        own = {f"{site}/challenges/{parts[1]}/feed.xml"} \
            if len(parts) > 2 and parts[0] == "challenges" and parts[1] in slugs else set()
        assert hrefs == portal | own, page
        for href in hrefs:
            assert (built_site / href.removeprefix(site + "/")).is_file()


def test_the_challenge_pages_show_follow_links(built_site: Path) -> None:
    listing = (built_site / "challenges/index.html").read_text("utf-8")
    assert 'href="../feeds/ideas.xml"' in listing and 'href="../feeds/updates.xml"' in listing
    brief = (built_site / "challenges/winter-menu-2026/index.html").read_text("utf-8")
    assert 'class="cc-follow"' in brief
    assert 'href="../../challenges/winter-menu-2026/feed.xml"' in brief


def test_two_builds_give_identical_feeds(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(again)])
    assert result.exit_code == 0, result.output
    first = {feed.relative_to(built_site): feed.read_bytes() for feed in feed_paths(built_site)}
    second = {feed.relative_to(again): feed.read_bytes() for feed in feed_paths(again)}
    assert first == second


# -- hostile text, other languages, no site_url ------------------------------------------

HOSTILE_TITLE = "<script>alert('x')</script> & ]]> 🍞 שלום עולם"
HOSTILE_SUMMARY = "<b>bold</b> &amp; ]]><![CDATA[ 🥐 مرحبا"
HOSTILE_ANSWER = "Yes \u200fמה\u200f ]]> <img src=x onerror=alert(1)> \u200etxt.exe\n"


def planner_for(root: Path, lang: str = "en") -> Planner:
    return Planner(load_catalog(root, now=EXAMPLE_NOW), make_environment(lang=language(lang)))


def test_hostile_text_comes_out_escaped_as_plain_text(portal: Path) -> None:
    idea = portal / "challenges/zero-waste-packaging/ideas/34.yml"
    text = idea.read_text("utf-8")
    text = text.replace("title: A deposit cup that works at three cafés",
                        "title: " + yaml.safe_dump(HOSTILE_TITLE, allow_unicode=True).split(
                            "\n")[0])
    text = re.sub(r"summary: .*", lambda _: "summary: " + yaml.safe_dump(
        HOSTILE_SUMMARY, allow_unicode=True).split("\n")[0], text)
    text = re.sub(r"    answer: \|\n(      .*\n)+", lambda _: "    answer: " + yaml.safe_dump(
        HOSTILE_ANSWER, allow_unicode=True, default_style='"').strip() + "\n", text)
    idea.write_text(text, "utf-8")
    files = feed_files(planner_for(portal).standings)
    for path in ("feeds/ideas.xml", "challenges/zero-waste-packaging/feed.xml"):
        assert "<script>" not in files[path] and "<b>" not in files[path]
        parsed = feedparser.parse(files[path].encode("utf-8"))
        assert not parsed.bozo, parsed.get("bozo_exception")
        entry = next(e for e in parsed.entries if e.link.endswith("/ideas/34/"))
        assert entry.title == HOSTILE_TITLE
        assert entry.title_detail.type == "text/plain"
        assert entry.summary == HOSTILE_SUMMARY
        assert entry.summary_detail.type == "text/plain"
    updates = feedparser.parse(files["feeds/updates.xml"].encode("utf-8"))
    assert not updates.bozo
    change = next(e for e in updates.entries if "/ideas/34/#published-" in e.id)
    assert change.title == f"Published: idea 34, {HOSTILE_TITLE}"
    assert change.summary == HOSTILE_ANSWER.strip()  # feedparser trims the line break
    assert "<img" not in files["feeds/updates.xml"]


@pytest.mark.parametrize("text", ["a\x00b\x08c", "a\ufffeb\uffffc", "a\x85b\x9fc"])
def test_characters_xml_cannot_carry_are_dropped(text: str) -> None:
    assert plain(text) == "abc"
    assert plain("tab\tline\nreturn\r 🍞 שלום") == "tab\tline\nreturn\r 🍞 שלום"


def test_a_status_changed_by_someone_without_a_page_has_an_author_without_address(
        portal: Path) -> None:
    everyone = oracle.contributor_points(oracle.load(portal), EXAMPLE_NOW)
    voter = sorted(set(everyone) - people_with_pages(portal))[0]
    idea = portal / "challenges/zero-waste-packaging/ideas/34.yml"
    idea.write_text(re.sub(r"(?m)^    by: .*$", f"    by: {voter}", idea.read_text("utf-8")),
                    "utf-8")
    text = feed_files(planner_for(portal).standings)["feeds/updates.xml"]
    updates = feedparser.parse(text.encode("utf-8"))
    assert not updates.bozo, updates.get("bozo_exception")
    change = next(e for e in updates.entries if "/ideas/34/#published-" in e.id)
    assert [author.name for author in change.authors] == [voter]
    assert "href" not in change.authors[0]  # Atom's author needs a name, not an address
    assert f"/people/{voter}/" not in text
    others = [(author.name.lower(), author.href) for entry in updates.entries
              if "/ideas/34/" not in entry.id for author in entry.get("authors", [])]
    assert others and all(href == f"{settings()['site']}/people/{login}/"
                          and login in people_with_pages(portal)
                          for login, href in others)


def test_the_feeds_speak_the_portals_language(portal: Path) -> None:
    files = feed_files(planner_for(portal, "fr").standings)
    parsed = feedparser.parse(files["feeds/updates.xml"].encode("utf-8"))
    assert not parsed.bozo
    assert parsed.feed.language == "fr"
    french = language("fr")
    assert parsed.feed.title == french.gettext("%(organisation)s: status changes and results",
                                               organisation="Crumb & Kettle")
    results = [e for e in parsed.entries if e.title.startswith(
        french.gettext("Results of %(challenge)s", challenge=""))]
    assert results and all("Results of" not in e.title for e in parsed.entries)
    published = french.gettext("Published")
    assert published != "Published"
    assert any(e.title.startswith(published) for e in parsed.entries)


def test_a_portal_without_site_url_has_no_feeds(portal: Path) -> None:
    config = portal / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text("utf-8")), "utf-8")
    planner = planner_for(portal)
    assert feed_files(planner.standings) == {}
    assert head_links(planner.standings, "challenges/winter-menu-2026/index.md") == ""
    assert planner.feeds() == [] and planner.feeds("winter-menu-2026") == []
