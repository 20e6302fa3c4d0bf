"""Text from strangers at its edges: the sanitiser's exact output, a text beyond the
renderer's limits, and issue-form bodies that GitHub or a person could write.

Each case states the output in full, so a change to what is kept, escaped or dropped
shows up here (tests/site/test_usertext.py and tests/github/test_issueform.py hold the broad cases).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.contest.words import quote
from generator.github.forms.answers import (
    FormField,
    FormSpec,
    check_answers,
    read_answers,
    split_sections,
)
from generator.models.text_limits import MAX_BRACKETS
from generator.portal.problems import ProblemsFound
from generator.site.usertext import render_user_markdown


def test_nothing_renders_as_nothing() -> None:
    assert render_user_markdown(None) == ""
    assert render_user_markdown("") == ""


def test_a_link_keeps_its_address_and_title_and_is_marked_as_user_content() -> None:
    assert render_user_markdown('[menu](https://example.com/m "The menu")') == (
        '<p><a href="https://example.com/m" title="The menu" rel="nofollow noopener ugc">'
        "menu</a></p>")


def test_a_link_to_a_scheme_outside_the_list_loses_its_address() -> None:
    for address in ("javascript:alert(1)", "data:text/html,x", "ftp://example.com/"):
        assert render_user_markdown(f"[x]({address})") == (
            '<p><a rel="nofollow noopener ugc">x</a></p>'), address
    assert render_user_markdown("[mail](mailto:a@example.com)") == (
        '<p><a href="mailto:a@example.com" rel="nofollow noopener ugc">mail</a></p>')


def test_markdown_that_would_make_a_disallowed_tag_keeps_only_its_text() -> None:
    # An image and a top-level heading are Markdown, but not tags user text may hold.
    assert render_user_markdown("![cat](https://example.com/cat.png)\n\n# Big") == (
        "<p></p>\nBig")


def test_every_allowed_tag_survives_the_sanitiser() -> None:
    text = ("text\n\n***\n\n> quote\n\n    code\n\n1. one\n\nbetween\n\n- a\n\n### h3\n\n"
            "###### h6\n\n`c`  \nbreak *em* **strong**")
    assert render_user_markdown(text) == (
        "<p>text</p>\n<hr>\n<blockquote>\n<p>quote</p>\n</blockquote>\n"
        "<pre><code>code\n</code></pre>\n<ol>\n<li>one</li>\n</ol>\n<p>between</p>\n<ul>\n<li>a</li>\n</ul>\n"
        "<h3>h3</h3>\n<h6>h6</h6>\n"
        "<p><code>c</code><br>\nbreak <em>em</em> <strong>strong</strong></p>")


def test_html_typed_in_the_text_stays_text_exactly() -> None:
    assert render_user_markdown("a <b>bold</b> & <img src=x onerror=alert(1)> **b**") == (
        "<p>a &lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt; "
        "<strong>b</strong></p>")


def test_a_text_beyond_the_limits_is_shown_as_typed_in_plain_paragraphs() -> None:
    brackets = "[" * (MAX_BRACKETS + 1)
    text = f"\n\n{brackets} <b>&lt; & **not bold**\n\nsecond\n\n"
    assert render_user_markdown(text) == (
        f"<p>{brackets} &lt;b&gt;&lt; &amp; **not bold**</p>\n<p>second</p>")


def test_plain_prose_skips_the_converter_and_keeps_its_paragraphs() -> None:
    assert render_user_markdown("\nOne line.\nTwo lines.\n\n\nAnother.\n") == (
        "<p>One line.\nTwo lines.</p>\n<p>Another.</p>")
    assert render_user_markdown("Xylophone music, XX") == "<p>Xylophone music, XX</p>"


def test_a_text_beyond_the_limits_keeps_its_leading_spaces() -> None:
    brackets = "[" * (MAX_BRACKETS + 1)
    assert render_user_markdown(f"  {brackets}X") == f"<p>  {brackets}X</p>"


# -- issue forms ------------------------------------------------------------------------------

SPEC = FormSpec("Idea", (
    FormField("title", "input", "Title", required=True),
    FormField("story", "textarea", "Story"),
    FormField("ok", "checkboxes", "Agreement", options=("I agree", "Share"),
              required_options=("I agree",)),
    FormField("kind", "dropdown", "Kind", options=("Soup", "Bread")),
    FormField("tags", "dropdown", "Tags", multiple=True, options=("a", "b")),
    FormField("free", "dropdown", "Anything"),
    FormField("box", "input", "Box X"),
))


def test_a_field_is_found_by_its_id() -> None:
    assert SPEC.field("kind") == SPEC.fields[3]
    assert SPEC.field("nothing") is None


def test_old_mac_line_ends_are_line_ends() -> None:
    body = "### Title\r\rSoup\r### Story\r\r  indented\r\rmore\r"
    assert split_sections(body, SPEC) == {"title": "Soup", "story": "  indented\n\nmore"}


def test_a_fence_closes_only_on_its_own_character_and_length() -> None:
    body = ("### Story\n\n````\n### Title\n\n```\n~~~~\n### Kind\n````\nafter\n"
            "### Title\n\nSoup")
    assert split_sections(body, SPEC) == {
        "story": "````\n### Title\n\n```\n~~~~\n### Kind\n````\nafter", "title": "Soup"}
    tilde = "### Story\n\n~~~\n### Title\n~~~ not a close\n~~~\n### Title\n\nSoup"
    assert split_sections(tilde, SPEC) == {
        "story": "~~~\n### Title\n~~~ not a close\n~~~", "title": "Soup"}


def test_a_heading_may_close_with_hashes_and_spaces() -> None:
    assert split_sections("### Title ##  \n\nSoup", SPEC) == {"title": "Soup"}
    assert split_sections("### BOX X\n\nfull", SPEC) == {"box": "full"}
    assert split_sections("### Title\n\nX marks the spot X\n", SPEC) == {
        "title": "X marks the spot X"}


def test_answers_take_the_shape_of_their_field() -> None:
    body = ("### Title\n\n  Soup  \n\n### Story\n\n  a story  \n\n### Kind\n\nNone\n\n"
            "### Tags\n\na, , b\n\n### Agreement\n\n- [x] I agree\n- [ ] Share\n* [X] Late")
    assert read_answers(body, SPEC).values == {
        "title": "Soup", "story": "  a story", "kind": None, "tags": ["a", "b"],
        "ok": ["I agree", "Late"]}
    empty = read_answers("### Tags\n\n_No response_\n\n### Kind\n\n", SPEC).values
    assert empty == {"tags": [], "kind": None}
    assert read_answers("### Tags\n\n### Title\n\n", SPEC).values == {
        "tags": [], "title": None}


def test_an_unticked_required_box_is_named() -> None:
    answers = read_answers("### Title\n\nSoup\n\n### Agreement\n\n- [ ] I agree", SPEC)
    assert [str(p) for p in check_answers(answers, SPEC)] == [
        "Agreement: “I agree” is not ticked — edit the issue and tick it (`- [x]`); we can "
        "only publish it then"]


def test_an_optional_dropdown_left_empty_or_without_options_is_no_problem() -> None:
    answers = read_answers("### Title\n\nSoup\n\n### Agreement\n\n- [x] I agree\n\n"
                           "### Kind\n\n_No response_\n\n### Anything\n\nwhatever", SPEC)
    assert check_answers(answers, SPEC) == []


def test_a_choice_not_on_the_list_suggests_the_closest_or_lists_them_all() -> None:
    answers = read_answers("### Title\n\nSoup\n\n### Kind\n\nSoupe\n\n### Tags\n\nzzz, a\n\n"
                           "### Agreement\n\n- [x] I agree", SPEC)
    assert [str(p) for p in check_answers(answers, SPEC)] == [
        "Kind: `Soupe` is not one of the choices — did you mean “Soup”?",
        "Tags: `zzz` is not one of the choices — choose one of: “a”, “b”"]


def test_an_ordered_list_keeps_no_attribute_but_a_links() -> None:
    # Markdown writes `start="3"`; only a link's address and title are kept.
    assert render_user_markdown("3. three\n4. four") == (
        "<ol>\n<li>three</li>\n<li>four</li>\n</ol>")


def test_user_text_echoed_back_is_one_line_of_inline_code_of_at_most_80_characters() -> None:
    assert quote("a `b`\n\n  c") == "`a 'b' c`"
    assert quote("") == "(nothing)" and quote(" \n ") == "(nothing)"
    assert quote("x" * 80) == "`" + "x" * 80 + "`"
    assert quote("x" * 81) == "`" + "x" * 79 + "…`"
    assert quote("abcdef", limit=4) == "`abc…`"


def test_a_missing_or_empty_required_answer_is_named_and_the_check_goes_on() -> None:
    answers = read_answers("### Agreement\n\n- [x] I agree\n\n### Kind\n\nStew", SPEC)
    assert [str(p) for p in check_answers(answers, SPEC)] == [
        "Title: is missing from the issue — edit the issue and add a `### Title` heading with "
        "your answer under it",
        "Kind: `Stew` is not one of the choices — choose one of: “Soup”, “Bread”"]
    answers = read_answers("### Title\n\n_No response_\n\n### Agreement\n\n- [x] I agree\n\n"
                           "### Kind\n\nStew", SPEC)
    assert [str(p) for p in check_answers(answers, SPEC)] == [
        "Title: has no answer — edit the issue and fill it in",
        "Kind: `Stew` is not one of the choices — choose one of: “Soup”, “Bread”"]


def test_a_broken_form_template_is_named_as_shown(tmp_path: Path) -> None:
    template = tmp_path / "idea.yml"
    template.write_text("name: x\nname: y\n", "utf-8")
    with pytest.raises(ProblemsFound) as raised:
        FormSpec.read(template, ".github/ISSUE_TEMPLATE/idea.yml")
    assert [p.path for p in raised.value.problems] == [".github/ISSUE_TEMPLATE/idea.yml"]


def test_a_form_template_is_read_question_by_question() -> None:
    template = {"name": "Submit", "body": [
        {"type": "markdown", "attributes": {"value": "Hello"}},
        {"type": "input", "id": "title", "attributes": {"label": "  Title  "},
         "validations": {"required": "TRUE"}},
        {"type": "textarea", "attributes": {"label": "Story"}, "validations": {"required": "no"}},
        {"type": "dropdown", "id": "tags", "attributes": {
            "label": "Tags", "multiple": True, "options": ["a", "b"]}},
        {"type": "dropdown", "id": "kind", "attributes": {
            "label": "Kind", "multiple": "false", "options": ["Soup"]},
         "validations": {"required": True}},
        {"type": "checkboxes", "id": "ok", "attributes": {"label": "Terms", "options": [
            {"label": "I agree", "required": "true"}, {"label": "Share", "required": False},
            {"label": "Maybe"}]}},
        {"type": "input", "id": "bare"},
    ]}
    assert FormSpec.from_template(template) == FormSpec("Submit", (
        FormField("title", "input", "Title", required=True),
        FormField("field-2", "textarea", "Story"),
        FormField("tags", "dropdown", "Tags", multiple=True, options=("a", "b")),
        FormField("kind", "dropdown", "Kind", required=True, options=("Soup",)),
        FormField("ok", "checkboxes", "Terms", options=("I agree", "Share", "Maybe"),
                  required_options=("I agree",)),
        FormField("bare", "input", ""),
    ))
    assert FormSpec.from_template({}) == FormSpec("", ())
    assert FormSpec.from_template({"name": "x", "body": None}) == FormSpec("x", ())
