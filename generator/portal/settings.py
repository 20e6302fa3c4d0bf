"""Find the portal's settings: the `cocreate` plugin's options in `mkdocs.yml`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.models.settings import Settings
from generator.portal.explanations import explain
from generator.portal.loader import Document, parse_yaml, read_yaml
from generator.portal.problems import Problem, ProblemsFound

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "cocreate"


def plugin_options(document: Document) -> tuple[dict[str, Any], tuple[str | int, ...]]:
    """The plugin's options and where they sit in mkdocs.yml."""
    data = document.data if isinstance(document.data, dict) else {}
    for index, entry in enumerate(data.get("plugins") or []):
        if entry == PLUGIN_NAME:
            return {}, ("plugins", index)
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}, ("plugins", index, PLUGIN_NAME)
    raise ProblemsFound([Problem(
        document.path, document.line_of(("plugins",)), "the cocreate plugin is not enabled",
        "add `- cocreate:` with its options under `plugins:`",
    )])


def validate_settings(options: dict[str, Any], document: Document,
                      location: tuple[str | int, ...]) -> Settings:
    """Validate the plugin's options, naming the mkdocs.yml line of each problem."""
    try:
        return Settings.model_validate(options)
    except ValidationError as error:
        shifted = Document(document.path, document.data, {
            key[len(location):]: line for key, line in document.lines.items()
            if key[: len(location)] == location
        })
        raise ProblemsFound(explain(error, shifted, Settings)) from None


def read_settings(root: Path) -> Settings:
    """Read the settings from `<root>/mkdocs.yml`."""
    file = root / CONFIG_FILE
    if not file.is_file():
        raise ProblemsFound([Problem(CONFIG_FILE, 0, "is missing",
                                     "run cocreate from the portal's folder, or pass --root")])
    # mkdocs.yml may carry mkdocs' own tags (!ENV, !relative); they are not ours to read.
    document = read_yaml(file, CONFIG_FILE, tolerate_tags=True)
    options, location = plugin_options(document)
    return validate_settings(options, document, location)


def parse_settings(text: str) -> tuple[Settings, Document, tuple[str | int, ...]]:
    """The settings in a text of mkdocs.yml (an earlier commit's), with where they sit."""
    document = parse_yaml(text, CONFIG_FILE, tolerate_tags=True)
    options, location = plugin_options(document)
    return validate_settings(options, document, location), document, location


def read_site_url(root: Path) -> str:
    """The site's public address from mkdocs.yml (`site_url`), without a trailing slash."""
    document = read_yaml(root / CONFIG_FILE, CONFIG_FILE, tolerate_tags=True)
    data = document.data if isinstance(document.data, dict) else {}
    value = data.get("site_url")
    return value.rstrip("/") if isinstance(value, str) else ""


REPOSITORY_NAME = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+")


def read_repo_name(root: Path) -> str | None:
    """owner/name from mkdocs.yml's `repo_name`, or from a github.com `repo_url`."""
    try:
        document = read_yaml(root / CONFIG_FILE, CONFIG_FILE, tolerate_tags=True)
    except (ProblemsFound, OSError):
        return None
    data = document.data if isinstance(document.data, dict) else {}
    name, url = data.get("repo_name"), data.get("repo_url")
    if isinstance(name, str) and REPOSITORY_NAME.fullmatch(name):
        return name
    if isinstance(url, str) and url.startswith("https://github.com/"):
        path = url.removeprefix("https://github.com/").strip("/").removesuffix(".git")
        return path if REPOSITORY_NAME.fullmatch(path) else None
    return None
