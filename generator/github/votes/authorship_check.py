"""Who an idea belongs to, in a pull request: part of `cocreate votes check-pr`.

An idea's author and co-authors decide whose votes for it are self-votes. A
co-author who leaves the list and then votes for the idea would launder a
self-vote, in one pull request or over two. So:

- only a maintainer's pull request may change an idea's author or co-authors,
  or remove an idea (GitHub's `author_association` of the pull request's
  author: the repository's owner, a member of its organisation, or a
  collaborator); and
- a vote cast by ballot for an idea its voter is an author or co-author of in
  the base branch does not pass, even when the same pull request takes them
  off the idea, whoever opened it.
"""

from __future__ import annotations

from generator.i18n import Language, language
from generator.models import Ballot, Idea
from generator.portal.catalog import Catalog, Source
from generator.portal.problems import Problem

# GitHub's author associations that mean the person may maintain the repository.
MAINTAINERS = frozenset({"OWNER", "MEMBER", "COLLABORATOR"})
# Every value GitHub gives a pull request's `author_association`.
ASSOCIATIONS = ("COLLABORATOR", "CONTRIBUTOR", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR",
                "MANNEQUIN", "MEMBER", "NONE", "OWNER")


def check_authorship_changes(head: Catalog, base: Catalog, association: str) -> list[str]:
    """The ideas whose people a pull request by someone who is not a maintainer changes."""
    if association in MAINTAINERS:
        return []
    _ = language(head.settings.language).gettext
    problems = []
    for slug, before in base.challenges.items():
        after = head.challenges.get(slug)
        for idea_id, old in before.ideas.items():
            new = after.ideas.get(idea_id) if after else None
            if new is None:
                problems.append(Problem(
                    old.path, 0, _("this pull request removes idea %(idea)s, and only a "
                                   "maintainer's pull request may", idea=idea_id),
                    _("keep the idea's file; ask a maintainer to withdraw or remove it")))
            elif _belongs_to(new.model) != _belongs_to(old.model):
                problems.append(Problem(
                    new.path, _people_line(new),
                    _("this pull request changes who idea %(idea)s belongs to (author and "
                      "co-authors), and only a maintainer's pull request may", idea=idea_id),
                    _("ask a maintainer to make the change")))
    return [str(problem) for problem in problems]


def check_laundered_self_votes(head: Catalog, base: Catalog) -> list[str]:
    """New ballot votes for an idea the voter belonged to in the base branch."""
    lang = language(head.settings.language)
    problems = []
    for slug, folder in head.challenges.items():
        before = base.challenges.get(slug)
        if before is None or folder.challenge.voting.self_votes:
            continue
        for name, source in folder.ballots.items():
            old = before.ballots.get(name)
            problems += _laundered(source, old.model if old else None, before.ideas,
                                   folder.ideas, lang)
    return [str(problem) for problem in problems]


def _laundered(source: Source[Ballot], old: Ballot | None, base_ideas: dict[str, Source[Idea]],
               head_ideas: dict[str, Source[Idea]], lang: Language) -> list[Problem]:
    ballot = source.model
    voter = ballot.voter.lower()
    problems = []
    for index, vote in enumerate(ballot.votes):
        was = base_ideas.get(vote.idea)
        now = head_ideas.get(vote.idea)
        if (vote.via != "ballot" or (old is not None and vote in old.votes) or was is None
                or voter not in _people(was.model)
                or (now is not None and voter in _people(now.model))):
            continue  # not new, or a self-vote the rules already refuse on the head's list
        problems.append(Problem(
            source.path, source.document.line_of(("votes", index)),
            lang.gettext("the vote for idea %(idea)s is a vote for %(voter)s's own idea: "
                         "%(voter)s is its author or co-author in the base branch",
                         idea=vote.idea, voter=ballot.voter),
            lang.gettext("remove the vote; leaving an idea's co-authors does not make a vote "
                         "for it count")))
    return problems


def _belongs_to(idea: Idea) -> tuple[str, frozenset[str]]:
    return idea.author.lower(), frozenset(name.lower() for name in idea.coauthors)


def _people(idea: Idea) -> frozenset[str]:
    return frozenset(name.lower() for name in idea.people)


def _people_line(source: Source[Idea]) -> int:
    lines = source.document.lines
    return lines.get(("coauthors",)) or source.document.line_of(("author",))
