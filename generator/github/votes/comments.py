"""`/vote` and `/unvote` comments on an idea's issue become votes in ballots.

A command counts only where GitHub shows it as a line of its own in a
top-level paragraph of a new comment (`generator.github.votes.command`): text in
quotes, lists, tables, code and HTML is not read, edited comments and bots do
not vote, and a comment on an issue that is not an idea is not answered.
`/vote 3` gives three points in budget voting. The vote is written to the
commenter's ballot; the voting rules then say whether it counts, and the
portal answers with a 👍 reaction or a short reply saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from generator.contest.rules import judge_ballot
from generator.contest.words import quote, reason_name
from generator.github.events import IssueCommentEvent
from generator.github.votes.command import Command, find_command, find_malformed
from generator.i18n import Language, language
from generator.models import Vote
from generator.models.challenge import Timeline
from generator.models.stages import voting_window
from generator.portal.ballots import (
    AnotherAccount,
    Followed,
    ballot_path,
    change_votes,
    follow_accounts,
    read_ballot,
)
from generator.portal.catalog import Catalog


@dataclass(frozen=True)
class NotAVote:
    """A comment that casts no vote (edited, from a bot, no command); nothing is answered."""

    reason: str


@dataclass(frozen=True)
class Refused:
    """A command that cannot be recorded; the reply says why."""

    reason: str


@dataclass(frozen=True)
class Recorded:
    """A vote (or its withdrawal) to write into the commenter's ballot."""

    challenge: str
    idea: str
    voter: str
    command: Command
    at: datetime
    account_id: int | None = None  # the commenter's account, whatever its login


Decision = NotAVote | Refused | Recorded


def decide(event: IssueCommentEvent, catalog: Catalog) -> Decision:
    """What a comment event means for the votes."""
    comment, issue = event.comment, event.issue
    if event.action != "created":
        return NotAVote(f"{event.action} comments do not vote: only a new comment does")
    if issue.pull_request is not None:
        return NotAVote("a pull request is not an idea")
    return decide_comment(issue.number, comment.user.login, comment.user.is_bot, comment.body,
                          comment.created_at, catalog, account_id=comment.user.id)


def decide_comment(number: int, login: str, bot: bool, body: str | None, at: datetime,
                   catalog: Catalog, *, account_id: int | None = None) -> Decision:
    """What a new comment by `login` on issue `number`, made at `at`, means for the votes.

    The comment workflow (one event) and the periodic sync (comments it finds
    unanswered) both decide here, so they agree.
    """
    if bot:
        return NotAVote(f"bots ({login}) do not vote")
    command = find_command(body)
    mistyped = find_malformed(body) if command is None else None
    if command is None and mistyped is None:
        return NotAVote("no /vote or /unvote command in the comment")
    lang = language(catalog.settings.language)
    _ = lang.gettext
    found = next(((slug, idea_id) for slug, folder in catalog.challenges.items()
                  for idea_id, source in folder.ideas.items()
                  if source.model.issue == number), None)
    if found is None:
        # Said nothing about: the portal answers only on its ideas, not on every issue.
        return NotAVote(f"issue #{number} is not an idea of the portal")
    slug, idea_id = found
    folder = catalog.challenges[slug]
    rules = folder.challenge.voting
    title = quote(folder.challenge.title)
    opens, closes = voting_window(folder.challenge.timeline, catalog.settings.zone)
    if at < opens:
        return Refused(_("voting on %(challenge)s opens on %(moment)s (%(zone)s)",
                         challenge=title,
                         moment=lang.moment(opens.astimezone(catalog.settings.zone)),
                         zone=catalog.settings.time_zone) + voting_now(catalog, at, lang))
    if closes is not None and at >= closes:
        return Refused(_("voting on %(challenge)s closed on %(moment)s (%(zone)s); nothing "
                         "changes after the close", challenge=title,
                         moment=lang.moment(closes.astimezone(catalog.settings.zone)),
                         zone=catalog.settings.time_zone) + voting_now(catalog, at, lang))
    if mistyped is not None or command is None:
        return Refused(right_form(mistyped or "", rules.method, rules.max_per_idea, lang))
    if command.verb == "vote" and command.points is not None:
        if rules.method == "approval" and command.points != 1:
            return Refused(_("this challenge uses approval voting: write `/vote` for one vote"))
        if command.points < 1:
            return Refused(_("give at least one point, such as `/vote 1`"))
    return Recorded(slug, idea_id, login, command, at, account_id)


def voting_now(catalog: Catalog, at: datetime, lang: Language) -> str:
    """`; voting now: …`, the challenges whose voting is open at `at`, by title."""
    titles = [quote(folder.challenge.title) for folder in catalog.challenges.values()
              if _voting_at(folder.challenge.timeline, catalog, at)]
    if not titles:
        return ""
    return lang.gettext("; voting now: %(challenges)s", challenges=lang.join(titles))


def _voting_at(timeline: Timeline, catalog: Catalog, at: datetime) -> bool:
    opens, closes = voting_window(timeline, catalog.settings.zone)
    return opens <= at and (closes is None or at < closes)


def right_form(typed: str, method: str, most: int | None, lang: Language) -> str:
    """Why a mistyped command was not read, and the form that is."""
    _ = lang.gettext
    if method == "budget":
        return _("%(typed)s is not a command the portal reads — write `/vote` and a whole "
                 "number of points alone on a line, such as `/vote 2`%(most)s, or `/unvote` "
                 "to take your vote back", typed=quote(typed),
                 most=_(" (at most %(most)s for one idea)", most=most) if most else "")
    return _("%(typed)s is not a command the portal reads — write `/vote` alone on a line to "
             "vote for this idea, or `/unvote` to take your vote back", typed=quote(typed))


class VoteDesk(Protocol):
    def react(self, number: int, comment_id: int, content: str) -> None: ...

    def reply(self, number: int, body: str) -> None: ...

    def account_created(self, login: str) -> datetime | None: ...

    def answered(self, number: int, comment_id: int) -> bool: ...


Apply = Callable[[Path], list[str]]
Commit = Callable[[Apply, str], str | None]


@dataclass
class Verdict:
    """Filled in by the change when it runs: why the vote does not count (None: it does),
    or that it could not be written at all."""

    reason: str | None = None
    held: bool = False  # the commenter's ballot file holds another account's votes


def record(decision: Recorded, catalog: Catalog, account: datetime | None,
           verdict: Verdict) -> Apply:
    """The change to make to a tree: add or withdraw the comment's vote in the ballot."""
    folder = catalog.settings.challenges_dir

    def apply(root: Path) -> list[str]:
        file = ballot_path(root, folder, decision.challenge, decision.voter)
        points = decision.command.points or 1

        def change(votes: list[Vote]) -> list[Vote]:
            kept = [v for v in votes if v.idea != decision.idea or v.via == "reaction"]
            if decision.command.verb == "unvote":
                return kept
            return [*kept, Vote(idea=decision.idea, at=decision.at, via="comment",
                                points=points)]

        followed = Followed([], [])
        if decision.account_id is not None:
            followed = follow_accounts(file.parent, {decision.account_id: decision.voter})
        try:
            changed = change_votes(file, decision.voter, change,
                                   account_id=decision.account_id, account_created=account)
        except AnotherAccount:
            verdict.held = True
            return []
        verdict.held = False
        ballot = read_ballot(file, decision.voter)
        entered = catalog.entered_votes(file.relative_to(root).as_posix())
        for vote, reason, _ in judge_ballot(ballot, catalog.challenges[decision.challenge],
                                            catalog, entered):
            if vote.idea == decision.idea and vote.via == "comment" and vote.at == decision.at:
                verdict.reason = None if reason is None else str(reason)
        paths = [f"{file.parent.relative_to(root).as_posix()}/{name}.yml"
                 for name in followed.files()]
        if changed:
            paths.append(file.relative_to(root).as_posix())
        return list(dict.fromkeys(paths))

    return apply


def run_comment_vote(event: IssueCommentEvent, catalog: Catalog, desk: VoteDesk,
                     commit: Commit, say: Callable[[str], None]) -> Decision:
    """Decide, write the ballot through `commit`, and answer on the issue."""
    decision = decide(event, catalog)
    comment = event.comment
    if isinstance(decision, NotAVote):
        say(f"comment {comment.id}: nothing to do: {decision.reason}")
        return decision
    verdict = Verdict()
    if isinstance(decision, Recorded):
        verb = decision.command.verb
        account = desk.account_created(decision.voter)
        committed = commit(record(decision, catalog, account, verdict),
                           f"{verb.capitalize()} by {decision.voter} for idea {decision.idea} "
                           f"({decision.challenge}), from comment {comment.id}")
        say(f"comment {comment.id}: {verb} for idea {decision.idea} recorded"
            + (f" in {committed[:12]}" if committed else ""))
    if desk.answered(event.issue.number, comment.id):
        # A re-run of the same comment's workflow: the ballot is as it was, and the
        # comment already has its answer; a second reply would only repeat it.
        say(f"comment {comment.id}: already answered")
        return decision
    answer_comment(desk, event.issue.number, comment.id, comment.user.login, decision,
                   verdict, catalog, say)
    return decision


def answer_comment(desk: VoteDesk, number: int, comment_id: int, login: str,
                   decision: Decision, verdict: Verdict, catalog: Catalog,
                   say: Callable[[str], None]) -> None:
    """React to a command, and reply when it was refused or its vote does not count.

    Every answered command gets a reaction from the bot: 👍 when recorded and
    counted, 😕 otherwise. The sync reads those reactions back to find the
    commands no run has answered yet.
    """
    if isinstance(decision, NotAVote):
        return
    mention = quote(login)
    lang = language(catalog.settings.language)
    if isinstance(decision, Refused):
        desk.react(number, comment_id, "confused")
        desk.reply(number, lang.gettext(
            "%(login)s: your command was not recorded: %(reason)s.", login=mention,
            reason=decision.reason))
        say(f"comment {comment_id}: refused: {decision.reason}")
        return
    if verdict.held:
        desk.react(number, comment_id, "confused")
        desk.reply(number, lang.gettext(
            "%(login)s: your vote was not recorded: the ballot under your login holds the "
            "votes of another GitHub account, which had this login before you. A maintainer "
            "will sort it out.", login=mention))
        say(f"comment {comment_id}: not recorded: the ballot holds another account's votes")
        return
    reason = verdict.reason
    if decision.command.verb == "unvote" or reason is None:
        desk.react(number, comment_id, "+1")
        return
    desk.react(number, comment_id, "confused")
    desk.reply(number, lang.gettext(
        "%(login)s: your vote for #%(number)s is recorded but does not count: %(reason)s. "
        "The vote audit on the site lists the rules.", login=mention,
        number=number, reason=reason_name(lang, reason)))
    say(f"comment {comment_id}: not counted: {reason}")
