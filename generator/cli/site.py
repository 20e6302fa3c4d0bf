"""`cocreate build`: the whole site, as `mkdocs build --strict` builds it."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.context import PortalContext, examples
from generator.i18n import LANGUAGES
from generator.portal import clock
from generator.site.builders import BUILDERS, BuilderUnavailable, use_builder


@click.command(epilog=examples("cocreate build",
                               "cocreate build --language fr --site-dir /tmp/site-fr",
                               "cocreate build --builder properdocs"))
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--language", type=click.Choice(LANGUAGES), default=None,
              help="Build in this language instead of the portal's `language` setting.")
@click.option("--builder", type=click.Choice(BUILDERS), default="mkdocs", show_default=True,
              help="Build with mkdocs, or with ProperDocs, its maintained fork, which builds "
                   "the same pages (`pip install properdocs`).")
@click.pass_obj
def build(portal: PortalContext, site_dir: Path | None, language: str | None,
          builder: str) -> None:
    """Build the whole site into site/ (the same as `mkdocs build --strict`)."""
    try:
        use_builder(builder)  # before anything imports mkdocs
    except BuilderUnavailable as reason:
        raise click.UsageError(str(reason)) from None
    from generator.site.plugin import build_site  # mkdocs is slow to import; only here

    catalog = portal.load()  # report problems as `validate` does, before mkdocs starts
    if portal.now is not None:
        import os

        os.environ[clock.ENVIRONMENT_VARIABLE] = portal.now.isoformat()
    written = build_site(portal.root, site_dir=site_dir, strict=True, catalog=catalog,
                         language=language)
    click.echo(f"site built in {written}")
