"""Rendering the generated pages on two cores.

Planning a portal renders every generated page's Markdown from its template: some 0.7 ms
an idea, most of what a build does before mkdocs starts (`bench/build.py`'s *plan s*).
The pages are independent of one another, so where the system can fork (Linux, macOS), a
copy of the process renders every second page while this one renders the others, and
hands them back pickled through a pipe: the same pages, in the same order, in a little
over half the time on a machine of two cores or more (GitHub's runners have four).

The copy shares nothing afterwards: whatever fails in it (an error in a template, a page
that cannot be pickled, a copy killed), this process renders its pages itself, so an
error is raised here, as without the copy. A process with threads running (`mkdocs
serve`'s) is not forked.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
# Below this many pages, starting a copy costs about what it saves.
FEWEST = 200


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def render_all(renders: Sequence[Callable[[], T]]) -> list[T]:
    """Each of `renders` called, in order: every second one in a forked copy when there
    are enough of them and the process can fork (see above)."""
    if len(renders) < FEWEST or not can_fork():
        return [render() for render in renders]
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the copy: render the odd ones, hand them back, and leave at once
        status = 1
        try:
            os.close(reading)
            with os.fdopen(writing, "wb") as pipe:
                pickle.dump([render() for render in renders[1::2]], pipe,
                            protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # no cleanup of this process's: they are the parent's
    os.close(writing)
    mine = [render() for render in renders[::2]]
    with os.fdopen(reading, "rb") as pipe:
        handed = pipe.read()
    _, status = os.waitpid(child, 0)
    try:
        theirs: list[T] = pickle.loads(handed) if status == 0 else []
    except (pickle.UnpicklingError, EOFError):
        theirs = []
    if len(theirs) != len(renders[1::2]):  # the copy failed: render its pages here
        theirs = [render() for render in renders[1::2]]
    merged: list[T] = []
    for index, page in enumerate(mine):
        merged.append(page)
        if index < len(theirs):
            merged.append(theirs[index])
    return merged
