"""Where a project row's months come from: marks in the month cells, cell fills, and lines drawn over them.

A month column is any column under a month label (a label merged over two half-month columns stands for
each of them). A mark is any text but "0" ("✓", "x", "/", "◄──►"); a merged mark covers every month under
it. A fill counts when it differs from the fill of the row's name cell (so banded rows mark nothing). A line
or arrow drawn over the row counts for a column it covers at least half of, or that holds at least half of
the line; an end lying on a column boundary (within :data:`EDGE`) is on it: a left end on a column's left
edge starts in that column, a right end on a column's left edge ends in the column before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.header import TableLayout
from thaplan_desktop.importing.vocabulary import Field

EDGE = 0.04  # how near a column boundary (in columns) a drawn end counts as lying on it


def row_months(grid: SheetGrid, layout: TableLayout, r: int, shapes: Sequence[tuple[float, float]]) -> frozenset[int]:
    """Fiscal months marked on one row: text marks, fills and shapes over the month columns."""
    month_cols = layout.month_columns
    if not month_cols:
        return frozenset()
    found: set[int] = set()
    name_col = layout.columns[Field.NAME]
    name_fill = grid.fill_at(r, name_col)
    marked = [c for c in month_cols if _is_mark(grid.value(r, c))]
    # "-" in the other months next to "✓" in some is a filler, not a line drawn with dashes.
    if any(_is_dashes(grid.value(r, c)) for c in marked) and not all(_is_dashes(grid.value(r, c)) for c in marked):
        marked = [c for c in marked if not _is_dashes(grid.value(r, c))]
    for c in marked:
        found.update(month_cols[c])
        merge = grid.merge_at(r, c)
        if merge is not None:
            for cc, more in month_cols.items():
                if merge[1] <= cc <= merge[3]:
                    found.update(more)
    for c, months in month_cols.items():
        if c in marked:
            continue
        fill = grid.fill_at(r, c)
        if fill is not None and fill != name_fill:
            found.update(months)
    for x0, x1 in shapes:
        for c in columns_under(x0, x1, month_cols):
            found.update(month_cols[c])
    return frozenset(found)


def columns_under(x0: float, x1: float, columns: Iterable[int]) -> list[int]:
    """The columns a line from ``x0`` to ``x1`` (fractional column numbers) marks, of ``columns``."""
    x0, x1 = _on_edge(min(x0, x1)), _on_edge(max(x0, x1))
    length = x1 - x0
    marked = []
    for c in columns:
        overlap = min(x1, c + 1) - max(x0, c)
        if overlap > 0 and (overlap >= 0.5 or (length > 0 and overlap / length >= 0.5)):
            marked.append(c)
    return marked


def _on_edge(x: float) -> float:
    """An end within :data:`EDGE` of a column boundary lies on it."""
    nearest = round(x)
    return float(nearest) if abs(x - nearest) <= EDGE else x


def _is_mark(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float):
        return value != 0
    text = normalise_space(str(value))
    return bool(text) and text not in ("0", "๐")


def _is_dashes(value: object) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"[\s\-–—_.]+", value))
