"""The forms ผด.01, ผด.02 and ผด.02/1 as an Excel workbook shaped like the printed forms.

One sheet per form: the form code at the top right (and in the page header), three merged title lines,
the two-level header (พ.ศ. merged over the month cells), strategy and program lines above each block,
a "รวม n โครงการ" row per block, TH SarabunPSK, thin borders, row heights that fit the wrapped text, A4
landscape fitted to the page width with the header rows repeated on every page. Months are marked with
arrows drawn over the month cells (or shaded cells), so :mod:`thaplan_desktop.importing` reads them back.
Wording and block order come from the PDF forms module, so both outputs say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, month_runs, year_headers
from thaplan_desktop.domain.model import PlanData, Project
from thaplan_desktop.domain.summary import PlanSummary, SummaryRow
from thaplan_desktop.domain.thai import to_thai_digits
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
from thaplan_desktop.exporting.xlsx.cells import (
    HEADER_FILL,
    TITLE_SIZE,
    fit_row_height,
    money_format,
    put,
    set_text,
    width_chars,
    width_emu,
)
from thaplan_desktop.exporting.xlsx.drawing import Arrow, add_arrows

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

    wb = Workbook()
    ws01 = wb.active
    ws01.title = SHEET_PD01
    step(0.05, "แบบ ผด.01")
    _pd01_sheet(ws01, plan, title, summary_of(plan, include_equipment=options.summary_includes_equipment))
    report.sheets.append(SHEET_PD01)
    arrows: dict[int, list[Arrow]] = {}
    step(0.2, "แบบ ผด.02")
    blocks = pd02_blocks(plan)
    ws02 = wb.create_sheet(SHEET_PD02)
    arrows[2] = _pd02_sheet(ws02, plan, title, blocks, options, equipment=False)
    report.sheets.append(SHEET_PD02)
    report.projects = sum(len(b.projects) for b in blocks)
    equipment_blocks = pd021_blocks(plan)
    if equipment_blocks:
        step(0.6, "แบบ ผด.02/1")
        ws021 = wb.create_sheet(SHEET_PD021)
        arrows[3] = _pd02_sheet(ws021, plan, title, equipment_blocks, options, equipment=True)
        report.sheets.append(SHEET_PD021)
        report.equipment = sum(len(b.projects) for b in equipment_blocks)
    if options.thai_digits:
        for ws in wb.worksheets:
            _use_thai_digits(ws)
    step(0.85, "บันทึกไฟล์")
    with atomic_output(path) as tmp:
        wb.save(tmp)
        wb.close()
        add_arrows(tmp, arrows)
    report.arrows = sum(len(a) for a in arrows.values())
    step(1.0, "เสร็จแล้ว")
    return report


def _use_thai_digits(ws: Worksheet) -> None:
    """Every number and digit on a sheet in Thai digits, numbers formatted as their cell shows them."""
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, int | float | Decimal):
                amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
                fmt = cell.number_format
                if fmt == "#,##0.00":
                    text = f"{amount:,.2f}"
                elif fmt == "#,##0":
                    text = f"{amount:,.0f}"
                elif fmt == "0.00":
                    text = f"{amount:.2f}"
                else:
                    text = str(value)
                cell.value = to_thai_digits(text)
                cell.data_type = "s"
                cell.number_format = "@"
            elif isinstance(value, str):
                set_text(cell, to_thai_digits(value))


def _page_setup(ws: Worksheet, code: str, header_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
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


def _titles(ws: Worksheet, code: str, lines: list[str], n_cols: int) -> None:
    put(ws, 1, n_cols, code, bold=True, size=TITLE_SIZE, horizontal="right", wrap=False, border=False)
    ws.row_dimensions[1].height = 26
    for i, line in enumerate(lines, start=2):
        put(ws, i, 1, line, bold=True, size=TITLE_SIZE, horizontal="center", wrap=False, border=False)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=n_cols)
        ws.row_dimensions[i].height = 26


# --- ผด.01 ---------------------------------------------------------------------------------------------

def _pd01_sheet(ws: Worksheet, plan: PlanData, title: str, summary: PlanSummary) -> None:
    n_cols = len(PD01_HEADERS)
    _titles(ws, PD01_CODE, form_title_lines(PD01_TITLE, title, plan), n_cols)
    widths = {c: width_chars(cm) for c, cm in enumerate(PD01_WIDTHS_CM, start=1)}
    for c, w in widths.items():
        ws.column_dimensions[ws.cell(1, c).column_letter].width = w
    for c, text in enumerate(PD01_HEADERS, start=1):
        put(ws, HEADER_TOP, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
    fit_row_height(ws, HEADER_TOP, dict(enumerate(PD01_HEADERS, start=1)), widths)
    r = HEADER_TOP + 1

    def figures(row: SummaryRow, label: str, *, bold: bool, indent: bool = False) -> None:
        nonlocal r
        put(ws, r, 1, ("    " if indent else "") + label, bold=bold, horizontal="center" if bold else "left")
        put(ws, r, 2, row.count, bold=bold, horizontal="center")
        put(ws, r, 3, row.count_percent, bold=bold, horizontal="right", number_format="0.00")
        put(ws, r, 4, row.budget, bold=bold, horizontal="right", number_format="#,##0.00")
        put(ws, r, 5, row.budget_percent, bold=bold, horizontal="right", number_format="0.00")
        units = "" if bold else ", ".join(row.units)
        put(ws, r, 6, units, bold=bold)
        fit_row_height(ws, r, {1: label, 6: units}, widths)
        r += 1

    for s_index, block in enumerate(summary.strategies, start=1):
        number = block.strategy.number or s_index
        label = f"{number}. {block.strategy.name}"
        put(ws, r, 1, label, bold=True)
        for c in range(2, n_cols + 1):
            put(ws, r, c, None)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        fit_row_height(ws, r, {1: label}, {1: sum(widths.values())})
        r += 1
        for p_index, (program, row) in enumerate(block.programs, start=1):
            figures(row, f"{number}.{p_index} {program.name}", bold=False, indent=True)
        figures(block.total, TOTAL, bold=True)
    if summary.unfiled is not None:
        figures(summary.unfiled, UNFILED_PROGRAM, bold=False)
    figures(summary.total, GRAND_TOTAL, bold=True)
    _page_setup(ws, PD01_CODE, f"{HEADER_TOP}:{HEADER_TOP}")


# --- ผด.02 and ผด.02/1 ------------------------------------------------------------------------------------

def _pd02_sheet(ws: Worksheet, plan: PlanData, title: str, blocks: list[Block], options: XlsxOptions, *,
                equipment: bool) -> list[Arrow]:
    headers = PD021_HEADERS if equipment else PD02_HEADERS
    code = PD021_CODE if equipment else PD02_CODE
    n_fields = len(headers)
    n_cols = n_fields + 12
    _titles(ws, code, form_title_lines(PD021_TITLE if equipment else PD02_TITLE, title, plan), n_cols)
    widths = {c: width_chars(cm) for c, cm in enumerate(PD02_WIDTHS_CM, start=1)}
    widths.update({n_fields + m: width_chars(MONTH_WIDTH_CM) for m in range(1, 13)})
    for c, w in widths.items():
        ws.column_dimensions[ws.cell(1, c).column_letter].width = w
    _two_level_header(ws, plan.edition.fiscal_year, headers, widths)
    units = {u.id: u.name for u in plan.units}
    month_width = width_emu(widths[n_fields + 1])
    arrows: list[Arrow] = []
    r = HEADER_TOP + 2
    total_width = sum(widths.values())
    for block in blocks:
        for line in block.group_lines:
            put(ws, r, 1, line, bold=True)
            for c in range(2, n_cols + 1):
                put(ws, r, c, None)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
            fit_row_height(ws, r, {1: line}, {1: total_width})
            r += 1
        for number, project in enumerate(block.projects, start=1):
            height = _project_row(ws, r, number, project, units, widths)
            arrows.extend(_mark_months(ws, r, n_fields, project, options, height, month_width))
            r += 1
        if options.subtotals:
            amount = sum((p.budget for p in block.projects), Decimal("0.00"))
            noun = "รายการ" if equipment else "โครงการ"
            put(ws, r, 1, f"{TOTAL} {len(block.projects)} {noun}", bold=True, horizontal="center")
            for c in (2, 3):
                put(ws, r, c, None)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            put(ws, r, 4, amount, bold=True, horizontal="right", number_format=money_format(amount))
            for c in range(5, n_cols + 1):
                put(ws, r, c, None)
            ws.row_dimensions[r].height = 24
            r += 1
    _page_setup(ws, code, f"{HEADER_TOP}:{HEADER_TOP + 1}")
    ws.freeze_panes = ws.cell(HEADER_TOP + 2, 1)
    return arrows


def _two_level_header(ws: Worksheet, fiscal_year: int, headers: tuple[str, ...], widths: dict[int, float]) -> None:
    top = HEADER_TOP
    n_fields = len(headers)
    for c, text in enumerate(headers, start=1):
        put(ws, top, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
        put(ws, top + 1, c, None, fill=HEADER_FILL)
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for label, months in year_headers(fiscal_year):
        first = n_fields + months[0]
        last = n_fields + months[-1]
        put(ws, top, first, label, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
        for c in range(first + 1, last + 1):
            put(ws, top, c, None, fill=HEADER_FILL)
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    for m, abbr in enumerate(FISCAL_MONTH_ABBR, start=1):
        put(ws, top + 1, n_fields + m, abbr, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
    fit_row_height(ws, top, dict(enumerate(headers, start=1)), widths)
    ws.row_dimensions[top + 1].height = 24


def _project_row(ws: Worksheet, r: int, number: int, project: Project, units: dict[int, str],
                 widths: dict[int, float]) -> float:
    unit = units.get(project.unit_id, "") if project.unit_id is not None else ""
    texts = {2: project.name, 3: project.details, 5: project.location, 6: unit}
    put(ws, r, 1, number, horizontal="center")
    for c, text in texts.items():
        put(ws, r, c, text)
    put(ws, r, 4, project.budget, horizontal="right", number_format=money_format(project.budget))
    fit_row_height(ws, r, texts, widths)
    return float(ws.row_dimensions[r].height or 24)


def _mark_months(ws: Worksheet, r: int, n_fields: int, project: Project, options: XlsxOptions, height: float,
                 month_width: int) -> list[Arrow]:
    arrows = []
    for m in range(1, 13):
        put(ws, r, n_fields + m, None)
    for first, last in month_runs(project.months):
        if options.month_marks == "fill":
            for m in range(first, last + 1):
                ws.cell(r, n_fields + m).fill = MARK_FILL
        else:
            arrows.append(Arrow(r - 1, n_fields + first - 1, n_fields + last - 1, height, month_width))
    return arrows
