"""`mkdocs serve` rebuilds when an idea file changes, without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_until(url: str, wanted: str, seconds: float) -> str:
    """GET `url` until its body contains `wanted`; returns the last body seen."""
    body = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = str(response.read().decode("utf-8"))
            if wanted in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not serving yet, or busy rebuilding on a loaded machine: ask again
        time.sleep(0.5)
    return body


def test_serve_picks_up_an_edited_idea_without_a_restart(portal: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=portal, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/ideas/challenges/suggestion-box/ideas/47/"
        assert "Bring-your-own-tub discount" in fetch_until(url, "Bring-your-own-tub", 60)
        idea = portal / "challenges/suggestion-box/ideas/47.yml"
        text = idea.read_text("utf-8")
        idea.write_text(text.replace("title: Bring-your-own-tub discount",
                                     "title: Return-the-crate discount"), "utf-8")
        assert "Return-the-crate discount" in fetch_until(url, "Return-the-crate", 60)
        # The search's index is built for the served site too (Pagefind after each build).
        entry = f"http://127.0.0.1:{port}/ideas/pagefind/pagefind-entry.json"
        assert '"en"' in fetch_until(entry, '"en"', 60)
    finally:
        server.terminate()
        server.wait(timeout=10)
