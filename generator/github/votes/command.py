"""Reading `/vote [N]` and `/unvote` out of a comment, as GitHub shows the comment.

A command counts only where GitHub shows it as a line of its own in a
paragraph at the top of the comment: the comment is parsed as CommonMark
with GitHub's tables (markdown-it-py), and only the lines of top-level
paragraphs are read. So nothing inside a quote (lazy continuation lines
included), a list item, a table, a heading, a fenced or indented code block,
an HTML block (`<pre>`, `<!-- comment -->`, `<details>` …) or inline code,
markup or HTML counts. GitHub shows each line break of a comment, so
`Great idea!` then `/vote` on the next line is a line of its own.

The parser is linear in the length of the comment: a test reads 100,000
characters of each kind that makes a Markdown reader backtrack (unclosed
brackets, emphasis, code spans, HTML, table rows, quotes) in about a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

COMMAND = re.compile(r"/(?P<verb>vote|unvote)(?:[ \t]+(?P<points>\d{1,4}))?", re.IGNORECASE)
# What a person meant as a command but mistyped: the verb, then anything after a space.
MALFORMED = re.compile(r"/(?:vote|unvote)(?:[ \t].*)?", re.IGNORECASE)
# CommonMark, as GitHub's comments follow it, with GitHub's tables: a `/vote`
# line under a table is one of its rows. Nesting deeper than GitHub shows is
# cut off rather than recursed into.
PARSER = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")
LINE_BREAKS = frozenset({"softbreak", "hardbreak"})


@dataclass(frozen=True)
class Command:
    verb: str  # vote or unvote
    points: int | None


def find_command(body: str | None) -> Command | None:
    """The first `/vote [N]` or `/unvote` GitHub shows on a line of its own at top level."""
    for line in _top_level_lines(PARSER.parse(body or "")):
        match = COMMAND.fullmatch(line.strip(" \t"))
        if match:
            points = int(match["points"]) if match["points"] else None
            return Command(match["verb"].lower(), points)
    return None


def find_malformed(body: str | None) -> str | None:
    """The first line, where a command would count, that starts like one but is not one
    (`/vote trois`, `/vote 2.5`, `/unvote please`): it is answered with the right form."""
    for line in _top_level_lines(PARSER.parse(body or "")):
        text = line.strip(" \t")
        if MALFORMED.fullmatch(text) and not COMMAND.fullmatch(text):
            return text
    return None


def _top_level_lines(tokens: list[Token]) -> Iterator[str]:
    """Each line of plain text in the comment's top-level paragraphs.

    A line with anything but text on it (code, emphasis, a link, inline HTML)
    is not plain, and is left out.
    """
    opened = False
    for token in tokens:
        if token.type == "inline" and opened:
            yield from _plain_lines(token.children or [])
        opened = token.type == "paragraph_open" and token.level == 0


def _plain_lines(children: list[Token]) -> Iterator[str]:
    text: list[str] = []
    plain = True
    for child in [*children, Token("softbreak", "", 0)]:
        if child.type in LINE_BREAKS:
            if plain:
                yield "".join(text)
            text, plain = [], True
        elif child.type == "text":
            text.append(child.content)
        else:
            plain = False
