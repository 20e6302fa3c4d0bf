"""Compiled templates kept from one build to the next: Jinja's bytecode cache.

Compiling the generator's templates and the theme's takes some 0.25 s of every build,
whatever the portal's size: a quarter of a 100-idea build. Jinja checks a cached template
against its source, so an edited template (an override in `theme/`) is compiled afresh.
The cache's key also holds the environment's settings that shape the compiled code, as two
environments may load the same file. The folder is the user's own (`$XDG_CACHE_HOME` or
`~/.cache`, then `cocreate/templates`), readable and writable by no one else, since what is
in it runs; where it cannot be, templates are compiled every build, as without it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import jinja2
from jinja2.bccache import FileSystemBytecodeCache

# What an environment compiles differently by (beside its extensions, filters, tests and
# policies).
SHAPING = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized")


class SettingsKeyedCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, keyed by the environment's settings
    as well as the template's name and file."""

    def __init__(self, directory: str, settings: str) -> None:
        super().__init__(directory)
        self.settings = settings

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.settings}:{name}", filename)


def cache_folder() -> Path | None:
    """The user's folder for compiled templates, made if need be; None if it cannot be
    made, or others could write in it."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(home) / "cocreate" / "templates"
    try:
        folder.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    if (not stat.S_ISDIR(status.st_mode) or status.st_uid != os.getuid()
            or stat.S_IMODE(status.st_mode) & (stat.S_IRWXG | stat.S_IRWXO)):
        return None
    return folder


def settings_of(environment: jinja2.Environment) -> str:
    """A digest of what shapes the code `environment` compiles a template to."""
    autoescape = environment.autoescape
    described = [jinja2.__version__, *(repr(getattr(environment, name)) for name in SHAPING),
                 *sorted(environment.extensions),
                 repr(getattr(environment, "newstyle_gettext", None)),
                 # a filter or test missing when a template compiles fails where it is used
                 *sorted(environment.filters), *sorted(environment.tests),
                 *sorted(f"{key}={value!r}" for key, value in environment.policies.items()
                         if value is None or isinstance(value, str | bool | int)),
                 repr(autoescape) if isinstance(autoescape, bool)
                 else f"{autoescape.__module__}.{autoescape.__qualname__}"]
    return hashlib.sha256("\n".join(described).encode()).hexdigest()[:16]


def cache_compiled(environment: jinja2.Environment) -> None:
    """Have `environment` keep the templates it compiles in the user's cache folder, and
    take them from it while their source is the same. Call once its settings are final."""
    folder = cache_folder()
    if folder is not None:
        environment.bytecode_cache = SettingsKeyedCache(str(folder), settings_of(environment))
