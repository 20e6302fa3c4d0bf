"""The home page: the owner's `content/index.md` with the generated sections where its markers
stand.

An owner places a generated section with a line of its own holding only its marker:

    <!-- cocreate: open-now -->

`open-now` (the challenges open for ideas or votes, with their "Submit an idea" buttons),
`recent-ideas`, `winners` and `figures`. A section with no marker follows the page's own
text, in that order, so a page without markers reads as it always did. A marker in a
fenced code block is text, not a marker. Any other `<!-- cocreate: … -->` comment (an
unknown name, a marker written twice or inside a line of text) is a problem
`cocreate validate` and the build name with its line, since the page would silently lose
the section.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from generator.portal.problems import Problem

HOME_SECTIONS = ("open-now", "recent-ideas", "winners", "figures")
MARKER = re.compile(r"<!--\s*cocreate\s*:\s*(?P<name>.*?)\s*-->")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def marker_lines(markdown: str) -> list[tuple[int, str, bool]]:
    """Each `<!-- cocreate: … -->` outside fenced code: (line number, name, alone on its
    line). Line numbers start at 1."""
    found = []
    fence = ""
    for number, line in enumerate(markdown.split("\n"), 1):
        opening = FENCE.match(line)
        if fence:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = ""
            continue
        if opening:
            fence = opening[1]
            continue
        for match in MARKER.finditer(line):
            found.append((number, match["name"], MARKER.fullmatch(line.strip()) is not None))
    return found


def marker_problems(markdown: str, shown: str) -> list[Problem]:
    """What is wrong with the markers of the home page at `shown`; [] if nothing."""
    problems = []
    seen: dict[str, int] = {}
    for number, name, alone in marker_lines(markdown):
        if name not in HOME_SECTIONS:
            close = difflib.get_close_matches(name, HOME_SECTIONS, n=1)
            hint = (f"did you mean `<!-- cocreate: {close[0]} -->`?" if close else
                    "the sections are " + ", ".join(HOME_SECTIONS))
            problems.append(Problem(shown, number, f"'{name}' is not a section of the home "
                                    "page a marker can place", hint))
        elif not alone:
            problems.append(Problem(shown, number, f"the marker of '{name}' shares its line "
                                    "with other text", "put it on a line of its own"))
        elif name in seen:
            problems.append(Problem(shown, number, f"places '{name}' a second time (first "
                                    f"on line {seen[name]})", "keep one of the two markers"))
        else:
            seen[name] = number
    return problems


def place_sections(markdown: str, render: Callable[[Sequence[str]], str]) -> str:
    """The home page with each marked section in its marker's place and the others after
    the page's own text; `render` gives the Markdown of the named sections, in that order.

    The markers are expected to be sound (`marker_problems`)."""
    places = {number: name for number, name, _ in marker_lines(markdown)}
    lines = markdown.rstrip("\n").split("\n")
    for number, name in places.items():
        lines[number - 1] = "\n" + render([name]).strip("\n") + "\n"
    rest = [name for name in HOME_SECTIONS if name not in places.values()]
    page = "\n".join(lines) + "\n"
    return page + render(rest) if rest else page
