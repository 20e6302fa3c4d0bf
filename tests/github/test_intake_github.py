"""The intake end to end: the real PyGithub client against a loopback GitHub, a bare remote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.github.api import GitHubDesk, connect
from generator.github.branches import GitBranches
from generator.github.events import IssuesEvent
from generator.github.forms.answers import FormSpec
from generator.github.forms.render import FORM_PATH
from generator.github.intake.replies import MARKER
from generator.github.intake.run import IntakeResult, run_intake
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW, LOOPBACK_TOKEN, set_language
from tests.support.fake_github import BOT, FakeGitHub
from tests.support.github_material import (
    GOOD_ANSWERS,
    REPOSITORY,
    issue_event,
    render_body,
    write_event,
)
from tests.support.gitrepos import clone, git

IDEA = "challenges/suggestion-box/ideas/101.yml"






@pytest.fixture
def form() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLE / FORM_PATH).read_text())  # type: ignore[no-any-return]


Intake = Callable[..., IntakeResult]


@pytest.fixture
def intake(remote: Path, github: FakeGitHub, form: dict[str, Any], tmp_path: Path) -> Intake:
    """One workflow run: a fresh clone of main, then the intake with a token."""
    runs = iter(range(1, 100))

    def run(answers: dict[str, Any], *, number: int = 101, action: str = "opened") -> IntakeResult:
        if number not in github.issues:
            github.add_issue(number, login="nadia-rahman", labels=["idea"])
        checkout = clone(remote, tmp_path / f"run-{next(runs)}")
        payload = issue_event(action, body=render_body(form, answers), number=number,
                              labels=tuple(github.labels_of(number)))
        event = IssuesEvent.model_validate(payload)
        client = connect(LOOPBACK_TOKEN, github.url, write_pause=0, read_pause=0)
        return run_intake(event, load_catalog(checkout, now=EXAMPLE_NOW),
                          FormSpec.read(checkout / FORM_PATH, str(FORM_PATH)),
                          GitHubDesk(client, REPOSITORY), GitBranches(checkout), lambda _: None)

    return run


def branch_file(remote: Path, branch: str, path: str) -> str:
    return git(remote, "show", f"{branch}:{path}")


def test_opened_edited_same_again(intake: Intake, github: FakeGitHub, remote: Path) -> None:
    # opened: a branch with the file, one pull request, one comment, the label kept
    first = intake(GOOD_ANSWERS)
    assert first.commit and first.pull
    assert "title: Soup of the day in a returnable jar" in branch_file(remote, "idea/101", IDEA)
    assert git(remote, "rev-parse", "idea/101~1") == git(remote, "rev-parse", "main")
    assert [p["head"] for p in github.pulls.values()] == ["idea/101"]
    comments = github.comments_on(101)
    assert len(comments) == 1 and comments[0]["body"].startswith(MARKER)
    assert first.pull.url in comments[0]["body"]
    assert github.labels_of(101) == ["idea"]

    # edited: the same pull request, one more commit on the same branch, the comment edited
    second = intake({**GOOD_ANSWERS, "title": "Soup in a returnable jar"}, action="edited")
    assert second.pull == first.pull
    assert git(remote, "rev-parse", "idea/101~1") == first.commit
    assert "title: Soup in a returnable jar" in branch_file(remote, "idea/101", IDEA)
    pull = next(iter(github.pulls.values()))
    assert pull["title"] == "Idea #101: Soup in a returnable jar"
    assert len(github.pulls) == 1
    assert len(github.comments_on(101)) == 1

    # the same body again: no commit, and not a single write to GitHub
    github.requests.clear()
    third = intake({**GOOD_ANSWERS, "title": "Soup in a returnable jar"}, action="edited")
    assert third.commit is None
    assert git(remote, "rev-parse", "idea/101") == second.commit
    assert github.writes() == []


def test_invalid_then_fixed(intake: Intake, github: FakeGitHub, remote: Path) -> None:
    bad = {**GOOD_ANSWERS, "summary": "", "segment": "Martian"}
    intake(bad, number=102)
    comments = github.comments_on(102)
    assert len(comments) == 1
    assert "Your idea in one sentence: has no answer" in comments[0]["body"]
    assert "`Martian` is not one of the choices" in comments[0]["body"]
    assert "needs-changes" in github.labels_of(102)
    assert not git(remote, "branch", "--list", "idea/102")
    assert github.pulls == {}

    intake({**bad, "segment": "Customer"}, number=102, action="edited")
    comments = github.comments_on(102)
    assert len(comments) == 1
    assert "Martian" not in comments[0]["body"]

    fixed = intake(GOOD_ANSWERS, number=102, action="edited")
    comments = github.comments_on(102)
    assert len(comments) == 1 and "your idea is in" in comments[0]["body"]
    assert fixed.pull is not None and len(github.pulls) == 1
    assert "needs-changes" not in github.labels_of(102)
    assert git(remote, "branch", "--list", "idea/102")


def test_server_errors_and_rate_limits_are_retried(intake: Intake, github: FakeGitHub) -> None:
    github.fail("POST", r"/issues/101/comments$", 502, times=2)
    github.fail("POST", r"/pulls$", 403, times=1, headers={"Retry-After": "1"},
                message="You have exceeded a secondary rate limit.")
    result = intake(GOOD_ANSWERS)
    assert result.pull is not None
    assert len(github.comments_on(101)) == 1
    assert github.requests.count(("POST", f"/repos/{REPOSITORY}/issues/101/comments")) == 3


def test_only_the_bots_own_comment_is_edited_even_on_page_two(intake: Intake,
                                                              github: FakeGitHub) -> None:
    github.add_issue(101, login="nadia-rahman", labels=["idea"])
    human = {"login": "prankster", "type": "User"}
    github.add_comment(101, f"{MARKER}\nI am not the bot", human)
    for n in range(34):
        github.add_comment(101, f"+1 from reader {n}", human)
    intake(GOOD_ANSWERS)
    ours = [c for c in github.comments_on(101) if c["user"] == BOT]
    assert len(ours) == 1
    intake({**GOOD_ANSWERS, "title": "Soup, jarred"}, action="edited")
    assert len([c for c in github.comments_on(101) if c["user"] == BOT]) == 1
    assert github.comments_on(101)[0]["body"] == f"{MARKER}\nI am not the bot"


def test_a_closed_pull_request_is_replaced_by_a_fresh_one(intake: Intake, github: FakeGitHub,
                                                         remote: Path) -> None:
    first = intake(GOOD_ANSWERS)
    assert first.pull is not None
    github.pulls[first.pull.number]["state"] = "closed"
    second = intake({**GOOD_ANSWERS, "title": "Soup, jarred"}, action="edited")
    assert second.pull is not None and second.pull != first.pull
    assert git(remote, "rev-parse", "idea/101~1") == git(remote, "rev-parse", "main")
    assert sum(p["state"] == "open" for p in github.pulls.values()) == 1


def intake_command(remote: Path, github: FakeGitHub, form: dict[str, Any],
                   tmp_path: Path) -> tuple[Path, Result]:
    """`cocreate intake` as the workflow runs it: a clone of main, a token, GitHub's API."""
    github.add_issue(101, login="nadia-rahman", labels=["idea"])
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "--quiet", remote.as_uri(), str(checkout))
    file = write_event(tmp_path, issue_event(body=render_body(form, GOOD_ANSWERS)))
    result = CliRunner().invoke(
        cli, ["--root", str(checkout), "--now", EXAMPLE_NOW.isoformat(), "intake",
              "--event", str(file)],
        env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url})
    return checkout, result


def test_the_command_line_with_a_token(remote: Path, github: FakeGitHub, form: dict[str, Any],
                                       tmp_path: Path) -> None:
    checkout, result = intake_command(remote, github, form, tmp_path)
    assert result.exit_code == 0, result.output
    assert "review in https://github.com/crumb-and-kettle/ideas/pull/102" in result.output
    assert branch_file(remote, "idea/101", IDEA) + "\n" == (checkout / IDEA).read_text()
    assert git(checkout, "status", "--porcelain") == f"?? {IDEA}"


def test_a_repository_that_forbids_bot_pull_requests_gets_a_clear_instruction(
        remote: Path, github: FakeGitHub, form: dict[str, Any], tmp_path: Path) -> None:
    github.fail("POST", r"/pulls$", 403, message="GitHub Actions is not permitted to create "
                                                  "or approve pull requests.")
    _, result = intake_command(remote, github, form, tmp_path)
    assert result.exit_code == 1
    assert "Allow GitHub Actions to create and approve pull requests" in result.output
    assert "Traceback" not in result.output


def test_a_title_with_closing_keywords_and_mentions_closes_and_mentions_nothing(
        intake: Intake, github: FakeGitHub, remote: Path) -> None:
    title = "Closes #45, fixes #47: soup jars for @lucy-cho"
    result = intake({**GOOD_ANSWERS, "title": title})
    assert result.pull is not None
    message = git(remote, "log", "-1", "--format=%B", "idea/101")
    pull = next(iter(github.pulls.values()))
    for text in (message, pull["title"], pull["body"].split("```")[0]):
        assert "Closes #45" not in text and "fixes #47" not in text and "@lucy" not in text
    assert "“Closes” #45, “fixes” #47: soup jars for ＠lucy-cho" in message
    assert pull["title"] == "Idea #101: “Closes” #45, “fixes” #47: soup jars for ＠lucy-cho"
    assert f"title: '{title}'" in pull["body"] or f"title: {title}" in pull["body"]


def switch_to_french(remote: Path, tmp_path: Path, form: dict[str, Any]) -> None:
    """The owner turns the portal French, regenerates the forms and pushes them; the issues
    are filed with the French form from then on."""
    work = clone(remote, tmp_path / "owner")
    set_language(work, "fr")
    made = CliRunner().invoke(cli, ["forms", "--root", str(work), "--now",
                                    EXAMPLE_NOW.isoformat()])
    assert made.exit_code == 0, made.output
    git(work, "add", "-A")
    git(work, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-m", "En français")
    git(work, "push", "--quiet", "origin", "main")
    form.clear()
    form.update(yaml.safe_load((work / FORM_PATH).read_text("utf-8")))


def test_the_labels_speak_the_portals_language_and_replace_those_of_another(
        intake: Intake, github: FakeGitHub, remote: Path, form: dict[str, Any],
        tmp_path: Path) -> None:
    """An issue filed while the portal was English (`idea`) is still an idea once it is
    French, and ends up with the French labels only: one of each, never two."""
    from generator.i18n import language

    switch_to_french(remote, tmp_path, form)
    assert form["labels"] == ["idée"]
    github.add_issue(102, login="nadia-rahman", labels=["idea"])
    customer = language("fr").gettext("Customer")
    intake({**GOOD_ANSWERS, "summary": "", "segment": customer}, number=102)
    assert github.labels_of(102) == ["idée", "à compléter"]
    assert "### ✋" in github.comments_on(102)[0]["body"]
    intake({**GOOD_ANSWERS, "segment": customer}, number=102, action="edited")
    assert github.labels_of(102) == ["idée"]
    assert github.pulls


def test_the_pull_request_and_the_thanks_speak_the_portals_language(
        intake: Intake, github: FakeGitHub, remote: Path, form: dict[str, Any],
        tmp_path: Path) -> None:
    """The owner turns the portal French (and regenerates the forms): the intake's pull
    request and its thanks are French, and name the challenge by its title."""
    from generator.i18n import language

    switch_to_french(remote, tmp_path, form)
    result = intake({**GOOD_ANSWERS, "segment": language("fr").gettext("Customer")})
    assert result.pull
    [pull] = github.pulls.values()
    assert pull["title"] == "Idée #101 : Soup of the day in a returnable jar"
    assert pull["body"].startswith(
        "Ajoute l'idée de #101, proposée par `nadia-rahman` au défi `The suggestion box`, "
        "sous `challenges/suggestion-box/ideas/101.yml`.\n\n**Pour la publier**, mettez "
        "`status: published`")
    [comment] = github.comments_on(101)
    assert "`The suggestion box`" in comment["body"]
    assert "suggestion-box`" not in comment["body"].replace("ideas/101", "")
    assert "Thank you" not in comment["body"]


def test_an_idea_for_a_closed_challenge_is_told_which_are_open_by_title(
        intake: Intake, github: FakeGitHub) -> None:
    intake({**GOOD_ANSWERS, "challenge": "A warming winter menu"})
    [comment] = github.comments_on(101)
    assert ("`A warming winter menu` is not open for ideas: it no longer takes ideas — choose "
            "a challenge open now (open now: `Bringing the neighbourhood in` and "
            "`The suggestion box`)") in comment["body"]
    assert github.pulls == {}
