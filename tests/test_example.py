"""The bundled example stays a showcase: every stage on show, today and a year from now."""

from __future__ import annotations

from datetime import timedelta

import pytest

from generator.models import Status
from generator.models.stages import Stage
from generator.portal.reading import load_catalog
from tests.support import EXAMPLE, EXAMPLE_NOW


@pytest.mark.parametrize("days_later", [0, 90, 180, 270, 365])
def test_the_example_shows_each_stage_for_at_least_a_year(days_later: int) -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW + timedelta(days=days_later))
    stages = {catalog.stage_of(slug) for slug in catalog.challenges}
    assert {Stage.UPCOMING, Stage.IDEAS_OPEN, Stage.VOTING, Stage.RESULTS} <= stages
    assert any(folder.challenge.timeline.is_evergreen for folder in catalog.challenges.values())


def test_the_example_has_the_material_every_feature_needs() -> None:
    catalog = load_catalog(EXAMPLE, now=EXAMPLE_NOW)
    ideas = [source.model for folder in catalog.challenges.values()
             for source in folder.ideas.values()]
    assert len(ideas) >= 20
    assert {idea.segment.value for idea in ideas} >= {"customer", "employee", "supplier"}
    statuses = {idea.status for idea in ideas}
    assert {Status.DECLINED, Status.DUPLICATE, Status.IMPLEMENTED} <= statuses
    assert any(idea.prize for idea in ideas)
    assert any(folder.scorecards for folder in catalog.challenges.values())
    assert any(folder.challenge.voting.method == "budget" for folder in catalog.challenges.values())
