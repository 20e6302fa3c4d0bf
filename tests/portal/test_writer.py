"""The writer: deterministic bytes, and the strict loader reads back what it wrote."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.models import Ballot, Idea
from generator.portal.loader import parse_yaml
from generator.portal.writer import dump_model, dump_yaml

TRICKY = ["\u2028", "\u2029", "\x85", "---", "...", "&", "*", "#", " ", "\t", "\r\n", "😀",
          ": ", "- ", "'", '"', "|", ">", "%", "@", "`", "!", "\ufeff", "\n"]
# Any text, built from arbitrary characters and the pieces YAML gives meaning to.
texts = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_categories=["Cs"]), st.sampled_from(TRICKY)),
    max_size=40,
).map("".join)
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
data = st.recursive(
    texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


@given(texts)
@example("line one\u2028line two")
@example("---\n...\n")
@example("  leading spaces\nand more")
@example("# not a comment")
@example("&anchor *alias")
@example("emoji 🥐☕ and accents: crème brûlée")
@example("trailing newlines\n\n\n")
@example("x" * 200)
@settings(max_examples=500)
def test_any_text_round_trips(text: str) -> None:
    assert parse_yaml(dump_yaml({"text": text}), "f.yml").data == {"text": text}


@given(data)
@settings(max_examples=300)
def test_any_structure_of_text_round_trips(value: object) -> None:
    assert parse_yaml(dump_yaml({"value": value}), "f.yml").data == {"value": value}


@given(data)
def test_the_same_data_gives_the_same_bytes(value: object) -> None:
    """Written, read back and written again: the same bytes, so a bot's rewrite of an
    unchanged file changes nothing."""
    written = dump_yaml({"value": value})
    assert dump_yaml(parse_yaml(written, "f.yml").data) == written


def test_never_writes_anchors_for_shared_values() -> None:
    shared = {"idea": "42"}
    text = dump_yaml({"votes": [shared, shared]})
    assert "&" not in text and "*" not in text


def test_keeps_unicode_as_text_and_long_text_as_a_block() -> None:
    text = dump_yaml({"title": "Pain au chocolat 🥐", "brief": "First line.\nSecond line.\n"})
    assert text == "title: Pain au chocolat 🥐\nbrief: |\n  First line.\n  Second line.\n"


def test_quotes_what_yaml_1_1_would_misread() -> None:
    assert dump_yaml({"a": "no", "b": "012", "c": "1.10"}) == "a: 'no'\nb: '012'\nc: '1.10'\n"


def test_writes_a_model_in_field_order_and_reads_back_equal() -> None:
    ballot = Ballot(
        voter="alice",
        account_created=datetime(2019, 5, 1, 10, 0, tzinfo=UTC),
        votes=[{"idea": "42", "at": datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
                "via": "reaction"}],
    )
    text = dump_model(ballot, schema="../../../content/schemas/ballot.schema.json")
    assert text == (
        "# yaml-language-server: $schema=../../../content/schemas/ballot.schema.json\n"
        "voter: alice\n"
        "account_created: 2019-05-01T10:00:00Z\n"
        "votes:\n"
        "  - idea: '42'\n"
        "    at: 2026-11-20T10:00:00Z\n"
        "    via: reaction\n"
    )
    assert Ballot.model_validate(parse_yaml(text, "f.yml").data) == ballot


@given(title=texts.filter(lambda t: t.strip() and "\n" not in t and len(t) <= 200),
       problem=texts.filter(lambda t: t.strip() != "" and len(t) <= 2000))
@settings(max_examples=200)
def test_an_idea_with_any_text_survives_a_write_and_read(title: str, problem: str) -> None:
    try:
        idea = Idea(title=title, challenge="c", author="alice", segment="customer",
                    submitted=date(2026, 1, 1), summary="s", problem=problem, proposal="p")
    except ValidationError as refused:
        # Text the model refuses never reaches the writer; the refusal names its field.
        assert {error["loc"][0] for error in refused.errors()} <= {"title", "problem"}
        return
    assert Idea.model_validate(parse_yaml(dump_model(idea), "f.yml").data) == idea
