"""One declared model per file type. The loader, CLI, intake and JSON Schemas share them."""

from .ballot import Ballot, Vote
from .challenge import Challenge, Criterion, Prize, Scale, Sponsor, Timeline, VotingRules, Weights
from .common import Segment, Status
from .idea import Idea, StatusChange
from .scorecard import Score, Scorecard
from .settings import RecognitionPoints, Settings

__all__ = [
    "Ballot", "Challenge", "Criterion", "Idea", "Prize", "RecognitionPoints", "Scale", "Score",
    "Scorecard", "Segment", "Settings", "Sponsor", "Status", "StatusChange", "Timeline", "Vote",
    "VotingRules", "Weights",
]
