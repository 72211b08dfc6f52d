"""The streamed parts of an .xlsx: the shared strings and each sheet's cells, merges and geometry.

Both are read with expat a chunk at a time (:mod:`.stream`), never whole: the memory they cost is what is
kept — the strings and the cells that hold a value or a fill — counted against the file's budget as it is
read (a 2 GiB shared string is refused at its 32,768th character). Cell values follow openpyxl's read-only
mode with cached formula values, as the reader always had: numbers become int or float, a number in a
date-formatted cell a date (also for Thai Excel's built-in date formats openpyxl does not know), "s" cells
their shared string, inline strings their text, booleans bool, errors their code ("#N/A"). A formula saved
without its value is kept aside for :mod:`~..formulas` to work out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel, from_ISO8601

from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.limits import MAX_CELL_CHARS, Budget
from thaplan_desktop.importing.readers.common import BUILTIN_DATE_FORMAT_IDS, is_date_format
from thaplan_desktop.importing.readers.xlsx_drawing import SheetDims

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MAX_SERIAL = 2958466  # 31 December 9999
_MERGE_REF = re.compile(r"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")


def _q(name: str) -> str:
    return f"{MAIN}}}{name}"


_SI, _T, _R, _RPH = _q("si"), _q("t"), _q("r"), _q("rPh")
_C, _V, _F, _IS, _ROW = _q("c"), _q("v"), _q("f"), _q("is"), _q("row")
_MERGE, _COL, _FORMAT = _q("mergeCell"), _q("col"), _q("sheetFormatPr")


class _Text:
    """Character data of the element being collected, its length checked against the cell limit as it grows."""

    __slots__ = ("budget", "length", "parts")

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.parts: list[str] | None = None
        self.length = 0

    def start(self) -> None:
        self.parts = []
        self.length = 0

    def data(self, text: str) -> None:
        parts = self.parts
        if parts is not None:
            parts.append(text)
            self.length += len(text)
            if self.length > MAX_CELL_CHARS:
                self.budget.cell_text(self.length)

    def stop(self) -> str:
        parts, self.parts = self.parts, None
        return "".join(parts) if parts else ""


class SharedStrings:
    """The ``sharedStrings.xml`` handler: each ``si``'s text (its own ``t`` and its runs' ``t``, not the
    phonetic guide), as openpyxl reads it."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.strings: list[str] = []
        self._text = _Text(budget)
        self._stack: list[str] = []
        self._plain = ""
        self._runs: list[str] = []
        self._in_rph = 0

    def attach(self, parser: Any) -> None:
        """Set the parser's callbacks to this handler."""
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self._text.data

    def start(self, tag: str, _attrs: Any) -> None:
        parent = self._stack[-1] if self._stack else ""
        self._stack.append(tag)
        if tag == _SI:
            self._plain, self._runs, self._in_rph = "", [], 0
        elif tag == _RPH:
            self._in_rph += 1
        elif tag == _T and not self._in_rph and parent in (_SI, _R):
            self._text.start()

    def end(self, tag: str) -> None:
        self._stack.pop()
        parent = self._stack[-1] if self._stack else ""
        if tag == _T and self._text.parts is not None:
            text = self._text.stop()
            if parent == _SI:
                self._plain = text
            else:
                self._runs.append(text)
        elif tag == _RPH:
            self._in_rph -= 1
        elif tag == _SI:
            text = (self._plain + "".join(self._runs)).replace("x005F_", "")
            self.budget.cells()
            self.budget.string(text)
            self.strings.append(text)


@dataclass(slots=True)
class Styles:
    """What the cells need of the stylesheet: per cell style id, its fill key and how its numbers read."""

    fill_keys: list[str | None] = field(default_factory=list)
    format_ids: list[int] = field(default_factory=list)
    date_styles: frozenset[int] = frozenset()  # openpyxl turns numbers of these into dates itself
    timedelta_styles: frozenset[int] = frozenset()
    custom_formats: list[str] = field(default_factory=list)  # format id 164 + i
    _serial_dates: dict[int, bool] = field(default_factory=dict)

    def serial_is_date(self, style_id: int) -> bool:
        """A number left as a number shows a date: Thai Excel's built-in "ดดด-ปป", ``bbbb`` years."""
        found = self._serial_dates.get(style_id)
        if found is None:
            format_id = self.format_ids[style_id]
            code = BUILTIN_FORMATS.get(format_id, "General") if format_id < 164 else \
                self.custom_formats[format_id - 164] if format_id - 164 < len(self.custom_formats) else "General"
            found = self._serial_dates[style_id] = format_id in BUILTIN_DATE_FORMAT_IDS or (
                format_id >= 164 and is_date_format(code))
        return found


class SheetCells:
    """The handler of one worksheet part: cells into a :class:`SheetGrid`, merged ranges, geometry for
    drawings (``keep_dims``), and formulas saved without a value (``pending``)."""

    def __init__(self, grid: SheetGrid, strings: list[str], styles: Styles, budget: Budget, *,
                 epoch: Any = WINDOWS_EPOCH, keep_dims: bool = False) -> None:
        self.grid = grid
        self.strings = strings
        self.styles = styles
        self.budget = budget
        self.epoch = epoch
        self.keep_dims = keep_dims
        self.dims = SheetDims()
        self.pending: dict[tuple[int, int], str] = {}
        self._text = _Text(budget)
        self._row = 0  # the current row element's number, as openpyxl counts
        self._next_row = 1  # rows numbered below this are skipped, as openpyxl skips them
        self._skip_row = False
        self._col = 0
        self._cell: tuple[str | None, str, int] | None = None  # coordinate, type, style id
        self._v: str | None = None
        self._f: str | None = None
        self._inline: list[str] | None = None  # text of an inline string's t and runs
        self._plain: str | None = None
        self._in_is = False
        self._in_rph = 0

    def attach(self, parser: Any) -> None:
        """Set the parser's callbacks to this handler."""
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self._text.data

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _C:
            s = attrs.get("s")
            self._cell = (attrs.get("r"), attrs.get("t", "n"), int(s) if s else 0)
            self._v = self._f = None
            self._plain, self._inline, self._in_is = None, None, False
        elif tag == _V:
            if self._cell is not None and self._v is None:
                self._text.start()
        elif tag == _F:
            if self._cell is not None:
                self._text.start()
        elif tag == _ROW:
            self._start_row(attrs)
        elif tag == _IS:
            if self._cell is not None:
                self._in_is, self._inline, self._plain = True, [], None
        elif tag == _T:
            if self._in_is and not self._in_rph:
                self._text.start()
        elif tag == _RPH:
            self._in_rph += 1
        elif tag == _MERGE:
            self._merge(attrs.get("ref", ""))
        elif tag == _COL:
            if self.keep_dims:
                self.budget.cells()
                self.dims.cols.append(dict(attrs))
        elif tag == _FORMAT:
            if not self.dims.format:
                self.dims.format = dict(attrs)

    def end(self, tag: str) -> None:
        if tag == _C:
            if self._cell is not None:
                self._end_cell()
            self._cell = None
        elif tag == _V:
            if self._text.parts is not None:
                self._v = self._text.stop()
        elif tag == _F:
            if self._text.parts is not None:
                self._f = self._text.stop()
        elif tag == _T:
            if self._text.parts is not None:
                text = self._text.stop()
                if self._inline is not None:
                    self._inline.append(text)
        elif tag == _IS:
            self._in_is = False
        elif tag == _RPH:
            self._in_rph -= 1
        elif tag == _ROW:
            r = self._row - 1
            if r in self.grid.cells or r in self.grid.fills:
                self.budget.rows()
            self.grid.seal(r)

    def _start_row(self, attrs: dict[str, str]) -> None:
        r = attrs.get("r")
        if r is not None:
            try:
                self._row = int(r)
            except ValueError:
                value = float(r)
                if not value.is_integer():
                    raise ValueError(f"{r} is not a valid row number") from None
                self._row = int(value)
        else:
            self._row += 1
        self._col = 0
        self._skip_row = self._row < self._next_row
        if not self._skip_row:
            self._next_row = self._row + 1
        if self.keep_dims and r is not None and ("ht" in attrs or "hidden" in attrs):
            self.budget.cells()
            self.dims.rows.append({k: attrs[k] for k in ("r", "ht", "hidden") if k in attrs})

    def _merge(self, ref: str) -> None:
        match = _MERGE_REF.fullmatch(ref)
        if match is None:
            return
        c0, r0 = _column_index(match.group(1)), int(match.group(2)) - 1
        c1, r1 = (_column_index(match.group(3)), int(match.group(4)) - 1) if match.group(3) else (c0, r0)
        self.budget.cells()
        self.grid.merges.append((r0, c0, r1, c1))

    def _end_cell(self) -> None:
        assert self._cell is not None
        coordinate, data_type, style_id = self._cell
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self._col = column
        else:
            self._col += 1
            row, column = self._row, self._col
        if self._f and not self._v and data_type != "inlineStr" and coordinate:
            self.pending[(row - 1, column - 1)] = self._f  # worked out later from the sheet's numbers
        if self._skip_row:
            return
        value: object = None
        raw = None if data_type == "inlineStr" else (self._v or None)
        if raw is not None:
            value = self._value(raw, data_type, style_id)
        elif data_type == "inlineStr" and self._inline is not None:
            value = "".join(self._inline)
        styles = self.styles
        if style_id and isinstance(value, int | float) and not isinstance(value, bool) \
                and 0 < value < _MAX_SERIAL and styles.serial_is_date(style_id):
            value = from_excel(value)
        key = styles.fill_keys[style_id] if style_id else None
        if value is None and key is None:
            return
        r0, c0 = row - 1, column - 1
        grid = self.grid
        if value is not None and value != "":
            if isinstance(value, str):
                if data_type != "s":  # a shared string was counted once, in its table
                    self.budget.string(value)
            elif not (isinstance(value, int) and -5 <= value <= 256):  # small ints and bools cost nothing
                self.budget.number()
            self.budget.cells()
            grid.put(r0, c0, value)
        grid.extend(r0, c0)
        if key is not None:
            if value is None or value == "":
                self.budget.cells()
            grid.put_fill(r0, c0, key)

    def _value(self, raw: str, data_type: str, style_id: int) -> object:
        if data_type == "n":
            try:
                number = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
            except ValueError:  # "inf", "NaN": numbers still, refused (with their row) where they are used
                number = float(raw)
            if style_id in self.styles.date_styles:
                try:
                    return from_excel(number, self.epoch, timedelta=style_id in self.styles.timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if data_type == "s":
            return self.strings[int(raw)]
        if data_type == "b":
            return bool(int(raw))
        if data_type == "d":
            return from_ISO8601(raw)
        return raw  # "str" (a formula's text), "e" (an error code) and unknown types keep their text


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1

