"""Stage 1 of an import: any workbook file → :class:`~.grid.WorkbookGrid` (values, merges, fills, shapes).

The format is told by the file's first bytes, not by its name (a text note renamed ``.xlsx`` is not a
workbook). ``.xlsx``/``.xlsm`` are read with openpyxl (cached values of formulas, merged cells, fills)
plus the drawing layer ``xl/drawings/*.xml`` read from the zip for arrows drawn over month cells;
``.xls`` and ``.ods`` with python-calamine (values, merges), with fills from xlrd (``.xls``) or from the
OpenDocument styles (``.ods``). Every failure becomes an :class:`~.errors.ImportFailure` in Thai.
"""

from __future__ import annotations

import bisect
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

try:  # defusedxml guards against entity bombs in files from outside; fall back to the standard parser
    from defusedxml.ElementTree import fromstring as _xml_fromstring
except ImportError:  # pragma: no cover - defusedxml is installed alongside openpyxl
    from xml.etree.ElementTree import fromstring as _xml_fromstring

_STOP = (KeyboardInterrupt, SystemExit, GeneratorExit)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMU_PER_PIXEL = 9525
EMU_PER_POINT = 12700

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def sniff(path: Path) -> str:
    """The kind of file by content: ``xlsx``, ``ods``, ``xls``, ``json``, ``encrypted``, ``zip`` or ``other``."""
    with path.open("rb") as fh:
        head = fh.read(8)
        if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
            return "zip"
        if head == OLE_MAGIC:
            fh.seek(0)
            data = fh.read(4 * 1024 * 1024)
            # An Office file with an open password is an OLE container holding "EncryptedPackage".
            if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
                return "encrypted"
            return "xls"
        fh.seek(0)
        text_head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        if text_head.startswith(b"{"):
            return "json"
    return "other"


def read_workbook(path: Path) -> WorkbookGrid:
    """Read any supported workbook into a grid, or raise :class:`ImportFailure`."""
    name = path.name
    if not path.is_file():
        raise ImportFailure(FailureKind.NOT_FOUND, f"ไม่พบ{where(name)}", file=name)
    kind = sniff(path)
    if kind == "encrypted":
        raise ImportFailure(FailureKind.PASSWORD,
                            f"{where(name)} มีรหัสผ่านป้องกันการเปิด: กรุณาเปิดไฟล์ใน Excel "
                            "แล้วบันทึกใหม่โดยไม่ใส่รหัสผ่าน จึงนำเข้าอีกครั้ง", file=name)
    if kind == "xls":
        return _read_calamine(path, legacy_xls=True)
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                mimetype = zf.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise _corrupt(name) from exc
        if "xl/workbook.xml" in names:
            return _read_xlsx(path)
        if "xl/workbook.bin" in names:  # .xlsb: values through calamine
            return _read_calamine(path, legacy_xls=False, styles=False)
        if "opendocument.spreadsheet" in mimetype or "content.xml" in names:
            return _read_calamine(path, legacy_xls=False)
        raise ImportFailure(FailureKind.NOT_A_WORKBOOK,
                            f"{where(name)} ไม่ใช่สมุดงาน Excel หรือ OpenDocument (อาจเป็นเอกสารชนิดอื่นที่เปลี่ยนชื่อ)",
                            file=name)
    if path.suffix.lower() in (".csv", ".txt") and (grid := _read_csv(path)) is not None:
        return grid
    raise ImportFailure(FailureKind.NOT_A_WORKBOOK,
                        f"{where(name)} ไม่ใช่สมุดงาน Excel (.xlsx .xlsm .xls) หรือ OpenDocument (.ods) "
                        "หรืออาจเป็นไฟล์ข้อความที่เปลี่ยนชื่อ", file=name)


def _read_csv(path: Path) -> WorkbookGrid | None:
    """A comma- or tab-separated text file (UTF-8, or Windows Thai cp874 / TIS-620) as one sheet."""
    import csv

    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    if "\x00" in text:
        return None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if sum(1 for r in rows if len(r) > 1) < 2:
        return None  # a note, not a table
    return WorkbookGrid(path.name, [SheetGrid(path.stem, rows)])


def _corrupt(name: str, sheet: str = "") -> ImportFailure:
    return ImportFailure(FailureKind.CORRUPT,
                         f"{where(name, sheet)} เสียหายหรือไม่สมบูรณ์ (อาจคัดลอกหรือดาวน์โหลดมาไม่ครบ): "
                         "กรุณาขอไฟล์ใหม่จากหน่วยงาน", file=name, sheet=sheet)


# --- .xlsx / .xlsm --------------------------------------------------------------------------------

def _read_xlsx(path: Path) -> WorkbookGrid:
    import openpyxl  # imported here: the command line starts faster when it reads other formats

    name = path.name
    try:
        # Bytes, not the path: openpyxl refuses names not ending in .xlsx/.xlsm, and the content has
        # already told us what this is. Read-only mode streams the cells and skips openpyxl's costly
        # restyling of merged ranges; merges, sizes and drawings are read from the package below.
        data = path.read_bytes()
        with warnings.catch_warnings():  # "extension not supported" and the like: nothing for the user
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, BadZipFile, XML errors ...)
        raise _corrupt(name) from exc
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
                    raise _corrupt(name, ws.title) from exc
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
    for row in ws.iter_rows():
        for cell in row:
            r = getattr(cell, "row", None)
            if r is None:  # an empty filler cell
                continue
            value = cell.value
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
        return _xml_fromstring(zf.read(member))
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
        self.col_edges = _edges(col_widths_emu)
        self.row_edges = _edges(row_heights_emu)
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
        return _edge(self.col_edges, self.default_col, col) + off

    def y_of(self, row: int, off: int) -> int:
        return _edge(self.row_edges, self.default_row, row) + off

    def col_at(self, x: float) -> float:
        return _position(self.col_edges, self.default_col, x)

    def row_at(self, y: float) -> float:
        return _position(self.row_edges, self.default_row, y)


def _chars_to_emu(chars: float) -> int:
    return int((chars * 7 + 5) * EMU_PER_PIXEL)


def _edges(sizes: list[int]) -> list[int]:
    edges = [0]
    for s in sizes:
        edges.append(edges[-1] + s)
    return edges


def _edge(edges: list[int], default: int, index: int) -> int:
    if index < len(edges):
        return edges[max(index, 0)]
    return edges[-1] + (index - len(edges) + 1) * default


def _position(edges: list[int], default: int, x: float) -> float:
    if x >= edges[-1]:
        return len(edges) - 1 + (x - edges[-1]) / default
    i = max(bisect.bisect_right(edges, x) - 1, 0)
    size = edges[i + 1] - edges[i]
    return i + ((x - edges[i]) / size if size else 0.0)


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


# --- .xls and .ods ---------------------------------------------------------------------------------

def _read_calamine(path: Path, *, legacy_xls: bool, styles: bool = True) -> WorkbookGrid:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    name = path.name
    if legacy_xls and not _sane_compound_file(path):
        raise _corrupt(name)  # the Rust reader panics (noisily, on stderr) on such files
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except _STOP:
        raise
    except BaseException as exc:  # noqa: B036 - a panic in the Rust reader is a BaseException
        text = f"{type(exc).__name__} {exc}".lower()
        if "password" in text or "encrypt" in text:
            raise ImportFailure(FailureKind.PASSWORD,
                                f"{where(name)} มีรหัสผ่านป้องกันการเปิด: กรุณาบันทึกใหม่โดยไม่ใส่รหัสผ่าน",
                                file=name) from exc
        raise _corrupt(name) from exc
    sheets: list[SheetGrid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                rows: list[list[object]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
                merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except _STOP:
                raise
            except BaseException as exc:  # noqa: B036 - see above
                raise _corrupt(name, meta.name) from exc
            sheets.append(SheetGrid(meta.name, rows, merges, hidden=meta.visible != SheetVisibleEnum.Visible))
    finally:
        wb.close()
    if legacy_xls:
        _xls_fills(path, sheets)
    elif styles:
        _ods_styles(path, sheets)
    return WorkbookGrid(name, sheets)


def _sane_compound_file(path: Path) -> bool:
    """Cheap checks of an OLE compound file's header and sector table: every sector it names exists."""
    import struct

    data = path.read_bytes()
    if len(data) < 512 or data[:8] != OLE_MAGIC:
        return False
    major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHH", data, 26)
    if byte_order != 0xFFFE or (major, sector_shift) not in ((3, 9), (4, 12)) or mini_shift != 6:
        return False
    size = 1 << sector_shift
    n_sectors = (len(data) - size) // size  # whole sectors only: a cut-off last sector is damage too
    n_fat, first_dir = struct.unpack_from("<II", data, 44)
    first_difat, n_difat = struct.unpack_from("<II", data, 68)
    if n_fat == 0 or n_fat > n_sectors or first_dir >= n_sectors or n_difat > n_sectors:
        return False
    fat_sectors = [v for v in struct.unpack_from("<109I", data, 76)[:min(n_fat, 109)]]
    sector = first_difat
    for _ in range(n_difat):  # more FAT sector numbers, in a chain of DIFAT sectors
        if sector >= n_sectors:
            return False
        offset = (sector + 1) * size
        entries = struct.unpack_from(f"<{size // 4}I", data, offset) if offset + size <= len(data) else ()
        if not entries:
            return False
        fat_sectors.extend(entries[:-1])
        sector = entries[-1]
    fat_sectors = fat_sectors[:n_fat]
    for sector in fat_sectors:
        if sector >= n_sectors:
            return False
        for entry in struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size):
            if entry < 0xFFFFFFFA and entry >= n_sectors:
                return False
    return True


def _xls_fills(path: Path, sheets: list[SheetGrid]) -> None:
    """Cell fills and drawn arrows of a legacy .xls (calamine reads no formatting); needs xlrd."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a dependency; without it only marks by text are read
        return
    try:
        # xlrd reports oddities on stdout by default: keep them out of the command's output
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO(),
                                  verbosity=0)
    except Exception:
        return
    try:
        by_name = {s.name: s for s in sheets}
        for index in range(book.nsheets):
            xsheet = book.sheet_by_index(index)
            grid = by_name.get(xsheet.name)
            if grid is None:
                continue
            for r in range(xsheet.nrows):
                for c in range(xsheet.ncols):
                    xf = book.xf_list[xsheet.cell_xf_index(r, c)]
                    bg = xf.background
                    if not bg.fill_pattern:
                        continue
                    rgb = book.colour_map.get(bg.pattern_colour_index)
                    if rgb is None or tuple(rgb) == (255, 255, 255):
                        continue
                    grid.fills[(r, c)] = "{:02X}{:02X}{:02X}".format(*rgb)
            if not grid.merges:
                grid.merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in xsheet.merged_cells]
        try:
            stream = bytes(book.mem[book.base:book.base + book.stream_len])
        except (AttributeError, TypeError, ValueError):
            return
        for name, shapes in _biff_shapes(stream).items():
            if name in by_name:
                by_name[name].shapes.extend(shapes)
    finally:
        book.release_resources()


# OfficeArt shape types that are no month mark: text boxes, pictures, controls, comments' boxes.
_BIFF_NOT_MARKS = {0, 75, 201, 202}


def _biff_shapes(stream: bytes) -> dict[str, list[Shape]]:
    """Lines drawn on the sheets of a BIFF8 workbook stream: the OfficeArt client anchors in MSODRAWING."""
    import struct

    names: dict[int, str] = {}
    drawings: dict[str, list[bytes]] = {}
    current: str | None = None
    pos = 0
    while pos + 4 <= len(stream):
        rtype, length = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4:pos + 4 + length]
        if rtype == 0x0085 and len(data) >= 8:  # BOUNDSHEET: where each sheet's records start, and its name
            offset = struct.unpack_from("<I", data, 0)[0]
            count, flags = data[6], data[7]
            raw = data[8:8 + (count * 2 if flags & 1 else count)]
            names[offset] = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
        elif rtype == 0x0809:  # BOF: a sheet's records begin
            current = names.get(pos)
        elif rtype == 0x00EC and current is not None:  # MSODRAWING
            drawings.setdefault(current, []).append(data)
        pos += 4 + length
    result: dict[str, list[Shape]] = {}
    for name, chunks in drawings.items():
        blob = b"".join(chunks)
        shapes: list[Shape] = []
        _officeart_walk(blob, 0, len(blob), shapes)
        if shapes:
            result[name] = shapes
    return result


def _officeart_walk(blob: bytes, start: int, stop: int, shapes: list[Shape]) -> None:
    import struct

    pos = start
    while pos + 8 <= stop:
        ver_inst, rtype, length = struct.unpack_from("<HHI", blob, pos)
        body, end = pos + 8, min(pos + 8 + length, stop)
        if rtype == 0xF004:  # one shape: its type (FSP) and its anchor to the cells
            shape_type, anchor = None, None
            p = body
            while p + 8 <= end:
                vi, rt, ln = struct.unpack_from("<HHI", blob, p)
                if rt == 0xF00A:
                    shape_type = vi >> 4
                elif rt == 0xF010 and ln >= 18:
                    anchor = struct.unpack_from("<HHHHHHHHH", blob, p + 8)
                p += 8 + ln
            if anchor is not None and shape_type not in _BIFF_NOT_MARKS:
                _flag, c1, dx1, r1, dy1, c2, dx2, r2, dy2 = anchor
                x0, x1 = c1 + min(dx1, 1023) / 1024, c2 + min(dx2, 1023) / 1024
                y0, y1 = r1 + min(dy1, 255) / 256, r2 + min(dy2, 255) / 256
                if x1 > x0 and (y1 - y0) <= 1.0:
                    shapes.append(Shape(int((y0 + y1) / 2), x0, x1))
        elif ver_inst & 0xF == 0xF:  # any other container: look inside
            _officeart_walk(blob, body, end, shapes)
        pos += 8 + length


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


def _ods_styles(path: Path, sheets: list[SheetGrid]) -> None:
    """Merges, fills and drawn lines of an .ods, read from content.xml (calamine gives values only)."""
    try:
        with zipfile.ZipFile(path) as zf:
            root = _xml_fromstring(zf.read("content.xml"))
    except Exception:
        return
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
    col_edges = _edges([int(w * 1000) for w in widths] or [int(_ODS_DEFAULT_COL_PT * 1000)])
    row_edges = _edges([int(h * 1000) for h in heights] or [int(_ODS_DEFAULT_ROW_PT * 1000)])
    shapes: list[Shape] = []
    for el in table.iter():
        tag = el.tag
        if not tag.startswith(f"{{{d}}}") or tag.split("}")[-1] not in ("line", "connector", "custom-shape", "rect"):
            continue
        if any((p.text or "").strip() for p in el.iter(f"{{{text_ns}}}p")):
            continue  # a text box
        if tag.endswith(("line", "connector")):
            coords = [_length_pt(el.get(f"{{{svg}}}{k}")) for k in ("x1", "y1", "x2", "y2")]
            if any(v is None for v in coords):
                continue
            x1, y1, x2, y2 = (float(v) for v in coords)  # type: ignore[arg-type]
        else:
            box = [_length_pt(el.get(f"{{{svg}}}{k}")) for k in ("x", "y", "width", "height")]
            if any(v is None for v in box):
                continue
            x1, y1 = float(box[0]), float(box[1])  # type: ignore[arg-type]
            x2, y2 = x1 + float(box[2]), y1 + float(box[3])  # type: ignore[arg-type]
        x0, x1 = min(x1, x2), max(x1, x2)
        y0, y1 = min(y1, y2), max(y1, y2)
        if x1 - x0 <= 0 or (y1 - y0) > (x1 - x0):
            continue
        row = int(_position(row_edges, int(_ODS_DEFAULT_ROW_PT * 1000), (y0 + y1) / 2 * 1000))
        shapes.append(Shape(row, _position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x0 * 1000),
                            _position(col_edges, int(_ODS_DEFAULT_COL_PT * 1000), x1 * 1000)))
    return shapes


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1
