"""A GitHub REST API stand-in on loopback, for the real PyGithub client to talk to.

It keeps issues, comments, labels and pull requests in memory, answers in
GitHub's JSON shapes (pagination by Link header included), checks the token,
refuses a pull request whose head branch is not on the bare remote, and can be
told to fail the next few requests to exercise retries. Every request is logged.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}


@dataclass
class Fault:
    method: str
    pattern: str
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "Server Error"


@dataclass
class FakeGitHub:
    """The state behind the server; tests read and arrange it directly."""

    repository: str
    token: str
    remote: Path | None = None
    url: str = ""
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    users: dict[str, str] = field(default_factory=dict)  # login → created_at; others are old
    reactions: list[tuple[int, str]] = field(default_factory=list)  # (comment id, content)
    thumbs: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # 👍 per issue
    gone: set[int] = field(default_factory=set)  # issues deleted or transferred
    graphql_requests: int = 0
    next_id: int = 1000
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- arranging ------------------------------------------------------------------

    def add_issue(self, number: int, *, login: str, labels: list[str] | None = None) -> None:
        self.issues[number] = {"number": number, "user": {"login": login, "type": "User"},
                               "labels": list(labels or []), "state": "open"}

    def add_comment(self, number: int, body: str, user: dict[str, Any]) -> dict[str, Any]:
        self.next_id += 1
        comment = {"id": self.next_id, "issue": number, "body": body, "user": user}
        self.comments[self.next_id] = comment
        return comment

    def thumb(self, number: int, login: str, at: str, *, created: str = "2015-03-01T00:00:00Z",
              kind: str = "User") -> None:
        reactor = {"__typename": kind, "login": login, "createdAt": created}
        self.thumbs.setdefault(number, []).append({"createdAt": at, "reactor": reactor})

    def unthumb(self, number: int, login: str) -> None:
        self.thumbs[number] = [n for n in self.thumbs.get(number, [])
                               if n["reactor"] and n["reactor"]["login"] != login]

    def fail(self, method: str, pattern: str, status: int, times: int = 1,
             headers: dict[str, str] | None = None, message: str = "Server Error") -> None:
        self.faults.append(Fault(method, pattern, status, times, headers or {}, message))

    # -- reading ------------------------------------------------------------------

    def comments_on(self, number: int) -> list[dict[str, Any]]:
        return [c for c in self.comments.values() if c["issue"] == number]

    def labels_of(self, number: int) -> list[str]:
        return list(self.issues[number]["labels"])

    def writes(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.requests if m != "GET"]

    # -- JSON shapes ------------------------------------------------------------------

    def api(self, path: str) -> str:
        return f"{self.url}/repos/{self.repository}{path}"

    def web(self, path: str) -> str:
        return f"https://github.com/{self.repository}{path}"

    def issue_json(self, number: int) -> dict[str, Any]:
        issue = self.issues[number]
        return {"number": number, "id": number, "url": self.api(f"/issues/{number}"),
                "html_url": self.web(f"/issues/{number}"), "title": f"Issue {number}",
                "state": issue["state"], "user": issue["user"],
                "labels": [self.label_json(name) for name in issue["labels"]]}

    def label_json(self, name: str) -> dict[str, Any]:
        return {"name": name, "url": self.api(f"/labels/{name}"), "color": "ededed"}

    def comment_json(self, comment: dict[str, Any]) -> dict[str, Any]:
        return {"id": comment["id"], "body": comment["body"], "user": comment["user"],
                "url": self.api(f"/issues/comments/{comment['id']}"),
                "html_url": self.web(f"/issues/{comment['issue']}#issuecomment-{comment['id']}")}

    def pull_json(self, pull: dict[str, Any]) -> dict[str, Any]:
        owner = self.repository.split("/")[0]
        return {"number": pull["number"], "id": pull["number"], "state": pull["state"],
                "title": pull["title"], "body": pull["body"],
                "url": self.api(f"/pulls/{pull['number']}"),
                "html_url": self.web(f"/pull/{pull['number']}"),
                "head": {"ref": pull["head"], "label": f"{owner}:{pull['head']}"},
                "base": {"ref": pull["base"]}, "user": BOT}

    def branch_exists(self, branch: str) -> bool:
        if self.remote is None:
            return True
        result = subprocess.run(["git", "rev-parse", "--verify", "--quiet",
                                 f"refs/heads/{branch}"], cwd=self.remote,
                                capture_output=True, check=False)
        return result.returncode == 0

    # -- answering ------------------------------------------------------------------

    def answer(self, method: str, path: str, query: dict[str, list[str]],
               payload: Any) -> tuple[int, Any, dict[str, str]]:
        if path == "/graphql":
            return self.graphql(str(payload["query"]), payload.get("variables") or {})
        if m := re.fullmatch(r"/users/([^/]+)", path):
            login = unquote(m[1])
            return 200, {"login": login, "id": abs(hash(login)) % 10**8, "type": "User",
                         "created_at": self.users.get(login, "2015-03-01T00:00:00Z"),
                         "url": f"{self.url}/users/{login}"}, {}
        prefix = f"/repos/{self.repository}"
        if not path.startswith(prefix):
            return 404, {"message": "Not Found"}, {}
        route = path[len(prefix):]
        if m := re.fullmatch(r"/issues/(\d+)", route):
            number = int(m[1])
            if number not in self.issues:
                return 404, {"message": "Not Found"}, {}
            if method == "PATCH":
                self.issues[number].update({k: payload[k] for k in ("state", "state_reason")
                                            if k in payload})
            return 200, self.issue_json(number), {}
        if m := re.fullmatch(r"/issues/(\d+)/comments", route):
            number = int(m[1])
            if method == "POST":
                comment = self.add_comment(number, str(payload["body"]), BOT)
                return 201, self.comment_json(comment), {}
            return self.page(path, query, [self.comment_json(c) for c in self.comments_on(number)])
        if m := re.fullmatch(r"/issues/comments/(\d+)/reactions", route):
            self.reactions.append((int(m[1]), str(payload["content"])))
            return 201, {"id": len(self.reactions), "content": payload["content"], "user": BOT}, {}
        if m := re.fullmatch(r"/issues/comments/(\d+)", route):
            comment = self.comments[int(m[1])]
            if comment["user"]["login"] != BOT["login"]:
                return 403, {"message": "Must have admin rights to Repository."}, {}
            comment["body"] = str(payload["body"])
            return 200, self.comment_json(comment), {}
        if m := re.fullmatch(r"/issues/(\d+)/labels", route):
            labels = self.issues[int(m[1])]["labels"]
            names = payload if isinstance(payload, list) else payload.get("labels", [])
            labels += [name for name in names if name not in labels]
            return 200, [self.label_json(name) for name in labels], {}
        if m := re.fullmatch(r"/issues/(\d+)/labels/(.+)", route):
            labels = self.issues[int(m[1])]["labels"]
            name = unquote(m[2])
            if name not in labels:
                return 404, {"message": "Label does not exist"}, {}
            labels.remove(name)
            return 200, [self.label_json(n) for n in labels], {}
        if route == "/pulls" and method == "POST":
            return self.create_pull(payload)
        if route == "/pulls":
            state = query.get("state", ["open"])[0]
            head = query.get("head", [""])[0].partition(":")[2]
            found = [self.pull_json(p) for p in self.pulls.values()
                     if (state == "all" or p["state"] == state)
                     and (not head or p["head"] == head)]
            return self.page(path, query, found)
        if m := re.fullmatch(r"/pulls/(\d+)", route):
            pull = self.pulls[int(m[1])]
            if method == "PATCH":
                pull.update({k: payload[k] for k in ("title", "body", "state") if k in payload})
            return 200, self.pull_json(pull), {}
        return 404, {"message": "Not Found"}, {}

    def graphql(self, query: str, variables: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        """The two queries the sync sends: 100 issues by alias, or one issue's next page."""
        self.graphql_requests += 1
        owner, name = self.repository.split("/")
        if (variables.get("owner"), variables.get("name")) != (owner, name):
            return 200, {"data": {"repository": None}, "errors": [
                {"type": "NOT_FOUND", "message": "Could not resolve to a Repository"}]}, {}

        def connection(number: int, after: str | None) -> dict[str, Any]:
            nodes = self.thumbs.get(number, [])
            start = int(after or 0)
            return {"pageInfo": {"hasNextPage": start + 100 < len(nodes),
                                 "endCursor": str(start + 100)},
                    "nodes": nodes[start:start + 100]}

        if "number" in variables:
            number = int(variables["number"])
            return 200, {"data": {"repository": {"issue": {
                "number": number, "reactions": connection(number, variables["after"])}}}}, {}
        repository: dict[str, Any] = {}
        errors = []
        for alias, number_text in re.findall(r"(i\d+): issue\(number: (\d+)\)", query):
            number = int(number_text)
            if number in self.gone:
                repository[alias] = None
                errors.append({"type": "NOT_FOUND", "path": ["repository", alias],
                               "message": f"Could not resolve to an issue with number {number}."})
            else:
                repository[alias] = {"number": number, "reactions": connection(number, None)}
        body: dict[str, Any] = {"data": {"repository": repository}}
        if errors:
            body["errors"] = errors
        return 200, body, {}

    def create_pull(self, payload: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
        head, base = payload["head"], payload["base"]
        if not self.branch_exists(head):
            return 422, {"message": "Validation Failed",
                         "errors": [{"field": "head", "code": "invalid"}]}, {}
        if any(p["head"] == head and p["state"] == "open" for p in self.pulls.values()):
            return 422, {"message": f"A pull request already exists for {head}."}, {}
        number = max([*self.issues, *self.pulls, 0]) + 1
        self.pulls[number] = {"number": number, "head": head, "base": base, "state": "open",
                              "title": payload["title"], "body": payload.get("body", "")}
        return 201, self.pull_json(self.pulls[number]), {}

    def page(self, path: str, query: dict[str, list[str]],
             items: list[Any]) -> tuple[int, Any, dict[str, str]]:
        size = int(query.get("per_page", ["30"])[0])
        number = int(query.get("page", ["1"])[0])
        chunk = items[(number - 1) * size: number * size]
        headers = {}
        if number * size < len(items):
            rest = "&".join(f"{k}={v[0]}" for k, v in query.items() if k != "page")
            headers["Link"] = f'<{self.url}{path}?{rest}&page={number + 1}>; rel="next"'
        return 200, chunk, headers


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _serve(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with fake.lock:
            fake.requests.append((self.command, parts.path))
            auth = self.headers.get("Authorization", "")
            if auth not in (f"token {fake.token}", f"Bearer {fake.token}"):
                self._send(401, {"message": "Bad credentials"}, {})
                return
            for fault in fake.faults:
                if fault.times and fault.method == self.command \
                        and re.search(fault.pattern, parts.path):
                    fault.times -= 1
                    self._send(fault.status, {"message": fault.message}, fault.headers)
                    return
            payload = json.loads(raw) if raw else {}
            status, body, headers = fake.answer(self.command, parts.path,
                                                parse_qs(parts.query), payload)
        self._send(status, body, headers)

    def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _serve  # noqa: N815 - http.server's names


class _Server(ThreadingHTTPServer):
    fake: FakeGitHub


def start(fake: FakeGitHub) -> _Server:
    """Serve `fake` on a free loopback port in a background thread."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
