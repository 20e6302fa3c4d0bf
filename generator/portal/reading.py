"""A whole portal, loaded and checked before anything is rendered.

`load_catalog` reads every file under `challenges/`, validates each against
its model, runs the checks across files (`generator.portal.checks`), and either
returns the catalog or raises ProblemsFound listing every problem at once.
"""

from __future__ import annotations

import functools
import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.cores import Ahead
from generator.models import Ballot, Challenge, Discussion, Idea, Scorecard, Settings
from generator.models.common import LOGIN_PATTERN, SLUG_PATTERN
from generator.portal import clock
from generator.portal.catalog import (
    CHALLENGE_FILE,
    DISCUSSION_FILE,
    Catalog,
    ChallengeFolder,
    ModelT,
    Source,
)
from generator.portal.checks import check_catalog
from generator.portal.explanations import explain
from generator.portal.loader import Document, read_yaml
from generator.portal.problems import Problem, ProblemsFound
from generator.portal.settings import read_settings

# Each sub-folder of a challenge: the model of its files and the rule for their names.
FOLDERS: dict[str, tuple[type[BaseModel], str, str]] = {
    "ideas": (Idea, SLUG_PATTERN, "the idea's issue number or a lowercase-hyphen name"),
    "votes": (Ballot, LOGIN_PATTERN, "the voter's GitHub user name"),
    "reviews": (Scorecard, LOGIN_PATTERN, "the juror's GitHub user name"),
}


class _Reader:
    """Reads files into models, collecting problems instead of stopping at the first."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root
        self.context = {"zone": settings.zone}
        self.problems: list[Problem] = []
        self.parsed: Ahead[str, Document] = Ahead({})  # files a forked copy parses ahead

    def parse_ahead(self, base: Path) -> None:
        """Have a forked copy parse the later files of `base` (generator/cores.py), while
        this process parses the first and validates them all: the YAML parser is most of
        what loading costs."""
        files = list(_yaml_files(base))
        later = files[len(files) * 2 // 5:]  # validating is about a third of a file's cost
        self.parsed = Ahead({file: functools.partial(read_yaml, file, self.shown(file))
                             for file in later})

    def shown(self, path: str | os.PathLike[str]) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def read(self, file: str | os.PathLike[str], model: type[ModelT],
             shown: str) -> Source[ModelT] | None:
        key = os.fspath(file)
        try:  # a file the copy could not parse is parsed here, to say why
            document = (self.parsed.take(key) if key in self.parsed else None
                        ) or read_yaml(file, shown)
        except ProblemsFound as found:
            self.problems += found.problems
            return None
        if not isinstance(document.data, dict):
            self.problems.append(Problem(document.path, 1, "is not a mapping of keys and values",
                                         "start each line with `key: value`"))
            return None
        try:
            record = model.model_validate(document.data, context=self.context)
        except ValidationError as error:
            self.problems += explain(error, document, model)
            return None
        return Source(record, document)

    def check_name(self, entry: os.DirEntry[str], pattern: str, rule: str) -> bool:
        is_file = entry.is_file()
        name = entry.name.removesuffix(".yml") if is_file else entry.name
        if (is_file and name == entry.name) or entry.is_symlink() or not re.match(pattern, name):
            self.problems.append(Problem(
                self.shown(entry.path), 0, f"{entry.name!r} is not a safe name for this file",
                f"rename it to {rule}, ending in .yml" if is_file
                else f"rename the folder to {rule}",
            ))
            return False
        return True


def _visible(folder: str | os.PathLike[str]) -> list[os.DirEntry[str]]:
    """A folder's entries but hidden ones, by name; each knows its own type without a stat."""
    with os.scandir(folder) as entries:
        return sorted((entry for entry in entries if not entry.name.startswith(".")),
                      key=lambda entry: entry.name)


def _yaml_files(base: Path) -> Iterator[str]:
    """The regular files of the challenges in `base` that `_read_folder` will read, in its
    order (nothing else: reading a named pipe would never end); anything out of place is
    left for it to find."""
    for folder in _visible(base):
        if not folder.is_dir() or folder.is_symlink():
            continue
        challenge_file = Path(folder.path, CHALLENGE_FILE)
        if challenge_file.is_file():
            yield str(challenge_file)  # as _read_folder names it
        for entry in _visible(folder.path):
            if entry.name == DISCUSSION_FILE and entry.is_file() and not entry.is_symlink():
                yield entry.path
            elif entry.name in FOLDERS and entry.is_dir() and not entry.is_symlink():
                yield from (file.path for file in _visible(entry.path)
                            if file.is_file() and not file.is_symlink())


def _read_folder(reader: _Reader, folder: os.DirEntry[str]) -> ChallengeFolder | None:
    shown = reader.shown(folder.path)
    challenge_file = Path(folder.path, CHALLENGE_FILE)
    if not challenge_file.is_file():
        reader.problems.append(Problem(shown, 0, f"has no {CHALLENGE_FILE}",
                                       "add one with `cocreate new challenge SLUG`"))
        return None
    source = reader.read(challenge_file, Challenge, f"{shown}/{CHALLENGE_FILE}")
    files: dict[str, dict[str, Source[BaseModel]]] = {name: {} for name in FOLDERS}
    discussion = None
    for entry in _visible(folder.path):
        if entry.name == CHALLENGE_FILE:
            continue
        if entry.name == DISCUSSION_FILE and entry.is_file() and not entry.is_symlink():
            discussion = reader.read(entry.path, Discussion, f"{shown}/{entry.name}")
            continue
        if entry.name not in FOLDERS or not entry.is_dir() or entry.is_symlink():
            reader.problems.append(Problem(
                f"{shown}/{entry.name}", 0, "does not belong in a challenge folder",
                f"a challenge holds {CHALLENGE_FILE}, the folders {', '.join(FOLDERS)}, and "
                f"the vote sync's {DISCUSSION_FILE}",
            ))
            continue
        model, pattern, rule = FOLDERS[entry.name]
        for file in _visible(entry.path):
            if file.is_dir():
                reader.problems.append(Problem(
                    f"{shown}/{entry.name}/{file.name}", 0, f"is a folder inside {entry.name}/",
                    f"{entry.name}/ holds only .yml files; move its files up or remove it",
                ))
                continue
            if not reader.check_name(file, pattern, rule):
                continue
            record = reader.read(file.path, model, f"{shown}/{entry.name}/{file.name}")
            if record is not None:
                files[entry.name][file.name.removesuffix(".yml")] = record
    if source is None:
        return None
    return ChallengeFolder(
        folder.name, source,
        ideas=files["ideas"],  # type: ignore[arg-type]
        ballots=files["votes"],  # type: ignore[arg-type]
        scorecards=files["reviews"],  # type: ignore[arg-type]
        discussion=discussion,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cycle collection while reading and checking: every file adds about a hundred
    objects, all kept, and the collector would walk the growing pile again and again to free
    nothing (10,000 ideas in 100 challenges load in 4.2 s; in 6.4 with the collector on for
    the checks)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(root: Path, *, settings: Settings | None = None,
                 now: datetime | None = None) -> Catalog:
    """Load and check a whole portal. Raises ProblemsFound listing every problem."""
    settings = settings or read_settings(root)
    reader = _Reader(root, settings)
    base = root / settings.challenges_dir
    challenges: dict[str, ChallengeFolder] = {}
    if not base.is_dir() or base.is_symlink():
        raise ProblemsFound([Problem(
            settings.challenges_dir, 0, "is not a folder" if base.exists() else "is missing",
            "make it a folder of challenges; `cocreate new challenge SLUG` starts one",
        )])
    with _collector_paused():
        reader.parse_ahead(base)
        for folder in _visible(base):
            if not folder.is_dir():
                reader.problems.append(Problem(reader.shown(folder.path), 0,
                                               "is not a challenge folder",
                                               "move it into a challenge's folder or remove it"))
                continue
            if reader.check_name(folder, SLUG_PATTERN, "a lowercase-hyphen name"):
                loaded = _read_folder(reader, folder)
                if loaded is not None:
                    challenges[folder.name] = loaded
        catalog = Catalog(root, settings, now or clock.now(), challenges)
        problems = reader.problems + check_catalog(catalog)
    if problems:
        raise ProblemsFound(problems)
    return catalog
