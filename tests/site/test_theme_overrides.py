"""theme/partials/header.html is the theme's own, less the condition on its search plugin.

The portal's search is Pagefind's, and the theme shows its search box only with its own
search plugin on; the header is the one partial copied to lift that condition. If an update
of mkdocs-material changes its header, this fails, and the copy is made again.
"""

from __future__ import annotations

from pathlib import Path

import material

from tests.support import REPO

THEMES = Path(material.__file__).parent / "templates"


def body(text: str) -> str:
    """The template less its leading comment."""
    return text.split("-#}\n", 1)[1]


def test_the_header_is_the_themes_less_the_search_plugins_condition() -> None:
    theirs = body((THEMES / "partials/header.html").read_text("utf-8"))
    ours = body((REPO / "theme/partials/header.html").read_text("utf-8"))
    condition = theirs[theirs.index('    {% if "material/search" in config.plugins %}'):
                       theirs.index("    {% if config.repo_url %}")]
    search = ours[ours.index("    {#- cocreate:"):ours.index("    {% if config.repo_url %}")]
    assert ours.replace(search, "") == theirs.replace(condition, "")
    assert '{% include "partials/search.html" %}' in search
