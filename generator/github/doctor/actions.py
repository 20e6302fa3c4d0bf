"""`cocreate doctor`'s checks of GitHub Actions: allowed to run the workflows' actions,
to open pull requests, the workflows switched on, and their tokens' permissions."""

from __future__ import annotations

import fnmatch
from typing import Any

from generator.github.doctor.setup import (
    Finding,
    PortalSetup,
    RemoteSetup,
    State,
    Unreadable,
    why_unreadable,
)
from generator.github.doctor.workflows import (
    DEFAULT_GRANTS,
    LEVELS,
    ONLY_LEVELS,
    SCOPES,
    beyond,
)
from generator.i18n import Language

# Where GitHub keeps each setting, named exactly as its (English-only) interface shows it.
PULL_REQUESTS = ("Settings → Actions → General → Workflow permissions → "
                 "Allow GitHub Actions to create and approve pull requests")
ACTIONS_ALL = ("Settings → Actions → General → Actions permissions → "
               "Allow all actions and reusable workflows")
ACTIONS_BY_GITHUB = ("Settings → Actions → General → Actions permissions → "
                     "Allow actions created by GitHub")
ACTIONS_LISTED = ("Settings → Actions → General → Actions permissions → "
                  "Allow specified actions and reusable workflows")
ENABLE_WORKFLOW = "Actions → %(workflow)s → Enable workflow"
ENABLE_FORK_WORKFLOWS = "Actions → I understand my workflows, go ahead and enable them"
# Actions made by GitHub itself, which "Allow actions created by GitHub" lets through.
GITHUB_OWNERS = frozenset({"actions", "github"})


def actions_refused(actions: list[str], allowed: dict[str, Any]) -> list[str]:
    """The actions "Allow select actions" lets no workflow use."""
    patterns = [str(pattern) for pattern in allowed.get("patterns_allowed") or []]
    refused = []
    for action in actions:
        owner = action.split("/", 1)[0]
        if owner in GITHUB_OWNERS and allowed.get("github_owned_allowed"):
            continue
        name = action.split("@", 1)[0]
        if any(fnmatch.fnmatchcase(action, pattern) or fnmatch.fnmatchcase(name, pattern)
               for pattern in patterns):
            continue
        refused.append(action)
    return refused


def check_actions(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """Actions runs in this repository, and may run the actions the workflows use."""
    _ = lang.gettext
    item = _("GitHub Actions")
    if isinstance(remote.actions, Unreadable):
        return [Finding(item, State.UNREAD, why_unreadable(remote.actions, lang, remote,
                                                 needs_admin=True))]
    if not remote.actions.get("enabled"):
        return [Finding(item, State.MISSING, _("switched off for this repository: no "
                                               "workflow runs"),
                        (_("choose %(where)s", where=ACTIONS_ALL),))]
    used = sorted({action.split("@", 1)[0] for workflow in portal.workflows.values()
                   for job in workflow.jobs.values() for action in job.actions})
    allowed = remote.actions.get("allowed_actions")
    if allowed == "local_only" and used:
        return [Finding(item, State.MISSING, _(
            "only this owner's own actions may run, and the workflows use %(actions)s",
            actions=lang.join(used)), (_("choose %(where)s", where=ACTIONS_ALL),))]
    if allowed == "selected":
        selected = remote.selected_actions
        if isinstance(selected, Unreadable):
            return [Finding(item, State.UNREAD,
                            why_unreadable(selected, lang, remote, needs_admin=True))]
        refused = sorted({action.split("@", 1)[0] for action in actions_refused(
            [action for workflow in portal.workflows.values() for job in workflow.jobs.values()
             for action in job.actions], selected or {})})
        if refused:
            by_github = [action for action in refused if action.split("/")[0] in GITHUB_OWNERS]
            fixes = [_("tick %(where)s", where=ACTIONS_BY_GITHUB)] if by_github else []
            others = [action for action in refused if action not in by_github]
            if others:
                fixes.append(_("add %(actions)s to %(where)s", actions=lang.join(others),
                               where=ACTIONS_LISTED))
            return [Finding(item, State.MISSING, _(
                "only selected actions may run, and not %(actions)s, which the workflows use",
                actions=lang.join(refused)), tuple(fixes))]
    return [Finding(item, State.OK, _("switched on for this repository"))]


def check_pull_requests(remote: RemoteSetup, portal: PortalSetup,
                        lang: Language) -> list[Finding]:
    """The intake opens each idea's pull request with GITHUB_TOKEN: GitHub must allow it."""
    _ = lang.gettext
    item = _("Pull requests from Actions")
    settings = remote.workflow_permissions
    if isinstance(settings, Unreadable):
        return [Finding(item, State.UNREAD,
                        why_unreadable(settings, lang, remote, needs_admin=True))]
    if settings.get("can_approve_pull_request_reviews"):
        return [Finding(item, State.OK, _("allowed"))]
    opening = portal.jobs_asking("pull-requests") or ["intake.yml"]
    return [Finding(item, State.MISSING, lang.ngettext(
        "not allowed, so %(workflows)s cannot open its pull requests (GitHub answers 403)",
        "not allowed, so %(workflows)s cannot open their pull requests (GitHub answers 403)",
        len(opening), workflows=lang.join(opening)), (_("tick %(where)s", where=PULL_REQUESTS),))]


def check_workflows(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """Every workflow of the portal is on GitHub and switched on."""
    _ = lang.gettext
    item = _("Workflows")
    found = [Finding(item, State.UNREAD, _("%(file)s could not be read here; run actionlint "
                                           "on it", file=path))
             for path in portal.unread_workflows]
    if isinstance(remote.workflows, Unreadable):
        return [*found, Finding(item, State.UNREAD, why_unreadable(remote.workflows, lang, remote))]
    listed = {str(workflow.get("path")): workflow for workflow in remote.workflows}
    for path, workflow in portal.workflows.items():
        there = listed.get(path)
        state = str(there.get("state")) if there else "deleted"
        if state == "active":
            continue
        if state == "deleted":
            found.append(Finding(item, State.MISSING, _(
                "%(file)s is not on GitHub's default branch", file=workflow.file),
                (_("commit and push %(path)s to the default branch", path=path),)))
        elif state == "disabled_fork":
            found.append(Finding(item, State.MISSING, _(
                "%(file)s is switched off, as GitHub does in a fork until its owner "
                "agrees", file=workflow.file), (_("click %(where)s",
                                                  where=ENABLE_FORK_WORKFLOWS),)))
        else:
            why = (_("GitHub switched it off after 60 days without activity")
                   if state == "disabled_inactivity" else _("someone switched it off"))
            found.append(Finding(item, State.MISSING, _(
                "%(file)s is switched off: %(why)s", file=workflow.file, why=why),
                (_("click %(where)s", where=ENABLE_WORKFLOW % {
                    "workflow": (there or {}).get("name") or workflow.name}),)))
    if not any(finding.state is State.MISSING for finding in found):
        found.append(Finding(item, State.OK, _("%(files)s on GitHub and switched on",
                                               files=lang.join([w.file for w in
                                                                portal.workflows.values()]))))
    return found


def check_tokens(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """Each job asks GITHUB_TOKEN only for what GitHub gives it, and a called workflow's
    jobs ask for no more than the calling job grants (GitHub refuses to start them)."""
    _ = lang.gettext
    item = _("Workflow tokens")
    settings = remote.workflow_permissions
    default = settings.get("default_workflow_permissions") if isinstance(settings, dict) \
        else None
    found = []
    for workflow in portal.workflows.values():
        for job_id, job in workflow.jobs.items():
            where = f"{workflow.file} ({job_id})"
            granted = job.permissions
            if granted is None:
                granted = DEFAULT_GRANTS.get(str(default))
                found.append(Finding(item, State.NOTE, _(
                    "%(job)s sets no permissions, so it gets the repository's default (%(level)s)",
                    job=where, level=default or "?")))
            for scope, level in (job.permissions or {}).items():
                if scope not in SCOPES or level not in ONLY_LEVELS.get(scope, tuple(LEVELS)):
                    found.append(Finding(item, State.MISSING, _(
                        "%(job)s asks for %(permission)s, which GITHUB_TOKEN cannot have",
                        job=where, permission=f"{scope}: {level}"),
                        (_("correct `permissions:` in %(path)s", path=workflow.path),)))
            if job.calls is None or granted is None:
                continue
            called = portal.workflows.get(job.calls)
            if called is None:
                found.append(Finding(item, State.MISSING, _(
                    "%(job)s calls %(path)s, which is not among the workflows",
                    job=where, path=job.calls)))
                continue
            for called_id, called_job in called.jobs.items():
                extra = beyond(called_job.permissions or {}, granted)
                if extra:
                    found.append(Finding(item, State.MISSING, _(
                        "%(job)s grants %(called)s less than it asks for: %(permissions)s",
                        job=where, called=f"{called.file} ({called_id})",
                        permissions=lang.join(extra)),
                        (_("add %(permissions)s to the job's `permissions:` in %(path)s",
                           permissions=lang.join(extra), path=workflow.path),)))
    if not any(finding.state is State.MISSING for finding in found):
        jobs = sum(len(workflow.jobs) for workflow in portal.workflows.values())
        found.insert(0, Finding(item, State.OK, lang.ngettext(
            "%(count)s job asks only for what GITHUB_TOKEN may do, and each called workflow "
            "stays within what its caller grants",
            "%(count)s jobs ask only for what GITHUB_TOKEN may do, and each called workflow "
            "stays within what its caller grants", jobs)))
    return found
