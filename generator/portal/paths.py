"""Where the portal keeps the files GitHub reads, its issue forms, and the one place on
its own pages that the forms link to.

The site links each challenge's "Submit an idea" to its form, and the GitHub
commands write and check the forms, so the path lives below both. The forms link to
the code of conduct on the rules page, whose starter (`cocreate init`) carries the
anchor in the portal's language, so the anchor lives below both too.
"""

from __future__ import annotations

from pathlib import Path

FORMS_DIR = Path(".github/ISSUE_TEMPLATE")


def form_path(slug: str) -> Path:
    """The form of one challenge, which its "Submit an idea" links open."""
    return FORMS_DIR / f"{slug}.yml"


# The code of conduct's anchor on rules.md, per language: the starter page's `<a id>`.
CONDUCT_ANCHOR = {"en": "code-of-conduct", "es": "codigo-de-conducta", "fr": "code-de-conduite"}
