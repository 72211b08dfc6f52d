"""The progress report's figures on a small plan, against numbers computed by hand (not by the report's code).

The small plan (``small_plan.py``), as of 31 มีนาคม 2563:

| project | program | kind | budget | status | contracted | disbursed |
|---|---|---|---|---|---|---|
| ถนน 1 | ข | project | 100,000 | done (20 มี.ค.) | 95,000 | 30,000 + 65,000 |
| ถนน 2 | ข | project | 50,000 | not started (runs in เม.ย.) | – | – |
| อบรม | ค | project | 20,000 | not started (ran in ก.พ.: should have started) | – | – |
| งานประเพณี | ค | project | 30,000 | cancelled (งดจัดงาน) | – | – |
| ของ อบจ. | จ | project, another agency | 1,000,000 | not reported | – | – |
| เครื่องพิมพ์ | จ | equipment | 10,000 | done | – | 10,500 (over budget) |
| ลานกีฬา | จ | project | 300,000 | carried over (30 มี.ค.) | 280,000 | 100,000 on 15 ต.ค. 2563 |
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from thaplan_desktop.cli import main
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.report import build_report
from thaplan_desktop.workspace import Workspace

D = dt.date
B = Decimal


def report_of(small, as_of):
    with Workspace.open(small.path) as ws:
        plan, records = ws.progress_data(small.edition_id)
    return build_report(plan, records, as_of)


def counts(figures):
    return (figures.projects, figures.done, figures.in_progress, figures.not_started, figures.cancelled,
            figures.carried_over, figures.unknown)


def money(figures):
    return figures.budget, figures.contracted, figures.disbursed


def test_summary_by_strategy_program_and_kind_as_of_the_end_of_march(small):
    report = report_of(small, D(2020, 3, 31))
    a, b = report.strategies
    assert (a.label, [p.label for p in a.programs]) == ("1. ยุทธศาสตร์ ก", ["1.1 แผนงาน ข", "1.2 แผนงาน ค"])
    assert counts(a.programs[0].figures) == (2, 1, 0, 1, 0, 0, 0)
    assert money(a.programs[0].figures) == (B("150000"), B("95000"), B("95000"))
    assert counts(a.programs[1].figures) == (2, 0, 0, 1, 1, 0, 0)
    assert money(a.programs[1].figures) == (B("50000"), B("0"), B("0"))
    assert counts(a.figures) == (4, 1, 0, 2, 1, 0, 0)
    assert counts(b.figures) == (3, 1, 0, 0, 0, 1, 1)  # the equipment counts under its program's strategy
    assert money(b.figures) == (B("1310000"), B("280000"), B("10500"))
    assert counts(report.totals) == (7, 2, 0, 2, 1, 1, 1)
    assert money(report.totals) == (B("1510000"), B("375000"), B("105500"))
    assert counts(report.kinds[ProjectKind.PROJECT]) == (6, 1, 0, 2, 1, 1, 1)
    assert money(report.kinds[ProjectKind.EQUIPMENT]) == (B("10000"), B("0"), B("10500"))
    # 2/7, 0, 2/7, 1/7, 1/7, 1/7: each its own share rounded on its own (as ผด.01), so the three
    # sevenths print alike and the six add up to 100.01.
    assert list(report.totals.status_percentages().values()) == [
        B("28.57"), B("0.00"), B("28.57"), B("14.29"), B("14.29"), B("14.29")]
    assert report.totals.disbursed_percent == B("6.99")  # 105,500 / 1,510,000


def test_a_history_entered_out_of_order_gives_each_day_its_own_report(small):
    early = report_of(small, D(2020, 2, 15))
    # ถนน 1 in progress since 10 ม.ค. (typed after its "done"), งานประเพณี cancelled that very day,
    # ลานกีฬา not yet carried over and its contract (signed 1 มี.ค.) not yet counted.
    assert counts(early.totals) == (7, 1, 1, 3, 1, 0, 1)
    assert money(early.totals) == (B("1510000"), B("95000"), B("40500"))
    road = next(r for r in early.rows if r.project.name == "ถนน 1")
    assert (road.status, road.progress, road.since) == (TrackingStatus.IN_PROGRESS, 40, D(2020, 1, 10))
    before = report_of(small, D(2020, 1, 9))
    road = next(r for r in before.rows if r.project.name == "ถนน 1")
    assert (road.status, road.progress, road.disbursed) == (TrackingStatus.NOT_STARTED, 0, B("0"))
    after_the_year = report_of(small, D(2020, 10, 31))
    assert after_the_year.disbursed_after_year == B("100000")
    assert after_the_year.totals.disbursed == B("205500")


def test_planned_spending_by_month_and_cumulative_against_disbursed(small):
    report = report_of(small, D(2020, 3, 31))
    planned = [m.planned for m in report.spending]
    # ของ อบจ.: 1,000,000 / 12 → 83,333.34 in ต.ค.–ม.ค., 83,333.33 after; ถนน 1: 33,333.34 + 33,333.33 × 2;
    # ลานกีฬา: the officer's schedule (150,000 in ก.ค. and ก.ย.) replaces 100,000 a month.
    assert planned == [B("83333.34"), B("83333.34"), B("93333.34"), B("116666.68"), B("136666.66"),
                       B("146666.66"), B("133333.33"), B("83333.33"), B("83333.33"), B("233333.33"),
                       B("83333.33"), B("233333.33")]
    assert [m.planned_cumulative for m in report.spending][5] == B("660000.02")
    assert report.spending[-1].planned_cumulative == B("1510000.00")
    assert [m.disbursed for m in report.spending] == [
        B("0"), B("0"), B("10500"), B("0"), B("30000"), B("65000"), None, None, None, None, None, None]
    assert [m.disbursed_cumulative for m in report.spending][:6] == [
        B("0"), B("0"), B("10500"), B("10500"), B("40500"), B("105500")]


def test_flags_problems_and_the_per_project_table(small):
    report = report_of(small, D(2020, 3, 31))
    assert [r.project.name for r in report.late] == ["อบรม"]
    assert [r.project.name for r in report.overspent] == ["เครื่องพิมพ์"]
    assert [(r.project.name, r.reason) for r in report.cancelled] == [("งานประเพณี", "งดจัดงาน")]
    assert [(p.name, p.unit, p.problems) for p in report.problems] == [("ถนน 1", "กองช่าง", "ฝนตกหนัก")]
    assert [(b.kind, b.group_lines[-1], [r.project.name for r in b.rows]) for b in report.blocks] == [
        (ProjectKind.PROJECT, "1.1 แผนงาน ข", ["ถนน 1", "ถนน 2"]),
        (ProjectKind.PROJECT, "1.2 แผนงาน ค", ["อบรม", "งานประเพณี"]),
        (ProjectKind.PROJECT, "2.1 แผนงาน จ", ["ของ อบจ.", "ลานกีฬา"]),
        (ProjectKind.EQUIPMENT, "1.1 แผนงาน จ", ["เครื่องพิมพ์"]),
    ]
    road = report.rows[0]
    assert (road.remaining, road.contracted, road.officer) == (B("5000"), B("95000"), "นายช่าง")


def test_report_progress_json_is_the_contract_of_interfaces(small, capsys):
    assert main(["report", "progress", "--db", str(small.path), "--as-of", "2563-03-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)

    def figures(projects, done, in_progress, not_started, cancelled, carried_over, unknown, budget, contracted,
                disbursed):
        return {"projects": projects, "done": done, "in_progress": in_progress, "not_started": not_started,
                "cancelled": cancelled, "carried_over": carried_over, "unknown": unknown, "budget": budget,
                "contracted": contracted, "disbursed": disbursed}

    assert data == {
        "as_of": "2563-03-31", "year": 2563, "edition": "main",
        "strategies": [
            {"name": "ยุทธศาสตร์ ก", **figures(4, 1, 0, 2, 1, 0, 0, "200000.00", "95000.00", "95000.00"),
             "programs": [
                 {"name": "แผนงาน ข", **figures(2, 1, 0, 1, 0, 0, 0, "150000.00", "95000.00", "95000.00")},
                 {"name": "แผนงาน ค", **figures(2, 0, 0, 1, 1, 0, 0, "50000.00", "0.00", "0.00")}]},
            {"name": "ยุทธศาสตร์ ง", **figures(3, 1, 0, 0, 0, 1, 1, "1310000.00", "280000.00", "10500.00"),
             "programs": [
                 {"name": "แผนงาน จ", **figures(3, 1, 0, 0, 0, 1, 1, "1310000.00", "280000.00", "10500.00")}]},
        ],
        "totals": {**figures(7, 2, 0, 2, 1, 1, 1, "1510000.00", "375000.00", "105500.00"),
                   "kinds": {"project": figures(6, 1, 0, 2, 1, 1, 1, "1500000.00", "375000.00", "95000.00"),
                             "equipment": figures(1, 1, 0, 0, 0, 0, 0, "10000.00", "0.00", "10500.00")}},
    }
    # The same day typed in the Christian era: the same report, and stderr says which BE date was used.
    assert main(["report", "progress", "--db", str(small.path), "--as-of", "2020-03-31", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == data
    assert "2563-03-31" in err


def test_the_report_workbook_carries_the_same_figures(small, tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    assert main(["report", "progress", "--db", str(small.path), "--as-of", "31 มี.ค. 2563", "--out", str(out)]) == 0
    assert "r.xlsx" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames == ["สรุป", "รายโครงการ", "การเบิกจ่ายรายเดือน", "ปัญหาและอุปสรรค"]
    summary = book["สรุป"]
    rows = [[c.value for c in row] for row in summary.iter_rows()]
    grand = next(r for r in rows if r[0] == "รวมทั้งสิ้น")
    # 1/7 three times: 14.29 each, as a calculator gives it (the six shares add up to 100.01).
    assert grand[1:] == [7, 2, 28.57, 0, 0, 2, 28.57, 1, 14.29, 1, 14.29, 1, 14.29, 1510000, 375000, 105500, 6.99]
    assert summary.cell(1, 1).value == "สรุปผลการดำเนินงานตามยุทธศาสตร์และแผนงาน"
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2563" in [r[0] for r in rows]
    money_cell = next(c for row in summary.iter_rows() for c in row if c.value == 1510000)
    assert money_cell.number_format == "#,##0.00"
    spending = [[c.value for c in row] for row in book["การเบิกจ่ายรายเดือน"].iter_rows()]
    march = next(r for r in spending if r[0] == "มี.ค. 63")
    assert march[:6] == [pytest.approx(x) for x in ("มี.ค. 63", 146666.66, 660000.02, 65000, 105500, 15.98)]
    projects = [[c.value for c in row] for row in book["รายโครงการ"].iter_rows()]
    printer = next(r for r in projects if r[1] == "เครื่องพิมพ์")
    assert printer[3:10] == [10000, "ดำเนินการแล้วเสร็จ", 100, None, 10500, -500, "เบิกจ่ายเกินงบประมาณ"]
    problems = [[c.value for c in row] for row in book["ปัญหาและอุปสรรค"].iter_rows()]
    assert [1, "ถนน 1", "กองช่าง", "ดำเนินการแล้วเสร็จ", "ฝนตกหนัก"] in problems
    assert [1, "งานประเพณี", "สำนักปลัด", "ยกเลิก", "งดจัดงาน"] in problems


def test_report_errors_are_one_thai_line(small, tmp_path, capsys):
    base = ["report", "progress", "--db", str(small.path)]
    assert main([*base, "--as-of", "2563-03-31", "--out", str(tmp_path / "r.doc")]) == 1
    assert capsys.readouterr().err.startswith("thaplan: รูปแบบไฟล์ .doc ไม่รองรับ: ใช้ .xlsx หรือ .pdf")
    assert not (tmp_path / "r.doc").exists()
    assert main([*base, "--json"]) == 1
    assert "--as-of" in capsys.readouterr().err
    assert main([*base, "--as-of", "2350-03-31", "--json"]) == 1
    assert "ไม่ใช่ทั้ง พ.ศ. และ ค.ศ." in capsys.readouterr().err
    assert main([*base, "--as-of", "2563-03-31"]) == 1
    assert "--json หรือ --out" in capsys.readouterr().err


def test_a_round_gives_its_as_of_date_and_title(small, capsys):
    assert main(["report", "progress", "--db", str(small.path), "--round", "6m", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2563-03-31"
    assert main(["report", "progress", "--db", str(small.path), "--round", "q1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["as_of"], data["totals"]["done"], data["totals"]["disbursed"]) == ("2562-12-31", 1, "10500.00")
    report = report_of(small, D(2020, 3, 31))
    assert report.title_lines[0] == "รายงานผลการติดตามและประเมินผลแผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"
