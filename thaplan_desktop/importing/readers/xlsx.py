"""``.xlsx`` and ``.xlsm`` → :class:`~..grid.WorkbookGrid`: cells and fills through openpyxl, the rest from the package.

openpyxl (read-only mode) gives the cached values of formulas and the cell fills (a number whose format
shows a date openpyxl does not know, such as Thai Excel's built-in "ดดด-ปป", becomes that date); merged
ranges, column widths, row heights, uncached formulas and the arrows drawn over month cells
(``xl/drawings/*.xml``) are read from the zip package directly, which is much faster than openpyxl's full mode. openpyxl parses its XML
with defusedxml (installed with ThaPlan; ``openpyxl.DEFUSEDXML`` says so), and this module refuses to read
a workbook if something turned that off.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.formulas import fill_uncached_formulas
from thaplan_desktop.importing.grid import Shape, SheetGrid, WorkbookGrid
from thaplan_desktop.importing.readers.common import (
    BUILTIN_DATE_FORMAT_IDS,
    edge,
    edges,
    is_date_format,
    parse_xml,
    position,
    unreadable,
)

EMU_PER_PIXEL = 9525
EMU_PER_POINT = 12700

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def read_xlsx(path: Path) -> WorkbookGrid:
    """Read an Office Open XML workbook, or raise :class:`ImportFailure`."""
    import openpyxl  # imported here: the command line starts faster when it reads other formats

    name = path.name
    if not openpyxl.DEFUSEDXML:  # e.g. OPENPYXL_DEFUSEDXML=False in the environment
        raise ImportFailure(FailureKind.UNSAFE,
                            f"ไม่ได้อ่าน{where(name)}: โปรแกรมไม่ได้เปิดการป้องกันไฟล์ XML ที่เป็นอันตราย (defusedxml) "
                            "กรุณาติดตั้งโปรแกรมใหม่", file=name)
    try:
        # Bytes, not the path: openpyxl refuses names not ending in .xlsx/.xlsm, and the content has
        # already told us what this is. Read-only mode streams the cells and skips openpyxl's costly
        # restyling of merged ranges; merges, sizes and drawings are read from the package below.
        data = path.read_bytes()
        with warnings.catch_warnings():  # "extension not supported" and the like: nothing for the user
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile, XML errors ...)
        raise unreadable(name, exc) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = _xlsx_sheet_parts(zf)
            sheets: list[SheetGrid] = []
            for ws in wb.worksheets:
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        grid = _xlsx_sheet(ws)
                except Exception as exc:
                    raise unreadable(name, exc, ws.title) from exc
                part = parts.get(ws.title)
                if part is not None:
                    _xlsx_layout(zf, part, grid)
                sheets.append(grid)
        return WorkbookGrid(name, sheets)
    finally:
        wb.close()


def _xlsx_sheet(ws: Any) -> SheetGrid:
    ws.reset_dimensions()  # do not trust the stored <dimension>: read every row there is
    rows: list[list[object]] = []
    fills: dict[tuple[int, int], str] = {}
    date_formats: dict[int, bool] = {}  # number format id → shows a date
    for row in ws.iter_rows():
        for cell in row:
            r = getattr(cell, "row", None)
            if r is None:  # an empty filler cell
                continue
            value = cell.value
            if isinstance(value, int | float) and not isinstance(value, bool) and cell.has_style \
                    and 0 < value < _MAX_SERIAL:
                value = _date_of_serial(cell, value, date_formats)
            key = _openpyxl_fill_key(cell.fill) if cell.has_style else None
            if value is None and key is None:
                continue
            r0, c0 = r - 1, cell.column - 1
            while len(rows) <= r0:
                rows.append([])
            line = rows[r0]
            if len(line) <= c0:
                line.extend([None] * (c0 + 1 - len(line)))
            line[c0] = value
            if key is not None:
                fills[(r0, c0)] = key
    return SheetGrid(ws.title, rows, [], fills, hidden=ws.sheet_state != "visible")


_MAX_SERIAL = 2958466  # 31 December 9999


def _date_of_serial(cell: Any, value: float, date_formats: dict[int, bool]) -> object:
    """A number openpyxl left as a number although its format shows a date (Thai Excel's built-in
    "ดดด-ปป", ``bbbb`` years): the date; any other number unchanged."""
    from openpyxl.utils.datetime import from_excel

    format_id = cell.style_array.numFmtId
    is_date = date_formats.get(format_id)
    if is_date is None:
        is_date = date_formats[format_id] = format_id in BUILTIN_DATE_FORMAT_IDS or (
            format_id >= 164 and is_date_format(cell.number_format))
    return from_excel(value) if is_date else value


_MERGE_RE = re.compile(r'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_COL_RE = re.compile(r"<(?:\w+:)?col\s([^>]*)/?>")
_ROW_RE = re.compile(r"<(?:\w+:)?row\s([^>]*)>")
_FORMAT_RE = re.compile(r"<(?:\w+:)?sheetFormatPr\s([^>]*)/?>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')


def _xlsx_layout(zf: zipfile.ZipFile, part: str, grid: SheetGrid) -> None:
    """Merged ranges, column widths, row heights and drawn shapes of a sheet, from its package part."""
    xml = zf.read(part).decode("utf-8", "replace")
    if "<f>" in xml or "<f " in xml:
        fill_uncached_formulas(xml, grid)
    for m in _MERGE_RE.finditer(xml):
        c0, r0 = _column_index(m.group(1)), int(m.group(2)) - 1
        c1, r1 = (_column_index(m.group(3)), int(m.group(4)) - 1) if m.group(3) else (c0, r0)
        grid.merges.append((r0, c0, r1, c1))
    anchors: list[Element] = []
    for rel_type, drawing_part in _rels(zf, part).values():
        if rel_type.endswith("/drawing"):
            drawing = _xml(zf, drawing_part)
            if drawing is not None:
                anchors.extend(el for el in _unwrapped(drawing) if el.tag.split("}")[-1] in
                               ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor"))
    if anchors:
        grid.shapes = _place_shapes(anchors, _Scale.from_sheet_xml(xml, max(grid.n_cols, 60), max(grid.n_rows, 60)))


def _xlsx_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the package part holding it."""
    workbook = _xml(zf, "xl/workbook.xml")
    if workbook is None:
        return {}
    wb_rels = _rels(zf, "xl/workbook.xml")
    parts: dict[str, str] = {}
    for sheet in workbook.iterfind("main:sheets/main:sheet", NS):
        target = wb_rels.get(sheet.get(f"{{{NS['r']}}}id", ""))
        if target is not None:
            parts[sheet.get("name", "")] = target[1]
    return parts


def _openpyxl_fill_key(fill: Any) -> str | None:
    """A comparable key for a visible cell fill, or None for no fill / white."""
    if fill is None or fill.fill_type in (None, "none"):
        return None
    color = fill.fgColor
    if color is None:
        return None
    if color.type == "rgb":
        rgb = color.rgb if isinstance(color.rgb, str) else "000000"
        rgb = rgb[-6:].upper()
        return None if rgb == "FFFFFF" else rgb
    if color.type == "theme":
        tint = float(color.tint or 0)
        if color.theme == 0 and abs(tint) < 1e-9:
            return None  # theme "background 1": white
        return f"theme{color.theme}:{tint:.3f}"
    if color.type == "indexed":
        return None if color.indexed in (9, 64, 65) else f"indexed{color.indexed}"
    return None


def _xml(zf: zipfile.ZipFile, member: str) -> Element | None:
    try:
        return parse_xml(zf.read(member))
    except KeyError:
        return None


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationships of a package part: id → (type, absolute target path)."""
    folder, base = posixpath.split(part)
    root = _xml(zf, posixpath.join(folder, "_rels", base + ".rels"))
    result: dict[str, tuple[str, str]] = {}
    if root is None:
        return result
    for rel in root.findall("rel:Relationship", NS):
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        result[rel.get("Id", "")] = (rel.get("Type", ""), full)
    return result


class _Scale:
    """Converts between EMU on the sheet and fractional column/row numbers."""

    def __init__(self, col_widths_emu: list[int], default_col: int, row_heights_emu: list[int],
                 default_row: int) -> None:
        self.default_col = default_col
        self.default_row = default_row
        self.col_edges = edges(col_widths_emu)
        self.row_edges = edges(row_heights_emu)
        self.col_widths = col_widths_emu
        self.row_heights = row_heights_emu

    @classmethod
    def from_sheet_xml(cls, xml: str, n_cols: int, n_rows: int) -> _Scale:
        """Column widths and row heights as a sheet part states them (defaults where it does not)."""
        fmt_match = _FORMAT_RE.search(xml)
        fmt = dict(_ATTR_RE.findall(fmt_match.group(1))) if fmt_match else {}
        default_chars = float(fmt.get("defaultColWidth") or float(fmt.get("baseColWidth") or 8) + 0.71)
        default_col = _chars_to_emu(default_chars)
        widths = [default_col] * (n_cols + 1)
        for m in _COL_RE.finditer(xml):
            attrs = dict(_ATTR_RE.findall(m.group(1)))
            try:
                first, last = int(attrs.get("min", 0)), int(attrs.get("max", 0))
                width = 0 if attrs.get("hidden") in ("1", "true") else _chars_to_emu(float(attrs["width"])) \
                    if "width" in attrs else default_col
            except ValueError:
                continue
            for c in range(max(first, 1), min(last, n_cols) + 1):
                widths[c - 1] = width
        default_row = int(float(fmt.get("defaultRowHeight") or 15) * EMU_PER_POINT)
        heights = [default_row] * (n_rows + 1)
        for m in _ROW_RE.finditer(xml):
            attrs = dict(_ATTR_RE.findall(m.group(1)))
            try:
                r = int(attrs.get("r", 0))
                if not 1 <= r <= n_rows:
                    continue
                if attrs.get("hidden") in ("1", "true"):
                    heights[r - 1] = 0
                elif "ht" in attrs:
                    heights[r - 1] = int(float(attrs["ht"]) * EMU_PER_POINT)
            except ValueError:
                continue
        return cls(widths, default_col, heights, default_row)

    def col_width(self, c: int) -> int:
        return self.col_widths[c] if 0 <= c < len(self.col_widths) else self.default_col

    def row_height(self, r: int) -> int:
        return self.row_heights[r] if 0 <= r < len(self.row_heights) else self.default_row

    def x_of(self, col: int, off: int) -> int:
        return edge(self.col_edges, self.default_col, col) + off

    def y_of(self, row: int, off: int) -> int:
        return edge(self.row_edges, self.default_row, row) + off

    def col_at(self, x: float) -> float:
        return position(self.col_edges, self.default_col, x)

    def row_at(self, y: float) -> float:
        return position(self.row_edges, self.default_row, y)


def _chars_to_emu(chars: float) -> int:
    return int((chars * 7 + 5) * EMU_PER_PIXEL)


def _int(el: Element | None, path: str, default: int = 0) -> int:
    if el is None:
        return default
    found = el.find(path, NS)
    try:
        return int(found.text or default) if found is not None else default
    except ValueError:
        return default


def _anchor_rect(anchor: Element, scale: _Scale) -> tuple[float, float, float, float] | None:
    tag = anchor.tag.split("}")[-1]
    start = anchor.find("xdr:from", NS)
    if tag == "absoluteAnchor":
        pos = anchor.find("xdr:pos", NS)
        ext = anchor.find("xdr:ext", NS)
        if pos is None or ext is None:
            return None
        x0, y0 = float(pos.get("x", 0)), float(pos.get("y", 0))
        return x0, y0, x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))
    if start is None:
        return None
    x0 = scale.x_of(_int(start, "xdr:col"), _int(start, "xdr:colOff"))
    y0 = scale.y_of(_int(start, "xdr:row"), _int(start, "xdr:rowOff"))
    if tag == "twoCellAnchor":
        end = anchor.find("xdr:to", NS)
        if end is None:
            return None
        x1 = scale.x_of(_int(end, "xdr:col"), _int(end, "xdr:colOff"))
        y1 = scale.y_of(_int(end, "xdr:row"), _int(end, "xdr:rowOff"))
        return float(x0), float(y0), float(x1), float(y1)
    ext = anchor.find("xdr:ext", NS)
    if ext is None:
        return None
    return float(x0), float(y0), x0 + float(ext.get("cx", 0)), y0 + float(ext.get("cy", 0))


def _has_text(el: Element) -> bool:
    return any((t.text or "").strip() for t in el.iter(f"{{{NS['a']}}}t"))


def _leaf_rects(el: Element, rect: tuple[float, float, float, float]) -> Iterable[tuple[float, float, float, float]]:
    """Rectangles (EMU) of the lines and bars in an anchored element; groups are opened up."""
    tag = el.tag.split("}")[-1]
    if tag == "cxnSp" or (tag == "sp" and not _has_text(el)):
        yield rect
    elif tag == "grpSp":
        xfrm = el.find("xdr:grpSpPr/a:xfrm", NS)
        if xfrm is None:
            return
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
        if off is None or ext is None or ch_off is None or ch_ext is None:
            return
        cx0, cy0 = float(ch_off.get("x", 0)), float(ch_off.get("y", 0))
        cw, ch = float(ch_ext.get("cx", 0)) or 1.0, float(ch_ext.get("cy", 0)) or 1.0
        sx, sy = (rect[2] - rect[0]) / cw, (rect[3] - rect[1]) / ch
        for child in el:
            ctag = child.tag.split("}")[-1]
            if ctag not in ("sp", "cxnSp", "grpSp"):
                continue
            cxfrm = child.find("xdr:spPr/a:xfrm", NS)
            if cxfrm is None:
                cxfrm = child.find("xdr:grpSpPr/a:xfrm", NS)
            if cxfrm is None:
                continue
            coff, cext = cxfrm.find("a:off", NS), cxfrm.find("a:ext", NS)
            if coff is None or cext is None:
                continue
            x0 = rect[0] + (float(coff.get("x", 0)) - cx0) * sx
            y0 = rect[1] + (float(coff.get("y", 0)) - cy0) * sy
            x1 = x0 + float(cext.get("cx", 0)) * sx
            y1 = y0 + float(cext.get("cy", 0)) * sy
            yield from _leaf_rects(child, (x0, y0, x1, y1))


def _unwrapped(parent: Element) -> list[Element]:
    """Children of an element, with Excel's ``mc:AlternateContent`` wrappers opened (the Choice, else the
    Fallback): newer Excel versions wrap shapes and whole anchors in them."""
    children: list[Element] = []
    for child in parent:
        if child.tag.split("}")[-1] != "AlternateContent":
            children.append(child)
            continue
        branches = [b for b in child if b.tag.split("}")[-1] in ("Choice", "Fallback")]
        if branches:
            children.extend(_unwrapped(branches[0]))
    return children


def _place_shapes(anchors: list[Element], scale: _Scale) -> list[Shape]:
    shapes: list[Shape] = []
    for anchor in anchors:
        rect = _anchor_rect(anchor, scale)
        if rect is None:
            continue
        for child in _unwrapped(anchor):
            for x0, y0, x1, y1 in _leaf_rects(child, rect):
                x0, x1 = min(x0, x1), max(x0, x1)
                y0, y1 = min(y0, y1), max(y0, y1)
                if x1 - x0 <= 0 or (y1 - y0) > (x1 - x0):
                    continue  # vertical lines and tall boxes mark no months
                row = int(scale.row_at((y0 + y1) / 2))
                shapes.append(Shape(row, scale.col_at(x0), scale.col_at(x1)))
    return shapes


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
