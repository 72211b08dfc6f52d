"""Comma- or tab-separated text saved from a spreadsheet (``.csv``/``.txt``) as a one-sheet grid."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from thaplan_desktop.importing.grid import SheetGrid, WorkbookGrid
from thaplan_desktop.importing.limits import MAX_FILE_BYTES, Budget, file_too_big


def read_csv(path: Path, budget: Budget | None = None) -> WorkbookGrid | None:
    """A comma- or tab-separated text file (UTF-8, or Windows Thai cp874 / TIS-620) as one sheet.

    ``None`` when the file is no such table (binary, or a note with fewer than two rows of cells). A file
    larger than :data:`~..limits.MAX_FILE_BYTES` is refused; its cells count against the budget.
    """
    budget = budget or Budget(path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise file_too_big(path.name, size)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    del raw
    if "\x00" in text:
        return None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    budget.start_sheet(path.stem)
    grid = SheetGrid(path.stem)
    wide_rows = 0
    r = -1
    for r, row in enumerate(csv.reader(io.StringIO(text), dialect)):
        if len(row) > 1:
            wide_rows += 1
        for c, value in enumerate(row):
            if value:
                budget.cells()
                budget.text(len(value))
                grid.put(r, c, value)
            else:
                grid.extend(r, c)
        grid.seal(r)
    grid.n_rows = max(grid.n_rows, r + 1)
    if wide_rows < 2:
        return None  # a note, not a table
    return WorkbookGrid(path.name, [grid])
