"""Whole files written back: an edit kept only when it reads back as the model, and a
group of writes undone together.

`model_text` edits the file in place (see test_writer_edits.py) and keeps the edit only
if the strict loader reads it back as the model, in the portal's time zone; anything
else writes the whole model afresh, in the writer's own layout.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from generator.models import Idea
from generator.models.idea import StatusChange
from generator.portal.writer import Edits, dump_model, model_text

LONDON = {"zone": ZoneInfo("Europe/London")}
SCHEMA = "../../../content/schemas/idea.schema.json"
IDEA = ("# yaml-language-server: $schema=" + SCHEMA + "\n"
        "title: Soup\n"
        "challenge: menu\n"
        "author: ann  # at the counter\n"
        "segment: customer\n"
        "submitted: 2026-05-10T10:00:00  # London time\n"
        "summary: Soup.\n"
        "problem: Cold days.\n"
        "\n"
        "# what she asked for\n"
        "proposal: Soup.\n"
        "issue: 4\n")


def idea(text: str) -> Idea:
    return Idea.model_validate(yaml.safe_load(text), context=LONDON)


def published(before: Idea, at: datetime) -> Idea:
    change = StatusChange(status="published", at=at, answer="Thanks!")
    data = {**before.model_dump(exclude_defaults=True), "status": "published",
            "history": [change]}
    return Idea.model_validate(data, context=LONDON)


def test_a_status_change_edits_only_the_lines_it_adds() -> None:
    """The plain time is read in the portal's zone: 10:00 in London is 09:00 UTC, before
    the change at 09:30 UTC; read as UTC it would come after it."""
    before = idea(IDEA)
    after = published(before, datetime(2026, 5, 10, 9, 30, tzinfo=UTC))
    expected = IDEA.replace("issue: 4\n", "status: published\nhistory:\n  - status: published\n"
                            "    at: 2026-05-10T09:30:00Z\n    answer: Thanks!\nissue: 4\n")
    assert model_text(after, schema=SCHEMA, text=IDEA, before=before, context=LONDON) == expected


def test_the_model_is_written_afresh_without_a_file_or_without_what_it_held() -> None:
    before = idea(IDEA)
    after = published(before, datetime(2026, 5, 11, tzinfo=UTC))
    fresh = (f"# yaml-language-server: $schema={SCHEMA}\ntitle: Soup\nchallenge: menu\n"
             "author: ann\nsegment: customer\nsubmitted: 2026-05-10T10:00:00\nsummary: Soup.\n"
             "problem: Cold days.\nproposal: Soup.\nstatus: published\nhistory:\n"
             "  - status: published\n    at: 2026-05-11T00:00:00Z\n    answer: Thanks!\n"
             "issue: 4\n")
    assert model_text(after, schema=SCHEMA, context=LONDON) == fresh
    assert model_text(after, schema=SCHEMA, text=IDEA, context=LONDON) == fresh
    assert model_text(after, schema=SCHEMA, before=before, context=LONDON) == fresh
    assert dump_model(after, schema=SCHEMA) == fresh


def test_an_edit_that_does_not_read_back_as_the_model_is_thrown_away() -> None:
    before = idea(IDEA)
    after = published(before, datetime(2026, 5, 10, 9, 30, tzinfo=UTC))
    # Read in UTC, the plain 10:00 comes after the change at 09:30: the history is refused.
    assert model_text(after, schema=SCHEMA, text=IDEA, before=before) == dump_model(
        after, schema=SCHEMA)
    # A file that does not hold `before`: its summary would stay as it is.
    wrong = IDEA.replace("summary: Soup.", "summary: Broth.")
    assert model_text(after, schema=SCHEMA, text=wrong, before=before, context=LONDON) == (
        dump_model(after, schema=SCHEMA))
    # A file the strict loader refuses (an anchor) is not kept either.
    anchored = IDEA.replace("summary: Soup.", "summary: &s Soup.")
    assert model_text(after, schema=SCHEMA, text=anchored, before=before, context=LONDON) == (
        dump_model(after, schema=SCHEMA))


def test_a_file_that_cannot_be_edited_line_by_line_is_written_afresh() -> None:
    before = idea(IDEA)
    after = published(before, datetime(2026, 5, 11, tzinfo=UTC))
    flow = "{" + ", ".join(f"{key}: {value!r}" for key, value in
                           yaml.safe_load(IDEA).items() if key != "submitted") + \
        ", submitted: 2026-05-10T10:00:00}\n"
    assert idea(flow) == before
    assert model_text(after, schema=SCHEMA, text=flow, before=before, context=LONDON) == (
        dump_model(after, schema=SCHEMA))


def test_text_ending_in_blank_lines_is_written_afresh_when_an_edit_would_change_them() -> None:
    """`|+` keeps a text's trailing blank lines; the line edits take blank lines after an
    entry to belong to what follows, so they cannot rewrite such a text in place."""
    text = IDEA.replace("problem: Cold days.\n", "problem: |+\n  Cold days.\n\n")
    before = idea(text)
    assert before.problem == "Cold days.\n\n\n"
    after = Idea.model_validate({**before.model_dump(exclude_defaults=True),
                                 "problem": "Colder days.\n\n\n"}, context=LONDON)
    assert model_text(after, schema=SCHEMA, text=text, before=before, context=LONDON) == (
        dump_model(after, schema=SCHEMA))


def test_edits_undone_leave_every_file_as_it_was_before_the_first(tmp_path: Path) -> None:
    kept, gone, new = tmp_path / "kept.yml", tmp_path / "gone.yml", tmp_path / "new.yml"
    kept.write_bytes(b"a: 1\r\n")
    gone.write_bytes(b"b: \xc3\xa9\n")
    edits = Edits()
    edits.write(kept, "a: 2\n")
    edits.write(kept, "a: 3 é\n")
    edits.write(new, "c: 1\n")
    edits.remove(gone)
    edits.write(gone, "b: again\n")
    assert (kept.read_bytes(), new.read_text("utf-8"), gone.read_text("utf-8")) == (
        "a: 3 é\n".encode(), "c: 1\n", "b: again\n")
    edits.undo()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["gone.yml", "kept.yml"]
    assert (kept.read_bytes(), gone.read_bytes()) == (b"a: 1\r\n", b"b: \xc3\xa9\n")
    new.write_text("c: 2\n", "utf-8")  # written by someone else since: none of the edits'
    edits.undo()
    assert new.read_text("utf-8") == "c: 2\n"
    edits.remove(new)
    edits.undo()
    assert new.read_text("utf-8") == "c: 2\n"


def test_an_edit_undone_removes_a_new_file_even_if_already_gone(tmp_path: Path) -> None:
    new = tmp_path / "new.yml"
    edits = Edits()
    edits.write(new, "c: 1\n")
    new.unlink()
    edits.undo()
    assert not new.exists()
