"""The intake's decision carried out, through two ports.

A `Desk` talks to the issue and the pull request; `Branches` pushes the idea
file to branch `idea/<n>`. Without a token both ports only print what they
would do, so the intake runs offline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from generator.contest.labels import IDEA, NEEDS_CHANGES, relabel
from generator.contest.words import plural
from generator.github.branches import PullRef, Pushed
from generator.github.events import IssuesEvent
from generator.github.forms.answers import FormSpec
from generator.github.intake.decision import (
    Decision,
    NeedsChanges,
    NotAnIdea,
    assess,
)
from generator.github.intake.replies import (
    MARKER,
    accepted_comment,
    needs_changes_comment,
    pull_body,
    pull_title,
)
from generator.i18n import language
from generator.portal.catalog import Catalog


class Desk(Protocol):
    """What the intake does on GitHub: one comment, labels, one pull request."""

    def find_pull(self, head: str, base: str) -> PullRef | None: ...

    def save_pull(self, existing: PullRef | None, head: str, base: str, title: str,
                  body: str) -> PullRef: ...

    def save_comment(self, number: int, marker: str, body: str) -> str: ...

    def set_labels(self, number: int, current: set[str], add: set[str],
                   remove: set[str]) -> None: ...


class Branches(Protocol):
    """Where idea files go for review: a branch per issue on the portal's remote."""

    def publish(self, branch: str, base: str, *, start_over: bool, files: dict[str, str],
                remove_glob: str, message: str) -> Pushed: ...


@dataclass
class IntakeResult:
    decision: Decision
    pull: PullRef | None = None
    commit: str | None = None


def run_intake(event: IssuesEvent, catalog: Catalog, spec: FormSpec, desk: Desk,
               branches: Branches, say: Callable[[str], None], site_url: str = "",
               challenge_specs: Mapping[str, FormSpec] | None = None) -> IntakeResult:
    """Assess the event, write the idea file if valid, and answer on the issue."""
    decision = assess(event, catalog, spec, challenge_specs)
    lang = language(catalog.settings.language)
    result = IntakeResult(decision)
    issue = event.issue
    if isinstance(decision, NotAnIdea):
        say(f"issue #{issue.number}: nothing to do: {decision.reason}")
        return result
    if isinstance(decision, NeedsChanges):
        desk.save_comment(issue.number, MARKER, needs_changes_comment(event, decision, lang))
        desk.set_labels(issue.number, issue.label_names, *relabel(
            issue.label_names, [IDEA.name(lang.code), NEEDS_CHANGES.name(lang.code)]))
        count = len(decision.problems)
        say(f"issue #{issue.number}: needs changes ({plural(count, 'problem')})")
        for problem in decision.problems:
            say(f"  - {problem}")
        return result
    file = catalog.root / decision.path
    if not file.is_file() or file.read_text(encoding="utf-8") != decision.text:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(decision.text, encoding="utf-8")
    say(f"issue #{issue.number}: wrote {decision.path}")
    branch = f"idea/{issue.number}"
    base = event.repository.default_branch
    existing = desk.find_pull(branch, base)
    pushed = branches.publish(
        branch, base, start_over=existing is None, files={decision.path: decision.text},
        # Only this issue's own file moves between challenges: the id is ours (see assess).
        remove_glob=f"{catalog.settings.challenges_dir}/*/ideas/{decision.id}.yml",
        message=f"Idea #{issue.number}: {decision.idea.title}\n\n"
                f"Submitted by {issue.user.login} in #{issue.number}.",
    )
    result.commit = pushed.commit
    challenge_title = catalog.challenges[decision.idea.challenge].challenge.title
    if pushed.needs_review:
        result.pull = desk.save_pull(existing, branch, base, pull_title(decision, lang),
                                     pull_body(event, decision, lang, challenge_title))
        say(f"issue #{issue.number}: review in {result.pull.url}")
    else:
        say(f"issue #{issue.number}: {base} already holds this version; nothing to review")
    desk.save_comment(issue.number, MARKER,
                      accepted_comment(event, decision, result.pull, site_url, lang,
                                       challenge_title))
    desk.set_labels(issue.number, issue.label_names, *relabel(
        issue.label_names, [IDEA.name(lang.code)], [NEEDS_CHANGES]))
    return result
