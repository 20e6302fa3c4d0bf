"""The portal's workflow files as data: what triggers them, and what each job asks of its token.

A job's `permissions:` say what GITHUB_TOKEN may do in it (a job without them
takes its workflow's, and a workflow without them the repository's default).
GitHub refuses a scope or level it does not know, and starts a called
reusable workflow only if its jobs ask for no more than the calling job grants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.portal.loader import read_yaml
from generator.portal.problems import ProblemsFound

WORKFLOWS_DIR = ".github/workflows"
# What a job may ask GITHUB_TOKEN for (GitHub's `permissions` keys), and at which levels.
SCOPES = ("actions", "attestations", "checks", "contents", "deployments", "discussions",
          "id-token", "issues", "models", "packages", "pages", "pull-requests",
          "repository-projects", "security-events", "statuses")
LEVELS = {"none": 0, "read": 1, "write": 2}
ONLY_LEVELS = {"id-token": ("none", "write"), "models": ("none", "read")}
# What a job that sets no permissions gets, by the repository's default workflow permissions.
DEFAULT_GRANTS = {
    "read": {"contents": "read", "packages": "read"},
    "write": {scope: "write" for scope in SCOPES if scope not in ONLY_LEVELS},
}


@dataclass(frozen=True)
class Job:
    """One job of a workflow: what it asks of GITHUB_TOKEN, and what it runs."""

    permissions: dict[str, str] | None  # None: it sets none, so it gets the default
    calls: str | None = None  # a reusable workflow of this repository, by path
    actions: tuple[str, ...] = ()  # owner/name@ref of each action its steps use


@dataclass(frozen=True)
class Workflow:
    path: str  # .github/workflows/site.yml
    name: str
    push_branches: tuple[str, ...] = ()
    jobs: dict[str, Job] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def everything(level: str) -> dict[str, str]:
    """`read-all` or `write-all`: each scope at the highest level it has up to `level`."""
    return {scope: max((found for found in ONLY_LEVELS.get(scope, tuple(LEVELS))
                        if LEVELS[found] <= LEVELS[level]), key=LEVELS.__getitem__)
            for scope in SCOPES}


def permissions_of(value: Any) -> dict[str, str] | None:
    """A `permissions:` value as scope → level; None when there is none."""
    if value is None:
        return None
    if value in ("read-all", "write-all"):
        return everything(str(value).split("-")[0])
    if isinstance(value, dict):
        return {str(scope): str(level) for scope, level in value.items()}
    return {}


def local_call(uses: str) -> str | None:
    """`$/.github/workflows/x.yml` or `./.github/workflows/x.yml`: this repository's own."""
    for prefix in ("$/", "./"):
        if uses.startswith(prefix):
            return uses[len(prefix):]
    return None


def read_workflow(path: str, data: dict[str, Any]) -> Workflow:
    """A workflow file's triggers, jobs and permissions, as plain data."""
    triggers = data.get("on")
    push = triggers.get("push") if isinstance(triggers, dict) else None
    branches = push.get("branches") if isinstance(push, dict) else None
    if isinstance(branches, str):
        branches = [branches]
    default = permissions_of(data.get("permissions"))
    jobs = {}
    for job_id, job in (data.get("jobs") or {}).items():
        if not isinstance(job, dict):
            continue
        steps = [str(step.get("uses") or "") for step in job.get("steps") or []
                 if isinstance(step, dict)]
        actions = tuple(uses for uses in steps if "/" in uses and local_call(uses) is None
                        and not uses.startswith("docker://"))
        permissions = permissions_of(job["permissions"]) if "permissions" in job else default
        jobs[str(job_id)] = Job(permissions, local_call(str(job.get("uses") or "")), actions)
    return Workflow(path, str(data.get("name") or path), tuple(map(str, branches or [])), jobs)


def read_workflows(root: Path) -> tuple[dict[str, Workflow], tuple[str, ...]]:
    """The workflows under `.github/workflows` by path, and the files that did not parse."""
    workflows: dict[str, Workflow] = {}
    unread = []
    folder = root / WORKFLOWS_DIR
    files = sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []
    for file in files:
        path = f"{WORKFLOWS_DIR}/{file.name}"
        try:
            data = read_yaml(file, path, tolerate_tags=True).data
        except ProblemsFound:
            unread.append(path)
            continue
        if isinstance(data, dict):
            workflows[path] = read_workflow(path, data)
    return workflows, tuple(unread)


def beyond(asked: dict[str, str], granted: dict[str, str]) -> list[str]:
    """`scope: level` for each permission `asked` holds beyond what is `granted`."""
    return [f"{scope}: {level}" for scope, level in sorted(asked.items())
            if LEVELS.get(level, 0) > LEVELS.get(granted.get(scope, "none"), 0)]
