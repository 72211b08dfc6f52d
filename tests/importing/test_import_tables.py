"""Sheets with more than one table, repeated headers, quarter columns and headings written in odd places."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from import_builders import mark, month_header, new_workbook, write_sheet

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.importing import read_file

EQUIPMENT_LABELS = ("ที่", "ครุภัณฑ์", "รายละเอียดของครุภัณฑ์", "งบประมาณ (บาท)", "สถานที่ดำเนินการ",
                    "หน่วยงานรับผิดชอบหลัก")


def test_equipment_table_under_the_project_table_on_one_sheet(tmp_path: Path) -> None:
    wb, ws = new_workbook("แผนกองช่าง")
    ws["A1"] = "บัญชีโครงการ/กิจกรรม/งบประมาณ"
    first = month_header(ws, 3, 1)
    write_sheet(ws, [["1. ยุทธศาสตร์โครงสร้างพื้นฐาน"], ["1.1 แผนงานเคหะและชุมชน"],
                     [1, "โครงการถนน", "", 1000, "", "กองช่าง"], [None, "รวม", None, 1000], [],
                     [None, "ลงชื่อ ...................... ผู้เสนอ"], [],
                     ["บัญชีจำนวนครุภัณฑ์สำหรับที่ไม่ได้ดำเนินการตามโครงการพัฒนาท้องถิ่น"]], start_row=5)
    mark(ws, 7, first, [4])
    month_header(ws, 13, 1, EQUIPMENT_LABELS)
    write_sheet(ws, [["1. ครุภัณฑ์ก่อสร้าง"], ["1.1 แผนงานอุตสาหกรรมและการโยธา"],
                     [1, "เครื่องตบดิน", "1 เครื่อง", 24000, "", "กองช่าง"]], start_row=15)
    mark(ws, 17, first, [6])
    wb.save(tmp_path / "two.xlsx")
    a, b = read_file(tmp_path / "two.xlsx").projects
    assert (a.kind, a.name, a.strategy, a.plan, a.months) == (
        ProjectKind.PROJECT, "โครงการถนน", "ยุทธศาสตร์โครงสร้างพื้นฐาน", "แผนงานเคหะและชุมชน", frozenset({4}))
    assert (b.kind, b.name, b.equipment_type, b.plan, b.strategy, b.months) == (
        ProjectKind.EQUIPMENT, "เครื่องตบดิน", "ครุภัณฑ์ก่อสร้าง", "แผนงานอุตสาหกรรมและการโยธา", "", frozenset({6}))


def test_header_repeated_on_a_later_page_keeps_the_headings(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [["2. ยุทธศาสตร์คน"], ["2.1 แผนงานการศึกษา"], [1, "ก", "", 10, "", "กองการศึกษา"]],
                start_row=3)
    month_header(ws, 6, 1)
    write_sheet(ws, [[2, "ข", "", 20, "", "กองการศึกษา"]], start_row=8)
    mark(ws, 5, first, [1])
    mark(ws, 8, first, [2])
    a, b = read_file(tmp_path / "x.xlsx" if False else _save(wb, tmp_path / "rep.xlsx")).projects
    assert (b.name, b.strategy, b.plan, b.months) == ("ข", "ยุทธศาสตร์คน", "แผนงานการศึกษา", frozenset({2}))
    assert a.name == "ก"


def _save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def test_quarter_columns(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [
        ["ที่", "โครงการ", "งบประมาณ", "หน่วยงาน", "ไตรมาสที่ 1", "ไตรมาสที่ 2", "ไตรมาสที่ 3", "ไตรมาสที่ 4"],
        [1, "ก", 100, "กองคลัง", None, "✓", "✓"],
    ])
    (p,) = read_file(_save(wb, tmp_path / "q.xlsx")).projects
    assert p.months == frozenset({4, 5, 6, 7, 8, 9})


def test_block_totals_on_heading_rows_and_headings_split_over_two_cells(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [
        ["1.", "ยุทธศาสตร์การพัฒนาคน", None, 300],
        ["1.1", "แผนงานสาธารณสุข", None, 300],
        ["1.1.1", "โครงการอบรม อสม.", "40 คน", 300, "", "กองสาธารณสุข"],
        ["1.2 แผนงานงบกลาง", None, None, 0],
        ["ยอดยกไป", None, None, 300],
    ], start_row=3)
    mark(ws, 5, first, [3])
    (p,) = read_file(_save(wb, tmp_path / "h.xlsx")).projects
    assert (p.name, p.strategy, p.plan, p.budget) == (
        "โครงการอบรม อสม.", "ยุทธศาสตร์การพัฒนาคน", "แผนงานสาธารณสุข", Decimal("300.00"))


def test_project_numbered_with_dots_and_no_budget_is_still_a_project(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    month_header(ws, 1, 1)
    write_sheet(ws, [["1.1", "โครงการ ก", "", None, "", "กองคลัง"], ["1.2", "โครงการ ข", "", 50, "", "กองคลัง"]],
                start_row=3)
    a, b = read_file(_save(wb, tmp_path / "d.xlsx")).projects
    assert (a.name, a.budget) == ("โครงการ ก", None)
    assert "ไม่มีงบประมาณ" in a.warnings
    assert b.name == "โครงการ ข"


def test_programs_above_equipment_types_by_numbering(tmp_path: Path) -> None:
    wb, ws = new_workbook("ครุภัณฑ์")
    first = month_header(ws, 1, 1, EQUIPMENT_LABELS)
    write_sheet(ws, [
        ["1. แผนงานบริหารงานทั่วไป"],
        ["1.1 ครุภัณฑ์สำนักงาน"],
        [1, "ตู้เหล็ก", "", 5900, "", "สำนักปลัด"],
        ["1.2 ครุภัณฑ์คอมพิวเตอร์"],
        [1, "เครื่องพิมพ์", "", 6300, "", "สำนักปลัด"],
    ], start_row=3)
    mark(ws, 5, first, [1])
    mark(ws, 7, first, [2])
    a, b = read_file(_save(wb, tmp_path / "eq.xlsx")).projects
    assert (a.plan, a.equipment_type) == ("แผนงานบริหารงานทั่วไป", "ครุภัณฑ์สำนักงาน")
    assert (b.plan, b.equipment_type) == ("แผนงานบริหารงานทั่วไป", "ครุภัณฑ์คอมพิวเตอร์")


def test_group_label_over_name_and_details_columns(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [
        ["ที่", "โครงการ", None, "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบหลัก"],
        [None, "ชื่อ", "รายละเอียด"],
        [1, "โครงการ ก", "ทำสิ่งนี้", 500, "กองคลัง"],
    ])
    ws.merge_cells("B1:C1")
    for col in "ADE":
        ws.merge_cells(f"{col}1:{col}2")
    (p,) = read_file(_save(wb, tmp_path / "group.xlsx")).projects
    assert (p.name, p.details, p.budget, p.unit) == ("โครงการ ก", "ทำสิ่งนี้", Decimal("500.00"), "กองคลัง")


def test_equipment_headings_make_an_unlabelled_list_an_equipment_list(tmp_path: Path) -> None:
    wb, ws = new_workbook("Sheet1")
    first = month_header(ws, 1, 1, ("ที่", "รายการ", "รายละเอียด", "งบประมาณ", "สถานที่", "หน่วยงาน"))
    write_sheet(ws, [["1. ครุภัณฑ์สำนักงาน"], ["1.1 แผนงานบริหารงานทั่วไป"],
                     [1, "โต๊ะทำงาน", "", "5,000 (ราคามาตรฐาน)", "", "สำนักปลัด"]], start_row=3)
    mark(ws, 5, first, [2])
    (p,) = read_file(_save(wb, tmp_path / "eq.xlsx")).projects
    assert (p.kind, p.equipment_type, p.plan, p.budget) == (
        ProjectKind.EQUIPMENT, "ครุภัณฑ์สำนักงาน", "แผนงานบริหารงานทั่วไป", Decimal("5000.00"))
    assert any("ราคามาตรฐาน" in w for w in p.warnings)


def test_a_hidden_sheet_is_read_when_it_is_the_only_table(tmp_path: Path) -> None:
    wb, ws = new_workbook("ปก")
    ws["A1"] = "แผนการดำเนินงาน กองช่าง"
    data = wb.create_sheet("ข้อมูล")
    write_sheet(data, [["ที่", "โครงการ", "งบประมาณ"], [1, "โครงการ ก", 100]])
    data.sheet_state = "hidden"
    (p,) = read_file(_save(wb, tmp_path / "hidden.xlsx")).projects
    assert p.name == "โครงการ ก"
