"""`cocreate doctor`'s checks as pure functions: what GitHub answered against what the portal
expects, with no server. `test_doctor_github.py` runs the command against the stand-in."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from generator.github.doctor.actions import check_actions, check_tokens
from generator.github.doctor.diagnose import examine, render_report
from generator.github.doctor.labels import check_labels
from generator.github.doctor.repository import (
    check_default_branch,
    check_forms,
    check_repository,
)
from generator.github.doctor.setup import PortalSetup, RemoteSetup, State, Unreadable, read_portal
from generator.github.doctor.workflows import Job, Workflow, read_workflow
from generator.github.forms.render import OWNED
from generator.i18n import language
from tests.support import EXAMPLE, EXAMPLE_NOW, set_language

EN = language("en")
ADMIN_ONLY = Unreadable(403, "Must have admin rights to Repository.")


@cache
def example() -> PortalSetup:
    return read_portal(EXAMPLE, EXAMPLE_NOW)


def healthy(portal: PortalSetup) -> RemoteSetup:
    """A repository set up as the README says, for `portal`."""
    return RemoteSetup(
        repository={"default_branch": "main", "has_issues": True, "archived": False,
                    "permissions": {"admin": True, "push": True, "pull": True}},
        pages={"build_type": "workflow", "html_url": "https://crumb-and-kettle.github.io/ideas/"},
        actions={"enabled": True, "allowed_actions": "all"},
        workflow_permissions={"default_workflow_permissions": "read",
                              "can_approve_pull_request_reviews": True},
        labels=["idea", "needs-changes"],
        workflows=[{"path": path, "name": workflow.name, "state": "active"}
                   for path, workflow in portal.workflows.items()],
        files=dict(portal.forms),
    )


def states(findings: list[Any]) -> list[tuple[str, State]]:
    return [(finding.item, finding.state) for finding in findings]


def with_workflows(*workflows: Workflow) -> PortalSetup:
    return replace(example(), workflows={workflow.path: workflow for workflow in workflows})


def test_the_example_on_a_repository_set_up_as_the_readme_says_is_all_ok() -> None:
    findings = examine(healthy(example()), example(), "crumb-and-kettle/ideas", EN)
    assert [state for _, state in states(findings)].count(State.OK) == len(findings) - 1
    [note] = [finding for finding in findings if finding.state is State.NOTE]
    assert note.item == "Labels"
    assert note.text.startswith("the `status: …` labels do not exist yet: GitHub creates each")
    report = render_report(findings, EN)
    assert report.endswith("All set: the repository is ready for the portal. (1 note)")


def test_what_the_portal_expects_is_read_from_its_own_files() -> None:
    portal = example()
    assert sorted(portal.workflows) == [
        f".github/workflows/{name}.yml" for name in ("forms", "intake", "notify", "site", "votes")]
    assert sorted(portal.forms) == [f".github/ISSUE_TEMPLATE/{name}.yml" for name in (
        "config", "idea", "neighbourhood-events", "suggestion-box")]
    assert portal.former_forms == tuple(f".github/ISSUE_TEMPLATE/{name}.yml" for name in (
        "local-sourcing-2028", "winter-menu-2026", "zero-waste-packaging"))
    assert portal.form_labels == ["idea"]
    assert portal.edit_branch == "main"
    votes = portal.workflows[".github/workflows/votes.yml"]
    assert votes.jobs["site"].calls == ".github/workflows/site.yml"
    assert votes.jobs["site"].permissions == {"contents": "read", "pages": "write",
                                              "id-token": "write"}
    assert portal.jobs_asking("pull-requests") == ["forms.yml", "intake.yml"]
    assert portal.jobs_asking("pages") == ["site.yml", "votes.yml"]


def test_a_job_takes_its_workflows_permissions_and_read_all_means_what_github_gives() -> None:
    workflow = read_workflow(".github/workflows/x.yml", {
        "on": {"push": {"branches": "trunk"}}, "permissions": "read-all",
        "jobs": {"a": {"steps": [{"uses": "actions/checkout@v4"}, {"uses": "./local"},
                                 {"uses": "docker://alpine:3"}, {"run": "true"}]},
                 "b": {"permissions": "write-all", "uses": "./.github/workflows/y.yml"}},
    })
    assert workflow.push_branches == ("trunk",)
    assert workflow.jobs["a"].actions == ("actions/checkout@v4",)
    read_all = workflow.jobs["a"].permissions or {}
    assert read_all["contents"] == "read" and read_all["id-token"] == "none"
    write_all = workflow.jobs["b"].permissions or {}
    assert write_all["pages"] == "write" and write_all["id-token"] == "write"
    assert write_all["models"] == "read"
    assert workflow.jobs["b"].calls == ".github/workflows/y.yml"


def test_a_called_workflow_asking_for_more_than_its_caller_grants_is_missing() -> None:
    caller = Workflow(".github/workflows/votes.yml", "Votes", jobs={
        "site": Job({"contents": "read", "pages": "write"}, calls=".github/workflows/site.yml")})
    called = Workflow(".github/workflows/site.yml", "Site", jobs={
        "build": Job({"contents": "read"}),
        "deploy": Job({"pages": "write", "id-token": "write"})})
    portal = with_workflows(caller, called)
    [finding] = check_tokens(healthy(portal), portal, EN)
    assert finding.state is State.MISSING
    assert finding.text == ("votes.yml (site) grants site.yml (deploy) less than it asks for: "
                            "id-token: write")
    assert finding.fixes == ("add id-token: write to the job's `permissions:` in "
                             ".github/workflows/votes.yml",)


def test_a_job_asking_for_what_github_token_cannot_have_is_missing() -> None:
    portal = with_workflows(Workflow(".github/workflows/x.yml", "X", jobs={
        "a": Job({"id-token": "read", "contents": "write", "secrets": "read"})}))
    texts = [finding.text for finding in check_tokens(healthy(portal), portal, EN)]
    assert texts == ["x.yml (a) asks for id-token: read, which GITHUB_TOKEN cannot have",
                     "x.yml (a) asks for secrets: read, which GITHUB_TOKEN cannot have"]


def test_a_job_without_permissions_gets_the_repositorys_default_which_is_noted() -> None:
    portal = with_workflows(Workflow(".github/workflows/x.yml", "X", jobs={"a": Job(None)}))
    remote = replace(healthy(portal), workflow_permissions={
        "default_workflow_permissions": "write", "can_approve_pull_request_reviews": True})
    ok, note = check_tokens(remote, portal, EN)
    assert ok.state is State.OK
    assert note.state is State.NOTE
    assert note.text == "x.yml (a) sets no permissions, so it gets the repository's default (write)"


def test_only_the_actions_the_selected_list_lets_through_may_run() -> None:
    portal = with_workflows(Workflow(".github/workflows/x.yml", "X", jobs={"a": Job({}, actions=(
        "actions/checkout@abc", "octo-org/lint@v1", "octo-org/build@v2"))}))
    selected = replace(healthy(portal), actions={"enabled": True, "allowed_actions": "selected"})
    allowed = replace(selected, selected_actions={
        "github_owned_allowed": True, "patterns_allowed": ["octo-org/*"]})
    assert states(check_actions(allowed, portal, EN)) == [("GitHub Actions", State.OK)]
    narrow = replace(selected, selected_actions={
        "github_owned_allowed": False, "patterns_allowed": ["octo-org/lint@*"]})
    [finding] = check_actions(narrow, portal, EN)
    assert finding.state is State.MISSING
    assert "not actions/checkout and octo-org/build, which the workflows use" in finding.text
    assert finding.fixes == (
        "tick Settings → Actions → General → Actions permissions → "
        "Allow actions created by GitHub",
        "add octo-org/build to Settings → Actions → General → Actions permissions → "
        "Allow specified actions and reusable workflows")
    local = replace(selected, actions={"enabled": True, "allowed_actions": "local_only"})
    assert check_actions(local, portal, EN)[0].state is State.MISSING


def test_a_setting_only_admins_see_says_so_and_other_refusals_say_what_github_said() -> None:
    portal = example()
    no_admin = replace(healthy(portal), actions=ADMIN_ONLY, repository={
        "default_branch": "main", "has_issues": True,
        "permissions": {"admin": False, "push": True, "pull": True}})
    [finding] = check_actions(no_admin, portal, EN)
    assert finding.state is State.UNREAD
    assert finding.text == (
        "could not read it (GitHub answered 403: Must have admin rights to Repository). "
        "GitHub shows it only to a token with admin rights on the repository: run the "
        "doctor with an owner's or admin's token (a fine-grained token needs "
        "Administration: read)")
    [repository] = check_repository(no_admin, "o/r", EN)
    assert repository.state is State.NOTE
    assert "this token has no admin rights" in repository.text
    down = replace(healthy(portal), labels=Unreadable(0, "Connection refused"))
    [labels] = check_labels(down, portal, EN)
    assert (labels.state, labels.text) == (
        State.UNREAD, "could not read it (GitHub could not be reached: Connection refused)")


def test_a_token_whose_rights_github_does_not_show_is_not_called_an_admin() -> None:
    remote = replace(healthy(example()), repository={"default_branch": "main",
                                                     "has_issues": True})
    [finding] = check_repository(remote, "o/r", EN)
    assert (finding.state, finding.text) == (State.OK, "o/r can be read")


def test_an_archived_repository_is_missing_its_workflows_and_issues() -> None:
    remote = replace(healthy(example()), repository={"default_branch": "main",
                                                     "has_issues": True, "archived": True})
    [finding] = check_repository(remote, "o/r", EN)
    assert finding.state is State.MISSING
    assert finding.fixes == ("unarchive it: Settings → General → Danger Zone → "
                             "Unarchive this repository",)


def test_the_default_branch_matches_the_workflows_patterns_and_the_edit_link() -> None:
    portal = replace(with_workflows(Workflow(".github/workflows/x.yml", "X",
                                             push_branches=("release/*",))), edit_branch=None)
    remote = replace(healthy(portal), repository={"default_branch": "release/2026",
                                                  "has_issues": True})
    assert check_default_branch(remote, portal, EN)[0].state is State.OK
    linked = replace(portal, edit_branch="main")
    [finding] = check_default_branch(remote, linked, EN)
    assert finding.state is State.MISSING
    assert finding.text.startswith("release/2026, but mkdocs.yml (edit_uri) expects main")


def test_a_missing_form_label_is_missing_and_the_bots_labels_only_a_note() -> None:
    portal = example()
    remote = replace(healthy(portal), labels=["bug", "status: declined"])
    missing, note = check_labels(remote, portal, EN)
    assert missing.state is State.MISSING
    assert missing.fixes == ("run `cocreate doctor --create-labels`, or create `idea` in "
                             "Issues → Labels → New label",)
    assert note.state is State.NOTE
    assert note.text.startswith("`needs-changes` and the `status: …` labels do not exist yet")
    assert note.fixes == ("run `cocreate doctor --create-labels` to create them now, with "
                          "their descriptions",)
    every = [*portal.form_labels, "needs-changes",
             *(f"status: {status}" for status in ("submitted", "published", "shortlisted",
                                                  "piloting", "implemented", "declined",
                                                  "duplicate", "withdrawn"))]
    [ok] = check_labels(replace(remote, labels=every), portal, EN)
    assert ok.state is State.OK
    # GitHub compares label names case aside, and so does the doctor
    [ok] = check_labels(replace(remote, labels=[name.upper() for name in every]), portal, EN)
    assert ok.state is State.OK


def test_labels_made_in_another_language_are_a_note_with_the_command_that_renames_them(
        portal: Path) -> None:
    """A portal switched from English to French: its English labels are still read, and the
    form's own label is missing under its French name, which the forms apply."""
    set_language(portal, "fr")
    here = read_portal(portal, EXAMPLE_NOW)
    assert here.form_labels == ["idée"]
    remote = replace(healthy(here), labels=["bug", "idea", "needs-changes", "status: published",
                                            "statut : refusée"])
    missing, renamed, later = check_labels(remote, here, language("fr"))
    assert (missing.state, renamed.state, later.state) == (State.MISSING, State.NOTE, State.NOTE)
    assert missing.text.startswith("`idée` manque : GitHub ne pose")
    assert renamed.text.startswith("`idea`, `needs-changes` et `status: published` portent un "
                                   "nom dans une autre langue : les robots les lisent toujours")
    assert renamed.fixes == ("lancez `cocreate doctor --create-labels` pour les renommer sur "
                             "tous les tickets à la fois",)
    # neither the renamed ones nor the one that exists are still to make
    assert later.text.startswith("les étiquettes `statut : …` n'existent pas encore")
    assert "`idée`" not in later.text and "`à compléter`" not in later.text


def test_forms_that_cannot_be_rendered_here_are_unknown_not_a_traceback(
        portal: Path) -> None:
    (portal / "challenges" / "suggestion-box" / "challenge.yml").write_text("title: [",
                                                                            "utf-8")
    here = read_portal(portal, EXAMPLE_NOW)
    [finding] = check_forms(healthy(here), here, EN)
    assert finding.state is State.UNREAD
    assert finding.text == "could not be written here to compare: the portal has 1 problem"
    assert here.workflows  # the rest is still checked


def test_only_a_generated_form_of_a_closed_challenge_counts_as_left_over() -> None:
    portal = example()
    closed, hand_written, never = portal.former_forms
    files = {**healthy(portal).files, closed: f"{OWNED}\nname: x\n",
             hand_written: "name: Ours, by hand\n", never: None}
    [finding] = check_forms(replace(healthy(portal), files=files), portal, EN)
    assert finding.state is State.MISSING
    assert finding.text == f"left over from a challenge closed for ideas: {closed}"


def test_the_report_counts_what_to_set_up_and_aligns_its_columns() -> None:
    portal = example()
    remote = replace(healthy(portal), pages=None, workflow_permissions=ADMIN_ONLY)
    report = render_report(examine(remote, portal, "o/r", EN), EN)
    assert "missing  GitHub Pages: not set up, so site.yml and votes.yml cannot publish" in report
    assert ("           → choose Settings → Pages → Build and deployment → Source: GitHub Actions"
            in report)
    assert report.splitlines()[-1] == "1 thing to set up, 1 item could not be read and 1 note"


@pytest.mark.parametrize("code", ["es", "fr"])
def test_the_report_speaks_the_portals_language(code: str) -> None:
    lang = language(code)
    portal = example()
    remote = replace(healthy(portal), pages=None, labels=[], workflow_permissions=ADMIN_ONLY)
    report = render_report(examine(remote, portal, "o/r", lang), lang)
    english = render_report(examine(remote, portal, "o/r", EN), EN)
    for words in ("not set up", "could not read it", "things to set up", "missing  ",
                  "do not exist yet", "switched on"):
        assert words in english
        assert words not in report, words
    assert "Settings → Pages → Build and deployment → Source: GitHub Actions" in report


def test_without_a_token_or_with_a_malformed_repository_it_is_a_usage_error() -> None:
    from click.testing import CliRunner

    from generator.cli.main import cli

    def doctor(*arguments: str, env: dict[str, str | None]) -> Any:
        return CliRunner().invoke(cli, ["--root", str(EXAMPLE), "doctor", *arguments], env=env)

    tokenless = doctor(env={"GITHUB_TOKEN": None})
    assert tokenless.exit_code == 2
    assert "set GITHUB_TOKEN" in tokenless.stderr
    malformed = doctor("--repository", "crumb-and-kettle", env={"GITHUB_TOKEN": "t"})
    assert malformed.exit_code == 2
    assert "'crumb-and-kettle' is not OWNER/NAME" in malformed.stderr
