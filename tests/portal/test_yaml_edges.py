"""The strict YAML loader and the writer at their edges, and `/vote` read from a comment.

Every refusal is checked in full (line, what, how to fix), every value at the edge of
a rule (the nulls, the nesting limit, the byte limit, the line width) is checked on
both sides, and the writer's choice of style is checked on the text it writes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.github.votes.command import Command, find_command, find_malformed
from generator.models import Ballot
from generator.portal.loader import MAX_BYTES, MAX_DEPTH, PARSERS, parse_yaml, read_yaml
from generator.portal.problems import Problem, ProblemsFound
from generator.portal.writer import LINE_WIDTH, dump_model, dump_yaml, plain_data


def refusals(text: str, **options: bool) -> list[tuple[int, str, str]]:
    with pytest.raises(ProblemsFound) as raised:
        parse_yaml(text, "x.yml", **options)
    return [(p.line, p.message, p.hint) for p in raised.value.problems]


def test_only_a_plain_empty_tilde_or_null_is_none() -> None:
    text = ("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nULL\ng: 'null'\nh: \"\"\ni: !!str null\n"
            "j: ! null\nk: no\n")
    assert parse_yaml(text, "x.yml").data == {
        "a": None, "b": None, "c": None, "d": None, "e": None, "f": "nULL", "g": "null",
        "h": "", "i": "null", "j": "null", "k": "no"}
    assert parse_yaml("", "x.yml").data is None
    assert parse_yaml("- ~\n- [~, x]\n", "x.yml").data == [None, [None, "x"]]


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


def test_values_nest_to_the_limit_and_no_deeper() -> None:
    data = parse_yaml(nested(MAX_DEPTH), "x.yml").data
    for _ in range(MAX_DEPTH - 1):
        data = data[0]
    assert data == ["x"]
    assert refusals(nested(MAX_DEPTH + 1)) == [
        (1, f"values are nested more than {MAX_DEPTH} levels deep", "flatten the structure")]
    mapping = "".join("{a: " for _ in range(MAX_DEPTH + 1)) + "x" + "}" * (MAX_DEPTH + 1)
    assert refusals(mapping)[0][1] == f"values are nested more than {MAX_DEPTH} levels deep"


def test_anchors_aliases_and_second_documents_are_refused_where_they_are() -> None:
    assert refusals("a: 1\nb: &x 2\n") == [
        (2, "the anchor &x is not allowed", "remove it and write values in full")]
    assert refusals("a: 1\nb: [1, *x]\n") == [
        (2, "the alias *x is not allowed", "write the value out in full")]
    assert refusals("a: 1\n---\nb: 2\n") == [
        (2, "a second document starts here (after `---`)",
         "keep one record per file and remove the `---` line")]


def test_a_key_must_be_a_plain_name_though_a_quoted_merge_sign_is_text() -> None:
    hint = "write keys as plain words followed by a colon"
    for text in ("a: 1\n? [x]\n: 2\n", "a: 1\n'': 2\n", "a: 1\n<<: {b: 2}\n"):
        assert refusals(text) == [(2, "a key here is not a plain name", hint)], text
    assert parse_yaml("'<<': 2\n", "x.yml").data == {"<<": "2"}


def test_every_duplicate_key_is_named_with_the_line_of_the_first() -> None:
    hint = "keep one of them; YAML would silently drop the other"
    assert refusals("a: 1\nb: 2\na: 3\nb:\n  c: 4\n") == [
        (3, "the key 'a' appears twice (first on line 1)", hint),
        (4, "the key 'b' appears twice (first on line 2)", hint)]


def test_every_tag_is_named_unless_tolerated() -> None:
    hint = "remove it: data files hold plain text, lists and mappings"
    assert refusals("a: !!int 1\nb: !!python/tuple [1]\n") == [
        (1, "the tag tag:yaml.org,2002:int is not allowed", hint),
        (2, "the tag tag:yaml.org,2002:python/tuple is not allowed", hint)]
    tolerated = parse_yaml("a: !ENV X\nb: !!str 1\nc: !!map {d: e}\n", "x.yml",
                           tolerate_tags=True)
    assert tolerated.data == {"a": None, "b": "1", "c": {"d": "e"}}


def test_a_syntax_error_says_where_and_what() -> None:
    [(line, message, hint)] = refusals("a: 1\nb: [1, 2\nc: 3\n")
    assert line == 3
    # The context, then the problem (libyaml and PyYAML word the problem a little apart).
    assert message.startswith("while parsing a flow sequence, ")
    assert message.endswith("expected ',' or ']'")
    assert hint == "check the indentation and quoting on this line and the one above"


def test_a_control_character_is_named_with_its_line() -> None:
    assert refusals("a: 1\nb: x\x07y\n") == [
        (2, "the control character U+0007 is not allowed",
         "remove it; data files hold printable text only")]


def test_lines_are_found_for_the_deepest_part_that_exists() -> None:
    document = parse_yaml("a: 1\nb:\n  - x\n  - c: 2\n", "x.yml")
    assert document.line_of(("b", 1, "c")) == 4
    assert document.line_of(("b", 0)) == 3
    assert document.line_of(("b", 7, "zz")) == 2
    assert document.line_of(("nowhere",)) == 1
    assert parse_yaml("", "x.yml").line_of(("a",)) == 1


def test_both_parsers_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(PARSERS) >= 1
    text = "a: [1, {b: ~}]\nc: |\n  x\n"
    results = []
    for parser in PARSERS:
        monkeypatch.setattr("generator.portal.loader.Parser", parser)
        results.append(parse_yaml(text, "x.yml").data)
    assert all(result == {"a": ["1", {"b": None}], "c": "x\n"} for result in results)


def test_a_file_is_refused_if_a_link_too_big_or_not_utf8(tmp_path: Path) -> None:
    def raised_by(file: Path, max_bytes: int = MAX_BYTES) -> list[Problem]:
        with pytest.raises(ProblemsFound) as raised:
            read_yaml(file, "shown.yml", max_bytes=max_bytes)
        return raised.value.problems

    def refused(file: Path, max_bytes: int = MAX_BYTES) -> list[tuple[int, str, str]]:
        return [(p.line, p.message, p.hint) for p in raised_by(file, max_bytes)]

    file = tmp_path / "a.yml"
    file.write_bytes(b"a: 1\nb: 2\n")  # 10 bytes
    assert read_yaml(file, "shown.yml", max_bytes=10).data == {"a": "1", "b": "2"}
    assert refused(file, max_bytes=9) == [
        (0, "is 10 bytes, over the limit of 9",
         "shorten the text or split it; data files hold one record each")]
    big = tmp_path / "big.yml"
    big.write_bytes(b"a: " + b"x" * 300_000)
    assert refused(big)[0][1] == "is 300,003 bytes, over the limit of 262,144"
    link = tmp_path / "link.yml"
    link.symlink_to(file)
    assert refused(link) == [(0, "is a symbolic link", "replace it with a regular file")]
    assert [p.path for p in raised_by(link) + raised_by(big)] == ["shown.yml", "shown.yml"]
    tagged = tmp_path / "tagged.yml"
    tagged.write_text("a: !!int 1\n", "utf-8")
    assert refused(tagged)[0][1] == "the tag tag:yaml.org,2002:int is not allowed"
    assert read_yaml(tagged, "shown.yml", tolerate_tags=True).data == {"a": None}
    latin = tmp_path / "latin.yml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    assert refused(latin) == [(2, "is not valid UTF-8 text", "save the file as UTF-8")]


# -- the writer -----------------------------------------------------------------------------

def test_text_is_written_in_the_style_that_reads_back_the_same() -> None:
    long = "word " * 17 + "end"  # 88 characters: fits on the line
    assert len(long) == LINE_WIDTH
    assert dump_yaml({"a": long}) == f"a: {long}\n"
    longer = long + "s"
    assert dump_yaml({"a": longer}) == f"a: |-\n  {longer}\n"
    assert dump_yaml({"a": "one\ntwo\n"}) == "a: |\n  one\n  two\n"
    assert dump_yaml({"a": "trailing \nspace"}) == "a: \"trailing \\nspace\"\n"
    # Too long for a line, but ending in a space: folded in single quotes, not a block
    # (at the first space past the width: 4 + 17 × 5 - 1 = 88 is not past it).
    assert dump_yaml({"a": "word " * 30}) == (
        "a: '" + " ".join(["word"] * 18) + "\n  " + " ".join(["word"] * 12) + " '\n")
    assert dump_yaml({"a": "tab\t\nend"}) == "a: \"tab\\t\\nend\"\n"
    assert dump_yaml({"a": "\n\n"}) == "a: '\n\n\n  '\n"
    assert dump_yaml({"a": "<<"}) == "a: '<<'\n"
    assert dump_yaml({"a": "x\ry"}) == "a: \"x\\ry\"\n"
    assert dump_yaml({"a": "x\u2028y"}) == "a: \"x\\Ly\"\n"
    assert dump_yaml({"a": "😀 é"}) == "a: 😀 é\n"
    # Only trailing spaces and tabs keep a text out of a block; leading ones do not.
    assert dump_yaml({"a": "one\ntwo\u00a0"}) == "a: |-\n  one\n  two\u00a0\n"
    assert dump_yaml({"a": "TAX\nBOX"}) == "a: |-\n  TAX\n  BOX\n"
    assert dump_yaml({"a": "  two\nlines"}) == "a: |2-\n    two\n  lines\n"
    for text in (longer, "one\ntwo\n", "one\ntwo\u00a0", "  two\nlines", "trailing \nspace",
                 "\n\n", "<<", "x\ry", "x\u2028y", "x\x85y", "\ufeffx", "x\u2029y"):
        assert parse_yaml(dump_yaml({"a": text}), "x.yml").data == {"a": text}, repr(text)


def test_moments_and_days_are_written_as_iso_timestamps() -> None:
    paris = timezone(timedelta(hours=1))
    assert dump_yaml({"a": datetime(2026, 7, 1, 9, 30, tzinfo=UTC)}) == "a: 2026-07-01T09:30:00Z\n"
    assert dump_yaml({"a": datetime(2026, 7, 1, 9, 30, tzinfo=paris)}) == (
        "a: 2026-07-01T09:30:00+01:00\n")
    assert dump_yaml({"a": datetime(2026, 7, 1, 9, 30)}) == "a: 2026-07-01T09:30:00\n"
    assert dump_yaml({"a": date(2026, 7, 1)}) == "a: 2026-07-01\n"


def test_lists_are_indented_under_their_key_and_nothing_is_shared() -> None:
    shared = ["x"]
    assert dump_yaml({"a": shared, "b": shared, "c": {"d": [1]}}) == (
        "a:\n  - x\nb:\n  - x\nc:\n  d:\n    - 1\n")


def test_a_model_is_written_in_field_order_without_defaults_and_with_its_schema() -> None:
    ballot = Ballot.model_validate({"voter": "ada", "votes": [
        {"idea": "1", "at": "2026-07-01T09:30:00Z", "via": "comment"}]})
    assert plain_data(ballot) == {"voter": "ada", "votes": [
        {"idea": "1", "at": datetime(2026, 7, 1, 9, 30, tzinfo=UTC), "via": "comment"}]}
    assert type(plain_data(ballot)["votes"][0]["via"]) is str
    assert dump_model(ballot, schema="../ballot.schema.json") == (
        "# yaml-language-server: $schema=../ballot.schema.json\n"
        "voter: ada\nvotes:\n  - idea: '1'\n    at: 2026-07-01T09:30:00Z\n    via: comment\n")
    assert dump_model(ballot).startswith("voter: ada\n")


# -- /vote ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "command"), [
    ("/vote", Command("vote", None)),
    ("/VOTE 3", Command("vote", 3)),
    ("/vote\t12", Command("vote", 12)),
    ("  /unvote  ", Command("unvote", None)),
    ("/vote 9999", Command("vote", 9999)),
    ("Great idea!\n/vote 2\n/unvote", Command("vote", 2)),
    ("/unvote\n\n/vote 2", Command("unvote", None)),
    ("Nice.\n\n/vote 1", Command("vote", 1)),
])
def test_a_command_on_a_line_of_its_own_at_top_level_is_read(body: str,
                                                             command: Command) -> None:
    assert find_command(body) == command


@pytest.mark.parametrize("body", [
    None, "", "/vote 10000", "/votes", "/vote 2 please", "I /vote", "> /vote",
    "- /vote", "    /vote", "```\n/vote\n```", "`/vote`", "*/vote*", "# /vote",
    "<!-- /vote -->", "/vote <b>x</b>", "[/vote](https://x)", "| a |\n|---|\n/vote",
    "X/voteX",
])
def test_a_command_anywhere_else_is_not_read(body: str | None) -> None:
    assert find_command(body) is None


@pytest.mark.parametrize(("body", "malformed"), [
    ("/vote trois", "/vote trois"),
    ("Thanks!\n  /VOTE 2.5\t", "/VOTE 2.5"),
    ("/unvote please", "/unvote please"),
    ("/vote 10000", "/vote 10000"),
    ("/vote 2 please", "/vote 2 please"),
    ("/vote\n\n/vote x", "/vote x"),
])
def test_a_mistyped_command_at_top_level_is_found_as_typed(body: str, malformed: str) -> None:
    assert find_malformed(body) == malformed


@pytest.mark.parametrize("body", [
    None, "", "/vote", "/vote 3", " /unvote ", "/votes 2", "I /vote x", "> /vote x",
    "`/vote x`", "```\n/vote x\n```", "/votex", "Nice idea",
])
def test_a_command_or_plain_text_is_not_mistyped(body: str | None) -> None:
    assert find_malformed(body) is None
