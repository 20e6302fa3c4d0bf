"""Commit messages and pull-request texts close no issue and mention no one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.github.branches import GitBranches
from generator.github.committing import commit_with_retry
from generator.github.inert import inert, inert_markdown
from tests.support.gitrepos import clone, git, push_to_bare_remote

# GitHub's closing keywords before each form of reference it reads, as its docs list them.
CLOSES = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s*(?:#\d|[\w.-]+/[\w.-]+#\d|"
                    r"[\w.-]+#\d|gh-\d|https?://)", re.IGNORECASE)
MENTIONS = re.compile(r"(?<![\w@/`])@[A-Za-z0-9]")


@pytest.mark.parametrize("title", [
    "Closes #45, fixes #47", "closes: #45", "FIXED #1", "Resolves crumb-and-kettle/ideas#45",
    "resolve https://github.com/crumb-and-kettle/ideas/issues/45", "fix GH-45",
    "Soup jars (fixes #3) and resolved #4", "close\n#45", "Fixes:#9",
])
def test_a_closing_keyword_no_longer_reaches_its_reference(title: str) -> None:
    assert CLOSES.search(title)
    text = inert(title)
    assert not CLOSES.search(text), text
    assert re.sub("[“”]", "", text) == title  # only quotes added: it reads the same


@pytest.mark.parametrize("text", ["thanks @alice and @org/team", "@bob", "(@carol)"])
def test_a_mention_no_longer_notifies(text: str) -> None:
    assert not MENTIONS.search(inert(text))
    assert inert(text).replace("＠", "@") == text


@pytest.mark.parametrize("text", [
    "Fix the oven door", "Soup #1 in town", "mail me at me@example.com", "Idea #48: Jars",
    "Prefix #45", "closet #4",
])
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert inert(text) == text


def test_a_pull_request_body_keeps_its_fenced_file_as_it_is() -> None:
    body = ("Adds the idea, fixes #4 for @alice.\n\n````yaml\ntitle: Closes #45 @bob\n"
            "```\nstill: the file\n````\nAfter it, closes #46.\n~~~\nfixes #1\n")
    assert inert_markdown(body) == (
        "Adds the idea, “fixes” #4 for ＠alice.\n\n````yaml\ntitle: Closes #45 @bob\n"
        "```\nstill: the file\n````\nAfter it, “closes” #46.\n~~~\nfixes #1\n")


def test_a_commit_to_main_carries_its_message_inert(portal: Path, tmp_path: Path) -> None:
    """Status and vote commits go through `commit_with_retry`: what they say is inert too."""
    remote = push_to_bare_remote(portal, tmp_path)
    checkout = clone(remote, tmp_path / "run")

    def apply(root: Path) -> list[str]:
        (root / "note.txt").write_text("changed\n", "utf-8")
        return ["note.txt"]

    commit_with_retry(GitBranches(checkout), "main", apply,
                      "Idea 5 shortlisted: Resolves #45, thanks to @lucy-cho", pause=lambda _: None)
    assert git(remote, "log", "-1", "--format=%B", "main").strip() == \
        "Idea 5 shortlisted: “Resolves” #45, thanks to ＠lucy-cho"
