"""What every `cocreate` command is handed: the portal it reads, and the time it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.portal.catalog import Catalog
from generator.portal.reading import load_catalog


class PortalContext:
    """What every command needs: where the portal is, and the time it is."""

    def __init__(self, root: Path, now: datetime | None, verbose: bool) -> None:
        self.root = root
        self.now = now
        self.verbose = verbose

    def load(self) -> Catalog:
        return load_catalog(self.root, now=self.now)


def event_option(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--event FILE`: the webhook payload Actions saves at $GITHUB_EVENT_PATH."""
    return click.option("--event", "event_file", envvar="GITHUB_EVENT_PATH", required=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help=f"The `{kind}` event payload (default: $GITHUB_EVENT_PATH).")
