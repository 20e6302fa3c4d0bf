"""The portal's issue forms held to GitHub's rules, before they are written.

`cocreate validate`, `cocreate forms` and `cocreate forms --check` run
`check_forms`: it renders every form the portal needs now, applies GitHub's
rules to each (`generator.github.forms.syntax`), and reports each rule broken at the
line of the portal file that makes it (a challenge's title, one of its
questions, a tag), in the usual `path:line: what — how to fix` words. It also
refuses what would stop a form from being written: a challenge whose form
would replace the general form or the chooser's settings, a hand-written
template where a challenge's form must go, and two templates of one name.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generator.github.forms.render import (
    CONFIG_PATH,
    FORM_PATH,
    Form,
    all_forms,
    is_generated,
    open_challenges,
)
from generator.github.forms.syntax import check_issue_form
from generator.portal.catalog import Catalog
from generator.portal.loader import parse_yaml
from generator.portal.paths import FORMS_DIR, form_path
from generator.portal.problems import Problem, ProblemsFound

TEMPLATE_SUFFIXES = (".yml", ".yaml", ".md")


def check_forms(catalog: Catalog) -> list[Problem]:
    """Every reason GitHub would refuse one of the forms the portal needs now."""
    problems = _places_taken(catalog) + _titles_repeated(catalog)
    forms = all_forms(catalog)
    reported = {(problem.path, problem.line) for problem in problems}
    for form in forms:
        for breach in check_issue_form(form.data):
            found = [form.origin_of(at) for at in (breach.at, *breach.others)]
            origin = next((where for where in found if where is not None), None)
            if origin is None:
                problems.append(Problem(
                    form.path.as_posix(), 0, breach.message,
                    f"{breach.hint} (this part of the form comes from mkdocs.yml or the "
                    "interface's messages)"))
            elif (origin.path, origin.line) not in reported:
                problems.append(Problem(
                    origin.path, origin.line,
                    f"{origin.what}: {breach.message} (in {form.path.as_posix()})",
                    breach.hint))
    problems += _names_repeated(catalog, forms, reported)
    return sorted(set(problems))


def _places_taken(catalog: Catalog) -> list[Problem]:
    """A challenge's form cannot go where the general form, the settings or a hand-written
    template already is."""
    problems = []
    for slug in open_challenges(catalog):
        path = form_path(slug)
        where = catalog.challenges[slug].source.path
        if path in (FORM_PATH, CONFIG_PATH):
            problems.append(Problem(
                where, 0, f"the challenge's form would be {path.as_posix()}, which the portal "
                "keeps for " + ("the general idea form" if path == FORM_PATH
                                else "the template chooser's settings"),
                "rename the challenge's folder (its address changes with it)"))
        elif (catalog.root / path).is_file() and not is_generated(catalog.root / path):
            problems.append(Problem(
                path.as_posix(), 0, f"is a hand-written template, where challenge {slug} needs "
                "its own idea form", "rename the hand-written template; `cocreate forms` never "
                "overwrites a file without its header"))
    return problems


def _titles_repeated(catalog: Catalog) -> list[Problem]:
    """Two challenges open for ideas under one title: the general form's dropdown would
    offer it twice, and no answer could say which one it meant."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for slug in open_challenges(catalog):
        by_title[catalog.challenges[slug].challenge.title.strip().casefold()].append(slug)
    problems = []
    for slugs in by_title.values():
        if len(slugs) < 2:
            continue
        for slug in slugs:
            source = catalog.challenges[slug].source
            others = ", ".join(other for other in slugs if other != slug)
            problems.append(Problem(
                source.path, source.document.line_of(("title",)),
                f"the title “{source.model.title}” is also the title of challenge {others}, "
                "and both take ideas now",
                "GitHub refuses a form whose dropdown offers one choice twice, and the intake "
                "could not tell the two apart; give each challenge open for ideas its own "
                "title"))
    return problems


def _names_repeated(catalog: Catalog, forms: list[Form],
                    reported: set[tuple[str, int]]) -> list[Problem]:
    """GitHub wants every template's name different from all the others', hand-written
    templates included."""
    generated = {form.path for form in forms}
    named: list[tuple[Path, str, Form | None]] = [
        (form.path, str(form.data.get("name", "")), form) for form in forms]
    folder = catalog.root / FORMS_DIR
    if folder.is_dir():
        for file in sorted(folder.iterdir()):
            path = FORMS_DIR / file.name
            if path in generated or path == CONFIG_PATH or is_generated(file) or \
                    file.suffix not in TEMPLATE_SUFFIXES or not file.is_file():
                continue
            name = template_name(file)
            if name:
                named.append((path, name, None))
    problems = []
    seen: dict[str, Path] = {}
    for path, name, form in named:
        folded = " ".join(name.split()).casefold()
        first = seen.setdefault(folded, path)
        if first == path:
            continue
        origin = form.origin_of(("name",)) if form is not None else None
        message = f"the template name “{name}” is also the name of {first.as_posix()}"
        hint = "GitHub wants every issue template to have a name of its own"
        if origin is None:
            problems.append(Problem(path.as_posix(), 0, message, hint))
        elif (origin.path, origin.line) not in reported:
            problems.append(Problem(origin.path, origin.line,
                                    f"{origin.what}: {message}", f"{hint}; rename it"))
    return problems


def template_name(file: Path) -> str:
    """The `name` of a hand-written template: a form's key, or a Markdown template's front
    matter; empty when it has none or cannot be read."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    if file.suffix == ".md":
        head, marker, _rest = text.removeprefix("---\n").partition("\n---")
        if not text.startswith("---\n") or not marker:
            return ""
        text = head
    try:
        data = parse_yaml(text, file.name).data
    except ProblemsFound:
        return ""
    name = data.get("name") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) else ""
