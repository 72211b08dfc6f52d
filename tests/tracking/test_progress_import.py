"""Departments report back: the progress workbook out and in, foreign workbooks and JSON matched by name,
a preview of every row, all or nothing after a backup, and importing the same file twice changing nothing."""

from __future__ import annotations

import json
from decimal import Decimal

from dbsnapshot import dump, rows
from openpyxl import Workbook, load_workbook

from thaplan_desktop.cli import main
from thaplan_desktop.db.backup import backup_infos
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.paths import backups_dir
from thaplan_desktop.tracking import forms
from thaplan_desktop.workspace import ProjectFields, ServerAddress, Workspace


def export(small, tmp_path, capsys, unit="กองช่าง"):
    path = tmp_path / "progress.xlsx"
    assert main(["export-progress", "--db", str(small.path), "--unit", unit, "--out", str(path)]) == 0
    assert f"ของ{unit}" in capsys.readouterr().out
    return path


def rows_by_name(sheet):
    header = next(r for r in range(1, 20) if sheet.cell(r, 2).value == "โครงการ")
    return {sheet.cell(r, 2).value: r for r in range(header + 2, sheet.max_row + 1)
            if isinstance(sheet.cell(r, 1).value, int)}


def column(title):
    headers = (*forms.PLAN_HEADERS, forms.STATUS_HEADER, forms.PROGRESS_HEADER, forms.CONTRACT_HEADER)
    return headers.index(title) + 1


def month_column(month):
    return len(forms.PLAN_HEADERS) + 4 + month - 1


def import_(small, *files, extra=()):
    return main(["import-progress", "--db", str(small.path), *extra, *map(str, files)])


def _dated(values):
    return tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in values)


def statuses(location, project_id):
    found = [r for r in rows(location, "tracking_status") if r["project_id"] == project_id]
    return [_dated((r["effective_on"], r["status"], r["progress"], r["reason"]))
            for r in sorted(found, key=lambda r: str(r["effective_on"]))]


def payments(location, project_id):
    found = [r for r in rows(location, "disbursement") if r["project_id"] == project_id]
    return [_dated((r["paid_on"], r["amount_satang"], r["note"]))
            for r in sorted(found, key=lambda r: (str(r["paid_on"]), r["id"]))]


def test_the_workbook_shows_the_units_projects_protected_with_cells_to_fill(small, tmp_path, capsys):
    book = load_workbook(export(small, tmp_path, capsys))
    assert book.sheetnames == [forms.HELP_SHEET, forms.PROGRESS_SHEET]
    assert book[forms.HELP_SHEET].cell(5, 1).value == "วิธีกรอกแบบรายงานผลการดำเนินงาน"
    sheet = book[forms.PROGRESS_SHEET]
    found = rows_by_name(sheet)
    assert list(found) == ["ถนน 1", "ถนน 2", "ลานกีฬา"]  # กองช่าง's, in ผด.02 order
    road = found["ถนน 1"]
    key_col = month_column(12) + 3
    assert sheet.cell(7, key_col).value == forms.KEY_HEADER
    assert sheet.column_dimensions[sheet.cell(1, key_col).column_letter].hidden
    with Workspace.open(small.path) as ws:
        assert sheet.cell(road, key_col).value == ws.project(small.ids["ถนน 1"]).uuid
    assert sheet.cell(road, column("งบประมาณ (บาท)")).value == 100000
    assert sheet.cell(road, column("ระยะเวลาตามแผน")).value == "ม.ค.–มี.ค."
    assert sheet.cell(road, column(forms.STATUS_HEADER)).value == "ดำเนินการแล้วเสร็จ"  # what is known is shown
    assert sheet.cell(road, month_column(5)).value == 30000  # ก.พ. 63
    assert sheet.cell(found["ถนน 2"], column(forms.STATUS_HEADER)).value is None
    assert sheet.protection.sheet
    assert sheet.cell(road, column("โครงการ")).protection.locked
    assert not sheet.cell(road, column(forms.STATUS_HEADER)).protection.locked
    assert not sheet.cell(road, month_column(7)).protection.locked
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert lists == ['"ยังไม่ได้ดำเนินการ,อยู่ระหว่างดำเนินการ,ดำเนินการแล้วเสร็จ,ยกเลิก,กันเงินไว้เบิกจ่ายปีถัดไป"']


def test_names_that_look_like_formulas_stay_text(small, tmp_path, capsys):
    with Workspace.open(small.path) as ws:
        for name in ("=HYPERLINK(\"http://x\",\"x\")", "+1+2", "-3", "@SUM(A1)"):
            ws.add_project(small.edition_id, ProjectFields(kind=ProjectKind.PROJECT, name=name, details="=1+1",
                                                           budget=Decimal(1), months={7}, unit_name="กองช่าง"))
    sheet = load_workbook(export(small, tmp_path, capsys))[forms.PROGRESS_SHEET]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} >= {"=HYPERLINK(\"http://x\",\"x\")", "+1+2", "-3", "@SUM(A1)", "=1+1"}
    assert all(c.data_type == "s" for c in cells)
    out = tmp_path / "r.xlsx"
    assert main(["report", "progress", "--db", str(small.path), "--as-of", "2563-05-01", "--out", str(out)]) == 0
    report = load_workbook(out)["รายโครงการ"]
    names = [c for row in report.iter_rows() for c in row if c.value == "+1+2"]
    assert [c.data_type for c in names] == ["s"]


def test_our_workbook_filled_in_imports_by_key_and_twice_changes_nothing(small, tmp_path, capsys):
    path = export(small, tmp_path, capsys)
    book = load_workbook(path)
    sheet = book[forms.PROGRESS_SHEET]
    found = rows_by_name(sheet)
    sheet.cell(5, 3).value = "2563-04-30"
    road = found["ถนน 2"]
    sheet.cell(road, column(forms.STATUS_HEADER)).value = "อยู่ระหว่างดำเนินการ"
    sheet.cell(road, column(forms.PROGRESS_HEADER)).value = 30
    sheet.cell(road, month_column(7)).value = 12000  # เม.ย. 63
    sheet.cell(road, month_column(12) + 1).value = "รอวัสดุ"
    book.save(path)
    backups = backup_infos(small.path, backups_dir())
    before = dump(small.path)
    assert import_(small, path) == 0
    out = capsys.readouterr().out
    assert "ข้อมูล ณ วันที่ 2563-04-30" in out
    assert "“ถนน 2” → ตรงกับโครงการในแผน (จับคู่ด้วยรหัสอ้างอิง)" in out
    assert "สถานะ: อยู่ระหว่างดำเนินการ ร้อยละ 30 ตั้งแต่ 30 เม.ย. 2563" in out
    assert "เบิกจ่าย 12,000.00 บาท (30 เม.ย. 2563 ตามแบบรายงานผลการดำเนินงาน)" in out
    assert "นำเข้าแล้ว: 1 โครงการ (1 สถานะ, 1 รายการเบิกจ่าย)" in out
    now = backup_infos(small.path, backups_dir())
    if isinstance(small.path, ServerAddress):  # one transaction; a server's backups are its administrator's
        assert now == backups
        assert "บนเซิร์ฟเวอร์: นำเข้าในครั้งเดียวทั้งหมด" in out
    else:
        # A backup first: the newest holds the plan as it was (the import's own copy, or the day's copy the
        # import found unchanged and so did not make again).
        assert now
        assert dump(now[0].path) == before
        assert "สำรองข้อมูลไว้ก่อนนำเข้าแล้ว" in out
    project = small.ids["ถนน 2"]
    assert statuses(small.path, project) == [("2020-04-30", "in_progress", 30, "")]
    assert payments(small.path, project) == [("2020-04-30", 1_200_000, forms.IMPORTED_NOTE)]
    after = dump(small.path)
    assert import_(small, path) == 0
    assert "ไม่มีข้อมูลที่เปลี่ยนแปลง" in capsys.readouterr().out
    assert dump(small.path) == after
    # The month's total raised: only what it adds is a new disbursement.
    sheet.cell(road, month_column(7)).value = 20000
    book.save(path)
    assert import_(small, path) == 0
    capsys.readouterr()
    assert [p[1] for p in payments(small.path, project)] == [1_200_000, 800_000]
    # Lowered below what is recorded: refused, nothing written.
    sheet.cell(road, month_column(7)).value = 5000
    book.save(path)
    before = dump(small.path)
    assert import_(small, path) == 1
    out, err = capsys.readouterr()
    assert "! ยอดเบิกจ่ายเดือน เม.ย. ในไฟล์ (5,000.00) น้อยกว่าที่บันทึกไว้แล้ว (20,000.00 บาท)" in out
    assert err.startswith("thaplan: ไม่ได้นำเข้า")
    assert dump(small.path) == before


def test_an_unchanged_workbook_of_the_demo_imports_as_nothing(demo_location, tmp_path, capsys):
    path = tmp_path / "kongchang.xlsx"
    assert main(["export-progress", "--db", str(demo_location), "--unit", "กองช่าง", "--out", str(path)]) == 0
    before = dump(demo_location)
    assert main(["import-progress", "--db", str(demo_location), "--as-of", "2563-05-15", str(path)]) == 0
    out = capsys.readouterr().out
    assert "จับคู่ได้ 24 แถว, จับคู่ไม่ได้ 0 แถว, มีปัญหา 0 แถว" in out
    assert "ไม่มีข้อมูลที่เปลี่ยนแปลง" in out
    assert dump(demo_location) == before


def foreign_workbook(path, rows, *, as_of="ข้อมูล ณ วันที่ 30 เมษายน 2563"):
    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการดำเนินงาน"
    sheet.append(["รายงานผลการดำเนินงาน ประจำปีงบประมาณ 2563"])
    sheet.append([as_of])
    sheet.append(["ลำดับ", "ชื่อโครงการ", "งบประมาณ", "หน่วยงาน", "สถานะ", "ร้อยละความคืบหน้า", "เบิกจ่าย (บาท)",
                  "ปัญหาและอุปสรรค"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    book.save(path)
    return path


def test_a_foreign_workbook_matches_by_name_within_unit_ignoring_spaces(small, tmp_path, capsys):
    path = foreign_workbook(tmp_path / "กองช่าง.xlsx", [
        ("ถนน 2", 50000, "กองช่าง", "อยู่ระหว่างดำเนินการ", 20, 5000, None),
        ("อ บ ร ม", None, "สำนัก ปลัด", "แล้วเสร็จ", None, None, "ผู้เข้าร่วมน้อย"),
        ("ถนน 2", None, "สำนักปลัด", "แล้วเสร็จ", None, None, None),
        ("โครงการที่ไม่มีในแผน", 1000, "กองช่าง", "แล้วเสร็จ", None, None, None),
    ])
    before = dump(small.path)
    assert import_(small, path) == 1
    out, err = capsys.readouterr()
    assert "แถวที่ 4: “ถนน 2” → ตรงกับโครงการในแผน (จับคู่ด้วยชื่อ)" in out
    assert "แถวที่ 5: “อ บ ร ม” → ตรงกับโครงการในแผน (จับคู่ด้วยชื่อ)" in out
    assert "แถวที่ 6: “ถนน 2” → ไม่พบโครงการนี้ในแผนของสำนักปลัด (พบชื่อนี้ในกองช่าง)" in out
    assert "แถวที่ 7: “โครงการที่ไม่มีในแผน” → ไม่พบโครงการนี้ในแผนของกองช่าง" in out
    assert "จับคู่ได้ 2 แถว, จับคู่ไม่ได้ 2 แถว" in out
    assert "--skip-unmatched" in err
    assert dump(small.path) == before  # nothing imported
    assert import_(small, path, extra=["--skip-unmatched"]) == 0
    assert "ข้าม 2 แถวที่จับคู่ไม่ได้" in capsys.readouterr().out
    assert statuses(small.path, small.ids["ถนน 2"]) == [("2020-04-30", "in_progress", 20, "")]
    assert payments(small.path, small.ids["ถนน 2"]) == [("2020-04-30", 500_000, forms.IMPORTED_NOTE)]
    assert statuses(small.path, small.ids["อบรม"]) == [("2020-04-30", "done", 100, "")]


def test_an_ambiguous_name_is_listed_and_the_budget_breaks_the_tie(small, tmp_path, capsys):
    with Workspace.open(small.path) as ws:
        for budget in (10000, 20000):
            ws.add_project(small.edition_id, ProjectFields(kind=ProjectKind.PROJECT, name="ซ่อมถนน",
                                                           budget=Decimal(budget), months={7}, unit_name="กองช่าง"))
        repair = [p.id for p in ws.projects(small.edition_id) if p.name == "ซ่อมถนน"]
    path = foreign_workbook(tmp_path / "a.xlsx", [("ซ่อมถนน", None, "กองช่าง", "แล้วเสร็จ", None, None, None)])
    assert import_(small, path) == 1
    out = capsys.readouterr().out
    assert "“ซ่อมถนน” → ชื่อตรงกับ 2 โครงการ (กองช่าง 10,000 บาท; กองช่าง 20,000 บาท)" in out
    path = foreign_workbook(tmp_path / "b.xlsx", [("ซ่อม ถนน", 20000, "กองช่าง", "แล้วเสร็จ", None, None, None)])
    assert import_(small, path) == 0
    assert "(จับคู่ด้วยชื่อและงบประมาณ)" in capsys.readouterr().out
    assert statuses(small.path, repair[0]) == []
    assert statuses(small.path, repair[1]) == [("2020-04-30", "done", 100, "")]


def test_the_json_of_interfaces_imports_and_twice_changes_nothing(small, tmp_path, capsys):
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"as_of": "2020-04-30", "records": [
        {"name": "ถนน 2", "unit": "กองช่าง", "status": "in_progress", "progress": 25,
         "disbursements": [{"date": "2563-04-20", "amount": "1200.50", "note": ""},
                           {"date": "2563-04-28", "amount": "1200.50", "note": "งวดที่ 2"}],
         "problems": "รอวัสดุ"},
        {"name": "อบรม", "unit": "สำนักปลัด", "status": "cancelled", "problems": "ไม่มีผู้สมัคร",
         "as_of": "2563-03-15"},
        {"name": "ของ อบจ.", "unit": "อบจ.ทดสอบ", "status": "unknown"},
    ]}, ensure_ascii=False), encoding="utf-8")
    assert import_(small, path) == 0
    out = capsys.readouterr().out
    assert "ข้อมูล ณ วันที่ 2563-04-30 (ในไฟล์เป็นปี ค.ศ.)" in out
    assert statuses(small.path, small.ids["ถนน 2"]) == [("2020-04-30", "in_progress", 25, "")]
    assert payments(small.path, small.ids["ถนน 2"]) == [("2020-04-20", 120_050, ""), ("2020-04-28", 120_050, "งวดที่ 2")]
    assert statuses(small.path, small.ids["อบรม"]) == [("2020-03-15", "cancelled", None, "ไม่มีผู้สมัคร")]
    assert statuses(small.path, small.ids["ของ อบจ."]) == []  # not reported is what it already was
    after = dump(small.path)
    assert import_(small, path) == 0
    assert "ไม่มีข้อมูลที่เปลี่ยนแปลง" in capsys.readouterr().out
    assert dump(small.path) == after


def test_one_bad_row_in_any_file_imports_nothing(small, tmp_path, capsys):
    good = foreign_workbook(tmp_path / "good.xlsx", [("ถนน 2", None, "กองช่าง", "แล้วเสร็จ", None, None, None)])
    bad = foreign_workbook(tmp_path / "bad.xlsx", [("อบรม", None, "สำนักปลัด", "เสร็จไปครึ่งหนึ่ง", None, None, None),
                                                   ("ถนน 1", None, "กองช่าง", "ยกเลิก", None, None, None)])
    before = dump(small.path)
    assert import_(small, good, bad) == 1
    out, err = capsys.readouterr()
    assert "! สถานะ: ไม่รู้จักสถานะ “เสร็จไปครึ่งหนึ่ง”" in out
    assert "! กรุณาระบุเหตุผลที่ยกเลิกโครงการ" in out
    assert err.startswith("thaplan: ไม่ได้นำเข้า: มี 2 แถวที่นำเข้าไม่ได้")
    assert dump(small.path) == before


def test_a_file_that_is_not_a_report_is_one_thai_line(small, tmp_path, capsys):
    note = tmp_path / "note.xlsx"
    note.write_text("not a workbook", encoding="utf-8")
    assert import_(small, note) == 1
    assert capsys.readouterr().err.startswith("thaplan: นำเข้าไม่ได้ (ยังไม่ได้บันทึกไฟล์ใดเลย)")
    plain = tmp_path / "plain.json"
    plain.write_text('{"projects": []}', encoding="utf-8")
    assert import_(small, plain) == 1
    assert "ไม่ใช่ไฟล์ JSON ผลการดำเนินงาน" in capsys.readouterr().err
