"""The writer's line edits: a file people wrote, changed as a person would change it by hand.

Each test gives a file, the data it should hold afterwards, and the whole text expected,
written out here: the lines whose data changed are rewritten in the writer's style, a new
key goes where the model's field order puts it, and every other line (comments beside and
above entries, blank lines, the way numbers are written) stays byte for byte. Where a
change cannot be placed line by line, the entry, the list item or the whole file is
written afresh, and the tests say which.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.portal.writer import _Unplaceable, dump_yaml, edit_yaml_text


def edited(text: str, after: dict[str, Any]) -> str:
    """`text` edited to hold `after`, the data it holds now read by PyYAML itself."""
    return edit_yaml_text(text, yaml.safe_load(text), after)


def test_a_changed_value_rewrites_its_own_line_and_the_comment_beside_it_goes() -> None:
    """Other lines stay as written, comments beside them too; the comment beside the
    changed value spoke of the old one (for `forget`, perhaps of the person erased)."""
    text = ("# yaml-language-server: $schema=../schema.json\n"
            "title: Soup of the day\n"
            "# who wrote it\n"
            "author: ann  # since May\n"
            "segment: customer\n"
            "points: 0x10\n")
    assert edited(text, {"title": "Soup of the day", "author": "bob", "segment": "customer",
                         "points": 16}) == text.replace("ann  # since May", "bob")
    assert edited(text, {"title": "Soup of the day", "author": "ann", "segment": "employee",
                         "points": 16}) == text.replace("customer", "employee")


def test_a_changed_value_loses_its_trailing_spaces_and_is_quoted_as_yaml_needs() -> None:
    assert edited("a: 1   \nb: x\n", {"a": 2, "b": "x"}) == "a: 2\nb: x\n"
    assert edited("a: 1\nb: x\n", {"a": 1, "b": "no"}) == "a: 1\nb: 'no'\n"


def test_a_value_that_grows_to_several_lines_becomes_a_block() -> None:
    text = "brief: Short.\n\n# next\nnext: 1\n"
    assert edited(text, {"brief": "Line one.\nLine two.\n", "next": 1}) == (
        "brief: |\n  Line one.\n  Line two.\n\n# next\nnext: 1\n")


def test_a_block_of_text_is_replaced_whole_with_the_lines_after_it_kept() -> None:
    text = ("brief: |\n  Old first line.\n\n  # not a comment: part of the text\n"
            "  Old last line.\n\n# about the sponsor\nsponsor: Sam\n")
    assert edited(text, {"brief": "New.\n", "sponsor": "Sam"}) == (
        "brief: |\n  New.\n\n# about the sponsor\nsponsor: Sam\n")
    assert edited(text, {"sponsor": "Sam"}) == "\n# about the sponsor\nsponsor: Sam\n"
    # A line of spaces after a value is the value's: after a block, it would be text.
    assert edited("a: x\n   \n\nb: 1\n", {"a": "x\ny\n", "b": 1}) == "a: |\n  x\n  y\n\nb: 1\n"


def test_a_new_key_goes_before_the_next_key_of_the_model_above_its_comments() -> None:
    text = "title: Soup\n\n# who wrote it\nauthor: ann\n"
    assert edited(text, {"title": "Soup", "summary": "Hot.", "author": "ann"}) == (
        "title: Soup\nsummary: Hot.\n\n# who wrote it\nauthor: ann\n")


def test_a_new_first_key_goes_first_below_the_schema_line() -> None:
    text = "# yaml-language-server: $schema=s.json\nb: 2\nc: 3\n"
    assert edited(text, {"a": 1, "b": 2, "c": 3}) == (
        "# yaml-language-server: $schema=s.json\na: 1\nb: 2\nc: 3\n")


def test_a_new_last_key_goes_after_the_last_entry_before_the_closing_comments() -> None:
    text = "a: 1\nb:\n  - x\n  # still about b\n# the end\n\n"
    assert edited(text, {"a": 1, "b": ["x"], "c": 3}) == (
        "a: 1\nb:\n  - x\n  # still about b\nc: 3\n# the end\n\n")


def test_new_keys_at_one_place_keep_the_models_order() -> None:
    """An idea's first status change adds `status` and `history` before `issue`."""
    text = "title: Soup\nissue: 4\n"
    after = {"title": "Soup", "status": "shortlisted",
             "history": [{"status": "shortlisted", "at": "2026-06-01"}], "issue": 4}
    assert edited(text, after) == (
        "title: Soup\nstatus: shortlisted\nhistory:\n  - status: shortlisted\n"
        "    at: '2026-06-01'\nissue: 4\n")
    assert edited("title: Soup\n", {"title": "Soup", "zeta": 1, "alpha": 2, "mid": 3}) == (
        "title: Soup\nzeta: 1\nalpha: 2\nmid: 3\n")


def test_a_new_key_follows_the_models_order_even_in_a_file_in_another_order() -> None:
    assert edited("b: 2\na: 1\n", {"a": 1, "new": 0, "b": 2}) == "new: 0\nb: 2\na: 1\n"


def test_a_new_key_after_an_entry_that_grows_goes_after_the_entrys_new_lines() -> None:
    """In the model's order `a` comes before `d`, so it is met first; in the file it
    goes after `d`, and so after what `d` gains at its end."""
    text = "d:\n  y: 1\nl:\n- 1\nb: 2\n"
    after = {"a": 0, "b": 2, "d": {"y": 1, "x": 3}, "k": 0, "l": [1, 2]}
    assert edited(text, after) == "d:\n  y: 1\n  x: 3\nk: 0\nl:\n- 1\n- 2\na: 0\nb: 2\n"


def test_a_key_inside_a_nested_mapping_goes_at_its_indentation() -> None:
    text = "sponsor:\n  name: Sam\n  # how to reach Sam\n# dates\ntimeline:\n  open: 1\n"
    after = {"sponsor": {"name": "Sam", "role": "Chef"}, "timeline": {"open": 1}}
    assert edited(text, after) == (
        "sponsor:\n  name: Sam\n  role: Chef\n  # how to reach Sam\n# dates\n"
        "timeline:\n  open: 1\n")
    after = {"sponsor": {"name": "Sam"}, "timeline": {"open": 2, "close": 3}}
    assert edited(text, after) == (
        "sponsor:\n  name: Sam\n  # how to reach Sam\n# dates\ntimeline:\n  open: 2\n  close: 3\n")


def test_a_nested_block_of_text_is_indented_on_every_line_but_its_blank_ones() -> None:
    text = "answers:\n  how-often: Rarely.\n  who: Us.\n"
    after = {"answers": {"how-often": "Often.\n\nVery.\n", "who": "Us."}}
    assert edited(text, after) == (
        "answers:\n  how-often: |\n    Often.\n\n    Very.\n  who: Us.\n")


def test_a_new_key_holding_a_list_is_indented_as_the_writer_writes_lists() -> None:
    text = "sponsor:\n  name: Sam\nnext: 1\n"
    after = {"sponsor": {"name": "Sam", "team": ["ann", "bob"]}, "next": 1}
    assert edited(text, after) == (
        "sponsor:\n  name: Sam\n  team:\n    - ann\n    - bob\nnext: 1\n")


def test_a_file_without_a_final_newline_gets_one_when_a_line_follows_its_last() -> None:
    assert edited("a: 1\nb: 2", {"a": 1, "b": 2, "c": 3}) == "a: 1\nb: 2\nc: 3\n"
    assert edited("a: 1\nl:\n  - 1", {"a": 1, "l": [1, 2]}) == "a: 1\nl:\n  - 1\n  - 2\n"
    assert edited("a: 1\nb: 2", {"a": 0, "b": 2}) == "a: 0\nb: 2\n"


def test_trailing_blank_lines_stay_at_the_end() -> None:
    assert edited("a: 1\nb: 2\n\n\n", {"a": 1, "b": 3}) == "a: 1\nb: 3\n\n\n"
    assert edited("a: 1\nb: 2\n\n\n", {"a": 1, "b": 2, "c": 3}) == "a: 1\nb: 2\nc: 3\n\n\n"


def test_a_removed_key_takes_its_own_lines_and_leaves_the_comments_around_it() -> None:
    text = "a: 1\n# about b\nb:\n  - x\n  # the x\n\n# about c\nc: 3\n"
    assert edited(text, {"a": 1, "c": 3}) == "a: 1\n# about b\n\n# about c\nc: 3\n"
    assert edited(text, {"a": 1, "b": ["x"]}) == (
        "a: 1\n# about b\nb:\n  - x\n  # the x\n\n# about c\n")
    assert edited(text, {"b": ["x"], "c": 3}) == (
        "# about b\nb:\n  - x\n  # the x\n\n# about c\nc: 3\n")


def test_keys_the_file_never_had_are_not_looked_for() -> None:
    """A value the model filled in (`before` holds it, the file does not) is not removed
    from the file, nor does it stop the keys after it from being removed."""
    text = "a: 1\nb: 2\nc: 3\n"
    before = {"a": 1, "filled_in": 0, "b": 2, "c": 3}
    assert edit_yaml_text(text, before, {"a": 1}) == "a: 1\n"
    assert edit_yaml_text(text, before, {"a": 1, "b": 2, "c": 3}) == text


BALLOT = ("voter: ann\n"
          "votes:\n"
          "  # my favourite\n"
          "  - idea: '1'\n"
          "    at: 2026-07-01T10:00:00Z  # from the reaction\n"
          "    via: reaction\n"
          "  - idea: '2'\n"
          "    at: 2026-07-02T10:00:00Z\n"
          "    via: comment\n"
          "    # points: 2 (budget voting only)\n"
          "\n"
          "# the end\n")
FIRST = {"idea": "1", "at": datetime(2026, 7, 1, 10, tzinfo=UTC), "via": "reaction"}
SECOND = {"idea": "2", "at": datetime(2026, 7, 2, 10, tzinfo=UTC), "via": "comment"}
THIRD = {"idea": "3", "at": datetime(2026, 7, 3, 10, tzinfo=UTC), "via": "ballot"}


def test_an_item_added_goes_after_the_last_with_the_lists_indentation() -> None:
    assert edited(BALLOT, {"voter": "ann", "votes": [FIRST, SECOND, THIRD]}) == BALLOT.replace(
        "\n\n# the end", "\n  - idea: '3'\n    at: 2026-07-03T10:00:00Z\n    via: ballot\n"
                         "\n# the end")
    assert edited("jury:\n- judy\n# deputies\n", {"jury": ["judy", "jack", "jill"]}) == (
        "jury:\n- judy\n- jack\n- jill\n# deputies\n")


def test_an_item_removed_takes_its_own_lines_only() -> None:
    assert edited(BALLOT, {"voter": "ann", "votes": [FIRST]}) == (
        "voter: ann\nvotes:\n  # my favourite\n  - idea: '1'\n"
        "    at: 2026-07-01T10:00:00Z  # from the reaction\n    via: reaction\n\n# the end\n")
    assert edited(BALLOT, {"voter": "ann", "votes": [SECOND]}) == (
        "voter: ann\nvotes:\n  # my favourite\n  - idea: '2'\n    at: 2026-07-02T10:00:00Z\n"
        "    via: comment\n    # points: 2 (budget voting only)\n\n# the end\n")
    jury = "jury:\n  - judy  # chair\n  - jack\n  # jill stands in for jack\n  - jill\n  - joe\n"
    assert edited(jury, {"jury": ["judy", "jill"]}) == (
        "jury:\n  - judy  # chair\n  # jill stands in for jack\n  - jill\n")
    assert edited(jury, {"jury": ["jack", "joe"]}) == (
        "jury:\n  - jack\n  # jill stands in for jack\n  - joe\n")


def test_of_two_equal_items_the_later_is_taken_out() -> None:
    jury = "jury:\n  - judy\n  - jack  # first\n  - jack  # second\n"
    assert edited(jury, {"jury": ["judy", "jack"]}) == "jury:\n  - judy\n  - jack  # first\n"
    jury = "jury:\n  - judy  # first\n  - jack\n  - judy  # second\n"
    assert edited(jury, {"jury": ["judy", "jack"]}) == "jury:\n  - judy  # first\n  - jack\n"


def test_a_list_emptied_is_written_as_an_empty_list() -> None:
    assert edited("jury:\n  - judy\n  - jack\nnext: 1\n", {"jury": [], "next": 1}) == (
        "jury: []\nnext: 1\n")


def test_a_changed_item_rewrites_its_own_lines_and_the_comment_beside_it_goes() -> None:
    jury = "jury:\n  - judy\n  - kofi  # Kofi Mensah, head baker\n  - jack\n"
    assert edited(jury, {"jury": ["judy", "former-juror-1", "jack"]}) == (
        "jury:\n  - judy\n  - former-juror-1\n  - jack\n")
    assert edited(jury, {"jury": ["jack", "kofi", "judy"]}) == (
        "jury:\n  - jack\n  - kofi  # Kofi Mensah, head baker\n  - judy\n")


def test_a_changed_mapping_item_is_edited_key_by_key_below_its_dash() -> None:
    changed = {**SECOND, "via": "ballot", "points": 2}
    assert edited(BALLOT, {"voter": "ann", "votes": [FIRST, changed]}) == BALLOT.replace(
        "    via: comment\n", "    via: ballot\n    points: 2\n")
    moved = {**FIRST, "at": datetime(2026, 7, 1, 11, tzinfo=UTC)}
    assert edited(BALLOT, {"voter": "ann", "votes": [moved, SECOND]}) == BALLOT.replace(
        "10:00:00Z  # from the reaction", "11:00:00Z")


def test_an_item_whose_first_key_changes_is_rewritten_whole_with_its_dash() -> None:
    """The first key shares its line with the item's dash: rewriting, removing or putting
    a key before it would take the dash away."""
    votes = "votes:\n  - idea: '1'  # first\n    via: reaction\n  - idea: '2'\n"
    after = [{"idea": "9", "via": "reaction"}, {"idea": "2"}]
    assert edited(votes, {"votes": after}) == (
        "votes:\n  - idea: '9'\n    via: reaction\n  - idea: '2'\n")
    assert edited(votes, {"votes": [{"via": "reaction"}, {"idea": "2"}]}) == (
        "votes:\n  - via: reaction\n  - idea: '2'\n")
    assert edited(votes, {"votes": [{"at": 1, "idea": "1", "via": "reaction"},
                                    {"idea": "2"}]}) == (
        "votes:\n  - at: 1\n    idea: '1'\n    via: reaction\n  - idea: '2'\n")


def test_an_item_not_written_as_a_block_mapping_is_rewritten_whole() -> None:
    votes = "votes:\n  - {idea: '1', via: reaction}\n  - plain\n"
    assert edited(votes, {"votes": [{"idea": "1", "via": "ballot"}, "plain"]}) == (
        "votes:\n  - idea: '1'\n    via: ballot\n  - plain\n")
    assert edited(votes, {"votes": [{"idea": "1", "via": "reaction"}, {"idea": "2"}]}) == (
        "votes:\n  - {idea: '1', via: reaction}\n  - idea: '2'\n")


def test_a_list_that_changes_length_otherwise_than_at_its_end_is_rewritten_whole() -> None:
    """Items added at the end, or taken out, are placed line by line; anything else that
    changes the length rewrites the list."""
    text = "# who\njury:  # three at most\n  - judy\n  - jack\n# next\nnext: 1\n"
    assert edited(text, {"jury": ["jack", "jill", "joe"], "next": 1}) == (
        "# who\njury:\n  - jack\n  - jill\n  - joe\n# next\nnext: 1\n")
    assert edited(text, {"jury": ["jill"], "next": 1}) == (
        "# who\njury:\n  - jill\n# next\nnext: 1\n")
    assert edited(text, {"jury": ["judy", "jack", "jill"], "next": 1}) == (
        "# who\njury:  # three at most\n  - judy\n  - jack\n  - jill\n# next\nnext: 1\n")


def test_a_list_whose_items_do_not_start_on_their_dashs_line_is_rewritten_whole() -> None:
    text = "votes:\n  -\n    my-idea: '1'\n  - idea: '2'\nnext: 1\n"
    after = {"votes": [{"my-idea": "1"}, {"idea": "2"}, {"idea": "3"}], "next": 1}
    assert edited(text, after) == (
        "votes:\n  - my-idea: '1'\n  - idea: '2'\n  - idea: '3'\nnext: 1\n")
    text = "votes:\n  - idea: '1'\n  -\n    idea: '2'\nnext: 1\n"
    assert edited(text, {"votes": [{"idea": "1"}], "next": 1}) == (
        "votes:\n  - idea: '1'\nnext: 1\n")


def test_a_list_the_file_holds_otherwise_than_before_says_is_rewritten_whole() -> None:
    text = "jury:\n  - judy\n  - jack\n"
    assert edit_yaml_text(text, {"jury": ["judy"]}, {"jury": ["judy", "jill"]}) == (
        "jury:\n  - judy\n  - jill\n")


def test_flow_collections_are_rewritten_as_blocks() -> None:
    text = "tags: [bread, soup]\nsponsor: {name: Sam}\nnext: 1\n"
    after = {"tags": ["bread", "tea"], "sponsor": {"name": "Sam"}, "next": 1}
    assert edited(text, after) == "tags:\n  - bread\n  - tea\nsponsor: {name: Sam}\nnext: 1\n"
    after = {"tags": ["bread", "soup"], "sponsor": {"name": "Sam", "role": "Chef"}, "next": 1}
    assert edited(text, after) == (
        "tags: [bread, soup]\nsponsor:\n  name: Sam\n  role: Chef\nnext: 1\n")


def test_a_value_that_changes_kind_is_rewritten_whole() -> None:
    text = "a: 1\nb:\n  c: 2\n  d: 3\ne: 4\n"
    assert edited(text, {"a": [1, 2], "b": {"c": 2, "d": 3}, "e": 4}) == (
        "a:\n  - 1\n  - 2\nb:\n  c: 2\n  d: 3\ne: 4\n")
    assert edited(text, {"a": 1, "b": "flat", "e": 4}) == "a: 1\nb: flat\ne: 4\n"
    assert edited(text, {"a": 1, "b": ["c"], "e": 4}) == "a: 1\nb:\n  - c\ne: 4\n"
    assert edited("a:\n  - 1\n", {"a": {"x": 1}}) == "a:\n  x: 1\n"


def test_what_is_not_a_block_mapping_at_the_top_cannot_be_edited() -> None:
    for text, data in [("{a: 1}\n", {"a": 1}), ("- 1\n", [1]), ("", None), ("# only\n", None)]:
        with pytest.raises(_Unplaceable):
            edit_yaml_text(text, data, {"a": 2})


# Texts as the writer meets them, but for one kind it cannot edit in place (see
# test_writer_files.py): a text ending in a blank line, which it writes with `|+`.
texts = st.text(st.sampled_from("ab #:-'\"|\n"), max_size=12).filter(
    lambda text: not text.endswith("\n\n"))
values = st.recursive(
    texts | st.integers(-2, 2),
    lambda inner: st.lists(inner, min_size=1, max_size=3) | st.dictionaries(
        st.sampled_from("xyz"), inner, min_size=1, max_size=3),
    max_leaves=8)
records = st.dictionaries(st.sampled_from("abcd"), values, min_size=1, max_size=4)


def with_comments(text: str, places: list[tuple[int, int]]) -> str:
    """`text` with a comment line, or a blank line, put before some of its lines."""
    lines = text.splitlines(keepends=True)
    for line, indent in sorted(places, reverse=True):
        lines.insert(min(line, len(lines)), " " * indent + ("# note\n" if indent < 5 else "\n"))
    return "".join(lines)


def reads_as(text: str, data: dict[str, Any]) -> bool:
    try:
        return bool(yaml.safe_load(text) == data)
    except yaml.YAMLError:
        return False


@pytest.mark.fuzz
@given(before=records, after=records,
       places=st.lists(st.tuples(st.integers(0, 12), st.integers(0, 5)), max_size=4))
def test_any_edit_of_a_written_file_reads_back_as_the_new_data(
        before: dict[str, Any], after: dict[str, Any], places: list[tuple[int, int]]) -> None:
    text = "# kept\n" + with_comments(dump_yaml(before), places)
    assume(reads_as(text, before))  # a comment inside a block of text ends it
    result = edit_yaml_text(text, before, after)
    assert yaml.safe_load(result) == after
    assert result.startswith("# kept\n")
    assert edit_yaml_text(text, before, before) == text
