"""Voting rules are frozen once voting opens, and the default branch's history is the witness.

For each challenge whose voting has opened, the rules in `challenge.yml` now
are compared with the rules as the branch stood just before its first
first-parent commit that entered the voting window (`generator.portal.git`):
the `voting:` block and the voting window, and the portal's `time_zone`, which
places every plain day of the timeline and of the ideas' histories. Commit
dates alone cannot move that point: a pull request's own commits are not on
the first-parent line, and a commit on it counts no earlier than the one
before it. Any difference is a problem for `cocreate validate`. When history
does not reach back that far (a shallow clone, or a challenge first committed
after its voting opened) there is nothing to compare with, and the check says
so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from generator.models import Challenge
from generator.models.stages import voting_window
from generator.portal.catalog import Catalog, ChallengeFolder
from generator.portal.git import Entered, read_branch, run_git, standing_before
from generator.portal.loader import parse_yaml
from generator.portal.problems import Problem, ProblemsFound
from generator.portal.settings import CONFIG_FILE, parse_settings


@dataclass(frozen=True)
class FrozenRules:
    """A challenge's rules, and the portal's time zone, as they stood when voting opened."""

    commit: str
    challenge: Challenge
    time_zone: str


def check_frozen_rules(catalog: Catalog) -> tuple[list[Problem], list[str]]:
    """Problems for rules changed after voting opened, and the files history could not check."""
    problems: list[Problem] = []
    notes: list[str] = []
    moved_zones: dict[str, list[str]] = {}  # the zone voting opened in → its challenges
    branch: list[Entered] | None = None
    for folder in catalog.challenges.values():
        opens, _ = voting_window(folder.challenge.timeline, catalog.settings.zone)
        if catalog.now < opens:
            continue
        branch = read_branch(catalog.root) if branch is None else branch
        frozen = _frozen_rules(catalog, folder, standing_before(branch, opens))
        if frozen is None:
            notes.append(folder.source.path)
            continue
        if frozen.time_zone != catalog.settings.time_zone:
            moved_zones.setdefault(frozen.time_zone, []).append(folder.slug)
        changes = _changes(frozen.challenge, folder.challenge, ZoneInfo(frozen.time_zone))
        if changes:
            document = folder.source.document
            problems.append(Problem(
                folder.source.path,
                document.line_of(("voting",)) or document.line_of(("timeline",)),
                f"the voting rules changed after voting opened on {opens:%-d %B %Y}: "
                + "; ".join(changes),
                "rules are frozen once voting opens — put them back as in commit "
                f"{frozen.commit[:12]}"))
    return problems + _zone_problems(catalog, moved_zones), notes


def _frozen_rules(catalog: Catalog, folder: ChallengeFolder,
                  commit: str | None) -> FrozenRules | None:
    if commit is None:
        return None
    path = folder.source.path
    challenge_text = run_git(catalog.root, "show", f"{commit}:./{path}")
    settings_text = run_git(catalog.root, "show", f"{commit}:./{CONFIG_FILE}")
    if challenge_text is None or settings_text is None:
        return None
    try:
        settings = parse_settings(settings_text)[0]
        earlier = Challenge.model_validate(parse_yaml(challenge_text, path).data,
                                           context={"zone": settings.zone})
    except (ProblemsFound, ValidationError):
        return None
    return FrozenRules(commit, earlier, settings.time_zone)


def _zone_problems(catalog: Catalog, moved: dict[str, list[str]]) -> list[Problem]:
    if not moved:
        return []
    _, document, location = parse_settings(
        (catalog.root / CONFIG_FILE).read_text(encoding="utf-8"))
    line = document.line_of((*location, "time_zone")) or document.line_of(location)
    now = catalog.settings.time_zone
    return [Problem(CONFIG_FILE, line,
                    f"the time zone changed after voting opened in {_names(slugs)}: it was "
                    f"{zone}, now {now}",
                    f"it places every plain day of their timelines and histories, so it is "
                    f"frozen once voting opens — put back `time_zone: {zone}`")
            for zone, slugs in sorted(moved.items())]


def _changes(earlier: Challenge, now: Challenge, zone: tzinfo) -> list[str]:
    """What changed in the rules; both windows are read in the zone voting opened in, so a
    change of time zone is told once, as itself."""
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


def _names(slugs: list[str]) -> str:
    return slugs[0] if len(slugs) == 1 else ", ".join(slugs[:-1]) + " and " + slugs[-1]


def _moment(value: datetime | None) -> str:
    return "never" if value is None else f"{value:%-d %B %Y %H:%M %Z}"


def _show(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)
