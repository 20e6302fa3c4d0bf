"""Work shared with a second core: a forked copy of the process does part of it.

Where the system can fork (Linux, macOS), four passes of a build are shared:
- loading: the copy parses the later YAML files while this process parses the first and
  validates them all (`Ahead`, generator/portal/reading.py);
- planning: the copy renders every second generated page's Markdown from its template
  (`render_all`, generator/site/pages.py);
- converting: the copy converts the second half of the generated pages' Markdown to HTML
  while mkdocs converts the first (`Ahead`, generator/site/ahead.py);
- the search's articles: the copy renders and writes every second one
  (`render_all`, generator/site/search.py).
Each is independent from one item to the next, so the same results come back, pickled
through a pipe, in a little over half the time on a machine of two cores or more
(GitHub's runners have four). The rest of a build already has a second process: Pagefind
indexes while the pages are written.

The copy shares nothing afterwards: whatever fails in it (an error in a template, a result
that cannot be pickled, a copy killed), this process does that work itself, so an error
is raised here, as without the copy. A process with threads running (`mkdocs serve`'s) is
not forked, nor is one with less work than `FEWEST` items.
"""

from __future__ import annotations

import functools
import logging
import os
import pickle
import signal
import threading
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
# Below this many pages or files, starting a copy costs about what it saves.
FEWEST = 200


def can_fork() -> bool:
    """Whether a copy can be forked safely: no thread holds a lock the copy would inherit."""
    return hasattr(os, "fork") and threading.active_count() == 1


def render_all(renders: Sequence[Callable[[], T]]) -> list[T]:
    """Each of `renders` called, in order: every second one in a forked copy when there
    are enough of them and the process can fork (see above). What the copy's renders log
    is logged here as each is taken."""
    # Boxed, so that a render giving None is told apart from one the copy did not do.
    odd = Ahead({index: functools.partial(_boxed, renders[index])
                 for index in range(1, len(renders), 2)}, fewest=FEWEST // 2)
    if not odd.started:
        return [render() for render in renders]
    mine = {index: renders[index]() for index in range(0, len(renders), 2)}
    results = []
    for index, render in enumerate(renders):
        boxed = odd.take(index) if index % 2 else None
        results.append(mine[index] if index in mine else boxed[0] if boxed else render())
    return results


def _boxed(render: Callable[[], T]) -> tuple[T]:
    return (render(),)


class Ahead(Generic[K, T]):
    """Renders done ahead in a forked copy, while this process goes on with other work.

    The copy calls each render, keeps what each logs instead of printing it, and hands
    everything back pickled when it is done; `take` waits for it the first time it is
    called, then gives a render's result and logs here what it logged, as though it had
    just run here. A render that raised, and every render if the copy failed, gives None:
    the caller renders it itself, so the error is raised where it would have been. Without
    a fork (fewer renders than `fewest`, threads running, no `os.fork`), every render
    gives None.
    """

    def __init__(self, renders: Mapping[K, Callable[[], T]], fewest: int = FEWEST) -> None:
        self.keys = frozenset(renders)
        self.results: dict[K, tuple[T, list[logging.LogRecord]]] | None = None
        self.child = 0
        self.reading = -1
        self.started = False  # whether a copy was forked
        if len(renders) < fewest or not can_fork():
            self.results = {}
            return
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # the copy: render, hand the results back, and leave at once
            status = 1
            try:
                os.close(reading)
                kept = _keep_records()
                done = {}
                for key, render in renders.items():
                    try:
                        done[key] = (render(), kept.taken())
                    except Exception:  # the parent renders it, and raises
                        kept.taken()
                with os.fdopen(writing, "wb") as pipe:
                    pickle.dump(done, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)  # no cleanup of this process's: they are the parent's
        os.close(writing)
        self.child, self.reading, self.started = child, reading, True

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def take(self, key: K) -> T | None:
        """`key`'s result, its records logged here now; None if the copy has none."""
        if self.results is None:
            self.results = self.wait()
        done = self.results.pop(key, None)
        if done is None:
            return None
        result, records = done
        _log_again(records)
        return result

    def wait(self) -> dict[K, tuple[T, list[logging.LogRecord]]]:
        with os.fdopen(self.reading, "rb") as pipe:
            handed = pipe.read()
        _, status = os.waitpid(self.child, 0)
        self.child = 0
        try:
            results: dict[K, tuple[T, list[logging.LogRecord]]] = (
                pickle.loads(handed) if status == 0 else {})
        except (pickle.UnpicklingError, EOFError):
            results = {}
        return results

    def abandon(self) -> None:
        """Stop the copy, if it still runs: the build failed before it was needed."""
        if self.child:
            os.kill(self.child, signal.SIGKILL)
            os.waitpid(self.child, 0)
            os.close(self.reading)
            self.child = 0
        self.results = {}


class _KeptRecords(logging.Handler):
    """The records logged in a forked copy, kept to be logged again by its parent."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # the arguments may not pickle
        record.exc_info = record.exc_text = None
        self.records.append(record)

    def taken(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


def _log_again(records: list[logging.LogRecord]) -> None:
    """Log here what a copy logged, to the loggers it was logged to."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def _keep_records() -> _KeptRecords:
    """In a forked copy: every record reaches one handler that keeps it, and none is
    printed. The loggers' levels stay, so the same records are made as in the parent."""
    kept = _KeptRecords()
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
            logger.propagate = True
    logging.getLogger().addHandler(kept)
    return kept
