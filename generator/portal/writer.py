"""The one way data is written back to YAML: the same data gives the same bytes.

Keys keep the models' field order, nothing is shared through anchors, text
with line breaks or over a line long is written as a `|` block, Unicode is
kept as text, and anything the strict loader would read differently is quoted,
so `load(dump(x)) == x`.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

LINE_WIDTH = 88
# Line breaks other than \n, and the byte-order mark: see _represent_text.
UNFOLDABLE = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


# The pure-Python dumper, not libyaml's: libyaml escapes emoji as \U0001F600.
class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as people write them: hand edits and
        # bot rewrites of the same file then differ only where the data does.
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if any(mark in text for mark in UNFOLDABLE):
        # PyYAML writes these raw in plain or single-quoted text, where a reader
        # folds them into spaces; only double quotes escape them (\N, \L, \P).
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    if text == "<<":  # plain, it would be YAML's merge key, which readers refuse
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'")
    long_or_multiline = len(text) > LINE_WIDTH or "\n" in text
    # Trailing spaces on a line cannot survive a block; PyYAML quotes those.
    blockable = not any(line != line.rstrip(" \t") for line in text.split("\n"))
    style = "|" if long_or_multiline and blockable and text.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_datetime(dumper: yaml.SafeDumper, moment: datetime) -> yaml.ScalarNode:
    text = moment.isoformat()
    if moment.tzinfo is not None and moment.utcoffset() == UTC.utcoffset(None):
        text = moment.replace(tzinfo=None).isoformat() + "Z"
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


def _represent_day(dumper: yaml.SafeDumper, day: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", day.isoformat())


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(datetime, _represent_datetime)
_Dumper.add_representer(date, _represent_day)


def plain_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain data in field order, leaving out what is unset or default."""
    data = model.model_dump(mode="python", exclude_defaults=True)
    return _to_plain(data)  # type: ignore[no-any-return]


def _to_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_to_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)  # turns StrEnum members into plain text
    return value


def dump_yaml(data: Any, *, schema: str | None = None) -> str:
    """Write data as YAML text; with `schema`, first a line pointing editors at it."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=LINE_WIDTH,
        indent=2,
        explicit_start=False,
    )
    if schema:
        text = f"# yaml-language-server: $schema={schema}\n{text}"
    return text


def dump_model(model: BaseModel, *, schema: str | None = None) -> str:
    """Write a model as YAML in its field order."""
    return dump_yaml(plain_data(model), schema=schema)


def replace_file(file: Path, text: str | None) -> bool:
    """Write `text` to `file`, or remove the file when there is none; True if it changed."""
    if text is None:
        if file.is_file():
            file.unlink()
            return True
        return False
    if file.is_file() and file.read_text("utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, "utf-8")
    return True


# Editing a file in place -----------------------------------------------------------
#
# A file people wrote keeps its comments, its layout and the way its numbers are
# written: an edit rewrites only the entries whose data changed, each in the
# writer's style above, and leaves every other line byte for byte. A comment beside a
# changed value goes with it: it spoke of the old value (for `forget`, perhaps of the
# person erased). The positions come from PyYAML's composed nodes. (A round-trip
# emitter such as ruamel.yaml's re-folds long lines it was not asked to touch: 17 of
# the example's files came back different from a load and dump with no change at all.)

Splice = tuple[int, int, list[str]]  # replace lines [start, end) with these


class _Unplaceable(Exception):
    """The change cannot be placed line by line: the whole entry is rewritten."""


def edit_yaml_text(text: str, before: Any, after: Any) -> str:
    """`text` (holding `before`) changed to hold `after`, touching only what differs."""
    if not text.endswith("\n"):
        text += "\n"  # a line added after the last one must start a line of its own
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise _Unplaceable
    splices = _edit_mapping(root, before, after, lines, len(lines))
    # From the last line up, so that the lines still to splice keep their numbers; at one
    # place, the last splice made goes in first, so that the first made ends up first.
    placed = sorted(enumerate(splices), key=lambda made: (*made[1][:2], made[0]), reverse=True)
    for _, (start, end, new) in placed:
        lines[start:end] = new
    return "".join(lines)


def _entry_end(lines: list[str], start: int, end: int, column: int) -> int:
    """Where an entry starting on line `start` ends: comments and blank lines after it
    at its own indentation or less belong to what follows."""
    while end > start + 1:
        line = lines[end - 1]
        text = line.lstrip(" ")
        # A line of spaces indented further is the entry's: it may be part of a block of text.
        if len(line) - len(text) > column or (text.strip() and not text.startswith("#")):
            break
        end -= 1
    return end


def _indented(text: str, column: int) -> list[str]:
    pad = " " * column
    return [pad + line if line.strip() else line for line in text.splitlines(keepends=True)]


def _edit_mapping(node: yaml.MappingNode, before: Any, after: Any, lines: list[str],
                  end: int) -> list[Splice]:
    if not isinstance(before, dict) or not isinstance(after, dict) or node.flow_style:
        raise _Unplaceable
    entries = {str(key.value): (index, key, value)
               for index, (key, value) in enumerate(node.value)}
    starts = [key.start_mark.line for key, _ in node.value] + [end]
    column = node.value[0][0].start_mark.column  # a block mapping has at least one key
    splices: list[Splice] = []
    # New keys are made last: one may go where a changed entry's own new lines end.
    added: list[Splice] = []
    for name in [*after, *(key for key in before if key not in after)]:
        old, new = before.get(name), after.get(name)
        if name in before and name in after and old == new:
            continue
        if name not in entries:
            if name in after:
                at = _insertion_line(name, after, entries, starts, lines, column)
                added.append((at, at, _indented(dump_yaml({name: new}), column)))
            continue
        index, key, value = entries[name]
        first = key.start_mark.line
        last = _entry_end(lines, first, starts[index + 1], column)
        if name not in after:
            splices.append((first, last, []))
            continue
        try:
            splices += _edit_value(value, old, new, lines, last)
        except _Unplaceable:
            splices.append((first, last, _indented(dump_yaml({name: new}), column)))
    return splices + added


def _insertion_line(name: str, after: dict[str, Any], entries: dict[str, Any],
                    starts: list[int], lines: list[str], column: int) -> int:
    """A new key goes before the next key (in the model's order) the file has, and above
    the comments that belong to it; with no next key, after the last entry."""
    order = list(after)
    following = [entries[key][0] for key in order[order.index(name) + 1:] if key in entries]
    index = following[0] if following else len(starts) - 1
    if index == 0:
        return starts[0]
    return _entry_end(lines, starts[index - 1], starts[index], column)


def _edit_value(node: yaml.Node, before: Any, after: Any, lines: list[str],
                end: int) -> list[Splice]:
    if isinstance(node, yaml.MappingNode):
        return _edit_mapping(node, before, after, lines, end)
    if isinstance(node, yaml.SequenceNode):
        return _edit_sequence(node, before, after, lines, end)
    raise _Unplaceable


def _edit_sequence(node: yaml.SequenceNode, before: Any, after: Any, lines: list[str],
                   end: int) -> list[Splice]:
    if not isinstance(before, list) or not isinstance(after, list) or node.flow_style or \
            len(node.value) != len(before):
        raise _Unplaceable
    dash = node.start_mark.column
    starts = [item.start_mark.line for item in node.value] + [end]
    if any(lines[line][dash:dash + 1] != "-" for line in starts[:-1]):
        raise _Unplaceable  # an item that does not start on its dash's line
    ranges = [(starts[i], _entry_end(lines, starts[i], starts[i + 1], dash))
              for i in range(len(before))]
    if after[:len(before)] == before:  # items added at the end
        at = ranges[-1][1]
        return [(at, at, _indented(dump_yaml(after[len(before):]), dash))]
    gone = _removed_indices(before, after)
    if after and len(gone) == len(before) - len(after):  # items taken out, the rest in order
        return [(*ranges[index], []) for index in gone]
    if len(after) != len(before):
        raise _Unplaceable
    splices: list[Splice] = []
    for (first, last), item, old, new in zip(ranges, node.value, before, after, strict=True):
        if old != new:
            splices += _edit_item(item, old, new, lines, first, last, dash)
    return splices


def _edit_item(node: yaml.Node, before: Any, after: Any, lines: list[str], first: int,
               last: int, dash: int) -> list[Splice]:
    """A changed item: a mapping edited key by key, as long as the line of its dash stays
    as it is; otherwise the item is rewritten whole."""
    if isinstance(node, yaml.MappingNode):
        with suppress(_Unplaceable):
            splices = _edit_mapping(node, before, after, lines, last)
            if all(start > first for start, _, _ in splices):
                return splices
    return [(first, last, _indented(dump_yaml([after]), dash))]


def _removed_indices(before: list[Any], after: list[Any]) -> list[int]:
    """Which items of `before` are gone, if `after` is `before` with some taken out; if it
    is not, more of them than the difference in length."""
    gone, position = [], 0
    for index, item in enumerate(before):
        if position < len(after) and after[position] == item:
            position += 1
        else:
            gone.append(index)
    return gone


def model_text(model: BaseModel, *, schema: str, text: str | None = None,
               before: BaseModel | None = None, context: dict[str, Any] | None = None) -> str:
    """The YAML text of `model`: `text` (the file as it stands, holding `before`) edited
    where the data changed, or else the whole model written afresh.

    An edit is kept only if it reads back, strictly, as `model` exactly.
    """
    if text is not None and before is not None:
        from generator.portal.loader import parse_yaml  # the loader reads what the writer wrote

        with suppress(Exception):  # whatever fails, the model is written afresh
            edited = edit_yaml_text(text, plain_data(before), plain_data(model))
            again = type(model).model_validate(parse_yaml(edited, "edit").data, context=context)
            if again == model:
                return edited
    return dump_model(model, schema=schema)


class Edits:
    """Files changed together: each write and removal is noted, so all can be undone
    when the portal they leave behind does not load."""

    def __init__(self) -> None:
        self._before: dict[Path, bytes | None] = {}

    def _note(self, file: Path) -> None:
        if file not in self._before:
            self._before[file] = file.read_bytes() if file.exists() else None

    def write(self, file: Path, text: str) -> None:
        self._note(file)
        file.write_bytes(text.encode())  # UTF-8, and \n on every system: the same bytes

    def remove(self, file: Path) -> None:
        self._note(file)
        file.unlink()

    def undo(self) -> None:
        for file, content in self._before.items():
            if content is None:
                file.unlink(missing_ok=True)
            else:
                file.write_bytes(content)
        self._before.clear()
