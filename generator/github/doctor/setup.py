"""What `cocreate doctor` compares: the repository as GitHub describes it, and the
portal as its own files describe it, with the findings the checks make of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from generator.github.doctor.workflows import (
    Workflow,
    read_workflows,
)
from generator.github.forms.render import render_forms
from generator.i18n import N_, Language
from generator.portal.loader import parse_yaml, read_yaml
from generator.portal.paths import form_path
from generator.portal.problems import ProblemsFound
from generator.portal.reading import load_catalog
from generator.portal.settings import CONFIG_FILE


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


# -- shared by the checks ----------------------------------------------------------------

ADMIN_TOKEN = "Administration: read"  # what a fine-grained token needs to read settings


def why_unreadable(refused: Unreadable, lang: Language, remote: RemoteSetup, *,
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
            and token_is_admin(remote) is not True:
        return _("could not read it (%(answer)s). GitHub shows it only to a token with admin "
                 "rights on the repository: run the doctor with an owner's or admin's token "
                 "(a fine-grained token needs %(permission)s)",
                 answer=answer, permission=ADMIN_TOKEN)
    return _("could not read it (%(answer)s)", answer=answer)


def token_is_admin(remote: RemoteSetup) -> bool | None:
    if not isinstance(remote.repository, dict):
        return None
    rights = remote.repository.get("permissions")
    return bool(rights.get("admin")) if isinstance(rights, dict) else None
