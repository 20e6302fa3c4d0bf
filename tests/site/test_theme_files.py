"""The theme's files copied into site/ (generator/site/theme_files.py): found without
walking hidden folders, they are the ones mkdocs finds by walking every file, but for the
theme's own search, which no page of the site loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.site.theme_files import THEME_SEARCH, VisibleFilesLoader, list_visible_files_only
from tests.support import EXAMPLE


def copied(config_file: Path, visible_only: bool) -> list[tuple[str, str]]:
    """What mkdocs adds from the theme, each file with the folder it is copied from."""
    config = load_config(str(config_file))
    if visible_only:
        list_visible_files_only(config.theme)
    environment = config.theme.get_env()
    files = Files([])
    files.add_files_from_theme(environment, config)
    return sorted((file.src_uri, str(file.abs_src_path)) for file in files)


def test_the_example_copies_the_same_theme_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    every_file = copied(EXAMPLE / "mkdocs.yml", visible_only=False)
    theme_search = [(uri, path) for uri, path in every_file if uri.startswith(THEME_SEARCH)]
    assert len(theme_search) > 30  # lunr's languages, the worker and its source map
    assert copied(EXAMPLE / "mkdocs.yml", visible_only=True) == [
        file for file in every_file if file not in theme_search]
    assert any(uri.startswith("assets/") for uri, _ in every_file)
    # what was walked for nothing: mkdocs-material's icons
    config = load_config(str(EXAMPLE / "mkdocs.yml"))
    walked = FileSystemLoader(config.theme.dirs).list_templates()
    listed = VisibleFilesLoader(config.theme.dirs).list_templates()
    assert sum(name.startswith(".icons/") for name in walked) > 10_000
    assert len(listed) < len(walked) // 10


def test_no_page_loads_the_theme_search_left_out(built_site: Path) -> None:
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert list(built_site.glob("assets/javascripts/workers/*")) == []
    named = [str(path.relative_to(built_site)) for path in built_site.rglob("*")
             if path.suffix in {".html", ".js", ".json", ".xml", ".css"}
             and ("workers/search" in (text := path.read_text("utf-8", "replace"))
                  or "lunr/" in text)]
    assert named == []


def test_hidden_files_at_every_depth_are_left_out_as_mkdocs_leaves_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theme = tmp_path / "overrides"
    for name in (".top.css", ".hidden/kept-out.css", "assets/.nested.js", "assets/a/.b/c.css",
                 "assets/a/b/visible.css", "assets/a.b/dotted-folder.css", "assets/x.css",
                 "main.html", "notes.txt"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("/* a file */\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Files\ndocs_dir: docs\ntheme:\n  name: material\n  custom_dir: overrides\n",
        "utf-8")
    monkeypatch.chdir(tmp_path)
    every_file = copied(tmp_path / "mkdocs.yml", visible_only=False)
    ours = [uri for uri, path in every_file if path.startswith(str(theme))]
    assert ours == ["assets/a.b/dotted-folder.css", "assets/a/b/visible.css", "assets/x.css",
                    "notes.txt"]
    assert copied(tmp_path / "mkdocs.yml", visible_only=True) == [
        (uri, path) for uri, path in every_file if not uri.startswith(THEME_SEARCH)]


def test_templates_still_load_from_every_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE)
    config = load_config(str(EXAMPLE / "mkdocs.yml"))
    list_visible_files_only(config.theme)
    environment = config.theme.get_env()
    assert isinstance(environment.loader, VisibleFilesLoader)
    assert "url" in environment.filters  # what mkdocs's own get_env adds is kept
    for name in ("main.html", "partials/header.html", ".icons/material/home.svg"):
        assert environment.loader.get_source(environment, name)[0]
