"""Layouts the samples do not show: the reader must find the table without being told where it is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from import_builders import MONTHS, STANDARD_LABELS, mark, month_header, new_workbook, write_sheet
from openpyxl.styles import PatternFill

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.importing import read_file


def save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def test_header_far_down_and_right_with_titles_and_a_form_code(tmp_path: Path) -> None:
    wb, ws = new_workbook("Sheet1")
    ws["Q2"] = "แบบ ผด.02"
    ws["D3"] = "บัญชีโครงการ/กิจกรรม/งบประมาณ"
    ws["D4"] = "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"
    first = month_header(ws, 11, 4)
    write_sheet(ws, [["1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"], ["1.1 แผนงานเคหะและชุมชน"],
                     [1, "โครงการไฟฟ้าส่องสว่าง", "โคม 10 ชุด", 50000, "หมู่ที่ 1", "กองช่าง"]],
                start_row=13, start_col=4)
    mark(ws, 15, first, [4, 5])
    result = read_file(save(wb, tmp_path / "far.xlsx"))
    (p,) = result.projects
    assert (p.name, p.budget, p.months, p.strategy, p.plan, p.unit) == (
        "โครงการไฟฟ้าส่องสว่าง", Decimal("50000.00"), frozenset({4, 5}),
        "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานเคหะและชุมชน", "กองช่าง")
    assert (p.source_sheet, p.source_row) == ("Sheet1", 15)


def test_columns_reordered_extra_columns_ignored_location_missing(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    labels = ("ลำดับที่", "งบประมาณ", "โครงการ/กิจกรรม", "หมายเหตุ", "หน่วยดำเนินการ", "รายละเอียดโครงการ",
              "แหล่งงบประมาณ", "ตัวชี้วัด")
    first = month_header(ws, 1, 1, labels)
    write_sheet(ws, [[1, "12,500", "โครงการอบรม อสม.", "ต่อเนื่อง", "กองสาธารณสุขและสิ่งแวดล้อม",
                      "อบรม 40 คน", "ข้อบัญญัติ", "ร้อยละ 80"]], start_row=3)
    mark(ws, 3, first, [7], value="x")
    (p,) = read_file(save(wb, tmp_path / "order.xlsx")).projects
    assert p.name == "โครงการอบรม อสม."
    assert p.details == "อบรม 40 คน"
    assert p.budget == Decimal("12500.00")
    assert p.unit == "กองสาธารณสุขและสิ่งแวดล้อม"
    assert p.location == ""
    assert p.months == frozenset({7})


@pytest.mark.parametrize(("labels", "unit_label"), [
    (("ที่", "ชื่อโครงการ", "รายละเอียดโครงการ", "จำนวนเงิน", "พื้นที่ดำเนินการ"), "หน่วยงานที่รับผิดชอบ"),
    (("ลำดับ", "โครงการ/กิจกรรม", "รายละเอียด", "งบประมาณ (บาท)", "สถานที่"), "หน่วยงาน"),
    (("No.", "ชื่อ โครงการ", "รายละเอียดของกิจกรรม", "วงเงิน (บาท)", "สถานที่ดำเนินการ"), "ผู้รับผิดชอบ"),
])
def test_wording_variants(tmp_path: Path, labels: tuple[str, ...], unit_label: str) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 2, 1, (*labels, unit_label))
    write_sheet(ws, [[1, "โครงการ ก", "รายละเอียด ก", 1000, "ตำบล", "กองคลัง"]], start_row=4)
    mark(ws, 4, first, [1])
    (p,) = read_file(save(wb, tmp_path / "variants.xlsx")).projects
    assert (p.name, p.details, p.budget, p.location, p.unit, p.months) == (
        "โครงการ ก", "รายละเอียด ก", Decimal("1000.00"), "ตำบล", "กองคลัง", frozenset({1}))


@pytest.mark.parametrize("value", ["◄──►", "----", "1", "/", "←→", "X", "●", "ü"])
def test_text_marks(tmp_path: Path, value: str) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [[1, "โครงการ", "", 500, "", "สำนักปลัด"]], start_row=3)
    mark(ws, 3, first, [2, 3, 4], value=value)
    (p,) = read_file(save(wb, tmp_path / "marks.xlsx")).projects
    assert p.months == frozenset({2, 3, 4})


def test_one_mark_in_merged_month_cells_marks_every_month_under_it(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [[1, "โครงการ", "", 500, "", "สำนักปลัด"]], start_row=3)
    ws.cell(3, first + 3, "◄────────►")
    ws.merge_cells(start_row=3, start_column=first + 3, end_row=3, end_column=first + 5)
    (p,) = read_file(save(wb, tmp_path / "merged.xlsx")).projects
    assert p.months == frozenset({4, 5, 6})


def test_fill_marks_ignore_row_banding(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [[1, "โครงการ ก", "", 500, "", "กองช่าง"], [2, "โครงการ ข", "", 700, "", "กองช่าง"]],
                start_row=3)
    band = PatternFill("solid", fgColor="EEEEEE")
    for c in range(1, first + 12):
        ws.cell(4, c).fill = band  # a banded row: every cell the same light grey
    mark(ws, 3, first, [5, 6], fill="FF0000")
    mark(ws, 4, first, [9], fill="0070C0")
    a, b = read_file(save(wb, tmp_path / "band.xlsx")).projects
    assert a.months == frozenset({5, 6})
    assert b.months == frozenset({9})


def test_thai_digits_and_money_as_text(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1, year=2563)
    ws.cell(1, first, "พ.ศ. ๒๕๖๒")
    write_sheet(ws, [
        ["๑", "โครงการ ก", "", "๒๕๐,๐๐๐", "", "กองช่าง"],
        ["๒", "โครงการ ข", "", "80,000 บาท", "", "กองช่าง"],
        ["๓.", "โครงการ ค", "", "150,000.-", "", "กองช่าง"],
        ["(๔)", "โครงการ ง", "", "-", "", "กองช่าง"],
    ], start_row=3)
    for r in range(3, 7):
        mark(ws, r, first, [1])
    got = read_file(save(wb, tmp_path / "thai.xlsx")).projects
    assert [p.budget for p in got] == [Decimal("250000.00"), Decimal("80000.00"), Decimal("150000.00"),
                                      Decimal("0.00")]


def test_continuations_line_breaks_and_spaces(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [
        [1, "  โครงการก่อสร้างถนน\nค.ส.ล.  ", "กว้าง 5 เมตร", 100000, "หมู่ที่ 1", "กองช่าง"],
        [None, "สายบ้านนาย ก", "ยาว 100 เมตร"],
        [None, "หมู่ที่ 1", None, None, "บ้านนา"],
        [2, "โครงการ ข", "รายละเอียด", 2000, "", "กองช่าง"],
    ], start_row=3)
    mark(ws, 3, first, [4])
    mark(ws, 6, first, [5])
    a, b = read_file(save(wb, tmp_path / "cont.xlsx")).projects
    assert a.name == "โครงการก่อสร้างถนน ค.ส.ล. สายบ้านนาย ก หมู่ที่ 1"
    assert a.details == "กว้าง 5 เมตร ยาว 100 เมตร"
    assert a.location == "หมู่ที่ 1 บ้านนา"
    assert b.name == "โครงการ ข"


def test_subtotals_and_footer_give_no_records(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [
        ["1. ยุทธศาสตร์ ก"], ["1.1 แผนงานการศึกษา"],
        [1, "โครงการ ก", "", 100, "", "กองการศึกษา"],
        [2, "โครงการ ข", "", 200, "", "กองการศึกษา"],
        [None, "รวม 2 โครงการ", None, 300],
        [None, "รวมพลังสร้างสุข ประจำปี", "ชื่อที่ขึ้นต้นด้วยรวม", None],
        ["รวมทั้งสิ้น", None, None, 300],
        [],
        [None, "ลงชื่อ ............ ผู้จัดทำ"],
        [None, "(นาย ก ข)"],
    ], start_row=3)
    mark(ws, 5, first, [1])
    mark(ws, 6, first, [2])
    got = read_file(save(wb, tmp_path / "sub.xlsx")).projects
    # a project whose name merely begins with รวม is a project, not a subtotal
    assert [p.name for p in got] == ["โครงการ ก", "โครงการ ข", "รวมพลังสร้างสุข ประจำปี"]
    assert all("ลงชื่อ" not in p.name and "นาย ก" not in p.name for p in got)
    assert all(p.plan == "แผนงานการศึกษา" for p in got)


def test_headings_in_the_name_column_and_strategy_in_the_title(tmp_path: Path) -> None:
    wb, ws = new_workbook("ยุทธศาสตร์ที่ 3")
    ws["A1"] = "ยุทธศาสตร์ที่ 3 การพัฒนาเศรษฐกิจชุมชน"
    first = month_header(ws, 3, 1)
    write_sheet(ws, [
        [None, "แผนงานการเกษตร"],
        [1, "โครงการปุ๋ยหมัก", "", 5000, "", "สำนักปลัด"],
        [None, "๒. แผนงานการพาณิชย์"],
        [1, "โครงการตลาดนัด", "", 6000, "", "สำนักปลัด"],
    ], start_row=5)
    mark(ws, 6, first, [3])
    mark(ws, 8, first, [4])
    a, b = read_file(save(wb, tmp_path / "title.xlsx")).projects
    assert (a.strategy, a.plan) == ("ยุทธศาสตร์การพัฒนาเศรษฐกิจชุมชน", "แผนงานการเกษตร")
    assert (b.strategy, b.plan) == ("ยุทธศาสตร์การพัฒนาเศรษฐกิจชุมชน", "แผนงานการพาณิชย์")


def test_period_column_variants(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [
        ["ที่", "ชื่อโครงการ", "งบประมาณ", "ระยะเวลาดำเนินการ", "หน่วยงานรับผิดชอบ"],
        [1, "ก", 1, "ธันวาคม 2562 – มีนาคม 2563", "กองคลัง"],
        [2, "ข", 1, "ม.ค.-มี.ค. 63", "กองคลัง"],
        [3, "ค", 1, "ไตรมาสที่ 2", "กองคลัง"],
        [4, "ง", 1, "ตลอดปีงบประมาณ", "กองคลัง"],
        [5, "จ", 1, "ต.ค. 62 - ก.ย. 63", "กองคลัง"],
    ])
    got = read_file(save(wb, tmp_path / "period.xlsx")).projects
    assert [sorted(p.months) for p in got] == [[3, 4, 5, 6], [4, 5, 6], [4, 5, 6], list(range(1, 13)),
                                               list(range(1, 13))]


def test_equipment_and_project_sheets_in_one_workbook_and_a_hidden_list(tmp_path: Path) -> None:
    wb, ws = new_workbook("ผด.02")
    first = month_header(ws, 1, 1)
    write_sheet(ws, [["1. ยุทธศาสตร์ ก"], ["1.1 แผนงานงบกลาง"], [1, "เบี้ยยังชีพ", "", 10, "", "สำนักปลัด"]],
                start_row=3)
    mark(ws, 5, first, range(1, 13))
    eq = wb.create_sheet("ผด.02-1")
    first = month_header(eq, 1, 1, ("ที่", "รายการครุภัณฑ์", "รายละเอียดของครุภัณฑ์", "งบประมาณ (บาท)",
                                    "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก"))
    write_sheet(eq, [["1. ครุภัณฑ์สำนักงาน"], ["1.1 แผนงานบริหารงานทั่วไป"], [1, "ตู้เหล็ก", "2 ตู้", 11800, "", "สำนักปลัด"]],
                start_row=3)
    mark(eq, 5, first, [3])
    lists = wb.create_sheet("lists")
    lists["A1"] = "กองช่าง"
    lists.sheet_state = "hidden"
    a, b = read_file(save(wb, tmp_path / "two.xlsx")).projects
    assert (a.kind, a.strategy, a.plan, a.equipment_type) == (
        ProjectKind.PROJECT, "ยุทธศาสตร์ ก", "แผนงานงบกลาง", "")
    assert (b.kind, b.strategy, b.plan, b.equipment_type) == (
        ProjectKind.EQUIPMENT, "", "แผนงานบริหารงานทั่วไป", "ครุภัณฑ์สำนักงาน")


def test_column_number_row_and_month_names_in_full(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    full = ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
            "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")
    write_sheet(ws, [
        [*STANDARD_LABELS, *full],
        [f"({i})" for i in range(1, 19)],
        [1, "โครงการ", "", 10, "", "กองคลัง", None, None, "/"],
    ])
    (p,) = read_file(save(wb, tmp_path / "full.xlsx")).projects
    assert p.months == frozenset({3})


def test_months_in_calendar_order_are_mapped_by_name(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    calendar = (*MONTHS[3:], *MONTHS[:3])  # ม.ค. … ธ.ค.
    write_sheet(ws, [[*STANDARD_LABELS, *calendar], [1, "โครงการ", "", 10, "", "กองคลัง", "x"]])
    (p,) = read_file(save(wb, tmp_path / "cal.xlsx")).projects
    assert p.months == frozenset({4})  # ม.ค. is fiscal month 4


def test_file_named_xls_holding_xlsx_is_read_by_content(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [["ที่", "โครงการ", "งบประมาณ"], [1, "โครงการ", 10]])
    path = tmp_path / "wrong-extension.xls"
    wb.save(path)
    (p,) = read_file(path).projects
    assert p.name == "โครงการ"


def test_row_warnings_for_unreadable_budget_and_missing_months(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    month_header(ws, 1, 1)
    write_sheet(ws, [[1, "โครงการ", "", "ประมาณหนึ่งหมื่น", "", "กองคลัง"]], start_row=3)
    (p,) = read_file(save(wb, tmp_path / "warn.xlsx")).projects
    assert p.budget is None
    assert any("จำนวนเงิน" in w for w in p.warnings)
    assert any("เดือน" in w for w in p.warnings)


def test_budget_column_typed_from_its_data_when_the_label_is_unknown(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [
        ["ที่", "ชื่อโครงการ", "รายละเอียด", "ยอดตั้ง", "หน่วยงาน", "ระยะเวลา"],
        [1, "ก", "x", 12000, "กองคลัง", "ต.ค. 62"],
        [2, "ข", "y", "8,500", "กองคลัง", "พ.ย. 62"],
        [3, "ค", "z", 7000, "กองคลัง", "ธ.ค. 62"],
    ])
    got = read_file(save(wb, tmp_path / "typed.xlsx")).projects
    assert [p.budget for p in got] == [Decimal("12000.00"), Decimal("8500.00"), Decimal("7000.00")]


def test_formulas_saved_without_values_are_computed(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    month_header(ws, 1, 1)
    write_sheet(ws, [
        [1, "ก", "", "=24*3850", "", "กองช่าง"],
        [2, "ข", "", "=ROUND(337*705,-2)", "", "กองช่าง"],
        [3, "ค", "", "=D3+D4", "", "กองช่าง"],
        [4, "ง", "", "=SUM(D3:D4)/2", "", "กองช่าง"],
        [5, "จ", "", "=VLOOKUP(1,A1:B2,2)", "", "กองช่าง"],
        [None, "รวม", None, "=SUM(D3:D7)"],
    ], start_row=3)
    got = read_file(save(wb, tmp_path / "formulas.xlsx")).projects  # openpyxl stores no computed values
    assert [p.budget for p in got] == [Decimal("92400.00"), Decimal("237600.00"), Decimal("330000.00"),
                                      Decimal("165000.00"), None]
    assert "ไม่มีงบประมาณ" in got[4].warnings


def test_column_mapping_can_be_corrected(tmp_path: Path) -> None:
    from thaplan_desktop.importing import Field

    wb, ws = new_workbook("แผ่น1")
    write_sheet(ws, [
        ["ที่", "โครงการ", "งบประมาณ", "ผู้ประสาน", "กองที่ดูแล"],
        [1, "ก", 100, "นาย ก", "กองช่าง"],
    ])
    path = save(wb, tmp_path / "map.xlsx")
    first = read_file(path)
    assert first.projects[0].unit == ""  # neither "ผู้ประสาน" nor "กองที่ดูแล" is a known label
    sheet = first.sheets[0]
    assert sheet.column_labels[4] == "กองที่ดูแล"
    assert sheet.mapping["name"] == 1
    again = read_file(path, {"แผ่น1": {Field.UNIT: 4}})
    assert again.projects[0].unit == "กองช่าง"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp874"])
def test_csv_in_utf8_or_windows_thai(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_text("ที่,โครงการ,งบประมาณ,หน่วยงาน,ระยะเวลา\n1,โครงการ ก,\"12,000\",กองคลัง,ม.ค.-มี.ค. 63\n",
                    encoding=encoding)
    (p,) = read_file(path).projects
    assert (p.name, p.budget, p.unit, p.months) == ("โครงการ ก", Decimal("12000.00"), "กองคลัง", frozenset({4, 5, 6}))


def test_dashes_beside_ticks_are_fillers_but_dashes_alone_are_a_line(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [[1, "ก", "", 10, "", "กองคลัง"], [2, "ข", "", 10, "", "กองคลัง"]], start_row=3)
    mark(ws, 3, first, range(1, 13), value="-")
    mark(ws, 3, first, [5, 6], value="✓")
    mark(ws, 4, first, [7, 8, 9], value="------")
    a, b = read_file(save(wb, tmp_path / "dash.xlsx")).projects
    assert a.months == frozenset({5, 6})
    assert b.months == frozenset({7, 8, 9})


def test_a_note_between_blocks_does_not_end_the_table(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    month_header(ws, 1, 1)
    write_sheet(ws, [
        [1, "ก", "", 10, "", "กองคลัง"],
        [None, "หมายเหตุ: โครงการ ก ใช้เงินสะสม"],
        [2, "ข", "", 20, "", "กองคลัง"],
        [None, "ลงชื่อ ............ ผู้จัดทำ"],
        [None, "(นางสาว ค)"],
        [3, "ง", "", 30, "", "กองคลัง"],
    ], start_row=3)
    got = read_file(save(wb, tmp_path / "note.xlsx")).projects
    assert [p.name for p in got] == ["ก", "ข", "ง"]
