"""`cocreate validate`: the example passes; each kind of bad file gives one line naming it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli

Write = Callable[[str, str], Path]
IDEAS = "challenges/winter-menu-2026/ideas"
VOTES = "challenges/winter-menu-2026/votes"
IDEA = """\
title: Cinnamon buns on Sundays
challenge: winter-menu-2026
author: test-author
segment: customer
submitted: 2026-03-05
summary: Bake cinnamon buns on Sunday mornings.
problem: Sunday mornings are quiet.
proposal: Bake cinnamon buns and put a board outside.
"""


def validate(root: Path) -> tuple[int, list[str], str]:
    """Exit code, the problem lines on stderr (without the count), and stdout."""
    result = CliRunner().invoke(cli, ["--root", str(root), "--now", "2026-11-22T12:00:00Z",
                                      "validate"])
    lines = result.stderr.splitlines()
    return result.exit_code, lines[:-1], result.stdout


def test_the_example_portal_is_valid(portal: Path) -> None:
    code, problems, out = validate(portal)
    assert (code, problems) == (0, [])
    assert out.startswith("ok: 5 challenges, ")


def test_broken_yaml(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/990.yml", IDEA.replace("summary: Bake", "summary: [Bake"))
    code, problems, _ = validate(portal)
    assert code == 1
    assert len(problems) == 1
    assert problems[0].startswith(f"{IDEAS}/990.yml:7: ")
    assert "check the indentation and quoting" in problems[0]


def test_duplicate_key(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/990.yml", IDEA + "title: Cinnamon buns again\n")
    assert validate(portal)[:2] == (1, [
        f"{IDEAS}/990.yml:9: the key 'title' appears twice (first on line 1) — keep one of "
        "them; YAML would silently drop the other",
    ])


def test_alias_bomb(portal: Path, write: Write) -> None:
    bomb = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
    write(f"{IDEAS}/990.yml", IDEA + 'l0: &l0 ["lol"]\n' + bomb)
    assert validate(portal)[:2] == (1, [
        f"{IDEAS}/990.yml:9: the anchor &l0 is not allowed — remove it and write values in full",
    ])


def test_unknown_key_suggests_the_right_one(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/990.yml", IDEA.replace("summary:", "sumary:"))
    assert validate(portal)[:2] == (1, [
        f"{IDEAS}/990.yml:1: summary is missing — add `summary:` with a value",
        f"{IDEAS}/990.yml:6: unknown key `sumary` — did you mean `summary`?",
    ])


def test_unknown_key_with_nothing_close_lists_the_allowed_keys(portal: Path,
                                                               write: Write) -> None:
    write(f"{VOTES}/test-voter.yml", "voter: test-voter\nfavourite_colour: blue\n")
    [problem] = validate(portal)[1]
    assert problem == (f"{VOTES}/test-voter.yml:2: unknown key `favourite_colour` — remove it; "
                       "the keys allowed here are account_created, account_id, bot, former_logins, "
                       "voter, votes")


def test_wrong_type(portal: Path, write: Write) -> None:
    write(f"{VOTES}/test-voter.yml", "voter: test-voter\nvotes: lots\n")
    write(f"{IDEAS}/990.yml", IDEA + "issue: forty-two\n")
    assert validate(portal)[:2] == (1, [
        f"{IDEAS}/990.yml:9: issue should be a whole number, not 'forty-two' — change it to a "
        "whole number",
        f"{VOTES}/test-voter.yml:2: votes should be a list (lines starting with `- `), not "
        "'lots' — change it to a list (lines starting with `- `)",
    ])


def test_impossible_date(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/990.yml", IDEA.replace("2026-03-05", "2026-02-30"))
    assert validate(portal)[:2] == (1, [
        f"{IDEAS}/990.yml:5: submitted '2026-02-30' is not a real date (day is out of range "
        "for month) — write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
    ])


def test_timeline_out_of_order(portal: Path) -> None:
    challenge = portal / "challenges/winter-menu-2026/challenge.yml"
    text = challenge.read_text(encoding="utf-8")
    assert "  voting_close: 2026-05-31\n" in text
    challenge.write_text(text.replace("  voting_close: 2026-05-31\n",
                                      "  voting_close: 2026-04-01\n"), encoding="utf-8")
    code, [problem], _ = validate(portal)
    assert code == 1
    line = text.splitlines().index("  voting_close: 2026-05-31") + 1
    assert problem == (
        f"challenges/winter-menu-2026/challenge.yml:{line}: voting_close (2026-04-01) comes "
        "before ideas_close (2026-04-30) — dates must run in the order ideas_open, "
        "ideas_close, voting_close, results"
    )


def test_ballot_for_an_idea_that_does_not_exist(portal: Path, write: Write) -> None:
    write(f"{VOTES}/test-voter.yml", "voter: test-voter\nvotes:\n"
          "  - idea: '9999'\n    at: 2026-05-10T10:00:00Z\n    via: reaction\n")
    assert validate(portal)[:2] == (1, [
        f"{VOTES}/test-voter.yml:3: names the idea '9999', which winter-menu-2026 does not "
        "have — use the id of a file in challenges/winter-menu-2026/ideas/",
    ])


def test_unsafe_file_and_folder_names(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/my idea.yml", IDEA)
    write(f"{IDEAS}/a..b.yml", IDEA)
    write(f"{VOTES}/evil..voter.yml", "voter: evil\n")
    write("challenges/Bad Name/challenge.yml", "title: x\n")
    assert validate(portal)[:2] == (1, [
        "challenges/Bad Name: 'Bad Name' is not a safe name for this file — rename the folder "
        "to a lowercase-hyphen name",
        f"{IDEAS}/a..b.yml: 'a..b.yml' is not a safe name for this file — rename it to the "
        "idea's issue number or a lowercase-hyphen name, ending in .yml",
        f"{IDEAS}/my idea.yml: 'my idea.yml' is not a safe name for this file — rename it to "
        "the idea's issue number or a lowercase-hyphen name, ending in .yml",
        f"{VOTES}/evil..voter.yml: 'evil..voter.yml' is not a safe name for this file — rename "
        "it to the voter's GitHub user name, ending in .yml",
    ])


def test_every_problem_in_every_file_is_listed_at_once(portal: Path, write: Write) -> None:
    write(f"{IDEAS}/990.yml", IDEA.replace("2026-03-05", "2026-02-30") + "colour: red\n")
    write(f"{IDEAS}/991.yml", IDEA.replace("challenge: winter-menu-2026",
                                           "challenge: suggestion-box"))
    write(f"{VOTES}/test-voter.yml", "voter: someone-else\n")
    result = CliRunner().invoke(cli, ["--root", str(portal), "validate"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{IDEAS}/990.yml:5: submitted '2026-02-30' is not a real date (day is out of range "
        "for month) — write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ",
        f"{IDEAS}/990.yml:9: unknown key `colour` — remove it; the keys allowed here are "
        "answers, author, benefits, challenge, coauthors, duplicate_of, history, issue, prize, "
        "problem, proposal, segment, status, submitted, summary, tags, title",
        f"{IDEAS}/991.yml:2: challenge is 'suggestion-box' but the file is in "
        "'winter-menu-2026' — set challenge: winter-menu-2026, or move the file to that "
        "challenge's ideas/",
        f"{VOTES}/test-voter.yml:1: voter is 'someone-else' but the file is named "
        "test-voter.yml — a ballot is named after its voter; make them agree",
        "4 problems in 3 files",
    ]


def test_a_scorecard_by_someone_off_the_jury_for_a_missing_idea(portal: Path,
                                                               write: Write) -> None:
    write("challenges/winter-menu-2026/reviews/outsider.yml",
          "juror: outsider\nscores:\n  - idea: '9999'\n    criteria: {}\n")
    assert validate(portal)[:2] == (1, [
        "challenges/winter-menu-2026/reviews/outsider.yml:1: outsider is not on the jury of "
        "winter-menu-2026 — add them to jury: in challenges/winter-menu-2026/challenge.yml, "
        "or remove this scorecard",
        "challenges/winter-menu-2026/reviews/outsider.yml:3: names the idea '9999', which "
        "winter-menu-2026 does not have — use the id of a file in "
        "challenges/winter-menu-2026/ideas/",
    ])


def test_a_stray_file_in_a_challenge_folder(portal: Path, write: Write) -> None:
    write("challenges/winter-menu-2026/notes.txt", "remember the milk\n")
    assert validate(portal)[:2] == (1, [
        "challenges/winter-menu-2026/notes.txt: does not belong in a challenge folder — a "
        "challenge holds challenge.yml, the folders ideas, votes, reviews, and the vote "
        "sync's comments.yml",
    ])


def test_bad_portal_settings_name_their_line_in_mkdocs_yml(portal: Path) -> None:
    config = portal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("time_zone: Europe/London", "time_zone: Mars/Olympus"),
                      encoding="utf-8")
    line = text.splitlines().index("      time_zone: Europe/London") + 1
    code, [problem], _ = validate(portal)
    assert code == 1
    assert problem == (f"mkdocs.yml:{line}: time_zone 'Mars/Olympus' is not a known time zone "
                       "— use an IANA name such as Europe/Paris or UTC")


EVENTS = "challenges/neighbourhood-events/challenge.yml"


def add_question(portal: Path, text: str) -> None:
    file = portal / EVENTS
    file.write_text(file.read_text("utf-8") + text, "utf-8")


def test_a_question_may_not_take_the_id_of_one_of_the_forms_own_fields(portal: Path) -> None:
    add_question(portal, "  - id: Title\n    label: Another title\n    kind: text\n")
    assert validate(portal)[:2] == (1, [
        f"{EVENTS}:90: id Title is one of the idea form's own fields — choose another id (the "
        "form's own are challenge, title, summary, problem, proposal, benefits, segment, tags, "
        "coauthors, agreement)",
    ])


def test_a_question_id_is_made_of_what_github_allows(portal: Path) -> None:
    add_question(portal, "  - id: when to meet\n    label: When?\n    kind: text\n")
    assert validate(portal)[:2] == (1, [
        f"{EVENTS}:90: questions[2].id 'when to meet' is not allowed here — use letters, digits, "
        "- and _ only, such as how-often",
    ])


def test_question_ids_are_unique(portal: Path) -> None:
    add_question(portal, "  - id: How-Often\n    label: Again?\n    kind: textarea\n")
    assert validate(portal)[:2] == (1, [
        f"{EVENTS}:75: questions lists how-often more than once — keep one of each",
    ])


def test_options_go_with_dropdowns_and_only_with_them(portal: Path) -> None:
    add_question(portal, "  - id: size\n    label: How big?\n    kind: dropdown\n"
                         "  - id: colour\n    label: Which colour?\n    kind: text\n"
                         "    options: [red]\n")
    assert validate(portal)[:2] == (1, [
        f"{EVENTS}:92: a dropdown needs options — list its choices under options:",
        f"{EVENTS}:96: options go with kind: dropdown only — set kind: dropdown, or remove "
        "options",
    ])


def test_an_answer_names_a_question_its_challenge_asks(portal: Path) -> None:
    idea = portal / "challenges/neighbourhood-events/ideas/48.yml"
    text = idea.read_text("utf-8")
    idea.write_text(text.replace("  how-often: Every month\n",
                                 "  how-oftne: Every month\n  bad key: x\n"), "utf-8")
    assert validate(portal)[:2] == (1, [
        "challenges/neighbourhood-events/ideas/48.yml:27: answers: the key 'bad key' is not "
        "allowed here — use letters, digits, - and _ only, such as how-often",
    ])
    idea.write_text(text.replace("  how-often: Every month\n", "  how-oftne: Every month\n"),
                    "utf-8")
    assert validate(portal)[:2] == (1, [
        "challenges/neighbourhood-events/ideas/48.yml:26: answers names the question "
        "'how-oftne', which neighbourhood-events does not ask — use the id of a question under "
        "questions: in challenges/neighbourhood-events/challenge.yml, or remove the answer",
    ])


def test_the_vote_syncs_comment_counts_name_each_idea_once_with_githubs_time(
        portal: Path, write: Write) -> None:
    write("challenges/winter-menu-2026/comments.yml", """\
ideas:
  - idea: '12'
    comments: 2
    latest: 2026-05-28T20:14:00Z
  - idea: '99'
    comments: 1
    latest: 2026-05-28T20:14:00Z
  - idea: '12'
    comments: 3
    latest: 2026-05-29T20:14:00Z
""")
    write("challenges/zero-waste-packaging/comments.yml", """\
ideas:
  - idea: '34'
    comments: 0
    latest: 2026-11-19
""")
    code, problems, _ = validate(portal)
    assert code == 1
    # idea 99 is gone (a maintainer removed it): its count decides nothing, and the next
    # sync leaves it out
    assert [problem.partition(" — ")[0] for problem in problems] == [
        "challenges/winter-menu-2026/comments.yml:8: counts idea '12' twice",
        "challenges/zero-waste-packaging/comments.yml:3: ideas[0].comments: input should be "
        "greater than or equal to 1",
        # a count carries the moment GitHub gave, which always has its zone
        "challenges/zero-waste-packaging/comments.yml:4: ideas[0].latest: input should have "
        "timezone info",
    ]
