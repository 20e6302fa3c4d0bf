"""One declared model per file type. The loader, CLI, intake and JSON Schemas share them."""

from generator.models.ballot import Ballot, Vote
from generator.models.challenge import (
    Challenge,
    Criterion,
    Prize,
    Scale,
    Sponsor,
    Timeline,
    VotingRules,
    Weights,
)
from generator.models.common import Segment, Status
from generator.models.discussion import CommentCount, Discussion
from generator.models.idea import Idea, StatusChange
from generator.models.scorecard import Score, Scorecard
from generator.models.settings import RecognitionPoints, Settings

__all__ = [
    "Ballot", "Challenge", "CommentCount", "Criterion", "Discussion", "Idea", "Prize",
    "RecognitionPoints", "Scale", "Score", "Scorecard", "Segment", "Settings", "Sponsor",
    "Status", "StatusChange", "Timeline", "Vote", "VotingRules", "Weights",
]
