"""`cocreate new challenge SLUG`: a valid challenge.yml whose comments explain each field."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from string import Template

from pydantic import ValidationError

from generator.models import Challenge
from generator.models.common import SLUG_PATTERN
from generator.portal.catalog import CHALLENGE_FILE
from generator.portal.loader import parse_yaml
from generator.portal.schemas import schema_pointer

TEMPLATE = Template("""\
# yaml-language-server: $$schema=$schema
# A challenge: a problem your business wants help with. Every field is
# explained above it; `cocreate validate` checks the file after you edit it.

# The title and a one-sentence summary, shown on cards and in search results.
title: $title
summary: One sentence on what you want ideas for.

# The brief, in Markdown: the problem, why it matters, what a good idea looks like.
brief: |
  Describe the problem, who it affects and what you have already tried.

# Who owns the challenge at the business and will act on the results.
sponsor:
  name: Your Name
  role: Owner

# When each stage starts, in the portal's time zone (mkdocs.yml: time_zone).
# A plain day opens at 00:00; a closing day (ideas_close, voting_close) ends
# at 24:00. Leave out ideas_close, voting_close and results for a standing,
# evergreen challenge such as a suggestion box.
timeline:
  ideas_open: $ideas_open
  ideas_close: $ideas_close
  voting_close: $voting_close
  results: $results

# Who may take part, the rules, and the licence ideas are published under.
eligibility: |
  Anyone with a GitHub account: customers, staff, suppliers and partners.
rules: |
  One idea per issue. Be kind; ideas are public.
licence: CC-BY-4.0

# Community voting. method is approval (one vote per idea, as many ideas as
# you like) or budget (spread `budget` points, at most `max_per_idea` each).
# These rules are frozen once voting opens.
voting:
  method: approval
  min_account_age_days: 30
  self_votes: false

# What the jury scores, each with a weight, on a scale from min to max.
criteria:
  - id: impact
    name: Impact for customers
    weight: 2
  - id: feasibility
    name: Feasibility
    weight: 1
scale:
  min: 1
  max: 5

# GitHub user names of the jurors, and the prizes by rank.
jury: []
prizes:
  - rank: 1
    title: First prize

# Optional: questions of this challenge's own, asked on its idea form after the
# usual ones. kind is text (one line), textarea (several lines) or dropdown (one
# of its options); each idea keeps its answers by the question's id.
# questions:
#   - id: how-often
#     label: How often would it happen?
#     kind: dropdown
#     options: [Once, Every month, Every week]
#     required: true
""")


def render_challenge(slug: str, title: str, today: date) -> str:
    """The text of a new challenge.yml, opening `today` with four-week stages."""
    return TEMPLATE.substitute(
        schema=schema_pointer("challenge", 2),
        title=title,
        ideas_open=today.isoformat(),
        ideas_close=(today + timedelta(days=28)).isoformat(),
        voting_close=(today + timedelta(days=42)).isoformat(),
        results=(today + timedelta(days=56)).isoformat(),
    )


def create_challenge(challenges_dir: Path, slug: str, title: str, today: date) -> Path:
    """Write `challenges/<slug>/challenge.yml`. Raises ValueError when it cannot."""
    if not re.match(SLUG_PATTERN, slug) or len(slug) > 64:
        raise ValueError(
            f"{slug!r} is not a safe name — use lowercase letters, digits and single hyphens"
        )
    if "\n" in title or not title.strip():
        raise ValueError("the title must be one line of text")
    folder = challenges_dir / slug
    if folder.exists():
        raise ValueError(f"{folder} already exists — choose another name")
    safe_title = "'" + title.replace("'", "''") + "'"
    text = render_challenge(slug, safe_title, today)
    try:  # the template is only written if it reads back as a valid challenge
        Challenge.model_validate(parse_yaml(text, CHALLENGE_FILE).data)
    except ValidationError as error:
        raise ValueError(f"the title cannot be used: {error.errors()[0]['msg']}") from None
    folder.mkdir(parents=True)
    file = folder / CHALLENGE_FILE
    file.write_text(text, encoding="utf-8")
    return file
