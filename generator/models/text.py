"""The text people wrote in a record, found by the record's types rather than listed.

A text field is any string a model does not hold to a pattern: titles,
summaries, Markdown, labels, options, answers, comments, prizes, whatever
their place in the record. Names, slugs, tags, ids, dates, statuses and
choices are not text: each has a pattern or a type of its own. So a field
added to a model later is text by construction, and `rewrite_text` reaches it
(`cocreate forget` relies on this).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

RecordT = TypeVar("RecordT", bound=BaseModel)
Change = Callable[[str], str]


def rewrite_text(record: RecordT, change: Change) -> RecordT:
    """`record` with `change` applied to every text field in it, however deep."""
    updates = {}
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        rewritten = _rewrite(value, field.annotation, tuple(field.metadata), change)
        if rewritten != value:
            updates[name] = rewritten
    return record.model_copy(update=updates) if updates else record


def _rewrite(value: Any, annotation: Any, metadata: tuple[Any, ...], change: Change) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *more = get_args(annotation)
        return _rewrite(value, base, (*metadata, *more), change)
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return rewrite_text(value, change)
    if origin in (Union, types.UnionType):
        arm = next((arm for arm in get_args(annotation) if _holds(arm, value)), None)
        return value if arm is None else _rewrite(value, arm, metadata, change)
    if origin is list:
        [item] = get_args(annotation)
        return [_rewrite(v, item, (), change) for v in value]
    if origin is dict:
        _, item = get_args(annotation)
        return {key: _rewrite(v, item, (), change) for key, v in value.items()}
    if annotation is str and not _has_pattern(metadata):
        return change(value)
    return value


def _holds(annotation: Any, value: Any) -> bool:
    """Whether `value` is of the union's arm `annotation`."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    kind = get_origin(annotation) or annotation
    return isinstance(kind, type) and isinstance(value, kind)


def _has_pattern(metadata: tuple[Any, ...]) -> bool:
    return any(getattr(item, "pattern", None) is not None
               or (isinstance(item, FieldInfo) and _has_pattern(tuple(item.metadata)))
               for item in metadata)
