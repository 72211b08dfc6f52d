"""The workbook a department fills in: ผด.02 and ผด.02/1 entry sheets, drop-down lists, Thai instructions.

Each entry sheet has the form's two-level header plus ยุทธศาสตร์ / แผนงาน (or ประเภทครุภัณฑ์ / แผนงาน)
columns chosen from drop-down lists (data validation over a hidden list sheet), a unit drop-down that
defaults to the department's own unit (named in a "หน่วยงานรับผิดชอบหลัก: …" title line), numbered rows,
and month cells to mark with ✓. A filled template reads back through the importer with no questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, year_headers
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.thai import strip_controls
from thaplan_desktop.exporting.form_content import PD02_HEADERS, PD021_HEADERS, form_title_lines, plan_title
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.exporting.xlsx.cells import (
    HEADER_FILL,
    TITLE_SIZE,
    fit_row_height,
    put,
    set_text,
    width_chars,
)

MARK = "✓"
UNIT_LINE = "หน่วยงานรับผิดชอบหลัก: {unit}"
SHEET_HELP, SHEET_PROJECTS, SHEET_EQUIPMENT, SHEET_LISTS = "คำอธิบาย", "ผด.02", "ผด.02-1", "รายการ"
HEADER_TOP = 6
FIELD_WIDTHS_CM = (0.95, 4.9, 6.4, 2.4, 2.8, 3.0, 4.5, 3.6)
MONTH_WIDTH_CM = 0.8


@dataclass(frozen=True, slots=True)
class TemplateOptions:
    """How many rows to prepare, and whether to add the equipment sheet."""

    rows: int = 60
    equipment: bool = True


def export_template(plan: PlanData, path: str | Path, unit: str, options: TemplateOptions | None = None) -> Path:
    """Write the template for ``unit`` to ``path`` and return the path."""
    options = options or TemplateOptions()
    path = Path(path)
    unit = strip_controls(unit, multiline=False)
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = SHEET_HELP
    lists = _lists_sheet(wb.create_sheet(SHEET_LISTS), plan, unit)
    projects = wb.create_sheet(SHEET_PROJECTS)
    _entry_sheet(projects, plan, unit, lists, options.rows, equipment=False)
    if options.equipment:
        _entry_sheet(wb.create_sheet(SHEET_EQUIPMENT), plan, unit, lists, options.rows, equipment=True)
    _help_sheet(help_ws, plan, unit, options)
    wb.move_sheet(SHEET_LISTS, offset=len(wb.sheetnames))
    wb[SHEET_LISTS].sheet_state = "hidden"
    wb.active = wb.sheetnames.index(SHEET_PROJECTS)
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == SHEET_PROJECTS
    with atomic_output(path) as tmp:  # whole or not at all, never over a database or a device
        wb.save(tmp)
    return path


def _lists_sheet(ws: Worksheet, plan: PlanData, unit: str) -> dict[str, str]:
    """Write the drop-down lists in columns of a sheet; returns list name → range formula."""
    strategies = [s.name for s in sorted(plan.strategies, key=lambda s: (s.position, s.number))]
    programs = list(dict.fromkeys(p.name for p in plan.programs))
    units = list(dict.fromkeys([unit, *(u.name for u in plan.units)]))
    types = [t.name for t in sorted(plan.equipment_types, key=lambda t: (t.position, t.id))]
    ranges = {}
    for col, (key, values) in enumerate(
        (("strategy", strategies), ("program", programs), ("unit", units), ("type", types), ("mark", [MARK])),
        start=1,
    ):
        for row, value in enumerate(values, start=1):
            set_text(ws.cell(row, col), value)  # names from the plan: text, never a formula
        letter = get_column_letter(col)
        ranges[key] = f"{quote_sheetname(ws.title)}!${letter}$1:${letter}${max(len(values), 1)}"
    return ranges


def _entry_sheet(ws: Worksheet, plan: PlanData, unit: str, lists: dict[str, str], n_rows: int, *,
                 equipment: bool) -> None:
    base = PD021_HEADERS if equipment else PD02_HEADERS
    extra = ("ประเภทครุภัณฑ์", "แผนงาน") if equipment else ("ยุทธศาสตร์", "แผนงาน")
    headers = (*base, *extra)
    n_fields = len(headers)
    n_cols = n_fields + 12
    title = "แบบกรอกรายการครุภัณฑ์ (แบบ ผด.02/1)" if equipment else "แบบกรอกรายการโครงการ/กิจกรรม (แบบ ผด.02)"
    lines = form_title_lines(title, plan_title(plan), plan)
    for i, line in enumerate(lines, start=1):
        put(ws, i, 1, line, bold=True, size=TITLE_SIZE, horizontal="center", wrap=False, border=False)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=n_cols)
        ws.row_dimensions[i].height = 26
    put(ws, 4, 1, UNIT_LINE.format(unit=unit), bold=True, size=TITLE_SIZE, wrap=False, border=False)
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=n_cols)
    ws.row_dimensions[4].height = 26
    widths = {c: width_chars(cm) for c, cm in enumerate(FIELD_WIDTHS_CM, start=1)}
    widths.update({n_fields + m: width_chars(MONTH_WIDTH_CM) for m in range(1, 13)})
    for c, w in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = w
    top = HEADER_TOP
    for c, text in enumerate(headers, start=1):
        put(ws, top, c, text, bold=True, horizontal="center", fill=HEADER_FILL)
        put(ws, top + 1, c, None, fill=HEADER_FILL)
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for label, months in year_headers(plan.edition.fiscal_year):
        first, last = n_fields + months[0], n_fields + months[-1]
        put(ws, top, first, label, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
        for c in range(first + 1, last + 1):
            put(ws, top, c, None, fill=HEADER_FILL)
        ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
    for m, abbr in enumerate(FISCAL_MONTH_ABBR, start=1):
        put(ws, top + 1, n_fields + m, abbr, bold=True, horizontal="center", fill=HEADER_FILL, wrap=False)
    fit_row_height(ws, top, dict(enumerate(headers, start=1)), widths)
    first_row, last_row = top + 2, top + 1 + n_rows
    for r in range(first_row, last_row + 1):
        put(ws, r, 1, r - first_row + 1, horizontal="center")
        for c in range(2, n_cols + 1):
            put(ws, r, c, None, horizontal="center" if c > n_fields else "left",
                number_format="#,##0.00" if c == 4 else None)
        ws.row_dimensions[r].height = 42
    rows = f"{first_row}:{last_row}"

    def validation(formula: str, column: int | tuple[int, int], prompt: str, *, kind: str = "list") -> None:
        dv = DataValidation(type=kind, formula1=formula, allow_blank=True, showDropDown=False)
        if kind == "decimal":
            dv.operator = "greaterThanOrEqual"
        dv.error = "กรุณาเลือกจากรายการหรือพิมพ์ให้ตรงกับรายการ" if kind == "list" else "งบประมาณต้องเป็นตัวเลขไม่ติดลบ"
        dv.errorTitle = "ค่าที่กรอกไม่ถูกต้อง"
        dv.prompt = prompt
        dv.showErrorMessage = True
        dv.showInputMessage = True
        dv.errorStyle = "warning"
        first_col, last_col = (column, column) if isinstance(column, int) else column
        start, end = rows.split(":")
        dv.add(f"{get_column_letter(first_col)}{start}:{get_column_letter(last_col)}{end}")
        ws.add_data_validation(dv)

    validation("0", 4, "งบประมาณเป็นบาท เช่น 250000", kind="decimal")
    validation(lists["unit"], 6, f"เว้นว่างไว้ได้ ถ้าเป็น{unit}")
    if equipment:
        validation(lists["type"], 7, "เลือกประเภทครุภัณฑ์")
    else:
        validation(lists["strategy"], 7, "เลือกยุทธศาสตร์")
    validation(lists["program"], 8, "เลือกแผนงาน")
    validation(lists["mark"], (n_fields + 1, n_fields + 12), "ใส่ ✓ ในเดือนที่ดำเนินการ")
    ws.freeze_panes = ws.cell(first_row, 3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top + 1}"


def _help_sheet(ws: Worksheet, plan: PlanData, unit: str, options: TemplateOptions) -> None:
    year = plan.edition.fiscal_year
    lines = [
        (f"คำอธิบายการกรอกแบบฟอร์มแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}", True),
        (f"สำหรับ {unit} — {plan.organisation.name}", True),
        ("", False),
        ("1. กรอกโครงการ/กิจกรรมในแผ่นงาน “ผด.02” และครุภัณฑ์ในแผ่นงาน “ผด.02-1”", False),
        ("   รายการละหนึ่งแถว", False),
        (f"   แถวที่เตรียมไว้มี {options.rows} แถว หากไม่พอ ให้แทรกแถวเพิ่มระหว่างแถวที่มีอยู่", False),
        ("2. ช่อง “ที่” มีลำดับให้แล้ว ไม่ต้องแก้ไข แถวที่ไม่ได้กรอกชื่อจะไม่ถูกนำเข้า", False),
        ("3. ชื่อและรายละเอียดที่ยาว พิมพ์ต่อกันในช่องเดียวได้เลย ไม่ต้องขึ้นแถวใหม่", False),
        ("4. งบประมาณ: พิมพ์เป็นตัวเลขจำนวนบาท เช่น 250000 หรือ 250,000.50", False),
        ("5. ยุทธศาสตร์ แผนงาน ประเภทครุภัณฑ์ และหน่วยงาน: คลิกช่องแล้วเลือกจากรายการ", False),
        (f"   ถ้าไม่เลือกหน่วยงาน ระบบจะถือว่าเป็นของ {unit}", False),
        ("6. เดือนที่ดำเนินการ: ใส่เครื่องหมาย ✓ ในช่องเดือน (ต.ค. ถึง ก.ย.) ทุกเดือนที่ดำเนินการ", False),
        ("7. โปรดอย่าแก้ไข ลบ หรือย้ายแถวหัวตาราง และอย่าเปลี่ยนชื่อแผ่นงาน", False),
        ("8. บันทึกเป็นไฟล์ Excel (.xlsx) แล้วส่งคืนผู้จัดทำแผน", False),
        ("", False),
        ("ยุทธศาสตร์และแผนงานของแผนนี้", True),
    ]
    strategies = sorted(plan.strategies, key=lambda s: (s.position, s.number))
    for s_index, strategy in enumerate(strategies, start=1):
        number = strategy.number or s_index
        lines.append((f"{number}. {strategy.name}", False))
        programs = sorted((p for p in plan.programs if p.strategy_id == strategy.id),
                          key=lambda p: (p.position, p.id))
        lines.extend((f"     {number}.{i} {p.name}", False) for i, p in enumerate(programs, start=1))
    ws.column_dimensions["A"].width = 90
    for r, (text, bold) in enumerate(lines, start=1):
        size = TITLE_SIZE if bold else 14
        cell = put(ws, r, 1, text, bold=bold, size=size, wrap=True, border=False)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        fit_row_height(ws, r, {1: text}, {1: 90.0}, size=size)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
