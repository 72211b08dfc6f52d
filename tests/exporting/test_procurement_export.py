"""The procurement plan's annex: which rows, grouped by unit, the expected months, and the workbook's cells."""

import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from small_plans import add_row, new_plan, strategy_with_program

from thaplan_desktop.cli import main
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.exporting.procurement import HEADERS, procurement_annex
from thaplan_desktop.workspace import ProcurementFields, Workspace

ROAD = "โครงการก่อสร้างถนน คสล. สายบ้านนายสมปอง หมู่ที่ 2"
FORMULA = "=HYPERLINK(\"http://x\",\"ติดตั้งไฟ\")"


@pytest.fixture
def plan(tmp_path):
    """Rows of three units, an external agency and none; the officer overrides two decisions."""
    path = tmp_path / "plan.sqlite"
    with new_plan(path) as ws:
        edition = ws.find_edition().id
        ws.add_unit("อบจ.สุราษฎร์ธานี", is_external=True)
        _s1, p1 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา")
        _s2, p2 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านการบริหาร", "แผนงานบริหารงานทั่วไป")
        ids = {
            "road": add_row(ws, edition, ROAD, "485000", {5, 6, 7}, unit="กองช่าง", program=p1),
            "repair": add_row(ws, edition, "โครงการบำรุงรักษาระบบประปา", "120000.50", {1, 2, 8},
                              unit="กองช่าง", program=p1, details="ซ่อมแซมท่อประปา"),
            "pao": add_row(ws, edition, "โครงการซ่อมสร้างผิวจราจร สฎ.ถ.1-0027", "2450000", {6},
                           unit="อบจ.สุราษฎร์ธานี", program=p1),
            "children": add_row(ws, edition, "โครงการจัดงานวันเด็กแห่งชาติ", "30000", {4}, unit="สำนักปลัด",
                                program=p2),
            "cctv": add_row(ws, edition, "โครงการติดตั้งกล้องวงจรปิด", "480000", {7, 8}, unit="สำนักปลัด",
                            program=p2),
            "cabinet": add_row(ws, edition, "ตู้เหล็กเก็บเอกสาร แบบ 2 บาน", "11000", {2}, unit="สำนักปลัด",
                               program=p2, kind=ProjectKind.EQUIPMENT),
            "formula": add_row(ws, edition, FORMULA, "1000", {9}, program=p2),
            "undated": add_row(ws, edition, "โครงการจัดซื้อวัสดุ", "2000", set(), unit="กองคลัง", program=p2),
        }
        ws.set_procurement({
            ids["children"]: ProcurementFields(procured=True, egp_code="P6305000001", month=3),
            ids["cctv"]: ProcurementFields(procured=False),
            ids["road"]: ProcurementFields(egp_code="P6305000123"),
        })
    return path, edition, ids


def annex_of(path, edition):
    with Workspace.open(path) as ws:
        return procurement_annex(ws.plan_data(edition), ws.procurement_choices(edition))


def test_rows_grouped_by_unit_with_codes_names_budgets_and_months(plan):
    path, edition, _ids = plan
    annex = annex_of(path, edition)
    assert annex.title_lines == ("แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2563",
                                 "องค์การบริหารส่วนตำบลท่าสะท้อน อำเภอพุนพิน จังหวัดสุราษฎร์ธานี")
    table = [(g.unit, [(r.number, r.code, r.name, r.budget, r.month_text) for r in g.rows]) for g in annex.groups]
    assert table == [
        # Units in the list's order; projects of ผด.02 before equipment; the officer's yes and month win.
        ("สำนักปลัด", [(1, "P6305000001", "โครงการจัดงานวันเด็กแห่งชาติ", Decimal("30000.00"), "ธันวาคม 2562"),
                        (2, "", "ตู้เหล็กเก็บเอกสาร แบบ 2 บาน", Decimal("11000.00"), "พฤศจิกายน 2562")]),
        ("กองคลัง", [(1, "", "โครงการจัดซื้อวัสดุ", Decimal("2000.00"), "")]),
        ("กองช่าง", [(1, "P6305000123", ROAD, Decimal("485000.00"), "กุมภาพันธ์ 2563"),
                      (2, "", "โครงการบำรุงรักษาระบบประปา", Decimal("120000.50"), "ตุลาคม 2562")]),
        ("ไม่ระบุหน่วยงาน", [(1, "", FORMULA, Decimal("1000.00"), "มิถุนายน 2563")]),
    ]
    # Not there: the officer's no (CCTV), another agency's road.
    assert annex.total == Decimal("649000.50")
    assert [g.total for g in annex.groups] == [Decimal("41000.00"), Decimal("2000.00"), Decimal("605000.50"),
                                              Decimal("1000.00")]


def test_the_workbook_writes_the_annex_with_text_cells(plan, tmp_path, capsys):
    path, _edition, _ids = plan
    out = tmp_path / "แผนจัดซื้อ.xlsx"
    assert main(["export-procurement", "--db", str(path), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"บันทึก {out} แล้ว: แผนการจัดซื้อจัดจ้าง 6 รายการ จาก 4 หน่วยงาน งบประมาณรวม 649,000.50 บาท")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2563"
    assert tuple(rows[3]) == HEADERS
    assert rows[4][0] == "หน่วยงาน: สำนักปลัด"
    assert rows[5] == [1, "P6305000001", "โครงการจัดงานวันเด็กแห่งชาติ", 30000, "ธันวาคม 2562"]
    road_row = next(r for r in rows if r[2] == ROAD)
    assert road_row == [1, "P6305000123", ROAD, 485000, "กุมภาพันธ์ 2563"]
    assert next(r for r in rows if r[2] == "โครงการบำรุงรักษาระบบประปา")[3] == 120000.5
    # A name that looks like a formula is written as text, exactly as in the plan.
    formula_cell = next(c for row in ws.iter_rows() for c in row if c.value == FORMULA)
    assert formula_cell.data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    totals = [r for r in rows if r[0] in ("รวม", "รวมทั้งสิ้น")]
    assert [(r[0], r[3]) for r in totals] == [("รวม", 41000), ("รวม", 2000), ("รวม", 605000.5), ("รวม", 1000),
                                              ("รวมทั้งสิ้น", 649000.5)]
    assert ws.print_title_rows == "$4:$4"  # the header repeats on every printed page
    wb.close()


def test_demo_plan_annex(demo_location, tmp_path, capsys):
    out = tmp_path / "demo.xlsx"
    assert main(["export-procurement", "--db", str(demo_location), "--out", str(out)]) == 0
    with Workspace.open(demo_location) as ws:
        edition = ws.find_edition()
        annex = procurement_annex(ws.plan_data(edition.id), ws.procurement_choices(edition.id))
        equipment = [p for p in ws.projects(edition.id) if p.kind is ProjectKind.EQUIPMENT]
    names = {r.name for r in annex.rows}
    assert {e.name for e in equipment} <= names  # every ผด.02/1 row
    assert "โครงการจัดงานวันเด็กแห่งชาติ ประจำปี 2563" not in names
    assert not any(name.startswith("โครงการอุดหนุน") for name in names)
    assert "โครงการซ่อมสร้างผิวจราจรแอสฟัลต์ติกคอนกรีต" not in " ".join(names)  # อบจ.'s own


@pytest.mark.parametrize(("out", "message"), [
    ("plan.csv", "ส่งออกได้เป็นไฟล์ .xlsx หรือ .pdf เท่านั้น"),
    ("plan", "ส่งออกได้เป็นไฟล์ .xlsx หรือ .pdf เท่านั้น"),
])
def test_other_formats_are_refused_in_one_thai_line(plan, tmp_path, capsys, out, message):
    path, _edition, _ids = plan
    assert main(["export-procurement", "--db", str(path), "--out", str(tmp_path / out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"thaplan: {message}")
    assert not (tmp_path / out).exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_prints_the_same_annex_as_a_draft_until_announced(plan, tmp_path, capsys):
    path, _edition, _ids = plan
    out = tmp_path / "แผนจัดซื้อ.pdf"
    assert main(["export-procurement", "--db", str(path), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"บันทึก {out} แล้ว: แผนการจัดซื้อจัดจ้าง 6 รายการ จาก 4 หน่วยงาน งบประมาณรวม 649,000.50 บาท")
    assert "ยังไม่ได้ประกาศใช้" in said
    pages = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")[:-1]
    text = "\n".join(pages)
    assert all(page.lstrip().startswith("ร่าง") for page in pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2563" in lines
    units = [line for line in lines if line.startswith("หน่วยงาน: ")]
    assert units == ["หน่วยงาน: สำนักปลัด", "หน่วยงาน: กองคลัง", "หน่วยงาน: กองช่าง", "หน่วยงาน: ไม่ระบุหน่วยงาน"]
    assert "1 P6305000001 โครงการจัดงานวันเด็กแห่งชาติ 30,000 ธันวาคม 2562" in lines
    assert "1 - โครงการจัดซื้อวัสดุ 2,000 -" in lines  # no code yet, no month
    prapa = next(line for line in lines if line.startswith("2 - โครงการบำรุงรักษา"))  # the name may wrap
    assert prapa.endswith(" 120,000.50 ตุลาคม 2562")
    reading = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(reading.split())  # in reading order a cell's lines come together
    assert "โครงการบำรุงรักษาระบบประปา" in compact
    assert "".join(FORMULA.split()) in compact  # a name is printed exactly as in the plan
    totals = [line for line in lines if line.startswith("รวม")]
    assert totals == ["รวม 41,000", "รวม 2,000", "รวม 605,000.50", "รวม 1,000", "รวมทั้งสิ้น 649,000.50"]
    assert "อบจ.สุราษฎร์ธานี" not in text  # another agency's road is not procured by the office
    assert main(["announce", "--db", str(path), "--date", "2562-09-20"]) == 0
    assert main(["export-procurement", "--db", str(path), "--out", str(out)]) == 0
    assert "ยังไม่ได้ประกาศใช้" not in capsys.readouterr().out
    pages = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "ร่าง" not in pages


def test_every_row_with_its_decision_and_reason_for_the_officers_screen(plan):
    from thaplan_desktop.domain.procurement import procurement_rows

    path, edition, ids = plan
    with Workspace.open(path) as ws:
        rows = {r.project.id: r for r in procurement_rows(ws.plan_data(edition), ws.procurement_choices(edition))}
    assert len(rows) == 8
    assert (rows[ids["pao"]].decision.procured, rows[ids["pao"]].decision.reason) == (
        False, "ดำเนินการโดยหน่วยงานอื่น (อบจ.สุราษฎร์ธานี) ซึ่งจัดซื้อจัดจ้างเอง")
    assert rows[ids["repair"]].decision.reason == "ชื่อหรือรายละเอียดมีคำว่า “ซ่อมแซม”"
    assert rows[ids["cctv"]].decision.by_officer
    assert not rows[ids["cctv"]].decision.procured
    assert (rows[ids["children"]].month, rows[ids["cctv"]].month, rows[ids["undated"]].month) == (3, 7, None)
