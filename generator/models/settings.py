"""The portal's settings: the `cocreate` plugin's options in `mkdocs.yml`."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field

from generator.models.challenge import Weights
from generator.models.common import Line, Record


def check_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not a known time zone — use an IANA name such as Europe/Paris or UTC"
        ) from None
    return name


class RecognitionPoints(Record):
    """Points a contributor earns for each kind of contribution."""

    published_idea: int = 10
    vote_received: int = 1
    shortlisted: int = 20
    piloted: int = 40
    implemented: int = 80
    winner: int = 100
    vote_cast: int = 1


class Settings(Record):
    """Portal-wide settings, under `plugins: - cocreate:` in `mkdocs.yml`."""

    organisation: Line = Field(description="The business running the portal.")
    repository: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")] | None = Field(
        default=None, description="owner/name of the portal's GitHub repository."
    )
    language: Literal["en", "es", "fr"] = "en"
    time_zone: Annotated[str, AfterValidator(check_zone)] = Field(
        default="UTC", description="Plain days and times without an offset are read in this zone."
    )
    challenges_dir: str = "challenges"
    weights: Weights = Field(default_factory=Weights)
    points: RecognitionPoints = Field(default_factory=RecognitionPoints)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)
