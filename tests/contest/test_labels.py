"""The labels the portal puts on issues: a name in every language, told apart whatever the
language, and an issue relabelled without losing its state or carrying it twice."""

from __future__ import annotations

import pytest

from generator.contest.labels import (
    EVERY_LABEL,
    IDEA,
    NEEDS_CHANGES,
    STATUS_LABELS,
    carries,
    recognise,
    relabel,
    status_label,
)
from generator.i18n import LANGUAGES, language
from generator.models import Status

# GitHub's limits on a label: a description of at most 100 characters (its REST
# description says so), a name of at most 50 (its web interface's), six hex digits of colour.
NAME_LIMIT, DESCRIPTION_LIMIT = 50, 100


def test_every_label_has_a_name_in_every_language_and_every_status_has_a_label() -> None:
    for label in EVERY_LABEL:
        assert sorted(label.names) == sorted(LANGUAGES), label.key
    assert sorted(STATUS_LABELS) == sorted(Status)
    assert [label.name("fr") for label in (IDEA, NEEDS_CHANGES)] == ["idée", "à compléter"]
    assert status_label(Status.SHORTLISTED).name("es") == "estado: preseleccionada"
    # English keeps the names portals made before labels spoke their language
    assert [label.name("en") for label in EVERY_LABEL] == [
        "idea", "needs-changes", *(f"status: {status.value}" for status in Status)]


def test_no_two_labels_share_a_name_in_any_language() -> None:
    """Else reading a label back could not say which it is."""
    owner: dict[str, str] = {}
    for label in EVERY_LABEL:
        for name in label.names.values():
            assert owner.setdefault(name.casefold(), label.key) == label.key, name


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_label_fits_githubs_limits_in_each_language(code: str) -> None:
    lang = language(code)
    for label in EVERY_LABEL:
        assert 0 < len(label.name(code)) <= NAME_LIMIT
        description = label.describe(lang)
        assert 0 < len(description) <= DESCRIPTION_LIMIT, description
        assert len(label.color) == 6 and int(label.color, 16) >= 0
    if code != "en":  # translated, not English left behind
        assert IDEA.describe(lang) != IDEA.describe(language("en"))
        assert status_label(Status.DECLINED).describe(lang).endswith(
            lang.gettext("Declined"))


def test_a_label_is_recognised_in_any_language_and_case() -> None:
    assert recognise("idée") is IDEA
    assert recognise("IDEA") is IDEA
    assert recognise("Statut : Refusée") is status_label(Status.DECLINED)
    assert recognise("status: declined") is status_label(Status.DECLINED)
    assert recognise("bug") is None
    assert recognise("status:declined") is None  # only the names given, not lookalikes
    assert carries({"bug", "Idée"}, IDEA)
    assert not carries({"bug", "needs-changes"}, IDEA)


def test_relabelling_adds_what_is_missing_in_the_portals_language() -> None:
    assert relabel({"bug"}, ["idée", "à compléter"]) == ({"idée", "à compléter"}, set())
    # what the issue has, in any case, is not added again
    assert relabel({"Idée"}, ["idée"]) == (set(), set())


def test_relabelling_replaces_another_languages_copy_instead_of_adding_a_second() -> None:
    """A portal switched from English to French: the issue keeps one idea label."""
    assert relabel({"idea", "needs-changes", "bug"}, ["idée"], [NEEDS_CHANGES]) == (
        {"idée"}, {"idea", "needs-changes"})
    # Spanish and English share `idea`: nothing to replace between them
    assert relabel({"idea"}, ["idea"]) == (set(), set())


def test_a_new_status_takes_the_place_of_every_other_status_in_any_language() -> None:
    current = {"idea", "status: published", "estado: rechazada", "question"}
    new = status_label(Status.SHORTLISTED).name("fr")
    assert relabel(current, [new], STATUS_LABELS.values()) == (
        {"statut : présélectionnée"}, {"status: published", "estado: rechazada"})
    # the same status already there, in another language, is replaced, not doubled
    assert relabel({"status: shortlisted"}, [new], STATUS_LABELS.values()) == (
        {"statut : présélectionnée"}, {"status: shortlisted"})
    # and in this language, left as it is
    assert relabel({new}, [new], STATUS_LABELS.values()) == (set(), set())
