"""`cocreate init` on a copy of this repository, as an owner runs it on a fresh clone:
the example gone without a trace, the owner's settings and pages in their language, and
the rest of the commands working on the result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli.main import cli
from generator.portal.starter import EXAMPLE_CHALLENGES, example_pages, fingerprint, own_data
from tests.support import EXAMPLE, copy_example
from tests.support.gitrepos import git

EXAMPLE_TRACES = re.compile(
    r"crumb|kettle|bakery|café|\b(?:soup|soupe|sopa|jars?|bocal|tarro)\b|"
    + "|".join(EXAMPLE_CHALLENGES), re.IGNORECASE)
HOME_TITLE = {"en": "Spoke &amp; Chain ideas", "es": "Ideas para Spoke &amp; Chain",
              "fr": "Vos idées pour Spoke &amp; Chain"}
NAV_HOME = {"en": "Home", "es": "Inicio", "fr": "Accueil"}
HOW_IT_WORKS = {"en": "How it works", "es": "Cómo funciona", "fr": "Comment ça marche"}


def fresh_clone(tmp_path: Path) -> Path:
    """The bundled example (frozen in tests/fixtures/example) in a new Git repository, as
    a fresh clone of this repository holds it, whatever the owner made of their own."""
    root = tmp_path / "clone"
    copy_example(root)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Owner", "-c", "user.email=owner@example.com", "commit",
        "--quiet", "-m", "Clone")
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--root", str(root), *args])


def init_args(language: str) -> list[str]:
    return ["init", "--name", "Spoke & Chain", "--language", language,
            "--repository", "Spoke-And-Chain/velos", "--time-zone", "Europe/Paris"]


def traces_in(root: Path) -> list[str]:
    """Every file of the site, forms, pages and settings that names the example."""
    found = []
    files = [*(root / "site").rglob("*"), *(root / ".github/ISSUE_TEMPLATE").rglob("*"),
             *(root / "content").rglob("*"), root / "mkdocs.yml"]
    for file in files:
        if file.is_file() and file.suffix in {".html", ".xml", ".json", ".csv", ".svg", ".md",
                                              ".yml", ".txt"}:
            for match in EXAMPLE_TRACES.finditer(file.read_text(encoding="utf-8")):
                found.append(f"{file.relative_to(root)}: {match[0]}")
    return found


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_init_turns_a_clone_into_an_empty_portal_of_the_owner_in_its_language(
        tmp_path: Path, language: str) -> None:
    root = fresh_clone(tmp_path)
    assert own_data(root) == []
    result = run(root, *init_args(language))
    assert result.exit_code == 0, result.output
    assert "1. " in result.output and "https://spoke-and-chain.github.io/velos/" in result.output
    assert sorted(path.name for path in (root / "challenges").iterdir()) == []

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Spoke & Chain"
    assert "Spoke & Chain" in config["site_description"]
    assert config["site_url"] == "https://spoke-and-chain.github.io/velos/"
    assert config["repo_url"] == "https://github.com/Spoke-And-Chain/velos"
    assert config["repo_name"] == "Spoke-And-Chain/velos"
    assert config["edit_uri"] == "edit/main/content/"
    assert config["plugins"][1]["cocreate"] | {"weights": None} == {
        "organisation": "Spoke & Chain", "repository": "Spoke-And-Chain/velos",
        "language": language, "time_zone": "Europe/Paris", "weights": None}
    assert config["nav"][0] == {NAV_HOME[language]: "index.md"}
    assert config["validation"]["links"]["anchors"] == "warn"

    steps = [("new", "challenge", "premier-defi", "--title", "Un premier défi"), ("forms",),
             ("validate",), ("build",)]
    for step in steps:
        result = run(root, *step)
        assert result.exit_code == 0, (step, result.output)
    assert (root / ".github/ISSUE_TEMPLATE/premier-defi.yml").is_file()
    assert traces_in(root) == []
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in home
    assert re.search(f"<h1 [^>]*>{HOME_TITLE[language]}<a class=\"headerlink\"", home)
    # the starter page's marker puts the open challenge, and its button, above the story
    assert home.index('class="md-button md-button--primary cc-submit"') \
        < home.index(f">{HOW_IT_WORKS[language]}<")
    assert_the_forms_link_to_the_code_of_conduct_the_site_has(root, language)


def assert_the_forms_link_to_the_code_of_conduct_the_site_has(root: Path, code: str) -> None:
    """Each form's link to the code of conduct lands on the heading of the starter's rules
    page, in the portal's language, as built; and the take-part page links to it too."""
    site = "https://spoke-and-chain.github.io/velos/"
    rules = (root / "site/rules/index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'\bid="([^"]+)"', rules))
    linked = set()
    for form in sorted((root / ".github/ISSUE_TEMPLATE").glob("*.yml")):
        if form.name != "config.yml":
            linked |= set(re.findall(re.escape(site) + r"rules/#([\w-]+)",
                                     form.read_text("utf-8")))
    [anchor] = linked
    assert anchor in anchors
    assert anchor != "code-of-conduct" or code == "en"  # the anchor reads in its language
    assert f'href="../rules/#{anchor}"' in (root / "site/take-part/index.html").read_text("utf-8")


def test_init_refuses_a_portal_with_data_of_its_own_unless_forced(tmp_path: Path) -> None:
    root = fresh_clone(tmp_path)
    assert run(root, "new", "challenge", "our-own").exit_code == 0
    about = root / "content/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOur story.\n", encoding="utf-8")
    settings = (root / "mkdocs.yml").read_text(encoding="utf-8")

    refused = run(root, *init_args("fr"))
    assert refused.exit_code == 1
    assert "  challenges/our-own\n" in refused.stderr
    assert "  content/about.md\n" in refused.stderr
    assert "--force" in refused.stderr
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == settings
    assert "Our story." in about.read_text(encoding="utf-8")

    forced = run(root, *init_args("fr"), "--force")
    assert forced.exit_code == 0, forced.output
    assert sorted(path.name for path in (root / "challenges").iterdir()) == ["our-own"]
    assert "Our story." not in about.read_text(encoding="utf-8")


def test_the_example_is_known_by_its_pages_as_bundled(tmp_path: Path) -> None:
    """A clone's example is not data of its own; one edited character makes it so."""
    root = fresh_clone(tmp_path)
    assert {page: fingerprint(EXAMPLE / "content" / page) for page in example_pages()} \
        == example_pages(), "refresh generator/portal/starter/example.sha256"
    assert own_data(root) == []
    # a checkout with Windows line endings holds the same pages
    page = root / "content/index.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    assert own_data(root) == []
    page = root / "content/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("a", "b", 1), encoding="utf-8")
    assert "content/index.md" in own_data(root)


def test_init_without_a_terminal_names_what_is_missing(tmp_path: Path) -> None:
    root = fresh_clone(tmp_path)
    result = run(root, "init", "--language", "es")
    assert result.exit_code == 2
    assert "missing --name, --repository" in result.output
    assert run(root, "init", "--name", "X", "--language", "es",
               "--repository", "not a repository").exit_code == 2


def test_init_asks_for_what_is_missing_in_a_terminal(tmp_path: Path) -> None:
    """The real command in a pseudo-terminal, answering its questions."""
    root = fresh_clone(tmp_path)
    command = Path(sys.executable).parent / "cocreate"
    primary, secondary = os.openpty()
    process = subprocess.Popen([str(command), "--root", str(root), "init"],
                               stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    os.write(primary, b"Spoke & Chain\nfr\nspoke-and-chain/idees\nEurope/Paris\n")
    output = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=120) == 0, output.decode()
    os.close(primary)
    text = output.decode()
    assert "The business's name" in text and "The portal's language" in text
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"][1]["cocreate"]["time_zone"] == "Europe/Paris"
    assert config["site_url"] == "https://spoke-and-chain.github.io/idees/"
    assert "Le portail est prêt" in text


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_name_with_markdown_and_yaml_characters_reads_as_typed(language: str) -> None:
    import markdown

    from generator.portal.starter import Answers, mdtext, render_config, render_pages

    name = "A*B_[c] <d>: #1 & `e`"
    answers = Answers(name, language, "a-b/c")
    config = yaml.safe_load(render_config(answers))
    assert config["site_name"] == name
    assert config["plugins"][1]["cocreate"]["organisation"] == name
    assert name in config["site_description"]
    shown = "A*B_[c] &lt;d&gt;: #1 &amp; `e`"  # the name as HTML text, every character kept
    for page, text in render_pages(answers).items():
        assert "{{" not in text and "<!-- EDIT:" in text, page
        assert markdown.markdown(text).count(shown) == text.count(mdtext(name)), page
