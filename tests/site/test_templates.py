"""Templates receive what they show: no page template calls back into the page planner or
the standings, or even names them; each gets its figures as plain values."""

from __future__ import annotations

import inspect

from jinja2 import meta, nodes

from generator.contest.standings import Standings
from generator.site.environment import TEMPLATES, make_environment
from generator.site.pages import Planner

MESSAGES = {"_", "gettext", "ngettext", "pgettext"}
CALLER = "caller"  # in a macro, the body of the `{% call %}` block that called it


def methods_of(*classes: type) -> set[str]:
    return {name for cls in classes for name, _ in inspect.getmembers(cls, inspect.isfunction)
            if not name.startswith("_")}


def callbacks(source: str) -> list[str]:
    """Every call in a template to something other than a message, a macro, or a plain
    value's own method that is not one of the planner's or the standings'."""
    environment = make_environment()
    tree = environment.parse(source)
    macros = {macro.name for macro in tree.find_all(nodes.Macro)}
    macros |= {name if isinstance(name, str) else name[1]
               for imported in tree.find_all(nodes.FromImport) for name in imported.names}
    forbidden = methods_of(Planner, Standings)
    found = []
    for call in tree.find_all(nodes.Call):
        target = call.node
        if isinstance(target, nodes.Name) and target.name not in MESSAGES | macros | {CALLER}:
            found.append(target.name)
        elif isinstance(target, nodes.Getattr) and target.attr in forbidden:
            found.append(target.attr)
    undeclared = meta.find_undeclared_variables(tree)
    return found + sorted(undeclared & {"site", "planner", "standings"})


def test_no_page_template_calls_back_into_the_planner_or_the_standings() -> None:
    templates = sorted(TEMPLATES.glob("*.j2"))
    assert len(templates) >= 13
    assert {path.name: callbacks(path.read_text("utf-8")) for path in templates} \
        == {path.name: [] for path in templates}


def test_a_callback_is_found_however_it_is_written() -> None:
    assert callbacks("{% for w in site.winners(slug) %}{% endfor %}") == ["winners", "site"]
    assert callbacks("{{ days_left(slug) }}") == ["days_left"]
    assert callbacks("{{ tally.jury_comments(slug, idea_id) }}") == ["jury_comments"]
    assert callbacks('{{ _("Hello") }} {{ opens.astimezone(zone) }}') == []
    assert callbacks("{% macro fold() %}<details>{{ caller() }}</details>{% endmacro %}"
                     "{% call fold() %}<table></table>{% endcall %}") == []
