"""Compiled templates kept between builds (generator/site/template_cache.py): a build that
takes them from the cache writes the same site, an edited template is compiled afresh, two
environments that compile a file differently each get their own, and a folder others could
write in is not used."""

from __future__ import annotations

import stat
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.site.environment import TEMPLATES, make_environment
from generator.site.template_cache import cache_compiled, cache_folder
from tests.support import EXAMPLE, EXAMPLE_NOW


def build_example(site: Path) -> dict[str, bytes]:
    result = CliRunner().invoke(cli, ["--root", str(EXAMPLE), "--now", EXAMPLE_NOW.isoformat(),
                                      "build", "--site-dir", str(site)])
    assert result.exit_code == 0, result.output
    return {str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_build_from_the_cache_writes_the_same_site(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EXAMPLE_NOW.timestamp())))  # the sitemap
    compiled = build_example(tmp_path / "cold")
    kept = list((tmp_path / "cache" / "cocreate" / "templates").iterdir())
    # the generator's page templates and the theme's (main.html, base.html, its partials)
    assert len(kept) > len(list(TEMPLATES.glob("*.j2"))) + 10
    cached = build_example(tmp_path / "warm")
    assert cached.keys() == compiled.keys()
    assert [path for path in compiled if cached[path] != compiled[path]] == []


def test_an_edited_template_is_compiled_afresh(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    overrides = tmp_path / "theme" / "cocreate"
    overrides.mkdir(parents=True)
    (overrides / "results.md.j2").write_text("First results page\n", "utf-8")
    assert make_environment(overrides).get_template("results.md.j2").render() == \
        "First results page\n"
    (overrides / "results.md.j2").write_text("Edited results page\n", "utf-8")
    assert make_environment(overrides).get_template("results.md.j2").render() == \
        "Edited results page\n"


def test_environments_compiling_a_file_differently_keep_their_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "list.html").write_text("{% for n in [1, 2] %}\n{{ n }}\n{% endfor %}\n")

    def render(trim_blocks: bool) -> str:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path),
                                         trim_blocks=trim_blocks)
        cache_compiled(environment)
        assert environment.bytecode_cache is not None
        return environment.get_template("list.html").render()

    assert render(trim_blocks=True) == "1\n2\n"
    assert render(trim_blocks=False) == "\n1\n\n2\n"
    assert render(trim_blocks=True) == "1\n2\n"  # from the cache, as compiled the first time
    assert len(list((tmp_path / "cache" / "cocreate" / "templates").iterdir())) == 2


def test_a_folder_others_could_write_in_is_not_used(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cache_folder()
    assert folder == tmp_path / "cache" / "cocreate" / "templates"
    assert stat.S_IMODE(folder.stat().st_mode) == stat.S_IRWXU
    folder.chmod(0o777)
    assert cache_folder() is None
    environment = jinja2.Environment()
    cache_compiled(environment)
    assert environment.bytecode_cache is None  # compiled every build, as without a cache
    folder.chmod(0o700)
    (tmp_path / "elsewhere").mkdir()
    folder.rmdir()
    folder.symlink_to(tmp_path / "elsewhere")  # a link could lead anywhere
    assert cache_folder() is None
