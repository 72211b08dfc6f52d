"""The procurement plan's annex (แผนการจัดซื้อจัดจ้าง) as an Excel workbook, for the procurement officer.

One sheet: two merged title lines, the annex's five columns, then per unit a heading line, its rows and a
"รวม" line, and "รวมทั้งสิ้น" last (content and wording from ``exporting.procurement``). Every cell that
holds the user's text — codes, names, month and unit — is a text cell, never a formula, whatever it starts
with; budgets are numbers with the forms' baht format. A4 portrait fitted to the width, header repeated.
The file appears only when complete, and never over a plan or a device (``exporting.output``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.procurement import GRAND_TOTAL, HEADERS, TOTAL, UNIT_LINE, ProcurementAnnex
from thaplan_desktop.exporting.xlsx.cells import (
    HEADER_FILL,
    TITLE_SIZE,
    fit_row_height,
    money_format,
    put,
    width_chars,
)

__all__ = ["SHEET", "ProcurementReport", "export_procurement_xlsx"]

SHEET = "แผนการจัดซื้อจัดจ้าง"
WIDTHS_CM = (1.3, 3.4, 9.0, 3.2, 4.6)
HEADER_ROW = 4


@dataclass(frozen=True, slots=True)
class ProcurementReport:
    """What was written."""

    path: Path
    rows: int
    units: int


def export_procurement_xlsx(annex: ProcurementAnnex, path: str | Path) -> ProcurementReport:
    """Write ``annex`` to ``path`` (replaced only once the workbook is complete)."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _write(ws, annex)
    with atomic_output(path) as tmp:
        wb.save(tmp)
    wb.close()
    return ProcurementReport(path, len(annex.rows), len(annex.groups))


def _write(ws: Worksheet, annex: ProcurementAnnex) -> None:
    n_cols = len(HEADERS)
    widths = {c: width_chars(cm) for c, cm in enumerate(WIDTHS_CM, start=1)}
    for column, width in widths.items():
        ws.column_dimensions[ws.cell(1, column).column_letter].width = width
    for r, line in enumerate(annex.title_lines, start=1):
        put(ws, r, 1, line, bold=True, size=TITLE_SIZE, horizontal="center", wrap=False, border=False)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        ws.row_dimensions[r].height = 26
    for c, header in enumerate(HEADERS, start=1):
        put(ws, HEADER_ROW, c, header, bold=True, horizontal="center", fill=HEADER_FILL)
    fit_row_height(ws, HEADER_ROW, dict(enumerate(HEADERS, start=1)), widths)
    r = HEADER_ROW + 1
    for group in annex.groups:
        put(ws, r, 1, UNIT_LINE.format(unit=group.unit), bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        fit_row_height(ws, r, {1: UNIT_LINE.format(unit=group.unit)}, {1: sum(widths.values())})
        r += 1
        for row in group.rows:
            put(ws, r, 1, row.number, horizontal="center")
            put(ws, r, 2, row.code or None, horizontal="center")
            put(ws, r, 3, row.name)
            put(ws, r, 4, row.budget, horizontal="right", number_format=money_format(row.budget))
            put(ws, r, 5, row.month_text or None, horizontal="center")
            fit_row_height(ws, r, {3: row.name, 5: row.month_text}, widths)
            r += 1
        _total(ws, r, TOTAL, group.total)
        r += 1
    _total(ws, r, GRAND_TOTAL, annex.total)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "หน้า &P / &N"


def _total(ws: Worksheet, r: int, label: str, amount: Decimal) -> None:
    put(ws, r, 1, label, bold=True, horizontal="center")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    put(ws, r, 4, amount, bold=True, horizontal="right", number_format=money_format(amount))
    put(ws, r, 5, None)
    fit_row_height(ws, r, {1: label}, {1: 20.0})
