"""The forms ผด.01, ผด.02 and ผด.02/1 as an Excel workbook shaped like the printed forms.

One sheet per form: the form code at the top right (and in the page header), three merged title lines,
the two-level header (พ.ศ. merged over the month cells), strategy and program lines above each block,
a "รวม n โครงการ" row per block, TH SarabunPSK, thin borders, row heights that fit the wrapped text, A4
landscape fitted to the page width with the header rows repeated on every page. Months are marked with
arrows drawn over the month cells (or shaded cells), so :mod:`thaplan_desktop.importing` reads them back.
Wording and block order come from the PDF forms module, so both outputs say the same.

The sheets are written in openpyxl's write-only mode, row by row (:class:`~.rows.RowSheet`), and the arrows
added to the saved package as a stream (:mod:`.drawing`): memory stays about the same for 1,000 or 50,000
projects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs, year_headers
from thaplan_desktop.domain.model import PlanData, Project
from thaplan_desktop.domain.summary import PlanSummary, SummaryRow
from thaplan_desktop.exporting.form_content import (
    GRAND_TOTAL,
    PD01_CODE,
    PD01_HEADERS,
    PD01_TITLE,
    PD02_CODE,
    PD02_HEADERS,
    PD02_TITLE,
    PD021_CODE,
    PD021_HEADERS,
    PD021_TITLE,
    TOTAL,
    UNFILED_PROGRAM,
    Block,
    form_title_lines,
    pd02_blocks,
    pd021_blocks,
    plan_title,
    summary_of,
)
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.xlsx.cells import HEADER_FILL, TITLE_SIZE, money_format, width_chars, width_emu
from thaplan_desktop.exporting.xlsx.drawing import Arrow, add_arrows
from thaplan_desktop.exporting.xlsx.rows import RowSheet

PD02_WIDTHS_CM = (0.95, 4.9, 6.4, 2.4, 2.8, 2.6)
MONTH_WIDTH_CM = 0.8
PD01_WIDTHS_CM = (9.4, 2.9, 2.9, 3.3, 2.9, 5.3)
MARK_FILL = PatternFill("solid", fgColor="808080")
SHEET_PD01, SHEET_PD02, SHEET_PD021 = "ผด.01", "ผด.02", "ผด.02-1"
HEADER_TOP = 6  # the header starts on this row of every form sheet


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True, slots=True)
class XlsxOptions:
    """How the forms are written."""

    month_marks: str = "arrows"  # "arrows" (shapes over the month cells, as printed) or "fill" (shaded)
    subtotals: bool = True  # a "รวม n โครงการ" row under each program block
    summary_includes_equipment: bool = False
    thai_digits: bool = False  # numbers and dates printed with ๐–๙ (the numbers then become text)


@dataclass(slots=True)
class XlsxReport:
    """What was written."""

    path: Path
    sheets: list[str] = field(default_factory=list)
    projects: int = 0
    equipment: int = 0
    arrows: int = 0


Progress = Callable[[float, str], None]


def export_forms(plan: PlanData, path: str | Path, options: XlsxOptions | None = None, *,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> XlsxReport:
    """Write ผด.01, ผด.02 and (when there is equipment) ผด.02/1 to ``path``; returns what was written.

    The file appears only when complete (written beside it, then renamed: :func:`~..output.atomic_output`,
    which also refuses a path that is a database, a plan's own file or no regular file): a cancelled or
    failed export leaves no half-written workbook.
    """
    options = options or XlsxOptions()
    path = Path(path)
    report = XlsxReport(path)
    title = plan_title(plan)

    def step(fraction: float, text: str) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled("ยกเลิกการส่งออกแล้ว")
        if progress is not None:
            progress(fraction, text)

    wb = Workbook(write_only=True)
    try:
        step(0.05, "แบบ ผด.01")
        summary = summary_of(plan, include_equipment=options.summary_includes_equipment)
        _pd01_sheet(wb.create_sheet(SHEET_PD01), plan, title, summary, options)
        report.sheets.append(SHEET_PD01)
        arrows: dict[int, list[Arrow]] = {}
        step(0.2, "แบบ ผด.02")
        blocks = pd02_blocks(plan)
        arrows[2] = _pd02_sheet(wb.create_sheet(SHEET_PD02), plan, title, blocks, options, equipment=False)
        report.sheets.append(SHEET_PD02)
        report.projects = sum(len(b.projects) for b in blocks)
        equipment_blocks = pd021_blocks(plan)
        if equipment_blocks:
            step(0.6, "แบบ ผด.02/1")
            arrows[3] = _pd02_sheet(wb.create_sheet(SHEET_PD021), plan, title, equipment_blocks, options,
                                    equipment=True)
            report.sheets.append(SHEET_PD021)
            report.equipment = sum(len(b.projects) for b in equipment_blocks)
        step(0.85, "บันทึกไฟล์")
        with atomic_output(path) as tmp:
            wb.save(tmp)
            add_arrows(tmp, arrows)
    finally:
        _discard_streams(wb)
    report.arrows = sum(len(a) for a in arrows.values())
    step(1.0, "เสร็จแล้ว")
    return report


def _discard_streams(wb: Workbook) -> None:
    """Remove the temporary files openpyxl streams write-only sheets into (a cancelled export's too)."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()  # ends the sheet's stream: nothing is left to write into a removed file
        except (OSError, ValueError):
            pass  # the stream could not end (a full disk): its file goes all the same
        writer = ws._writer
        if writer is not None and isinstance(writer.out, str) and Path(writer.out).exists():
            writer.cleanup()


def _page_setup(ws: WriteOnlyWorksheet, code: str, header_rows: str) -> None:
    """Print setup: set before the first row, as a write-only sheet writes its properties first."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 1.0
    ws.page_margins.header = 0.35
    ws.page_margins.bottom = 0.7
    ws.page_margins.footer = 0.3
    # The form code is printed top right on every page: in cell (row 1) on the first, in the page
    # header on the others.
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.right.text = code
    ws.oddHeader.right.font = "TH SarabunPSK,Bold"
    ws.oddHeader.right.size = TITLE_SIZE
    ws.firstFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.print_options.horizontalCentered = True


def _titles(sheet: RowSheet, code: str, lines: list[str], n_cols: int) -> None:
    sheet.put(1, n_cols, code, bold=True, size=TITLE_SIZE, horizontal="right", wrap=False, border=False)
    sheet.set_height(1, 26)
    for i, line in enumerate(lines, start=2):
        sheet.put(i, 1, line, bold=True, size=TITLE_SIZE, horizontal="center", wrap=False, border=False)
        sheet.merge(start_row=i, start_column=1, end_row=i, end_column=n_cols)
        sheet.set_height(i, 26)


# --- ผด.01 ---------------------------------------------------------------------------------------------

def _pd01_sheet(ws: WriteOnlyWorksheet, plan: PlanData, title: str, summary: PlanSummary,
                options: XlsxOptions) -> None:
    n_cols = len(PD01_HEADERS)
    widths = {c: width_chars(cm) for c, cm in enumerate(PD01_WIDTHS_CM, start=1)}
    _page_setup(ws, PD01_CODE, f"{HEADER_TOP}:{HEADER_TOP}")
    sheet = RowSheet(ws, widths, thai_digits=options.thai_digits)
    _titles(sheet, PD01_CODE, form_title_lines(PD01_TITLE, title, plan), n_cols)
    for c, text in enumerate(PD01_HEADERS, start=1):
        sheet.put(HEADER_TOP, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
    sheet.fit(HEADER_TOP, dict(enumerate(PD01_HEADERS, start=1)), widths)
    r = HEADER_TOP + 1

    def figures(row: SummaryRow, label: str, *, bold: bool, indent: bool = False) -> None:
        nonlocal r
        sheet.put(r, 1, ("    " if indent else "") + label, bold=bold, horizontal="center" if bold else "left")
        sheet.put(r, 2, row.count, bold=bold, horizontal="center")
        sheet.put(r, 3, row.count_percent, bold=bold, horizontal="right", number_format="0.00")
        sheet.put(r, 4, row.budget, bold=bold, horizontal="right", number_format="#,##0.00")
        sheet.put(r, 5, row.budget_percent, bold=bold, horizontal="right", number_format="0.00")
        units = "" if bold else ", ".join(row.units)
        sheet.put(r, 6, units, bold=bold)
        sheet.fit(r, {1: label, 6: units}, widths)
        r += 1

    for s_index, block in enumerate(summary.strategies, start=1):
        number = block.strategy.number or s_index
        label = f"{number}. {block.strategy.name}"
        sheet.put(r, 1, label, bold=True)
        for c in range(2, n_cols + 1):
            sheet.put(r, c, None)
        sheet.merge(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        sheet.fit(r, {1: label}, {1: sum(widths.values())})
        r += 1
        for p_index, (program, row) in enumerate(block.programs, start=1):
            figures(row, f"{number}.{p_index} {program.name}", bold=False, indent=True)
        figures(block.total, TOTAL, bold=True)
    if summary.unfiled is not None:
        figures(summary.unfiled, UNFILED_PROGRAM, bold=False)
    figures(summary.total, GRAND_TOTAL, bold=True)
    sheet.close()


# --- ผด.02 and ผด.02/1 ------------------------------------------------------------------------------------

def _pd02_sheet(ws: WriteOnlyWorksheet, plan: PlanData, title: str, blocks: list[Block], options: XlsxOptions, *,
                equipment: bool) -> list[Arrow]:
    headers = PD021_HEADERS if equipment else PD02_HEADERS
    code = PD021_CODE if equipment else PD02_CODE
    n_fields = len(headers)
    n_cols = n_fields + 12
    widths = {c: width_chars(cm) for c, cm in enumerate(PD02_WIDTHS_CM, start=1)}
    widths.update({n_fields + m: width_chars(MONTH_WIDTH_CM) for m in range(1, 13)})
    _page_setup(ws, code, f"{HEADER_TOP}:{HEADER_TOP + 1}")
    ws.freeze_panes = f"A{HEADER_TOP + 2}"
    sheet = RowSheet(ws, widths, thai_digits=options.thai_digits)
    _titles(sheet, code, form_title_lines(PD021_TITLE if equipment else PD02_TITLE, title, plan), n_cols)
    _two_level_header(sheet, plan.edition.fiscal_year, headers, widths)
    units = {u.id: u.name for u in plan.units}
    month_width = width_emu(widths[n_fields + 1])
    arrows: list[Arrow] = []
    r = HEADER_TOP + 2
    total_width = sum(widths.values())
    for block in blocks:
        for line in block.group_lines:
            sheet.put(r, 1, line, bold=True)
            for c in range(2, n_cols + 1):
                sheet.put(r, c, None)
            sheet.merge(start_row=r, start_column=1, end_row=r, end_column=n_cols)
            sheet.fit(r, {1: line}, {1: total_width})
            r += 1
        for number, project in enumerate(block.projects, start=1):
            height = _project_row(sheet, r, number, project, units, widths)
            arrows.extend(_mark_months(sheet, r, n_fields, project, options, height, month_width))
            r += 1
        if options.subtotals:
            amount = sum((p.budget for p in block.projects), Decimal("0.00"))
            noun = "รายการ" if equipment else "โครงการ"
            sheet.put(r, 1, f"{TOTAL} {len(block.projects)} {noun}", bold=True, horizontal="center")
            for c in (2, 3):
                sheet.put(r, c, None)
            sheet.merge(start_row=r, start_column=1, end_row=r, end_column=3)
            sheet.put(r, 4, amount, bold=True, horizontal="right", number_format=money_format(amount))
            for c in range(5, n_cols + 1):
                sheet.put(r, c, None)
            sheet.set_height(r, 24)
            r += 1
    sheet.close()
    return arrows


def _two_level_header(sheet: RowSheet, fiscal_year: int, headers: tuple[str, ...], widths: dict[int, float]
                      ) -> None:
    top = HEADER_TOP
    n_fields = len(headers)
    years = year_headers(fiscal_year)
    for c, text in enumerate(headers, start=1):
        sheet.put(top, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
        sheet.merge(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for label, months in years:
        first = n_fields + months[0]
        last = n_fields + months[-1]
        sheet.put(top, first, label, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
        for c in range(first + 1, last + 1):
            sheet.put(top, c, None, fill=HEADER_FILL)
        sheet.merge(start_row=top, start_column=first, end_row=top, end_column=last)
    sheet.fit(top, dict(enumerate(headers, start=1)), widths)
    for c in range(1, n_fields + 1):
        sheet.put(top + 1, c, None, fill=HEADER_FILL)
    for m, abbr in enumerate(FISCAL_MONTH_ABBR, start=1):
        sheet.put(top + 1, n_fields + m, abbr, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
    sheet.set_height(top + 1, 24)


def _project_row(sheet: RowSheet, r: int, number: int, project: Project, units: dict[int, str],
                 widths: dict[int, float]) -> float:
    unit = units.get(project.unit_id, "") if project.unit_id is not None else ""
    texts = {2: project.name, 3: project.details, 5: project.location, 6: unit}
    sheet.put(r, 1, number, horizontal="center")
    for c, text in texts.items():
        sheet.put(r, c, text)
    sheet.put(r, 4, project.budget, horizontal="right", number_format=money_format(project.budget))
    return sheet.fit(r, texts, widths)


def _mark_months(sheet: RowSheet, r: int, n_fields: int, project: Project, options: XlsxOptions, height: float,
                 month_width: int) -> list[Arrow]:
    arrows = []
    marked: set[int] = set()
    for first, last in month_runs(project.months):
        if options.month_marks == "fill":
            marked.update(range(first, last + 1))
        else:
            arrows.append(Arrow(r - 1, n_fields + first - 1, n_fields + last - 1, height, month_width))
    for m in range(1, 13):
        sheet.put(r, n_fields + m, None, fill=MARK_FILL if m in marked else None)
    return arrows
