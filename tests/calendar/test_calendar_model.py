"""The calendar of a plan: runs of months, what starts, runs and ends each month, by unit, filters, deadlines."""

import datetime as dt

import pytest
from small_plans import calendar_plan

from thaplan_desktop.calendar import CalendarFilter, CalendarMonth, build_calendar, parse_month
from thaplan_desktop.calendar.deadlines import DatedDeadline, DeadlineSource
from thaplan_desktop.calendar.load import load_calendar
from thaplan_desktop.calendar.model import CalendarError, resolve_strategy, runs_of
from thaplan_desktop.calendar.months import MonthError
from thaplan_desktop.workspace import Workspace


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory):
    return calendar_plan(tmp_path_factory.mktemp("calendar") / "plan.sqlite")


@pytest.fixture(scope="module")
def calendar(plan_file):
    with Workspace.open(plan_file.path) as ws:
        return load_calendar(ws, plan_file.edition_id, today=dt.date(2020, 1, 1))


def names(items):
    return [item.name for item in items]


ROAD, TRAINING, ALLOWANCE, CABINET = (
    "โครงการก่อสร้างถนน คสล. หมู่ที่ 2", "โครงการอบรมอาสาสมัคร", "โครงการเบี้ยยังชีพผู้สูงอายุ", "ตู้เหล็กเก็บเอกสาร")


def test_runs_are_the_maximal_stretches_of_consecutive_months():
    assert [(r.first, r.last, r.number, r.of) for r in runs_of({1, 2, 6})] == [(1, 2, 1, 2), (6, 6, 2, 2)]
    assert [(r.first, r.last) for r in runs_of(range(1, 13))] == [(1, 12)]
    assert [(r.first, r.last) for r in runs_of({6})] == [(6, 6)]
    assert runs_of(set()) == ()


def test_a_split_run_starts_and_ends_twice(calendar):
    october, november, march = (calendar.month(CalendarMonth(2562, 10)), calendar.month(CalendarMonth(2562, 11)),
                                calendar.month(CalendarMonth(2563, 3)))
    assert ROAD in names(october.starting)
    assert ROAD not in names(october.ending)
    assert ROAD not in names(november.starting)
    assert ROAD in names(november.ending)
    assert ROAD in names(march.starting)
    assert ROAD in names(march.ending)
    between = calendar.month(CalendarMonth(2563, 1))  # ม.ค.: between the two runs
    assert ROAD not in names(between.running)


def test_whole_year_single_month_and_equipment_in_march(calendar):
    march = calendar.month(CalendarMonth(2563, 3))
    assert march.in_year
    # Projects of ผด.02 by position, then equipment of ผด.02/1.
    assert names(march.running) == [ROAD, TRAINING, ALLOWANCE, CABINET]
    assert names(march.starting) == [ROAD, TRAINING]
    assert names(march.ending) == [ROAD, TRAINING]


def test_the_whole_year_project_starts_in_october_and_ends_in_september(calendar):
    october = calendar.month(CalendarMonth(2562, 10))
    september = calendar.month(CalendarMonth(2563, 9))
    assert names(october.starting) == [ROAD, ALLOWANCE]
    assert names(september.running) == [ALLOWANCE]
    assert names(september.ending) == [ALLOWANCE]
    assert names(september.starting) == []
    for month in calendar.months():
        assert ALLOWANCE in names(calendar.month(month).running)


def test_a_row_without_months_is_in_no_month(calendar):
    assert all("โครงการที่ยังไม่กำหนดเดือน" not in names(calendar.month(m).running) for m in calendar.months())


def test_months_of_the_year_run_from_october_to_september(calendar):
    months = calendar.months()
    assert [m.iso for m in (months[0], months[2], months[3], months[-1])] == [
        "2562-10", "2562-12", "2563-01", "2563-09"]


def test_by_unit_follows_the_unit_list(calendar):
    march = calendar.month(CalendarMonth(2563, 3))
    units = [(u.unit, names(u.running), names(u.starting)) for u in march.by_unit()]
    assert units == [
        ("สำนักปลัด", [TRAINING, CABINET], [TRAINING]),
        ("กองช่าง", [ROAD], [ROAD]),
        ("กองสวัสดิการสังคม", [ALLOWANCE], []),
    ]


def test_the_procedure_deadline_falls_in_its_month(calendar):
    march = calendar.month(CalendarMonth(2563, 3))
    [deadline] = march.deadlines
    assert (deadline.what, deadline.day, deadline.source) == (
        "จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)", dt.date(2020, 3, 21), DeadlineSource.PROCEDURE)
    assert calendar.month(CalendarMonth(2563, 4)).deadlines == ()


def test_monitoring_deadlines_join_through_the_seam(plan_file):
    report = DatedDeadline("รายงานผลการติดตามและประเมินผล รอบ 6 เดือน", dt.date(2020, 4, 30),
                           DeadlineSource.MONITORING, "monitoring-round-1")
    with Workspace.open(plan_file.path) as ws:
        calendar = load_calendar(ws, plan_file.edition_id, monitoring=[report])
    assert calendar.month(CalendarMonth(2563, 4)).deadlines == (report,)


def test_a_month_outside_the_fiscal_year_shows_only_deadlines(plan_file):
    deadline = DatedDeadline("x", dt.date(2019, 9, 30), DeadlineSource.PROCEDURE, "k")
    with Workspace.open(plan_file.path) as ws:
        plan = ws.plan_data(plan_file.edition_id)
    view = build_calendar(plan, deadlines=[deadline]).month(CalendarMonth(2562, 9))
    assert not view.in_year
    assert (view.running, view.deadlines) == ((), (deadline,))


def test_filters_by_unit_and_by_strategy(plan_file):
    with Workspace.open(plan_file.path) as ws:
        plan = ws.plan_data(plan_file.edition_id)
    march = CalendarMonth(2563, 3)
    by_unit = build_calendar(plan, filter=CalendarFilter(unit=" สำนักปลัด "))
    assert names(by_unit.month(march).running) == [TRAINING, CABINET]
    # The equipment row counts under the strategy of its program.
    by_strategy = build_calendar(plan, filter=CalendarFilter(strategy_id=plan_file.infrastructure))
    assert names(by_strategy.month(march).running) == [ROAD, CABINET]
    both = build_calendar(plan, filter=CalendarFilter(unit="กองช่าง", strategy_id=plan_file.society))
    assert both.items == ()
    assert resolve_strategy(plan.strategies, "๒") == plan_file.society
    assert resolve_strategy(plan.strategies, "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต") == plan_file.society


def test_unknown_filters_are_refused_in_thai(plan_file):
    with Workspace.open(plan_file.path) as ws:
        plan = ws.plan_data(plan_file.edition_id)
    with pytest.raises(CalendarError, match="ไม่พบหน่วยงาน “กองไม่มี”.*กองช่าง"):
        build_calendar(plan, filter=CalendarFilter(unit="กองไม่มี"))
    with pytest.raises(CalendarError, match="ไม่พบยุทธศาสตร์ “9”"):
        resolve_strategy(plan.strategies, "9")


@pytest.mark.parametrize(("text", "expected", "converted"), [
    ("2563-03", CalendarMonth(2563, 3), False),
    ("2563-3", CalendarMonth(2563, 3), False),
    ("2020-03", CalendarMonth(2563, 3), True),
    ("มี.ค. 2563", CalendarMonth(2563, 3), False),
    ("มีนาคม 63", CalendarMonth(2563, 3), False),
    ("ต.ค. 62", CalendarMonth(2562, 10), False),
    ("3/2563", CalendarMonth(2563, 3), False),
    ("๒๕๖๓-๐๓", CalendarMonth(2563, 3), False),
])
def test_months_are_read_in_every_form(text, expected, converted):
    month, note = parse_month(text)
    assert month == expected
    assert bool(note) is converted
    if converted:
        assert "2563-03" in note


@pytest.mark.parametrize("text", ["2563-13", "2350-03", "มีนา", "เดือนหน้า", "563-03"])
def test_bad_months_are_one_thai_message(text):
    with pytest.raises(MonthError) as caught:
        parse_month(text)
    assert "เดือน" in str(caught.value) or "ปี" in str(caught.value)


def test_a_calendar_month_knows_its_fiscal_month_and_days():
    october = CalendarMonth.of_fiscal(2563, 1)
    assert (october, october.fiscal_year, october.fiscal_month) == (CalendarMonth(2562, 10), 2563, 1)
    february = CalendarMonth(2563, 2)
    assert (february.first_day, february.last_day, february.end) == (
        dt.date(2020, 2, 1), dt.date(2020, 2, 29), dt.date(2020, 3, 1))
    assert CalendarMonth(2562, 12).next() == CalendarMonth(2563, 1)
    assert (CalendarMonth(2563, 3).label(), CalendarMonth(2563, 3).label(short=True)) == ("มีนาคม 2563", "มี.ค. 63")
