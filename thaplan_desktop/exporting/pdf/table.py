"""The ruled table of the forms (ผด.01, ผด.02, ผด.02/1): a Platypus flowable we control entirely.

Why not ReportLab's Table: it wraps cells with Paragraph (no Thai line breaking). Here every cell is laid
out with the Thai line layer once; a page break falls between rows, and a row moves whole to the next
page unless it is taller than a page: only then is it split by lines, its continuation repeating the
row's number with "(ต่อ)"; the caption (the strategy/program lines) and the header rows are repeated on
every page, the caption marked "(ต่อ)". Every piece of text stays at least 3 pt from every rule: the
padding above and below a row follows the ink of its first and last lines (a tone mark stacked over an
upper vowel, a vowel below). Caption and header are drawn once per table into a form XObject that every
page places (fast, and one copy in the file).
Month arrows: a line with arrowheads across each run of months of a row, one per run, drawn in the
row's first piece. Each arrow leaves a comment ``% thaplan-arrow <row> <first>-<last>`` in the content
stream, so tests can count them in an uncompressed PDF.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus.flowables import Flowable

from thaplan_desktop.domain.fiscal import month_runs
from thaplan_desktop.exporting.pdf.cells import (
    CELL_PAD_X,
    CLEARANCE,
    CONTINUED_SIZE,
    PAD_BOTTOM,
    PAD_TOP,
    Caption,
    Cell,
    Column,
    HeaderCell,
    Placement,
    Row,
    TableStyle,
    pads,
)
from thaplan_desktop.exporting.pdf.layout import Line, TextStyle, Typesetter, pdf_num

__all__ = ["CELL_PAD_X", "CLEARANCE", "CONTINUED_SIZE", "Caption", "Cell", "Column", "FormTable", "HeaderCell",
           "Placement", "Row", "TableStyle", "pads"]

_MIN_SPLIT_LINES = 2
_CONTINUED = "(ต่อ)"
_FORM_IDS = itertools.count(1)
_FIRST, _FOLLOW, _CONTINUED_KEY = "first", "follow", "continued"


@dataclass(slots=True)
class _Piece:
    """A row, or the part of a row that falls on one page."""

    row: Row
    cell_lines: list[list[Line]]  # per cell of row.cells
    styles: list[TextStyle]  # per cell (a shrunk number has its own size)
    height: float
    first: bool = True  # the row's first piece (draws the arrows)
    total_lines: int = 0
    pad_top: float = PAD_TOP
    pad_bottom: float = PAD_BOTTOM


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
        self.header_pads: list[tuple[float, float]] = []
        needs = []
        for h, style in zip(table.header, self.header_styles, strict=True):
            left, right = self.pad(h.col, h.colspan)
            if h.rotated:
                lines = [ts.single_line(h.text, style.size, style.bold)]
                self.header_pads.append((CLEARANCE, CLEARANCE))
                needs.append(lines[0].width + 2 * CLEARANCE)
            else:
                lines = ts.lines(h.text, style, self.span(h.col, h.colspan) - left - right)
                top, bottom = pads(ts, [(lines, style)], len(lines))
                self.header_pads.append((top, bottom))
                needs.append(top + max(1, len(lines)) * style.leading + bottom)
            self.header_lines.append(lines)
        for h, need in zip(table.header, needs, strict=True):
            if h.rowspan == 1:
                heights[h.row] = max(heights[h.row], need)
        for h, need in zip(table.header, needs, strict=True):
            if h.rowspan > 1:
                have = sum(heights[h.row:h.row + h.rowspan])
                if need > have:
                    heights[h.row + h.rowspan - 1] += need - have
        self.header_heights = heights
        self.form_names: dict[str, str] = {}
        # Captions: as where the block starts ("first"), where it starts on a page below a block of the
        # same group ("follow": the group's line is already there), and on the pages after ("continued").
        self.caption_lines: dict[str, list[list[Line]]] = {}
        self.caption_height: dict[str, float] = {}
        for key in (_FIRST, _FOLLOW, _CONTINUED_KEY):
            laid: list[list[Line]] = []
            total = 0.0
            for caption in table.captions:
                if key != _FIRST and not caption.repeated:
                    laid.append([])
                    continue
                text = caption.text + (" (ต่อ)" if key == _CONTINUED_KEY and caption.continued_suffix else "")
                lines = ts.lines(text, caption.style, self.width)
                laid.append(lines)
                total += len(lines) * caption.style.leading + caption.style.space_after
            self.caption_lines[key] = laid
            self.caption_height[key] = total

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
                 month_col: int | None = None, number_col: int | None = None,
                 on_drawn: Callable[[int], None] | None = None,
                 page_room: float | None = None, shade_months: bool = False,
                 marks: Sequence[Flowable] = (), space_before: float = 0.0,
                 _pieces: list[_Piece] | None = None,
                 follows: bool = False, _continued: bool = False, _shared: _Shared | None = None) -> None:
        super().__init__()
        self.ts = typesetter
        self.columns = tuple(columns)
        self.header = tuple(header)
        self.rows = tuple(rows)
        self.tstyle = style
        self.captions = tuple(captions)
        self.month_col = month_col
        self.number_col = number_col  # the ที่ column: a split row's continuation repeats it with "(ต่อ)"
        self.on_drawn = on_drawn
        self.page_room = page_room  # height of a whole page's frame, when known
        self.shade_months = shade_months  # fill the month cells instead of drawing arrows
        self.continued = _continued
        # The block follows one of the same group: where it starts below it on a page, the captions
        # that are not repeated (the strategy's line) are left out.
        self.follows = follows
        self._key = _CONTINUED_KEY if _continued else _FIRST
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
        cell_lines = []
        styles = []
        most = 1
        for cell in row.cells:
            left, right = shared.pad(cell.col, cell.colspan)
            width = shared.span(cell.col, cell.colspan) - left - right
            text = cell.text
            style = shared.cell_style(cell)
            if cell.shrink and isinstance(text, str) and text:
                # A number is set smaller rather than broken when it does not fit (a bold total).
                natural = self.ts.width(text, style.size, style.bold)
                if natural > width:
                    size = max(8.0, style.size * width / natural * 0.99)
                    style = style.but(size=size, leading_factor=style.leading / size)
            lines = self.ts.lines(text, style, width) if text else []
            cell_lines.append(lines)
            styles.append(style)
            if len(lines) > most:
                most = len(lines)
        return self._piece(row, cell_lines, styles, True, most)

    def _piece(self, row: Row, cell_lines: list[list[Line]], styles: list[TextStyle], first: bool,
               most: int) -> _Piece:
        top, bottom = pads(self.ts, list(zip(cell_lines, styles, strict=True)), most)
        return _Piece(row, cell_lines, styles, top + most * self.tstyle.body.leading + bottom, first, most,
                      top, bottom)

    def _pieces_list(self) -> list[_Piece]:
        if self._pieces is None:
            self._pieces = [self._layout_row(r) for r in self.rows]
        return self._pieces

    def _top_height(self) -> float:
        shared = self._shared
        return shared.caption_height[self._key] + sum(shared.header_heights)

    def _settle_captions(self) -> None:
        """Decide, where Platypus places the table, whether it starts at the top of a frame."""
        if self.continued or not self.follows:
            return
        doc = getattr(getattr(self, "canv", None), "thaplan_doc", None)
        frame = getattr(doc, "frame", None)
        at_top = frame is None or bool(getattr(frame, "_atTop", True))
        self._key = _FIRST if at_top else _FOLLOW

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The whole table's height (Platypus will ask us to split when it is too tall)."""
        self._settle_captions()
        self.height = self._top_height() + sum(p.height for p in self._pieces_list())
        return self.width, self.height

    def row_heights(self) -> list[float]:
        """Height of each row as laid out (points)."""
        return [p.height for p in self._pieces_list()]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N802, N803 - Platypus API
        """Whole rows that fit on this page, the rest under a repeated header; a row is split by lines
        only when it is taller than a whole page."""
        self._settle_captions()
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
        nxt = pieces[k]
        # A row taller than a whole page (any row, when the page is not known) is split by lines.
        page_rows = (self.page_room - self._shared.caption_height[_CONTINUED_KEY] - sum(self._shared.header_heights)
                     if self.page_room is not None else 0.0)
        taller_than_page = nxt.height > page_rows + 1e-6
        if k == 0 and not self.continued and not fresh and not taller_than_page:
            # The captions (strategy/program lines) and the header go with at least the whole first
            # row: the block starts on the next page.
            return []
        head = list(pieces[:k])
        tail = list(pieces[k:])
        if taller_than_page and nxt.row.kind == "data":
            left = room - used
            fit = min(int((left - nxt.pad_top - nxt.pad_bottom + 1e-6) // leading), nxt.total_lines - 1)
            least = _MIN_SPLIT_LINES if head or not fresh else 1
            while fit >= least:
                first, rest = self._split_piece(nxt, fit)
                if first.height <= left + 1e-6:
                    head.append(first)
                    tail[0] = rest
                    break
                fit -= 1
        # A total row never starts a page alone: the rows it sums up come along (a grand total takes the
        # last block's rows and total with it).
        while tail and tail[0].row.kind == "total" and head and head[-1].row.kind in ("data", "total"):
            if len(head) > 1:
                tail.insert(0, head.pop())
            elif not self.continued and not fresh:
                return []  # a one-row block and its total: both on the next page
            else:
                break
        # A heading row never ends a page.
        while head and head[-1].row.keep_with_next:
            tail.insert(0, head.pop())
        if not head:
            return []
        return [self._copy(head, continued=self.continued, key=self._key), self._copy(tail, continued=True)]

    def _split_piece(self, piece: _Piece, fit: int) -> tuple[_Piece, _Piece]:
        top = [lines[:fit] for lines in piece.cell_lines]
        bottom = [lines[fit:] for lines in piece.cell_lines]
        number = self.number_col
        for i, cell in enumerate(piece.row.cells):
            if cell.col == number and isinstance(cell.text, str) and cell.text:
                # The continuation repeats the row's number, with "(ต่อ)" under it.
                style = piece.styles[i]
                left, right = self._shared.pad(cell.col, cell.colspan)
                width = self._shared.span(cell.col, cell.colspan) - left - right
                bottom[i] = (self.ts.lines(cell.text, style, width)
                             + self.ts.lines(_CONTINUED, style.but(size=CONTINUED_SIZE), width))
        rest_lines = max(1, max((len(b) for b in bottom), default=0))
        first = self._piece(piece.row, top, piece.styles, piece.first, fit)
        rest = self._piece(piece.row, bottom, piece.styles, False, rest_lines)
        return first, rest

    def _copy(self, pieces: list[_Piece], *, continued: bool, key: str = _CONTINUED_KEY) -> FormTable:
        table = FormTable(self.ts, self.columns, self.header, [p.row for p in pieces], self.tstyle,
                         captions=self.captions, month_col=self.month_col, number_col=self.number_col,
                         on_drawn=self.on_drawn, page_room=self.page_room, shade_months=self.shade_months,
                         marks=() if continued else self.marks,
                         space_before=0.0 if continued else self.spaceBefore,
                         _pieces=pieces, _continued=continued,
                         _shared=self._shared)
        table._key = key  # the first part keeps the captions decided for this page
        return table

    # --- drawing -----------------------------------------------------------------------------------
    def placements(self, top: float) -> list[tuple[_Piece, float, float, list[Placement]]]:
        """Each piece with its top and bottom (y, from the table's body ``top``) and where its cells'
        lines go: what ``draw`` draws, and what a test can measure against the rules."""
        shared = self._shared
        xs = shared.xs
        out = []
        y = top
        for piece in self._pieces_list():
            bottom = y - piece.height
            cells = []
            for cell, lines, style in zip(piece.row.cells, piece.cell_lines, piece.styles, strict=True):
                if not lines:
                    continue
                left, right = shared.pad(cell.col, cell.colspan)
                x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
                cells.append(Placement(lines, style, x0 + left, y - piece.pad_top, x1 - x0 - left - right,
                                       piece.first or cell.col == self.number_col, x0, x1, y, bottom))
            out.append((piece, y, bottom, cells))
            y = bottom
        return out

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
        for piece, top, bottom, cells in self.placements(y):
            for place in cells:
                ts.draw_lines(canvas, place.lines, place.x, place.top, place.width, place.style,
                              first_is_first=place.first_is_first)
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
                    arrow_y = top - piece.pad_top - min(piece.total_lines, 2) * leading / 2.0
                arrows.append((piece.row, arrow_y))
            if self.shade_months and piece.row.months and self.month_col is not None:
                for first, last in month_runs(piece.row.months):
                    x0 = xs[self.month_col + first - 1]
                    shades.append(f"{pdf_num(x0)} {pdf_num(bottom)} {pdf_num(xs[self.month_col + last] - x0)} "
                                  f"{pdf_num(piece.height)} re")
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
        name = shared.form_names.get(self._key)
        if name is None:
            name = f"ThaPlanTableTop{next(_FORM_IDS)}"
            canvas.beginForm(name, lowerx=-5, lowery=-top_h - 5, upperx=self.width + 5, uppery=40)
            y = 0.0
            for caption, lines in zip(self.captions, shared.caption_lines[self._key], strict=True):
                if lines:
                    y = self.ts.draw_lines(canvas, lines, 0, y, self.width, caption.style) - caption.style.space_after
            rules: list[str] = []
            self._draw_header(y, rules)
            canvas._code.append(f"q {pdf_num(self.tstyle.line_width)} w 0 G " + " ".join(rules) + " S Q")
            canvas.endForm()
            shared.form_names[self._key] = name
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
        for cell, style, lines, place in zip(self.header, shared.header_styles, shared.header_lines,
                                             self.header_placements(y), strict=True):
            x = xs[cell.col]
            width = shared.span(cell.col, cell.colspan)
            top = tops[cell.row]
            bottom = tops[cell.row + cell.rowspan]
            rules.append(f"{pdf_num(x)} {pdf_num(bottom)} {pdf_num(width)} {pdf_num(top - bottom)} re")
            if place.rotated:
                line = lines[0]
                ink_top, ink_bottom = line.ink()
                canvas.saveState()
                # Reading upwards: the line's top faces left; its ink is centred across the cell.
                canvas.translate(place.x + (ink_top + ink_bottom) / 2.0, place.top)
                canvas.rotate(90)
                self.ts.draw_line(canvas, line, -line.width / 2.0, 0.0)
                canvas.restoreState()
            else:
                self.ts.draw_lines(canvas, lines, place.x, place.top, place.width, style)
        return tops[-1]

    def header_placements(self, y: float) -> list[Placement]:
        """Where each header cell's lines go (centred in the cell, padding kept for their ink)."""
        shared = self._shared
        xs = shared.xs
        tops = [y]
        for h in shared.header_heights:
            tops.append(tops[-1] - h)
        out = []
        for cell, style, lines, (pad_top, pad_bottom) in zip(self.header, shared.header_styles,
                                                             shared.header_lines, shared.header_pads, strict=True):
            x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
            top, bottom = tops[cell.row], tops[cell.row + cell.rowspan]
            if cell.rotated:
                out.append(Placement(lines, style, (x0 + x1) / 2.0, (top + bottom) / 2.0, x1 - x0, True,
                                     x0, x1, top, bottom, rotated=True))
                continue
            need = pad_top + len(lines) * style.leading + pad_bottom
            text_top = top - pad_top - (top - bottom - need) / 2.0
            left, right = shared.pad(cell.col, cell.colspan)
            out.append(Placement(lines, style, x0 + left, text_top, x1 - x0 - left - right, True, x0, x1, top, bottom))
        return out

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
