"""GitHub's published descriptions, as the judge of every request and payload in the tests.

`make test` installs them from npm (package.json, pinned by package-lock.json):

- the GraphQL schema (`@octokit/graphql-schema`), read from its introspection JSON;
- the REST description of api.github.com (`@octokit/openapi`, OpenAPI 3.0), which
  `openapi-core` reads: it matches a request to an operation and checks the
  parameters and body, and checks a response against the operation's schema;
- the webhook payload descriptions (`@octokit/openapi-webhooks`, OpenAPI 3.1,
  whose schemas are JSON Schema 2020-12, checked with `jsonschema`);
- GitHub's example payloads (`@octokit/webhooks-examples`) and the fixtures of
  GitHub's own issue-form parser (`@github/issue-parser`).

The loopback stand-in (tests/support/fake_github.py) answers only what these allow.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from graphql import GraphQLSchema, build_client_schema, parse, validate
from graphql.error import GraphQLSyntaxError
from jsonschema import Draft202012Validator
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.responses.exceptions import ResponseFinderError
from openapi_core.testing import MockRequest, MockResponse
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parent.parent.parent
NODE_MODULES = REPO / "node_modules"
GRAPHQL_SCHEMA = NODE_MODULES / "@octokit" / "graphql-schema" / "schema.json"
REST_DESCRIPTION = NODE_MODULES / "@octokit" / "openapi" / "generated" / "api.github.com.json"
WEBHOOK_DESCRIPTION = (NODE_MODULES / "@octokit" / "openapi-webhooks" / "generated"
                       / "api.github.com.json")
WEBHOOK_EXAMPLES = NODE_MODULES / "@octokit" / "webhooks-examples" / "api.github.com" / "index.json"
ISSUE_FORM_FIXTURES = NODE_MODULES / "@github" / "issue-parser" / "__fixtures__"
API_SERVER = "https://api.github.com"


def _read_json(file: Path) -> Any:
    if not file.is_file():
        raise FileNotFoundError(
            f"{file} is missing: GitHub's descriptions come from npm. Run `make test` "
            "(or `npm ci` in the repository) to install them.")
    return json.loads(file.read_text(encoding="utf-8"))


# -- GraphQL -------------------------------------------------------------------------------

@cache
def graphql_schema() -> GraphQLSchema:
    """GitHub's GraphQL schema as graphql-core reads it."""
    schema = build_client_schema(_read_json(GRAPHQL_SCHEMA))
    # GitHub's schema deprecates a few fields whose interface field is not deprecated,
    # which graphql-core's check of the *schema* refuses. Those rules concern the
    # schema, not the documents sent to it: every document is still fully validated.
    schema._validation_errors = []
    return schema


def check_graphql(document: str) -> list[str]:
    """What GitHub's GraphQL endpoint would refuse in `document` (empty: nothing)."""
    try:
        ast = parse(document)
    except GraphQLSyntaxError as error:
        return [error.message]
    return [error.message for error in validate(graphql_schema(), ast)]


# -- REST ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """One operation of the REST description, matched to a request."""

    id: str  # GitHub's operationId, e.g. `issues/create-comment`
    method: str
    template: str  # e.g. /repos/{owner}/{repo}/issues/{issue_number}
    params: dict[str, str]  # the path's parameters, by name
    query: frozenset[str]  # the query parameters the operation declares


class RestDescription:
    """The REST description of api.github.com: routes, parameters, bodies, responses."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.api = OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))  # type: ignore[arg-type]
        self._routes: list[tuple[re.Pattern[str], str, int]] = []
        for template in document["paths"]:
            # A parameter holds no slash, but for the contents API's `{path}`, a file's path.
            pattern = re.sub(r"\\\{(\w+)\\\}", lambda name: f"(?P<{name[1]}>"
                             + (".+" if name[1] == "path" else "[^/]+") + ")",
                             re.escape(template))
            literal = len(re.sub(r"\{\w+\}", "", template))
            self._routes.append((re.compile(pattern), template, literal))
        # The most literal template wins: /issues/comments before /issues/{issue_number}.
        self._routes.sort(key=lambda route: -route[2])

    def _parameter(self, parameter: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in parameter:
            name = parameter["$ref"].rsplit("/", 1)[1]
            found: dict[str, Any] = self.document["components"]["parameters"][name]
            return found
        return parameter

    def find(self, method: str, path: str) -> Operation | None:
        """The operation GitHub serves at `method path`, or None if there is none."""
        for pattern, template, _ in self._routes:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            operation = self.document["paths"][template].get(method.lower())
            if operation is None:
                continue
            parameters = [self._parameter(p) for p in operation.get("parameters", [])]
            query = frozenset(p["name"] for p in parameters if p["in"] == "query")
            return Operation(operation["operationId"], method.upper(), template,
                             {k: unquote(v) for k, v in match.groupdict().items()}, query)
        return None

    def check_request(self, method: str, path: str, query: dict[str, list[str]],
                      body: bytes) -> list[str]:
        """What api.github.com would refuse about this request (empty: nothing)."""
        operation = self.find(method, path)
        if operation is None:
            return [f"{method} {path}: GitHub's REST API has no such operation"]
        problems = [f"{operation.id}: unknown query parameter {name!r}"
                    for name in sorted(set(query) - operation.query)]
        request = MockRequest(API_SERVER, method.lower(), _matchable(operation, path),
                              args={k: v[-1] for k, v in query.items()},
                              data=body or None, content_type="application/json")
        result = self.api.unmarshal_request(request)
        problems += [f"{operation.id}: {_explain(error)}" for error in result.errors]
        return problems

    def check_response(self, method: str, path: str, status: int, body: Any) -> list[str]:
        """How this answer differs from what the description says GitHub answers."""
        operation = self.find(method, path)
        if operation is None:
            return []
        request = MockRequest(API_SERVER, method.lower(), _matchable(operation, path))
        data = b"" if body is None else json.dumps(body).encode()
        response = MockResponse(data, status_code=status, content_type="application/json")
        try:
            result = self.api.unmarshal_response(request, response)
        except (PathError, ResponseFinderError):
            return []
        # A status the operation does not list (an error GitHub may send anywhere) is
        # not checked; a listed one must match its schema.
        return [f"{operation.id} answered {status}: {_explain(error)}" for error in result.errors
                if not isinstance(error, ResponseFinderError)]


def _matchable(operation: Operation, path: str) -> str:
    """`path` as openapi-core matches it: the slashes of a file's `{path}` encoded."""
    if "/" not in operation.params.get("path", ""):
        return path
    return re.sub(r"\{(\w+)\}", lambda name: quote(operation.params[name[1]], safe=""),
                  operation.template)


def _explain(error: Exception) -> str:
    """An openapi-core error with the schema errors that caused it, in one line."""
    details = [type(error).__name__]
    for schema_error in getattr(error.__cause__, "schema_errors", None) or []:
        where = "/".join(str(part) for part in schema_error.absolute_path)
        details.append(f"{where or '(top)'}: {schema_error.message}"[:300])
    if len(details) == 1:
        details.append(str(error)[:300])
    return "; ".join(details)


@cache
def rest_description() -> RestDescription:
    return RestDescription(_read_json(REST_DESCRIPTION))


def rest_example(name: str) -> Any:
    """A fresh copy of one of the description's named examples (`issue`, `label`, …)."""
    value = rest_description().document["components"]["examples"][name]["value"]
    return copy.deepcopy(value)


# -- webhooks ------------------------------------------------------------------------------

WEBHOOKS_URI = "urn:github:webhooks"


@cache
def _webhook_registry() -> tuple[dict[str, Any], Registry[Any]]:
    document: dict[str, Any] = _read_json(WEBHOOK_DESCRIPTION)
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    return document, Registry().with_resource(WEBHOOKS_URI, resource)


def check_webhook_payload(event: str, payload: dict[str, Any]) -> list[str]:
    """What breaks the published schema of `event` (`issues`) for the payload's action."""
    document, registry = _webhook_registry()
    key = f"{event.replace('_', '-')}-{payload.get('action')}"
    if key not in document["webhooks"]:
        return [f"GitHub sends no {event} event with action {payload.get('action')!r}"]
    pointer = f"#/webhooks/{key}/post/requestBody/content/application~1json/schema"
    validator = Draft202012Validator({"$ref": WEBHOOKS_URI + pointer}, registry=registry)
    return [f"{event}.{payload.get('action')} at "
            f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"[:400]
            for error in validator.iter_errors(payload)]


@cache
def _webhook_examples() -> dict[str, list[dict[str, Any]]]:
    return {entry["name"]: entry["examples"] for entry in _read_json(WEBHOOK_EXAMPLES)}


def webhook_examples(event: str, action: str | None = None) -> list[dict[str, Any]]:
    """GitHub's example payloads of `event` (and `action`), fresh copies."""
    return [copy.deepcopy(example) for example in _webhook_examples()[event]
            if action is None or example.get("action") == action]
