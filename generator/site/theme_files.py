"""The theme's files copied into site/: found without walking the icons mkdocs leaves out,
and without the theme's own search, which the portal does not use.

mkdocs finds them by listing every file under the theme's folders (Jinja's
`FileSystemLoader.list_templates`) and then dropping the hidden ones (its patterns `.*` and
`*/.*`). mkdocs-material keeps its icons in the hidden folder `.icons`: 14,348 of its
14,513 files, walked and matched on every build for none of them to be copied, some 0.1 s
(a tenth of a 100-idea build). The loader here does not go into hidden folders nor list
hidden files, so the files mkdocs keeps are the same; templates load as before.

The portal's search is Pagefind's (search.py) and no page names the theme's search worker:
it and lunr's languages, 34 files and 1.2 MB, are not listed either, so not copied.
"""

from __future__ import annotations

import os
from typing import Protocol

from jinja2 import Environment, FileSystemLoader


class Theme(Protocol):
    """What is used here of mkdocs's Theme (only the plugin imports mkdocs)."""

    dirs: list[str]

    def get_env(self) -> Environment: ...


# The theme's own search: its worker (and source map) and lunr's languages.
THEME_SEARCH = ("assets/javascripts/workers/search.", "assets/javascripts/lunr/")


class VisibleFilesLoader(FileSystemLoader):
    """Jinja's file loader, listing what is not hidden nor the theme's search."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for parent, subfolders, names in os.walk(folder, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(parent, folder).replace(os.path.sep, "/")
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + name for name in names if not name.startswith("."))
        return sorted(name for name in found if not name.startswith(THEME_SEARCH))


def list_visible_files_only(theme: Theme) -> None:
    """Have every environment `theme` makes list the visible files the site uses alone."""
    make_environment = theme.get_env

    def get_env() -> Environment:
        environment = make_environment()
        environment.loader = VisibleFilesLoader(theme.dirs)
        return environment

    theme.get_env = get_env  # type: ignore[method-assign]  # mkdocs calls it in build()
