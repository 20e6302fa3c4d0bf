"""The daily Forms run: the regenerated forms in one pull request, through the real PyGithub
client against the loopback GitHub, and a bare Git remote standing in for the repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.github.api import GitHubDesk, connect
from generator.github.branches import GitBranches, PullRef
from generator.github.forms.update import BRANCH, run_form_update
from generator.portal.clock import parse_moment
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN, set_language
from tests.support.fake_github import FakeGitHub
from tests.support.github_material import REPOSITORY
from tests.support.gitrepos import clone, git, read_from

FORMS = ".github/ISSUE_TEMPLATE"
OPENS = "2028-04-01T09:00:00+01:00"  # local-sourcing-2028 opens; neighbourhood-events closed
CLOSES = "2028-07-15T09:00:00+01:00"  # local-sourcing-2028 closed again

Update = Callable[[str], PullRef | None]


@pytest.fixture
def update(remote: Path, github: FakeGitHub, tmp_path: Path) -> Update:
    """One run of the Forms workflow on a day: a fresh clone of main, then the update."""
    runs = iter(range(1, 100))

    def run(moment: str) -> PullRef | None:
        checkout = clone(remote, tmp_path / f"run-{next(runs)}")
        client = connect(LOOPBACK_TOKEN, github.url, write_pause=0, read_pause=0)
        catalog = load_catalog(checkout, now=parse_moment(moment))
        return run_form_update(catalog, GitHubDesk(client, REPOSITORY), GitBranches(checkout),
                               "main", lambda _: None)

    return run


def files_on(remote: Path, ref: str) -> list[str]:
    return git(remote, "ls-tree", "--name-only", f"{ref}:{FORMS}").splitlines()


def test_forms_that_are_current_need_no_pull_request(update: Update, github: FakeGitHub,
                                                     remote: Path) -> None:
    assert update(EXAMPLE_NOW.isoformat()) is None
    assert github.pulls == {}
    assert not git(remote, "branch", "--list", BRANCH)


def test_a_challenge_opening_and_another_closing_come_in_one_pull_request(
        update: Update, github: FakeGitHub, remote: Path) -> None:
    pull = update(OPENS)
    assert pull is not None
    assert [(p["head"], p["base"], p["state"]) for p in github.pulls.values()] == [
        (BRANCH, "main", "open")]
    opened = github.pulls[pull.number]
    assert opened["title"] == ("Idea forms: local-sourcing-2028 opens for ideas; "
                               "neighbourhood-events closed")
    assert f"- **New:** `{FORMS}/local-sourcing-2028.yml`" in opened["body"]
    assert f"- **Removed** (their challenges no longer take ideas): " \
           f"`{FORMS}/neighbourhood-events.yml`" in opened["body"]
    # One commit on main's head: the new form in, the closed one out, the rest as it was.
    assert git(remote, "rev-parse", f"{BRANCH}~1") == git(remote, "rev-parse", "main")
    assert files_on(remote, BRANCH) == ["config.yml", "idea.yml", "local-sourcing-2028.yml",
                                        "suggestion-box.yml"]
    form = read_from(remote, f"{FORMS}/local-sourcing-2028.yml", BRANCH)
    assert form is not None and "- Sourcing closer to home\n      default: 0" in form
    general = read_from(remote, f"{FORMS}/idea.yml", BRANCH)
    assert general is not None and "Bringing the neighbourhood in" not in general

    # The same day again: the branch holds these forms, so nothing is pushed or written.
    github.requests.clear()
    head = git(remote, "rev-parse", BRANCH)
    assert update(OPENS) == pull
    assert git(remote, "rev-parse", BRANCH) == head
    assert github.writes() == []


def test_the_open_pull_request_follows_the_calendar_and_closes_once_merged(
        update: Update, github: FakeGitHub, remote: Path) -> None:
    first = update(OPENS)
    assert first is not None
    second = update(CLOSES)  # local-sourcing-2028 closed before anyone merged
    assert second == first and len(github.pulls) == 1
    assert github.pulls[first.number]["title"] == "Idea forms: neighbourhood-events closed"
    # Rebuilt on main: yesterday's form for local-sourcing-2028 is not left behind.
    assert git(remote, "rev-parse", f"{BRANCH}~1") == git(remote, "rev-parse", "main")
    assert files_on(remote, BRANCH) == ["config.yml", "idea.yml", "suggestion-box.yml"]

    git(remote, "update-ref", "refs/heads/main", BRANCH)  # a maintainer merges it
    assert update(CLOSES) is None
    assert github.pulls[first.number]["state"] == "closed"


def test_hand_written_templates_on_main_stay_where_they_are(tmp_path: Path, remote: Path,
                                                            update: Update) -> None:
    checkout = clone(remote, tmp_path / "owner")
    (checkout / FORMS / "bug.yml").write_text(
        "name: Report a bug\ndescription: On the site.\nbody:\n  - type: textarea\n"
        "    attributes:\n      label: What broke?\n", "utf-8")
    git(checkout, "add", "-A")
    git(checkout, "-c", "user.name=Owner", "-c", "user.email=owner@example.com",
        "commit", "--quiet", "-m", "A bug template")
    git(checkout, "push", "--quiet", "origin", "main")
    assert update(OPENS) is not None
    assert "bug.yml" in files_on(remote, BRANCH)


@pytest.mark.parametrize(("code", "title", "first_line", "new", "closing"), [
    ("fr", "Formulaires d'idées : local-sourcing-2028 s'ouvre aux idées ; "
           "neighbourhood-events, fermé aux idées",
     "Les formulaires d'idées de `.github/ISSUE_TEMPLATE/`, régénérés par `cocreate forms` "
     "pour les défis ouverts aux idées aujourd'hui : `local-sourcing-2028` et "
     "`suggestion-box`.", "- **Nouveaux :** ", "**À fusionner vite :**"),
    ("es", "Formularios de ideas: local-sourcing-2028 se abre a las ideas; "
           "neighbourhood-events, cerrado a las ideas",
     "Los formularios de ideas de `.github/ISSUE_TEMPLATE/`, regenerados por `cocreate forms` "
     "para los retos abiertos a las ideas hoy: `local-sourcing-2028` y `suggestion-box`.",
     "- **Nuevos:** ", "**Fusiónala pronto:**"),
])
def test_the_pull_request_speaks_the_portals_language(
        update: Update, github: FakeGitHub, remote: Path, tmp_path: Path, code: str,
        title: str, first_line: str, new: str, closing: str) -> None:
    """Its title, description and commit message are for the portal's maintainers."""
    owner = clone(remote, tmp_path / "owner")
    set_language(owner, code)
    git(owner, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-am", code)
    git(owner, "push", "--quiet", "origin", "main")
    pull = update(OPENS)
    assert pull is not None
    opened = github.pulls[pull.number]
    assert opened["title"] == title
    lines = opened["body"].splitlines()
    assert lines[0] == first_line
    assert lines[2].startswith(new) and lines[-3].startswith(closing)
    assert "Idea forms" not in opened["body"] and "Merge it soon" not in opened["body"]
    assert git(remote, "log", "-1", "--format=%s", BRANCH) == title


def test_without_a_token_it_says_what_it_would_do(portal: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", OPENS, "forms",
                                      "--pull-request"])
    assert result.exit_code == 0, result.output
    assert "no GITHUB_TOKEN: saying what would be done" in result.output
    assert (f"would start branch {BRANCH} from main with {FORMS}/idea.yml, "
            f"{FORMS}/local-sourcing-2028.yml, {FORMS}/suggestion-box.yml, "
            f"{FORMS}/config.yml, removing {FORMS}/neighbourhood-events.yml") in result.output
    assert (f"would open or update a pull request from {BRANCH} into main: Idea forms: "
            "local-sourcing-2028 opens for ideas; neighbourhood-events closed") in result.output
    assert (portal / FORMS / "neighbourhood-events.yml").is_file()  # nothing written here


def test_no_pull_request_proposes_a_form_github_would_refuse(
        portal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    box = portal / "challenges/suggestion-box/challenge.yml"
    box.write_text(box.read_text("utf-8").replace("title: The suggestion box",
                                                  "title: None"), "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", OPENS, "forms",
                                      "--pull-request"])
    assert result.exit_code == 1
    assert "a dropdown option is “None”" in result.stderr
    assert "would open" not in result.output


def test_check_and_pull_request_do_not_go_together(portal: Path) -> None:
    result = CliRunner().invoke(cli, ["--root", str(portal), "forms", "--check",
                                      "--pull-request"])
    assert result.exit_code == 2
    assert "give --check or --pull-request, not both" in result.output
