"""`cocreate new challenge SLUG`: a valid challenge.yml that teaches, in the portal's language.

Every field of a challenge is written, each under a comment that says what it
does; the few that must stay out of a working file until they are wanted
(the budget lines of budget voting, the weights that override the portal's,
questions of the challenge's own) are written commented out, ready to
uncomment. The keys stay English (they are the file's format); the comments
and the example values are in the portal's language.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.i18n import N_, Language
from generator.models import Challenge
from generator.models.common import SLUG_PATTERN
from generator.portal.catalog import CHALLENGE_FILE
from generator.portal.loader import parse_yaml
from generator.portal.schemas import schema_pointer
from generator.portal.writer import dump_yaml

WIDTH = 88


@dataclass(frozen=True)
class Field:
    """One line of the scaffold: a key at a depth, its value, and the comment above it."""

    depth: int  # indentation in steps of two spaces
    key: str
    value: Any  # None: a key whose value follows on the next lines
    comment: str
    item: bool = False  # the first key of a list item: written as `- key: value`
    off: bool = False  # written commented out, ready to uncomment


INTRO = N_("A challenge: a problem your business wants ideas for. Each field is explained "
           "above it; lines starting with # are comments. Run `cocreate validate` after "
           "editing.")


def fields(title: str, today: date, lang: Language) -> list[Field]:
    """The scaffold's lines, opening `today` with four weeks for ideas and two for votes."""
    _ = lang.gettext

    def day(days: int) -> date:
        return today + timedelta(days=days)

    return [
        Field(0, "title", title, N_("The challenge's title, on its page, cards and forms.")),
        Field(0, "summary", _("One sentence on what you want ideas for."),
              N_("One sentence, shown on cards and in search results.")),
        Field(0, "brief", _("Describe the problem, who it affects and what you have already "
                            "tried.") + "\n",
              N_("The brief, in Markdown: the problem, why it matters, what a good idea looks "
                 "like.")),
        Field(0, "sponsor", None, N_("Who owns the challenge at the business and will act on "
                                     "the results.")),
        Field(1, "name", _("Your Name"), N_("Their name.")),
        Field(1, "role", _("Owner"), N_("Their role (optional).")),
        Field(0, "timeline", None, N_(
            "When each stage starts, in the portal's time zone (mkdocs.yml: time_zone). A plain "
            "day opens at 00:00; a closing day (ideas_close, voting_close) ends at 24:00. Leave "
            "out ideas_close, voting_open, voting_close and results for a standing, evergreen "
            "challenge such as a suggestion box.")),
        Field(1, "ideas_open", today, N_("Ideas are welcome from this day.")),
        Field(1, "ideas_close", day(28), N_("The last day for ideas.")),
        Field(1, "voting_open", day(29), N_(
            "Voting opens (optional: when ideas close unless set). Set it earlier to vote while "
            "ideas come in; later leaves a pause, shown as \"voting opens on …\".")),
        Field(1, "voting_close", day(42), N_("The last day for votes.")),
        Field(1, "results", day(56), N_("The day the results come out: winners, prizes and "
                                        "the jury's comments.")),
        Field(0, "eligibility", _("Anyone with a GitHub account: customers, staff, suppliers "
                                  "and partners.") + "\n",
              N_("Who may take part, in Markdown.")),
        Field(0, "rules", _("One idea per issue. Be kind; ideas are public.") + "\n",
              N_("The rules of the challenge, in Markdown (optional).")),
        Field(0, "licence", "CC-BY-4.0", N_("The licence ideas are published under.")),
        Field(0, "language", lang.code, N_("The language the challenge is written in.")),
        Field(0, "voting", None, N_("Community voting. These rules are frozen once voting "
                                    "opens.")),
        Field(1, "method", "approval", N_(
            "The voting method: approval (one vote per idea, for as many ideas as you like) or "
            "budget (each voter spreads `budget` points, at most `max_per_idea` on one idea: "
            "set method: budget and uncomment the two lines below).")),
        Field(1, "budget", 10, N_("Budget voting only: the points each voter may spread."),
              off=True),
        Field(1, "max_per_idea", 3, N_("Budget voting only: the most points one voter may give "
                                       "one idea."), off=True),
        Field(1, "min_account_age_days", 30, N_(
            "GitHub accounts younger than this many days when voting opens are not counted.")),
        Field(1, "self_votes", False, N_("Whether authors and co-authors may vote for their own "
                                         "idea.")),
        Field(1, "open_statuses", ["published", "shortlisted"], N_(
            "The statuses an idea must have to receive votes.")),
        Field(0, "criteria", None, N_("What the jury scores.")),
        Field(1, "id", "impact", N_("A short name: lowercase letters, digits and hyphens."),
              item=True),
        Field(2, "name", _("Impact for customers"), N_("The criterion as the jury reads it.")),
        Field(2, "weight", 2, N_("How much it counts against the other criteria.")),
        Field(2, "description", _("How much better it makes a visit for our customers."),
              N_("What the jury looks for (optional).")),
        Field(1, "id", "feasibility", N_("A second criterion."), item=True),
        Field(2, "name", _("Feasibility"), N_("The criterion as the jury reads it.")),
        Field(2, "weight", 1, N_("How much it counts against the other criteria.")),
        Field(0, "scale", None, N_("The scale of the jury's scores.")),
        Field(1, "min", 1, N_("The lowest score.")),
        Field(1, "max", 5, N_("The highest score.")),
        Field(0, "weights", None, N_(
            "How the score blends the community's votes and the jury's scores. Leave it "
            "commented out to use the portal's weights (mkdocs.yml); uncomment to override "
            "them for this challenge."), off=True),
        Field(1, "community", 0.4, N_("The weight of the votes."), off=True),
        Field(1, "jury", 0.6, N_("The weight of the jury's scores."), off=True),
        Field(0, "jury", [], N_("The jurors' GitHub user names, such as [lea-fontaine, "
                                "dev-patel].")),
        Field(0, "prizes", None, N_("The prizes, by rank.")),
        Field(1, "rank", 1, N_("The rank that wins it."), item=True),
        Field(2, "title", _("First prize"), N_("What the winner gets, in a few words.")),
        Field(2, "description", _("What the prize is, and when it is given."),
              N_("More about the prize (optional).")),
        Field(0, "tags", [], N_("Suggested tags for ideas, such as [menu, drinks].")),
        Field(0, "questions", None, N_(
            "Optional: questions of this challenge's own, asked on its idea form after the "
            "usual ones. Uncomment to use."), off=True),
        Field(1, "id", "how-often", N_("Letters, digits, - and _: the key of each idea's "
                                       "answer."), item=True, off=True),
        Field(2, "label", _("How often would it happen?"), N_("The question."), off=True),
        Field(2, "kind", "dropdown", N_("text (one line), textarea (several lines) or dropdown "
                                        "(one of its options)."), off=True),
        Field(2, "description", _("Once, or again and again?"), N_("Guidance (optional)."),
              off=True),
        Field(2, "required", True, N_("Whether the form insists on an answer."), off=True),
        Field(2, "options", [_("Once"), _("Every month"), _("Every week")],
              N_("The choices, for a dropdown only."), off=True),
    ]


def _lines(field: Field, lang: Language) -> list[str]:
    pad = "  " * field.depth
    mark = "# " if field.off else ""
    comment = textwrap.wrap(lang.gettext(field.comment), WIDTH - len(pad) - 2)
    lines = [f"{pad}# {line}" for line in comment]
    if field.value is None:
        body = [f"{field.key}:"]
    else:
        body = dump_yaml({field.key: field.value}).rstrip("\n").split("\n")
        if isinstance(field.value, list) and not field.value:
            body = [f"{field.key}: []"]
        elif isinstance(field.value, list):
            items = [v if re.fullmatch(r"[\w-]+", v) else json.dumps(v, ensure_ascii=False)
                     for v in field.value]
            body = [f"{field.key}: [{', '.join(items)}]"]
    if field.item:  # the dash sits where the key would, the key two columns on
        lines += [f"{pad}{mark}- {body[0]}"] + [f"{pad}{mark}  {line}" for line in body[1:]]
        return lines
    return lines + [f"{pad}{mark}{line}".rstrip() for line in body]


def render_challenge(title: str, today: date, lang: Language) -> str:
    """The text of a new challenge.yml, opening `today`."""
    head = [f"# yaml-language-server: $schema={schema_pointer('challenge', 2)}"]
    head += [f"# {line}" for line in textwrap.wrap(lang.gettext(INTRO), WIDTH - 2)]
    out = ["\n".join(head)]
    for field in fields(title, today, lang):
        block = "\n".join(_lines(field, lang))
        out.append(("\n" if field.depth == 0 else "") + block)
    return "\n".join(out) + "\n"


def create_challenge(challenges_dir: Path, slug: str, title: str, today: date,
                     lang: Language) -> Path:
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
    text = render_challenge(title, today, lang)
    try:  # the template is only written if it reads back as a valid challenge
        Challenge.model_validate(parse_yaml(text, CHALLENGE_FILE).data)
    except ValidationError as error:
        raise ValueError(f"the title cannot be used: {error.errors()[0]['msg']}") from None
    folder.mkdir(parents=True)
    file = folder / CHALLENGE_FILE
    file.write_text(text, encoding="utf-8")
    return file
