"""`challenges/<challenge>/comments.yml`: how many comments people wrote on each idea's issue.

The vote sync writes it from what GitHub holds, while the challenge is voting; the site shows
the counts on idea cards and sorts the gallery by them. It holds no vote: the tally never
reads it.
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from generator.models.common import Record, Slug


class CommentCount(Record):
    """The comments on one idea's issue that people wrote."""

    idea: Slug = Field(description="The idea's id (its file name).")
    comments: int = Field(ge=1, description="Comments people wrote on the idea's issue: no "
                          "bot's, and none that is only a /vote or /unvote command.")
    latest: AwareDatetime = Field(description="When GitHub recorded the newest of them.")


class Discussion(Record):
    """Every idea of one challenge whose issue people commented on, as the vote sync last
    read it. An idea not listed has no comment the sync knows of."""

    ideas: list[CommentCount] = Field(default_factory=list)
