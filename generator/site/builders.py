"""Which mkdocs 1.x builds the site: mkdocs itself, or ProperDocs, its maintained fork.

ProperDocs (PyPI `properdocs`) runs mkdocs' plugins and themes unchanged: its
`properdocs.replacement` module makes every later `import mkdocs…` — mkdocs-material's,
the plugin's — load ProperDocs' module of the same name, as its own `properdocs` command
does, and it reads the plugins and themes declared for mkdocs. mkdocs stays installed, as
mkdocs-material's dependency, and is then never imported. This module imports neither:
the choice has to be made before anything loads mkdocs.
"""

from __future__ import annotations

import importlib
import logging
import sys

BUILDERS = ("mkdocs", "properdocs")


class BuilderUnavailable(Exception):
    """The builder asked for cannot build in this process."""


def use_builder(name: str) -> None:
    """Have this process build with `name`, one of BUILDERS."""
    if name == "mkdocs":
        return
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and loaded.__name__ != "properdocs":
        # mkdocs' modules already imported would stay mkdocs': half of one, half of the other
        raise BuilderUnavailable("mkdocs is already loaded in this process: choose ProperDocs "
                                 "in a new one (a new `cocreate build --builder properdocs`)")
    try:
        importlib.import_module("properdocs.replacement")
    except ModuleNotFoundError:
        raise BuilderUnavailable("ProperDocs is not installed: `pip install properdocs`, or "
                                 "add properdocs to the dependencies in pyproject.toml"
                                 ) from None
    # As the `properdocs` command does: what the theme and plugins log under the old name
    # reaches ProperDocs' logger, where --strict counts the warnings.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
