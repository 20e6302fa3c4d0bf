"""`challenges/<challenge>/votes/<login>.yml`: one voter's ballot for one challenge."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.models.common import Login, Record, Slug, When


class Vote(Record):
    """One vote for one idea, and how it was cast."""

    idea: Slug = Field(description="The idea's id (its file name).")
    at: When
    via: Literal["reaction", "comment", "ballot"] = Field(
        description="reaction: a 👍 on the issue; comment: /vote; ballot: a pull request."
    )
    points: int = Field(default=1, ge=1, description="More than 1 only with budget voting.")


class Ballot(Record):
    """Every vote one person cast in one challenge. One file per voter."""

    voter: Login = Field(description="The account's login; the file is named after it, "
                         "spelled exactly alike.")
    account_id: int | None = Field(
        default=None, ge=1, description="GitHub's id of the account, which no rename changes: "
        "the voter is the account, whatever its login. Written by the portal from GitHub; "
        "a ballot pull request states its author's.")
    former_logins: list[Login] = Field(
        default_factory=list, description="Logins the account voted under before it was "
        "renamed, oldest first; the vote sync keeps them when it moves the ballot.")
    account_created: When | None = Field(
        default=None, description="From the GitHub API; used by the account-age rule."
    )
    bot: bool = Field(default=False, description="True when the account is a bot (from the "
                      "API); bots' votes are listed but not counted.")
    votes: list[Vote] = Field(default_factory=list)
