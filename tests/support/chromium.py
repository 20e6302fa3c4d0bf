"""Real Chromium and a loopback web server, for the tests that open built pages."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# One page of each type in the built example (tests.support.EXAMPLE at EXAMPLE_NOW).
PAGE_TYPES = [
    "", "challenges/", "challenges/winter-menu-2026/", "challenges/zero-waste-packaging/",
    "challenges/neighbourhood-events/", "challenges/winter-menu-2026/ideas/12/",
    "challenges/zero-waste-packaging/ideas/34/", "challenges/winter-menu-2026/leaderboard/",
    "challenges/winter-menu-2026/audit/", "challenges/winter-menu-2026/results/", "people/",
    "people/ines-duarte/", "results/", "roadmap/", "take-part/", "rules/", "privacy/", "about/",
    "insights/", "challenges/winter-menu-2026/insights/",
    "challenges/local-sourcing-2028/insights/",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output to the failures."""


@contextlib.contextmanager
def serve(folder: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
          ) -> Iterator[str]:
    """`folder` on a loopback HTTP server; yields its base address."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: install Debian's chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()
