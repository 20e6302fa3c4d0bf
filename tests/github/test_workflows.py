"""The workflows hold a write token: pinned actions, least privilege, no expressions in shells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.contest.labels import IDEA
from generator.portal.loader import read_yaml
from tests.support import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_version(workflow: Path) -> None:
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", workflow.read_text("utf-8"), re.M)
    assert uses
    for action, comment in uses:
        if action.startswith("$/.github/workflows/"):
            continue  # this repository's own reusable workflow: the same commit, nothing to pin
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{action} needs '# vX.Y.Z'"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_start_empty_and_no_shell_step_expands_an_expression(workflow: Path) -> None:
    data = read_yaml(workflow, workflow.name, tolerate_tags=True).data
    assert data["permissions"] == {}
    for job in data["jobs"].values():
        assert "permissions" in job
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step


def test_the_site_deploys_on_main_on_a_schedule_and_on_request() -> None:
    data = read_yaml(REPO / ".github/workflows/site.yml", "site.yml", tolerate_tags=True).data
    triggers = data["on"]
    assert {"pull_request", "push", "schedule", "workflow_dispatch", "workflow_call"} <= set(
        triggers)
    assert triggers["push"]["branches"] == ["main"]


def test_the_intake_runs_once_at_a_time_per_issue_with_the_least_it_needs() -> None:
    data = read_yaml(REPO / ".github/workflows/intake.yml", "intake.yml", tolerate_tags=True).data
    assert data["on"] == {"issues": {"types": ["opened", "edited", "reopened"]}}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "issues": "write",
                                  "pull-requests": "write"}
    assert job["concurrency"]["group"] == "intake-${{ github.event.issue.number }}"
    checkout = next(step for step in job["steps"] if "checkout" in step.get("uses", ""))
    assert checkout["with"]["persist-credentials"] == "false"
    (command,) = [step["run"] for step in job["steps"] if "cocreate" in step.get("run", "")]
    assert command == "cocreate intake"  # the event reaches it only as $GITHUB_EVENT_PATH


def test_votes_sync_on_a_schedule_and_every_comment_gets_its_own_run() -> None:
    data = read_yaml(REPO / ".github/workflows/votes.yml", "votes.yml", tolerate_tags=True).data
    assert {"schedule", "workflow_dispatch", "issue_comment"} == set(data["on"])
    jobs = data["jobs"]
    # the sync answers the /vote comments whose own run was lost
    assert jobs["sync"]["permissions"] == {"contents": "write", "issues": "write"}
    assert jobs["sync"]["concurrency"]["group"] == "votes-sync"
    assert jobs["comment"]["permissions"] == {"contents": "write", "issues": "write"}
    # a group shared by comments would cancel all but one pending run: a burst would lose
    # votes; each comment has its own
    assert jobs["comment"]["concurrency"] == {
        "group": "votes-comment-${{ github.event.comment.id }}", "cancel-in-progress": "false"}
    assert jobs["site"]["uses"].endswith(".github/workflows/site.yml")
    text = (REPO / ".github/workflows/votes.yml").read_text("utf-8")
    assert text.count("zizmor: ignore[") == 1  # one justified, targeted exception, no blanket


def test_a_comment_starts_a_vote_run_only_on_an_idea() -> None:
    data = read_yaml(REPO / ".github/workflows/votes.yml", "votes.yml", tolerate_tags=True).data
    condition = " ".join(data["jobs"]["comment"]["if"].split())
    conditions = condition.split(" && ")
    # the issue forms label every idea: a question or a bug report starts no run, and a
    # pull request's conversation (issue_comment too) is never an idea
    names = sorted(set(IDEA.names.values()))
    assert "(" + " || ".join(f"contains(github.event.issue.labels.*.name, '{name}')"
                             for name in names) + ")" in conditions
    assert "!github.event.issue.pull_request" in conditions
    assert "github.event_name == 'issue_comment'" in conditions


def test_the_ballot_check_hears_from_github_whether_the_author_is_a_maintainer() -> None:
    data = read_yaml(REPO / ".github/workflows/site.yml", "site.yml", tolerate_tags=True).data
    [step] = [s for s in data["jobs"]["check"]["steps"] if "check-pr" in s.get("run", "")]
    assert step["env"]["PR_ASSOCIATION"] == "${{ github.event.pull_request.author_association }}"
    assert '--author-association "$PR_ASSOCIATION"' in step["run"]


def test_notify_runs_on_pushes_to_main_and_daily_one_run_at_a_time() -> None:
    data = read_yaml(REPO / ".github/workflows/notify.yml", "notify.yml", tolerate_tags=True).data
    assert data["on"]["push"]["branches"] == ["main"]
    assert {"push", "schedule", "workflow_dispatch"} == set(data["on"])
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert job["concurrency"]["group"] == "notify"


def test_the_forms_follow_the_calendar_in_a_pull_request_with_the_least_they_need() -> None:
    data = read_yaml(REPO / ".github/workflows/forms.yml", "forms.yml", tolerate_tags=True).data
    assert {"push", "schedule", "workflow_dispatch"} == set(data["on"])
    assert data["on"]["push"]["branches"] == ["main"]
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["concurrency"] == {"group": "forms", "cancel-in-progress": "false"}
    checkout = next(step for step in job["steps"] if "checkout" in step.get("uses", ""))
    assert checkout["with"]["persist-credentials"] == "false"
    (command,) = [step["run"] for step in job["steps"] if "cocreate" in step.get("run", "")]
    assert command == "cocreate forms --pull-request"
    site = (REPO / ".github/workflows/site.yml").read_text("utf-8")
    assert "forms --check" not in site  # the daily build no longer only warns


LEVELS = {"none": 0, "read": 1, "write": 2}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_a_called_workflow_asks_for_no_more_than_its_callers_grant(workflow: Path) -> None:
    """GitHub refuses to start a run whose called workflow has a job asking for more."""
    data = read_yaml(workflow, workflow.name, tolerate_tags=True).data
    for caller in data["jobs"].values():
        called = str(caller.get("uses", ""))
        if "/.github/workflows/" not in called:
            continue
        target = REPO / ".github/workflows" / called.rsplit("/", 1)[1]
        granted = caller.get("permissions", {})
        jobs = read_yaml(target, target.name, tolerate_tags=True).data["jobs"]
        for name, job in jobs.items():
            for scope, level in job.get("permissions", {}).items():
                assert LEVELS[level] <= LEVELS[granted.get(scope, "none")], (name, scope)


def test_the_pull_request_check_runs_the_base_branchs_code_on_the_pull_requests_files() -> None:
    """A pull request that edits ballot_check.py must not write the check it is judged by."""
    data = read_yaml(REPO / ".github/workflows/site.yml", "site.yml", tolerate_tags=True).data
    steps = data["jobs"]["check"]["steps"]
    checkouts = {step["with"]["path"]: step["with"] for step in steps
                 if "checkout" in step.get("uses", "")}
    # Two sibling folders, so that neither tree can plant files in the other.
    assert set(checkouts) == {"pull-request", "base"}
    assert checkouts["base"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert "ref" not in checkouts["pull-request"]  # the event's merge of the pull request
    # the default branch's own first-parent history: frozen rules and ballot votes' moments
    assert checkouts["pull-request"]["fetch-depth"] == checkouts["base"]["fetch-depth"] == "0"
    assert all(values["persist-credentials"] == "false" for values in checkouts.values())
    runs = [step["run"] for step in steps if "run" in step]
    installs = [run for run in runs if "pip install" in run]
    assert installs == ["python -m pip install ./base"]
    commands = [run for run in runs if run.startswith("cocreate")]
    assert all(run.startswith("cocreate --root pull-request ") for run in commands), commands
    verbs = [run.split()[3] for run in commands]
    # What reviewers rely on runs before the build, the first step that reads code the pull
    # request may bring (mkdocs hooks and plugins in mkdocs.yml, templates in theme/).
    assert verbs == ["validate", "votes", "changes", "build"]
    assert "--base base" in commands[1] and "--base base" in commands[2]
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "pull-request/site/"


@pytest.mark.parametrize(("workflow", "job"), [("site.yml", "build"), ("votes.yml", "sync"),
                                               ("votes.yml", "comment")])
def test_jobs_that_count_votes_read_the_whole_first_parent_history(workflow: str,
                                                                   job: str) -> None:
    """A vote by ballot counts from its merge, read from history: a shallow clone would date
    every one at the newest commit."""
    data = read_yaml(REPO / ".github/workflows" / workflow, workflow, tolerate_tags=True).data
    checkout = next(step for step in data["jobs"][job]["steps"]
                    if "checkout" in step.get("uses", ""))
    assert checkout["with"]["fetch-depth"] == "0"
