"""The monitoring report's deadlines on the calendar, beside the procedure's: which rounds, which days, which titles.

The calendar plan is fiscal 2563 (ต.ค. 2562 – ก.ย. 2563). Worked out by hand from the regulation's counting
(the day of the event is not counted): the annual round of 2563 is reported by 31 ธ.ค. 2563; a six-month
round reported on 20 เม.ย. 2563 is announced by 5 พ.ค. 2563 (20 + 15) and, posted on 28 เม.ย., stays up
through 28 พ.ค. 2563 (28 + 30).
"""

import datetime as dt
import json
import shutil

import pytest
from small_plans import calendar_plan

from thaplan_desktop.calendar import CalendarMonth
from thaplan_desktop.calendar.contract import month_json
from thaplan_desktop.calendar.deadlines import DeadlineSource
from thaplan_desktop.calendar.load import load_calendar
from thaplan_desktop.cli import main
from thaplan_desktop.domain.model import EditionKind
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.workflow.monitoring import record_round
from thaplan_desktop.workspace import RoundFields, Workspace

D = dt.date
TODAY = D(2020, 5, 15)
REPORT = "รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น"
ANNOUNCE = "ประกาศผลการติดตามและประเมินผลให้ประชาชนทราบ"
KEEP = "ปิดประกาศผลการติดตามไว้อย่างน้อย 30 วัน"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return calendar_plan(tmp_path_factory.mktemp("monitoring") / "plan.sqlite")


@pytest.fixture
def plan(template, tmp_path):
    path = tmp_path / "plan.sqlite"
    shutil.copy(template.path, path)
    return template.__class__(**{**template.__dict__, "path": path})


def monitoring(calendar):
    return [(d.what, d.day, d.done) for d in calendar.deadlines if d.source is DeadlineSource.MONITORING]


def test_without_rounds_recorded_the_annual_report_is_due_the_december_after_the_year(plan):
    with Workspace.open(plan.path) as ws:
        calendar = load_calendar(ws, plan.edition_id, today=TODAY)
    assert monitoring(calendar) == [(f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2563)", D(2020, 12, 31), False)]
    [annual] = [d for d in calendar.deadlines if d.source is DeadlineSource.MONITORING]
    assert annual.key == "monitoring-2563-12m-report_results"
    assert "ภายในเดือนธันวาคม" in annual.detail
    # December 2563 is in fiscal 2564: a month outside the plan's year shows the deadline alone.
    december = calendar.month(CalendarMonth(2563, 12))
    assert (december.in_year, december.running, december.deadlines) == (False, (), (annual,))


def test_a_recorded_six_month_round_brings_its_three_deadlines(plan):
    with Workspace.open(plan.path) as ws:
        record_round(ws, 2563, RoundKind.SIX_MONTHS, RoundFields(
            reported_on=D(2020, 4, 20), announced_on=D(2020, 4, 28), posted_on=D(2020, 4, 28)), today=TODAY)
        calendar = load_calendar(ws, plan.edition_id, today=TODAY)
    six = " (รอบ 6 เดือน ปีงบประมาณ 2563)"
    assert monitoring(calendar) == [
        (REPORT + six, D(2020, 4, 30), True),  # reported on 20 April
        (ANNOUNCE + six, D(2020, 5, 5), True),  # announced on 28 April
        (KEEP + six, D(2020, 5, 28), False),  # still running on 15 May
        (f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2563)", D(2020, 12, 31), False),
    ]
    assert month_json(calendar.month(CalendarMonth(2563, 5)))["deadlines"] == [
        {"what": ANNOUNCE + six, "date": "2563-05-05"}, {"what": KEEP + six, "date": "2563-05-28"}]


def test_the_previous_years_annual_report_falls_in_this_years_december_when_the_file_holds_that_year(plan):
    with Workspace.open(plan.path) as ws:
        alone = load_calendar(ws, plan.edition_id, today=TODAY)
        ws.add_edition(2562, EditionKind.MAIN)
        # A six-month round of 2562 was due in April 2562, before this year: not on this year's calendar.
        record_round(ws, 2562, RoundKind.SIX_MONTHS, RoundFields(reported_on=D(2019, 4, 25)), today=TODAY)
        calendar = load_calendar(ws, plan.edition_id, today=TODAY)
    assert D(2019, 12, 31) not in [day for _w, day, _d in monitoring(alone)]
    assert monitoring(calendar) == [
        (f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2562)", D(2019, 12, 31), False),
        (f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2563)", D(2020, 12, 31), False),
    ]
    december = calendar.month(CalendarMonth(2562, 12))
    assert december.in_year
    assert [d.what for d in december.deadlines] == [f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2562)"]


def test_the_command_prints_the_monitoring_deadline_of_its_month(plan, capsys):
    # December 2563 belongs to fiscal 2564: --year names the plan whose calendar it is.
    assert main(["calendar", "--db", str(plan.path), "--year", "2563", "--month", "2563-12", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["deadlines"] == [{"what": f"{REPORT} (รอบ 12 เดือน ปีงบประมาณ 2563)", "date": "2563-12-31"}]
