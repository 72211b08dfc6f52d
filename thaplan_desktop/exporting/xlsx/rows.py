"""A write-only worksheet filled row by row with the form's cells, so memory stays flat however long the sheet.

openpyxl's write-only mode streams each row to a temporary file as it is appended, instead of keeping every
cell of the sheet until it is saved (848 MB for a ผด.02 of 50,000 projects). What that asks of the writer:
the column widths and the frozen panes are set before the first row; a row's height is known when the row
is written; rows come in order. :class:`RowSheet` keeps the one row being filled (its cells by column and
its height) and writes it when a later row is begun; merged ranges are listed and written with the sheet's
end. With ``thai_digits`` every number and digit is placed in Thai digits (a number becomes the text its
cell format shows), as the printed forms may be asked for.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.styles import PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange

from thaplan_desktop.domain.thai import to_thai_digits
from thaplan_desktop.exporting.xlsx.cells import BODY_SIZE, dress, row_height, set_value


class RowSheet:
    """The rows of one write-only sheet, written in order as they are filled (rows and columns 1-based)."""

    def __init__(self, ws: WriteOnlyWorksheet, widths: dict[int, float], *, thai_digits: bool = False) -> None:
        self.ws = ws
        self.thai_digits = thai_digits
        for col, width in widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        self._row = 1  # the row being filled
        self._cells: dict[int, Cell] = {}
        self._height: float | None = None
        self._merges: list[CellRange] = []
        # Each style the sheet uses, made once: styling a cell through openpyxl's Font, Alignment and
        # Border objects took four fifths of the export's time; a copy of a made cell's style takes none.
        self._styles: dict[tuple[Any, ...], tuple[StyleArray, PatternFill | None]] = {}

    def put(self, row: int, col: int, value: Any, *, bold: bool = False, size: int = BODY_SIZE,
            horizontal: str = "left", wrap: bool = True, border: bool = True, number_format: str | None = None,
            fill: PatternFill | None = None) -> None:
        """Place one cell with the form's style (as :func:`~.cells.put`); text is never a formula."""
        self._go_to(row)
        if self.thai_digits:
            value, number_format = _in_thai_digits(value, number_format)
        key = (bold, size, horizontal, wrap, border, number_format, None if fill is None else id(fill))
        known = self._styles.get(key)
        if known is None:
            model = WriteOnlyCell(self.ws)
            dress(model, None, bold=bold, size=size, horizontal=horizontal, wrap=wrap, border=border,
                  number_format=number_format, fill=fill)
            known = self._styles[key] = (model._style, fill)  # the fill kept: its id stays its own
        cell = WriteOnlyCell(self.ws)
        cell._style = copy(known[0])
        set_value(cell, value)  # after the style: text that looks like a formula adds its quote prefix
        self._cells[col] = cell

    def set_height(self, row: int, points: float) -> None:
        """The height of a row, in points."""
        self._go_to(row)
        self._height = points

    def fit(self, row: int, texts: dict[int, str], widths: dict[int, float], *, size: int = BODY_SIZE) -> float:
        """Make a row tall enough for its wrapped texts to show whole when printed; returns the height."""
        self.set_height(row, row_height(texts, widths, size=size))
        assert self._height is not None
        return self._height

    def merge(self, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
        """Merge a range of cells (written with the sheet's end)."""
        self._merges.append(CellRange(min_col=start_column, min_row=start_row, max_col=end_column,
                                      max_row=end_row))

    def close(self) -> None:
        """Write the last row and the merged ranges; nothing more can be placed."""
        if self._cells or self._height is not None:
            self._write_row()
        self.ws.merged_cells = MultiCellRange(self._merges)

    def _go_to(self, row: int) -> None:
        if row < self._row:
            raise ValueError(f"row {row} comes before row {self._row}, which is being written")
        while self._row < row:
            self._write_row()

    def _write_row(self) -> None:
        dimensions = self.ws.row_dimensions
        if self._height is not None:
            dimensions[self._row].height = self._height
        last = max(self._cells, default=0)
        self.ws.append([self._cells.get(col) for col in range(1, last + 1)])
        if self._height is not None:
            del dimensions[self._row]  # written with its row: not kept for the rest of the sheet
        self._cells = {}
        self._height = None
        self._row += 1


def _in_thai_digits(value: Any, number_format: str | None) -> tuple[Any, str | None]:
    """A value in Thai digits: text as it was, a number as the text its format shows (then a text cell)."""
    if isinstance(value, str):
        return to_thai_digits(value), number_format
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value, number_format
    if isinstance(value, Decimal):  # stored as the float or int a cell holds, then shown
        value = float(value) if value != value.to_integral_value() else int(value)
    amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number_format == "#,##0.00":
        text = f"{amount:,.2f}"
    elif number_format == "#,##0":
        text = f"{amount:,.0f}"
    elif number_format == "0.00":
        text = f"{amount:.2f}"
    else:
        text = str(value)
    return to_thai_digits(text), "@"
