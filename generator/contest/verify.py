"""Checking the published tally: anyone can recompute what the site says.

The site publishes every challenge's tally in its open data,
`api/v1/tallies.json` (`generator.site.opendata`), with the moment it was
computed for (stages depend on the date) and the commit the files came
from. `cocreate verify` reads it through its model, loads the portal,
recomputes every tally for that same moment, and lists each number that
differs from the published one.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.contest.tally import public_tally, tally_catalog
from generator.models.opendata import TALLIES_FILE, TalliesDocument
from generator.portal.catalog import Catalog
from generator.portal.clock import parse_moment
from generator.portal.git import run_git

MAX_DOWNLOAD = 50 * 1024 * 1024


def source_commit(root: Path) -> str | None:
    """The commit the portal's files come from: $GITHUB_SHA in Actions, else Git's HEAD."""
    if os.environ.get("GITHUB_SHA"):
        return os.environ["GITHUB_SHA"]
    head = run_git(root, "rev-parse", "HEAD")
    return head.strip() if head is not None else None


def read_published(source: str) -> dict[str, Any]:
    """The published tallies from a site folder, a file, or a site's address, checked.

    Raises ValueError naming what is wrong when the text is not a tallies document.
    """
    if source.startswith(("https://", "http://")):
        import urllib.request  # here: the build, which imports this module, fetches nothing

        address = source if source.endswith(".json") else source.rstrip("/") + "/" + \
            TALLIES_FILE
        with urllib.request.urlopen(address, timeout=30) as response:
            text = response.read(MAX_DOWNLOAD).decode("utf-8")
    else:
        path = Path(source)
        text = (path / TALLIES_FILE if path.is_dir() else path).read_text("utf-8")
    try:
        document = TalliesDocument.model_validate_json(text)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'the document'}: {e['msg']}"
            for e in error.errors()[:5])
        raise ValueError(f"{source} is not a Cocreate tallies document (api cocreate/v1, "
                         f"kind tallies): {problems}") from None
    return document.model_dump(mode="json")


def published_moment(document: dict[str, Any]) -> datetime:
    return parse_moment(str(document["computed_at"]))


def compare(published: dict[str, Any], catalog: Catalog) -> list[str]:
    """Every difference between the published tally and one recomputed from the files."""
    recomputed = {str(t["challenge"]): t for t in
                  (public_tally(tally) for tally in tally_catalog(catalog))}
    found = {str(t.get("challenge")): t for t in published.get("challenges", [])}
    differences = []
    for slug in sorted(set(recomputed) | set(found)):
        if slug not in found:
            differences.append(f"{slug}: not published")
            continue
        if slug not in recomputed:
            differences.append(f"{slug}: published, but there is no such challenge")
            continue
        differences += _compare_challenge(slug, found[slug], recomputed[slug])
    return differences


def _compare_challenge(slug: str, published: dict[str, Any],
                       recomputed: dict[str, Any]) -> list[str]:
    differences = []
    theirs = {str(idea.get("id")): idea for idea in published.get("ideas", [])}
    ours = {idea["id"]: idea for idea in recomputed["ideas"]}
    for idea_id in sorted(set(theirs) | set(ours)):
        if idea_id not in theirs or idea_id not in ours:
            where = "published only" if idea_id in theirs else "missing from the published tally"
            differences.append(f"{slug} idea {idea_id}: {where}")
            continue
        for number in ("votes", "jury", "score", "rank"):
            if theirs[idea_id].get(number) != ours[idea_id][number]:
                differences.append(
                    f"{slug} idea {idea_id}: {number} is {theirs[idea_id].get(number)} "
                    f"published, {ours[idea_id][number]} from the files")
    fields = ("voter", "idea", "reason")
    published_out = {tuple(str(e.get(k)) for k in fields) for e in published.get("excluded", [])}
    recomputed_out = {tuple(str(e[k]) for k in fields) for e in recomputed["excluded"]}
    for voter, idea, reason in sorted(published_out - recomputed_out, key=str):
        differences.append(f"{slug}: published as excluded, not so in the files: "
                           f"{voter} → {idea} ({reason})")
    for voter, idea, reason in sorted(recomputed_out - published_out, key=str):
        differences.append(f"{slug}: excluded in the files, not in the published tally: "
                           f"{voter} → {idea} ({reason})")
    return differences
