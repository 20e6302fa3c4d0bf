"""The models read files as people write them and explain what is wrong in plain words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.models import Ballot, Challenge, Idea, Scorecard, Settings
from generator.portal.explanations import explain
from generator.portal.loader import parse_yaml
from generator.portal.problems import Problem

CHALLENGE = """\
title: What should we bake next?
summary: Seasonal bakes for the winter.
brief: Tell us.
sponsor:
  name: Marta
timeline:
  ideas_open: 2027-01-01
  ideas_close: 2027-01-31
  voting_close: 2027-02-14
  results: 2027-02-28
eligibility: Anyone.
criteria:
  - id: taste
    name: Taste
"""


def problems(text: str, model: type[Challenge | Idea | Ballot | Scorecard] = Challenge
             ) -> list[str]:
    document = parse_yaml(text, "c.yml")
    with pytest.raises(ValidationError) as error:
        model.model_validate(document.data)
    return [str(problem) for problem in explain(error.value, document, model)]


def test_a_minimal_challenge_takes_the_documented_defaults() -> None:
    challenge = Challenge.model_validate(parse_yaml(CHALLENGE, "c.yml").data)
    assert challenge.voting.method == "approval"
    assert challenge.voting.self_votes is False
    assert [str(s) for s in challenge.voting.open_statuses] == ["published", "shortlisted"]
    assert (challenge.scale.min, challenge.scale.max) == (1, 5)
    assert challenge.licence == "CC-BY-4.0"


def test_a_misspelt_nested_key_is_named_on_its_line_with_a_suggestion() -> None:
    text = CHALLENGE.replace("  voting_close:", "  voting_clos:")
    assert problems(text) == ["c.yml:9: unknown key `voting_clos` — did you mean `voting_close`?"]


def test_yaml_1_1_booleans_and_octals_stay_text_where_text_is_wanted() -> None:
    text = CHALLENGE.replace("title: What should we bake next?", "title: no") \
        .replace("summary: Seasonal bakes for the winter.", "summary: 012") \
        .replace("    name: Taste", "    name: 1.10")
    challenge = Challenge.model_validate(parse_yaml(text, "c.yml").data)
    assert (challenge.title, challenge.summary, challenge.criteria[0].name) == ("no", "012", "1.10")


def test_numbers_and_booleans_are_read_where_the_model_wants_them() -> None:
    text = CHALLENGE + "voting:\n  method: budget\n  budget: 10\n  self_votes: true\n"
    voting = Challenge.model_validate(parse_yaml(text, "c.yml").data).voting
    assert (voting.budget, voting.self_votes) == (10, True)


@pytest.mark.parametrize(("extra", "expected"), [
    ("voting:\n  method: budget\n",
     "c.yml:16: budget voting needs a budget — add budget: <points per voter>"),
    ("voting:\n  method: ranked\n",
     "c.yml:16: voting.method is 'ranked' — use one of 'approval' or 'budget'"),
    ("voting:\n  budget: 5\n",
     "c.yml:16: budget and max_per_idea only apply to budget voting — set method: budget or "
     "remove them"),
    ("jury: [ana, Ana]\n", "c.yml:15: jury lists ana more than once — keep one of each"),
    ("scale: {min: 5, max: 1}\n",
     "c.yml:15: scale max must be above min — for example min: 1, max: 5"),
])
def test_challenge_rules_are_explained(extra: str, expected: str) -> None:
    assert problems(CHALLENGE + extra) == [expected]


def test_titles_refuse_invisible_characters() -> None:
    text = CHALLENGE.replace("title: What", "title: \u202eWhat")
    assert problems(text) == [
        "c.yml:1: title contains the invisible character U+202E — retype the text without it"
    ]


IDEA = """\
title: Soup of the day
challenge: winter-menu
author: ana
segment: customer
submitted: 2027-01-05
summary: A daily soup.
problem: Cold days.
proposal: Soup.
"""


def test_an_idea_status_must_match_its_latest_history_entry() -> None:
    text = IDEA + "status: published\nhistory:\n  - status: shortlisted\n    at: 2027-01-09\n"
    assert problems(text, Idea) == [
        "c.yml:9: status is published but the last history entry says shortlisted — add a "
        "history entry for the change (or use `cocreate status`)"
    ]


def test_a_duplicate_names_its_original_and_the_answer_is_the_latest() -> None:
    text = IDEA + ("status: duplicate\nduplicate_of: '4'\nhistory:\n"
                   "  - status: published\n    at: 2027-01-06\n    answer: Thanks!\n"
                   "  - status: duplicate\n    at: 2027-01-08\n    answer: Same as 4.\n")
    idea = Idea.model_validate(parse_yaml(text, "c.yml").data)
    assert (idea.duplicate_of, idea.answer) == ("4", "Same as 4.")
    assert problems(text.replace("duplicate_of: '4'\n", ""), Idea)[0].startswith(
        "c.yml:9: duplicate_of goes with status duplicate")


def test_history_must_run_forward_from_submission() -> None:
    text = IDEA + "status: published\nhistory:\n  - status: published\n    at: 2027-01-01\n"
    assert problems(text, Idea) == [
        "c.yml:10: history is not in date order, or starts before the idea was submitted — "
        "list changes oldest first"
    ]


def test_an_author_is_not_their_own_coauthor() -> None:
    assert problems(IDEA + "coauthors: [bo, Ana]\n", Idea) == [
        "c.yml:9: coauthors repeats a person or names the author — list each co-author once"
    ]


def test_logins_and_slugs_are_checked() -> None:
    assert problems("voter: -bad-\nvotes:\n  - idea: ../x\n    at: 2027-01-01\n"
                    "    via: reaction\n", Ballot) == [
        "c.yml:1: voter '-bad-' is not allowed here — write a GitHub user name, such as octocat",
        "c.yml:3: votes[0].idea '../x' is not allowed here — use lowercase letters, digits and "
        "single hyphens, such as winter-menu",
    ]


def test_settings_default_to_utc_and_refuse_unknown_zones() -> None:
    assert Settings(organisation="Crumb").zone.key == "UTC"
    with pytest.raises(ValidationError, match="not a known time zone"):
        Settings(organisation="Crumb", time_zone="Mars/Olympus")


def test_problems_sort_by_file_then_line() -> None:
    found = sorted([Problem("b.yml", 1, "x"), Problem("a.yml", 9, "y"), Problem("a.yml", 2, "z")])
    assert [str(p) for p in found] == ["a.yml:2: z", "a.yml:9: y", "b.yml:1: x"]


def test_the_hidden_character_patterns_match_unicode_categories_for_every_code_point() -> None:
    """The fast regular expressions refuse exactly what asking each character's category would."""
    import unicodedata

    from generator.models.common import CONTROL_IN_TEXT, HIDDEN, INVISIBLE

    for point in range(0x110000):
        char = chr(point)
        category = unicodedata.category(char)
        hidden = char in INVISIBLE or category in ("Cc", "Cs", "Co")
        control = category in ("Cc", "Cs") and char not in "\t\n\r"
        assert bool(HIDDEN.search(char)) is hidden, f"U+{point:04X}"
        assert bool(CONTROL_IN_TEXT.search(char)) is control, f"U+{point:04X}"
