"""Lighthouse on five page types of the example portal, on a phone and on a desk.

Builds the bundled example into a temporary folder, serves it over a loopback
server that compresses what it sends (as GitHub Pages does), and runs
Lighthouse (bench/audit/, npm `lighthouse`) with Debian's Chromium on the home
page, a challenge open for voting, one of its ideas, a leaderboard and a
challenge's insights, with Lighthouse's mobile settings (a throttled phone)
and its desktop preset. It prints one row per page and form factor: the
performance and accessibility scores, and the metrics behind performance.

    python bench/audit.py [--keep DIR]   # --keep: leave the JSON reports in DIR

It fails when a mobile page scores under 90 for performance or under 100
for accessibility (the targets the README states).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.table import print_table  # noqa: E402
from tests.support.chromium import serve  # noqa: E402

LIGHTHOUSE = REPO / "bench" / "audit" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = [
    ("home", ""),
    ("challenge", "challenges/zero-waste-packaging/"),
    ("idea", "challenges/zero-waste-packaging/ideas/34/"),
    ("leaderboard", "challenges/winter-menu-2026/leaderboard/"),
    ("insights", "challenges/winter-menu-2026/insights/"),
]
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
# What text compresses well; images and fonts are sent as they are.
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as Pages does)."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the parent redirects /dir to /dir/
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what Pages sends
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the output to the table."""


class _Body:
    """A body already in memory, shaped like the file send_head usually returns."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        self.data = b""


def build_example(site: Path) -> None:
    subprocess.run([str(Path(sys.executable).parent / "cocreate"), "build", "--site-dir",
                    str(site)], cwd=REPO, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def run_lighthouse(url: str, form_factor: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; returns its JSON report."""
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}",
               "--only-categories=performance,accessibility", "--quiet",
               "--chrome-flags=--headless --no-sandbox --disable-background-networking",
               *FORM_FACTORS[form_factor]]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(report.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def summarise(name: str, form_factor: str, result: dict[str, Any]) -> dict[str, Any]:
    audits, categories = result["audits"], result["categories"]

    def milliseconds(key: str) -> float:
        return float(audits[key].get("numericValue") or 0)

    return {
        "page": name, "form": form_factor,
        "performance": round(100 * (categories["performance"]["score"] or 0)),
        "accessibility": round(100 * (categories["accessibility"]["score"] or 0)),
        "fcp": milliseconds("first-contentful-paint"),
        "lcp": milliseconds("largest-contentful-paint"),
        "tbt": milliseconds("total-blocking-time"),
        "cls": float(audits["cumulative-layout-shift"].get("numericValue") or 0),
        "kb": milliseconds("total-byte-weight") / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="leave the JSON reports in this folder")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `make audit` (it installs bench/audit/)")
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build_example(site)
        reports = arguments.keep or Path(temporary) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        runs = [(name, path, form) for form in FORM_FACTORS for name, path in PAGES]
        with serve(site, CompressingHandler) as address:
            rows = print_table(
                "Lighthouse 12 on the example portal (served compressed, Chromium headless)",
                [("page", "page", "<12"), ("form", "form", "<8"), ("perf", "performance", "5d"),
                 ("a11y", "accessibility", "5d"), ("FCP ms", "fcp", "7.0f"),
                 ("LCP ms", "lcp", "7.0f"), ("TBT ms", "tbt", "7.0f"), ("CLS", "cls", "6.3f"),
                 ("KB", "kb", "6.0f")],
                range(len(runs)),
                lambda index: summarise(runs[index][0], runs[index][2], run_lighthouse(
                    f"{address}/{runs[index][1]}", runs[index][2],
                    reports / f"{runs[index][0]}-{runs[index][2]}.json")))
    short = [f"{row['page']} ({row['form']})" for row in rows if row["form"] == "mobile"
             and (row["performance"] < 90 or row["accessibility"] < 100)]
    if short:
        print("under target (mobile performance ≥ 90, accessibility 100): " + ", ".join(short))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
