"""Types shared by every file type: names, text, dates and the base record.

Scalars arrive from the loader as text (see `generator.portal.loader`), so each type
here says how its text is read: a `Line` stays exactly as written, a `When`
is parsed here so that a plain day and a date-time stay distinguishable.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from generator.i18n import N_
from generator.models.refusal import Refusal
from generator.models.text_limits import refuse_bidi_controls, refuse_unrenderable

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOGIN_PATTERN = r"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"
# What GitHub allows in an issue form's field ids: letters, digits, `-` and `_`.
QUESTION_ID_PATTERN = r"^[A-Za-z0-9_-]+$"

# Characters that change how text is displayed without being visible:
# bidirectional overrides and isolates, zero-width joiners and spaces, BOM.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                      "\u2060\u2066\u2067\u2068\u2069\ufeff")
# Unicode's control (Cc), surrogate (Cs) and private-use (Co) characters, as ranges: one
# regular-expression search is many times faster than asking for each character's category.
CONTROL = "\x00-\x1f\x7f-\x9f"
SURROGATE = "\ud800-\udfff"
PRIVATE_USE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
HIDDEN = re.compile(f"[{CONTROL}{SURROGATE}{PRIVATE_USE}{''.join(sorted(INVISIBLE))}]")
CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{SURROGATE}]")  # not \t \n \r


class Record(BaseModel):
    """Base of every model read from a file: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _refuse(pattern: re.Pattern[str], kind: str, text: str) -> str:
    found = pattern.search(text)
    if found:
        raise Refusal(N_("contains the %(kind)s character %(code)s"),
                      N_("retype the text without it"), kind=kind, code=f"U+{ord(found[0]):04X}")
    return text


def refuse_hidden_characters(text: str) -> str:
    """Refuse control and invisible formatting characters in a one-line text."""
    return _refuse(HIDDEN, N_("invisible"), text)


def refuse_blank(text: str) -> str:
    if not text.strip():
        raise Refusal(N_("is empty"), N_("write some text"))
    return text


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
"""A safe file or folder name: lowercase letters, digits and single hyphens."""

Login = Annotated[str, Field(pattern=LOGIN_PATTERN, max_length=39)]
"""A GitHub user name."""

Line = Annotated[
    str,
    Field(min_length=1, max_length=200),
    AfterValidator(refuse_hidden_characters),
    AfterValidator(refuse_blank),
]
"""One line of plain text, such as a title."""

def refuse_control_characters(text: str) -> str:
    """Refuse control characters other than tabs and line breaks in longer text."""
    return _refuse(CONTROL_IN_TEXT, N_("control"), text)


Markdown = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(refuse_blank),
                     AfterValidator(refuse_control_characters),
                     AfterValidator(refuse_bidi_controls), AfterValidator(refuse_unrenderable)]
"""Free text written in Markdown, in a shape the renderer takes (`text_limits`)."""

Tag = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=32)]

QuestionId = Annotated[str, Field(pattern=QUESTION_ID_PATTERN, min_length=1, max_length=64)]
"""A challenge question's id: the field id on the issue form, and the answer's key."""

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_when(value: object) -> object:
    """Read `2026-03-01` as a day and anything longer as an ISO 8601 date-time."""
    if isinstance(value, datetime | date) or not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if DAY.match(text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(
            f"{text!r} is not a real date ({error}) — write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"
        ) from None


When = Annotated[datetime | date, BeforeValidator(parse_when)]
"""A plain day or a date-time; read in the portal's time zone when it has none."""


def to_instant(value: date | datetime, zone: tzinfo, *, end_of_day: bool = False) -> datetime:
    """Turn a day or date-time into an aware date-time in `zone`.

    A plain day means its first moment, or with `end_of_day` the first moment
    of the next day, so that "ideas close 2026-02-10" includes all of that day.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    day = value + timedelta(days=1) if end_of_day else value
    return datetime(day.year, day.month, day.day, tzinfo=zone)


class Segment(StrEnum):
    """Who an idea's author is to the business."""

    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    SUPPLIER = "supplier"
    PARTNER = "partner"
    OTHER = "other"


class Status(StrEnum):
    """Where an idea stands. The last three are final without implementation."""

    SUBMITTED = "submitted"
    PUBLISHED = "published"
    SHORTLISTED = "shortlisted"
    PILOTING = "piloting"
    IMPLEMENTED = "implemented"
    DECLINED = "declined"
    DUPLICATE = "duplicate"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES


FINAL_STATUSES = frozenset(
    {Status.IMPLEMENTED, Status.DECLINED, Status.DUPLICATE, Status.WITHDRAWN}
)
