"""The department template: drop-down lists, an instructions sheet, and a filled copy imports cleanly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
from xlsx_plans import small_plan

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template
from thaplan_desktop.importing import read_file


def test_template_has_lists_instructions_and_validation(tmp_path: Path) -> None:
    path = export_template(small_plan(), tmp_path / "t.xlsx", "กองช่าง", TemplateOptions(rows=20))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["คำอธิบาย", "ผด.02", "ผด.02-1", "รายการ"]
    assert wb["รายการ"].sheet_state == "hidden"
    assert wb.active.title == "ผด.02"
    help_text = " ".join(str(c.value) for row in wb["คำอธิบาย"].iter_rows() for c in row if c.value)
    assert "✓" in help_text
    assert "กองช่าง" in help_text
    ws = wb["ผด.02"]
    assert ws["A4"].value == "หน่วยงานรับผิดชอบหลัก: กองช่าง"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert any("$A$1" in f for f in formulas)  # strategies
    assert any("$B$1" in f for f in formulas)  # programs
    assert any("$C$1" in f for f in formulas)  # units
    assert any("$E$1" in f for f in formulas)  # the month mark
    lists = wb["รายการ"]
    assert [lists.cell(r, 1).value for r in (1, 2)] == ["ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
                                                       "ยุทธศาสตร์การพัฒนาคนและสังคม"]
    assert lists["C1"].value == "กองช่าง"
    eq_formulas = {dv.formula1 for dv in wb["ผด.02-1"].data_validations.dataValidation}
    assert any("$D$1" in f for f in eq_formulas)  # equipment types


def test_empty_template_imports_as_nothing(tmp_path: Path) -> None:
    path = export_template(small_plan(), tmp_path / "t.xlsx", "กองช่าง")
    result = read_file(path)
    assert result.projects == []


def test_filled_template_imports_with_no_questions(tmp_path: Path) -> None:
    path = export_template(small_plan(), tmp_path / "t.xlsx", "กองช่าง", TemplateOptions(rows=10))
    wb = openpyxl.load_workbook(path)
    ws = wb["ผด.02"]
    # row 8 is the first entry row: ที่ is there already; months are columns I (ต.ค.) … T (ก.ย.)
    ws["B8"], ws["C8"], ws["D8"], ws["E8"] = "โครงการซ่อมถนน", "ซ่อมผิวทาง 600 ตร.ม.", 253800, "ตำบลท่าสะท้อน"
    ws["G8"], ws["H8"] = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา"
    ws["N8"] = ws["O8"] = "✓"
    ws["B9"], ws["D9"], ws["F9"] = "โครงการอบรม", "12,000", "สำนักปลัด"
    ws["G9"], ws["H9"], ws["I9"] = "ยุทธศาสตร์การพัฒนาคนและสังคม", "แผนงานบริหารงานทั่วไป", "✓"
    eq = wb["ผด.02-1"]
    eq["B8"], eq["D8"], eq["G8"], eq["H8"], eq["K8"] = ("เครื่องพิมพ์", 6300, "ครุภัณฑ์คอมพิวเตอร์",
                                                         "แผนงานบริหารงานทั่วไป", "✓")
    wb.save(path)
    result = read_file(path)
    a, b, c = result.projects
    assert (a.name, a.budget, a.unit, a.months, a.strategy, a.plan) == (
        "โครงการซ่อมถนน", Decimal("253800.00"), "กองช่าง", frozenset({6, 7}),
        "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา")
    assert (b.unit, b.months, b.budget) == ("สำนักปลัด", frozenset({1}), Decimal("12000.00"))
    assert (c.kind, c.equipment_type, c.plan, c.strategy, c.unit, c.months) == (
        ProjectKind.EQUIPMENT, "ครุภัณฑ์คอมพิวเตอร์", "แผนงานบริหารงานทั่วไป", "", "กองช่าง", frozenset({3}))
    assert all(not p.warnings for p in result.projects)


def test_filled_template_goes_into_the_plan_it_came_from_without_creating_anything(demo_workspace,
                                                                                   tmp_path: Path) -> None:
    from thaplan_desktop.importing.apply import apply_import, prepare_import

    edition = demo_workspace.find_edition()
    plan = demo_workspace.plan_data(edition.id)
    path = export_template(plan, tmp_path / "t.xlsx", "กองช่าง", TemplateOptions(rows=5))
    wb = openpyxl.load_workbook(path)
    lists = wb["รายการ"]
    strategy = lists["A1"].value
    program = next(p.name for p in plan.programs
                   if p.strategy_id == next(s.id for s in plan.strategies if s.name == strategy))
    ws = wb["ผด.02"]
    ws["B8"], ws["D8"], ws["G8"], ws["H8"], ws["J8"] = "โครงการใหม่จากกองช่าง", 99000, strategy, program, "✓"
    eq = wb["ผด.02-1"]
    eq["B8"], eq["D8"], eq["G8"], eq["H8"], eq["I8"] = "สว่านไฟฟ้า", 4500, lists["D1"].value, program, "✓"
    wb.save(path)
    import_plan = prepare_import(demo_workspace, edition.id, [read_file(path)])
    assert (import_plan.new_strategies, import_plan.new_programs, import_plan.new_units,
            import_plan.new_equipment_types) == ([], [], [], [])
    assert import_plan.problems == []
    summary = apply_import(demo_workspace, import_plan)
    assert summary.added == 2
