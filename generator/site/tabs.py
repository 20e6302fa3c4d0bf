"""The row of tabs on every page of a challenge.

A challenge's pages are its overview (the brief and the gallery, whose Ideas
section is a tab of its own), its leaderboard, its vote audit, its insights
and, once it has them, its results. A tab shows only when its page has
something to show, so no tab leads to an empty page; the pages themselves
stay at their addresses and say why they are empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.models.stages import Stage
from generator.portal.catalog import ChallengeFolder
from generator.site.standpoint import Standpoint

TAB_KEYS = ("overview", "ideas", "leaderboard", "audit", "insights", "results")


@dataclass(frozen=True)
class Tab:
    """One tab: which page it is, and the address of that page from the site's root.

    `section` is a folder of pages that belong to the tab too (an idea's page is one of
    the Ideas tab's); `anchor` marks a tab that is a section of the overview page.
    """

    key: str
    url: str
    section: str | None = None
    anchor: bool = False


def votes_cast(folder: ChallengeFolder) -> bool:
    """Whether anyone has cast a vote in the challenge, counted or not (a ballot whose votes
    were all taken back holds none)."""
    return any(source.model.votes for source in folder.ballots.values())


def challenge_tabs(slug: str, folder: ChallengeFolder, act: Standpoint) -> list[Tab]:
    """The tabs of a challenge's pages that have something to show, in reading order."""
    base = f"challenges/{slug}/"
    has_ideas = bool(folder.ideas)
    shown = {
        "overview": True,
        "ideas": has_ideas,
        # Before voting opens every idea has nothing, and the order would mean nothing.
        "leaderboard": has_ideas and act.voting_opens is None,
        "audit": votes_cast(folder),
        "insights": has_ideas,
        "results": act.stage is Stage.RESULTS,
    }
    pages = {"overview": Tab("overview", base),
             "ideas": Tab("ideas", base, section=f"{base}ideas/", anchor=True)}
    return [pages.get(key) or Tab(key, f"{base}{key}/") for key in TAB_KEYS if shown[key]]
