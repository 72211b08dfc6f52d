"""The four kinds of department workbook issue 16 names, each in several workbooks of tests/data/layouts.

Month headers that are dates (``dates_*``), runs drawn as plain lines ending on column boundaries under
two-row headers (``lines_*``), header words split over rows without merges (``split_*``), a period column
with subtotal rows (``period_*``). Every workbook (and its LibreOffice .ods/.xls copies) reads exactly as its
expected JSON says (``import-preview --json``; keys added since are allowed); ``tests/data/layouts/make_layouts.py``
made both from one description.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from import_builders import MONTHS, STANDARD_LABELS, mark, month_header, new_workbook, write_sheet
from preview_expected import assert_has_expected, preview

from thaplan_desktop.importing import read_file
from thaplan_desktop.importing.readers.common import is_date_format
from thaplan_desktop.importing.vocabulary import month_label, names_instructions, year_of_label

LAYOUTS = Path(__file__).resolve().parents[1] / "data" / "layouts"
FILES = sorted(p for p in LAYOUTS.iterdir() if p.suffix in (".xlsx", ".ods", ".xls"))


def expected(path: Path) -> dict:
    return json.loads((LAYOUTS / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_layout_reads_exactly(path: Path) -> None:
    code, got = preview(path)
    assert code == 0
    assert_has_expected(got, expected(path))


def test_each_kind_has_several_varied_workbooks() -> None:
    for kind in ("dates_", "lines_", "split_", "period_"):
        stems = {p.stem for p in FILES if p.name.startswith(kind)}
        assert len(stems) >= 4, kind
    assert {p.suffix for p in FILES} == {".xlsx", ".ods", ".xls"}


# --- kind 1: month headers that are dates -------------------------------------------------------------

@pytest.mark.parametrize("path", [p for p in FILES if p.name.startswith(("dates_", "lines_dates"))],
                         ids=lambda p: p.name)
def test_date_headers_give_the_fiscal_year(path: Path) -> None:
    result = read_file(path)
    assert result.fiscal_years == [2563]
    assert all(len(columns) == 1 for s in result.sheets for columns in s.month_columns.values())


@pytest.mark.parametrize("fmt", ["mmm-yy", "[$-41E]mmm-yy;@", "d/m/bbbb", "[$-1070000]d/mm/yyyy", "mmmm bbbb",
                                 "General"])
def test_month_dates_in_any_number_format(tmp_path: Path, fmt: str) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [STANDARD_LABELS, [1, "โครงการ ก", "", 1500, "", "กองช่าง"]])
    for m in range(12):
        month = (m + 9) % 12 + 1
        ws.cell(1, 7 + m, dt.datetime(2019 if month >= 10 else 2020, month, 1)).number_format = fmt
    mark(ws, 2, 7, [3, 4])
    wb.save(tmp_path / "d.xlsx")
    result = read_file(tmp_path / "d.xlsx")
    (p,) = result.projects
    assert (p.months, p.budget) == (frozenset({3, 4}), Decimal("1500.00"))
    assert result.fiscal_years == [2563]


def test_a_header_of_dates_from_two_fiscal_years_is_pointed_out(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    ws["A1"] = "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"
    write_sheet(ws, [STANDARD_LABELS, [1, "โครงการ ก", "", 1500, "", "กองช่าง"]], start_row=2)
    for m in range(12):  # a calendar year typed by mistake: ม.ค.–ธ.ค. 2562 in fiscal order
        month = (m + 9) % 12 + 1
        ws.cell(2, 7 + m, dt.datetime(2019, month, 1)).number_format = "mmm-yy"
    mark(ws, 3, 7, [5])
    wb.save(tmp_path / "two.xlsx")
    result = read_file(tmp_path / "two.xlsx")
    assert result.projects[0].months == frozenset({5})
    assert result.fiscal_years == []
    assert any("คนละปีงบประมาณ" in w and "2562" in w and "2563" in w for w in result.warnings)


def test_header_year_unlike_the_title_is_pointed_out(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    ws["A1"] = "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2564"
    first = month_header(ws, 3, 1, year=2563)
    write_sheet(ws, [[1, "โครงการ ก", "", 1500, "", "กองช่าง"]], start_row=5)
    mark(ws, 5, first, [1])
    wb.save(tmp_path / "t.xlsx")
    result = read_file(tmp_path / "t.xlsx")
    assert result.fiscal_years == [2563]
    assert any("2563" in w and "2564" in w for w in result.warnings)


def test_budgets_are_not_taken_for_dates(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [[1, "ก", "", 43739, "", "กองช่าง"], [2, "ข", "", 43770, "", "กองช่าง"],
                     [3, "ค", "", 43800, "", "กองช่าง"]], start_row=3)
    for r in (3, 4, 5):
        mark(ws, r, first, [2])
    wb.save(tmp_path / "b.xlsx")
    assert [p.budget for p in read_file(tmp_path / "b.xlsx").projects] == [
        Decimal("43739.00"), Decimal("43770.00"), Decimal("43800.00")]


@pytest.mark.parametrize(("text", "month", "year"), [
    ("ต.ค.-62", 1, 2562), ("ต.ค.62", 1, 2562), ("Oct-19", 1, 2562), ("October 2019", 1, 2562),
    ("1/10/2562", 1, 2562), ("31/3/2020", 6, 2563), ("ก.ย. 2563", 12, 2563), ("ม.ค.", 4, None), ("Sep", 12, None),
])
def test_month_labels_written_as_text(text: str, month: int, year: int | None) -> None:
    assert month_label(text) == (month, year)


def test_year_labels() -> None:
    assert year_of_label("พ.ศ. 2562") == (False, 2562)
    assert year_of_label("ปี 2563") == (False, 2563)
    assert year_of_label("ปีงบประมาณ พ.ศ. 2563") == (True, 2563)
    assert year_of_label("ต.ค.") is None


@pytest.mark.parametrize(("code", "is_date"), [
    ("mmm-yy", True), ("[$-th-TH]mmm-yy", True), ("d/m/bbbb", True), ("ดดด-ปป", True), ("ว/ด/ปปปป", True),
    ("[$-D07041E]mmm yy", True), ("General", False), ("#,##0.00", False), ("h:mm", False), ("0.00E+00", False),
    ('_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', False), ("[$฿-41E]#,##0.00", False),
])
def test_date_number_formats(code: str, is_date: bool) -> None:
    assert is_date_format(code) is is_date


# --- kind 2: lines ending on column boundaries -----------------------------------------------------------

def test_a_line_over_part_of_a_merged_month_header_marks_that_month(tmp_path: Path) -> None:
    from import_builders import add_drawing, arrow

    wb, ws = new_workbook()
    write_sheet(ws, [STANDARD_LABELS])
    for q in range(4):  # quarters only, each merged over three columns: no month names under them
        ws.cell(1, 7 + 3 * q, f"ไตรมาสที่ {q + 1}")
        ws.merge_cells(start_row=1, start_column=7 + 3 * q, end_row=1, end_column=9 + 3 * q)
    write_sheet(ws, [[1, "โครงการ ก", "", 1000, "", "กองช่าง"], [2, "โครงการ ข", "", 1000, "", "กองช่าง"]],
                start_row=2)
    ws.cell(3, 11, "✓")  # the middle column of the second quarter
    wb.save(tmp_path / "q.xlsx")
    add_drawing(tmp_path / "q.xlsx", [arrow(1, 13, 0, 14, 0)])  # over the second column of the third quarter
    a, b = read_file(tmp_path / "q.xlsx").projects
    assert a.months == frozenset({7, 8, 9})
    assert b.months == frozenset({4, 5, 6})


def _plain_line(row0: int, c0: int, c1: int, off1: int) -> str:
    """A straight line with no arrowheads from the left edge of column ``c0`` to (``c1``, ``off1`` EMU)."""
    return (f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row0}</xdr:row>"
            f"<xdr:rowOff>95250</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c1}</xdr:col><xdr:colOff>{off1}</xdr:colOff>"
            f"<xdr:row>{row0}</xdr:row><xdr:rowOff>95250</xdr:rowOff></xdr:to>"
            '<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="7" name="Line"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>'
            '<xdr:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom></xdr:spPr></xdr:cxnSp>'
            "<xdr:clientData/></xdr:twoCellAnchor>")


def _one_row(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS, *MONTHS]])
    return 1


def _years_merged(ws) -> int:
    month_header(ws, 1, 1)
    return 2


def _period_merged(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS, "ระยะเวลาดำเนินการ"], [None] * 6 + [f"{m} {62 if i < 3 else 63}"
                                                                       for i, m in enumerate(MONTHS)]])
    ws.merge_cells("G1:R1")
    for c in range(1, 7):
        ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    return 2


def _quarters_over_months(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS], [None] * 6 + list(MONTHS)])
    for q in range(4):
        ws.cell(1, 7 + 3 * q, f"ไตรมาสที่ {q + 1}")
        ws.merge_cells(start_row=1, start_column=7 + 3 * q, end_row=1, end_column=9 + 3 * q)
    return 2


def _months_over_years(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS, *MONTHS], [None] * 6 + ["๖๒"] * 3 + ["๖๓"] * 9])
    return 2


def _dates(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS]])
    for m in range(12):
        month = (m + 9) % 12 + 1
        ws.cell(1, 7 + m, dt.datetime(2019 if month >= 10 else 2020, month, 1)).number_format = "mmm-yy"
    return 1


def _three_rows(ws) -> int:
    write_sheet(ws, [[*STANDARD_LABELS, "ปีงบประมาณ 2563"], [None] * 6 + ["พ.ศ. 2562", None, None, "พ.ศ. 2563"],
                     [None] * 6 + list(MONTHS)])
    ws.merge_cells("G1:R1")
    for c in range(1, 7):
        ws.merge_cells(start_row=1, start_column=c, end_row=3, end_column=c)
    return 3


@pytest.mark.parametrize("header", [_one_row, _years_merged, _period_merged, _quarters_over_months,
                                    _months_over_years, _dates, _three_rows], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("end", ["next_left_edge", "right_edge"])
def test_plain_lines_under_every_header_shape(tmp_path: Path, header, end: str) -> None:
    from import_builders import add_drawing, column

    wb, ws = new_workbook()
    depth = header(ws)
    runs = [(4, 6), (1, 1), (1, 12), (11, 12)]
    for i in range(len(runs)):
        write_sheet(ws, [[i + 1, f"โครงการ {i + 1}", "", 1000, "", "กองช่าง"]], start_row=depth + 1 + i)
    for c in range(7, 19):
        ws.column_dimensions[column(c)].width = 4.6
    wb.save(tmp_path / "l.xlsx")
    full = int(4.6 * 7 + 5) * 9525  # the last column's width as Excel counts it, in whole pixels
    lines = [_plain_line(depth + i, 6 + first - 1, 6 + last, 0) if end == "next_left_edge"
             else _plain_line(depth + i, 6 + first - 1, 6 + last - 1, full) for i, (first, last) in enumerate(runs)]
    add_drawing(tmp_path / "l.xlsx", lines)
    got = [p.months for p in read_file(tmp_path / "l.xlsx").projects]
    assert got == [frozenset(range(first, last + 1)) for first, last in runs]


# --- kind 3: split header words ----------------------------------------------------------------------------

def test_a_first_row_under_a_one_row_header_is_not_taken_for_label_words(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    write_sheet(ws, [["ที่", "โครงการ", "รายละเอียดงาน", "งบประมาณ", *MONTHS],
                     [1, "ถนน", "ลาดยาง", None, "✓"], [2, "โครงการ ข", "ทำ", 500, None, "✓"]])
    wb.save(tmp_path / "h.xlsx")
    result = read_file(tmp_path / "h.xlsx")
    assert result.sheets[0].header_row == 1
    assert [(p.name, p.details) for p in result.projects] == [("ถนน", "ลาดยาง"), ("โครงการ ข", "ทำ")]


def test_split_labels_are_reported_whole() -> None:
    sheet = read_file(LAYOUTS / "split_words_years.xlsx").sheets[0]
    assert sheet.header_row == 3
    assert sheet.columns["details"] == "C: รายละเอียดของ กิจกรรม"
    assert sheet.columns["unit"] == "F: หน่วยงาน รับผิดชอบหลัก"
    assert list(sheet.month_columns) == [chr(ord("G") + i) for i in range(12)]


# --- kind 4: subtotal rows -------------------------------------------------------------------------------

def test_subtotal_rows_are_named_in_the_warnings() -> None:
    result = read_file(LAYOUTS / "period_subtotals.xlsx")
    assert not any(p.name.startswith("รวม") for p in result.projects)
    assert any("แถวที่ 9, 13, 17, 18" in w and "ยอดรวม" in w for w in result.warnings)


def test_unlabelled_subtotals_are_recognised_by_their_sum() -> None:
    result = read_file(LAYOUTS / "period_unlabelled_totals.xlsx")
    assert all(p.name for p in result.projects)
    inferred = [w for w in result.warnings if "ไม่มีชื่อโครงการ" in w and "ยอดรวม" in w]
    assert [w.split("แถวที่ ")[1].split(":")[0] for w in inferred] == ["6", "9", "10", "14", "15", "16"]
    assert any("4,260,750.50" in w for w in inferred)  # the grand total


def test_a_nameless_row_that_adds_up_to_nothing_stays_a_project() -> None:
    result = read_file(LAYOUTS / "period_named_totals.xlsx")
    nameless = [p for p in result.projects if not p.name]
    assert len(nameless) == 1
    assert nameless[0].budget == Decimal("12000.00")
    assert "ไม่มีชื่อโครงการ" in nameless[0].warnings


def test_a_subtotal_that_does_not_add_up_is_pointed_out(tmp_path: Path) -> None:
    wb, ws = new_workbook()
    first = month_header(ws, 1, 1)
    write_sheet(ws, [["1.1 แผนงานเคหะและชุมชน"], [1, "ก", "", 1000, "", "กองช่าง"], [2, "ข", "", 2000, "", "กองช่าง"],
                     [None, "รวม", None, 3500]], start_row=3)
    mark(ws, 4, first, [1])
    mark(ws, 5, first, [2])
    wb.save(tmp_path / "s.xlsx")
    result = read_file(tmp_path / "s.xlsx")
    assert [p.name for p in result.projects] == ["ก", "ข"]
    assert any("แถวที่ 6" in w and "3,500.00" in w and "3,000.00" in w for w in result.warnings)


# --- the app's own template ------------------------------------------------------------------------------

def test_the_templates_instructions_sheet_is_passed_over_silently(demo_workspace, tmp_path: Path) -> None:
    from thaplan_desktop.exporting.xlsx import TemplateOptions, export_template

    edition = demo_workspace.find_edition()
    path = export_template(demo_workspace.plan_data(edition.id), tmp_path / "t.xlsx", "กองช่าง",
                           TemplateOptions(rows=5))
    wb = openpyxl.load_workbook(path)
    ws = wb["ผด.02"]
    ws["B8"], ws["D8"], ws["J8"] = "โครงการซ่อมถนน", 99000, "✓"
    wb.save(path)
    result = read_file(path)
    assert [p.name for p in result.projects] == ["โครงการซ่อมถนน"]
    assert result.warnings == []
    assert {s.name: s.status for s in result.sheets}["คำอธิบาย"] == "instructions"


def test_instruction_sheets_are_told_by_name_or_title() -> None:
    assert names_instructions("คำอธิบาย", "")
    assert names_instructions("Sheet3", "คำอธิบายการกรอกแบบฟอร์มแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563")
    assert names_instructions("วิธีกรอก", "")
    assert not names_instructions("บันทึกข้อความ", "บันทึกข้อความ ส่วนราชการ กองช่าง")


@pytest.mark.parametrize(("x0", "x1", "columns"), [
    (6.0, 9.0, [6, 7, 8]),      # from a left edge to the left edge of the next column
    (6.0, 8.9995, [6, 7, 8]),   # to the right edge of the last, as the program rounded it
    (5.97, 9.03, [6, 7, 8]),    # both ends a hair off the boundaries
    (6.5, 9.0, [6, 7, 8]),      # from the middle of a column: half of it
    (6.6, 9.0, [7, 8]),         # less than half of the first column
    (10.2, 10.7, [10]),         # a short line inside one column
    (9.0, 6.0, [6, 7, 8]),      # drawn right to left
])
def test_a_lines_extent_maps_to_columns(x0: float, x1: float, columns: list[int]) -> None:
    from thaplan_desktop.importing.marks import columns_under

    assert columns_under(x0, x1, range(6, 18)) == columns
