"""What a change does to each leaderboard: the tallies before and after, as Markdown.

A pull request's check runs this against the base branch's files and writes it
into the job summary, so a reviewer sees every rank, vote and score that moves.
"""

from __future__ import annotations

from generator.contest.tally import ChallengeTally, IdeaResult
from generator.contest.words import quote

TITLE_LENGTH = 200  # a title's longest (models.common.Line): shown whole


def _cell(title: str) -> str:
    """A title as the text of a table cell: inline code, so that no link, mention, tag or
    emphasis comes of it, and `|` escaped, which GitHub reads as a column even in code."""
    return quote(title, limit=TITLE_LENGTH).replace("|", "\\|")


def _line(idea: IdeaResult) -> str:
    return f"#{idea.rank} · {idea.votes} votes · score {idea.score:.2f}"


def describe_changes(before: list[ChallengeTally], after: list[ChallengeTally]) -> str:
    """Markdown listing, per challenge, the ideas whose place or numbers changed."""
    old = {tally.challenge: tally.by_id() for tally in before}
    lines = ["## What this change does to the leaderboards", ""]
    changed = False
    for tally in after:
        previous = old.pop(tally.challenge, None)
        rows = []
        for idea in tally.ideas:
            was = previous.get(idea.id) if previous is not None else None
            if was is None:
                rows.append(f"| {_cell(idea.title)} | new | {_line(idea)} |")
            elif (was.rank, was.votes, was.score) != (idea.rank, idea.votes, idea.score):
                rows.append(f"| {_cell(idea.title)} | {_line(was)} | {_line(idea)} |")
        for idea_id, was in (previous or {}).items():
            if idea_id not in tally.by_id():
                rows.append(f"| {_cell(was.title)} | {_line(was)} | removed |")
        if previous is None:
            lines.append(f"### {tally.challenge} (new challenge)")
        elif rows:
            lines.append(f"### {tally.challenge}")
        if rows:
            changed = True
            lines += ["", "| Idea | Before | After |", "| --- | --- | --- |", *rows, ""]
        elif previous is None:
            lines += ["", "No ideas yet.", ""]
            changed = True
    for challenge in old:
        changed = True
        lines += [f"### {challenge} (removed)", ""]
    if not changed:
        lines.append("No leaderboard changes.")
    return "\n".join(lines).rstrip("\n") + "\n"
