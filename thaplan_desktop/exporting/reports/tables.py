"""Ruled tables of the reports: the engine's ``FormTable`` with its columns fitted to what they hold.

A report table is declared as ``ColumnSpec``s (header, alignment, whether its texts stay on one line — counts,
percentages, amounts — or a fixed width) and ``Row``s of ``Cell``s, as the plan's forms are. ``fitted_columns``
gives every column the room its widest unbreakable piece needs and shares the rest where it saves the most
lines (``exporting.pdf.fit``), once for all the rows of a table, so that the blocks of one table (the
per-project table's strategies and programs, the annex's units) share their widths on every page. ``table``
makes the ``FormTable``: rows kept whole across pages, the header (and the captions marked "(ต่อ)") repeated,
every piece of text 3 pt from the rules, lines broken only between words (stock newmm).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thaplan_desktop.exporting.pdf.fit import ColumnNeed, fit_columns
from thaplan_desktop.exporting.pdf.forms import header_size, table_style
from thaplan_desktop.exporting.pdf.layout import TITLE_LEADING, Align, TextStyle, Typesetter
from thaplan_desktop.exporting.pdf.table import CELL_PAD_X, Caption, Cell, Column, FormTable, HeaderCell, Row

__all__ = [
    "BODY_SIZE",
    "Caption",
    "Cell",
    "ColumnSpec",
    "HeaderCell",
    "Row",
    "caption_lines",
    "fitted_columns",
    "table",
    "total_row",
]

BODY_SIZE = 13.5  # the forms' table text (exporting.pdf.options.ExportOptions.table_size)
CAPTION_SIZE = 15.0
_WHOLE_SAMPLE = 3  # a one-line column is as wide as its longest texts: these many of each kind are measured


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of a report table."""

    header: str  # what the column's own header cell says (fitted as the header)
    align: Align = Align.LEFT
    whole: bool = False  # its texts stay on one line (numbers, amounts, percentages)
    fixed: float | None = None  # a fixed width in points
    indent: float = 0.0  # extra indent some of its body texts have (programs under their strategy)


def _longest(texts: list[str]) -> list[str]:
    """The longest few texts (a one-line column of numbers is as wide as one of them)."""
    return sorted(set(texts), key=len, reverse=True)[:_WHOLE_SAMPLE]


def fitted_columns(ts: Typesetter, specs: Sequence[ColumnSpec], rows: Sequence[Row], width: float,
                   size: float = BODY_SIZE) -> list[Column]:
    """The columns' widths for all of ``rows``, adding up to ``width``."""
    texts: list[list[str]] = [[] for _ in specs]
    bold: list[list[str]] = [[] for _ in specs]
    for row in rows:
        for cell in row.cells:
            if cell.colspan != 1 or not isinstance(cell.text, str) or not cell.text:
                continue
            (bold if cell.bold else texts)[cell.col].append(cell.text)
    needs = []
    for k, spec in enumerate(specs):
        if spec.fixed is not None:
            needs.append(ColumnNeed(fixed=spec.fixed))
        elif spec.whole:
            needs.append(ColumnNeed(_longest(texts[k]), _longest(bold[k]), spec.header, whole=True, pad=CELL_PAD_X))
        else:
            needs.append(ColumnNeed(texts[k], bold[k], spec.header, pad=CELL_PAD_X, indent=spec.indent))
    widths = fit_columns(ts, needs, width, body_size=size, header_size=header_size(size), cap=width / 3.0,
                         header_weight=2.0)
    return [Column(w, spec.align) for w, spec in zip(widths, specs, strict=True)]


def caption_lines(lines: Sequence[str], size: float = CAPTION_SIZE) -> list[Caption]:
    """Group lines above a table (a strategy, its program; a unit): the last one repeated with "(ต่อ)" on the
    pages the table runs over, the ones above it only where the table starts."""
    style = TextStyle(size=size, leading_factor=TITLE_LEADING, bold=True)
    out = []
    for k, line in enumerate(lines):
        last = k == len(lines) - 1
        out.append(Caption(line, style.but(space_after=size * 0.3) if last else style, continued_suffix=last,
                           repeated=last))
    return out


def total_row(label: str, span: int, figures: Sequence[tuple[int, str]], *, align: Align = Align.CENTER) -> Row:
    """A bold total row: ``label`` over the first ``span`` columns, then (column, text) figures."""
    cells = [Cell(0, label, colspan=span, bold=True, align=align)]
    cells += [Cell(col, text, bold=True, shrink=True) for col, text in figures]
    return Row(tuple(cells), kind="total")


def table(ts: Typesetter, specs: Sequence[ColumnSpec], rows: Sequence[Row], *, width: float,
          size: float = BODY_SIZE, columns: Sequence[Column] | None = None,
          header: Sequence[HeaderCell] | None = None, captions: Sequence[Caption] = (),
          number_col: int | None = None, page_room: float | None = None, space_before: float = 0.0,
          month_col: int | None = None, shade_months: bool = False) -> FormTable:
    """A ruled table: ``header`` cells (one row of the specs' headers when None) over ``rows``."""
    if columns is None:
        columns = fitted_columns(ts, specs, rows, width, size)
    if header is None:
        header = [HeaderCell(0, k, spec.header) for k, spec in enumerate(specs)]
    return FormTable(ts, columns, header, rows, table_style(size), captions=captions, number_col=number_col,
                     page_room=page_room, space_before=space_before, month_col=month_col,
                     shade_months=shade_months)
