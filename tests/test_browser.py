"""The built example in real Chromium: pages render and nothing is fetched from elsewhere."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """The built site on a loopback HTTP server; yields its base address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.mark.parametrize("page_path", ["", "challenges/", "take-part/", "privacy/"])
def test_pages_render_and_request_only_the_local_server(browser: object, served: str,
                                                        page_path: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    response = page.goto(f"{served}/{page_path}", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert "Crumb & Kettle" in page.title()
    assert page.locator("article h1").count() == 1
    assert errors == []
    foreign = [url for url in requests if not url.startswith(served)]
    assert foreign == []
    page.close()


def test_the_challenges_page_shows_a_card_per_challenge(browser: object, served: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{served}/challenges/")
    cards = page.locator("article .cc-card")
    assert cards.count() == len(list((Path(__file__).parent.parent / "challenges").iterdir()))
    page.close()
