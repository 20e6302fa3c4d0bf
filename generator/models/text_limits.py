"""What a text people type may hold beyond its length: its shape and its direction.

Python-Markdown recurses once for every list or quote inside another (2,000 nested
list markers exhaust Python's stack and stop the whole build), scans to the end of
the paragraph for each `[` (20,000 of them take minutes), and copies the rest of a
paragraph for each line it splits off. So a Markdown text is held to limits that no
real idea comes near and under which the renderer stays fast: the nesting of lists
and quotes, the number of lines and the number of `[`. The renderer checks the same
limits again before converting (`generator.site.usertext`), so a text that never went
through validation is shown as plain paragraphs instead of being converted.

Bidirectional embeddings, overrides and isolates make text read in another order
than it is stored ("Pay ‮0001‬ pounds" shows as "Pay 1000 pounds"); no typed
text needs them, so they are refused everywhere. The plain marks (U+200E, U+200F,
U+061C), which only set the direction of the characters around them and cannot
reorder a number, stay allowed in Markdown, where right-to-left writers need them.
"""

from __future__ import annotations

import re

from generator.i18n import N_
from generator.models.refusal import Refusal

MAX_NESTING = 8
MAX_LINES = 500
MAX_BRACKETS = 50
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
DIGITS = frozenset("0123456789")


def nesting(line: str) -> int:
    """How many lists and quotes a line sits in: its indentation in steps of four columns
    (a tab counts to the next), plus the `>`, `-`, `*`, `+` and `1.` markers opening it.

    One pass over the line's start, so any line is measured in linear time.
    """
    at, end, column = 0, len(line), 0
    while at < end and line[at] in " \t":
        column += 4 - column % 4 if line[at] == "\t" else 1
        at += 1
    depth = column // 4
    while at < end:
        char = line[at]
        if char == ">" or (char in "-*+" and (at + 1 == end or line[at + 1] in " \t")):
            at += 1
        elif char in DIGITS:
            digits = at
            while digits < end and digits - at < 9 and line[digits] in DIGITS:
                digits += 1
            if digits == end or line[digits] not in ".)" or \
                    (digits + 1 < end and line[digits + 1] not in " \t"):
                break
            at = digits + 1
        else:
            break
        depth += 1
        while at < end and line[at] in " \t":
            at += 1
    return depth


def shape_refusal(text: str) -> Refusal | None:
    """Why a Markdown text is beyond what the renderer takes, or None."""
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        return Refusal(N_("has %(count)s lines, over the limit of %(limit)s"),
                       N_("join short lines into paragraphs"),
                       count=str(len(lines)), limit=str(MAX_LINES))
    deepest = max((nesting(line) for line in lines), default=0)
    if deepest > MAX_NESTING:
        return Refusal(N_("nests lists and quotes %(depth)s levels deep, over the limit of "
                          "%(limit)s"),
                       N_("put the lists and quotes fewer levels inside each other"),
                       depth=str(deepest), limit=str(MAX_NESTING))
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return Refusal(N_("has %(count)s square brackets “[”, over the limit of %(limit)s"),
                       N_("keep square brackets for links, one pair each"),
                       count=str(brackets), limit=str(MAX_BRACKETS))
    return None


def refuse_unrenderable(text: str) -> str:
    """Refuse a Markdown text nested too deep, too many lines long, or full of brackets."""
    refusal = shape_refusal(text)
    if refusal is not None:
        raise refusal
    return text


def refuse_bidi_controls(text: str) -> str:
    """Refuse the bidirectional controls that reorder how text reads."""
    found = BIDI_CONTROLS.search(text)
    if found:
        raise Refusal(N_("contains the %(kind)s character %(code)s"),
                      N_("it can make the text read in another order than it is written; "
                         "retype the text without it"),
                      kind=N_("bidirectional control"), code=f"U+{ord(found[0]):04X}")
    return text
