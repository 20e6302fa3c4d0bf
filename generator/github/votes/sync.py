"""`cocreate votes sync`: the periodic catch-up of every vote GitHub holds.

GitHub sends no event for a reaction, and a `/vote` comment's own workflow run
can be lost (a burst of runs, an outage). So every run of the sync reads, for
each idea of the challenges voting now, its 👍 and its comments in one GraphQL
pass, then in one commit:

1. recomputes every reaction vote from scratch (`reactions.sync_ballots`);
2. records each `/vote` or `/unvote` that no run has answered yet (the bot
   reacts to every command it answers), oldest first, decided exactly as the
   comment workflow decides (`comment_votes.decide_comment`);
3. counts the comments people wrote on each idea's issue, for the site
   (`discussion.sync_discussion`: not votes, and no request of their own);

and then answers those commands as the comment workflow would have. The
comment workflow is the fast path; this is the catch-up, and running it twice
records and answers nothing new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.github.votes.comments import (
    Apply,
    Commit,
    Decision,
    NotAVote,
    Recorded,
    Verdict,
    VoteDesk,
    answer_comment,
    decide_comment,
    record,
)
from generator.github.votes.discussion import sync_discussion
from generator.github.votes.reactions import (
    GraphQL,
    IssueComment,
    Renames,
    fetch_activity,
    logins_now,
    sync_ballots,
    synced_ideas,
)
from generator.portal.catalog import Catalog


@dataclass(frozen=True)
class PendingCommand:
    """A `/vote` or `/unvote` comment no run has answered, with what it means."""

    comment: IssueComment
    decision: Decision
    verdict: Verdict


@dataclass(frozen=True)
class SyncReport:
    ideas: int
    reactions: int
    caught_up: int
    commit: str | None
    renames: Renames | None = None


def pending_commands(comments: dict[int, list[IssueComment]],
                     catalog: Catalog) -> list[PendingCommand]:
    """The unanswered commands, oldest first; edited ones are left alone.

    An edited comment's text now may not be what it said when it was posted,
    and edits do not vote in the comment workflow either.
    """
    found = []
    everything = sorted((c for listed in comments.values() for c in listed
                         if not c.answered and not c.edited), key=lambda c: (c.at, c.id))
    for comment in everything:
        decision = decide_comment(comment.issue, comment.login, comment.bot, comment.body,
                                  comment.at, catalog, account_id=comment.account_id)
        if not isinstance(decision, NotAVote):
            found.append(PendingCommand(comment, decision, Verdict()))
    return found


def in_order(changes: list[Apply]) -> Apply:
    """One change to a tree that makes each of `changes` in turn."""

    def apply(root: Path) -> list[str]:
        changed: dict[str, None] = {}
        for change in changes:
            changed.update(dict.fromkeys(change(root)))
        return list(changed)

    return apply


def run_vote_sync(catalog: Catalog, graphql: GraphQL, repository: str, desk: VoteDesk,
                  commit: Commit, say: Callable[[str], None]) -> SyncReport:
    """Read, record in one commit, then answer the caught-up commands."""
    ideas = synced_ideas(catalog)
    activity = fetch_activity(graphql, repository, sorted(ideas))
    total = sum(len(found) for found in activity.reactions.values())
    pending = pending_commands(activity.comments, catalog)
    renames = Renames()
    changes = [sync_ballots(catalog, ideas, activity.reactions, logins_now(activity), renames)]
    changes += [record(p.decision, catalog, p.comment.account_created, p.verdict)
                for p in pending if isinstance(p.decision, Recorded)]
    changes.append(sync_discussion(catalog, ideas, activity.comments))
    message = f"Sync votes ({total} 👍 on {len(ideas)} ideas"
    message += f", {len(pending)} unanswered /vote comments)" if pending else ")"
    committed = commit(in_order(changes), message)
    for slug, old, new in renames.moved:
        say(f"{slug}: {old}'s ballot moved to {new}.yml: GitHub shows the same account "
            f"under the login {new} now")
    for held in renames.held:
        say(f"left alone: {held}; a maintainer decides whose votes they are")
    for p in pending:
        answer_comment(desk, p.comment.issue, p.comment.id, p.comment.login, p.decision,
                       p.verdict, catalog, say)
    return SyncReport(len(ideas), total, len(pending), committed, renames)
