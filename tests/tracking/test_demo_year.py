"""The demo plan in use: an announced main edition half-way through its year, and a draft additional edition."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from demo_state import DEMO_TODAY, DEMO_YEAR

from thaplan_desktop.cli import main
from thaplan_desktop.demo import build_demo
from thaplan_desktop.demo.tracking import CANCELLED, DEMO_LOGIN
from thaplan_desktop.domain.model import EditionStatus
from thaplan_desktop.domain.tracking import RoundKind, TrackingStatus
from thaplan_desktop.tracking.report import build_report

D = dt.date
S = TrackingStatus


def test_the_main_edition_carries_a_realistic_mid_year(demo_workspace):
    edition = demo_workspace.find_edition(DEMO_YEAR, "main")
    assert edition.status is EditionStatus.ANNOUNCED
    plan, records = demo_workspace.progress_data(edition.id)
    report = build_report(plan, records, DEMO_TODAY)
    statuses = Counter(r.status for r in report.rows)
    assert statuses[S.DONE] > 20
    assert statuses[S.IN_PROGRESS] > 20
    assert statuses[S.CANCELLED] == 1
    assert statuses[S.UNKNOWN] >= 2  # other agencies' projects, partly not reported
    external = [r for r in report.rows if r.external]
    assert any(r.status is not S.UNKNOWN for r in external)
    assert len(report.late) >= 5  # the officer's calls to make
    (cancelled,) = report.cancelled
    assert (cancelled.project.name, bool(cancelled.reason)) == (CANCELLED, True)
    assert len(report.problems) >= 2
    assert report.overspent  # one road disbursed over its contract, flagged
    assert 0 < report.totals.disbursed < report.totals.budget
    assert records.schedules  # the officer's own spending schedule for one road
    assert all(e.effective_on <= DEMO_TODAY and e.entered_by == DEMO_LOGIN for e in records.statuses)
    assert all(d.paid_on <= DEMO_TODAY for d in records.disbursements)
    (six_months,) = demo_workspace.report_rounds(DEMO_YEAR)
    assert (six_months.round, six_months.reported_on) == (RoundKind.SIX_MONTHS, D(2020, 4, 24))


def test_the_additional_edition_is_a_draft_with_a_few_projects(demo_workspace):
    additional = demo_workspace.find_edition(DEMO_YEAR, "1")
    assert (additional.label, additional.status) == ("เพิ่มเติม ฉบับที่ 1", EditionStatus.DRAFT)
    projects = demo_workspace.projects(additional.id)
    assert len(projects) == 4
    assert all(min(p.months) >= 9 for p in projects)  # they run from after the trigger on


def test_the_demo_defaults_to_the_fiscal_year_of_today_and_knows_nothing_before_its_year(tmp_path, capsys):
    with build_demo(tmp_path / "a.sqlite", today=D(2021, 11, 3)) as ws:
        assert ws.find_edition().fiscal_year == 2565  # 3 พ.ย. 2564 is in fiscal year 2565
    with build_demo(tmp_path / "b.sqlite", fiscal_year=2563, today=D(2019, 9, 20)) as ws:
        main_edition = ws.find_edition(2563, "main")
        assert main_edition.announcement_date == D(2019, 9, 13)  # before the year begins
        assert not ws.tracking_records(main_edition.id).statuses
    assert main(["demo", "--db", str(tmp_path / "c.sqlite"), "--year", "2563", "--today", "2563-05-15"]) == 0
    out = capsys.readouterr().out
    assert "ปีงบประมาณ 2563" in out
    assert "ข้อมูลการติดตามถึงวันที่ 15 พฤษภาคม 2563" in out
    assert "ฉบับหลัก: 111 รายการ (ประกาศใช้แล้ว)" in out
    assert "เพิ่มเติม ฉบับที่ 1: 4 รายการ (ร่าง อยู่ระหว่างจัดทำ)" in out
