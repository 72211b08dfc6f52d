"""Tracking on the dashboard: statuses, disbursements and spending schedules as of a day, for any scope.

A small plan of fiscal 2563 built here, seen on 31 มี.ค. 2563 (fiscal month 6), figures worked out by hand:
- ยุทธศาสตร์ 1 / แผนงาน ก: ถนน 300,000 ม.ค.–มี.ค. (in progress 10 ม.ค., done 20 มี.ค.; paid 100,000 on 1 ก.พ.
  and 150,000 on 25 มี.ค.); ท่อ 60,000 เม.ย. with the officer's schedule 20,000 เม.ย. + 40,000 พ.ค. (no
  status: not started; paid 20,000 on 10 เม.ย., after the day seen)
- ยุทธศาสตร์ 2 / แผนงาน ข: อบรม 20,000 ก.พ. (cancelled 15 ก.พ.); ของ อบจ. 1,000,000 all year (another agency:
  not reported); เครื่องพิมพ์ (equipment) 10,000 ธ.ค. (done 20 ธ.ค. 2562, paid 10,500 on 25 ธ.ค. 2562)

Planned by month: the agency's 1,000,000 over twelve months is 83,333.34 for ต.ค.–ม.ค. and 83,333.33 after;
the road's 100,000 a month ม.ค.–มี.ค.; the training's 20,000 in ก.พ.; the printer's 10,000 in ธ.ค.; the pipe's
schedule, not its month.
"""

import datetime as dt
from decimal import Decimal as D

import pytest
from small_plans import add_row, new_plan, strategy_with_program

from thaplan_desktop.charts import ChartScope, dashboard_charts
from thaplan_desktop.charts.tracking import through_month, tracking_index
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.report import build_report
from thaplan_desktop.workspace import NewDisbursement, NewStatus

AS_OF = dt.date(2020, 3, 31)
TODAY = dt.date(2020, 11, 30)


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    path = tmp_path_factory.mktemp("tracked") / "plan.sqlite"
    with new_plan(path) as ws:
        edition = ws.find_edition().id
        ws.add_unit("อบจ.ทดสอบ", is_external=True)
        s1, p1 = strategy_with_program(ws, "ยุทธศาสตร์ที่หนึ่ง", "แผนงาน ก")
        s2, p2 = strategy_with_program(ws, "ยุทธศาสตร์ที่สอง", "แผนงาน ข")
        road = add_row(ws, edition, "ถนน", "300000", {4, 5, 6}, unit="กองช่าง", program=p1)
        pipe = add_row(ws, edition, "ท่อ", "60000", {7}, unit="กองช่าง", program=p1)
        training = add_row(ws, edition, "อบรม", "20000", {5}, unit="สำนักปลัด", program=p2)
        add_row(ws, edition, "ของ อบจ.", "1000000", set(range(1, 13)), unit="อบจ.ทดสอบ", program=p2)
        printer = add_row(ws, edition, "เครื่องพิมพ์", "10000", {3}, unit="สำนักปลัด", program=p2,
                          kind=ProjectKind.EQUIPMENT)

        def status(project, kind, day, reason=""):
            ws.record_status(project, NewStatus(kind, day, reason=reason), today=TODAY, entered_by="tester")

        def pay(project, day, amount):
            ws.add_disbursement(project, NewDisbursement(day, D(amount)), today=TODAY, entered_by="tester")

        status(road, TrackingStatus.DONE, dt.date(2020, 3, 20))
        status(road, TrackingStatus.IN_PROGRESS, dt.date(2020, 1, 10))
        pay(road, dt.date(2020, 2, 1), "100000")
        pay(road, dt.date(2020, 3, 25), "150000")
        ws.set_schedule(pipe, {7: D("20000"), 8: D("40000")})
        pay(pipe, dt.date(2020, 4, 10), "20000")
        status(training, TrackingStatus.CANCELLED, dt.date(2020, 2, 15), reason="งดจัด")
        status(printer, TrackingStatus.DONE, dt.date(2019, 12, 20))
        pay(printer, dt.date(2019, 12, 25), "10500")
        plan, records = ws.progress_data(edition)
    return plan, records, {"s1": s1, "p1": p1, "s2": s2, "p2": p2}


def by_key(plan, index, scope=None):
    return {c.key: c for c in dashboard_charts(plan, scope, index)}


def series(chart, key):
    return list(next(s for s in chart.series if s.key == key).values)


PLANNED = [D("83333.34"), D("83333.34"), D("93333.34"), D("183333.34"), D("203333.33"), D("183333.33"),
           D("103333.33"), D("123333.33"), D("83333.33"), D("83333.33"), D("83333.33"), D("83333.33")]
NONE6 = [None] * 6


def test_through_month_is_the_month_of_the_day_seen_and_clamps_to_the_year():
    assert through_month(2563, AS_OF) == 6
    assert through_month(2563, dt.date(2019, 10, 1)) == 1
    assert through_month(2563, dt.date(2019, 9, 30)) == 0
    assert through_month(2563, dt.date(2020, 10, 1)) == 12


def test_the_whole_plan_planned_disbursed_and_by_status(tracked):
    plan, records, _ids = tracked
    charts = by_key(plan, tracking_index(plan, records, AS_OF))
    monthly, cumulative = charts["monthly_spending"], charts["cumulative_spending"]
    assert [s.name for s in monthly.series] == ["ตามแผน", "เบิกจ่ายจริง"]
    assert series(monthly, "planned") == PLANNED
    assert series(monthly, "disbursed") == [D(0), D(0), D("10500"), D(0), D("100000"), D("150000"), *NONE6]
    assert series(cumulative, "disbursed") == [D(0), D(0), D("10500"), D("10500"), D("110500"), D("260500"), *NONE6]
    assert series(cumulative, "planned")[-1] == D("1390000.00")
    assert monthly.note == ""  # every row has months (or a schedule)
    donut = charts["progress_by_status"]
    assert [(c.label, v) for c, v in zip(donut.categories, series(donut, "projects"), strict=True)] == [
        ("ดำเนินการแล้วเสร็จ", 2), ("ยังไม่ได้ดำเนินการ", 1), ("ยกเลิก", 1), ("ไม่ได้รับรายงาน", 1)]
    assert donut.series[0].shares == (D("40.00"), D("20.00"), D("20.00"), D("20.00"))


def test_a_strategy_selected_sums_its_own_rows(tracked):
    plan, records, ids = tracked
    charts = by_key(plan, tracking_index(plan, records, AS_OF), ChartScope(strategy_id=ids["s1"]))
    zero3 = [D(0)] * 3
    assert series(charts["monthly_spending"], "planned") == [
        *zero3, D("100000.00"), D("100000.00"), D("100000.00"), D("20000.00"), D("40000.00"), *[D("0.00")] * 4]
    assert series(charts["monthly_spending"], "disbursed") == [*zero3, D(0), D("100000"), D("150000"), *NONE6]
    assert {c.label: v for c, v in zip(charts["progress_by_status"].categories,
                                      series(charts["progress_by_status"], "projects"), strict=True)} == {
        "ดำเนินการแล้วเสร็จ": 1, "ยังไม่ได้ดำเนินการ": 1}


def test_an_earlier_day_shows_the_status_then_and_fewer_months(tracked):
    plan, records, ids = tracked
    index = tracking_index(plan, records, dt.date(2020, 2, 10))
    charts = by_key(plan, index, ChartScope(program_id=ids["p1"]))
    assert {c.key: v for c, v in zip(charts["progress_by_status"].categories,
                                    series(charts["progress_by_status"], "projects"), strict=True)} == {
        "status:in_progress": 1, "status:not_started": 1}
    assert series(charts["cumulative_spending"], "disbursed") == [D(0), D(0), D(0), D(0), D("100000"), *[None] * 7]


def test_the_dashboard_and_the_progress_report_agree_month_by_month(tracked):
    plan, records, _ids = tracked
    charts = by_key(plan, tracking_index(plan, records, AS_OF))
    report = build_report(plan, records, AS_OF)
    assert series(charts["monthly_spending"], "planned") == [m.planned for m in report.spending]
    assert series(charts["monthly_spending"], "disbursed") == [m.disbursed for m in report.spending]
    assert series(charts["cumulative_spending"], "disbursed") == [m.disbursed_cumulative for m in report.spending]
    donut = charts["progress_by_status"]
    counts = {c.key.removeprefix("status:"): int(v) for c, v in zip(donut.categories, series(donut, "projects"),
                                                                    strict=True)}
    assert counts == {s.value: report.totals.count(s) for s in TrackingStatus if report.totals.count(s)}


def test_before_the_year_nothing_is_disbursed_yet_and_every_row_is_not_started(tmp_path):
    with new_plan(tmp_path / "fresh.sqlite") as ws:
        edition = ws.find_edition().id
        add_row(ws, edition, "งาน", "1200", {1, 2})
        plan, records = ws.progress_data(edition)
    index = tracking_index(plan, records, dt.date(2019, 9, 1))  # before the year begins
    charts = by_key(plan, index)
    assert series(charts["monthly_spending"], "disbursed") == [None] * 12
    assert series(charts["monthly_spending"], "planned")[:2] == [D("600.00"), D("600.00")]
    assert [c.label for c in charts["progress_by_status"].categories] == ["ยังไม่ได้ดำเนินการ"]


def test_the_reports_pdf_draws_the_dashboards_own_descriptions(tracked):
    from thaplan_desktop.exporting.reports.progress import report_charts

    plan, records, _ids = tracked
    dashboard = by_key(plan, tracking_index(plan, records, AS_OF))
    monthly, cumulative, statuses = report_charts(build_report(plan, records, AS_OF))
    for printed in (monthly, cumulative, statuses):
        shown = dashboard[printed.key]
        # the same categories, series (values, labels, colours), axis ticks and note: only the subtitle differs
        assert printed.categories == shown.categories
        assert printed.series == shown.series
        assert printed.value_axis == shown.value_axis
        assert printed.note == shown.note
        assert printed.kind is shown.kind
    assert monthly.subtitle == "ข้อมูล ณ วันที่ 31 มีนาคม 2563"
