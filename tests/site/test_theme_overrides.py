"""theme/partials/header.html is the theme's own, less the lines marked "cocreate".

The portal's search is Pagefind's, and the theme shows its search box only with its own
search plugin on; the header is the one partial copied to lift that condition, to have the
colour toggles and the search written by a script, and to leave out the drawer's button on
a page without sidebars. If an update of mkdocs-material changes its header, this fails,
and the copy is made again.
"""

from __future__ import annotations

from pathlib import Path

import material

from tests.support import REPO

THEMES = Path(material.__file__).parent / "templates"
# The theme's condition on its search plugin, whose body the copy keeps unconditional.
CONDITION = ['{% if "material/search" in config.plugins %}',
             '{% set search = config.plugins["material/search"] | attr("config") %}',
             "{% if search.enabled %}"]


def body(text: str) -> str:
    """The template less its leading comment."""
    return text.split("-#}\n", 1)[1]


def without_search_condition(text: str) -> list[str]:
    """The theme's header with its search box shown always: the condition's lines out,
    and what they held two levels (four spaces) less indented."""
    lines, inside = [], 0
    for line in text.splitlines():
        if line.strip() in CONDITION:
            inside += line.strip().startswith("{% if")
            continue
        if inside and line.strip() == "{% endif %}":
            inside -= 1
            continue
        lines.append(line.removeprefix("    ") if inside == 2 else line)
    return lines


def test_the_header_is_the_themes_less_the_lines_marked_cocreate() -> None:
    theirs = body((THEMES / "partials/header.html").read_text("utf-8"))
    ours = body((REPO / "theme/partials/header.html").read_text("utf-8"))
    assert [line for line in ours.splitlines() if "cocreate" not in line] == \
        without_search_condition(theirs)
    marked = [line.strip() for line in ours.splitlines() if "cocreate" in line]
    assert marked[0].startswith("{% if cocreate_sidebars(page) %}")
    assert sum(line.startswith("{% call cocreate_script(") for line in marked) == 2
