"""The tables the benchmarks print: a title, a header, a rule, a row per size."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Column = tuple[str, str, str]  # heading, key in the row, format spec (width and style)


def print_table(title: str, columns: list[Column], sizes: Iterable[int],
                measure: Callable[[int], dict[str, Any]]) -> list[dict[str, Any]]:
    """Measure each size and print its row as soon as it is known; returns the rows."""
    widths = [int("".join(c for c in spec.split(".")[0] if c.isdigit()) or 0)
              for _, _, spec in columns]
    # Headings align as their column does: left for text (`<`), right for figures.
    header = " ".join(f"{heading:{'<' if spec.startswith('<') else '>'}{width}}"
                      for (heading, _, spec), width in zip(columns, widths, strict=True))
    print(title)
    print(header)
    print("-" * len(header))
    rows = []
    for size in sizes:
        row = measure(size)
        print(" ".join(format(row[key], spec) for _, key, spec in columns), flush=True)
        rows.append(row)
    return rows
