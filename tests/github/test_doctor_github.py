"""`cocreate doctor` against the loopback GitHub: each setting the portal needs, reported
missing when it is, with where to switch it on; every call a GET GitHub's description has."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.github.forms.render import OWNED
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN, REPO
from tests.support.fake_github import FakeGitHub
from tests.support.gitrepos import git

Doctor = Callable[..., Result]
ALL_OK = """\
ok       Repository: crumb-and-kettle/ideas can be read, and this token has admin rights: every setting can be read
ok       Issues: switched on
ok       Default branch: main, as forms.yml, mkdocs.yml (edit_uri), notify.yml and site.yml expect
ok       GitHub Pages: built by GitHub Actions, at https://crumb-and-kettle.github.io/ideas/
ok       GitHub Actions: switched on for this repository
ok       Pull requests from Actions: allowed
ok       Labels: `idea`, which the issue forms apply, exists
note     Labels: the `status: …` labels do not exist yet: GitHub creates each the first time the intake or the announcements add it to an issue
           → run `cocreate doctor --create-labels` to create them now, with their descriptions
ok       Issue forms: idea.yml, neighbourhood-events.yml, suggestion-box.yml and config.yml on the default branch are what `cocreate forms` writes now
ok       Workflows: forms.yml, intake.yml, notify.yml, site.yml and votes.yml on GitHub and switched on
ok       Workflow tokens: 9 jobs ask only for what GITHUB_TOKEN may do, and each called workflow stays within what its caller grants

All set: the repository is ready for the portal. (1 note)
"""  # noqa: E501 - the report as printed


@pytest.fixture
def doctor(portal: Path, github: FakeGitHub) -> Doctor:
    """`cocreate doctor` on the portal, with a token for the stand-in."""

    def run(*arguments: str) -> Result:
        return CliRunner().invoke(
            cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(), "doctor", *arguments],
            env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url,
                 "GITHUB_REPOSITORY": None})

    return run


def report(result: Result) -> str:
    """The report, without the header line naming the stand-in's address."""
    header, blank, rest = result.output.split("\n", 2)
    assert header.startswith("Checking crumb-and-kettle/")
    assert " through http://127.0.0.1:" in header
    assert blank == ""
    return rest


def missing(result: Result, item: str) -> list[str]:
    """The lines of `item` marked missing, each with the fixes printed under it."""
    assert result.exit_code == 1, result.output
    found, lines = [], report(result).splitlines()
    for index, line in enumerate(lines):
        if line.startswith(f"missing  {item}: "):
            fixes = []
            for after in lines[index + 1:]:
                if not after.startswith("           → "):
                    break
                fixes.append(after.strip().removeprefix("→ "))
            found.append("\n".join([line.removeprefix(f"missing  {item}: "), *fixes]))
    return found


def test_a_repository_set_up_as_the_readme_says_is_all_ok(doctor: Doctor,
                                                          github: FakeGitHub) -> None:
    result = doctor()
    assert result.exit_code == 0, result.output
    assert report(result) == ALL_OK
    assert github.writes() == []
    reads = sorted({path.removeprefix("/repos/crumb-and-kettle/ideas")
                    for _, path in github.requests})
    forms = ["config", "idea", "local-sourcing-2028", "neighbourhood-events", "suggestion-box",
             "winter-menu-2026", "zero-waste-packaging"]  # open, and formerly or not yet open
    assert reads == ["", "/actions/permissions", "/actions/permissions/workflow",
                     "/actions/workflows",
                     *(f"/contents/.github/ISSUE_TEMPLATE/{form}.yml" for form in forms),
                     "/labels", "/pages"]


def test_the_readme_shows_this_report() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    shown = "\n".join("   " + line if line else "" for line in ALL_OK.splitlines())
    assert shown in readme, "update the report in the README's Running a portal"


def test_a_repository_without_pages_is_told_to_build_them_with_actions(
        doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["pages"] = None
    assert missing(doctor(), "GitHub Pages") == [
        "not set up, so site.yml and votes.yml cannot publish the site\n"
        "choose Settings → Pages → Build and deployment → Source: GitHub Actions"]


def test_pages_built_from_a_branch_are_reported(doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["pages"] = {"build_type": "legacy"}
    assert missing(doctor(), "GitHub Pages") == [
        "built from a branch, not by GitHub Actions: site.yml and votes.yml cannot publish "
        "the site\nchoose Settings → Pages → Build and deployment → Source: GitHub Actions"]


def test_actions_not_allowed_to_open_pull_requests_is_reported(doctor: Doctor,
                                                              github: FakeGitHub) -> None:
    github.setup["workflow_permissions"] = {"can_approve_pull_request_reviews": False}
    assert missing(doctor(), "Pull requests from Actions") == [
        "not allowed, so forms.yml and intake.yml cannot open their pull requests (GitHub "
        "answers 403)\n"
        "tick Settings → Actions → General → Workflow permissions → "
        "Allow GitHub Actions to create and approve pull requests"]


def test_actions_switched_off_for_the_repository_is_reported(doctor: Doctor,
                                                            github: FakeGitHub) -> None:
    github.setup["actions"] = {"enabled": False}
    assert missing(doctor(), "GitHub Actions") == [
        "switched off for this repository: no workflow runs\n"
        "choose Settings → Actions → General → Actions permissions → "
        "Allow all actions and reusable workflows"]


def test_actions_limited_to_a_list_without_githubs_own_are_reported(
        doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["actions"] = {"allowed_actions": "selected"}
    github.setup["selected_actions"] = {"github_owned_allowed": False,
                                        "patterns_allowed": ["actions/checkout@*"]}
    [finding] = missing(doctor(), "GitHub Actions")
    assert finding.startswith("only selected actions may run, and not actions/deploy-pages, "
                              "actions/setup-python, actions/upload-artifact and "
                              "actions/upload-pages-artifact, which the workflows use\n")
    assert finding.endswith("tick Settings → Actions → General → Actions permissions → "
                            "Allow actions created by GitHub")


def test_the_forms_label_missing_is_reported_and_the_bots_labels_are_a_note(
        doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["labels"] = ["bug", "question"]
    result = doctor()
    assert missing(result, "Labels") == [
        "`idea` is missing: GitHub puts only existing labels on an issue filed with a form, "
        "so new ideas arrive without it\nrun `cocreate doctor --create-labels`, or create "
        "`idea` in Issues → Labels → New label"]
    assert ("note     Labels: `needs-changes` and the `status: …` labels do not exist yet"
            in result.output)


def test_another_default_branch_than_the_workflows_build_is_reported(
        doctor: Doctor, github: FakeGitHub, remote: Path) -> None:
    git(remote, "branch", "trunk", "main")
    github.setup["repository"] = {"default_branch": "trunk"}
    result = doctor()
    assert missing(result, "Default branch") == [
        "trunk, but forms.yml, mkdocs.yml (edit_uri), notify.yml and site.yml expect main: the "
        "site would not be built on a push, nor status changes announced\n"
        "make main the default (Settings → General → Default branch), or change the branch "
        "in forms.yml, notify.yml, site.yml and mkdocs.yml (edit_uri)"]
    assert "ok       Issue forms:" in result.output  # read from trunk, where they are


def test_issues_switched_off_are_reported(doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["repository"] = {"has_issues": False}
    assert missing(doctor(), "Issues") == [
        "switched off: nobody can submit an idea\ntick Settings → General → Features → Issues"]


def test_forms_missing_or_older_than_cocreate_forms_writes_are_reported(
        doctor: Doctor, github: FakeGitHub) -> None:
    github.setup["files"] = {".github/ISSUE_TEMPLATE/idea.yml": "name: An older form\n",
                             ".github/ISSUE_TEMPLATE/config.yml": None}
    assert missing(doctor(), "Issue forms") == [
        "not on the default branch: .github/ISSUE_TEMPLATE/config.yml; out of date: "
        ".github/ISSUE_TEMPLATE/idea.yml\nrun `cocreate forms`, then commit and push "
        ".github/ISSUE_TEMPLATE to the default branch"]


def test_a_generated_form_left_over_from_a_closed_challenge_is_reported(
        doctor: Doctor, github: FakeGitHub) -> None:
    folder = ".github/ISSUE_TEMPLATE"
    github.setup["files"] = {
        f"{folder}/winter-menu-2026.yml": f"{OWNED}\nname: The winter menu\n",
        # A form a maintainer wrote by hand, without the generator's header: theirs to keep.
        f"{folder}/zero-waste-packaging.yml": "name: Tell us about packaging\n"}
    assert missing(doctor(), "Issue forms") == [
        "left over from a challenge closed for ideas: .github/ISSUE_TEMPLATE/winter-menu-2026.yml"
        "\nrun `cocreate forms`, then commit and push .github/ISSUE_TEMPLATE to the default "
        "branch"]


def test_a_form_gone_stale_here_since_the_push_is_reported(doctor: Doctor, portal: Path,
                                                          github: FakeGitHub) -> None:
    """Challenges opened and closed for ideas since: `cocreate forms` writes another form."""
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", "2028-05-01T12:00:00Z",
                                      "doctor"], env={"GITHUB_TOKEN": LOOPBACK_TOKEN,
                                                      "GITHUB_API_URL": github.url})
    assert missing(result, "Issue forms") == [
        "not on the default branch: .github/ISSUE_TEMPLATE/local-sourcing-2028.yml; out of "
        "date: .github/ISSUE_TEMPLATE/idea.yml; left over from a challenge closed for ideas: "
        ".github/ISSUE_TEMPLATE/neighbourhood-events.yml\nrun `cocreate forms`, then commit "
        "and push .github/ISSUE_TEMPLATE to the default branch"]


def test_workflows_switched_off_or_not_pushed_are_reported(doctor: Doctor, portal: Path,
                                                           github: FakeGitHub) -> None:
    github.setup["workflow_states"] = {".github/workflows/votes.yml": "disabled_inactivity",
                                       ".github/workflows/notify.yml": "disabled_manually"}
    (portal / ".github" / "workflows" / "welcome.yml").write_text(
        "name: Welcome\non: issues\npermissions: {}\njobs:\n  hello:\n"
        "    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - run: echo hi\n",
        encoding="utf-8")
    assert missing(doctor(), "Workflows") == [
        "notify.yml is switched off: someone switched it off\n"
        "click Actions → Notify → Enable workflow",
        "votes.yml is switched off: GitHub switched it off after 60 days without activity\n"
        "click Actions → Votes → Enable workflow",
        "welcome.yml is not on GitHub's default branch\n"
        "commit and push .github/workflows/welcome.yml to the default branch"]


def test_a_called_workflow_needing_more_than_its_caller_grants_is_reported(
        doctor: Doctor, portal: Path) -> None:
    votes = portal / ".github" / "workflows" / "votes.yml"
    votes.write_text(votes.read_text("utf-8").replace(
        "      id-token: write # to prove to Pages that this workflow made the artifact\n"
        "    uses:", "    uses:"), encoding="utf-8")
    assert missing(doctor(), "Workflow tokens") == [
        "votes.yml (site) grants site.yml (deploy) less than it asks for: id-token: write\n"
        "add id-token: write to the job's `permissions:` in .github/workflows/votes.yml"]


def test_a_token_without_admin_rights_says_which_settings_it_could_not_read(
        doctor: Doctor, github: FakeGitHub, caplog: pytest.LogCaptureFixture) -> None:
    github.setup["token"] = "write"
    result = doctor()
    # PyGithub logs each refusal to stderr by itself; the report says it, once.
    assert not [record for record in caplog.records if "403" in record.getMessage()]
    assert result.exit_code == 1
    text = report(result)
    assert ("note     Repository: crumb-and-kettle/ideas can be read, but this token has no "
            "admin rights: GitHub shows the Actions settings to admins only") in text
    for item in ("GitHub Actions", "Pull requests from Actions"):
        assert (f"unknown  {item}: could not read it (GitHub answered 403: Must have admin "
                "rights to Repository). GitHub shows it only to a token with admin rights on "
                "the repository: run the doctor with an owner's or admin's token (a "
                "fine-grained token needs Administration: read)") in text
    assert "ok       Labels:" in text and "ok       Workflows:" in text
    assert text.endswith("\n\n2 items could not be read and 2 notes\n")


def test_a_workflows_own_token_is_refused_the_admin_settings_too(doctor: Doctor,
                                                                 github: FakeGitHub) -> None:
    github.setup["token"] = "actions"
    result = doctor()
    assert result.exit_code == 1
    assert ("ok       Repository: crumb-and-kettle/ideas can be read\n" in report(result))
    assert ("unknown  Pull requests from Actions: could not read it (GitHub answered 403: "
            "Resource not accessible by integration). GitHub shows it only") in result.output


def test_a_repository_it_cannot_see_prints_every_item_and_no_traceback(
        doctor: Doctor, github: FakeGitHub) -> None:
    result = doctor("--repository", "crumb-and-kettle/other")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in report(result).splitlines() if line and "→" not in line]
    # Nine items are GitHub's to answer; the workflows' permissions are checked here.
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "unknown  Repository", "unknown  Issues", "unknown  Default branch",
        "unknown  GitHub Pages", "unknown  GitHub Actions", "unknown  Pull requests from Actions",
        "unknown  Labels", "unknown  Issue forms", "unknown  Workflows", "ok       Workflow tokens"]
    assert lines[0].endswith("could not read it (GitHub answered 404: Not Found)")
    assert all(line.endswith("could not read it, since the repository could not be read")
               for line in lines[1:-2]), lines
    assert lines[-1] == "9 items could not be read"
    assert ("           → check --repository (crumb-and-kettle/other) and that the token can "
            "see it") in result.output
    assert [path for _, path in github.requests] == ["/repos/crumb-and-kettle/other"]


def test_a_token_github_does_not_know_is_named_as_the_cause(doctor: Doctor, portal: Path,
                                                            github: FakeGitHub) -> None:
    result = CliRunner().invoke(cli, ["--root", str(portal), "doctor"], env={
        "GITHUB_TOKEN": "ghs_expired", "GITHUB_API_URL": github.url})
    assert result.exit_code == 1
    assert ("unknown  Repository: could not read it (GitHub answered 401: Bad credentials)\n"
            "           → check GITHUB_TOKEN: GitHub does not know it\n") in result.output
