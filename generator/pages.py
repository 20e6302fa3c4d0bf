"""Pages made from the catalog: Jinja2 renders Markdown, autoescaped, one template a page type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .catalog import Catalog
from .stages import Stage

TEMPLATES = Path(__file__).parent / "templates"
# Challenges people can act on come first; finished ones last.
LISTING_ORDER = [Stage.IDEAS_OPEN, Stage.VOTING, Stage.JUDGING, Stage.UPCOMING, Stage.RESULTS]


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where it goes, its Markdown, and the file it is edited in."""

    path: str
    markdown: str
    edit_path: str | None = None


def make_environment(overrides: Path | None = None) -> jinja2.Environment:
    """Templates from the portal's theme/ first, then the generator's own."""
    folders = [str(overrides)] if overrides and overrides.is_dir() else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(TEMPLATES)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cell"] = escape_table_cell
    return environment


def escape_table_cell(text: object) -> str:
    """Text safe inside a Markdown table cell: a `|` would start a new column."""
    return str(text).replace("|", "\\|")


def plan_pages(catalog: Catalog, environment: jinja2.Environment) -> list[PageSpec]:
    """Every generated page, in a stable order."""
    challenges = [
        {
            "slug": slug,
            "title": folder.challenge.title,
            "summary": folder.challenge.summary,
            "stage": catalog.stage_of(slug).label,
            "ideas": len(folder.ideas),
            "voters": len(folder.ballots),
        }
        for slug, folder in sorted(catalog.challenges.items(),
                                   key=lambda item: LISTING_ORDER.index(catalog.stage_of(item[0])))
    ]
    overview = environment.get_template("challenges.md.j2").render(
        challenges=challenges, organisation=catalog.settings.organisation
    )
    return [PageSpec("challenges/index.md", overview)]
