"""The Content-Security-Policy in real Chromium: the theme's own inline code runs, nothing else.

A hand-written page carries what a hole anywhere else could put into a page: an inline
script, a `<base>`, a frame and a sound of the site's own. The policy is worked out from
the theme around a neutral page, so none of them is named: the script does not run, the
base address stays, and the frame and the sound are never asked for, while the theme's own
inline scripts, its search and its palette toggle work on the same page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from tests.support import EXAMPLE_NOW, copy_example
from tests.support.chromium import serve

pytestmark = pytest.mark.browser
INJECTED = """

<script>document.documentElement.dataset.pwned = "inline script";</script>

<base href="/elsewhere/">

<iframe src="/probe-frame/"></iframe>

<audio src="/probe-sound.mp3" autoplay></audio>
"""
# Init scripts run before the page's own, whatever its policy says.
RECORD_VIOLATIONS = """window.violations = [];
document.addEventListener("securitypolicyviolation",
  event => window.violations.push(event.effectiveDirective));"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with an inline script, a base, a frame and a sound on its Take part page."""
    root = copy_example(tmp_path_factory.mktemp("csp") / "portal")
    take_part = root / "content" / "take-part.md"
    take_part.write_text(take_part.read_text("utf-8") + INJECTED, "utf-8")
    site = root / "site"
    built = CliRunner().invoke(cli, ["--root", str(root), "--now", EXAMPLE_NOW.isoformat(),
                                     "build", "--site-dir", str(site)])
    assert built.exit_code == 0, built.output
    with serve(site) as address:
        yield address


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that records the violations of its policy, and every address it asks for."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    context.close()


def test_an_inline_script_in_a_page_does_not_run(tab: tuple[Any, list[str]],
                                                 served: str) -> None:
    page, _ = tab
    page.goto(f"{served}/take-part/", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.pwned ?? null") is None
    assert "script-src-elem" in page.evaluate("window.violations")


def test_a_base_address_in_a_page_is_refused(tab: tuple[Any, list[str]], served: str) -> None:
    """`base-uri 'none'`: even a base on the site's own host would move every relative link."""
    page, _ = tab
    page.goto(f"{served}/take-part/", wait_until="load")
    assert page.evaluate("document.baseURI") == f"{served}/take-part/"
    assert "base-uri" in page.evaluate("window.violations")


def test_what_no_directive_names_is_refused(tab: tuple[Any, list[str]], served: str) -> None:
    """`default-src 'none'`: frames and sounds, which the policy never names, load nothing,
    even from the site itself."""
    page, requests = tab
    page.goto(f"{served}/take-part/", wait_until="networkidle")
    assert [url for url in requests if "/probe-" in url] == []
    assert {"frame-src", "media-src"} <= set(page.evaluate("window.violations"))


def test_the_themes_own_inline_code_search_and_palette_work_beside_it(
        tab: tuple[Any, list[str]], served: str) -> None:
    page, _ = tab
    page.goto(f"{served}/take-part/", wait_until="load")
    assert page.evaluate("typeof __md_get") == "function"  # the theme's inline script in the head
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for=__palette_1]").click()
    assert page.evaluate(scheme) == "slate"
    page.reload(wait_until="load")  # the theme's inline script in the body restores it
    assert page.evaluate(scheme) == "slate"
    page.locator(".md-search__input").first.click()
    page.keyboard.type("porridge", delay=20)
    page.locator(".md-search-result__link", has_text="Porridge bar").first.wait_for(
        timeout=10_000)


@pytest.mark.parametrize("path", ["", "challenges/winter-menu-2026/ideas/12/",
                                  "challenges/winter-menu-2026/leaderboard/", "404.html"])
def test_a_page_of_the_site_breaks_none_of_its_own_rules(tab: tuple[Any, list[str]],
                                                        served: str, path: str) -> None:
    page, _ = tab
    page.goto(f"{served}/{path}", wait_until="networkidle")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("typeof __md_get") == "function"
    assert page.evaluate("window.violations") == []
