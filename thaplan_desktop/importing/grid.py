"""The cell grid every reader produces: values, merged ranges, cell fills and shapes drawn over cells.

Rows and columns are 0-based here; reports and messages add 1. A grid knows nothing of projects:
it is what a person sees on the sheet, flattened into plain Python values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Shape:
    """A line, arrow or bar drawn over the sheet: the row under its vertical centre and its horizontal
    extent in column units (``x0 = 10.25`` means a quarter into column 10)."""

    row: int
    x0: float
    x1: float


@dataclass(slots=True)
class SheetGrid:
    """One worksheet as plain data."""

    name: str
    rows: list[list[object]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # only cells with a visible fill
    shapes: list[Shape] = field(default_factory=list)
    hidden: bool = False
    _merge_index: dict[tuple[int, int], tuple[int, int, int, int]] | None = None

    @property
    def n_rows(self) -> int:
        """Number of rows."""
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        """Number of columns of the widest row."""
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int) -> object:
        """The value stored in a cell (None outside the grid and for empty cells)."""
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                v = row[c]
                return None if v == "" else v
        return None

    def merge_at(self, r: int, c: int) -> tuple[int, int, int, int] | None:
        """The merged range covering a cell, if any."""
        if self._merge_index is None:
            index: dict[tuple[int, int], tuple[int, int, int, int]] = {}
            for m in self.merges:
                r0, c0, r1, c1 = m
                if (r1 - r0 + 1) * (c1 - c0 + 1) > 20000:
                    continue  # absurd merges (whole columns) are not worth indexing
                for rr in range(r0, r1 + 1):
                    for cc in range(c0, c1 + 1):
                        index[(rr, cc)] = m
            self._merge_index = index
        return self._merge_index.get((r, c))

    def shown_value(self, r: int, c: int) -> object:
        """The value a person sees in a cell: a merged range shows its top-left value everywhere."""
        m = self.merge_at(r, c)
        if m is not None:
            return self.value(m[0], m[1])
        return self.value(r, c)

    def is_empty(self) -> bool:
        """True when no cell holds a value."""
        return all(v is None or v == "" for row in self.rows for v in row)


@dataclass(slots=True)
class WorkbookGrid:
    """All sheets of a file, in workbook order."""

    file_name: str
    sheets: list[SheetGrid]
