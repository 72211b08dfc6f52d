"""Legacy ``.xls`` (BIFF8 in an OLE compound file): values through calamine, fills and drawn arrows from xlrd.

calamine reads the cells; xlrd (``formatting_info``) gives the cell fills and the number formats (a number
formatted as a date calamine did not recognise becomes that date), and the OfficeArt records of the
workbook stream give the lines drawn over month cells. A compound file whose sector table points outside
the file is refused before calamine sees it (the Rust reader panics on such files).
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import Any

from thaplan_desktop.importing.grid import Shape, SheetGrid, WorkbookGrid
from thaplan_desktop.importing.readers.calamine import read_sheets
from thaplan_desktop.importing.readers.common import (
    BUILTIN_DATE_FORMAT_IDS,
    OLE_MAGIC,
    corrupt,
    is_date_format,
)


def read_xls(path: Path) -> WorkbookGrid:
    """Read a legacy Excel workbook, or raise :class:`~thaplan_desktop.importing.errors.ImportFailure`."""
    if not _sane_compound_file(path):
        raise corrupt(path.name)  # the Rust reader panics (noisily, on stderr) on such files
    sheets = read_sheets(path)
    _xls_fills(path, sheets)
    return WorkbookGrid(path.name, sheets)


def _sane_compound_file(path: Path) -> bool:
    """Cheap checks of an OLE compound file's header and sector table: every sector it names exists."""
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
    """Cell fills and drawn arrows of a legacy .xls (calamine reads no formatting), through xlrd."""
    import xlrd  # imported here: only .xls files need it

    try:
        # xlrd reports oddities on stdout by default: keep them out of the command's output
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO(),
                                  verbosity=0)
    except Exception:
        return
    try:
        by_name = {s.name: s for s in sheets}
        date_formats: dict[int, bool] = {}
        for index in range(book.nsheets):
            xsheet = book.sheet_by_index(index)
            grid = by_name.get(xsheet.name)
            if grid is None:
                continue
            for r in range(xsheet.nrows):
                for c in range(xsheet.ncols):
                    xf = book.xf_list[xsheet.cell_xf_index(r, c)]
                    _date_from_format(grid, r, c, book, xf.format_key, date_formats)
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


def _date_from_format(grid: SheetGrid, r: int, c: int, book: Any, format_key: int,
                      date_formats: dict[int, bool]) -> None:
    """A number calamine left as a number although its format shows a date (Thai "ดดด-ปป", ``bbbb``): the date."""
    if r >= len(grid.rows) or c >= len(grid.rows[r]):
        return
    value = grid.rows[r][c]
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value < 2958466:
        return
    is_date = date_formats.get(format_key)
    if is_date is None:
        found = book.format_map.get(format_key)
        is_date = date_formats[format_key] = format_key in BUILTIN_DATE_FORMAT_IDS or (
            found is not None and format_key >= 164 and is_date_format(found.format_str))
    if is_date:
        import xlrd

        try:
            grid.rows[r][c] = xlrd.xldate.xldate_as_datetime(value, book.datemode)
        except (ValueError, OverflowError):
            pass


# OfficeArt shape types that are no month mark: text boxes, pictures, controls, comments' boxes.
_BIFF_NOT_MARKS = {0, 75, 201, 202}


def _biff_shapes(stream: bytes) -> dict[str, list[Shape]]:
    """Lines drawn on the sheets of a BIFF8 workbook stream: the OfficeArt client anchors in MSODRAWING."""
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
