"""The example portal builds with mkdocs --strict, and a broken portal does not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW, oracle, people_with_pages

OUTSIDE = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")
# Tags that make a browser fetch what they point at (a canonical <link> or an <a> does not).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*>"""
    r"""|<link\b[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|prefetch|preconnect"""
    r"""|dns-prefetch|icon|manifest)\b[^>]*>"""
)


def test_the_example_builds_every_hand_written_page(built_site: Path) -> None:
    for page in ("index.html", "about/index.html", "take-part/index.html",
                 "rules/index.html", "privacy/index.html", "challenges/index.html"):
        assert (built_site / page).is_file(), page


def test_the_challenges_page_lists_every_challenge_with_its_stage(built_site: Path) -> None:
    html = (built_site / "challenges/index.html").read_text("utf-8")
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    for slug, folder in catalog.challenges.items():
        start = html.index(f'challenges/{slug}/"')
        card = html[html.rindex("<article", 0, start): html.index("</article>", start)]
        assert f">{catalog.stage_of(slug).label}<" in card, slug
        assert folder.challenge.title.replace("&", "&amp;") in card


def test_the_built_site_loads_nothing_from_other_hosts(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        for tag in FETCHING.findall(html):
            assert not OUTSIDE.search(tag), f"{page}: {tag}"


def test_the_schemas_are_published_with_the_site(built_site: Path) -> None:
    assert (built_site / "schemas/idea.schema.json").is_file()


def test_a_broken_portal_fails_the_build_listing_every_problem(portal: Path,
                                                               tmp_path: Path) -> None:
    ideas = portal / "challenges/winter-menu-2026/ideas"
    (ideas / "990.yml").write_text("title: [broken\n", "utf-8")
    (portal / "challenges/winter-menu-2026/votes/test-voter.yml").write_text(
        "voter: test-voter\nvotes: many\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(portal), "build", "--site-dir",
                                      str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "challenges/winter-menu-2026/ideas/990.yml:2:" in result.output
    assert "challenges/winter-menu-2026/votes/test-voter.yml:2: votes should be a list" \
        in result.output
    assert not (tmp_path / "site" / "index.html").exists()


def test_mkdocs_itself_reports_bad_settings_with_their_line(portal: Path, tmp_path: Path) -> None:
    """`mkdocs build` without cocreate goes through the plugin, which names the line too."""
    import subprocess
    import sys

    config = portal / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("time_zone: Europe/London", "time_zone: Mars/Olympus"), "utf-8")
    line = text.splitlines().index("      time_zone: Europe/London") + 1
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")],
        cwd=portal, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: time_zone 'Mars/Olympus' is not a known time zone" in result.stderr


def test_every_internal_link_in_the_built_site_resolves(built_site: Path) -> None:
    """mkdocs checks Markdown links, not those inside the generated HTML blocks: this does."""
    from urllib.parse import urljoin, urlparse

    broken = []
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":  # served from any depth, so its links start at site_url
            continue
        url = "http://site/" + page.relative_to(built_site).as_posix()
        for href in re.findall(r'<a\b[^>]*\bhref="([^"#]+)', page.read_text("utf-8")):
            target = urlparse(urljoin(url, href))
            if target.netloc != "site":
                continue
            path = built_site / target.path.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(built_site)} → {href}")
    assert broken == []


def test_every_idea_challenge_juror_and_author_of_two_ideas_has_its_page(
        built_site: Path) -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    with_pages = people_with_pages(EXAMPLE)
    single = set()
    for slug, folder in catalog.challenges.items():
        assert (built_site / f"challenges/{slug}/index.html").is_file()
        assert (built_site / f"challenges/{slug}/leaderboard/index.html").is_file()
        for idea_id, source in folder.ideas.items():
            page = built_site / f"challenges/{slug}/ideas/{idea_id}/index.html"
            assert page.is_file()
            for login in source.model.people:
                own = (built_site / f"people/{login.lower()}/index.html").is_file()
                assert own == (login.lower() in with_pages), login
                link = f'href="../../../../people/{login.lower()}/">@{login}</a>'
                assert (link in page.read_text("utf-8")) == own, (login, page)
                single |= set() if own else {login}
        for login in folder.challenge.jury:
            assert (built_site / f"people/{login.lower()}/index.html").is_file()
    assert single  # the example has authors of one idea, or this would prove nothing


def test_someone_who_only_voted_has_no_page_and_is_named_on_the_audit_without_a_link(
        built_site: Path) -> None:
    everyone = set(oracle.contributor_points(oracle.load(EXAMPLE), EXAMPLE_NOW))
    voters_only = everyone - people_with_pages(EXAMPLE)
    assert voters_only  # the example has some, or this would prove nothing
    pages = {path.parent.name for path in built_site.glob("people/*/index.html")}
    assert pages == people_with_pages(EXAMPLE)
    audits = " ".join(path.read_text("utf-8")
                      for path in built_site.glob("challenges/*/audit/index.html"))
    ranking = (built_site / "people/index.html").read_text("utf-8")
    for login in voters_only:
        assert re.search(rf"[ >]@{login}\b", audits), login  # where their votes are
        assert f"<td>@{login}</td>" in ranking, login  # ranked, without a link
        assert f"people/{login}/" not in audits + ranking, login


def test_idea_pages_stay_out_of_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert not re.search(r"ideas/\d+", nav) and not re.search(r"people/[a-z]", nav)
    assert nav.count("md-nav__link") < 20


def test_generated_pages_edit_the_yaml_they_came_from(built_site: Path) -> None:
    html = (built_site / "challenges/winter-menu-2026/ideas/12/index.html").read_text("utf-8")
    assert ('href="https://github.com/crumb-and-kettle/ideas/edit/main/challenges/'
            'winter-menu-2026/ideas/12.yml"') in html


def test_a_portal_overrides_a_page_template_from_its_theme(portal: Path, tmp_path: Path) -> None:
    override = portal / "theme" / "cocreate" / "leaderboard.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# Our own ranking of {{ challenge.title }}\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = tmp_path / "site/challenges/winter-menu-2026/leaderboard/index.html"
    assert "Our own ranking of A warming winter menu" in page.read_text("utf-8")


def test_contributor_pages_stay_out_of_the_search_and_idea_pages_are_in_it(
        built_site: Path) -> None:
    from tests.support.pagefind_index import indexed_pages

    locations = set(indexed_pages(built_site))
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    ideas = {f"challenges/{slug}/ideas/{idea_id}/"
             for slug, folder in catalog.challenges.items() for idea_id in folder.ideas}
    assert ideas <= locations
    assert "people/" in locations  # the ranking itself is found
    assert [location for location in locations if re.fullmatch(r"people/.+/", location)] == []


def test_the_people_index_ranks_the_top_hundred_and_voters_alone_get_no_page(
        portal: Path, write: Callable[[str, str], Path]) -> None:
    from generator.site.environment import make_environment
    from generator.site.pages import TOP_CONTRIBUTORS, Planner

    for number in range(TOP_CONTRIBUTORS + 20):
        write(f"challenges/zero-waste-packaging/votes/extra-voter-{number}.yml",
              f"voter: extra-voter-{number}\naccount_created: 2015-01-01T00:00:00Z\n"
              "votes:\n  - idea: \"34\"\n    at: 2026-11-15T09:30:00Z\n    via: reaction\n")
    planner = Planner(load_catalog(portal, now=EXAMPLE_NOW), make_environment())
    pages = {spec.path: spec for spec in planner.plan()}
    everyone = len(planner.standings.people)
    assert everyone > TOP_CONTRIBUTORS + 20
    index = pages["people/index.md"].source()
    ranking = index[index.index("## All-time leaderboard"):index.index("## How points")]
    assert f"The top {TOP_CONTRIBUTORS} of {everyone} contributors" in ranking
    rows = re.findall(r"<tr><td class=\"cc-number\">\d+</td><td>(.*?)</td>", ranking)
    assert len(rows) == TOP_CONTRIBUTORS
    authors_and_jurors = people_with_pages(portal)
    linked = [row.startswith('<a class="cc-person"') for row in rows]
    assert linked == [re.sub(r"<[^>]+>", "", row).removeprefix("@").lower()
                      in authors_and_jurors for row in rows]
    assert any(linked) and not all(linked)  # voters alone are ranked too, without a link
    audit = pages["challenges/zero-waste-packaging/audit.md"].source()
    for number in range(TOP_CONTRIBUTORS + 20):
        assert f"people/extra-voter-{number}.md" not in pages
        assert re.search(rf" @extra-voter-{number}\b", audit)  # named where their vote is
        assert f"people/extra-voter-{number}/" not in audit + ranking


def heading_of(markdown: str) -> str:
    """A page's title: its first heading, below its front matter."""
    return next(line for line in markdown.splitlines() if line.startswith("# "))


def test_user_text_cannot_forge_a_fragment_marker(portal: Path) -> None:
    from generator.site.environment import MARKERS, make_environment
    from generator.site.pages import Planner

    idea = portal / "challenges/zero-waste-packaging/ideas/34.yml"
    text = idea.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    idea.write_text(text.replace(title, 'title: "<!--cocreate:html:0--> refill"'), "utf-8")
    planner = Planner(load_catalog(portal, now=EXAMPLE_NOW), make_environment())
    page = "challenges/zero-waste-packaging/ideas/34.md"
    spec = next(spec for spec in planner.plan() if spec.path == page)
    heading = heading_of(spec.markdown)
    assert heading.startswith("# &lt;") and heading.endswith(" refill")
    assert "<" not in heading and not MARKERS.search(heading)
    assert heading_of(spec.fill(spec.markdown)) == heading


def test_titles_cannot_make_links_or_emphasis_in_markdown(portal: Path, tmp_path: Path) -> None:
    """Titles land in Markdown headings and lists (the idea's page, results, the hall of
    fame, the home page): whatever they hold shows as typed, and links nowhere."""
    import html

    hostile = {
        "challenges/winter-menu-2026/ideas/12.yml":
            "Pear](https://evil.example/a) [loaf *bold* _it_ `code` #1 1. x! \\\\ {b}",
        "challenges/winter-menu-2026/challenge.yml": "[Winter](https://evil.example/b) menu",
    }
    for relative, title in hostile.items():
        file = portal / relative
        quoted = "title: '" + title.replace("'", "''") + "'"
        text = re.sub(r"^title: .*$", quoted.replace("\\", "\\\\"), file.read_text("utf-8"),
                      count=1, flags=re.MULTILINE)  # a replacement reads its backslashes
        file.write_text(text, "utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert 'href="https://evil.example' not in text, page
        assert "<em>it</em>" not in text and "<strong>bold</strong>" not in text, page
    def heading(path: str) -> str:
        found = re.search(r"<h1[^>]*>(.*?)</h1>", (site / path).read_text("utf-8"), re.S)
        assert found
        text = re.sub(r'<a class="headerlink".*?</a>', "", found[1])  # the ¶ permalink
        return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    assert heading("challenges/winter-menu-2026/ideas/12/index.html") == \
        hostile["challenges/winter-menu-2026/ideas/12.yml"]
    assert heading("challenges/winter-menu-2026/index.html") == \
        hostile["challenges/winter-menu-2026/challenge.yml"]
    hall = html.unescape(re.sub(r"<[^>]+>", "", (site / "results/index.html").read_text("utf-8")))
    assert hostile["challenges/winter-menu-2026/ideas/12.yml"] in hall


def test_the_plugin_keeps_ideas_and_people_out_of_a_navigation_mkdocs_builds_itself(
        portal: Path, tmp_path: Path) -> None:
    """With no `nav:` in mkdocs.yml, mkdocs lists every page; the plugin still leaves out
    each idea, challenge page and person, as mkdocs-material's blog does with its posts."""
    settings = portal / "mkdocs.yml"
    text = settings.read_text("utf-8")
    settings.write_text(text[: text.index("\nnav:\n")] + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    home = (tmp_path / "site/index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index('<div class="md-content"')]  # the sections hold navs of their own
    assert 'href="challenges/"' in nav and 'href="people/"' in nav and 'href="results/"' in nav
    assert not re.search(r"challenges/[a-z0-9-]+/|people/[a-z0-9-]+/", nav)


def test_a_portal_that_still_lists_the_themes_search_gets_pagefind_alone(
        portal: Path, tmp_path: Path) -> None:
    """mkdocs.yml of portals made before Pagefind lists the theme's `search` plugin: the
    cocreate plugin switches it off, so no page fetches the theme's index of the whole site."""
    settings = portal / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n",
                                                            1), "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "site" / "search").exists()
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "data-md-component=\"search\"" not in home and 'name="search"' not in home
