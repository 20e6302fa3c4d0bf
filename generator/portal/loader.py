"""The one way a YAML file is read: strict, safe, and every value traced to its line.

What it refuses, and why:
- aliases and anchors (`&a`, `*a`): a few lines of them expand into gigabytes;
- duplicate keys: the YAML libraries silently keep the last one;
- explicit tags (`!!python/object`, `!!int`): data files hold plain data only;
- files over `MAX_BYTES`, non-UTF-8 text, several documents in one file.

Every scalar is read as text, except a plain empty value, `~` or `null`,
which is None. The models then read the text as the type they want, so
`no`, `on`, `012` and `1.10` stay exactly as written wherever text is wanted
(YAML 1.1 would have turned them into False, True, 10 and 1.1).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from generator.portal.problems import Problem, ProblemsFound

MAX_BYTES = 256 * 1024
MAX_DEPTH = 32
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Untagged, non-specific (`!`) or the three plain-data tags; any other tag is refused.
PLAIN_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq",
                        "tag:yaml.org,2002:map"})

Location = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""



class PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, for installs without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


PARSERS: list[type[Any]] = [PythonParser]
try:  # libyaml's parser gives the same events several times faster
    from yaml._yaml import CParser

    PARSERS.insert(0, CParser)
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    pass
Parser = PARSERS[0]


@dataclass(frozen=True)
class Document:
    """A file's data, and the line each value starts on.

    Lines are only needed to explain a problem, so they are found by reading
    the text again the first time they are asked for (or given up front).
    """

    path: str
    data: Any
    given_lines: dict[Location, int] | None = field(default=None, repr=False)
    text: str = field(default="", repr=False, compare=False)

    @cached_property
    def lines(self) -> dict[Location, int]:
        if self.given_lines is not None:
            return self.given_lines
        reader = _EventReader(self.text, self.path, tolerate_tags=True, track_lines=True)
        try:
            reader.read()
        finally:
            reader.parser.dispose()
        return reader.lines or {(): 1}

    def line_of(self, location: Location) -> int:
        """The line of the deepest part of `location` that exists in the file."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(location[:end])
            if line is not None:
                return line
        return 1


def _line_of(event: Any) -> int:
    return int(event.start_mark.line) + 1


class _Refused(Exception):
    """Something that stops reading at once: what follows cannot be trusted."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.problem = (line, message, hint)


class _EventReader:
    """Builds plain data from the parser's events, noting lines and refusing what is unsafe.

    Reading events rather than composed nodes means an alias is refused the
    moment it appears, before anything could expand it.
    """

    def __init__(self, text: str, path: str, tolerate_tags: bool,
                 track_lines: bool = False) -> None:
        self.parser = Parser(text)
        self.path = path
        self.tolerate_tags = tolerate_tags
        self.track_lines = track_lines
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []

    def read(self) -> Any:
        self.parser.get_event()  # stream start
        if self.parser.check_event(StreamEndEvent):
            return None
        self.parser.get_event()  # document start
        data = self.value((), 0)
        self.parser.get_event()  # document end
        if not self.parser.check_event(StreamEndEvent):
            line = _line_of(self.parser.peek_event())
            raise _Refused(line, "a second document starts here (after `---`)",
                           "keep one record per file and remove the `---` line")
        return data

    def value(self, location: Location, depth: int) -> Any:
        event: Any = self.parser.get_event()  # the stubs type events loosely
        if self.track_lines:
            self.lines.setdefault(location, _line_of(event))
        if (type(event) is ScalarEvent and event.tag is None and event.anchor is None
                and depth <= MAX_DEPTH):
            # Most values are untagged text: read them here, without the checks below.
            return None if not event.style and event.value in NULLS else event.value
        if isinstance(event, AliasEvent):
            raise _Refused(_line_of(event), f"the alias *{event.anchor} is not allowed",
                           "write the value out in full")
        if event.anchor:
            raise _Refused(_line_of(event), f"the anchor &{event.anchor} is not allowed",
                           "remove it and write values in full")
        if depth > MAX_DEPTH:
            raise _Refused(_line_of(event), f"values are nested more than {MAX_DEPTH} levels "
                           "deep", "flatten the structure")
        tag = event.tag
        refused = tag not in PLAIN_TAGS
        if refused and not self.tolerate_tags:
            self.problems.append(Problem(
                self.path, _line_of(event), f"the tag {tag} is not allowed",
                "remove it: data files hold plain text, lists and mappings",
            ))
        value: Any
        if isinstance(event, ScalarEvent):
            value = None if not event.style and tag is None and event.value in NULLS \
                else event.value
        elif isinstance(event, SequenceStartEvent):
            value = []
            while not self.parser.check_event(SequenceEndEvent):
                value.append(self.value((*location, len(value)), depth + 1))
            self.parser.get_event()
        else:
            value = self.mapping(location, depth)
        return None if refused else value

    def check_key(self, event: Any) -> None:
        """A key is refused an anchor or a tag just as a value is."""
        if event.anchor:
            raise _Refused(_line_of(event), f"the anchor &{event.anchor} is not allowed",
                           "remove it and write values in full")
        if event.tag not in PLAIN_TAGS and not self.tolerate_tags:
            self.problems.append(Problem(
                self.path, _line_of(event), f"the tag {event.tag} is not allowed",
                "remove it: data files hold plain text, lists and mappings",
            ))

    def mapping(self, location: Location, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}  # each key's event, for the line of a duplicate
        while not self.parser.check_event(MappingEndEvent):
            key_event = self.parser.get_event()
            if not isinstance(key_event, ScalarEvent) or key_event.value == "" or (
                    key_event.value == "<<" and not key_event.style):  # a plain << merges
                raise _Refused(_line_of(key_event), "a key here is not a plain name",
                               "write keys as plain words followed by a colon")
            self.check_key(key_event)
            key = key_event.value
            if key in first_seen:
                self.problems.append(Problem(
                    self.path, _line_of(key_event),
                    f"the key {key!r} appears twice (first on line {_line_of(first_seen[key])})",
                    "keep one of them; YAML would silently drop the other",
                ))
                self.value((*location, f"{key} (again)"), depth + 1)
                continue
            first_seen[key] = key_event
            if self.track_lines:
                self.lines[(*location, key)] = _line_of(key_event)
            result[key] = self.value((*location, key), depth + 1)
        self.parser.get_event()
        return result


def parse_yaml(text: str, path: str, *, tolerate_tags: bool = False) -> Document:
    """Parse one YAML document strictly. Raises ProblemsFound naming every problem."""
    reader: _EventReader | None = None
    try:
        reader = _EventReader(text, path, tolerate_tags)
        data = reader.read()
    except _Refused as refused:
        assert reader is not None
        raise ProblemsFound([*reader.problems, Problem(path, *refused.problem)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "the YAML could not be read"
        if error.context and not what.startswith(error.context):
            what = f"{error.context}, {what}"
        raise ProblemsFound([Problem(
            path, line, what, "check the indentation and quoting on this line and the one above",
        )]) from None
    except yaml.reader.ReaderError as error:  # a control character in the text
        line = text[: error.position].count("\n") + 1
        raise ProblemsFound([Problem(
            path, line, f"the control character U+{error.character:04X} is not allowed",
            "remove it; data files hold printable text only",
        )]) from None
    finally:
        if reader is not None:
            reader.parser.dispose()
    if reader.problems:
        raise ProblemsFound(reader.problems)
    return Document(path, data, text=text)


def read_yaml(file: str | os.PathLike[str], shown_as: str, *, tolerate_tags: bool = False,
              max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse a YAML file, refusing links, oversized files and non-UTF-8 text."""
    info = os.lstat(file)  # one call says both whether it is a link and how big it is
    if stat.S_ISLNK(info.st_mode):
        raise ProblemsFound([Problem(shown_as, 0, "is a symbolic link",
                                     "replace it with a regular file")])
    if not stat.S_ISREG(info.st_mode):  # a named pipe or a device: reading it may never end
        raise ProblemsFound([Problem(shown_as, 0, "is not a regular file",
                                     "replace it with a YAML file")])
    size = info.st_size
    if size > max_bytes:
        raise ProblemsFound([Problem(
            shown_as, 0, f"is {size:,} bytes, over the limit of {max_bytes:,}",
            "shorten the text or split it; data files hold one record each",
        )])
    raw = Path(file).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProblemsFound([Problem(shown_as, line, "is not valid UTF-8 text",
                                     "save the file as UTF-8")]) from None
    return parse_yaml(text, shown_as, tolerate_tags=tolerate_tags)
