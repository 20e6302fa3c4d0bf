"""The strict loader: what it refuses, what it keeps as text, and the lines it names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.portal import loader
from generator.portal.loader import MAX_BYTES, parse_yaml, read_yaml
from generator.portal.problems import ProblemsFound


@pytest.fixture(autouse=True, params=loader.PARSERS, ids=lambda parser: parser.__name__)
def each_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here runs with libyaml's parser and with PyYAML's pure-Python one."""
    monkeypatch.setattr(loader, "Parser", request.param)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProblemsFound) as found:
        parse_yaml(text, "f.yml")
    return [str(problem) for problem in found.value.problems]


@pytest.mark.parametrize("text", ["no", "on", "yes", "off", "012", "1.10", "0x1F", "1e3",
                                  "true", "2026-01-01", "=", "<<", "null-ish", ".inf"])
def test_keeps_plain_scalars_as_the_text_written(text: str) -> None:
    assert parse_yaml(f"key: {text}\n", "f.yml").data == {"key": text}


@pytest.mark.parametrize("text", ["", "~", "null", "Null", "NULL"])
def test_reads_plain_empty_and_null_as_none(text: str) -> None:
    assert parse_yaml(f"key: {text}\n", "f.yml").data == {"key": None}


def test_quoted_null_is_text() -> None:
    assert parse_yaml("a: 'null'\nb: \"~\"\n", "f.yml").data == {"a": "null", "b": "~"}


def test_refuses_duplicate_keys_naming_both_lines() -> None:
    assert problems_of("title: A\nsummary: B\ntitle: C\n") == [
        "f.yml:3: the key 'title' appears twice (first on line 1) — keep one of them; "
        "YAML would silently drop the other"
    ]


def test_refuses_duplicate_keys_in_nested_mappings_too() -> None:
    text = "timeline:\n  ideas_open: 2026-01-01\n  ideas_open: 2026-02-01\n"
    assert problems_of(text)[0].startswith("f.yml:3: the key 'ideas_open' appears twice")


def test_refuses_an_alias_bomb_before_expanding_it() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    bomb += "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8)
    )
    assert problems_of(bomb) == [
        "f.yml:1: the anchor &a is not allowed — remove it and write values in full"
    ]


def test_refuses_an_alias_to_nothing() -> None:
    assert problems_of("a: 1\nb: *nowhere\n") == [
        "f.yml:2: the alias *nowhere is not allowed — write the value out in full"
    ]


def test_refuses_merge_keys() -> None:
    assert "not a plain name" in problems_of("a:\n  <<: {b: 1}\n")[0]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!int 3",
                                 "!custom x", "!!binary aGVsbG8="])
def test_refuses_explicit_tags(tag: str) -> None:
    [problem] = problems_of(f"ok: 1\nkey: {tag}\n")
    assert problem.startswith("f.yml:2: the tag ")
    assert "is not allowed" in problem


def test_reports_syntax_errors_with_their_line() -> None:
    [problem] = problems_of("title: ok\nsummary: [unclosed\nbrief: x\n")
    assert problem.startswith("f.yml:3:")
    assert "check the indentation and quoting" in problem


def test_refuses_more_than_one_document() -> None:
    [problem] = problems_of("a: 1\n---\nb: 2\n")
    assert problem == ("f.yml:2: a second document starts here (after `---`) — keep one record "
                       "per file and remove the `---` line")


def test_names_the_line_of_every_value() -> None:
    document = parse_yaml("a:\n  b:\n    - x\n    - y: 1\n", "f.yml")
    assert document.line_of(("a",)) == 1
    assert document.line_of(("a", "b")) == 2
    assert document.line_of(("a", "b", 1, "y")) == 4
    assert document.line_of(("a", "b", 1, "missing")) == 4


def test_refuses_files_over_the_size_limit(tmp_path: Path) -> None:
    file = tmp_path / "big.yml"
    file.write_text("text: " + "x" * MAX_BYTES + "\n")
    with pytest.raises(ProblemsFound) as found:
        read_yaml(file, "big.yml")
    assert "over the limit of 262,144" in str(found.value)


def test_refuses_text_that_is_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "latin.yml"
    file.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(ProblemsFound) as found:
        read_yaml(file, "latin.yml")
    assert str(found.value) == "latin.yml:2: is not valid UTF-8 text — save the file as UTF-8"


def test_refuses_symbolic_links(tmp_path: Path) -> None:
    (tmp_path / "real.yml").write_text("a: 1\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "real.yml")
    with pytest.raises(ProblemsFound, match="symbolic link"):
        read_yaml(tmp_path / "link.yml", "link.yml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_refuses_a_named_pipe_without_waiting_for_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yml")  # opened for reading, it would wait for a writer
    with pytest.raises(ProblemsFound) as found:
        read_yaml(tmp_path / "pipe.yml", "pipe.yml")
    assert str(found.value) == ("pipe.yml: is not a regular file — "
                                "replace it with a YAML file")


@given(st.text(max_size=300))
def test_any_text_either_loads_or_gives_problems(text: str) -> None:
    try:
        parse_yaml(text, "f.yml")
    except ProblemsFound as found:
        assert found.problems
        assert all(problem.path == "f.yml" for problem in found.problems)


def test_refuses_control_characters_naming_their_line() -> None:
    assert problems_of("a: 1\nb: bell\x07\n") == [
        "f.yml:2: the control character U+0007 is not allowed — remove it; data files hold "
        "printable text only"
    ]


def test_refuses_nesting_deeper_than_any_record_needs() -> None:
    [problem] = problems_of("a: " + "[" * 100 + "]" * 100 + "\n")
    assert "nested more than 32 levels deep" in problem
