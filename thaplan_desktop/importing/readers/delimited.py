"""Comma- or tab-separated text saved from a spreadsheet (``.csv``/``.txt``) as a one-sheet grid."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from thaplan_desktop.importing.grid import SheetGrid, WorkbookGrid


def read_csv(path: Path) -> WorkbookGrid | None:
    """A comma- or tab-separated text file (UTF-8, or Windows Thai cp874 / TIS-620) as one sheet.

    ``None`` when the file is no such table (binary, or a note with fewer than two rows of cells).
    """
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
        dialect = csv.excel
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if sum(1 for r in rows if len(r) > 1) < 2:
        return None  # a note, not a table
    return WorkbookGrid(path.name, [SheetGrid(path.stem, rows)])

