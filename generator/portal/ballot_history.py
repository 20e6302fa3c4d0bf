"""When each hand-written ballot vote entered the default branch, read from its history.

A vote `via: ballot` counts from the moment its pull request was merged into
the default branch, never from the `at` its voter wrote: the first-parent
commit that brought the vote, dated as that line records it
(`generator.portal.git`). A vote is known by what it gives, its idea and its
points (and which of several such it is), not by its `at`: rewriting the date
changes nothing, while changing the points casts a new vote, counted from the
commit that changed them. A ballot file moved to another name (an account
renamed) keeps its votes' moments.

The whole history is read with one `git log` whatever the number of ballots:
every first-parent commit with its date, and for those that changed a ballot,
the file as it stood after the commit (a diff with the whole file as context).
A shallow clone cannot tell when the votes of its oldest commit were merged:
reading one is refused with what to fetch, rather than dating them all at that
commit and changing the count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from generator.models import Ballot, Vote
from generator.portal.git import entry_moments, run_git
from generator.portal.loader import parse_yaml
from generator.portal.problems import Problem, ProblemsFound

# A vote by ballot, as its voter cast it: the idea, the points, and which such vote it is.
VoteKey = tuple[str, int, int]
# A ballot file's path → each of its ballot votes → when it entered the branch.
EnteredVotes = dict[str, dict[VoteKey, datetime]]

WHOLE_FILE = 300_000  # lines of context: more than a ballot file within the size limit holds
COMMIT = "\0"
GRAFTED = "grafted"  # how Git marks the oldest commit of a shallow clone


def ballot_keys(votes: Iterable[Vote]) -> list[VoteKey]:
    """The key of each vote `via: ballot`, in order (others get none)."""
    seen: dict[tuple[str, int], int] = {}
    keys = []
    for vote in votes:
        if vote.via == "ballot":
            pair = (vote.idea, vote.points)
            seen[pair] = seen.get(pair, 0) + 1
            keys.append((vote.idea, vote.points, seen[pair]))
    return keys


def read_entered_votes(root: Path, challenges_dir: str) -> EnteredVotes:
    """Every ballot vote on the checked-out branch, and when it entered it (one git call)."""
    output = run_git(
        root, "-c", "core.quotePath=false", "-c", "log.showSignature=false",
        "-c", "diff.suppressBlankEmpty=false", "log",
        "--first-parent", "--full-history", "--sparse", "--reverse",
        "--diff-merges=first-parent", "--find-renames", "--relative", "--no-color",
        "--no-ext-diff", "--no-textconv", f"--unified={WHOLE_FILE}",
        # No names of branches or tags, only Git's own mark of a shallow clone's end.
        "--decorate-refs-exclude=refs/*", "--decorate-refs-exclude=HEAD",
        "--format=%x00%H %ct %D", "-p", "HEAD", "--", f":(glob){challenges_dir}/*/votes/*.yml")
    state = replay(output or "")
    undated = sorted(path for path, votes in state.items() if None in votes.values())
    if undated:
        raise ProblemsFound([Problem(
            path, 0, "when its votes by ballot were merged cannot be read: this clone's "
            "history is shallow and they are in its oldest commit",
            "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` with "
            "actions/checkout)") for path in undated])
    return {path: {key: moment for key, moment in votes.items() if moment is not None}
            for path, votes in state.items()}


def replay(log: str) -> dict[str, dict[VoteKey, datetime | None]]:
    """The branch's ballot votes after every commit of the log, each with its first moment
    (None: in the oldest commit of a shallow clone, whose past is not there)."""
    commits = []
    for chunk in log.split(COMMIT)[1:]:
        header, _, patch = chunk.partition("\n")
        commit, _, rest = header.partition(" ")
        seconds, *marks = rest.split(" ")
        if seconds.isdigit():
            commits.append((commit, int(seconds), GRAFTED in (m.strip(",") for m in marks), patch))
    moments = entry_moments([(commit, seconds) for commit, seconds, _, _ in commits])
    state: dict[str, dict[VoteKey, datetime | None]] = {}
    for entered, (_, _, grafted, patch) in zip(moments, commits, strict=True):
        moment = None if grafted else entered.moment
        for old, new, text in _file_changes(patch):
            before = state.pop(old, {}) if old else {}
            if new is None:
                continue
            if text is None:  # renamed as it was, or a change Git shows no lines of
                state[new] = before
                continue
            state[new] = {key: before.get(key, moment) for key in _keys_in(text, new)}
    return state


DIFF = re.compile(r"^diff --git ", re.M)


def _file_changes(patch: str) -> Iterable[tuple[str | None, str | None, str | None]]:
    """(path before, path after, the file after) for each file of one commit's patch;
    a path is None when the file did not exist, the text when Git showed no lines."""
    for section in DIFF.split(patch)[1:]:
        head, at, body = section.partition("\n@@ ")
        old = new = None
        first, *lines = head.split("\n")
        if " b/" in first:  # `a/<path> b/<path>`: safe names hold no spaces
            old, new = first[2:].split(" b/", 1)
        for line in lines:
            if line.startswith(("rename from ", "--- ")):
                old = _path(line.split(" ", 2)[-1] if line.startswith("rename") else line[4:])
            elif line.startswith(("rename to ", "+++ ")):
                new = _path(line.split(" ", 2)[-1] if line.startswith("rename") else line[4:])
        if "new file mode" in head:
            old = None
        if "deleted file mode" in head:
            new = None
        text = None
        if at:
            hunk = body.partition("\n")[2]
            text = "".join(line[1:] + "\n" for line in hunk.split("\n")
                           if line[:1] in (" ", "+"))
        yield old, new, text


def _path(shown: str) -> str | None:
    if shown == "/dev/null":
        return None
    return shown[2:] if shown.startswith(("a/", "b/")) else shown


def _keys_in(text: str, path: str) -> list[VoteKey]:
    if "ballot" not in text:  # most versions of most ballots hold only 👍 and /vote
        return []
    try:
        ballot = Ballot.model_validate(parse_yaml(text, path).data)
    except (ProblemsFound, ValidationError):
        return []  # never valid on the branch: its votes count from a later, valid version
    return ballot_keys(ballot.votes)
