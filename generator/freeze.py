"""Voting rules are frozen once voting opens, and Git history is the witness.

For each challenge whose voting has opened, the rules in `challenge.yml` now
are compared with those in the last commit made before voting opened: the
`voting:` block and the voting window. Any difference is a problem for
`cocreate validate`. When history does not reach back that far (a shallow
clone, or a challenge first committed after its voting opened) there is
nothing to compare with, and the check says so instead of guessing.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from pydantic import ValidationError

from .catalog import Catalog
from .loader import parse_yaml
from .models import Challenge
from .problems import Problem, ProblemsFound
from .stages import voting_window


def _git(root: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True,
                                encoding="utf-8", check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def check_frozen_rules(catalog: Catalog) -> tuple[list[Problem], list[str]]:
    """Problems for rules changed after voting opened, and the files history could not check."""
    problems: list[Problem] = []
    notes: list[str] = []
    zone = catalog.settings.zone
    for folder in catalog.challenges.values():
        opens, _ = voting_window(folder.challenge.timeline, zone)
        if catalog.now < opens:
            continue
        path = folder.source.path
        before = opens.astimezone(UTC).isoformat()
        commit = (_git(catalog.root, "log", "-1", "--format=%H", f"--before={before}", "--",
                       path) or "").strip()
        if not commit:
            notes.append(path)
            continue
        text = _git(catalog.root, "show", f"{commit}:{path}")
        try:
            earlier = Challenge.model_validate(parse_yaml(text or "", path).data,
                                               context={"zone": zone})
        except (ProblemsFound, ValidationError):
            notes.append(path)
            continue
        changes = _changes(earlier, folder.challenge, zone)
        if changes:
            document = folder.source.document
            problems.append(Problem(
                path, document.line_of(("voting",)) or document.line_of(("timeline",)),
                f"the voting rules changed after voting opened on {opens:%-d %B %Y}: "
                + "; ".join(changes),
                f"rules are frozen once voting opens — put them back as in commit {commit[:12]}"))
    return problems, notes


def _changes(earlier: Challenge, now: Challenge, zone: tzinfo) -> list[str]:
    changes = []
    before, after = earlier.voting.model_dump(), now.voting.model_dump()
    for key in before:
        if before[key] != after[key]:
            changes.append(f"{key} was {_show(before[key])}, now {_show(after[key])}")
    window_before = voting_window(earlier.timeline, zone)
    window_after = voting_window(now.timeline, zone)
    for name, old, new in zip(("voting opens", "voting closes"), window_before, window_after,
                              strict=True):
        if old != new:
            changes.append(f"{name} was {_moment(old)}, now {_moment(new)}")
    return changes


def _moment(value: datetime | None) -> str:
    return "never" if value is None else f"{value:%-d %B %Y %H:%M %Z}"


def _show(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)
