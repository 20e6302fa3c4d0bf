"""The workflows hold a write token: pinned actions, least privilege, no expressions in shells."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.loader import read_yaml

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_version(workflow: Path) -> None:
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", workflow.read_text("utf-8"), re.M)
    assert uses
    for action, comment in uses:
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
