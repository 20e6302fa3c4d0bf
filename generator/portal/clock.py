"""The portal's clock. Tests and previews set it with COCREATE_NOW=2027-01-15T12:00:00Z."""

from __future__ import annotations

import os
from datetime import UTC, datetime

ENVIRONMENT_VARIABLE = "COCREATE_NOW"


def now() -> datetime:
    """The current moment, aware; COCREATE_NOW overrides it when set."""
    fixed = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not fixed:
        return datetime.now(UTC)
    return parse_moment(fixed)


def parse_moment(text: str) -> datetime:
    """An ISO 8601 day or date-time as an aware moment (UTC when no offset is given)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date-time — write it as 2027-01-15 or 2027-01-15T12:00:00Z"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
