"""Checks over a workbook the application wrote: nothing in it runs, and every text from the plan is text.

``cell_formulas(path)`` lists the cells of every worksheet that hold a formula, read from the package's XML
itself (as Excel would read it, not as openpyxl would write it): the application writes no formula, so a
test asserts the list is empty. ``texts_in(path)`` gives every text value in the workbook, so that a test
can find a hostile name (``=HYPERLINK(…)``) there as the text it was. Every exporter's tests use these.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl

_FORMULA = re.compile(r'<(?:\w+:)?c\b[^>]*\br="([A-Z]+\d+)"[^>]*>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f[\s>/]', re.S)


def cell_formulas(path: Path) -> list[str]:
    """``"sheet1.xml!A5"`` for each cell of the workbook that holds a formula."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name).decode("utf-8")
                found += [f"{Path(name).name}!{ref}" for ref in _FORMULA.findall(xml)]
    return found


def texts_in(path: Path) -> set[str]:
    """Every text value of every sheet (hidden ones included)."""
    wb = openpyxl.load_workbook(path)
    try:
        return {cell.value for ws in wb.worksheets for row in ws.iter_rows() for cell in row
                if isinstance(cell.value, str)}
    finally:
        wb.close()
