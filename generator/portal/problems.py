"""A problem found in a portal's files, reported as `path:line: what — how to fix`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, with the line it starts on (1-based, 0 if none)."""

    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ProblemsFound(Exception):
    """Raised when loading found problems; carries every one of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
