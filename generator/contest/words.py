"""How the portal says things to people: the name of each status, stage, segment, vote
reason, way of voting and answer wait, as messages to translate; a count with its noun;
and people's text quoted back to them.

The YAML keeps the English values (`status: shortlisted`); pages and
comments show these names in the portal's language. ("Label" means a GitHub
label everywhere in the code, never one of these.)
"""

from __future__ import annotations

from generator.contest.insights import Wait
from generator.contest.rules import Reason
from generator.i18n import N_, Language
from generator.models.common import Segment, Status
from generator.models.stages import Stage

STATUS_NAMES = {
    Status.SUBMITTED: N_("Submitted"),
    Status.PUBLISHED: N_("Published"),
    Status.SHORTLISTED: N_("Shortlisted"),
    Status.PILOTING: N_("Piloting"),
    Status.IMPLEMENTED: N_("Implemented"),
    Status.DECLINED: N_("Declined"),
    Status.DUPLICATE: N_("Duplicate"),
    Status.WITHDRAWN: N_("Withdrawn"),
}
STAGE_NAMES = {
    Stage.UPCOMING: N_("Upcoming"),
    Stage.IDEAS_OPEN: N_("Ideas open"),
    Stage.VOTING: N_("Voting"),
    Stage.JUDGING: N_("Judging"),
    Stage.RESULTS: N_("Results"),
}
SEGMENT_NAMES = {
    Segment.CUSTOMER: N_("Customer"),
    Segment.EMPLOYEE: N_("Employee"),
    Segment.SUPPLIER: N_("Supplier"),
    Segment.PARTNER: N_("Partner"),
    Segment.OTHER: N_("Other"),
}

# Why a vote was not counted: the open data keeps the English reason, the pages translate it.
REASON_NAMES = {
    Reason.REPLACED: N_("replaced by a later vote for the same idea"),
    Reason.NOT_MERGED: N_("not yet on the default branch"),
    Reason.SAME_ACCOUNT: N_("another ballot of the same account counts"),
    Reason.BOT: N_("bot or deleted account"),
    Reason.ACCOUNT_AGE_UNKNOWN: N_("account age unknown"),
    Reason.TOO_NEW: N_("account too new"),
    Reason.UNKNOWN_IDEA: N_("unknown idea"),
    Reason.NOT_OPEN: N_("idea not open for votes"),
    Reason.OUTSIDE_WINDOW: N_("outside the voting window"),
    Reason.SELF_VOTE: N_("self-vote"),
    Reason.OVER_IDEA_LIMIT: N_("over the limit per idea"),
    Reason.OVER_BUDGET: N_("over budget"),
}
VIA_NAMES = {
    "reaction": N_("👍 reaction"),
    "comment": N_("/vote comment"),
    "ballot": N_("ballot pull request"),
}
WAIT_NAMES = {
    Wait.SAME_DAY: N_("The same day"),
    Wait.TWO_DAYS: N_("Within 2 days"),
    Wait.WEEK: N_("Within a week"),
    Wait.MONTH: N_("Within 30 days"),
    Wait.LONGER: N_("Longer"),
    Wait.WAITING: N_("Not answered yet"),
}


def status_name(lang: Language, status: Status | str) -> str:
    return lang.gettext(STATUS_NAMES[Status(status)])


def stage_name(lang: Language, stage: Stage | str) -> str:
    return lang.gettext(STAGE_NAMES[Stage(stage)])


def segment_name(lang: Language, segment: Segment | str) -> str:
    return lang.gettext(SEGMENT_NAMES[Segment(segment)])


def reason_name(lang: Language, reason: Reason | str) -> str:
    return lang.gettext(REASON_NAMES[Reason(reason)])


def via_name(lang: Language, via: str) -> str:
    return lang.gettext(VIA_NAMES[via])


def wait_name(lang: Language, wait: Wait | str) -> str:
    return lang.gettext(WAIT_NAMES[Wait(wait)])


def quote(text: str, limit: int = 80) -> str:
    """User text echoed back as inline code: no mentions, links or Markdown."""
    flat = " ".join(text.replace("`", "'").split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"`{flat}`" if flat else "(nothing)"


def plural(count: int, noun: str) -> str:
    """`1 idea`, `2 ideas`: the command line's English counts (pages use `ngettext`)."""
    return f"{count} {noun}{'s' * (count != 1)}"
