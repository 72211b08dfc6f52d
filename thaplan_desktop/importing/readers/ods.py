"""OpenDocument spreadsheets (``.ods``): values, merges, fills and drawn lines from one streamed ``content.xml``.

``content.xml`` is read a chunk at a time (:mod:`.stream`): cells are kept as they come, repeated cells and
rows cost what they repeat (an empty repeat costs nothing, a value repeated a billion times is refused at
the cell limit before one copy is made), and a sparse sheet costs only its filled cells. Values read as
calamine (which read .ods before) read them: numbers float, dates date or datetime, times time, booleans
bool, text the cell's paragraphs joined by line breaks (notes left out). Fills come from the cell's style
(or its column's default style) and, as before, count only inside the extent of the values; merged ranges
from the spans; lines drawn on the sheet from their lengths, placed with the column widths and row heights
(in cm, in, pt …). The mimetype, the manifest (an encrypted file is refused as password-protected) and the
XML itself are checked: entity declarations and references to other files are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thaplan_desktop.importing.errors import ImportFailure
from thaplan_desktop.importing.grid import Shape, SheetGrid, WorkbookGrid
from thaplan_desktop.importing.limits import MAX_CELL_CHARS, Budget, Progress
from thaplan_desktop.importing.readers.common import (
    STOP,
    corrupt,
    edges,
    password_protected,
    position,
    unreadable,
)
from thaplan_desktop.importing.readers.stream import (
    make_parser,
    member,
    open_zip,
    parse_part,
    part_progress,
    stream_part,
)

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{_NS[prefix]}}}{name}"


_TABLE, _ROW, _COLUMN = _q("table", "table"), _q("table", "table-row"), _q("table", "table-column")
_CELL, _COVERED = _q("table", "table-cell"), _q("table", "covered-table-cell")
_STYLE, _CELL_PROPS = _q("style", "style"), _q("style", "table-cell-properties")
_COL_PROPS, _ROW_PROPS = _q("style", "table-column-properties"), _q("style", "table-row-properties")
_TABLE_PROPS = _q("style", "table-properties")
_P, _S, _ANNOTATION = _q("text", "p"), _q("text", "s"), _q("office", "annotation")
_SHAPES = {_q("draw", n) for n in ("line", "connector", "custom-shape", "rect")}
_A = {k: _q(*k.split(":")) for k in (
    "table:name", "table:style-name", "table:number-rows-repeated", "table:number-columns-repeated",
    "table:number-columns-spanned", "table:number-rows-spanned", "table:default-cell-style-name",
    "table:formula", "table:display", "style:name", "style:column-width", "style:row-height",
    "fo:background-color", "office:value", "office:string-value", "office:date-value", "office:time-value",
    "office:boolean-value", "office:value-type", "text:c", "svg:x1", "svg:y1", "svg:x2", "svg:y2", "svg:x",
    "svg:y", "svg:width", "svg:height")}
_REPEAT_LIMIT = 5000  # column widths are kept for at most this many repeated columns (they place lines only)
_WIDTHS_LIMIT = 20_000
_ODS_DEFAULT_COL_PT = 0.889 * 72
_ODS_DEFAULT_ROW_PT = 0.178 * 72
_LENGTH_RE = re.compile(r"^\s*(-?[0-9.]+)\s*(in|cm|mm|pt|pc|px)?\s*$")
_POINTS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "pc": 12.0, "px": 0.75, None: 1.0}
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+)(?:\.(\d+))?S")


def read_ods(path: Path, budget: Budget | None = None, progress: Progress | None = None) -> WorkbookGrid:
    """Read an OpenDocument spreadsheet, or raise :class:`~thaplan_desktop.importing.errors.ImportFailure`."""
    name = path.name
    budget = budget or Budget(name)
    content = _Content(budget)
    try:
        with open_zip(path, budget) as zf:
            mimetype = member(zf, "mimetype")
            if mimetype is None or mimetype.file_size > 1024 or zf.read(mimetype)[:len(MIMETYPE)] != MIMETYPE:
                raise corrupt(name)
            manifest = parse_part(zf, "META-INF/manifest.xml", budget)
            if manifest is None:
                raise corrupt(name)
            if any(True for _ in manifest.iter(f"{{{_NS['manifest']}}}encryption-data")):
                raise password_protected(name)
            info = member(zf, "content.xml")
            if info is None:
                raise corrupt(name)
            parser = make_parser(ordered_attributes=True)
            content.attach(parser)
            stream_part(zf, info, parser, budget,
                        progress=part_progress(progress, "กำลังอ่านแผ่นงาน", 0.0, 1.0, info.file_size))
    except (ImportFailure, *STOP):
        raise
    except Exception as exc:  # zip and XML errors of a damaged file
        raise unreadable(name, exc, content.sheet_name) from exc
    return WorkbookGrid(name, content.sheets)


def _length_pt(text: str | None) -> float | None:
    match = _LENGTH_RE.match(text or "")
    if match is None:
        return None
    try:
        return float(match.group(1)) * _POINTS[match.group(2)]
    except ValueError:
        return None


def _attrs(pairs: list[str]) -> dict[str, str]:
    """expat's ordered attributes as a dict (the first of a repeated name wins, as calamine reads them)."""
    found: dict[str, str] = {}
    for i in range(0, len(pairs) - 1, 2):
        found.setdefault(pairs[i], pairs[i + 1])
    return found


def _repeat(value: str | None) -> int:
    return int(value) if value else 1


@dataclass(slots=True)
class _Table:
    """One table while it is read: its grid, and what is placed once its extent is known."""

    grid: SheetGrid
    column_runs: list[tuple[int, int, str]] = field(default_factory=list)  # start, count, default cell style
    run_starts: list[int] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    heights: list[tuple[int, int, float]] = field(default_factory=list)  # start row, count, height (pt)
    fill_runs: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # r, rows, c, cols, colour
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)  # points
    columns: int = 0
    row: int = 0  # the next row's number (0-based), repeats counted


class _Content:
    """The ``content.xml`` handler: automatic styles, then each table's rows, cells and shapes."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.sheets: list[SheetGrid] = []
        self.sheet_name = ""
        self.backgrounds: dict[str, str] = {}
        self.col_widths: dict[str, float] = {}
        self.row_heights: dict[str, float] = {}
        self.display: dict[str, bool] = {}
        self._style = ""
        self._table: _Table | None = None
        self._depth = 0  # element depth inside the current table (nested tables are not read)
        self._row: tuple[int, int, float] | None = None  # first row, repeats, height of the row element
        self._row_depth = 0  # the row element's depth in the table
        self._col = 0  # next column in the row
        self._cell: tuple[int, int, int, int, object] | None = None  # column, repeats, spans, value
        self._text: list[str] | None = None
        self._text_len = 0
        self._paragraphs = 0
        self._annotation = 0
        self._cdata = False
        self._shapes: list[list[Any]] = []  # open shape elements: [tag, attributes, holds text]
        self._p_lead: list[str] | None = None  # leading text of a text:p inside a shape

    def attach(self, parser: Any) -> None:
        """Set the parser's callbacks to this handler."""
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.StartCdataSectionHandler = self._cdata_on
        parser.EndCdataSectionHandler = self._cdata_off

    def _cdata_on(self) -> None:
        self._cdata = True

    def _cdata_off(self) -> None:
        self._cdata = False

    # --- events -------------------------------------------------------------------------------------

    def start(self, tag: str, pairs: list[str]) -> None:
        table = self._table
        if table is not None:
            self._depth += 1
        if self._p_lead is not None:  # a child of a shape's paragraph ends its leading text
            self._shape_text()
        if self._text is not None:  # a text cell's content: every text but its notes (shapes' text included)
            if tag == _ANNOTATION or self._annotation:
                self._annotation += 1
                return
            if tag == _P:
                self._paragraphs += 1
                if self._paragraphs > 1:
                    self._add_text("\n")
            elif tag == _S:
                count = _attrs(pairs).get(_A["text:c"])
                self._add_text(" " * (int(count) if count else 1))
        if table is None:
            if tag == _TABLE:
                self._start_table(_attrs(pairs))
            elif tag == _STYLE:
                self._style = _attrs(pairs).get(_A["style:name"], "")
            elif tag in (_CELL_PROPS, _COL_PROPS, _ROW_PROPS, _TABLE_PROPS):
                self._style_props(tag, _attrs(pairs))
            return
        if tag == _CELL or tag == _COVERED:
            if self._row is not None and self._depth == self._row_depth + 1:
                self._start_cell(_attrs(pairs))
        elif tag == _ROW:
            if self._row is None:
                self._start_row(_attrs(pairs))
        elif tag == _COLUMN:
            self._column(_attrs(pairs))
        elif tag in _SHAPES:
            self.budget.cells()
            self._shapes.append([tag, _attrs(pairs), False])
        elif tag == _P and self._shapes:
            self._p_lead = []

    def end(self, tag: str) -> None:
        table = self._table
        if self._p_lead is not None:
            self._shape_text()
        if self._annotation:
            self._annotation -= 1
        elif self._cell is not None and (tag == _CELL or tag == _COVERED) and self._depth == self._row_depth + 1:
            self._end_cell()
        elif tag == _ROW and self._row is not None and self._depth == self._row_depth:
            self._end_row()
        elif tag in _SHAPES and self._shapes:
            shape_tag, attrs, has_text = self._shapes.pop()
            if not has_text and table is not None:
                self._line(table, shape_tag, attrs)
        elif tag == _TABLE and table is not None and self._depth == 1:
            self._end_table(table)
        if self._table is not None:
            self._depth -= 1

    def data(self, text: str) -> None:
        if self._p_lead is not None:
            self._p_lead.append(text)
        if self._text is not None and not self._annotation and not self._cdata:
            self._add_text(text)

    # --- styles -------------------------------------------------------------------------------------

    def _style_props(self, tag: str, attrs: dict[str, str]) -> None:
        name = self._style
        if tag == _CELL_PROPS:
            colour = (attrs.get(_A["fo:background-color"]) or "").lstrip("#").upper()
            if colour and colour not in ("TRANSPARENT", "FFFFFF"):
                self.backgrounds[name] = colour
        elif tag == _COL_PROPS:
            if (width := _length_pt(attrs.get(_A["style:column-width"]))) is not None:
                self.col_widths[name] = width
        elif tag == _ROW_PROPS:
            if (height := _length_pt(attrs.get(_A["style:row-height"]))) is not None:
                self.row_heights[name] = height
        elif tag == _TABLE_PROPS:
            shown = attrs.get(_A["table:display"])
            self.display[name] = shown is None or shown.strip().lower() != "false"

    # --- tables, rows, cells --------------------------------------------------------------------------

    def _start_table(self, attrs: dict[str, str]) -> None:
        name = attrs.get(_A["table:name"])
        if name is None:
            return
        self.sheet_name = name
        self.budget.start_sheet(name)
        hidden = not self.display.get(attrs.get(_A["table:style-name"], ""), True)
        self._table = _Table(SheetGrid(name, hidden=hidden))
        self._depth = 1

    def _column(self, attrs: dict[str, str]) -> None:
        table = self._table
        assert table is not None
        self.budget.cells()
        n = _repeat(attrs.get(_A["table:number-columns-repeated"]))
        table.run_starts.append(table.columns)
        table.column_runs.append((table.columns, n, attrs.get(_A["table:default-cell-style-name"], "")))
        table.columns += n
        width = self.col_widths.get(attrs.get(_A["table:style-name"], ""), _ODS_DEFAULT_COL_PT)
        keep = min(n, _REPEAT_LIMIT, _WIDTHS_LIMIT - len(table.widths))
        if keep > 0:
            table.widths.extend([width] * keep)

    def _start_row(self, attrs: dict[str, str]) -> None:
        table = self._table
        assert table is not None
        repeats = _repeat(attrs.get(_A["table:number-rows-repeated"]))
        height = self.row_heights.get(attrs.get(_A["table:style-name"], ""), _ODS_DEFAULT_ROW_PT)
        self._row = (table.row, repeats, height)
        self._row_depth = self._depth
        self._col = 0

    def _end_row(self) -> None:
        table = self._table
        assert table is not None
        assert self._row is not None
        first, repeats, height = self._row
        self.budget.cells()
        table.heights.append((first, repeats, height))
        grid = table.grid
        grid.seal(first)
        if first in grid.cells:
            self.budget.rows(repeats)
            for r in range(first + 1, first + repeats):
                grid.copy_row(first, r)
        table.row = first + repeats
        self._row = None

    def _start_cell(self, attrs: dict[str, str]) -> None:
        table = self._table
        assert table is not None
        assert self._row is not None
        repeats = _repeat(attrs.get(_A["table:number-columns-repeated"]))
        span_c = int(attrs.get(_A["table:number-columns-spanned"], "1"))
        span_r = int(attrs.get(_A["table:number-rows-spanned"], "1"))
        value, is_string = _cell_value(attrs)
        self._cell = (self._col, repeats, span_c, span_r, value)
        if value is None and is_string:
            self._text, self._text_len, self._paragraphs = [], 0, 0
        self._fills(table, self._col, repeats, attrs.get(_A["table:style-name"], ""))

    def _add_text(self, text: str) -> None:
        assert self._text is not None
        self._text.append(text)
        self._text_len += len(text)
        if self._text_len > MAX_CELL_CHARS:
            self.budget.cell_text(self._text_len)

    def _end_cell(self) -> None:
        table = self._table
        assert table is not None
        assert self._cell is not None
        assert self._row is not None
        col, repeats, span_c, span_r, value = self._cell
        if self._text is not None:
            value = "".join(self._text)
            self._text = None
        first_row, row_repeats, _height = self._row
        if span_c > 1 or span_r > 1:
            self.budget.cells()
            table.merges.append((first_row, col, first_row + span_r - 1, col + span_c - 1))
        if value is not None:
            self.budget.cells(repeats * row_repeats)
            if isinstance(value, str):
                if value:
                    self.budget.string(value)  # one object for all its repeats
            elif not isinstance(value, bool):
                self.budget.number()
            grid = table.grid
            for c in range(col, col + repeats):  # the repeats of the row share it (end of the row)
                grid.put(first_row, c, value)
        self._col = col + repeats
        self._cell = None

    def _fills(self, table: _Table, col: int, repeats: int, style: str) -> None:
        """Remember the fill runs of a cell element (clipped to the values' extent at the end of the table)."""
        assert self._row is not None
        first_row, row_repeats, _height = self._row
        if style:
            colour = self.backgrounds.get(style)
            if colour:
                self.budget.cells()
                table.fill_runs.append((first_row, row_repeats, col, repeats, colour))
            return
        if not table.column_runs:
            return
        stop = col + repeats
        i = max(bisect_right(table.run_starts, col) - 1, 0)
        while i < len(table.column_runs) and table.column_runs[i][0] < stop:
            start, n, default = table.column_runs[i]
            lo, hi = max(start, col), min(start + n, stop)
            colour = self.backgrounds.get(default) if lo < hi else None
            if colour:
                self.budget.cells()
                table.fill_runs.append((first_row, row_repeats, lo, hi - lo, colour))
            i += 1

    def _shape_text(self) -> None:
        lead, self._p_lead = self._p_lead, None
        if lead and "".join(lead).strip():
            for shape in self._shapes:
                shape[2] = True  # a text box, not a mark

    def _line(self, table: _Table, tag: str, attrs: dict[str, str]) -> None:
        def lengths(names: tuple[str, ...]) -> list[float] | None:
            values = [_length_pt(attrs.get(_A[n])) for n in names]
            return [v for v in values if v is not None] if None not in values else None

        if tag.endswith(("}line", "}connector")):
            coords = lengths(("svg:x1", "svg:y1", "svg:x2", "svg:y2"))
        else:
            box = lengths(("svg:x", "svg:y", "svg:width", "svg:height"))
            coords = None if box is None else [box[0], box[1], box[0] + box[2], box[1] + box[3]]
        if coords is None:
            return
        table.lines.append((coords[0], coords[1], coords[2], coords[3]))

    def _end_table(self, table: _Table) -> None:
        grid = table.grid
        n_rows, n_cols = grid.n_rows, grid.n_cols
        for r0, rows, c0, cols, colour in table.fill_runs:
            r_end, c_end = min(r0 + rows, n_rows), min(c0 + cols, n_cols)
            if r0 < r_end and c0 < c_end:
                self.budget.cells((r_end - r0) * (c_end - c0))
                for r in range(r0, r_end):
                    for c in range(c0, c_end):
                        grid.put_fill(r, c, colour)
        self.budget.rows(sum(1 for r in grid.fills if r not in grid.cells))
        grid.seal_all()
        grid.merges = [m for m in table.merges if m[0] < n_rows]
        heights: list[float] = []
        for first, repeats, height in table.heights:
            if first < n_rows + 200:
                heights.extend([height] * min(repeats, n_rows + 200 - first))
        grid.shapes.extend(_place(table.lines, table.widths, heights))
        self.sheets.append(grid)
        self._table = None
        self._depth = 0


def _cell_value(attrs: dict[str, str]) -> tuple[object, bool]:
    """The value a cell's attributes give (calamine's rules: the first value attribute wins), and whether a
    string cell takes its value from its paragraphs instead."""
    is_string = False
    for name, raw in attrs.items():
        if name == _A["office:value"]:
            return float(raw), False
        if name == _A["office:string-value"]:
            return raw, False
        if name == _A["office:date-value"]:
            return _date(raw), False
        if name == _A["office:time-value"]:
            return _time(raw), False
        if name == _A["office:boolean-value"]:
            return raw in ("TRUE", "true"), False
        if name == _A["office:value-type"]:
            is_string = raw == "string"
    return None, is_string


def _date(text: str) -> object:
    try:
        if "T" in text:
            return dt.datetime.fromisoformat(text)
        return dt.date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        return text


def _time(text: str) -> object:
    match = _DURATION.fullmatch(text)
    if match is None:
        return text
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3))
    micro = int((match.group(4) or "0")[:6].ljust(6, "0"))
    if hours >= 24 or minutes >= 60 or seconds >= 60:
        return text
    return dt.time(hours, minutes, seconds, micro)


def _place(lines: list[tuple[float, float, float, float]], widths: list[float], heights: list[float]) -> list[Shape]:
    """Lines and bars drawn on the sheet (positions in points) on fractional columns and rows."""
    col_edges = edges([int(w * 1000) for w in widths] or [int(_ODS_DEFAULT_COL_PT * 1000)])
    row_edges = edges([int(h * 1000) for h in heights] or [int(_ODS_DEFAULT_ROW_PT * 1000)])
    shapes: list[Shape] = []
    for x1, y1, x2, y2 in lines:
        x0, x1 = min(x1, x2), max(x1, x2)
        y0, y1 = min(y1, y2), max(y1, y2)
        if x1 - x0 <= 0 or (y1 - y0) > (x1 - x0):
            continue
        row = int(position(row_edges, int(_ODS_DEFAULT_ROW_PT * 1000), (y0 + y1) / 2 * 1000))
        shapes.append(Shape(row, position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x0 * 1000),
                            position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x1 * 1000)))
    return shapes
