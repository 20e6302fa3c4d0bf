"""Checks that need more than one file: the names files use for each other must agree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.portal.accounts import same_account_groups
from generator.portal.loader import Document
from generator.portal.problems import Problem

if TYPE_CHECKING:
    from generator.portal.catalog import Catalog, ChallengeFolder


def check_catalog(catalog: Catalog) -> list[Problem]:
    """Every cross-file problem in the catalog."""
    problems: list[Problem] = []
    for folder in catalog.challenges.values():
        problems += check_ideas(folder)
        problems += check_ballots(folder)
        problems += check_scorecards(folder)
        problems += check_discussion(folder)
    return problems + check_issues(catalog)


def check_issues(catalog: Catalog) -> list[Problem]:
    """One idea per issue: the intake answers an issue by the idea that names it."""
    first: dict[int, str] = {}
    problems = []
    for folder in catalog.challenges.values():
        for source in folder.ideas.values():
            number, document = source.model.issue, source.document
            if number is None:
                continue
            if number in first:
                problems.append(Problem(
                    document.path, document.line_of(("issue",)),
                    f"issue {number} is already the issue of {first[number]}",
                    "each issue files one idea: remove issue: from the idea that did not come "
                    "from it",
                ))
            else:
                first[number] = document.path
    return problems


def check_ideas(folder: ChallengeFolder) -> list[Problem]:
    problems = []
    for idea_id, source in folder.ideas.items():
        idea, document = source.model, source.document
        if idea.challenge != folder.slug:
            problems.append(Problem(
                document.path, document.line_of(("challenge",)),
                f"challenge is {idea.challenge!r} but the file is in {folder.slug!r}",
                f"set challenge: {folder.slug}, or move the file to that challenge's ideas/",
            ))
        if idea.issue is not None and idea_id.isdigit() and int(idea_id) != idea.issue:
            problems.append(Problem(
                document.path, document.line_of(("issue",)),
                f"issue is {idea.issue} but the file is named {idea_id}.yml",
                "an idea from an issue is named after the issue's number; make them agree",
            ))
        jurors = {juror.casefold() for juror in folder.challenge.jury}
        for index, login in enumerate(idea.coauthors):
            if login.casefold() in jurors:
                problems.append(Problem(
                    document.path, document.line_of(("coauthors", index)),
                    f"coauthors lists {login}, who is on the jury of {folder.slug}",
                    "a juror cannot co-author an idea they score: remove them from coauthors "
                    "(or, if they wrote it, from the jury)",
                ))
        for question in idea.answers:
            if folder.challenge.question(question) is None:
                problems.append(Problem(
                    document.path, document.line_of(("answers", question)),
                    f"answers names the question {question!r}, which {folder.slug} does not ask",
                    f"use the id of a question under questions: in "
                    f"challenges/{folder.slug}/challenge.yml, or remove the answer",
                ))
        if idea.duplicate_of is not None and (
            idea.duplicate_of == idea_id or idea.duplicate_of not in folder.ideas
        ):
            problems.append(Problem(
                document.path, document.line_of(("duplicate_of",)),
                f"duplicate_of names {idea.duplicate_of!r}, which is not another idea "
                f"in {folder.slug}",
                "name the id of the original idea in the same challenge",
            ))
    return problems


def _unknown_idea(folder: ChallengeFolder, path: str, line: int, idea: str) -> Problem:
    return Problem(path, line, f"names the idea {idea!r}, which {folder.slug} does not have",
                   f"use the id of a file in challenges/{folder.slug}/ideas/")


def _misnamed(document: Document, key: str, person: str, name: str, kind: str) -> list[Problem]:
    """A ballot or scorecard is named after its person; say so when they differ."""
    if person == name:
        return []
    return [Problem(document.path, document.line_of((key,)),
                    f"{key} is {person!r} but the file is named {name}.yml",
                    f"a {kind} is named after its {key}; make them agree")]


def check_ballots(folder: ChallengeFolder) -> list[Problem]:
    problems = _same_account(folder)
    for name, source in folder.ballots.items():
        ballot, document = source.model, source.document
        problems += _misnamed(document, "voter", ballot.voter, name, "ballot")
        for index, vote in enumerate(ballot.votes):
            if vote.idea not in folder.ideas:
                line = document.line_of(("votes", index, "idea"))
                problems.append(_unknown_idea(folder, document.path, line, vote.idea))
    return problems


def _same_account(folder: ChallengeFolder) -> list[Problem]:
    """Two ballots of one GitHub account: one voter may not vote twice under two spellings
    or two logins of one account."""
    ballots = {name: source.model for name, source in folder.ballots.items()}
    problems = []
    for first, *others in same_account_groups(ballots):
        kept = folder.ballots[first].document.path
        for name in others:
            ballot, document = ballots[name], folder.ballots[name].document
            same_id = ballot.account_id is not None and any(
                ballots[other].account_id == ballot.account_id for other in (first, *others)
                if other != name)
            why = (f"the same account_id {ballot.account_id}" if same_id
                   else "a login that differs only in case")
            problems.append(Problem(
                document.path, document.line_of(("account_id",) if same_id else ("voter",)),
                f"this ballot and {kept} belong to one GitHub account ({why}), and one "
                "account votes once",
                "keep one ballot per account, named after its login exactly as GitHub spells "
                "it: move the votes you mean into it and delete the other file",
            ))
    return problems


def check_scorecards(folder: ChallengeFolder) -> list[Problem]:
    challenge = folder.challenge
    jury = {juror.lower() for juror in challenge.jury}
    criteria = [criterion.id for criterion in challenge.criteria]
    low, high = challenge.scale.min, challenge.scale.max
    problems = []
    for name, source in folder.scorecards.items():
        card, document = source.model, source.document
        problems += _misnamed(document, "juror", card.juror, name, "scorecard")
        if card.juror.lower() not in jury:
            problems.append(Problem(
                document.path, document.line_of(("juror",)),
                f"{card.juror} is not on the jury of {folder.slug}",
                f"add them to jury: in challenges/{folder.slug}/challenge.yml, "
                "or remove this scorecard",
            ))
        scored: set[str] = set()
        for index, score in enumerate(card.scores):
            at = ("scores", index)
            if score.idea not in folder.ideas:
                line = document.line_of((*at, "idea"))
                problems.append(_unknown_idea(folder, document.path, line, score.idea))
                continue
            if score.idea in scored:
                problems.append(Problem(document.path, document.line_of(at),
                                        f"scores idea {score.idea!r} twice",
                                        "keep one score per idea"))
            scored.add(score.idea)
            people = {person.lower() for person in folder.ideas[score.idea].model.people}
            if card.juror.lower() in people:
                problems.append(Problem(
                    document.path, document.line_of(at),
                    f"{card.juror} scores idea {score.idea}, which they wrote or co-wrote",
                    "remove this score: jurors do not judge their own ideas",
                ))
            missing = [c for c in criteria if c not in score.criteria]
            unknown = [c for c in score.criteria if c not in criteria]
            if missing or unknown:
                problems.append(Problem(
                    document.path, document.line_of((*at, "criteria")),
                    "criteria do not match the challenge's"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; unknown {', '.join(unknown)}" if unknown else ""),
                    f"score exactly these criteria: {', '.join(criteria)}",
                ))
            for criterion, value in score.criteria.items():
                if not low <= value <= high:
                    problems.append(Problem(
                        document.path, document.line_of((*at, "criteria", criterion)),
                        f"the {criterion} score {value} is outside the scale {low}–{high}",
                        f"give a whole number from {low} to {high}",
                    ))
    return problems


def check_discussion(folder: ChallengeFolder) -> list[Problem]:
    """The vote sync's comment counts name each idea once.

    A count for an idea that is gone (removed or moved by a maintainer) is no problem: it
    decides nothing, the site shows no card for it, and the next sync leaves it out.
    """
    if folder.discussion is None:
        return []
    document = folder.discussion.document
    problems = []
    counted: set[str] = set()
    for index, entry in enumerate(folder.discussion.model.ideas):
        if entry.idea in counted:
            problems.append(Problem(document.path, document.line_of(("ideas", index, "idea")),
                                    f"counts idea {entry.idea!r} twice",
                                    "keep one entry per idea (the vote sync rewrites this "
                                    "file while the challenge is voting)"))
        counted.add(entry.idea)
    return problems
