"""The pages in a built site's Pagefind index, read back from its fragments (one per page)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"  # what Pagefind writes before each decompressed file


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Each indexed page by its address relative to the site (`challenges/x/`): its URL,
    `meta` (the title) and `content`, the text Pagefind read."""
    pages = {}
    for file in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(file.read_bytes())
        assert data.startswith(SIGNATURE), file
        fragment = json.loads(data[len(SIGNATURE):])
        pages[fragment["url"].lstrip("/")] = fragment
    return pages
