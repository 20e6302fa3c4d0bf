"""CSV for spreadsheets: text people typed must never run as a formula when the file is opened."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula sign is quoted away with `'`."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_rows(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV text with a header row, every cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()
