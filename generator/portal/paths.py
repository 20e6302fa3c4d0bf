"""Where the portal keeps the files GitHub reads: its issue forms.

The site links each challenge's "Submit an idea" to its form, and the GitHub
commands write and check the forms, so the path lives below both.
"""

from __future__ import annotations

from pathlib import Path

FORMS_DIR = Path(".github/ISSUE_TEMPLATE")


def form_path(slug: str) -> Path:
    """The form of one challenge, which its "Submit an idea" links open."""
    return FORMS_DIR / f"{slug}.yml"
