"""Comma- or tab-separated text saved from a spreadsheet (``.csv``/``.txt``) as a one-sheet grid.

The file is read as a stream, a line at a time (never held whole as text), after a first pass that only
checks which encoding it is in; its rows and cells count against the file's budget.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from thaplan_desktop.importing.grid import SheetGrid, WorkbookGrid
from thaplan_desktop.importing.limits import MAX_FILE_BYTES, Budget, file_too_big

_CHUNK = 1 << 16


def read_csv(path: Path, budget: Budget | None = None) -> WorkbookGrid | None:
    """A comma- or tab-separated text file (UTF-8, or Windows Thai cp874 / TIS-620) as one sheet.

    ``None`` when the file is no such table (binary, or a note with fewer than two rows of cells). A file
    larger than :data:`~..limits.MAX_FILE_BYTES` is refused; its cells count against the budget.
    """
    budget = budget or Budget(path.name)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise file_too_big(path.name, size)
    encoding = _encoding(path)
    if encoding is None:
        return None
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(4096)
        if "\x00" in sample:
            return None
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        fh.seek(0)
        budget.start_sheet(path.stem)
        grid = SheetGrid(path.stem)
        wide_rows = 0
        r = -1
        for r, row in enumerate(csv.reader(fh, dialect)):
            if len(row) > 1:
                wide_rows += 1
            if any(row):
                budget.rows()
            for c, value in enumerate(row):
                if "\x00" in value:
                    return None  # binary after all
                if value:
                    budget.cells()
                    budget.string(value)
                    grid.put(r, c, value)
                else:
                    grid.extend(r, c)
            grid.seal(r)
    grid.n_rows = max(grid.n_rows, r + 1)
    if wide_rows < 2:
        return None  # a note, not a table
    return WorkbookGrid(path.name, [grid])


def _encoding(path: Path) -> str | None:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else ``cp874`` when it decodes as that; checked a
    chunk at a time (nothing kept)."""
    for encoding in ("utf-8-sig", "cp874"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(_CHUNK):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return None
