"""The progress report as a workbook (``thaplan report progress --out r.xlsx``), printed from the report model.

Four sheets, Thai headers, baht with thousands separators and satang, A4 landscape fitted to the width:

- **สรุป** — by strategy (ยุทธศาสตร์) and program (แผนงาน): projects in the plan, done / in progress / not
  started / cancelled / carried over / not reported with their percentages (each its own share, as in
  ผด.01), budget, contracted, disbursed and the percentage disbursed; totals by kind (ผด.02, ผด.02/1) and
  in all; then the same by unit (หน่วยงาน);
- **รายโครงการ** — every project grouped as ผด.02 and ผด.02/1, its status, progress, money and remarks (its
  problems, "should have started", over budget or contract, the reason it was cancelled);
- **การเบิกจ่ายรายเดือน** — planned against disbursed spending by month and cumulative, with a line chart;
- **ปัญหาและอุปสรรค** — the problems collected, the cancelled projects with their reasons, and the projects
  that should have started.

Every text comes from ``tracking.forms`` and the report (``tracking.report``); every cell is written with
``cells.put``, so no text from the plan ever becomes a formula. The file is written whole or not at all,
never over a plan or a device (``exporting.output``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.xlsx.cells import HEADER_FILL, TITLE_SIZE, fit_row_height, put, width_chars
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.report import Figures, ProgressReport, percent, remarks
from thaplan_desktop.tracking.status import STATUS_LABELS, STATUS_ORDER

__all__ = ["ProgressReportWorkbook", "export_progress_report"]

MONEY = "#,##0.00"
PERCENT = "0.00"
SUMMARY_WIDTHS_CM = (8.0, *(1.9,) * 13, 3.2, 3.2, 3.2, 2.0)
PROJECT_WIDTHS_CM = (0.95, 7.0, 3.6, 2.8, 3.2, 2.0, 2.8, 2.8, 2.8, 6.5)
SPENDING_WIDTHS_CM = (3.0, 3.4, 3.4, 3.4, 3.4, 2.6)
PROBLEM_WIDTHS_CM = (0.95, 8.0, 4.0, 3.6, 10.0)


@dataclass(frozen=True, slots=True)
class ProgressReportWorkbook:
    """What was written."""

    path: Path
    sheets: tuple[str, ...]
    projects: int


def export_progress_report(report: ProgressReport, path: str | Path) -> ProgressReportWorkbook:
    """Write the report to ``path`` (written beside it, then renamed: never a half-written file; never over a
    database, a plan's companion file, a folder or a device: ``OutputRefused``)."""
    path = Path(path)
    wb = Workbook()
    summary = wb.active
    summary.title = forms.SUMMARY_SHEET
    _summary_sheet(summary, report)
    _projects_sheet(wb.create_sheet(forms.PROJECTS_SHEET), report)
    _spending_sheet(wb.create_sheet(forms.SPENDING_SHEET), report)
    _problems_sheet(wb.create_sheet(forms.PROBLEMS_SHEET), report)
    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    with atomic_output(path) as tmp:
        wb.save(tmp)
    return ProgressReportWorkbook(path, tuple(wb.sheetnames), len(report.rows))


def _widths(ws: Worksheet, widths_cm: tuple[float, ...]) -> dict[int, float]:
    widths = {c: width_chars(cm) for c, cm in enumerate(widths_cm, start=1)}
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    return widths


def _titles(ws: Worksheet, report: ProgressReport, first_line: str, n_cols: int) -> int:
    """The title lines; returns the next free row."""
    lines = (first_line, *report.title_lines)
    for r, line in enumerate(lines, start=1):
        put(ws, r, 1, line, bold=True, size=TITLE_SIZE, horizontal="center", wrap=False, border=False)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        ws.row_dimensions[r].height = 26
    return len(lines) + 2


def _header(ws: Worksheet, r: int, headers: tuple[str, ...], widths: dict[int, float]) -> None:
    for c, text in enumerate(headers, start=1):
        put(ws, r, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
    fit_row_height(ws, r, dict(enumerate(headers, start=1)), widths)
    ws.print_title_rows = f"{r}:{r}"


# --- สรุป ------------------------------------------------------------------------------------------------

def _figures_row(ws: Worksheet, r: int, label: str, figures: Figures, widths: dict[int, float], *,
                 bold: bool = False, indent: bool = False) -> None:
    text = ("    " if indent else "") + label
    put(ws, r, 1, text, bold=bold)
    put(ws, r, 2, figures.projects, bold=bold, horizontal="center")
    shares = figures.status_percentages()
    for i, status in enumerate(STATUS_ORDER):
        put(ws, r, 3 + 2 * i, figures.count(status), bold=bold, horizontal="center")
        put(ws, r, 4 + 2 * i, shares[status], bold=bold, horizontal="right", number_format=PERCENT)
    for c, amount in ((15, figures.budget), (16, figures.contracted), (17, figures.disbursed)):
        put(ws, r, c, amount, bold=bold, horizontal="right", number_format=MONEY)
    put(ws, r, 18, figures.disbursed_percent, bold=bold, horizontal="right", number_format=PERCENT)
    fit_row_height(ws, r, {1: text}, widths)


def _summary_sheet(ws: Worksheet, report: ProgressReport) -> None:
    headers = forms.SUMMARY_HEADERS
    widths = _widths(ws, SUMMARY_WIDTHS_CM)
    r = _titles(ws, report, "สรุปผลการดำเนินงานตามยุทธศาสตร์และแผนงาน", len(headers))
    _header(ws, r, headers, widths)
    ws.freeze_panes = f"B{r + 1}"
    r += 1
    for strategy in report.strategies:
        _figures_row(ws, r, strategy.label, strategy.figures, widths, bold=True)
        r += 1
        for program in strategy.programs:
            _figures_row(ws, r, program.label, program.figures, widths, indent=True)
            r += 1
    for kind in ProjectKind:
        if report.kinds[kind].projects:
            _figures_row(ws, r, f"{forms.TOTAL}{forms.KIND_LABELS[kind.value]}", report.kinds[kind], widths, bold=True)
            r += 1
    _figures_row(ws, r, forms.GRAND_TOTAL, report.totals, widths, bold=True)
    r += 2
    put(ws, r, 1, "สรุปตามหน่วยงานรับผิดชอบหลัก", bold=True, border=False, wrap=False)
    r += 1
    _header_plain(ws, r, ("หน่วยงาน", *headers[1:]), widths)
    r += 1
    for unit, figures in report.units:
        _figures_row(ws, r, unit, figures, widths)
        r += 1


def _header_plain(ws: Worksheet, r: int, headers: tuple[str, ...], widths: dict[int, float]) -> None:
    for c, text in enumerate(headers, start=1):
        put(ws, r, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
    fit_row_height(ws, r, dict(enumerate(headers, start=1)), widths)


# --- รายโครงการ -------------------------------------------------------------------------------------------

def _projects_sheet(ws: Worksheet, report: ProgressReport) -> None:
    headers = forms.PROJECT_HEADERS
    widths = _widths(ws, PROJECT_WIDTHS_CM)
    r = _titles(ws, report, "ผลการดำเนินงานรายโครงการ", len(headers))
    _header(ws, r, headers, widths)
    r += 1
    total_width = sum(widths.values())
    kind = None
    for block in report.blocks:
        if block.kind is not kind:
            kind = block.kind
            put(ws, r, 1, forms.KIND_LABELS[kind.value], bold=True, fill=HEADER_FILL)
            for c in range(2, len(headers) + 1):
                put(ws, r, c, None, fill=HEADER_FILL)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
            ws.row_dimensions[r].height = 24
            r += 1
        for line in block.group_lines:
            put(ws, r, 1, line, bold=True)
            for c in range(2, len(headers) + 1):
                put(ws, r, c, None)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
            fit_row_height(ws, r, {1: line}, {1: total_width})
            r += 1
        for number, row in enumerate(block.rows, start=1):
            note = remarks(row)
            values: tuple[object, ...] = (
                number, row.project.name, row.unit, row.budget, STATUS_LABELS[row.status], row.progress,
                row.contracted, row.disbursed, row.remaining, note)
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value, horizontal="center" if c in (1, 6) else "right" if c in (4, 7, 8, 9) else "left",
                    number_format=MONEY if c in (4, 7, 8, 9) else None)
            fit_row_height(ws, r, {2: row.project.name, 3: row.unit, 5: STATUS_LABELS[row.status], 10: note}, widths)
            r += 1
        put(ws, r, 1, f"{forms.TOTAL} {block.total.projects} รายการ", bold=True, horizontal="center")
        for c in (2, 3):
            put(ws, r, c, None)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        put(ws, r, 4, block.total.budget, bold=True, horizontal="right", number_format=MONEY)
        for c in (5, 6, 10):
            put(ws, r, c, None)
        put(ws, r, 7, block.total.contracted, bold=True, horizontal="right", number_format=MONEY)
        put(ws, r, 8, block.total.disbursed, bold=True, horizontal="right", number_format=MONEY)
        put(ws, r, 9, block.total.budget - block.total.disbursed, bold=True, horizontal="right", number_format=MONEY)
        ws.row_dimensions[r].height = 24
        r += 1


# --- การเบิกจ่ายรายเดือน -----------------------------------------------------------------------------------

def _spending_sheet(ws: Worksheet, report: ProgressReport) -> None:
    headers = forms.SPENDING_HEADERS
    widths = _widths(ws, SPENDING_WIDTHS_CM)
    r = _titles(ws, report, "การใช้จ่ายงบประมาณเทียบกับแผน รายเดือนและสะสม", len(headers))
    _header(ws, r, headers, widths)
    first = r + 1
    year = report.edition.fiscal_year
    for month in report.spending:
        r += 1
        share = percent(month.disbursed_cumulative, month.planned_cumulative) if month.disbursed_cumulative is not None else None
        values: tuple[object, ...] = (forms.month_label(year, month.month), month.planned, month.planned_cumulative,
                                      month.disbursed, month.disbursed_cumulative, share)
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value, horizontal="center" if c == 1 else "right",
                number_format=PERCENT if c == 6 else MONEY if c > 1 else None)
        ws.row_dimensions[r].height = 22
    last = r
    r += 1
    planned = sum((m.planned for m in report.spending), Decimal("0.00"))
    disbursed = sum((m.disbursed or Decimal(0) for m in report.spending), Decimal("0.00"))
    put(ws, r, 1, forms.TOTAL, bold=True, horizontal="center")
    put(ws, r, 2, planned, bold=True, horizontal="right", number_format=MONEY)
    put(ws, r, 3, None)
    put(ws, r, 4, disbursed, bold=True, horizontal="right", number_format=MONEY)
    put(ws, r, 5, None)
    put(ws, r, 6, percent(disbursed, planned), bold=True, horizontal="right", number_format=PERCENT)
    ws.row_dimensions[r].height = 22
    r += 2
    for label, amount in ((forms.UNSCHEDULED, report.unscheduled), (forms.AFTER_YEAR, report.disbursed_after_year)):
        if amount:
            put(ws, r, 1, label, border=False, wrap=False)
            put(ws, r, 5, amount, border=False, horizontal="right", number_format=MONEY)
            r += 1
    chart = LineChart()
    chart.title = "แผนการใช้จ่ายสะสมเทียบกับการเบิกจ่ายสะสม (บาท)"
    chart.y_axis.title = "บาท"
    chart.y_axis.numFmt = "#,##0"
    chart.height, chart.width = 9, 22
    for col in (3, 5):
        chart.add_data(Reference(ws, min_col=col, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    for series in chart.series:
        series.smooth = False
    ws.add_chart(chart, f"{get_column_letter(len(headers) + 2)}{first - 1}")  # beside the table, on its page


# --- ปัญหาและอุปสรรค ---------------------------------------------------------------------------------------

def _problems_sheet(ws: Worksheet, report: ProgressReport) -> None:
    headers = forms.PROBLEM_HEADERS
    widths = _widths(ws, PROBLEM_WIDTHS_CM)
    r = _titles(ws, report, "ปัญหาและอุปสรรคในการดำเนินงาน", len(headers))
    sections: tuple[tuple[str, list[tuple[str, str, str, str]]], ...] = (
        ("ปัญหาและอุปสรรค", [(p.name, p.unit, STATUS_LABELS[p.status], p.problems) for p in report.problems]),
        ("โครงการที่ยกเลิก", [(c.project.name, c.unit, STATUS_LABELS[c.status], c.reason) for c in report.cancelled]),
        ("โครงการที่ควรเริ่มดำเนินการแล้ว (ตามเดือนในแผน) แต่ยังไม่ได้ดำเนินการ",
         [(x.project.name, x.unit, STATUS_LABELS[x.status], x.problems) for x in report.late]),
    )
    for title, lines in sections:
        put(ws, r, 1, f"{title} ({len(lines)} รายการ)", bold=True, border=False, wrap=False)
        r += 1
        _header_plain(ws, r, headers, widths)
        r += 1
        for number, (name, unit, status, text) in enumerate(lines, start=1):
            for c, value in enumerate((number, name, unit, status, text), start=1):
                put(ws, r, c, value, horizontal="center" if c == 1 else "left")
            fit_row_height(ws, r, {2: name, 3: unit, 5: text}, widths)
            r += 1
        r += 1
