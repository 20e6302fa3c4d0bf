"""The words shown for statuses, stages, segments, vote reasons, ways of voting and answer
waits, as messages to translate.

The YAML keeps the English values (`status: shortlisted`); pages and
comments show these labels in the portal's language.
"""

from __future__ import annotations

from generator.contest.insights import Wait
from generator.contest.rules import Reason
from generator.i18n import N_, Language
from generator.models.common import Segment, Status
from generator.models.stages import Stage

STATUS_LABELS = {
    Status.SUBMITTED: N_("Submitted"),
    Status.PUBLISHED: N_("Published"),
    Status.SHORTLISTED: N_("Shortlisted"),
    Status.PILOTING: N_("Piloting"),
    Status.IMPLEMENTED: N_("Implemented"),
    Status.DECLINED: N_("Declined"),
    Status.DUPLICATE: N_("Duplicate"),
    Status.WITHDRAWN: N_("Withdrawn"),
}
STAGE_LABELS = {
    Stage.UPCOMING: N_("Upcoming"),
    Stage.IDEAS_OPEN: N_("Ideas open"),
    Stage.VOTING: N_("Voting"),
    Stage.JUDGING: N_("Judging"),
    Stage.RESULTS: N_("Results"),
}
SEGMENT_LABELS = {
    Segment.CUSTOMER: N_("Customer"),
    Segment.EMPLOYEE: N_("Employee"),
    Segment.SUPPLIER: N_("Supplier"),
    Segment.PARTNER: N_("Partner"),
    Segment.OTHER: N_("Other"),
}

# Why a vote was not counted: the open data keeps the English reason, the pages translate it.
REASON_LABELS = {
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
VIA_LABELS = {
    "reaction": N_("👍 reaction"),
    "comment": N_("/vote comment"),
    "ballot": N_("ballot pull request"),
}
WAIT_LABELS = {
    Wait.SAME_DAY: N_("The same day"),
    Wait.TWO_DAYS: N_("Within 2 days"),
    Wait.WEEK: N_("Within a week"),
    Wait.MONTH: N_("Within 30 days"),
    Wait.LONGER: N_("Longer"),
    Wait.WAITING: N_("Not answered yet"),
}


def status_label(lang: Language, status: Status | str) -> str:
    return lang.gettext(STATUS_LABELS[Status(status)])


def stage_label(lang: Language, stage: Stage | str) -> str:
    return lang.gettext(STAGE_LABELS[Stage(stage)])


def segment_label(lang: Language, segment: Segment | str) -> str:
    return lang.gettext(SEGMENT_LABELS[Segment(segment)])


def reason_label(lang: Language, reason: Reason | str) -> str:
    return lang.gettext(REASON_LABELS[Reason(reason)])


def via_label(lang: Language, via: str) -> str:
    return lang.gettext(VIA_LABELS[via])


def wait_label(lang: Language, wait: Wait | str) -> str:
    return lang.gettext(WAIT_LABELS[Wait(wait)])


def quote(text: str, limit: int = 80) -> str:
    """User text echoed back as inline code: no mentions, links or Markdown."""
    flat = " ".join(text.replace("`", "'").split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"`{flat}`" if flat else "(nothing)"
