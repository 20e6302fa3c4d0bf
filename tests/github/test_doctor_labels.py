"""`cocreate doctor --create-labels` against the loopback GitHub: every label the portal uses
made in its language, with a description; a portal that switched language keeps its
issues' states, the labels renamed on every issue rather than made twice."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.contest.labels import EVERY_LABEL, IDEA
from generator.i18n import language
from tests.support import EXAMPLE_NOW, LOOPBACK_TOKEN, set_language
from tests.support.fake_github import FakeGitHub
from tests.support.gitrepos import git


def doctor(portal: Path, github: FakeGitHub, *arguments: str) -> Result:
    return CliRunner().invoke(
        cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(), "doctor", *arguments],
        env={"GITHUB_TOKEN": LOOPBACK_TOKEN, "GITHUB_API_URL": github.url,
             "GITHUB_REPOSITORY": None})


def switch_to_french(portal: Path, remote: Path) -> None:
    """The owner switches the portal to French and pushes it, forms included."""
    set_language(portal, "fr")
    result = CliRunner().invoke(cli, ["--root", str(portal), "--now", EXAMPLE_NOW.isoformat(),
                                      "forms"])
    assert result.exit_code == 0, result.output
    git(portal, "add", "-A")
    git(portal, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-m", "En français")
    git(portal, "push", "--quiet", str(remote), "main")


def names(github: FakeGitHub) -> list[str]:
    return [label["name"] for label in github.repository_labels()]


def test_a_portal_switched_to_french_gets_its_labels_renamed_not_doubled(
        portal: Path, remote: Path, github: FakeGitHub) -> None:
    switch_to_french(portal, remote)
    github.add_issue(48, login="ines-duarte", labels=["idea", "status: published"])
    github.add_issue(49, login="tom-hargreaves", labels=["idea", "needs-changes"])
    result = doctor(portal, github, "--create-labels")
    assert result.exit_code == 0, result.output
    made = result.output.split("\n\n", 1)[0].splitlines()
    assert made[0].startswith("Création des étiquettes qu'utilise le portail dans "
                              "crumb-and-kettle/ideas via http://127.0.0.1:")
    assert made[1:4] == [
        "  `idea` renommée en `idée`, sur chaque ticket qui la porte",
        "  `needs-changes` renommée en `à compléter`, sur chaque ticket qui la porte",
        "  `statut : soumise` créée : Le statut de l'idée sur le portail : Soumise"]
    assert "  `status: published` renommée en `statut : publiée`, sur chaque ticket qui la " \
           "porte" in made
    # The issues keep their state, under its French name, and carry it once.
    assert github.labels_of(48) == ["idée", "statut : publiée"]
    assert github.labels_of(49) == ["idée", "à compléter"]
    fr = language("fr")
    assert names(github)[:9] == ["bug", "documentation", "duplicate", "enhancement",
                                 "good first issue", "help wanted", "invalid", "question",
                                 "wontfix"]  # GitHub's own, left alone
    assert sorted(names(github)[9:]) == sorted(label.name("fr") for label in EVERY_LABEL)
    for label in EVERY_LABEL:
        made_label = github.find_label(label.name("fr"))
        assert made_label is not None
        assert (made_label["description"], made_label["color"]) == (label.describe(fr),
                                                                    label.color)
    # The check that follows finds every label there, in French.
    labels = [line.split(None, 1) for line in result.output.splitlines()
              if "Étiquettes : " in line]
    assert labels == [["ok", "Étiquettes : `idée`, que posent les formulaires de ticket, existe"]]

    # Once made, a second run has nothing to write.
    writes = len(github.sent)
    again = doctor(portal, github, "--create-labels")
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[1] == "  chaque étiquette qu'utilise le portail existe"
    assert len(github.sent) == writes


def test_an_english_portal_creates_the_labels_github_would_make_bare(
        portal: Path, remote: Path, github: FakeGitHub) -> None:
    result = doctor(portal, github, "--create-labels")
    assert result.exit_code == 0, result.output
    # `idea` and `needs-changes` exist (the README has the owner make them): left as they are
    assert [(method, path.rsplit("/", 1)[-1], body) for method, path, body in github.sent] == [
        ("POST", "labels", {"name": label.name("en"), "color": label.color,
                            "description": label.describe(language("en"))})
        for label in EVERY_LABEL[2:]]
    assert github.find_label(IDEA.name("en")) == {"name": "idea", "color": "ededed",
                                                  "description": None}


def test_a_label_github_refuses_to_make_is_reported_and_the_doctor_exits_1(
        portal: Path, remote: Path, github: FakeGitHub) -> None:
    github.fail("POST", r"/labels$", 403, message="Resource not accessible by integration")
    result = doctor(portal, github, "--create-labels")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[1] == (
        "  could not make `status: submitted`: GitHub answered 403: Resource not accessible "
        "by integration")
    assert "  created `status: published`: The idea's status on the portal: Published" \
        in result.output  # the others are made all the same
