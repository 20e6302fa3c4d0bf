"""The loopback GitHub refuses what GitHub's published descriptions refuse.

Each test sends the stand-in something GitHub would not accept, through the
real PyGithub client, and checks both GitHub's kind of answer and that the
stand-in recorded a violation (which, left alone, fails the test).
"""

from __future__ import annotations

from typing import Any

import pytest
from github import GithubException

from generator.github.api import connect
from generator.github.votes.reactions import (
    activity_query,
    next_comments_query,
    next_reactors_query,
)
from tests.support import LOOPBACK_TOKEN
from tests.support.fake_github import REST_HANDLERS, Call, FakeGitHub, Reply
from tests.support.github_contract import check_graphql, rest_description
from tests.support.github_material import REPOSITORY

# The query the 👍 sync sent before: `Reaction` has no `reactor` field on GitHub.
OLD_SYNC_QUERY = """query($owner: String!, $name: String!) {
 repository(owner: $owner, name: $name) {
  i1: issue(number: 1) { number reactions(content: THUMBS_UP, first: 100) {
      pageInfo { hasNextPage endCursor }
      nodes { createdAt reactor { __typename ... on User { login createdAt } } } } }
 }
}"""


def requester(github: FakeGitHub) -> Any:
    return connect(LOOPBACK_TOKEN, github.url, write_pause=0, read_pause=0, retries=0).requester


def post_graphql(github: FakeGitHub, query: str, variables: dict[str, Any]) -> Any:
    """The raw answer, as GitHub would send it (PyGithub raises on `errors`)."""
    _, data = requester(github).requestJsonAndCheck(
        "POST", f"{github.url}/graphql", input={"query": query, "variables": variables})
    return data


def test_a_graphql_field_github_does_not_have_is_refused_before_execution(
        github: FakeGitHub) -> None:
    answer = post_graphql(github, OLD_SYNC_QUERY, {"owner": "crumb-and-kettle", "name": "ideas"})
    assert "data" not in answer
    assert answer["errors"][0]["message"] == "Cannot query field 'reactor' on type 'Reaction'."
    assert github.take_violations() == ["GraphQL: Cannot query field 'reactor' on type "
                                        "'Reaction'."]


def test_pygithub_raises_on_a_refused_graphql_document(github: FakeGitHub) -> None:
    with pytest.raises(GithubException):
        requester(github).graphql_query(OLD_SYNC_QUERY, {"owner": "crumb-and-kettle",
                                                         "name": "ideas"})
    assert len(github.take_violations()) == 1


def test_a_connection_without_first_or_last_is_an_error_as_on_github(github: FakeGitHub) -> None:
    github.add_issue(1, login="someone")
    query = ("query { repository(owner: \"crumb-and-kettle\", name: \"ideas\") "
             "{ issue(number: 1) { comments { totalCount } } } }")
    answer = post_graphql(github, query, {})
    assert answer["data"]["repository"]["issue"] is None
    assert "You must provide a `first` or `last` value" in answer["errors"][0]["message"]


def test_missing_variables_are_refused(github: FakeGitHub) -> None:
    answer = post_graphql(github, activity_query([1]), {"owner": "crumb-and-kettle"})
    assert "data" not in answer
    assert "$name" in answer["errors"][0]["message"]
    assert github.take_violations()


def test_a_gone_issue_is_null_with_github_s_not_found_error(github: FakeGitHub) -> None:
    github.add_issue(1, login="someone")
    github.gone.add(2)
    answer = post_graphql(github, activity_query([1, 2]),
                          {"owner": "crumb-and-kettle", "name": "ideas"})
    assert answer["data"]["repository"]["i2"] is None
    assert answer["data"]["repository"]["i1"]["number"] == 1
    [error] = answer["errors"]
    assert error["type"] == "NOT_FOUND" and error["path"] == ["repository", "i2"]


def test_the_sync_s_queries_are_valid_in_github_s_schema() -> None:
    assert check_graphql(activity_query([1, 2, 3])) == []
    assert check_graphql(next_reactors_query()) == []
    assert check_graphql(next_comments_query()) == []
    assert check_graphql(OLD_SYNC_QUERY) == [
        "Cannot query field 'reactor' on type 'Reaction'."]


def test_a_rest_route_github_does_not_have_is_a_404_and_a_violation(github: FakeGitHub) -> None:
    with pytest.raises(GithubException) as raised:
        requester(github).requestJsonAndCheck("GET", f"{github.url}/repos/{REPOSITORY}/ideas")
    assert raised.value.status == 404
    assert github.take_violations() == [
        f"GET /repos/{REPOSITORY}/ideas: GitHub's REST API has no such route"]


def test_a_request_body_that_breaks_its_schema_is_refused(github: FakeGitHub) -> None:
    github.add_issue(7, login="someone")
    with pytest.raises(GithubException) as raised:
        requester(github).requestJsonAndCheck(
            "POST", f"{github.url}/repos/{REPOSITORY}/issues/7/comments", input={"text": "hi"})
    assert raised.value.status == 422
    [violation] = github.take_violations()
    assert violation.startswith("issues/create-comment:")
    assert "'body' is a required property" in violation
    assert github.comments_on(7) == []


def test_a_label_list_sent_bare_is_refused_as_the_description_lists_only_an_object(
        github: FakeGitHub) -> None:
    github.add_issue(7, login="someone")
    with pytest.raises(GithubException):
        requester(github).requestJsonAndCheck(
            "POST", f"{github.url}/repos/{REPOSITORY}/issues/7/labels", input=["idea"])
    assert github.take_violations()[0].startswith("issues/add-labels:")
    requester(github).requestJsonAndCheck(
        "POST", f"{github.url}/repos/{REPOSITORY}/issues/7/labels", input={"labels": ["idea"]})
    assert github.labels_of(7) == ["idea"]


def test_an_unknown_query_parameter_is_a_violation(github: FakeGitHub) -> None:
    with pytest.raises(GithubException):
        requester(github).requestJsonAndCheck(
            "GET", f"{github.url}/repos/{REPOSITORY}/pulls", parameters={"colour": "red"})
    assert github.take_violations() == ["pulls/list: unknown query parameter 'colour'"]


def test_an_answer_that_breaks_github_s_response_schema_is_caught(
        github: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_an_issue(fake: FakeGitHub, call: Call) -> Reply:
        return 200, {"number": int(call.params["issue_number"]), "title": "only this"}, {}

    monkeypatch.setitem(REST_HANDLERS, "issues/get", half_an_issue)
    requester(github).requestJsonAndCheck("GET", f"{github.url}/repos/{REPOSITORY}/issues/3")
    violations = github.take_violations()
    assert violations and "issues/get answered 200" in violations[0]
    assert "is a required property" in violations[0]


def test_the_stand_in_s_own_answers_follow_github_s_schemas(github: FakeGitHub) -> None:
    """Every shape the stand-in builds passes the response schema it is sent under."""
    github.add_issue(3, login="someone", labels=["idea"])
    comment = github.add_comment(3, "hello", {"login": "someone", "type": "User"})
    description = rest_description()
    for path, body in [
        (f"/repos/{REPOSITORY}/issues/3", github.issue_json(3)),
        (f"/repos/{REPOSITORY}/issues/comments/{comment['id']}", github.comment_json(comment)),
    ]:
        assert description.check_response("GET", path, 200, body) == []
    closed = github.issue_json(3) | {"state": "closed", "state_reason": "finished"}
    assert description.check_response("GET", f"/repos/{REPOSITORY}/issues/3", 200, closed)
