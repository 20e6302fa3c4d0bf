"""The stand-in's answers about a repository's settings, for `cocreate doctor`.

Handlers register with `@rest(operationId)` (see tests/support/fake_github.py) and keep
their state in `FakeGitHub.setup`. Left alone, the repository is set up as the
README says (Pages built by Actions, Actions on and allowed to open pull
requests, the labels `idea` and `needs-changes`, every workflow on the default
branch active); a test changes one key to break one thing:

- `repository`: fields over GitHub's `full-repository` example (`default_branch`,
  `has_issues`, `archived`…);
- `token`: what the token may do: `admin` (the default), `write` (a collaborator
  without admin rights), or `actions` (a workflow's GITHUB_TOKEN, whose rights
  GitHub does not list); the Actions settings answer 403 to all but `admin`;
- `pages`: fields over the `page` example, or None for no Pages site;
- `actions`, `selected_actions`, `workflow_permissions`: fields over the examples
  of the Actions permissions, the allowed actions and the default workflow
  permissions;
- `labels`: the repository's labels, arranged as bare names (`FakeGitHub.repository_labels`
  keeps each with its colour and description); `issues/create-label` and
  `issues/update-label` change them;
- `workflow_states`: a workflow's state by path (`disabled_manually`…); the
  workflows are those on the default branch of the bare remote;
- `files`: a file's text by path on the default branch (None: deleted), over
  what the bare remote holds.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from typing import Any

from tests.support.fake_github import NOT_FOUND, Call, FakeGitHub, Reply, rest
from tests.support.github_contract import rest_example

ADMIN_ONLY: dict[str, Reply] = {
    "write": (403, {"message": "Must have admin rights to Repository.",
                    "documentation_url": "https://docs.github.com/rest"}, {}),
    "actions": (403, {"message": "Resource not accessible by integration",
                      "documentation_url": "https://docs.github.com/rest"}, {}),
}


def _over(example: str, changes: dict[str, Any] | None) -> dict[str, Any]:
    found: dict[str, Any] = rest_example(example)
    found.update(changes or {})
    return found


def default_branch(fake: FakeGitHub) -> str:
    return str(fake.setup.get("repository", {}).get("default_branch", "main"))


def _git(fake: FakeGitHub, *arguments: str) -> str | None:
    if fake.remote is None:
        return None
    result = subprocess.run(["git", *arguments], cwd=fake.remote, capture_output=True,
                            encoding="utf-8", check=False)
    return result.stdout if result.returncode == 0 else None


def file_on_default_branch(fake: FakeGitHub, path: str) -> str | None:
    files = fake.setup.get("files", {})
    if path in files:
        return files[path]  # type: ignore[no-any-return]
    return _git(fake, "cat-file", "blob", f"{default_branch(fake)}:{path}")


def _web(fake: FakeGitHub, path: str) -> str:
    return fake.web(f"/blob/{default_branch(fake)}/{path}")


@rest("repos/get")
def _get_repository(fake: FakeGitHub, call: Call) -> Reply:
    owner, name = fake.repository.split("/")
    found = _over("full-repository", {
        "name": name, "full_name": fake.repository, "url": fake.api(""),
        "html_url": fake.web(""), "default_branch": "main", "has_issues": True,
        "has_pages": True, "has_discussions": False, "archived": False, "disabled": False,
        "private": False,
        "visibility": "public"})
    found["owner"].update({"login": owner, "type": "Organization"})
    token = fake.setup.get("token", "admin")
    if token == "actions":
        found.pop("permissions", None)
    else:
        found["permissions"] = {"admin": token == "admin", "maintain": token == "admin",
                                "push": True, "triage": True, "pull": True}
    found.update(fake.setup.get("repository", {}))
    return 200, found, {}


@rest("repos/get-pages")
def _get_pages(fake: FakeGitHub, call: Call) -> Reply:
    if "pages" in fake.setup and fake.setup["pages"] is None:
        return NOT_FOUND
    owner, name = fake.repository.split("/")
    address = f"https://{owner}.github.io/{name}/"
    found = _over("page", {
        "url": fake.api("/pages"), "html_url": address, "cname": None,
        "build_type": "workflow", "source": {"branch": default_branch(fake), "path": "/"},
        "https_certificate": {"state": "approved", "description": "Certificate is approved",
                              "domains": [f"{owner}.github.io"], "expires_at": "2027-05-22"},
        **fake.setup.get("pages", {})})
    for custom_domain in ("protected_domain_state", "pending_domain_unverified_at"):
        found.pop(custom_domain)  # a github.io address has no custom domain to verify
    return 200, found, {}


def _admin_only(fake: FakeGitHub) -> Reply | None:
    return ADMIN_ONLY.get(fake.setup.get("token", "admin"))


@rest("actions/get-github-actions-permissions-repository")
def _get_actions_permissions(fake: FakeGitHub, call: Call) -> Reply:
    refused = _admin_only(fake)
    if refused:
        return refused
    found = _over("actions-repository-permissions", {
        "enabled": True, "allowed_actions": "all", "sha_pinning_required": False})
    found.pop("selected_actions_url")
    found.update(fake.setup.get("actions", {}))
    if found.get("allowed_actions") == "selected":
        found["selected_actions_url"] = fake.api("/actions/permissions/selected-actions")
    return 200, found, {}


@rest("actions/get-allowed-actions-repository")
def _get_allowed_actions(fake: FakeGitHub, call: Call) -> Reply:
    return _admin_only(fake) or (
        200, _over("selected-actions", fake.setup.get("selected_actions")), {})


@rest("actions/get-github-actions-default-workflow-permissions-repository")
def _get_workflow_permissions(fake: FakeGitHub, call: Call) -> Reply:
    return _admin_only(fake) or (
        200, _over("actions-default-workflow-permissions", fake.setup.get(
            "workflow_permissions")), {})


@rest("issues/list-labels-for-repo")
def _list_labels(fake: FakeGitHub, call: Call) -> Reply:
    return fake.page(call.path, call.query, [fake.label_json(label["name"])
                                             for label in fake.repository_labels()])


ALREADY_EXISTS: Reply = (422, {"message": "Validation Failed", "errors": [
    {"resource": "Label", "code": "already_exists", "field": "name"}],
    "documentation_url": "https://docs.github.com/rest"}, {})


DESCRIPTION_LIMIT = 100  # "Must be 100 characters or fewer", says GitHub's description


def _refused_label(fake: FakeGitHub, call: Call) -> Reply | None:
    """GitHub's 422 for a description over its limit or a colour that is not six hex digits."""
    description, color = call.body.get("description") or "", call.body.get("color", "ededed")
    if len(description) <= DESCRIPTION_LIMIT and re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return None
    fake.violations.append(f"a label GitHub refuses: {call.body}")
    return 422, {"message": "Validation Failed", "errors": [
        {"resource": "Label", "code": "invalid",
         "field": "description" if len(description) > DESCRIPTION_LIMIT else "color"}],
        "documentation_url": "https://docs.github.com/rest"}, {}


@rest("issues/create-label")
def _create_label(fake: FakeGitHub, call: Call) -> Reply:
    name = call.body["name"]
    refused = _refused_label(fake, call)
    if refused:
        return refused
    if fake.find_label(name) is not None:
        return ALREADY_EXISTS
    fake.repository_labels().append({"name": name, "color": call.body.get("color", "ededed"),
                                     "description": call.body.get("description")})
    return 201, fake.label_json(name), {}


@rest("issues/update-label")
def _update_label(fake: FakeGitHub, call: Call) -> Reply:
    """A label's colour, description or name; a new name follows on every issue."""
    label = fake.find_label(call.params["name"])
    if label is None:
        return NOT_FOUND
    refused = _refused_label(fake, call)
    if refused:
        return refused
    new = call.body.get("new_name")
    if new is not None:
        taken = fake.find_label(new)
        if taken is not None and taken is not label:
            return ALREADY_EXISTS
        for issue in fake.issues.values():
            issue["labels"] = [new if name == label["name"] else name
                               for name in issue["labels"]]
        label["name"] = new
    label.update({key: call.body[key] for key in ("color", "description") if key in call.body})
    return 200, fake.label_json(label["name"]), {}


@rest("actions/list-repo-workflows")
def _list_workflows(fake: FakeGitHub, call: Call) -> Reply:
    listed = _git(fake, "ls-tree", "--name-only", f"{default_branch(fake)}:.github/workflows")
    states = fake.setup.get("workflow_states", {})
    workflows = []
    for number, file in enumerate((listed or "").split(), start=1):
        path = f".github/workflows/{file}"
        text = file_on_default_branch(fake, path) or ""
        name = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                     if line.startswith("name:")), path)
        workflows.append(_over("workflow", {
            "id": 160_000 + number, "name": name, "path": path,
            "state": states.get(path, "active"),
            "url": fake.api(f"/actions/workflows/{160_000 + number}"),
            "html_url": _web(fake, path),
            "badge_url": fake.web(f"/workflows/{name}/badge.svg")}))
    status, chunk, headers = fake.page(call.path, call.query, workflows)
    return status, {"total_count": len(workflows), "workflows": chunk}, headers


@rest("repos/get-content")
def _get_content(fake: FakeGitHub, call: Call) -> Reply:
    path = call.params["path"]
    ref = call.query.get("ref", [default_branch(fake)])[0]
    if ref != default_branch(fake):
        return NOT_FOUND
    text = file_on_default_branch(fake, path)
    if text is None:  # a folder too: the doctor reads files only
        return NOT_FOUND
    data = text.encode("utf-8")
    sha = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # Git's own id
    self_url, git_url = fake.api(f"/contents/{path}?ref={ref}"), fake.api(f"/git/blobs/{sha}")
    return 200, _over("content-file-response-if-content-is-a-file", {
        "type": "file", "encoding": "base64", "size": len(data), "name": path.rsplit("/")[-1],
        "path": path, "content": base64.b64encode(data).decode(), "sha": sha, "url": self_url,
        "git_url": git_url, "html_url": _web(fake, path), "download_url": None,
        "_links": {"self": self_url, "git": git_url, "html": _web(fake, path)}}), {}
