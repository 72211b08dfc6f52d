"""The progress workbook a department fills in (``thaplan export-progress``): its projects as in the plan,
with cells to report status, progress, contract, disbursements by month and problems.

One sheet (``tracking.forms.PROGRESS_SHEET``): the title lines, the unit, an "as of" cell to fill, then the
unit's projects grouped as ผด.02 (strategy → program) and ผด.02/1 (equipment type → program). The plan's
columns (name, details, budget, place, months, funding source) are grey and protected; the white cells are
to fill: status (a drop-down of the Thai statuses), progress (0–100), contract amount, the amount disbursed
in each month, problems, and the reason of a cancellation. What the plan already knows is filled in (the
status in force, disbursements so far by month). A hidden last column holds each project's lasting key
(its uuid), by which ``importing.progress`` matches the rows back. Every cell written from the plan's data
is text or a number, never a formula (``cells.put``). A Thai instructions sheet comes first. The file is
written whole or not at all, never over a plan or a device (``exporting.output``); a unit with no projects
gets no file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.fiscal import describe_months
from thaplan_desktop.domain.model import PlanData, ProjectKind
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.domain.tracking import TrackingRecords, TrackingStatus
from thaplan_desktop.exporting.form_content import Block, pd02_blocks, pd021_blocks, plan_title
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.xlsx.cells import HEADER_FILL, TITLE_SIZE, fit_row_height, put, width_chars
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.tracking.views import ProjectProgress, progress_rows

__all__ = ["ProgressWorkbook", "export_progress_workbook"]

HEADER_TOP = 7
PLAN_WIDTHS_CM = (0.95, 5.2, 5.6, 2.5, 2.6, 2.4, 2.6)
FILL_WIDTHS_CM = (3.6, 2.0, 2.6)
MONTH_WIDTH_CM = 2.6  # 9,999,999.99 shows whole
TEXT_WIDTHS_CM = (5.0, 4.0)
OPEN = Protection(locked=False)


@dataclass(frozen=True, slots=True)
class ProgressWorkbook:
    """What was written."""

    path: Path
    unit: str
    projects: int


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where each field sits (1-based columns)."""

    status: int = len(forms.PLAN_HEADERS) + 1
    progress: int = len(forms.PLAN_HEADERS) + 2
    contract: int = len(forms.PLAN_HEADERS) + 3
    first_month: int = len(forms.PLAN_HEADERS) + 4
    problems: int = len(forms.PLAN_HEADERS) + 16
    reason: int = len(forms.PLAN_HEADERS) + 17
    key: int = len(forms.PLAN_HEADERS) + 18


COLUMNS = _Columns()


def export_progress_workbook(plan: PlanData, records: TrackingRecords, path: str | Path, unit: str, *,
                             today: dt.date) -> ProgressWorkbook:
    """Write the progress workbook of ``unit``'s projects to ``path`` (what is known as of ``today`` filled in).

    Nothing is written when the unit has no projects (``projects`` is then 0); ``OutputRefused`` (Thai) when
    ``path`` is a database, a plan's companion file, a folder or a device.
    """
    path = Path(path)
    unit = normalise_space(unit)
    unit_ids = {u.id for u in plan.units if normalise_space(u.name) == unit}
    external = any(u.is_external for u in plan.units if u.id in unit_ids)
    rows = {r.project.id: r for r in progress_rows(plan, records, today) if r.project.unit_id in unit_ids}
    if not rows:
        return ProgressWorkbook(path, unit, 0)
    blocks = [(b, ProjectKind.PROJECT) for b in pd02_blocks(plan)] + [
        (b, ProjectKind.EQUIPMENT) for b in pd021_blocks(plan)]
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = forms.HELP_SHEET
    _help_sheet(help_ws, plan, unit)
    ws = wb.create_sheet(forms.PROGRESS_SHEET)
    _progress_sheet(ws, plan, unit, external, blocks, rows)
    wb.active = wb.sheetnames.index(forms.PROGRESS_SHEET)
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == forms.PROGRESS_SHEET
    with atomic_output(path) as tmp:  # whole or not at all, never over a database or a device
        wb.save(tmp)
    return ProgressWorkbook(path, unit, len(rows))


def _help_sheet(ws: Worksheet, plan: PlanData, unit: str) -> None:
    width = 95.0
    ws.column_dimensions["A"].width = width
    lines = [forms.WORKBOOK_TITLE, plan_title(plan), forms.UNIT_LINE.format(unit=unit), "", *forms.HELP_LINES]
    for r, line in enumerate(lines, start=1):
        put(ws, r, 1, line, bold=r <= 3 or r == 5, size=TITLE_SIZE if r <= 3 else 14, border=False)
        fit_row_height(ws, r, {1: line}, {1: width})
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _progress_sheet(ws: Worksheet, plan: PlanData, unit: str, external: bool,
                    blocks: list[tuple[Block, ProjectKind]], rows: dict[int, ProjectProgress]) -> None:
    year = plan.edition.fiscal_year
    n_cols = COLUMNS.key
    org = plan.organisation
    titles = (forms.WORKBOOK_TITLE, plan_title(plan), f"{org.name} อำเภอ{org.district} จังหวัด{org.province}",
              forms.UNIT_LINE.format(unit=unit))
    for r, line in enumerate(titles, start=1):
        put(ws, r, 1, line, bold=True, size=TITLE_SIZE, horizontal="center" if r < 4 else "left", wrap=False,
            border=False)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols - 1)
        ws.row_dimensions[r].height = 26
    put(ws, 5, 1, forms.AS_OF_LABEL, bold=True, wrap=False, border=False)
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=2)
    as_of = put(ws, 5, 3, None, number_format="@")
    as_of.protection = OPEN
    widths = {c: width_chars(cm) for c, cm in enumerate(PLAN_WIDTHS_CM, start=1)}
    widths.update({COLUMNS.status + i: width_chars(cm) for i, cm in enumerate(FILL_WIDTHS_CM)})
    widths.update({COLUMNS.first_month + m: width_chars(MONTH_WIDTH_CM) for m in range(12)})
    widths.update({COLUMNS.problems: width_chars(TEXT_WIDTHS_CM[0]), COLUMNS.reason: width_chars(TEXT_WIDTHS_CM[1]),
                   COLUMNS.key: 38})
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    _header(ws, year, widths)
    funding = {f.id: f.name for f in plan.funding_sources}
    r = HEADER_TOP + 2
    first_data = r
    for block, kind in blocks:
        members = [p for p in block.projects if p.id in rows]
        if not members:
            continue
        lines = ((forms.EQUIPMENT_LINE,) if kind is ProjectKind.EQUIPMENT else ()) + block.group_lines
        for line in lines:
            put(ws, r, 1, line, bold=True, fill=HEADER_FILL)
            for c in range(2, n_cols):
                put(ws, r, c, None, fill=HEADER_FILL)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols - 1)
            ws.row_dimensions[r].height = 24
            r += 1
        for number, project in enumerate(members, start=1):
            _project_row(ws, r, number, rows[project.id], funding.get(project.funding_source_id or -1, ""), widths)
            r += 1
    last_data = max(r - 1, first_data)
    _validations(ws, first_data, last_data, external)
    ws.column_dimensions[get_column_letter(COLUMNS.key)].hidden = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # the officer may still widen columns and rows
    ws.protection.formatRows = False
    ws.freeze_panes = f"C{HEADER_TOP + 2}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_TOP}:{HEADER_TOP + 1}"


def _header(ws: Worksheet, year: int, widths: dict[int, float]) -> None:
    top = HEADER_TOP
    singles = {c: text for c, text in enumerate(forms.PLAN_HEADERS, start=1)}
    singles.update({COLUMNS.status: forms.STATUS_HEADER, COLUMNS.progress: forms.PROGRESS_HEADER,
                    COLUMNS.contract: forms.CONTRACT_HEADER, COLUMNS.problems: forms.PROBLEMS_HEADER,
                    COLUMNS.reason: forms.REASON_HEADER, COLUMNS.key: forms.KEY_HEADER})
    for c, text in singles.items():
        put(ws, top, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
        put(ws, top + 1, c, None, fill=HEADER_FILL)
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    first, last = COLUMNS.first_month, COLUMNS.first_month + 11
    put(ws, top, first, forms.MONTHS_HEADER, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
    for c in range(first + 1, last + 1):
        put(ws, top, c, None, fill=HEADER_FILL)
    ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    for m in range(1, 13):
        put(ws, top + 1, first + m - 1, forms.month_label(year, m), bold=True, horizontal="center",
            fill=HEADER_FILL, wrap=False)
    fit_row_height(ws, top, singles, widths)
    ws.row_dimensions[top + 1].height = 24


def _project_row(ws: Worksheet, r: int, number: int, row: ProjectProgress, funding: str,
                 widths: dict[int, float]) -> None:
    project = row.project
    plan_values: tuple[object, ...] = (number, project.name, project.details, project.budget, project.location,
                                       describe_months(project.months) if project.months else "", funding)
    for c, value in enumerate(plan_values, start=1):
        put(ws, r, c, value, fill=HEADER_FILL, horizontal="center" if c == 1 else "right" if c == 4 else "left",
            number_format="#,##0.00" if c == 4 else None)
    known = row.since is not None  # a status entry exists: show it; otherwise leave the cell to fill
    editable: dict[int, object] = {
        COLUMNS.status: STATUS_LABELS[row.status] if known else None,
        COLUMNS.progress: row.progress if known else None,
        COLUMNS.contract: row.contracted,
        COLUMNS.problems: row.problems or None,
        COLUMNS.reason: row.reason if known and row.status is TrackingStatus.CANCELLED else None,
    }
    for m in range(1, 13):
        editable[COLUMNS.first_month + m - 1] = row.disbursed_months.get(m)
    money = {COLUMNS.contract, *range(COLUMNS.first_month, COLUMNS.first_month + 12)}
    for c, value in editable.items():
        cell = put(ws, r, c, value, horizontal="right" if c in money or c == COLUMNS.progress else "left",
                   number_format="#,##0.00" if c in money else None)
        cell.protection = OPEN
    put(ws, r, COLUMNS.key, project.uuid, border=False, wrap=False)
    fit_row_height(ws, r, {2: project.name, 3: project.details, COLUMNS.problems: row.problems}, widths)


def _validations(ws: Worksheet, first: int, last: int, external: bool) -> None:
    labels = [label for status, label in STATUS_LABELS.items() if external or status is not TrackingStatus.UNKNOWN]

    def add(dv: DataValidation, first_col: int, last_col: int | None = None) -> None:
        dv.showErrorMessage = True
        dv.errorTitle = "ค่าที่กรอกไม่ถูกต้อง"
        dv.showInputMessage = True
        dv.add(f"{get_column_letter(first_col)}{first}:{get_column_letter(last_col or first_col)}{last}")
        ws.add_data_validation(dv)

    status = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    status.error, status.prompt = "กรุณาเลือกสถานะจากรายการ", "เลือกสถานะของโครงการ"
    add(status, COLUMNS.status)
    progress = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True)
    progress.error, progress.prompt = "ความคืบหน้าต้องเป็นร้อยละ 0 ถึง 100", "ร้อยละ 0 ถึง 100"
    add(progress, COLUMNS.progress)
    money = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    money.error, money.prompt = "จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ", "จำนวนเงิน (บาท)"
    add(money, COLUMNS.contract)
    months = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    months.error, months.prompt = "จำนวนเงินต้องเป็นตัวเลขไม่ติดลบ", "ยอดเบิกจ่ายรวมของเดือนนี้ (บาท)"
    add(months, COLUMNS.first_month, COLUMNS.first_month + 11)

