"""The one way data is written back to YAML: the same data gives the same bytes.

Keys keep the models' field order, nothing is shared through anchors, text
with line breaks or over a line long is written as a `|` block, Unicode is
kept as text, and anything the strict loader would read differently is quoted,
so `load(dump(x)) == x`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
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
