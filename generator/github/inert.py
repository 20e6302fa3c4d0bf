"""Text the bots write to Git and GitHub, made inert: it closes no issue, mentions no one.

A commit message or a pull request carries text people typed (an idea's title, a
challenge's title). GitHub reads a closing keyword followed by an issue reference
(`Closes #45`, `fixes: owner/repo#47`, `Resolves https://github.com/…/issues/9`) in a
commit message that reaches the default branch, or in a pull request's description,
and closes that issue on merge; `@login` notifies that person. Every commit message
and pull-request title and body the portal writes goes through one of the two
functions here, at the adapters that send them (`branches`, `committing`,
`github_api`):

- a closing keyword followed by a reference is put in quotes, “Closes” #45, so the
  keyword no longer touches its reference and the reference stays readable;
- the `@` of a mention becomes the full-width ＠, which GitHub does not read.

GitHub ignores both inside fenced code blocks, where a pull request shows the idea
file as it is: `inert_markdown` leaves those alone. Each pattern matches in one
pass (possessive runs, no nested repetition), so any text is read in linear time.
"""

from __future__ import annotations

import re

CLOSING = re.compile(
    r"\b(?P<keyword>close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b"
    r"(?=:?+\s*+(?:#|gh-|https?://|[\w.-]++(?:/[\w.-]++)?+#))",
    re.IGNORECASE)
MENTION = re.compile(r"(?<![\w@/`])@(?=[A-Za-z0-9])")
FENCE = re.compile(r" {0,3}(?P<fence>`{3,}+|~{3,}+)")
FULL_WIDTH_AT = "\uff20"


def inert(text: str) -> str:
    """A commit message or a pull request's title that closes nothing and mentions no one."""
    text = CLOSING.sub(lambda found: f"“{found['keyword']}”", text)
    return MENTION.sub(FULL_WIDTH_AT, text)


def inert_markdown(text: str) -> str:
    """A pull request's body made inert outside its fenced code blocks, kept as is inside."""
    lines: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if fence is None and not opening:
            prose.append(line)
            continue
        if prose:  # neither pattern crosses a line break's meaning: lines stay lines
            lines += inert("\n".join(prose)).split("\n")
            prose = []
        lines.append(line)
        if fence is None:
            fence = opening["fence"] if opening else None
        elif opening and opening["fence"][0] == fence[0] and \
                len(opening["fence"]) >= len(fence) and not line.strip().strip(fence[0]):
            fence = None
    if prose:
        lines += inert("\n".join(prose)).split("\n")
    return "\n".join(lines)
