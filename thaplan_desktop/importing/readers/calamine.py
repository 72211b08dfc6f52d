"""Values and merged ranges of ``.xlsb`` workbooks through python-calamine (Rust), after a check of their size.

calamine reads a sheet into a dense block from its first to its last cell and reads no formatting, so it is
only used for the rare binary ``.xlsb``: before it sees the file, the sheets' binary records are walked
(streamed, within the file's budget) to find the cells' extent, and a sheet whose block would pass the cell
limit is refused. A panic in the Rust reader arrives as a ``BaseException``; it becomes a Thai failure of
the file like any other.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from thaplan_desktop.importing.errors import ImportFailure
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.limits import MAX_SHEET_CELLS, Budget, too_big
from thaplan_desktop.importing.readers.common import STOP, corrupt, not_opened
from thaplan_desktop.importing.readers.stream import CHUNK


def read_sheets(path: Path, budget: Budget | None = None) -> list[SheetGrid]:
    """The worksheets of a workbook calamine reads (values and merged ranges; no formatting)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    name = path.name
    budget = budget or Budget(name)
    _check_xlsb_extent(path, budget)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except STOP:
        raise
    except BaseException as exc:  # noqa: B036 - a panic in the Rust reader is a BaseException
        raise not_opened(name, exc) from exc
    sheets: list[SheetGrid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                budget.start_sheet(meta.name)
                grid = SheetGrid(meta.name, hidden=meta.visible != SheetVisibleEnum.Visible)
                for r, row in enumerate(sheet.to_python(skip_empty_area=False)):
                    grid.extend(r, 0)
                    if any(v is not None and v != "" for v in row):
                        budget.rows()
                    for c, v in enumerate(row):
                        if v is not None and v != "":
                            budget.cells()
                            if isinstance(v, str):
                                budget.string(v)
                            else:
                                budget.number()
                            grid.put(r, c, v)
                        grid.extend(r, c)
                    grid.seal(r)
                grid.merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except (ImportFailure, *STOP):
                raise
            except BaseException as exc:  # noqa: B036 - see above
                raise corrupt(name, meta.name) from exc
            sheets.append(grid)
    finally:
        wb.close()
    return sheets


def _check_xlsb_extent(path: Path, budget: Budget) -> None:
    """Refuse an .xlsb whose sheet would make calamine's dense block larger than the cell limit."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # calamine says what is wrong
    with zf:
        for info in zf.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".bin")):
                continue
            budget.declare(info.filename, info.file_size)
            rows, cols = _extent(zf, info, budget)
            if rows * cols > MAX_SHEET_CELLS:
                raise too_big(budget.file, f"แผ่นงานกว้าง {rows:,} แถว × {cols:,} คอลัมน์ "
                                           f"เกินขีดจำกัด {MAX_SHEET_CELLS:,} เซลล์ต่อแผ่นงาน (ไฟล์ .xlsb)")


def _extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> tuple[int, int]:
    """Rows and columns from the origin to the last cell record of a binary sheet part."""
    max_row = max_col = col = -1
    row = 0
    buffer = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            budget.unpacked(len(chunk))
            buffer += chunk
            pos = 0
            while True:
                header = _record_header(buffer, pos)
                if header is None:
                    break
                rtype, size, start = header
                if start + size > len(buffer):
                    break
                if rtype == 0 and size >= 4:  # BrtRowHdr
                    row, col = int.from_bytes(buffer[start:start + 4], "little"), -1
                elif 1 <= rtype <= 11 and size >= 4:  # cell records: their column first
                    col = int.from_bytes(buffer[start:start + 4], "little")
                    max_row, max_col = max(max_row, row), max(max_col, col)
                elif 12 <= rtype <= 18:  # the short cell records: the next column
                    col += 1
                    max_row, max_col = max(max_row, row), max(max_col, col)
                pos = start + size
            buffer = buffer[pos:]
            if not chunk:
                break
    return max_row + 1, max_col + 1


def _record_header(data: bytes, pos: int) -> tuple[int, int, int] | None:
    """(type, size, where the data starts) of the record at ``pos``, or None when it is not all there."""
    rtype = 0
    for i in range(2):
        if pos >= len(data):
            return None
        byte = data[pos]
        pos += 1
        rtype |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    size = 0
    for i in range(4):
        if pos >= len(data):
            return None
        byte = data[pos]
        pos += 1
        size |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    return rtype, size, pos
