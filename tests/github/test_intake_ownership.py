"""The intake files only what is its own: an idea filed by hand keeps its number, and
co-authors are GitHub logins the author names, a few at most, never the jury."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.github.forms.render import FORM_PATH
from generator.portal.reading import load_catalog
from tests.github.test_intake import IDEA, submit
from tests.portal.test_validate import validate
from tests.support import EXAMPLE_NOW
from tests.support.github_material import GOOD_ANSWERS

BOX = "challenges/suggestion-box/ideas"


def file_by_hand(portal: Path, idea_id: str) -> bytes:
    """Idea 5, filed under `idea_id` by a maintainer: no `issue:`, a status and answers."""
    text = (portal / BOX / "5.yml").read_text("utf-8")
    text = "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith("issue:"))
    (portal / BOX / f"{idea_id}.yml").write_text(text, "utf-8")
    return text.encode()


def test_an_issue_never_takes_over_an_idea_filed_by_hand(portal: Path, tmp_path: Path) -> None:
    by_hand = file_by_hand(portal, "101")
    result = submit(portal, tmp_path, FORM_PATH, GOOD_ANSWERS)
    assert f"wrote {BOX}/issue-101.yml" in result.output, result.output
    assert "An idea filed by hand already has the number `101`, so yours is filed as idea " \
           "`issue-101`; the other one is left as it was." in result.output
    assert (portal / BOX / "101.yml").read_bytes() == by_hand
    ideas = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas
    assert ideas["101"].model.status == "piloting" and ideas["101"].model.issue is None
    assert ideas["issue-101"].model.issue == 101 and ideas["issue-101"].model.status == \
        "submitted"
    assert validate(portal)[:2] == (0, [])

    # An edit of the issue updates its own file, and still leaves the other alone.
    edited = submit(portal, tmp_path, FORM_PATH, {**GOOD_ANSWERS, "title": "Soup in jars"},
                    action="edited")
    assert f"wrote {BOX}/issue-101.yml" in edited.output, edited.output
    assert (portal / BOX / "101.yml").read_bytes() == by_hand
    assert load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"] \
        .ideas["issue-101"].model.title == "Soup in jars"


def test_with_both_ids_taken_by_hand_the_issue_is_asked_to_wait(portal: Path,
                                                                 tmp_path: Path) -> None:
    first, second = file_by_hand(portal, "101"), file_by_hand(portal, "issue-101")
    result = submit(portal, tmp_path, FORM_PATH, GOOD_ANSWERS)
    assert "Ideas `101` and `issue-101` were filed by hand" in result.output, result.output
    assert (portal / BOX / "101.yml").read_bytes() == first
    assert (portal / BOX / "issue-101.yml").read_bytes() == second


@pytest.mark.parametrize(("coauthors", "says"), [
    ("Julie Bernard, ma voisine", "Co-authors: `Julie`, `Bernard`, `ma` and 1 more are not "
                                  "GitHub user names after an @ — list each co-author as @"),
    ("amira-haddad", "`amira-haddad` is not a GitHub user name after an @"),
    ("@amira-haddad, @-bad-", "`@-bad-` is not a GitHub user name after an @"),
    (", ".join(f"@friend-{n}" for n in range(11)),
     "Co-authors: names 11 co-authors, over the limit of 10 — keep the people who wrote the "
     "idea with you"),
    ("@amira-haddad @Marta-Okafor", "Co-authors: `@Marta-Okafor` is on this challenge's jury, "
                                    "and a juror cannot co-author an idea they score — remove "
                                    "them from the co-authors"),
])
def test_co_authors_are_logins_after_an_at_a_few_and_never_the_jury(
        portal: Path, tmp_path: Path, coauthors: str, says: str) -> None:
    result = submit(portal, tmp_path, FORM_PATH, {**GOOD_ANSWERS, "coauthors": coauthors})
    assert says in result.output, result.output
    assert result.output.count("Co-authors:") == 2  # one problem, in the comment and the log
    assert not (portal / IDEA).exists()


def test_ten_co_authors_are_welcome(portal: Path, tmp_path: Path) -> None:
    names = [f"friend-{n}" for n in range(10)]
    result = submit(portal, tmp_path, FORM_PATH,
                    {**GOOD_ANSWERS, "coauthors": " ".join(f"@{n}" for n in names)})
    assert f"wrote {IDEA}" in result.output, result.output
    idea = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["101"]
    assert idea.model.coauthors == names


def test_validate_refuses_a_juror_or_an_eleventh_co_author(portal: Path) -> None:
    text = file_by_hand(portal, "990").decode()
    idea = portal / BOX / "990.yml"
    idea.write_text(text.replace("segment: customer\n", "coauthors:\n  - amira-haddad\n"
                                 "  - dev-patel\nsegment: customer\n"), "utf-8")
    code, problems, _ = validate(portal)
    assert (code, problems) == (1, [
        f"{BOX}/990.yml:7: coauthors lists dev-patel, who is on the jury of suggestion-box — a "
        "juror cannot co-author an idea they score: remove them from coauthors (or, if they "
        "wrote it, from the jury)"])
    idea.write_text(text.replace("segment: customer\n", "coauthors: [" + ", ".join(
        f"friend-{n}" for n in range(11)) + "]\nsegment: customer\n"), "utf-8")
    code, problems, _ = validate(portal)
    assert code == 1 and len(problems) == 1 and problems[0].startswith(f"{BOX}/990.yml:5: ")
    assert "at most 10" in problems[0], problems


def test_co_authors_stay_as_filed_once_merged(portal: Path, tmp_path: Path) -> None:
    before = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["5"]
    result = submit(portal, tmp_path, FORM_PATH,
                    {**GOOD_ANSWERS, "coauthors": "@someone-else"}, action="edited", number=5,
                    login=before.model.author, created="2026-01-10T10:00:00Z")
    assert f"wrote {BOX}/5.yml" in result.output, result.output
    after = load_catalog(portal, now=EXAMPLE_NOW).challenges["suggestion-box"].ideas["5"]
    assert after.model.coauthors == before.model.coauthors


def test_validate_refuses_two_ideas_naming_one_issue(portal: Path) -> None:
    text = (portal / BOX / "5.yml").read_text("utf-8")
    (portal / BOX / "issue-9.yml").write_text(text.replace("issue: 5", "issue: 9"), "utf-8")
    code, problems, _ = validate(portal)
    line = text.splitlines().index("issue: 5") + 1
    assert (code, problems) == (1, [
        f"{BOX}/issue-9.yml:{line}: issue 9 is already the issue of {BOX}/9.yml — each issue files "
        "one idea: remove issue: from the idea that did not come from it"])
