"""The ruled table of the forms (ผด.01, ผด.02, ผด.02/1): a Platypus flowable we control entirely.

Why not ReportLab's Table: it wraps cells with Paragraph (no Thai line breaking), and a row taller than
what is left of a page cannot be split without losing text. Here every cell is laid out with the Thai
line layer once; a page break may fall between rows or *inside* a tall row (each cell keeps its lines,
the rest continues on the next page under the repeated header); the caption (the strategy/program
lines) and the header rows are repeated on every page, the caption marked "(ต่อ)". Caption and header
are drawn once per table into a form XObject that every page places (fast, and one copy in the file).
Month arrows: a line with arrowheads across each run of months of a row, one per run, drawn in the
row's first piece. Each arrow leaves a comment ``% thaplan-arrow <row> <first>-<last>`` in the content
stream, so tests can count them in an uncompressed PDF.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color, black
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.fiscal import month_runs
from thaplan_desktop.exporting.pdf.layout import Align, Line, Span, TextStyle, Typesetter, pdf_num

_PAD_X = 3.0
CELL_PAD_X = _PAD_X  # horizontal padding of a cell (forms.py measures columns with it)
_PAD_TOP = 2.5
_PAD_BOTTOM = 1.5
_MIN_SPLIT_LINES = 2
_FORM_IDS = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its width in points and how its body text is aligned."""

    width: float
    align: Align = Align.LEFT
    pad: float = _PAD_X  # horizontal padding inside the cell


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """A header cell at (row, col), spanning rows/columns; text centred both ways."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    size: float | None = None  # a smaller size for narrow cells (month names)
    bold: bool = True


@dataclass(frozen=True, slots=True)
class Cell:
    """A body cell starting at ``col`` and spanning ``colspan`` columns."""

    col: int
    text: str | Sequence[Span]
    colspan: int = 1
    align: Align | None = None  # None: the column's alignment
    bold: bool = False
    indent: float = 0.0
    shrink: bool = False  # a number: set smaller rather than broken when it does not fit


@dataclass(frozen=True, slots=True)
class Row:
    """A body row: its cells (gaps are empty cells), the months to draw arrows over, and a tag."""

    cells: tuple[Cell, ...]
    months: frozenset[int] = frozenset()
    tag: str = ""  # identifies the row in arrow comments (e.g. the project id)
    kind: str = "data"  # "data", "group" (a heading row) or "total"
    keep_with_next: bool = False


@dataclass(frozen=True, slots=True)
class Caption:
    """A line of text above the header (form title, strategy, program), repeated on every page."""

    text: str
    style: TextStyle
    continued_suffix: bool = False  # append "(ต่อ)" on continuation pages


@dataclass(slots=True)
class _Piece:
    """A row, or the part of a row that falls on one page."""

    row: Row
    cell_lines: list[list[Line]]  # per cell of row.cells
    styles: list[TextStyle]  # per cell (a shrunk number has its own size)
    height: float
    first: bool = True  # the row's first piece (draws the arrows)
    total_lines: int = 0


@dataclass(slots=True)
class TableStyle:
    """Sizes of the table's text."""

    body: TextStyle
    header: TextStyle
    line_width: float = 0.6
    arrow_width: float = 0.9
    color: Color = field(default=black)


class _Shared:
    """Layout shared by a table and the pieces it splits into: columns, styles, header, captions."""

    def __init__(self, table: FormTable) -> None:
        ts = table.ts
        columns = table.columns
        self.xs = [0.0]
        for c in columns:
            self.xs.append(self.xs[-1] + c.width)
        self.width = self.xs[-1]
        self._cell_styles: dict[tuple, TextStyle] = {}
        self.tstyle = table.tstyle
        self.columns = columns
        # Header.
        self.header_styles = [self._header_style(h) for h in table.header]
        self.header_lines: list[list[Line]] = []
        n_rows = max((h.row + h.rowspan for h in table.header), default=0)
        heights = [0.0] * n_rows
        for h, style in zip(table.header, self.header_styles, strict=True):
            left, right = self.pad(h.col, h.colspan)
            lines = ts.lines(h.text, style, self.span(h.col, h.colspan) - left - right)
            self.header_lines.append(lines)
            if h.rowspan == 1:
                heights[h.row] = max(heights[h.row], _PAD_TOP + max(1, len(lines)) * style.leading + _PAD_BOTTOM)
        for h, style, lines in zip(table.header, self.header_styles, self.header_lines, strict=True):
            if h.rowspan > 1:
                need = _PAD_TOP + max(1, len(lines)) * style.leading + _PAD_BOTTOM
                have = sum(heights[h.row:h.row + h.rowspan])
                if need > have:
                    heights[h.row + h.rowspan - 1] += need - have
        self.header_heights = heights
        self.form_names: dict[bool, str] = {}
        # Captions, as on the first page and as on the pages after.
        self.caption_lines: dict[bool, list[list[Line]]] = {}
        self.caption_height: dict[bool, float] = {}
        for continued in (False, True):
            laid = []
            total = 0.0
            for caption in table.captions:
                text = caption.text + (" (ต่อ)" if continued and caption.continued_suffix else "")
                lines = ts.lines(text, caption.style, self.width)
                laid.append(lines)
                total += len(lines) * caption.style.leading + caption.style.space_after
            self.caption_lines[continued] = laid
            self.caption_height[continued] = total

    def span(self, col: int, colspan: int) -> float:
        return self.xs[col + colspan] - self.xs[col]

    def pad(self, col: int, colspan: int) -> tuple[float, float]:
        return self.columns[col].pad, self.columns[col + colspan - 1].pad

    def _header_style(self, cell: HeaderCell) -> TextStyle:
        style = self.tstyle.header
        if cell.size is not None or not cell.bold:
            style = style.but(size=cell.size or style.size, bold=cell.bold)
        return style

    def cell_style(self, cell: Cell) -> TextStyle:
        align = cell.align or self.columns[cell.col].align
        key = (cell.bold, align, cell.indent)
        style = self._cell_styles.get(key)
        if style is None:
            style = self.tstyle.body
            if cell.bold != style.bold or align is not style.align or cell.indent:
                style = style.but(bold=cell.bold, align=align, left_indent=cell.indent)
            self._cell_styles[key] = style
        return style


class FormTable(Flowable):
    """A ruled table with repeated caption and header rows, splitting inside tall rows when needed."""

    def __init__(self, typesetter: Typesetter, columns: Sequence[Column], header: Sequence[HeaderCell],
                 rows: Sequence[Row], style: TableStyle, *, captions: Sequence[Caption] = (),
                 month_col: int | None = None, on_drawn: Callable[[int], None] | None = None,
                 page_room: float | None = None, shade_months: bool = False,
                 marks: Sequence[Flowable] = (), space_before: float = 0.0,
                 _pieces: list[_Piece] | None = None,
                 _continued: bool = False, _shared: _Shared | None = None) -> None:
        super().__init__()
        self.ts = typesetter
        self.columns = tuple(columns)
        self.header = tuple(header)
        self.rows = tuple(rows)
        self.tstyle = style
        self.captions = tuple(captions)
        self.month_col = month_col
        self.on_drawn = on_drawn
        self.page_room = page_room  # height of a whole page's frame, when known
        self.shade_months = shade_months  # fill the month cells instead of drawing arrows
        self.continued = _continued
        # Zero-size markers (SectionMark) drawn with the table's first piece, so a bookmark lands on
        # the page where the block really starts even when the whole block moves to the next page.
        self.marks = tuple(marks)
        self.spaceBefore = 0.0 if _continued else space_before  # dropped at the top of a frame
        self._pieces = _pieces
        self._shared_layout = _shared
        self.width = sum(c.width for c in self.columns)
        self.height = 0.0

    # --- layout -------------------------------------------------------------------------------------
    @property
    def _shared(self) -> _Shared:
        if self._shared_layout is None:
            self._shared_layout = _Shared(self)
        return self._shared_layout

    def _layout_row(self, row: Row) -> _Piece:
        shared = self._shared
        leading = self.tstyle.body.leading
        cell_lines = []
        styles = []
        most = 1
        for cell in row.cells:
            left, right = shared.pad(cell.col, cell.colspan)
            width = shared.span(cell.col, cell.colspan) - left - right
            text = cell.text
            style = shared.cell_style(cell)
            lines = self.ts.lines(text, style, width) if text else []
            if cell.shrink and len(lines) > 1 and isinstance(text, str):
                natural = self.ts.width(text, style.size, style.bold)
                style = style.but(size=max(8.0, style.size * width / natural * 0.99),
                                  leading_factor=style.leading / (style.size * width / natural * 0.99))
                lines = self.ts.lines(text, style, width)
            cell_lines.append(lines)
            styles.append(style)
            if len(lines) > most:
                most = len(lines)
        return _Piece(row, cell_lines, styles, _PAD_TOP + most * leading + _PAD_BOTTOM, True, most)

    def _pieces_list(self) -> list[_Piece]:
        if self._pieces is None:
            self._pieces = [self._layout_row(r) for r in self.rows]
        return self._pieces

    def _top_height(self) -> float:
        shared = self._shared
        return shared.caption_height[self.continued] + sum(shared.header_heights)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The whole table's height (Platypus will ask us to split when it is too tall)."""
        self.height = self._top_height() + sum(p.height for p in self._pieces_list())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N802, N803 - Platypus API
        """Rows that fit on this page (a tall row split by lines), the rest under a repeated header."""
        pieces = self._pieces_list()
        room = availHeight - self._top_height()
        leading = self.tstyle.body.leading
        used = 0.0
        k = 0
        while k < len(pieces) and used + pieces[k].height <= room + 1e-6:
            used += pieces[k].height
            k += 1
        if k == len(pieces):
            return [self]
        # At the top of a page (or when the page size is unknown) something must be placed.
        fresh = self.page_room is None or availHeight >= self.page_room - 1.0
        if k == 0 and not self.continued and not fresh:
            # The captions (strategy/program lines) and the header go with at least the whole first
            # row: the block starts on the next page (the row is split by lines only when it is taller
            # than a whole page).
            return []
        head = list(pieces[:k])
        tail = list(pieces[k:])
        # Split the next row by lines when enough of it fits (and enough is left for the next page).
        left = room - used - _PAD_TOP - _PAD_BOTTOM
        fit = int((left + 1e-6) // leading)
        nxt = pieces[k]
        if nxt.total_lines >= 2 * _MIN_SPLIT_LINES:
            fit = min(fit, nxt.total_lines - _MIN_SPLIT_LINES)  # no single line left for the next page
        if fit >= _MIN_SPLIT_LINES and nxt.total_lines - fit >= 1 and nxt.row.kind == "data":
            first, rest = self._split_piece(nxt, fit)
            head.append(first)
            tail[0] = rest
        # A total row never starts a page alone: the row it sums up comes along.
        if tail and tail[0].row.kind == "total" and head and head[-1].row.kind == "data":
            if len(head) > 1:
                tail.insert(0, head.pop())
            elif not self.continued and not fresh:
                return []  # a one-row block and its total: both on the next page
        # A heading row never ends a page.
        while head and head[-1].row.keep_with_next:
            tail.insert(0, head.pop())
        if not head:
            return []
        return [self._copy(head, continued=self.continued), self._copy(tail, continued=True)]

    def _split_piece(self, piece: _Piece, fit: int) -> tuple[_Piece, _Piece]:
        leading = self.tstyle.body.leading
        top = [lines[:fit] for lines in piece.cell_lines]
        bottom = [lines[fit:] for lines in piece.cell_lines]
        rest_lines = max(1, max((len(b) for b in bottom), default=0))
        first = _Piece(piece.row, top, piece.styles, _PAD_TOP + fit * leading + _PAD_BOTTOM, piece.first, fit)
        rest = _Piece(piece.row, bottom, piece.styles, _PAD_TOP + rest_lines * leading + _PAD_BOTTOM, False,
                      rest_lines)
        return first, rest

    def _copy(self, pieces: list[_Piece], *, continued: bool) -> FormTable:
        return FormTable(self.ts, self.columns, self.header, [p.row for p in pieces], self.tstyle,
                         captions=self.captions, month_col=self.month_col, on_drawn=self.on_drawn,
                         page_room=self.page_room, shade_months=self.shade_months,
                         marks=() if continued else self.marks,
                         space_before=0.0 if continued else self.spaceBefore,
                         _pieces=pieces, _continued=continued,
                         _shared=self._shared)

    # --- drawing -----------------------------------------------------------------------------------
    def draw(self) -> None:
        """Caption, header, rows, rules and arrows."""
        canvas = self.canv
        ts = self.ts
        shared = self._shared
        xs = shared.xs
        if not self.continued:
            for mark in self.marks:
                mark.drawOn(canvas, 0, self.height)
        y = self._draw_top()
        rules: list[str] = []
        shades: list[str] = []
        leading = self.tstyle.body.leading
        arrows = []
        month_edges = ([xs[c] for c in range(self.month_col, len(self.columns))]
                       if self.month_col is not None else [])
        for piece in self._pieces_list():
            top = y
            bottom = y - piece.height
            for cell, lines, style in zip(piece.row.cells, piece.cell_lines, piece.styles, strict=True):
                if lines:
                    left, right = shared.pad(cell.col, cell.colspan)
                    ts.draw_lines(canvas, lines, xs[cell.col] + left, top - _PAD_TOP,
                                  shared.span(cell.col, cell.colspan) - left - right,
                                  style, first_is_first=piece.first)
            # Rules: the row's bottom, and the left edge of each cell plus the table's right edge.
            rules.append(f"0 {pdf_num(bottom)} m {pdf_num(self.width)} {pdf_num(bottom)} l")
            edges = {xs[c.col] for c in piece.row.cells}
            edges.add(0.0)
            edges.add(self.width)
            if piece.row.kind == "data":
                edges.update(month_edges)
            t, b = pdf_num(top), pdf_num(bottom)
            for x in edges:
                nx = pdf_num(x)
                rules.append(f"{nx} {t} m {nx} {b} l")
            if piece.first and piece.row.months and self.month_col is not None:
                if piece.total_lines > 2:
                    arrow_y = top - piece.height / 2.0
                else:
                    arrow_y = top - _PAD_TOP - min(piece.total_lines, 2) * leading / 2.0
                arrows.append((piece.row, arrow_y))
            if self.shade_months and piece.row.months and self.month_col is not None:
                for first, last in month_runs(piece.row.months):
                    x0 = xs[self.month_col + first - 1]
                    shades.append(f"{pdf_num(x0)} {pdf_num(bottom)} {pdf_num(xs[self.month_col + last] - x0)} "
                                  f"{pdf_num(piece.height)} re")
            y = bottom
        code = canvas._code
        if shades:  # under the rules
            code.append("q 0.78 g " + " ".join(shades) + " f Q")
        code.append(f"q {pdf_num(self.tstyle.line_width)} w 0 G")
        code.append(" ".join(rules) + " S")
        if arrows and not self.shade_months:
            code.append(f"{pdf_num(self.tstyle.arrow_width)} w 0 g")
            for row, arrow_y in arrows:
                self._draw_arrows(row, arrow_y)
        code.append("Q")
        if self.on_drawn:
            self.on_drawn(sum(1 for p in self._pieces_list() if p.first and p.row.kind == "data"))

    def _draw_top(self) -> float:
        """Captions and header, drawn once per table as a form XObject and placed on every page."""
        canvas = self.canv
        shared = self._shared
        top_h = self._top_height()
        name = shared.form_names.get(self.continued)
        if name is None:
            name = f"ThaPlanTableTop{next(_FORM_IDS)}"
            canvas.beginForm(name, lowerx=-5, lowery=-top_h - 5, upperx=self.width + 5, uppery=40)
            y = 0.0
            for caption, lines in zip(self.captions, shared.caption_lines[self.continued], strict=True):
                y = self.ts.draw_lines(canvas, lines, 0, y, self.width, caption.style) - caption.style.space_after
            rules: list[str] = []
            self._draw_header(y, rules)
            canvas._code.append(f"q {pdf_num(self.tstyle.line_width)} w 0 G " + " ".join(rules) + " S Q")
            canvas.endForm()
            shared.form_names[self.continued] = name
        canvas.saveState()
        canvas.translate(0, self.height)
        canvas.doForm(name)
        canvas.restoreState()
        return self.height - top_h

    def _draw_header(self, y: float, rules: list[str]) -> float:
        canvas = self.canv
        shared = self._shared
        xs = shared.xs
        tops = [y]
        for h in shared.header_heights:
            tops.append(tops[-1] - h)
        for cell, style, lines in zip(self.header, shared.header_styles, shared.header_lines, strict=True):
            x = xs[cell.col]
            width = shared.span(cell.col, cell.colspan)
            top = tops[cell.row]
            bottom = tops[cell.row + cell.rowspan]
            rules.append(f"{pdf_num(x)} {pdf_num(bottom)} {pdf_num(width)} {pdf_num(top - bottom)} re")
            text_h = len(lines) * style.leading
            text_top = bottom + (top - bottom + text_h) / 2.0
            left, right = shared.pad(cell.col, cell.colspan)
            self.ts.draw_lines(canvas, lines, x + left, text_top, width - left - right, style)
        return tops[-1]

    def _draw_arrows(self, row: Row, y: float) -> None:
        xs = self._shared.xs
        code = self.canv._code
        assert self.month_col is not None
        for first, last in month_runs(row.months):
            left = xs[self.month_col + first - 1]
            right = xs[self.month_col + last]
            inset = 2.0 if last > first else (right - left) * 0.12
            code.append(f"% thaplan-arrow {row.tag} {first}-{last}")
            code.append(_double_arrow(left + inset, right - inset, y))


def _double_arrow(x1: float, x2: float, y: float, head: float = 3.6, half: float = 1.9) -> str:
    """PDF operators for a horizontal line from x1 to x2 with a filled arrowhead at each end."""
    head = min(head, (x2 - x1) / 2.5)
    half = min(half, head * 0.6)
    yy, up, down = pdf_num(y), pdf_num(y + half), pdf_num(y - half)
    return (f"{pdf_num(x1 + head * 0.5)} {yy} m {pdf_num(x2 - head * 0.5)} {yy} l S "
            f"{pdf_num(x1)} {yy} m {pdf_num(x1 + head)} {up} l {pdf_num(x1 + head)} {down} l h f "
            f"{pdf_num(x2)} {yy} m {pdf_num(x2 - head)} {up} l {pdf_num(x2 - head)} {down} l h f")
