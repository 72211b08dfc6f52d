"""What a form table is made of: its columns, header cells, body cells and rows, the captions above it,
its style, where the lines of a cell are drawn, and the padding that keeps every piece of text at least
``CLEARANCE`` (3 pt) from the rules around it, following the ink of its first and last lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color, black

from thaplan_desktop.exporting.pdf.layout import DESCENT, Align, Line, Span, TextStyle, Typesetter

CLEARANCE = 3.0  # least distance (points) between any ink of a cell's text and the rules around it
PAD_X = CLEARANCE
CELL_PAD_X = PAD_X  # horizontal padding of a cell (forms.py measures columns with it)
PAD_TOP = 2.5  # at least this much above the first line box of a row, however low its ink
PAD_BOTTOM = 1.5
CONTINUED_SIZE = 10.0  # "(ต่อ)" under a split row's number


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its width in points and how its body text is aligned."""

    width: float
    align: Align = Align.LEFT
    pad: float = PAD_X  # horizontal padding inside the cell


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
    rotated: bool = False  # one line turned a quarter (reading upwards): month names in narrow columns


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
    repeated: bool = True  # printed on continuation pages too (the program line is; the strategy's is not)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the lines of one cell of one piece are drawn: their box (inside the padding) and the cell."""

    lines: list[Line]
    style: TextStyle
    x: float  # left of the text box
    top: float  # top of the first line box
    width: float
    first_is_first: bool
    cell_left: float  # the rules around the cell
    cell_right: float
    cell_top: float
    cell_bottom: float
    rotated: bool = False  # one line turned a quarter, centred in the cell (x, top: the cell's centre)


def pads(ts: Typesetter, cells: Sequence[tuple[list[Line], TextStyle]], lines_used: int) -> tuple[float, float]:
    """Padding above and below a row (or a header cell) so that its ink stays ``CLEARANCE`` from the rules.

    ``cells`` are each cell's lines and style; only the cells that use all ``lines_used`` lines reach the
    bottom of the row.
    """
    top = PAD_TOP
    bottom = PAD_BOTTOM
    for lines, style in cells:
        if not lines:
            continue
        ink_top, _ = lines[0].ink()
        top = max(top, CLEARANCE + ink_top - ts.baseline_offset(style))
        if len(lines) >= lines_used:
            _, ink_bottom = lines[-1].ink()
            bottom = max(bottom, CLEARANCE - ink_bottom - style.size * DESCENT)
    return top, bottom


@dataclass(slots=True)
class TableStyle:
    """Sizes of the table's text."""

    body: TextStyle
    header: TextStyle
    line_width: float = 0.6
    arrow_width: float = 0.9
    color: Color = field(default=black)
