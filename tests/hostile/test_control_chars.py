"""Control characters (NUL, BEL, ESC …) never enter a plan, whatever brings them — a JSON or CSV file, a
workbook, the workspace's editors, a command-line argument — and a plan that already holds them still
exports. Nothing the command line prints carries a terminal escape."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from attacks import number, project_rows, text, xlsx
from demo_state import DEMO_TODAY
from hostile_kit import assert_one_thai_line, cli, fingerprint
from icalendar import Calendar

from thaplan_desktop.domain.procedure import StepRecord
from thaplan_desktop.domain.tracking import RoundKind, TrackingStatus
from thaplan_desktop.workspace import (
    NewDisbursement,
    NewStatus,
    ProcurementFields,
    ProjectFields,
    RoundFields,
    StrategyUpdate,
    TrackingFields,
    Workspace,
)

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
NASTY = f"โครงการ\x00ซ่อม{ESCAPES}ถนน\x08\x7f\x9b"

pytestmark = pytest.mark.slow


def _names(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[0] for row in con.execute(
            "SELECT name FROM project UNION ALL SELECT name FROM strategy UNION ALL SELECT name FROM unit "
            "UNION ALL SELECT name FROM organisation")]
    finally:
        con.close()


def _clean(names: list[str]) -> bool:
    return not any(ch < " " and ch not in "\t\n" or "\x7f" <= ch <= "\x9f" for name in names for ch in name)


def test_a_name_argument_with_escapes_is_refused_and_never_echoed(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    run = cli("new", "--db", db, "--name", f"อบต.ทดสอบ{ESCAPES}", "--district", "เมือง", "--province", "ตรัง",
              "--year", "2563")
    assert run.code == 2
    assert "␛" in assert_one_thai_line(run.err)
    assert "\x1b" not in run.out + run.err
    assert not db.exists()


def test_json_with_control_characters_imports_clean_and_exports(tmp_path: Path, plan: Path) -> None:
    path = tmp_path / "รายการ.json"
    path.write_text(json.dumps({"ok": True, "error": None, "projects": [
        {"kind": "project", "name": NASTY, "details": "ลาด\x07ยาง", "budget": "5000.00", "location": "หมู่\x1b 1",
         "unit": "กอง\x00ช่าง", "months": [1], "strategy": f"ยุทธศาสตร์{ESCAPES}ใหม่", "plan": "แผนงาน\x1bเคหะ",
         "equipment_type": ""}]}, ensure_ascii=True), encoding="utf-8")
    preview = cli("import-preview", path)
    assert preview.code == 0, preview.err
    assert "\x1b" not in preview.out + preview.err
    run = cli("import", "--db", plan, path)
    assert run.code == 0, run.err
    assert "\x1b" not in run.out + run.err
    assert "โครงการซ่อม]0;pwned[2J[31mถนน" in _names(plan)
    assert _clean(_names(plan))
    assert cli("export-xlsx", "--db", plan, "--out", tmp_path / "out.xlsx").code == 0


def test_a_csv_with_control_characters_imports_clean(tmp_path: Path, plan: Path) -> None:
    csv = tmp_path / "ผด02.csv"
    csv.write_text("ที่,โครงการ,งบประมาณ (บาท),หน่วยงานรับผิดชอบหลัก\n1,งาน\x07ตัดหญ้า,3000,กอง\x1bช่าง\n"
                   "2,งาน\x1b[31mล้างท่อ,4000,กองช่าง\n", encoding="utf-8")
    run = cli("import", "--db", plan, csv)
    assert run.code == 0, run.err
    assert "\x1b" not in run.out
    assert {"งานตัดหญ้า", "งาน[31mล้างท่อ"} <= set(_names(plan))
    assert _clean(_names(plan))


def test_a_workbook_holding_raw_control_characters_is_refused_in_one_thai_line(tmp_path: Path, plan: Path) -> None:
    """XML cannot hold them (Excel writes ``_x001B_``): such a part is damaged, and said so."""
    book = xlsx(tmp_path / "ผด02.xlsx", [*project_rows([number("D{r}", 5000)]),
                                         f'<row r="3">{number("A3", 2)}{text("B3", NASTY)}{number("D3", 7000)}</row>'])
    before = fingerprint(plan)
    run = cli("import", "--db", plan, book)
    assert run.code == 1
    assert "เสียหาย" in assert_one_thai_line(run.err)
    assert fingerprint(plan) == before


def test_every_edit_of_the_workspace_drops_them(plan: Path) -> None:
    with Workspace.open(plan) as ws:
        edition = ws.find_edition().id
        ws.add_project(edition, ProjectFields(name="งานทดสอบ" + NASTY, details="บรรทัด\nที่สอง\tแท็บ\x07",
                                              budget=1, months={1}))
        strategy = ws.strategies()[0]
        ws.update_strategy(strategy.id, StrategyUpdate(name=f"ยุทธศาสตร์{ESCAPES}"))
        ws.add_unit(f"กอง{ESCAPES}ใหม่")
        project = next(p for p in ws.projects(edition) if p.name.startswith("งานทดสอบ"))
    assert project.details == "บรรทัด\nที่สอง\tแท็บ"  # line breaks and tabs stay where text allows them
    assert _clean(_names(plan))


def test_a_plan_that_already_holds_them_still_exports_and_prints_none(tmp_path: Path, plan: Path) -> None:
    con = sqlite3.connect(plan)  # as an older ThaPlan stored them
    with con:
        con.execute("UPDATE project SET name = ? WHERE id = (SELECT min(id) FROM project)", (NASTY,))
        con.execute("UPDATE organisation SET name = ?", (f"อบต.{ESCAPES}ทดสอบ",))
        con.execute("UPDATE unit SET name = ? WHERE id = (SELECT min(id) FROM unit)", (f"กอง{ESCAPES}",))
    con.close()
    before = fingerprint(plan)
    for args in (("export-xlsx", "--out", tmp_path / "a.xlsx"),
                 ("export-template", "--unit", "กองช่าง", "--out", tmp_path / "t.xlsx"),
                 ("info",), ("status",)):
        run = cli(args[0], "--db", plan, *args[1:])
        assert run.code == 0, (args, run.err)
        assert "\x1b" not in run.out + run.err
        assert "\x07" not in run.out
    assert fingerprint(plan) == before


def _texts(db: Path, *columns: str) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[0] for column in columns for row in con.execute(f"SELECT {column}") if row[0]]
    finally:
        con.close()


TRACKING_TEXTS = ("reason FROM tracking_status", "problems FROM project_tracking", "officer FROM project_tracking",
                  "note FROM disbursement", "note FROM report_round", "procurement_method FROM project",
                  "egp_plan_code FROM project", "note FROM procedure_step", "forced_reason FROM procedure_step")


def test_tracking_procurement_and_procedure_texts_drop_them(plan: Path) -> None:
    with Workspace.open(plan) as ws:
        edition = ws.find_edition()
        project = ws.projects(edition.id)[0].id
        ws.record_status(project, NewStatus(TrackingStatus.CANCELLED, dt.date(2020, 3, 2), reason=f"เหตุ{ESCAPES}ผล"),
                         today=DEMO_TODAY)
        ws.update_tracking(project, TrackingFields(problems=f"ฝน\x00ตก\nน้ำท่วม{ESCAPES}", officer="นาย\x1bก"),
                           today=DEMO_TODAY)
        ws.add_disbursement(project, NewDisbursement(dt.date(2020, 3, 3), Decimal("100.00"), "งวด\x07ที่ 1"),
                            today=DEMO_TODAY)
        ws.set_report_round(edition.fiscal_year, RoundKind.Q1, RoundFields(as_of=dt.date(2019, 12, 31),
                                                                           note=f"รอบ{ESCAPES}แรก"))
        ws.set_procurement({project: ProcurementFields(method="เฉพาะ\x1bเจาะจง", egp_code="P68\x0001")})
        ws.record_steps(edition.id, [StepRecord("announce", "done", dt.date(2019, 9, 1), note=f"ที่{ESCAPES} 1/2562",
                                                forced_reason="ไม่\x07ทราบ")], label="ทดสอบ")
    texts = _texts(plan, *TRACKING_TEXTS)
    assert {"เหตุ]0;pwned[2J[31mผล", "ฝนตก\nน้ำท่วม]0;pwned[2J[31m", "งวดที่ 1", "P6801",
            "เฉพาะเจาะจง"} <= set(texts)
    assert _clean(texts)


def test_a_progress_json_with_control_characters_imports_clean(tmp_path: Path, plan: Path) -> None:
    with Workspace.open(plan) as ws:
        project = ws.projects(ws.find_edition().id)[0]
        unit = next(u.name for u in ws.units() if u.id == project.unit_id)
    path = tmp_path / "ผลการดำเนินงาน.json"
    path.write_text(json.dumps({"as_of": "2563-04-30", "records": [
        {"name": project.name, "unit": unit, "status": "in_progress", "progress": 40,
         "disbursements": [{"date": "2563-04-01", "amount": "1200.50", "note": f"งวด{ESCAPES}แรก"}],
         "problems": f"รอ\x00วัสดุ{ESCAPES}"}]}, ensure_ascii=True), encoding="utf-8")
    run = cli("import-progress", "--db", plan, path)
    assert run.code == 0, run.err
    assert "\x1b" not in run.out + run.err
    texts = _texts(plan, *TRACKING_TEXTS)
    assert {"งวด]0;pwned[2J[31mแรก", "รอวัสดุ]0;pwned[2J[31m"} <= set(texts)
    assert _clean(texts)


def test_a_plan_that_already_holds_them_writes_every_workbook_and_calendar(tmp_path: Path, plan: Path) -> None:
    con = sqlite3.connect(plan)  # as an older ThaPlan stored them
    with con:
        con.execute("UPDATE project SET name = ?, egp_plan_code = ? WHERE id IN (SELECT id FROM project "
                    "WHERE unit_id = (SELECT id FROM unit WHERE name = 'กองช่าง'))", (NASTY, "P\x1b1"))
        con.execute("UPDATE project_tracking SET problems = ?", (NASTY,))
        con.execute("UPDATE strategy SET name = ? WHERE id = (SELECT min(id) FROM strategy)", (NASTY,))
    con.close()
    before = fingerprint(plan)
    for args in (("export-progress", "--unit", "กองช่าง", "--out", tmp_path / "p.xlsx"),
                 ("report", "progress", "--as-of", "2563-04-30", "--out", tmp_path / "r.xlsx"),
                 ("export-procurement", "--out", tmp_path / "pr.xlsx"),
                 ("calendar", "--ics", tmp_path / "c.ics")):
        run = cli(*args[:-2], "--db", plan, *args[-2:])
        assert run.code == 0, (args, run.err)
        assert "\x1b" not in run.out + run.err
    report = cli("report", "progress", "--db", plan, "--as-of", "2563-04-30", "--json")
    assert report.code == 0, report.err
    assert not any(ch < " " and ch not in "\n" or "\x7f" <= ch <= "\x9f" for ch in report.out)
    assert NASTY in [s["name"] for s in json.loads(report.out)["strategies"]]  # the same JSON, controls escaped
    ics = (tmp_path / "c.ics").read_bytes().decode("utf-8")
    assert not any(ch < " " and ch not in "\r\n" or "\x7f" <= ch <= "\x9f" for ch in ics)
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert "โครงการซ่อม]0;pwned[2J[31mถนน" in summaries
    assert fingerprint(plan) == before
