"""Excel export of the forms: shaped like the printed forms, read back by the importer, formula-safe."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from xlsx_plans import small_plan

from thaplan_desktop.domain.model import PlanData, Project, ProjectKind
from thaplan_desktop.exporting.xlsx import XlsxOptions, export_forms
from thaplan_desktop.exporting.xlsx.forms import ExportCancelled
from thaplan_desktop.importing import read_file


def expected_records(plan: PlanData) -> list[dict]:
    """What import-preview must return for the plan, in the order the forms print it."""
    from thaplan_desktop.exporting.form_content import pd02_blocks, pd021_blocks

    strategies = {s.id: s for s in plan.strategies}
    programs = {p.id: p for p in plan.programs}
    types = {t.id: t.name for t in plan.equipment_types}
    records = []
    for block in [*pd02_blocks(plan), *pd021_blocks(plan)]:
        for p in block.projects:
            program = programs.get(p.program_id) if p.program_id is not None else None
            strategy = strategies[program.strategy_id].name if program and p.kind is ProjectKind.PROJECT else ""
            records.append({
                "kind": p.kind.value, "name": p.name, "details": p.details, "budget": f"{p.budget:.2f}",
                "location": p.location, "unit": plan.unit_name(p.unit_id), "months": sorted(p.months),
                "strategy": strategy, "plan": program.name if program else "",
                "equipment_type": types.get(p.equipment_type_id, "") if p.kind is ProjectKind.EQUIPMENT else "",
            })
    return records


def read_back(path: Path) -> list[dict]:
    return [p.to_json_dict() for p in read_file(path).projects]


@pytest.mark.parametrize("marks", ["arrows", "fill"])
def test_round_trip_of_a_small_plan(tmp_path: Path, marks: str) -> None:
    plan = small_plan()
    path = tmp_path / "plan.xlsx"
    report = export_forms(plan, path, XlsxOptions(month_marks=marks))
    assert report.sheets == ["ผด.01", "ผด.02", "ผด.02-1"]
    assert (report.projects, report.equipment) == (4, 2)
    assert read_back(path) == expected_records(plan)


def test_round_trip_of_the_demo_plan(demo_workspace, tmp_path: Path) -> None:
    edition = demo_workspace.find_edition()
    plan = demo_workspace.plan_data(edition.id)
    path = tmp_path / "demo.xlsx"
    export_forms(plan, path)
    assert read_back(path) == expected_records(plan)


def test_sheets_look_like_the_printed_forms(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    export_forms(small_plan(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["ผด.02"]
    assert ws["R1"].value == "แบบ ผด.02"
    assert ws["A2"].value == "บัญชีโครงการ/กิจกรรม/งบประมาณ"
    assert ws["A3"].value == "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"
    assert "A6:A7" in {str(m) for m in ws.merged_cells.ranges}
    assert (ws["G6"].value, ws["J6"].value, ws["G7"].value, ws["R7"].value) == ("พ.ศ. 2562", "พ.ศ. 2563", "ต.ค.", "ก.ย.")
    long_row = next(r for r in range(8, ws.max_row + 1) if str(ws.cell(r, 2).value or "").startswith("โครงการก่อสร้างถนน"))
    name = ws.cell(long_row, 2)
    assert name.font.name == "TH SarabunPSK"
    assert name.border.left.style == "thin"
    assert name.alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$6:$7"
    assert ws.row_dimensions[long_row].height >= 3 * 22  # the long details wrap over several lines
    pd01 = wb["ผด.01"]
    assert pd01["A6"].value == "ยุทธศาสตร์/แผนงาน"
    assert [pd01.cell(r, 1).value for r in range(7, pd01.max_row + 1)][-1] == "รวมทั้งสิ้น"
    assert pd01.cell(pd01.max_row, 3).value == 100
    with zipfile.ZipFile(path) as zf:
        drawing = zf.read("xl/drawings/drawing1.xml").decode("utf-8")
    assert drawing.count("<xdr:cxnSp") == 5  # one arrow per run of months on ผด.02


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    nasty = ["=HYPERLINK(\"http://x\",\"click\")", "+1+2", "-5+cmd", "@SUM(A1)", "=1+1"]
    projects = [Project(i, 1, ProjectKind.PROJECT, name, details=name, budget=Decimal("1.00"), location=name,
                        unit_id=1, months=frozenset({1}), program_id=10, position=i)
                for i, name in enumerate(nasty, start=1)]
    path = tmp_path / "nasty.xlsx"
    export_forms(small_plan(projects), path)
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in zf.read(name).decode("utf-8"), name
    ws = openpyxl.load_workbook(path)["ผด.02"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in nasty]
    assert cells
    assert all(c.data_type == "s" for c in cells)
    assert [p["name"] for p in read_back(path)] == nasty


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "cancelled.xlsx"
    with pytest.raises(ExportCancelled):
        export_forms(small_plan(), path, cancelled=lambda: True)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[float] = []
    export_forms(small_plan(), tmp_path / "p.xlsx", progress=lambda f, _text: seen.append(f))
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_thai_digits_on_request_still_read_back(tmp_path: Path) -> None:
    plan = small_plan()
    path = tmp_path / "thai.xlsx"
    export_forms(plan, path, XlsxOptions(thai_digits=True))
    ws = openpyxl.load_workbook(path)["ผด.02"]
    assert ws["A3"].value == "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๓"
    assert ws["G6"].value == "พ.ศ. ๒๕๖๒"
    budgets = [c.value for c in ws["D"] if isinstance(c.value, str) and "๓๗๖" in c.value]
    assert "๓๗๖,๐๐๐" in budgets
    got = read_back(path)
    want = expected_records(plan)
    assert [(g["budget"], g["months"], g["plan"]) for g in got] == [(w["budget"], w["months"], w["plan"]) for w in want]
