"""What the intake says: the comment on the issue and the pull request it opens.

Everything a contributor typed is echoed as inline code (`quote`) or inside a
code fence, so their text cannot mention people, link or format our replies.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.contest.words import quote
from generator.i18n import Language

if TYPE_CHECKING:
    from generator.github.branches import PullRef
    from generator.github.events import IssuesEvent
    from generator.github.intake.decision import Accepted, NeedsChanges

MARKER = "<!-- cocreate:intake -->"
MAX_PULL_BODY = 60_000  # the file shown in the pull request, leaving room below the limit


def pull_title(decision: Accepted, lang: Language) -> str:
    title = " ".join(decision.idea.title.split())
    return lang.gettext("Idea #%(number)s: %(title)s", number=decision.idea.issue,
                        title=title)[:250]


def _fenced(text: str, info: str = "") -> str:
    """Text in a code fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def pull_body(event: IssuesEvent, decision: Accepted, lang: Language,
              challenge_title: str) -> str:
    _ = lang.gettext
    issue = event.issue
    lines = [
        _("Adds the idea from #%(number)s, submitted by %(login)s to the challenge "
          "%(challenge)s, as %(path)s.", number=issue.number, login=quote(issue.user.login),
          challenge=quote(challenge_title), path=f"`{decision.path}`"),
        "",
        _("**To publish it**, set `status: published` and add a `history` entry with your "
          "answer before merging (or merge as `submitted` and publish later). The contributor "
          "can still edit the issue; each edit updates this pull request."),
    ]
    if decision.similar:
        lines += ["", _("**Possibly similar ideas:**") + " " + ", ".join(
            f"#{s.idea} ({lang.percent(s.similarity)})" for s in decision.similar)]
    shown = _fenced(decision.text, "yaml")
    lines += ["", shown if len(shown) < MAX_PULL_BODY
              else _("The file is long: see *Files changed*.")]
    return "\n".join(lines)


def accepted_comment(event: IssuesEvent, decision: Accepted, pull: PullRef | None,
                     site_url: str, lang: Language, challenge_title: str = "") -> str:
    """The thank-you on the issue, in the portal's language, naming the challenge by its
    title."""
    _ = lang.gettext
    idea = decision.idea
    challenge = challenge_title or idea.challenge
    lines = [
        MARKER,
        _("### ✅ Thank you — your idea is in"),
        "",
        _("The portal read your idea %(title)s for the challenge %(challenge)s and filed it "
          "for review in %(pull)s.", title=quote(idea.title), challenge=quote(challenge),
          pull=pull.url) if pull else
        _("The portal read your idea %(title)s for the challenge %(challenge)s and found it "
          "already filed exactly as it is now.", title=quote(idea.title),
          challenge=quote(challenge)),
        "",
        _("A maintainer will read it, give a first answer and publish it on the site. You can "
          "still edit this issue: the portal checks it again and updates the pull request."),
    ]
    if decision.beside_another:
        lines += ["", _("An idea filed by hand already has the number %(number)s, so yours is "
                        "filed as idea %(id)s; the other one is left as it was.",
                        number=quote(str(idea.issue)), id=quote(decision.id))]
    if decision.similar:
        lines += ["", _("**These ideas in the same challenge look similar** — please check "
                        "yours is not one of them. If it adds to one, say so in a comment; a "
                        "maintainer decides, and nothing is rejected for looking alike."), ""]
        lines += [_("- #%(number)s %(title)s (%(share)s alike)", number=s.idea,
                    title=quote(s.title), share=lang.percent(s.similarity))
                  for s in decision.similar]
    if site_url:
        lines += ["", _("How ideas are judged: %(address)s", address=f"{site_url}/take-part/")]
    return "\n".join(lines)


def needs_changes_comment(event: IssuesEvent, decision: NeedsChanges, lang: Language) -> str:
    """What to fix before the idea can be filed, in the portal's language."""
    _ = lang.gettext
    lines = [
        MARKER,
        _("### ✋ Your idea needs a few changes"),
        "",
        _("The portal could not file this idea yet:"),
        "",
        *[f"- {problem}" for problem in decision.problems],
        "",
        _("Edit the issue (the **⋯** menu at the top of it, then **Edit**) to fix these; the "
          "portal checks it again as soon as you save. Nothing has been published yet."),
    ]
    return "\n".join(lines)
