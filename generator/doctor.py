"""`cocreate doctor`: is the portal's GitHub repository set up the way the portal needs?

GitHub leaves some settings off that the portal relies on (Pages built by
Actions, Actions allowed to open pull requests), and a repository drifts from
what the portal in hand expects: another default branch, a label the issue
form applies but nobody created, forms or workflows not pushed, a workflow
GitHub switched off after weeks without activity.

The doctor reads the repository through a `SetupReader` (GET requests only;
`generator.github_api.GitHubSetupReader` is the real one) into a
`RemoteSetup`, reads what this portal expects from its own files into a
`PortalSetup`, and compares the two item by item with pure functions: each
item is ok, a note, missing (with the setting to switch on and where it is),
or could not be read (saying why, such as a token without admin rights).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .catalog import load_catalog
from .config import CONFIG_FILE
from .forms import IDEA_LABEL, OWNED, form_path, render_forms
from .i18n import N_, Language
from .intake import NEEDS_CHANGES
from .loader import parse_yaml, read_yaml
from .models import Status
from .notify import STATUS_LABEL
from .problems import ProblemsFound
from .workflow_files import (
    DEFAULT_GRANTS,
    LEVELS,
    ONLY_LEVELS,
    SCOPES,
    Workflow,
    beyond,
    read_workflows,
)

# The labels the bots add to issues. GitHub creates a label the first time the API
# adds it to an issue, so these need not exist beforehand (unlike a form's labels).
BOT_LABELS = (IDEA_LABEL, NEEDS_CHANGES,
              *(STATUS_LABEL + status.value for status in Status if status is not Status.SUBMITTED))
# Actions made by GitHub itself, which "Allow actions created by GitHub" lets through.
GITHUB_OWNERS = frozenset({"actions", "github"})

# Where GitHub keeps each setting. GitHub's web interface is in English only, so
# its menus and buttons are named exactly as it shows them, in every language.
PAGES_SOURCE = "Settings → Pages → Build and deployment → Source: GitHub Actions"
PULL_REQUESTS = ("Settings → Actions → General → Workflow permissions → "
                 "Allow GitHub Actions to create and approve pull requests")
ACTIONS_ALL = ("Settings → Actions → General → Actions permissions → "
               "Allow all actions and reusable workflows")
ACTIONS_BY_GITHUB = ("Settings → Actions → General → Actions permissions → "
                     "Allow actions created by GitHub")
ACTIONS_LISTED = ("Settings → Actions → General → Actions permissions → "
                  "Allow specified actions and reusable workflows")
ISSUES_ON = "Settings → General → Features → Issues"
DEFAULT_BRANCH = "Settings → General → Default branch"
UNARCHIVE = "Settings → General → Danger Zone → Unarchive this repository"
NEW_LABEL = "Issues → Labels → New label"
ENABLE_WORKFLOW = "Actions → %(workflow)s → Enable workflow"
ENABLE_FORK_WORKFLOWS = "Actions → I understand my workflows, go ahead and enable them"
ADMIN_TOKEN = "Administration: read"


class State(Enum):
    """How an item stands; missing and unknown ones make the doctor exit 1."""

    OK = N_("ok")
    NOTE = N_("note")
    MISSING = N_("missing")
    UNREAD = N_("unknown")

    @property
    def blocks(self) -> bool:
        return self in (State.MISSING, State.UNREAD)


@dataclass(frozen=True)
class Finding:
    """One line of the report: an item, how it stands, and what to do about it."""

    item: str
    state: State
    text: str
    fixes: tuple[str, ...] = ()


# -- what GitHub says -----------------------------------------------------------------

class Unreadable(Exception):
    """GitHub would not say: its HTTP status (0 when it was not reached) and its message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message


class SetupReader(Protocol):
    """The GET requests the doctor makes; each raises Unreadable when GitHub refuses."""

    def repository(self) -> dict[str, Any]: ...  # repos/get

    def pages(self) -> dict[str, Any] | None: ...  # repos/get-pages; None: no Pages site

    def actions_permissions(self) -> dict[str, Any]: ...

    def selected_actions(self) -> dict[str, Any]: ...

    def workflow_permissions(self) -> dict[str, Any]: ...

    def labels(self) -> list[str]: ...

    def workflows(self) -> list[dict[str, Any]]: ...  # each with path, name and state

    def file(self, path: str) -> str | None: ...  # on the default branch; None: not there


T = TypeVar("T")


def attempt(read: Callable[[], T]) -> T | Unreadable:
    try:
        return read()
    except Unreadable as refused:
        return refused


@dataclass(frozen=True)
class RemoteSetup:
    """What the repository on GitHub answered, item by item, or why it would not."""

    repository: dict[str, Any] | Unreadable
    pages: dict[str, Any] | Unreadable | None
    actions: dict[str, Any] | Unreadable
    workflow_permissions: dict[str, Any] | Unreadable
    labels: list[str] | Unreadable
    workflows: list[dict[str, Any]] | Unreadable
    files: dict[str, str | Unreadable | None]
    selected_actions: dict[str, Any] | Unreadable | None = None  # read only when it matters


def read_remote(reader: SetupReader, portal: PortalSetup) -> RemoteSetup:
    """Ask GitHub for everything the checks need; a refusal is kept, never raised.

    A repository that cannot be read answers nothing else: each item says why,
    rather than reading GitHub's 404 for a file or for Pages as "not there".
    Besides the forms the portal writes, the forms of its other challenges are
    read, to find one left over from a challenge since closed for ideas.
    """
    paths = [*portal.forms, *portal.former_forms]
    repository = attempt(reader.repository)
    if isinstance(repository, Unreadable):
        return RemoteSetup(repository, repository, repository, repository, repository,
                           repository, dict.fromkeys(paths, repository))
    actions = attempt(reader.actions_permissions)
    selected = None
    if isinstance(actions, dict) and actions.get("allowed_actions") == "selected":
        selected = attempt(reader.selected_actions)
    return RemoteSetup(
        repository=repository,
        pages=attempt(reader.pages),
        actions=actions,
        workflow_permissions=attempt(reader.workflow_permissions),
        labels=attempt(reader.labels),
        workflows=attempt(reader.workflows),
        files={path: attempt(partial(reader.file, path)) for path in paths},
        selected_actions=selected,
    )


# -- what the portal expects -----------------------------------------------------------

@dataclass(frozen=True)
class PortalSetup:
    """What this portal expects of its repository, read from its own files."""

    workflows: dict[str, Workflow]
    forms: dict[str, str]  # path → the text `cocreate forms` writes now
    edit_branch: str | None = None  # the branch in mkdocs.yml's edit_uri
    portal_problems: int = 0  # problems that kept the forms from being rendered
    unread_workflows: tuple[str, ...] = ()  # workflow files here that did not parse
    former_forms: tuple[str, ...] = ()  # where the forms of challenges not open now would be

    @property
    def form_labels(self) -> list[str]:
        """The labels the issue forms apply: GitHub applies only those that exist."""
        found: list[str] = []
        for path, text in self.forms.items():
            data = parse_yaml(text, path).data
            labels = data.get("labels") if isinstance(data, dict) else None
            found += [label for label in labels or [] if label not in found]
        return found

    def jobs_asking(self, scope: str) -> list[str]:
        """`file` for each workflow with a job that asks to write `scope`."""
        return [workflow.file for workflow in self.workflows.values()
                if any((job.permissions or {}).get(scope) == "write"
                       for job in workflow.jobs.values())]


def read_portal(root: Path, now: datetime | None) -> PortalSetup:
    """The workflows, the forms `cocreate forms` would write, and the edit branch, here."""
    workflows, unread = read_workflows(root)
    try:
        catalog = load_catalog(root, now=now)
    except ProblemsFound as found:
        return PortalSetup(workflows, {}, edit_branch(root), len(found.problems), unread)
    forms = {path.as_posix(): text for path, text in render_forms(catalog).items()}
    former = (form_path(slug).as_posix() for slug in catalog.challenges)
    return PortalSetup(workflows, forms, edit_branch(root), 0, unread,
                       tuple(path for path in former if path not in forms))


def edit_branch(root: Path) -> str | None:
    """The branch "Edit this page" opens (`edit_uri: edit/main/content/`), if it names one."""
    try:
        data = read_yaml(root / CONFIG_FILE, CONFIG_FILE, tolerate_tags=True).data
    except (ProblemsFound, OSError):
        return None
    uri = data.get("edit_uri") if isinstance(data, dict) else None
    parts = uri.strip("/").split("/") if isinstance(uri, str) else []
    return parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob", "tree") else None


# -- the checks -------------------------------------------------------------------------

def _why(refused: Unreadable, lang: Language, remote: RemoteSetup, *,
         needs_admin: bool = False, repository_item: bool = False) -> str:
    """Why an item could not be read, and how to make it readable."""
    _ = lang.gettext
    if refused is remote.repository and not repository_item:
        return _("could not read it, since the repository could not be read")
    reason = refused.message.rstrip(".")
    answer = (_("GitHub could not be reached: %(error)s", error=reason) if refused.status == 0
              else _("GitHub answered %(status)s: %(reason)s", status=refused.status,
                     reason=reason))
    # A repository GitHub shows, with a setting it hides: the token is not an admin's.
    if needs_admin and refused.status in (403, 404) and refused is not remote.repository \
            and _is_admin(remote) is not True:
        return _("could not read it (%(answer)s). GitHub shows it only to a token with admin "
                 "rights on the repository: run the doctor with an owner's or admin's token "
                 "(a fine-grained token needs %(permission)s)",
                 answer=answer, permission=ADMIN_TOKEN)
    return _("could not read it (%(answer)s)", answer=answer)


def _is_admin(remote: RemoteSetup) -> bool | None:
    if not isinstance(remote.repository, dict):
        return None
    rights = remote.repository.get("permissions")
    return bool(rights.get("admin")) if isinstance(rights, dict) else None


def check_repository(remote: RemoteSetup, repository: str, lang: Language) -> list[Finding]:
    """The repository can be read; what this token may do in it."""
    _ = lang.gettext
    item = _("Repository")
    if isinstance(remote.repository, Unreadable):
        status = remote.repository.status
        fixes = ((_("check GITHUB_TOKEN: GitHub does not know it"),) if status == 401 else
                 (_("check --repository (%(repository)s) and that the token can see it",
                    repository=repository),) if status in (403, 404) else ())
        return [Finding(item, State.UNREAD, _why(remote.repository, lang, remote,
                                                 repository_item=True), fixes)]
    if remote.repository.get("archived"):
        return [Finding(item, State.MISSING, _("archived: no workflow runs and nobody can "
                                               "open an issue"),
                        (_("unarchive it: %(where)s", where=UNARCHIVE),))]
    rights = remote.repository.get("permissions")
    if not isinstance(rights, dict):
        return [Finding(item, State.OK, _("%(repository)s can be read", repository=repository))]
    if rights.get("admin"):
        return [Finding(item, State.OK, _("%(repository)s can be read, and this token has admin "
                                          "rights: every setting can be read",
                                          repository=repository))]
    return [Finding(item, State.NOTE, _(
        "%(repository)s can be read, but this token has no admin rights: GitHub shows the "
        "Actions settings to admins only", repository=repository))]


def check_issues(remote: RemoteSetup, lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("Issues")
    if isinstance(remote.repository, Unreadable):
        return [Finding(item, State.UNREAD, _why(remote.repository, lang, remote))]
    if remote.repository.get("has_issues"):
        return [Finding(item, State.OK, _("switched on"))]
    return [Finding(item, State.MISSING, _("switched off: nobody can submit an idea"),
                    (_("tick %(where)s", where=ISSUES_ON),))]


def expected_branches(portal: PortalSetup) -> dict[str, list[str]]:
    """Each branch pattern the portal expects to be the default, with the files that do."""
    expected: dict[str, list[str]] = {}
    for workflow in portal.workflows.values():
        for pattern in workflow.push_branches:
            expected.setdefault(pattern, []).append(workflow.file)
    if portal.edit_branch:
        expected.setdefault(portal.edit_branch, []).append(f"{CONFIG_FILE} (edit_uri)")
    return expected


def check_default_branch(remote: RemoteSetup, portal: PortalSetup,
                         lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("Default branch")
    if isinstance(remote.repository, Unreadable):
        return [Finding(item, State.UNREAD, _why(remote.repository, lang, remote))]
    branch = str(remote.repository.get("default_branch") or "")
    expected = expected_branches(portal)
    wrong = {pattern: files for pattern, files in expected.items()
             if not fnmatch.fnmatchcase(branch, pattern)}
    if not wrong:
        files = sorted({file for found in expected.values() for file in found})
        return [Finding(item, State.OK, lang.ngettext(
            "%(branch)s, as %(files)s expects", "%(branch)s, as %(files)s expect", len(files),
            branch=branch, files=lang.join(files)) if files else branch)]
    fixes = tuple(_("make %(branch)s the default (%(where)s), or change the branch in "
                    "%(files)s", branch=pattern, where=DEFAULT_BRANCH, files=lang.join(files))
                  for pattern, files in wrong.items())
    files = sorted({file for found in wrong.values() for file in found})
    return [Finding(item, State.MISSING, lang.ngettext(
        "%(branch)s, but %(files)s expects %(expected)s: the site would not be built on a "
        "push, nor status changes announced",
        "%(branch)s, but %(files)s expect %(expected)s: the site would not be built on a "
        "push, nor status changes announced", len(files), branch=branch,
        files=lang.join(files), expected=lang.join(list(wrong), "or")), fixes)]


def check_pages(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    _ = lang.gettext
    item = _("GitHub Pages")
    fix = (_("choose %(where)s", where=PAGES_SOURCE),)
    deploying = lang.join(portal.jobs_asking("pages")) or "site.yml"
    if isinstance(remote.pages, Unreadable):
        return [Finding(item, State.UNREAD, _why(remote.pages, lang, remote))]
    if remote.pages is None:
        return [Finding(item, State.MISSING, _("not set up, so %(workflows)s cannot publish "
                                               "the site", workflows=deploying), fix)]
    if remote.pages.get("build_type") != "workflow":
        return [Finding(item, State.MISSING, _(
            "built from a branch, not by GitHub Actions: %(workflows)s cannot publish the site",
            workflows=deploying), fix)]
    return [Finding(item, State.OK, _("built by GitHub Actions, at %(address)s",
                                      address=remote.pages.get("html_url") or "?"))]


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
        return [Finding(item, State.UNREAD, _why(remote.actions, lang, remote,
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
            return [Finding(item, State.UNREAD, _why(selected, lang, remote, needs_admin=True))]
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
        return [Finding(item, State.UNREAD, _why(settings, lang, remote, needs_admin=True))]
    if settings.get("can_approve_pull_request_reviews"):
        return [Finding(item, State.OK, _("allowed"))]
    opening = portal.jobs_asking("pull-requests") or ["intake.yml"]
    return [Finding(item, State.MISSING, lang.ngettext(
        "not allowed, so %(workflows)s cannot open its pull requests (GitHub answers 403)",
        "not allowed, so %(workflows)s cannot open their pull requests (GitHub answers 403)",
        len(opening), workflows=lang.join(opening)), (_("tick %(where)s", where=PULL_REQUESTS),))]


def check_labels(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """The forms' labels must exist (GitHub skips the others); the bots' are made on first use."""
    _ = lang.gettext
    item = _("Labels")
    if isinstance(remote.labels, Unreadable):
        return [Finding(item, State.UNREAD, _why(remote.labels, lang, remote))]
    present = set(remote.labels)
    wanted = portal.form_labels
    missing = [label for label in wanted if label not in present]
    found: list[Finding] = []
    if missing:
        found.append(Finding(item, State.MISSING, lang.ngettext(
            "%(labels)s is missing: GitHub puts only existing labels on an issue filed with a "
            "form, so new ideas arrive without it",
            "%(labels)s are missing: GitHub puts only existing labels on an issue filed with a "
            "form, so new ideas arrive without them", len(missing), labels=_named(missing, lang)),
            (_("create %(labels)s in %(where)s", labels=_named(missing, lang),
               where=NEW_LABEL),)))
    elif wanted:
        found.append(Finding(item, State.OK, lang.ngettext(
            "%(labels)s, which the issue forms apply, exists",
            "%(labels)s, which the issue forms apply, exist", len(wanted),
            labels=_named(wanted, lang))))
    later = [label for label in BOT_LABELS if label not in present and label not in wanted]
    if later:
        statuses = [label for label in later if label.startswith(STATUS_LABEL)]
        statuses = statuses if len(statuses) > 1 else []  # one is named, several summed up
        shown = _named([label for label in later if label not in statuses], lang,
                       [_("the `%(prefix)s…` labels", prefix=STATUS_LABEL)] if statuses else [])
        found.append(Finding(item, State.NOTE, lang.ngettext(
            "%(labels)s does not exist yet: GitHub creates it the first time the intake or "
            "the announcements add it to an issue",
            "%(labels)s do not exist yet: GitHub creates each the first time the intake or "
            "the announcements add it to an issue", len(later), labels=shown)))
    if not found:
        found.append(Finding(item, State.OK, _("every label the portal uses exists")))
    return found


def _named(labels: list[str], lang: Language, more: list[str] | None = None) -> str:
    """Label names as code (`status: shortlisted` holds a colon and a space), joined."""
    return lang.join([f"`{label}`" for label in labels] + (more or []))


def check_forms(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """The default branch carries the issue forms `cocreate forms` writes now."""
    _ = lang.gettext
    item = _("Issue forms")
    if not portal.forms:
        return [Finding(item, State.UNREAD, lang.ngettext(
            "could not be written here to compare: the portal has %(count)s problem",
            "could not be written here to compare: the portal has %(count)s problems",
            portal.portal_problems), (_("run `cocreate validate` and fix what it lists"),))]
    absent, stale, left, unread = [], [], [], []
    for path, answer in remote.files.items():
        text = portal.forms.get(path)
        if isinstance(answer, Unreadable):
            unread.append((path, answer))
        elif answer is None:
            if text is not None:
                absent.append(path)
        elif text is None and answer.split("\n", 1)[0].rstrip("\r") == OWNED:
            left.append(path)  # generated for a challenge since closed: `cocreate forms` removes it
        elif text is not None and answer != text:
            stale.append(path)
    names = lang.join([path.rsplit("/", 1)[-1] for path in portal.forms])
    found = []
    fix = (_("run `cocreate forms`, then commit and push .github/ISSUE_TEMPLATE to the "
             "default branch"),)
    if absent or stale or left:
        parts = []
        if absent:
            parts.append(_("not on the default branch: %(files)s", files=lang.join(absent)))
        if stale:
            parts.append(_("out of date: %(files)s", files=lang.join(stale)))
        if left:
            parts.append(_("left over from a challenge closed for ideas: %(files)s",
                           files=lang.join(left)))
        found.append(Finding(item, State.MISSING, "; ".join(parts), fix))
    if unread:  # one line: GitHub refuses the files of one folder alike
        why = _why(unread[0][1], lang, remote)
        found.append(Finding(item, State.UNREAD, why if isinstance(remote.repository, Unreadable)
                             else _("%(files)s: %(why)s", why=why,
                                    files=lang.join([path for path, _ in unread]))))
    if not found:
        found.append(Finding(item, State.OK, _(
            "%(files)s on the default branch are what `cocreate forms` writes now",
            files=names)))
    return found


def check_workflows(remote: RemoteSetup, portal: PortalSetup, lang: Language) -> list[Finding]:
    """Every workflow of the portal is on GitHub and switched on."""
    _ = lang.gettext
    item = _("Workflows")
    found = [Finding(item, State.UNREAD, _("%(file)s could not be read here; run actionlint "
                                           "on it", file=path))
             for path in portal.unread_workflows]
    if isinstance(remote.workflows, Unreadable):
        return [*found, Finding(item, State.UNREAD, _why(remote.workflows, lang, remote))]
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


def examine(remote: RemoteSetup, portal: PortalSetup, repository: str,
            lang: Language) -> list[Finding]:
    """Every item, in the order an owner would set them up."""
    return [
        *check_repository(remote, repository, lang),
        *check_issues(remote, lang),
        *check_default_branch(remote, portal, lang),
        *check_pages(remote, portal, lang),
        *check_actions(remote, portal, lang),
        *check_pull_requests(remote, portal, lang),
        *check_labels(remote, portal, lang),
        *check_forms(remote, portal, lang),
        *check_workflows(remote, portal, lang),
        *check_tokens(remote, portal, lang),
    ]


def render_report(findings: list[Finding], lang: Language) -> str:
    """The report: one line per finding, its fixes below it, and a count at the end."""
    _ = lang.gettext
    words = {state: _(state.value) for state in State}
    width = max(len(word) for word in words.values())
    lines = []
    for finding in findings:
        lines.append(f"{words[finding.state]:<{width}}  "
                     + _("%(item)s: %(text)s", item=finding.item, text=finding.text))
        lines += [f"{'':<{width}}    → {fix}" for fix in finding.fixes]
    missing = sum(finding.state is State.MISSING for finding in findings)
    unread = sum(finding.state is State.UNREAD for finding in findings)
    notes = sum(finding.state is State.NOTE for finding in findings)
    counts = []
    if missing:
        counts.append(lang.ngettext("%(count)s thing to set up", "%(count)s things to set up",
                                    missing))
    if unread:
        counts.append(lang.ngettext("%(count)s item could not be read",
                                    "%(count)s items could not be read", unread))
    if notes:
        counts.append(lang.ngettext("%(count)s note", "%(count)s notes", notes))
    lines += ["", lang.join(counts) if missing or unread else
              _("All set: the repository is ready for the portal.")
              + (f" ({counts[0]})" if counts else "")]
    return "\n".join(lines)
