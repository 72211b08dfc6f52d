"""OpenDocument spreadsheets (``.ods``): values through calamine, merges, fills and drawn lines from ``content.xml``.

``content.xml`` is parsed first, through defusedxml: a file that declares entities is refused before any
reader sees it. Column widths and row heights (in cm, in, pt …) place the lines LibreOffice draws over
month cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException

from thaplan_desktop.importing.grid import Shape, SheetGrid, WorkbookGrid
from thaplan_desktop.importing.readers.calamine import read_sheets
from thaplan_desktop.importing.readers.common import edges, parse_xml, position


def read_ods(path: Path) -> WorkbookGrid:
    """Read an OpenDocument spreadsheet, or raise :class:`~thaplan_desktop.importing.errors.ImportFailure`."""
    root = _content(path)
    sheets = read_sheets(path)
    if root is not None:
        _ods_styles(root, sheets)
    return WorkbookGrid(path.name, sheets)


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_REPEAT_LIMIT = 5000  # LibreOffice writes "1048000 more empty rows" as one repeated element


_LENGTH_RE = re.compile(r"^\s*(-?[0-9.]+)\s*(in|cm|mm|pt|pc|px)?\s*$")
_POINTS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "pc": 12.0, "px": 0.75, None: 1.0}
_ODS_DEFAULT_COL_PT = 0.889 * 72
_ODS_DEFAULT_ROW_PT = 0.178 * 72


def _length_pt(text: str | None) -> float | None:
    match = _LENGTH_RE.match(text or "")
    if match is None:
        return None
    try:
        return float(match.group(1)) * _POINTS[match.group(2)]
    except ValueError:
        return None


def _lengths_pt(el: Element, namespace: str, names: tuple[str, ...]) -> list[float] | None:
    """The lengths in points of ``el``'s attributes ``names``, or None when one is missing or unreadable."""
    values = [_length_pt(el.get(f"{{{namespace}}}{name}")) for name in names]
    return [v for v in values if v is not None] if None not in values else None


def _content(path: Path) -> Element | None:
    """The parsed ``content.xml``; ``None`` when it cannot be read (calamine then decides if the file is damaged).

    Raises ``DefusedXmlException`` for entity declarations or external references: the file is refused.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            data = zf.read("content.xml")
        return parse_xml(data)
    except DefusedXmlException:
        raise
    except Exception:
        return None


def _ods_styles(root: Element, sheets: list[SheetGrid]) -> None:
    """Merges, fills and drawn lines of an .ods, read from content.xml (calamine gives values only)."""
    t, s, fo = _ODS["table"], _ODS["style"], _ODS["fo"]
    backgrounds: dict[str, str] = {}
    col_widths: dict[str, float] = {}
    row_heights: dict[str, float] = {}
    for style in root.iter(f"{{{s}}}style"):
        name = style.get(f"{{{s}}}name", "")
        props = style.find(f"{{{s}}}table-cell-properties")
        if props is not None:
            colour = (props.get(f"{{{fo}}}background-color") or "").lstrip("#").upper()
            if colour and colour not in ("TRANSPARENT", "FFFFFF"):
                backgrounds[name] = colour
        col = style.find(f"{{{s}}}table-column-properties")
        if col is not None and (width := _length_pt(col.get(f"{{{s}}}column-width"))) is not None:
            col_widths[name] = width
        row = style.find(f"{{{s}}}table-row-properties")
        if row is not None and (height := _length_pt(row.get(f"{{{s}}}row-height"))) is not None:
            row_heights[name] = height
    by_name = {g.name: g for g in sheets}
    for table in root.iter(f"{{{t}}}table"):
        grid = by_name.get(table.get(f"{{{t}}}name", ""))
        if grid is not None:
            _ods_table(table, grid, backgrounds, col_widths, row_heights)


def _ods_table(table: Element, grid: SheetGrid, backgrounds: dict[str, str], col_widths: dict[str, float],
               row_heights: dict[str, float]) -> None:
    t = _ODS["table"]
    column_styles: list[str] = []
    widths: list[float] = []
    for col in table.iter(f"{{{t}}}table-column"):
        n = min(int(col.get(f"{{{t}}}number-columns-repeated", "1")), _REPEAT_LIMIT)
        column_styles.extend([col.get(f"{{{t}}}default-cell-style-name", "")] * n)
        widths.extend([col_widths.get(col.get(f"{{{t}}}style-name", ""), _ODS_DEFAULT_COL_PT)] * n)
    heights: list[float] = []
    merges: list[tuple[int, int, int, int]] = []
    n_rows, n_cols = grid.n_rows, grid.n_cols
    r = 0
    for row in table.iter(f"{{{t}}}table-row"):
        row_repeat = min(int(row.get(f"{{{t}}}number-rows-repeated", "1")), _REPEAT_LIMIT)
        if r < n_rows + 200:
            height = row_heights.get(row.get(f"{{{t}}}style-name", ""), _ODS_DEFAULT_ROW_PT)
            heights.extend([height] * min(row_repeat, n_rows + 200 - r))
        if r >= n_rows:
            r += row_repeat
            continue
        c = 0
        for cell in row:
            if cell.tag not in (f"{{{t}}}table-cell", f"{{{t}}}covered-table-cell"):
                continue
            n = min(int(cell.get(f"{{{t}}}number-columns-repeated", "1")), _REPEAT_LIMIT)
            span_c = int(cell.get(f"{{{t}}}number-columns-spanned", "1"))
            span_r = int(cell.get(f"{{{t}}}number-rows-spanned", "1"))
            if span_c > 1 or span_r > 1:
                merges.append((r, c, r + span_r - 1, c + span_c - 1))
            style_name = cell.get(f"{{{t}}}style-name", "")
            for cc in range(c, min(c + n, n_cols)):
                colour = backgrounds.get(style_name or (column_styles[cc] if cc < len(column_styles) else ""))
                if colour:
                    for rr in range(r, min(r + row_repeat, n_rows)):
                        grid.fills[(rr, cc)] = colour
            c += n
        r += row_repeat
    if not grid.merges:
        grid.merges = merges
    grid.shapes.extend(_ods_shapes(table, widths, heights))


def _ods_shapes(table: Element, widths: list[float], heights: list[float]) -> list[Shape]:
    """Lines and bars drawn on the sheet (LibreOffice stores their position in the sheet, in lengths)."""
    d, svg, text_ns = _ODS["draw"], _ODS["svg"], _ODS["text"]
    col_edges = edges([int(w * 1000) for w in widths] or [int(_ODS_DEFAULT_COL_PT * 1000)])
    row_edges = edges([int(h * 1000) for h in heights] or [int(_ODS_DEFAULT_ROW_PT * 1000)])
    shapes: list[Shape] = []
    for el in table.iter():
        tag = el.tag
        if not tag.startswith(f"{{{d}}}") or tag.split("}")[-1] not in ("line", "connector", "custom-shape", "rect"):
            continue
        if any((p.text or "").strip() for p in el.iter(f"{{{text_ns}}}p")):
            continue  # a text box
        if tag.endswith(("line", "connector")):
            coords = _lengths_pt(el, svg, ("x1", "y1", "x2", "y2"))
            if coords is None:
                continue
            x1, y1, x2, y2 = coords
        else:
            box = _lengths_pt(el, svg, ("x", "y", "width", "height"))
            if box is None:
                continue
            x1, y1 = box[0], box[1]
            x2, y2 = x1 + box[2], y1 + box[3]
        x0, x1 = min(x1, x2), max(x1, x2)
        y0, y1 = min(y1, y2), max(y1, y2)
        if x1 - x0 <= 0 or (y1 - y0) > (x1 - x0):
            continue
        row = int(position(row_edges, int(_ODS_DEFAULT_ROW_PT * 1000), (y0 + y1) / 2 * 1000))
        shapes.append(Shape(row, position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x0 * 1000),
                            position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x1 * 1000)))
    return shapes
