"""The cell grid every reader produces: values, merged ranges, cell fills and shapes drawn over cells.

Rows and columns are 0-based here; reports and messages add 1. A grid knows nothing of projects:
it is what a person sees on the sheet, flattened into plain Python values.

The grid is sparse: it keeps the cells that hold something, row by row, and never pads a row to its last
column. A sheet with one cell in column XFD on each of 20,000 rows costs 20,000 cells, not 327 million.
``n_rows`` and ``n_cols`` are the extent of the sheet (one past the last row and column holding a value,
or whatever the reader says counts); loops over columns use :meth:`SheetGrid.window_columns`, the columns
that hold something in a band of rows, rather than ``range(n_cols)``.

A row being written is a dict (column → value); a reader seals each row it has finished
(:meth:`~SheetGrid.seal`) into a tuple ``(columns, value, value, …)`` whose columns are packed two bytes each, about half the
memory of the dict. Writing into a sealed row opens it again.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

Merge = tuple[int, int, int, int]  # r0, c0, r1, c1 inclusive
Row = dict[int, object] | tuple[object, ...]  # open (column → value) or sealed (packed columns, values…)
_PACKED = [struct.pack(">H", c) for c in range(1 << 14)]  # column → its two bytes in a sealed row


def _columns(row: tuple[object, ...]) -> tuple[int, ...]:
    packed = row[0]
    assert isinstance(packed, bytes)
    return struct.unpack(f">{len(packed) // 2}H", packed)


def _sealed(row: dict[int, object]) -> tuple[object, ...] | dict[int, object]:
    items = sorted(row.items())
    if not items or items[-1][0] >= len(_PACKED) or items[0][0] < 0:
        return row  # columns beyond XFD (a damaged file): kept open
    return (b"".join(_PACKED[c] for c, _v in items), *(v for _c, v in items))


def _opened(row: Row) -> dict[int, object]:
    if isinstance(row, dict):
        return row
    return dict(zip(_columns(row), row[1:], strict=True))

MERGE_INDEX_AREA = 20_000  # merges covering more cells (whole columns) are not worth looking up
_BUCKET_SHIFT = 6  # merges are indexed by bands of 64 rows
_ROW_CACHE = 4096


@dataclass(frozen=True, slots=True)
class Shape:
    """A line, arrow or bar drawn over the sheet: the row under its vertical centre and its horizontal
    extent in column units (``x0 = 10.25`` means a quarter into column 10)."""

    row: int
    x0: float
    x1: float


@dataclass(slots=True)
class SheetGrid:
    """One worksheet as plain data: the cells that hold a value, by row then column."""

    name: str
    cells: dict[int, Row] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    fills: dict[int, Row] = field(default_factory=dict)  # row → column → fill key (visible fills only)
    shapes: list[Shape] = field(default_factory=list)
    hidden: bool = False
    n_rows: int = 0  # one past the last row of the sheet's extent
    n_cols: int = 0  # one past the last column of the sheet's extent
    _hot: tuple[int, dict[int, object]] = (-1, {})  # the row read last, opened: rows are read cell by cell
    _hot_fills: tuple[int, dict[int, object]] = (-1, {})
    _buckets: dict[int, list[Merge]] | None = None
    _row_merges: dict[int, tuple[list[int], list[Merge], bool]] = field(default_factory=dict)

    # --- building ----------------------------------------------------------------------------------

    def put(self, r: int, c: int, value: object) -> None:
        """Store a value (an empty one, ``None`` or ``""``, removes the cell) and widen the extent to it."""
        self._hot = (-1, {})
        found = self.cells.get(r)
        if value is None or value == "":
            if found is not None:
                row = self.cells[r] = _opened(found)
                row.pop(c, None)
            return
        if found is None:
            row = self.cells[r] = {}
        elif isinstance(found, dict):
            row = found
        else:
            row = self.cells[r] = _opened(found)
        row[c] = value
        self.extend(r, c)

    def seal(self, r: int) -> None:
        """Pack a finished row (its values and its fills) to save memory; it can still be written."""
        self._hot = self._hot_fills = (-1, {})
        for rows in (self.cells, self.fills):
            found = rows.get(r)
            if isinstance(found, dict):
                if found:
                    rows[r] = _sealed(found)
                else:
                    del rows[r]

    def forget(self, rows: Iterable[int]) -> None:
        """Let rows go that will not be read again (their cells and fills; the extent stays)."""
        self._hot = self._hot_fills = (-1, {})
        for r in rows:
            self.cells.pop(r, None)
            self.fills.pop(r, None)

    def seal_all(self) -> None:
        """Seal every row still open (a reader's last step)."""
        for r in [r for rows in (self.cells, self.fills) for r, row in rows.items() if isinstance(row, dict)]:
            self.seal(r)

    def copy_row(self, source: int, target: int) -> None:
        """Row ``target`` holds what row ``source`` holds (a repeated row: the sealed row is shared)."""
        self._hot = self._hot_fills = (-1, {})
        for rows in (self.cells, self.fills):
            found = rows.get(source)
            if found is not None:
                rows[target] = found if isinstance(found, tuple) else dict(found)
        if source in self.cells:
            self.extend(target, 0)

    def extend(self, r: int, c: int) -> None:
        """Widen the sheet's extent to include cell (r, c)."""
        if r >= self.n_rows:
            self.n_rows = r + 1
        if c >= self.n_cols:
            self.n_cols = c + 1

    def put_fill(self, r: int, c: int, key: str) -> None:
        """Record a visible cell fill (the extent is left as it is)."""
        self._hot_fills = (-1, {})
        found = self.fills.get(r)
        if found is None:
            row = self.fills[r] = {}
        elif isinstance(found, dict):
            row = found
        else:
            row = self.fills[r] = _opened(found)
        row[c] = key

    # --- reading -----------------------------------------------------------------------------------

    def value(self, r: int, c: int) -> object:
        """The value stored in a cell (None outside the grid and for empty cells)."""
        hot = self._hot
        if hot[0] != r:
            row = self.cells.get(r)
            hot = self._hot = (r, {} if row is None else _opened(row))
        return hot[1].get(c)

    def fill_at(self, r: int, c: int) -> str | None:
        """The fill key of a cell, or None for no visible fill."""
        hot = self._hot_fills
        if hot[0] != r:
            row = self.fills.get(r)
            hot = self._hot_fills = (r, {} if row is None else _opened(row))
        return hot[1].get(c)  # type: ignore[return-value]

    def row_items(self, r: int) -> list[tuple[int, object]]:
        """The cells of a row that hold a value, as (column, value), left to right."""
        row = self.cells.get(r)
        if not row:
            return []
        if not isinstance(row, dict):
            return list(zip(_columns(row), row[1:], strict=True))
        items = list(row.items())
        if any(items[i][0] > items[i + 1][0] for i in range(len(items) - 1)):
            items.sort()
        return items

    def row_values(self, r: int) -> list[object]:
        """The values of a row's filled cells, left to right."""
        return [v for _c, v in self.row_items(r)]

    def has_values(self, r: int) -> bool:
        """True when a row holds at least one value."""
        return bool(self.cells.get(r))

    def merge_at(self, r: int, c: int) -> Merge | None:
        """The merged range covering a cell, if any (ranges of more than 20,000 cells are not looked up)."""
        starts, ranges, overlapping = self._merges_of_row(r)
        if not ranges:
            return None
        if overlapping:  # a damaged file: the range listed last wins, as Excel would draw it
            for m in reversed(ranges):
                if m[1] <= c <= m[3]:
                    return m
            return None
        i = bisect_right(starts, c) - 1
        if i >= 0 and ranges[i][3] >= c:
            return ranges[i]
        return None

    def shown_value(self, r: int, c: int) -> object:
        """The value a person sees in a cell: a merged range shows its top-left value everywhere."""
        m = self.merge_at(r, c)
        if m is not None:
            return self.value(m[0], m[1])
        return self.value(r, c)

    def window_columns(self, r0: int, r1: int, *, merge_width: int = 256) -> list[int]:
        """The columns that may show something in rows ``r0`` to ``r1 - 1``: those holding a value, and those
        covered by a merged range over those rows (at most ``merge_width`` columns of one range: no table is
        wider)."""
        found: set[int] = set()
        for r in range(r0, r1):
            row = self.cells.get(r)
            if row:
                found.update(row if isinstance(row, dict) else _columns(row))
        buckets = self._merge_buckets()
        if buckets and r1 > r0:
            seen: set[int] = set()
            for b in range((r0 >> _BUCKET_SHIFT), ((r1 - 1) >> _BUCKET_SHIFT) + 1):
                for m in buckets.get(b, ()):
                    if id(m) in seen or m[2] < r0 or m[0] >= r1:
                        continue
                    seen.add(id(m))
                    found.update(range(m[1], min(m[3], m[1] + merge_width - 1) + 1))
        return sorted(c for c in found if c >= 0)

    def is_empty(self) -> bool:
        """True when no cell holds a value."""
        return not any(self.cells.values())

    # --- the merge index ---------------------------------------------------------------------------

    def _merge_buckets(self) -> dict[int, list[Merge]]:
        if self._buckets is None:
            buckets: dict[int, list[Merge]] = {}
            for m in self.merges:
                r0, c0, r1, c1 = m
                if r1 < r0 or c1 < c0 or (r1 - r0 + 1) * (c1 - c0 + 1) > MERGE_INDEX_AREA:
                    continue
                for b in range(r0 >> _BUCKET_SHIFT, (r1 >> _BUCKET_SHIFT) + 1):
                    buckets.setdefault(b, []).append(m)
            self._buckets = buckets
        return self._buckets

    def _merges_of_row(self, r: int) -> tuple[list[int], list[Merge], bool]:
        found = self._row_merges.get(r)
        if found is None:
            buckets = self._merge_buckets()
            ranges = [m for m in buckets.get(r >> _BUCKET_SHIFT, ()) if m[0] <= r <= m[2]]
            ordered = sorted(ranges, key=lambda m: m[1])
            overlapping = any(ordered[i][3] >= ordered[i + 1][1] for i in range(len(ordered) - 1))
            found = ([m[1] for m in ordered], ranges if overlapping else ordered, overlapping)
            if len(self._row_merges) >= _ROW_CACHE:
                self._row_merges.clear()
            self._row_merges[r] = found
        return found


@dataclass(slots=True)
class WorkbookGrid:
    """All sheets of a file, in workbook order."""

    file_name: str
    sheets: list[SheetGrid]
