"""What the tests share: where the repository is, the example portal's moment, and the
real parts they run against, one module each:

    gitrepos       real Git repositories in temporary folders
    fake_github    the loopback GitHub stand-in (REST, GraphQL, webhooks), with
                   fake_github_settings for the repository settings `cocreate doctor` reads
    github_contract, github_material   GitHub's published descriptions, and the events
                   and issue bodies built from them
    chromium       the real Chromium at /usr/bin/chromium
    attack_corpus  the hostile inputs every output is checked against

The fixtures (`portal`, `remote`, `github`, `built_site`…) are in tests/conftest.py.

The suite carries its own portals and never reads the repository's (challenges/,
content/, mkdocs.yml, .github/ISSUE_TEMPLATE/ at the top): those belong to whoever runs
the portal, and `make test` must pass on theirs. EXAMPLE is the bakery example frozen
under tests/fixtures/example/ (its theme/ and .github/workflows/ are links to the
software's own); tests/fixtures/portal/ is the small portal of the golden files.
tests/test_own_portals.py holds the suite to it.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent.parent
# GitHub's own material (example payloads, issue-form fixtures, its schemas) comes
# from npm packages in node_modules/: see tests/support/github_contract.py.
# A moment at which the example shows every stage (see README: the example portal).
EXAMPLE_NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
TESTS = REPO / "tests"
EXAMPLE = TESTS / "fixtures" / "example"
LOOPBACK_TOKEN = "ghs_loopback"


def copy_example(root: Path) -> Path:
    """A private copy of the example portal in `root`, its links followed (a copy, not a link)."""
    shutil.copytree(EXAMPLE, root, symlinks=False, dirs_exist_ok=True)
    return root


def set_language(portal: Path, code: str) -> None:
    """Switch a copy of the example to the interface language `code` (en, es or fr)."""
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      language: en",
                                                        f"      language: {code}"), "utf-8")


def people_with_pages(portal: Path) -> set[str]:
    """Who has a page of their own, read from a portal's files as README says ("The site"):
    whoever wrote or co-wrote two ideas or more, or sits on a jury; not someone with one
    idea, or who only voted. Logins in lower case."""
    found: set[str] = set()
    ideas: dict[str, int] = {}
    for challenge in (portal / "challenges").iterdir():
        brief = yaml.safe_load((challenge / "challenge.yml").read_text("utf-8"))
        found |= {login.lower() for login in brief.get("jury") or []}
        for idea in challenge.glob("ideas/*.yml"):
            text = yaml.safe_load(idea.read_text("utf-8"))
            for login in {name.lower() for name in [text["author"],
                                                    *(text.get("coauthors") or [])]}:
                ideas[login] = ideas.get(login, 0) + 1
    return found | {login for login, count in ideas.items() if count >= 2}
