"""Every YAML construct the loader refuses, wherever it stands, with the exact message.

Each case is a small file and the one problem it must give: the file's name, the line the
construct is on, what is wrong and what to do. Anchors and tags are tried on a plain scalar,
a quoted one, a list, a mapping, a key and the document itself, since the loader reads plain
scalars by a faster path than the rest. Every case runs with both YAML parsers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.portal import loader
from generator.portal.loader import parse_yaml, read_yaml
from generator.portal.problems import ProblemsFound


@pytest.fixture(autouse=True, params=loader.PARSERS, ids=lambda parser: parser.__name__)
def each_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "Parser", request.param)


ANCHOR = "the anchor &{} is not allowed — remove it and write values in full"
ALIAS = "the alias *{} is not allowed — write the value out in full"
TAG = "the tag {} is not allowed — remove it: data files hold plain text, lists and mappings"
KEY = "a key here is not a plain name — write keys as plain words followed by a colon"
TWICE = ("the key '{}' appears twice (first on line {}) — keep one of them; "
         "YAML would silently drop the other")
SECOND = ("a second document starts here (after `---`) — keep one record per file and "
          "remove the `---` line")
YAML_TAG = "tag:yaml.org,2002:"

REFUSED = {
    # anchors, wherever they are put
    "anchor on a plain scalar": ("a: 1\nb: &x plain\n", 2, ANCHOR.format("x")),
    "anchor on a quoted scalar": ("a: &q 'quoted'\n", 1, ANCHOR.format("q")),
    "anchor on an empty value": ("a: 1\nb: &e\n", 2, ANCHOR.format("e")),
    "anchor on a block scalar": ("a: &b |\n  text\n", 1, ANCHOR.format("b")),
    "anchor on a list": ("a:\n  - 1\nb: &l\n  - 2\n", 3, ANCHOR.format("l")),
    "anchor on a flow list": ("a: &l [1, 2]\n", 1, ANCHOR.format("l")),
    "anchor on a mapping": ("a: &m\n  b: 1\n", 1, ANCHOR.format("m")),
    "anchor on a list item": ("a:\n  - x\n  - &i y\n", 3, ANCHOR.format("i")),
    "anchor on a key": ("a: 1\n&k b: 2\n", 2, ANCHOR.format("k")),
    "anchor on a flow key": ("a: {b: 1, &k c: 2}\n", 1, ANCHOR.format("k")),
    "anchor on the document": ("&d\na: 1\n", 1, ANCHOR.format("d")),
    "anchor with a tag": ("a: !!str &t x\n", 1, ANCHOR.format("t")),
    # aliases
    "alias as a value": ("a: 1\nb: *a\n", 2, ALIAS.format("a")),
    "alias as a list item": ("a:\n  - *x\n", 2, ALIAS.format("x")),
    "alias in a flow list": ("a: [1, *x]\n", 1, ALIAS.format("x")),
    "alias as the document": ("*x\n", 1, ALIAS.format("x")),
    "alias as a key": ("a: 1\n*x : 2\n", 2, KEY),
    # merge keys
    "merge of an alias": ("a:\n  <<: *b\n", 2, KEY),
    "merge of a mapping": ("a:\n  <<: {b: 1}\n", 2, KEY),
    "merge in a flow mapping": ("a: {<<: {b: 1}}\n", 1, KEY),
    "merge at the top": ("a: 1\n<<: {b: 1}\n", 2, KEY),
    # keys that are not plain text
    "list as a key": ("a: 1\n? [b]\n: 2\n", 2, KEY),
    "mapping as a key": ("? {b: 1}\n: 2\n", 1, KEY),
    "empty key": ("a: 1\n'': 2\n", 2, KEY),
    # tags
    "tag on a value": ("a: 1\nb: !!int 3\n", 2, TAG.format(YAML_TAG + "int")),
    "python object tag": ("a: !!python/object/apply:os.system ['true']\n", 1,
                          TAG.format(YAML_TAG + "python/object/apply:os.system")),
    "local tag": ("a: !local x\n", 1, TAG.format("!local")),
    "verbatim tag": ("a: !<tag:yaml.org,2002:bool> x\n", 1, TAG.format(YAML_TAG + "bool")),
    "null tag": ("a: !!null x\n", 1, TAG.format(YAML_TAG + "null")),
    "timestamp tag": ("a: !!timestamp 2026-01-01\n", 1, TAG.format(YAML_TAG + "timestamp")),
    "binary tag": ("a: !!binary aGVsbG8=\n", 1, TAG.format(YAML_TAG + "binary")),
    "set tag on a mapping": ("a: !!set\n  b: null\n", 1, TAG.format(YAML_TAG + "set")),
    "omap tag on a list": ("a: !!omap\n  - b: 1\n", 1, TAG.format(YAML_TAG + "omap")),
    "tag on a list item": ("a:\n  - x\n  - !!float 1\n", 3, TAG.format(YAML_TAG + "float")),
    "tag on a key": ("a: 1\n!!int 2: b\n", 2, TAG.format(YAML_TAG + "int")),
    "local tag on a key": ("!k a: 1\n", 1, TAG.format("!k")),
    "tag on the document": ("--- !!omap\n- a: 1\n", 1, TAG.format(YAML_TAG + "omap")),
    # duplicate keys
    "duplicate key": ("a: 1\nb: 2\na: 3\n", 3, TWICE.format("a", 1)),
    "duplicate in a flow mapping": ("a: {b: 1, b: 2}\n", 1, TWICE.format("b", 1)),
    "duplicate nested": ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, TWICE.format("b", 2)),
    "duplicate quoted otherwise": ("a: 1\n'a': 2\n", 2, TWICE.format("a", 1)),
    "duplicate in a list item": ("a:\n  - b: 1\n    b: 2\n", 3, TWICE.format("b", 2)),
    # several documents
    "second document": ("a: 1\n---\nb: 2\n", 2, SECOND),
    "document after an end marker": ("a: 1\n...\n---\nb: 2\n", 3, SECOND),
    "empty second document": ("a: 1\n---\n", 2, SECOND),
    # nesting, characters, syntax
    "nesting beyond the limit": ("a: " + "[" * 40 + "]" * 40 + "\n", 1,
                                 "values are nested more than 32 levels deep — flatten the "
                                 "structure"),
    "control character": ("a: 1\nb: x\x1b\n", 2, "the control character U+001B is not allowed "
                          "— remove it; data files hold printable text only"),
}


@pytest.mark.parametrize(("text", "line", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_each_construct_is_refused_naming_file_line_and_fix(text: str, line: int,
                                                           message: str) -> None:
    with pytest.raises(ProblemsFound) as found:
        parse_yaml(text, "ideas/7.yml")
    assert [str(problem) for problem in found.value.problems] == [f"ideas/7.yml:{line}: {message}"]


@pytest.mark.parametrize(("text", "data"), [
    ("a: !!str x\n", {"a": "x"}), ("a: !!seq [1]\n", {"a": ["1"]}),
    ("a: !!map {b: 1}\n", {"a": {"b": "1"}}), ("a: ! x\n", {"a": "x"}),
    ("'<<': 1\n", {"<<": "1"}), ("a: '&x'\nb: '*y'\n", {"a": "&x", "b": "*y"}),
    ("a: x & y * z\n", {"a": "x & y * z"}), ("? b\n", {"b": None}),
])
def test_what_looks_like_them_but_is_plain_data_is_kept(text: str, data: object) -> None:
    assert parse_yaml(text, "f.yml").data == data


def test_tolerated_tags_give_no_problem_but_no_value_either() -> None:
    document = parse_yaml("a: !!int 3\nb: x\n", "f.yml", tolerate_tags=True)
    assert document.data == {"a": None, "b": "x"}


def test_several_tags_and_duplicates_are_all_named_at_once() -> None:
    with pytest.raises(ProblemsFound) as found:
        parse_yaml("a: !!int 1\nb: 2\nb: 3\nc: !x y\n", "f.yml")
    assert [str(problem) for problem in found.value.problems] == [
        f"f.yml:1: {TAG.format(YAML_TAG + 'int')}", f"f.yml:3: {TWICE.format('b', 2)}",
        f"f.yml:4: {TAG.format('!x')}"]


@pytest.mark.parametrize(("raw", "message"), [
    (b"a: 1\nb: caf\xe9\n", "latin.yml:2: is not valid UTF-8 text — save the file as UTF-8"),
    (b"a: 1\n" + b"b: " + b"x" * loader.MAX_BYTES + b"\n",
     f"latin.yml: is {loader.MAX_BYTES + 9:,} bytes, over the limit of "
     f"{loader.MAX_BYTES:,} — shorten the text or split it; data files hold one record each"),
])
def test_files_are_refused_before_parsing_naming_the_fix(tmp_path: Path, raw: bytes,
                                                        message: str) -> None:
    file = tmp_path / "latin.yml"
    file.write_bytes(raw)
    with pytest.raises(ProblemsFound) as found:
        read_yaml(file, "latin.yml")
    assert [str(problem) for problem in found.value.problems] == [message]


def test_a_link_is_refused_naming_the_fix(tmp_path: Path) -> None:
    (tmp_path / "real.yml").write_text("a: 1\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "real.yml")
    with pytest.raises(ProblemsFound) as found:
        read_yaml(tmp_path / "link.yml", "link.yml")
    assert [str(problem) for problem in found.value.problems] == [
        "link.yml: is a symbolic link — replace it with a regular file"]
