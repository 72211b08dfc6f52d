"""Legacy ``.xls`` (BIFF8 in an OLE compound file): cells, fills and merges streamed from the sheets' records.

xlrd reads the workbook's globals (shared strings, cell formats, the palette, the sheets and where they
start); the cell records of each sheet are then walked here, one by one, into a sparse grid: a sheet costs
what its filled cells cost, wherever they lie. Values read as calamine (which read .xls before) read them:
numbers int or float, a number in a date-formatted cell a date (also Thai Excel's built-in date formats and
``bbbb`` years), text, booleans; a formula its cached result. Fills come from each cell's format (or its
row's, its column's, or the default one, as Excel shows an empty cell) and the OfficeArt records of the
workbook stream give the lines drawn over month cells. A compound file whose sector table points outside
the file is refused, and so is one larger than :data:`~..limits.MAX_FILE_BYTES` (an .xls is not
compressed: its size is what it holds).
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thaplan_desktop.importing.errors import ImportFailure
from thaplan_desktop.importing.grid import Shape, SheetGrid, WorkbookGrid
from thaplan_desktop.importing.limits import MAX_FILE_BYTES, Budget, Progress, file_too_big
from thaplan_desktop.importing.readers.common import (
    BUILTIN_DATE_FORMAT_IDS,
    OLE_MAGIC,
    STOP,
    corrupt,
    is_date_format,
    not_opened,
)

_MAX_SERIAL = 2958466
_DEFAULT_XF = 15  # Excel's hard-wired default cell format


def read_xls(path: Path, budget: Budget | None = None, progress: Progress | None = None) -> WorkbookGrid:
    """Read a legacy Excel workbook, or raise :class:`~thaplan_desktop.importing.errors.ImportFailure`."""
    import xlrd  # imported here: only .xls files need it

    name = path.name
    budget = budget or Budget(name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise file_too_big(name, size)
    if not _sane_compound_file(path):
        raise corrupt(name)  # the readers choke (or panic) on such files
    try:
        # xlrd reports oddities on stdout by default: keep them out of the command's output
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO(),
                                  verbosity=0)
    except STOP:
        raise
    except Exception as exc:
        raise not_opened(name, exc) from exc
    sheets: list[SheetGrid] = []
    sheet_name = ""
    try:
        formats = _Formats(book)
        for shared in book._sharedstrings:
            budget.string(shared)
        budget.cells(len(book._sharedstrings))
        stream = bytes(book.mem[book.base:book.base + book.stream_len])
        names: list[str] = book._sheet_names
        for index, (sheet_name, start) in enumerate(zip(names, book._sh_abs_posn, strict=False)):
            if progress is not None:
                progress(index / max(len(names), 1), f"กำลังอ่านแผ่นงาน “{sheet_name}”")
            budget.start_sheet(sheet_name)
            grid = SheetGrid(sheet_name, hidden=book._sheet_visibility[index] != 0)
            _SheetRecords(grid, book, formats, budget).read(stream, start - book.base)
            sheets.append(grid)
        by_name = {s.name: s for s in sheets}
        for sheet_name, shapes in _biff_shapes(stream).items():
            if sheet_name in by_name:
                budget.cells(len(shapes))
                by_name[sheet_name].shapes.extend(shapes)
    except (ImportFailure, *STOP):
        raise
    except Exception as exc:  # a record the walk could not read: the sheet is damaged
        raise corrupt(name, sheet_name) from exc
    finally:
        book.release_resources()
    return WorkbookGrid(name, sheets)


class _Formats:
    """Per cell format (XF): how its numbers read and its visible fill."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.datemode = book.datemode
        self._kinds: dict[int, tuple[str, bool, str | None]] = {}

    def of(self, xf_index: int) -> tuple[str, bool, str | None]:
        """(calamine's number kind: "date", "duration" or "", our date rule, fill key) of a cell format."""
        found = self._kinds.get(xf_index)
        if found is None:
            book = self.book
            xf = book.xf_list[xf_index] if 0 <= xf_index < len(book.xf_list) else None
            key = xf.format_key if xf is not None else 0
            fmt = book.format_map.get(key)
            code = fmt.format_str if fmt is not None else ""
            custom = fmt is not None and (5 <= key <= 8 or 23 <= key <= 26 or 41 <= key <= 44 or 63 <= key <= 66
                                          or 164 <= key <= 382)
            kind = _custom_kind(code) if custom else "date" if 14 <= key <= 22 or key in (45, 47) else \
                "duration" if key == 46 else ""
            ours = key in BUILTIN_DATE_FORMAT_IDS or (fmt is not None and key >= 164 and is_date_format(code))
            found = self._kinds[xf_index] = (kind, ours, _fill_of(book, xf))
        return found

    def number(self, value: float, xf_index: int, *, formula: bool = False) -> object:
        """A number as the cell shows it: a date when its format says so."""
        kind, ours, _fill = self.of(xf_index)
        if not formula and kind and value >= 0:
            return _calamine_date(value, self.datemode, duration=kind == "duration")
        if ours and 0 < value < _MAX_SERIAL:
            import xlrd

            try:
                return xlrd.xldate.xldate_as_datetime(value, self.datemode)
            except (ValueError, OverflowError):
                return value
        return value


def _fill_of(book: Any, xf: Any) -> str | None:
    if xf is None:
        return None
    bg = xf.background
    if not bg.fill_pattern:
        return None
    rgb = book.colour_map.get(bg.pattern_colour_index)
    if rgb is None or tuple(rgb) == (255, 255, 255):
        return None
    return "{:02X}{:02X}{:02X}".format(*rgb)


def _custom_kind(code: str) -> str:
    """calamine's reading of a custom number format: "date", "duration" ([h]:mm) or "" (a number)."""
    escaped = quoted = ap = hms = False
    brackets = 0
    prev = " "
    for ch in code:
        if escaped:
            escaped = False
        elif ch in "_\\*":
            escaped = True
        elif quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch == ";":
            return ""
        elif ch == "[":
            brackets += 1
        elif ch == "]" and brackets == 1 and hms:
            return "duration"
        elif ch == "]":
            brackets = max(brackets - 1, 0)
        elif ch in "aA" and not ap and brackets == 0:
            ap = True
        elif ch in "pm/PM" and ap and brackets == 0:
            return "date"
        elif ch in "dmhysDMHYS" and not ap and brackets == 0:
            return "date"
        elif not (hms and ch.lower() == prev.lower()):
            hms = prev == "[" and ch in "mhsMHS"
        prev = ch
    return ""


def _calamine_date(value: float, datemode: int, *, duration: bool) -> object:
    import xlrd

    if duration:
        return dt.timedelta(days=value)
    try:
        if value < 1.0:
            seconds = round(value * 86400 * 1000) / 1000
            return (dt.datetime(2000, 1, 1) + dt.timedelta(seconds=seconds)).time()
        moment = xlrd.xldate.xldate_as_datetime(value, datemode)
    except (ValueError, OverflowError):
        return value
    return moment.date() if float(value).is_integer() else moment


def _records(stream: bytes, pos: int) -> Iterator[tuple[int, bytes]]:
    """(type, data) of the records from ``pos`` to the end of the sheet's substream (nested ones skipped)."""
    depth = 0
    end = len(stream)
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if rtype == 0x0809:  # BOF: the sheet's own, or an embedded chart's
            depth += 1
            continue
        if rtype == 0x000A:  # EOF
            depth -= 1
            if depth <= 0:
                return
            continue
        if depth == 1:
            yield rtype, data


class _SheetRecords:
    """One sheet's records into its grid: values, the formats of every written cell (for fills), merges."""

    def __init__(self, grid: SheetGrid, book: Any, formats: _Formats, budget: Budget) -> None:
        self.grid = grid
        self.book = book
        self.formats = formats
        self.budget = budget
        self.cell_xf: dict[int, dict[int, int]] = {}  # every cell record's format, blanks included
        self.rows = 0  # xlrd's extent: one past the last row and column any cell record names
        self.cols = 0
        self.row_xf: dict[int, int] = {}
        self.col_xf: dict[int, int] = {}
        self._last_row = -1

    def read(self, stream: bytes, start: int) -> None:
        formula_at: tuple[int, int, int] | None = None
        strings: list[str] = self.book._sharedstrings
        unicode = self.book.biff_version >= 80
        for rtype, data in _records(stream, start):
            if rtype == 0x0203 and len(data) >= 14:  # NUMBER
                r, c, xf = struct.unpack_from("<HHH", data)
                self.put(r, c, xf, self.formats.number(struct.unpack_from("<d", data, 6)[0], xf))
            elif rtype == 0x027E and len(data) >= 10:  # RK
                r, c, xf = struct.unpack_from("<HHH", data)
                self.put(r, c, xf, self.formats.number(_rk(data, 6), xf))
            elif rtype == 0x00BD and len(data) >= 6:  # MULRK
                r, first = struct.unpack_from("<HH", data)
                count = (len(data) - 6) // 6
                self.budget.cells(count)
                for i in range(count):
                    xf = struct.unpack_from("<H", data, 4 + 6 * i)[0]
                    self.put(r, first + i, xf, self.formats.number(_rk(data, 6 + 6 * i), xf), counted=True)
            elif rtype == 0x00FD and len(data) >= 10:  # LABELSST
                r, c, xf = struct.unpack_from("<HHH", data)
                index = struct.unpack_from("<I", data, 6)[0]
                text = strings[index] if index < len(strings) else ""
                self.put(r, c, xf, text or None, text_counted=True)  # an empty string is no cell value
            elif rtype in (0x0204, 0x00D6) and len(data) >= 8:  # LABEL, RSTRING
                r, c, xf = struct.unpack_from("<HHH", data)
                self.put(r, c, xf, self._string(data, 6, unicode))
            elif rtype == 0x0205 and len(data) >= 8:  # BOOLERR
                r, c, xf = struct.unpack_from("<HHH", data)
                self.put(r, c, xf, bool(data[6]) if data[7] == 0 else "")
            elif rtype == 0x0006 and len(data) >= 20:  # FORMULA: its cached result
                r, c, xf = struct.unpack_from("<HHH", data)
                formula_at = None
                if data[12:14] != b"\xff\xff":
                    self.put(r, c, xf, self.formats.number(struct.unpack_from("<d", data, 6)[0], xf, formula=True))
                elif data[6] == 0:  # a text result, in the STRING record that follows
                    formula_at = (r, c, xf)
                    self.put(r, c, xf, None)
                elif data[6] == 1:
                    self.put(r, c, xf, bool(data[8]))
                else:
                    self.put(r, c, xf, "")
            elif rtype == 0x0207 and formula_at is not None:  # STRING: the text result of the formula above
                r, c, xf = formula_at
                formula_at = None
                self.put(r, c, xf, self._string(data, 0, unicode), counted=True)
            elif rtype == 0x0201 and len(data) >= 6:  # BLANK: a format only
                r, c, xf = struct.unpack_from("<HHH", data)
                self.put(r, c, xf, None)
            elif rtype == 0x00BE and len(data) >= 6:  # MULBLANK
                r, first = struct.unpack_from("<HH", data)
                count = (len(data) - 6) // 2
                self.budget.cells(count)
                for i in range(count):
                    self.put(r, first + i, struct.unpack_from("<H", data, 4 + 2 * i)[0], None, counted=True)
            elif rtype == 0x0208 and len(data) >= 16:  # ROW: a row's own default format
                r, bits2 = struct.unpack_from("<H", data)[0], struct.unpack_from("<i", data, 12)[0]
                if (bits2 >> 7) & 1:
                    self.budget.cells()
                    self.row_xf[r] = (bits2 >> 16) & 0xFFF
                else:
                    self.row_xf.pop(r, None)
            elif rtype == 0x007D and len(data) >= 10:  # COLINFO
                first, last, _width, xf = struct.unpack_from("<HHHH", data)
                if 0 <= first <= last <= 256:
                    for c in range(first, min(last, 255) + 1):
                        self.col_xf[c] = xf
            elif rtype == 0x00E5 and len(data) >= 2:  # MERGEDCELLS
                count = struct.unpack_from("<H", data)[0]
                for i in range(min(count, (len(data) - 2) // 8)):
                    rf, rl, cf, cl = struct.unpack_from("<HHHH", data, 2 + 8 * i)
                    self.budget.cells()
                    self.grid.merges.append((rf, cf, rl, cl))
        self._fills()
        self.budget.rows(len(set(self.grid.cells) | set(self.grid.fills)))
        self.grid.seal_all()

    def _string(self, data: bytes, pos: int, unicode: bool) -> str:
        from xlrd.biffh import unpack_string, unpack_unicode

        if unicode:
            return str(unpack_unicode(data, pos, lenlen=2))
        return str(unpack_string(data, pos, self.book.encoding or "cp1252", lenlen=2))

    def put(self, r: int, c: int, xf: int, value: object, *, counted: bool = False, text_counted: bool = False) -> None:
        """One cell record: its format always (fills), its value when it has one."""
        if not counted:
            self.budget.cells()
        row = self.cell_xf.get(r)
        if row is None:
            row = self.cell_xf[r] = {}
        row[c] = xf
        if r >= self.rows:
            self.rows = r + 1
        if c >= self.cols:
            self.cols = c + 1
        if value is None:
            return
        if isinstance(value, str):
            if not text_counted:
                self.budget.string(value)
        elif not (isinstance(value, int) and -5 <= value <= 256):
            self.budget.number()
        if r != self._last_row:  # records come row by row: the row before is finished
            self.grid.seal(self._last_row)
            self._last_row = r
        self.grid.put(r, c, value)
        self.grid.extend(r, c)

    def _fills(self) -> None:
        """The fill of every cell as Excel shows it, up to the last written row and column: the cell's own
        format, else its row's, else its column's, else the default one."""
        formats, grid = self.formats, self.grid
        for r, row in self.cell_xf.items():
            for c, xf in row.items():
                key = formats.of(xf)[2]
                if key is not None:
                    grid.put_fill(r, c, key)
        defaults = {r: key for r, xf in self.row_xf.items() if r < self.rows and (key := formats.of(xf)[2])}
        columns = {c: formats.of(xf if xf != 0xFFFF else _DEFAULT_XF)[2] for c, xf in self.col_xf.items()}
        default = formats.of(_DEFAULT_XF)[2]
        if not defaults and not any(columns.values()) and default is None:
            return
        for r in range(self.rows):
            own = self.cell_xf.get(r, {})
            row_key = defaults.get(r)
            for c in range(self.cols):
                if c in own:
                    continue
                key = row_key if r in self.row_xf else columns.get(c, default) if c in self.col_xf else default
                if key is not None:
                    self.budget.cells()
                    grid.put_fill(r, c, key)
            grid.seal(r)


def _rk(data: bytes, pos: int) -> float | int:
    """An RK number: an integer (int) or the high bits of a double (float), perhaps divided by 100."""
    raw = struct.unpack_from("<i", data, pos)[0]
    if raw & 2:
        value = raw >> 2
        if raw & 1:
            return value / 100 if value % 100 else value // 100
        return value
    number: float = struct.unpack("<d", b"\0\0\0\0" + struct.pack("<I", (raw & 0xFFFFFFFC) & 0xFFFFFFFF))[0]
    return number / 100 if raw & 1 else number


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
