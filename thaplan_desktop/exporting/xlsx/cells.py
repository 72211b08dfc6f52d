"""Cell writing shared by the form and template sheets: Thai font, borders, safe text, fitting row heights.

Every text goes into a cell through :func:`set_text`: one that begins with ``=``, ``+``, ``-`` or ``@`` is
stored as text (with Excel's quote prefix), never as a formula — a project name copied from elsewhere must
not run anything when the workbook is opened — and control characters (NUL, BEL, ESC …, which a workbook
cannot hold) are left out, so a plan that holds them still exports.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.thai import strip_controls

FONT_NAME = "TH SarabunPSK"
BODY_SIZE = 14
TITLE_SIZE = 16
CM_PER_CHAR = 0.19  # one Excel width unit (the width of "0" in the default font) is about 7 px
LINE_POINTS = 22.0  # one line of 14 pt TH SarabunPSK (or its metric twin Laksaman), with the leading
CHARS_PER_WIDTH = 0.8  # characters of 14 pt Thai text that fit in one Excel width unit (measured on prints)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FORMULA_STARTS = ("=", "+", "-", "@")
_COMBINING = {chr(c) for c in range(0x0E31, 0x0E3B) if c not in (0x0E32, 0x0E33)} | {
    chr(c) for c in range(0x0E47, 0x0E4F)}


def font(*, bold: bool = False, size: int = BODY_SIZE) -> Font:
    """The Thai form font."""
    return Font(name=FONT_NAME, size=size, bold=bold)


def put(ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False, size: int = BODY_SIZE,
        horizontal: str = "left", wrap: bool = True, border: bool = True, number_format: str | None = None,
        fill: PatternFill | None = None) -> Cell:
    """Write one cell (1-based row and column) with the form's style; text is never a formula."""
    cell = ws.cell(row, col)
    dress(cell, value, bold=bold, size=size, horizontal=horizontal, wrap=wrap, border=border,
          number_format=number_format, fill=fill)
    return cell


def dress(cell: Cell, value: Any, *, bold: bool = False, size: int = BODY_SIZE, horizontal: str = "left",
          wrap: bool = True, border: bool = True, number_format: str | None = None,
          fill: PatternFill | None = None) -> None:
    """Give a cell (of a sheet or a write-only one) its value and the form's style; text is never a formula."""
    set_value(cell, value)
    cell.font = font(bold=bold, size=size)
    cell.alignment = Alignment(horizontal=horizontal, vertical="top" if wrap else "center", wrap_text=wrap)
    if border:
        cell.border = BORDER
    if number_format:
        cell.number_format = number_format
    if fill is not None:
        cell.fill = fill


def set_value(cell: Cell, value: Any) -> None:
    """Put a value in a cell: text as :func:`set_text` does, an amount as the number a cell holds."""
    if isinstance(value, str):
        set_text(cell, value)
    elif isinstance(value, Decimal):
        cell.value = float(value) if value != value.to_integral_value() else int(value)
    else:
        cell.value = value


def set_text(cell: Cell, text: str) -> None:
    """Put ``text`` in a cell as text: never a formula, never a control character."""
    text = strip_controls(text)
    cell.value = text
    if text.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def money_format(amount: Decimal) -> str:
    """``250,000`` or ``238,613.38``: satang only when present, as the forms print money."""
    return "#,##0" if amount == amount.to_integral_value() else "#,##0.00"


def text_width(text: str) -> int:
    """Columns a text takes: Thai vowels and tone marks above and below the line take none."""
    return sum(0 if ch in _COMBINING else 1 for ch in text)


def lines_needed(text: str, width_chars: float) -> int:
    """Lines a wrapped text needs in a column ``width_chars`` wide (a safe overestimate for Thai)."""
    if not text:
        return 1
    per_line = max(width_chars * CHARS_PER_WIDTH - 1, 1.0)
    return sum(max(1, math.ceil(text_width(part) / per_line)) for part in text.split("\n"))


def fit_row_height(ws: Worksheet, row: int, texts: dict[int, str], widths: dict[int, float],
                   *, size: int = BODY_SIZE) -> None:
    """Set a row's height so that its wrapped texts show whole when printed."""
    ws.row_dimensions[row].height = row_height(texts, widths, size=size)


def row_height(texts: dict[int, str], widths: dict[int, float], *, size: int = BODY_SIZE) -> float:
    """The height (points) a row needs for its wrapped texts (by column) to show whole when printed."""
    lines = max((lines_needed(t, widths.get(c, 8.43)) for c, t in texts.items() if t), default=1)
    return round(lines * LINE_POINTS * size / BODY_SIZE + 5, 1)


def width_chars(cm: float) -> float:
    """Excel column width for a width in centimetres."""
    return round(cm / CM_PER_CHAR, 2)


def width_emu(chars: float) -> int:
    """A column's width in EMU (for anchoring shapes), the way Excel converts width units to pixels."""
    return int((chars * 7 + 5) * 9525)
