"""mkdocs' warnings as the portal's problems: `path:line: what — how to fix`.

mkdocs says `Doc file 'index.md' contains a link 'challenges/x/index.md', but the target
is not found among documentation files.` and, in strict mode, stops with a count. The
owner needs the file as it sits in the repository (content/index.md), the line, and
what to do; this module reads mkdocs 1.6's sentences for that, and passes any other
warning on as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.portal.problems import Problem
from generator.portal.settings import CONFIG_FILE

QUOTED = r"'(?P<{}>[^']*)'"
SUGGESTION = r"(?: Did you mean '(?P<suggestion>[^']*)'\?)?"
NOT_FOUND = re.compile(
    r"Doc file {} contains a link {}, but the target(?: {})? is not found among "
    r"documentation files\.{}$".format(QUOTED.format("doc"), QUOTED.format("link"),
                                        QUOTED.format("target"), SUGGESTION))
UNRECOGNIZED = re.compile(
    r"Doc file {} contains an unrecognized relative link {}, it was left as is\.{}$".format(
        QUOTED.format("doc"), QUOTED.format("link"), SUGGESTION))
ABSOLUTE = re.compile(
    r"Doc file {} contains an absolute link {}, it was left as is\.{}$".format(
        QUOTED.format("doc"), QUOTED.format("link"), SUGGESTION))
ANCHOR = re.compile(
    r"Doc file {} contains a link {}, but (?:the doc {} does not contain an anchor "
    r"'#(?P<anchor>[^']*)'|there is no such anchor on this page)\.".format(
        QUOTED.format("doc"), QUOTED.format("link"), QUOTED.format("target")))
NAV_NOT_FOUND = re.compile(
    r"A reference to {} is included in the 'nav' configuration, which is not found in the "
    r"documentation files\.$".format(QUOTED.format("link")))
CHALLENGE_PAGE = re.compile(r"(?:\.\./)*challenges/(?P<slug>[^/]+)/")


class BuildReport:
    """Turns mkdocs' messages into problems, with files named as in the repository."""

    def __init__(self, root: Path, docs_dir: Path) -> None:
        self.root = root
        self.docs_dir = docs_dir

    def source(self, doc: str) -> str:
        """A page's path in the repository: `index.md` → `content/index.md`."""
        try:
            return (self.docs_dir / doc).relative_to(self.root).as_posix()
        except ValueError:
            return doc

    def problem(self, message: str) -> Problem:
        """One mkdocs warning or error, said as a problem of the portal."""
        for kind, pattern in LINK_PATTERNS.items():
            if match := pattern.match(message):
                path = self.source(match["doc"])
                anchor = match.groupdict().get("anchor") or match["link"].partition("#")[2]
                return broken_link(path, line_of(self.root / path, match["link"]),
                                   match["link"], kind, match.groupdict().get("suggestion"),
                                   anchor)
        if match := NAV_NOT_FOUND.match(message):
            return missing_nav_entry(line_of(self.root / CONFIG_FILE, match["link"]),
                                     match["link"], self.source(""))
        return Problem("mkdocs", 0, message.strip())


LINK_PATTERNS = {"not_found": NOT_FOUND, "unrecognized_links": UNRECOGNIZED,
                 "absolute_links": ABSOLUTE, "anchors": ANCHOR}


def broken_link(path: str, line: int, link: str, kind: str, suggestion: str | None = None,
                anchor: str = "") -> Problem:
    """A link in a hand-written page that leads nowhere; `kind` is mkdocs' name for the
    check (validation.links in mkdocs.yml)."""
    if kind == "not_found":
        what, hint = "which is not a page of this portal", missing_target_hint(link, suggestion)
    elif kind == "unrecognized_links":
        what = "which names no page (a page's link ends in .md)"
        hint = did_you_mean(suggestion) or ("link to the page's Markdown file, such as "
                                            "rules.md, or write a whole address, https://…")
    elif kind == "absolute_links":
        what = ("an address from the server's root, which breaks when the site lives under "
                "a path (as on GitHub Pages)")
        hint = did_you_mean(suggestion) or ("link to the page's Markdown file, relative to "
                                            "this page (such as ../rules.md)")
    else:
        what = f"whose page has no heading or element with the anchor #{anchor}"
        hint = ("link to a heading the page has (its anchor is its title in lower case, words "
                "joined by -), or add <a id=\"…\"></a> where the link should land")
    return Problem(path, line, f"links to '{link}', {what}", hint)


def missing_nav_entry(line: int, entry: str, docs_dir: str) -> Problem:
    return Problem(CONFIG_FILE, line, f"nav lists '{entry}', which is not a page of this "
                   "portal", f"remove it from nav, or create the page in {docs_dir}/")


def missing_target_hint(link: str, suggestion: str | None) -> str:
    if suggestion:
        return did_you_mean(suggestion)
    if match := CHALLENGE_PAGE.match(link):
        return (f"remove the link, or create the challenge ({match['slug']}: "
                f"`cocreate new challenge {match['slug']}`)")
    return "correct the link or remove it; links go to Markdown files, relative to this page"


def did_you_mean(suggestion: str | None) -> str:
    return f"did you mean '{suggestion}'?" if suggestion else ""


def line_of(file: Path, link: str) -> int:
    """The first line of `file` where `link` is written as a Markdown link's target, else
    where it is written at all; 1-based, 0 if nowhere (or no such file)."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    for needle in (f"]({link})", f"]({link} ", f"]: {link}", f"]({link}", link):
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return 0
