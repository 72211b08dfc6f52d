"""The dashboard's charts against figures worked out by hand for a small plan built here.

The plan (fiscal 2563), budgets and months:
- ยุทธศาสตร์ 1 / แผนงานอุตสาหกรรมและการโยธา: road 300,000.00 ม.ค.–มี.ค. (กองช่าง); drain 100.00 ต.ค.–ธ.ค. (กองช่าง)
- ยุทธศาสตร์ 2 / แผนงานสังคมสงเคราะห์: allowance 1,200,000.00 all year (กองสวัสดิการสังคม)
- ยุทธศาสตร์ 2 / แผนงานการศึกษา: milk 0.05 มี.ค.–เม.ย. (กองการศึกษา…); cabinet (equipment) 11,000.00 ก.พ. (สำนักปลัด)
- no program, no unit, no months: 5,000.00
"""

from decimal import Decimal as D

import pytest
from small_plans import add_row, new_plan, strategy_with_program

from thaplan_desktop.charts import (
    ChartKind,
    ChartScope,
    Disbursements,
    ValueFormat,
    dashboard_charts,
    spread_evenly,
)
from thaplan_desktop.charts.dashboard import TrackingFigures
from thaplan_desktop.charts.progress import progress_by_status
from thaplan_desktop.domain.model import ProjectKind


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    with new_plan(tmp_path_factory.mktemp("charts") / "plan.sqlite") as ws:
        edition = ws.find_edition().id
        s1, p1 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา")
        s2, p2 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต", "แผนงานสังคมสงเคราะห์")
        ws.add_program(s2, "แผนงานการศึกษา")
        p3 = max(p.id for p in ws.programs())
        add_row(ws, edition, "ถนน", "300000.00", {4, 5, 6}, unit="กองช่าง", program=p1)
        add_row(ws, edition, "รางระบายน้ำ", "100.00", {1, 2, 3}, unit="กองช่าง", program=p1)
        add_row(ws, edition, "เบี้ยยังชีพ", "1200000.00", set(range(1, 13)), unit="กองสวัสดิการสังคม", program=p2)
        add_row(ws, edition, "นม", "0.05", {6, 7}, unit="กองการศึกษา ศาสนาและวัฒนธรรม", program=p3)
        add_row(ws, edition, "ตู้เหล็ก", "11000.00", {5}, unit="สำนักปลัด", program=p3, kind=ProjectKind.EQUIPMENT)
        add_row(ws, edition, "ยังไม่จัด", "5000.00", set())
        plan = ws.plan_data(edition)
    return plan, {"s1": s1, "s2": s2, "p1": p1, "p2": p2, "p3": p3}


def charts(plan, scope=None, tracking=None):
    return {c.key: c for c in dashboard_charts(plan, scope, tracking)}


def values(chart, index=0):
    return list(chart.series[index].values)


def test_budget_by_strategy(small):
    plan, _ids = small
    chart = charts(plan)["budget_by_strategy"]
    assert chart.kind is ChartKind.BAR
    assert chart.value_format is ValueFormat.BAHT
    assert (chart.title, chart.subtitle) == ("งบประมาณตามยุทธศาสตร์", "ทั้งแผน")
    assert [c.label for c in chart.categories] == ["1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
                                                   "2. ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต", "ยังไม่ได้จัดเข้าแผนงาน"]
    assert [c.short_label for c in chart.categories][:2] == ["ยุทธศาสตร์ที่ 1", "ยุทธศาสตร์ที่ 2"]
    assert values(chart) == [D("300100.00"), D("1211000.05"), D("5000.00")]
    assert chart.series[0].labels == ("300,100", "1,211,000.05", "5,000")
    axis = chart.value_axis
    assert (axis.title, axis.maximum) == ("ล้านบาท", D("1250000"))
    assert axis.labels == ("0", "0.25", "0.5", "0.75", "1", "1.25")


def test_budget_by_unit_in_the_unit_lists_order(small):
    plan, _ids = small
    chart = charts(plan)["budget_by_unit"]
    assert [(c.label, v) for c, v in zip(chart.categories, values(chart), strict=True)] == [
        ("สำนักปลัด", D("11000.00")), ("กองช่าง", D("300100.00")),
        ("กองการศึกษา ศาสนาและวัฒนธรรม", D("0.05")), ("กองสวัสดิการสังคม", D("1200000.00")),
        ("ไม่ระบุหน่วยงาน", D("5000.00"))]


def test_projects_per_month(small):
    plan, _ids = small
    chart = charts(plan)["projects_per_month"]
    assert chart.kind is ChartKind.COLUMN
    assert values(chart) == [2, 2, 2, 2, 3, 3, 2, 1, 1, 1, 1, 1]
    assert [c.short_label for c in chart.categories][::3] == ["ต.ค. 62", "ม.ค. 63", "เม.ย. 63", "ก.ค. 63"]
    assert chart.categories[0].label == "ตุลาคม 2562"
    assert (chart.value_axis.ticks, chart.value_axis.labels) == ((0, 1, 2, 3), ("0", "1", "2", "3"))


PLANNED = [D("100033.34"), D("100033.33"), D("100033.33"), D("200000.00"), D("211000.00"), D("200000.03"),
           D("100000.02"), D("100000.00"), D("100000.00"), D("100000.00"), D("100000.00"), D("100000.00")]


def test_planned_spending_spreads_each_budget_evenly_with_satang_to_the_earliest_months(small):
    plan, _ids = small
    found = charts(plan)
    monthly, cumulative = found["monthly_spending"], found["cumulative_spending"]
    assert monthly.kind is ChartKind.LINE
    assert values(monthly) == PLANNED
    assert values(cumulative) == [D("100033.34"), D("200066.67"), D("300100.00"), D("500100.00"), D("711100.00"),
                                  D("911100.03"), D("1011100.05"), D("1111100.05"), D("1211100.05"),
                                  D("1311100.05"), D("1411100.05"), D("1511100.05")]
    assert monthly.note == "ไม่รวมงบประมาณ 5,000 บาท ของ 1 รายการที่ไม่ได้ระบุเดือนดำเนินการ"
    assert [s.key for s in monthly.series] == ["planned"]
    assert spread_evenly(D("100.00"), {3, 1, 2}) == {1: 3334, 2: 3333, 3: 3333}
    assert spread_evenly(D("0.05"), {6, 7}) == {6: 3, 7: 2}
    assert spread_evenly(D("10"), set()) == {}


def test_disbursements_join_the_spending_charts_through_the_seam(small):
    plan, _ids = small
    paid = Disbursements({1: D("90000"), 2: D("110000.50"), 4: D("50000")}, through_month=4)
    found = charts(plan, tracking=TrackingFigures(disbursements=paid))
    monthly, cumulative = found["monthly_spending"], found["cumulative_spending"]
    assert [s.name for s in monthly.series] == ["ตามแผน", "เบิกจ่ายจริง"]
    assert values(monthly, 1) == [D("90000"), D("110000.50"), D("0.00"), D("50000"), *[None] * 8]
    assert values(cumulative, 1) == [D("90000"), D("200000.50"), D("200000.50"), D("250000.50"), *[None] * 8]
    assert monthly.series[1].labels[4:] == ("",) * 8
    assert values(monthly, 0) == PLANNED
    assert "progress_by_status" not in found


def test_a_strategy_selected_shows_its_programs_and_only_its_rows(small):
    plan, ids = small
    found = charts(plan, ChartScope(strategy_id=ids["s2"]))
    programs = found["budget_by_program"]
    assert [(c.label, c.short_label) for c in programs.categories] == [
        ("แผนงานสังคมสงเคราะห์", "สังคมสงเคราะห์"), ("แผนงานการศึกษา", "การศึกษา")]
    assert values(programs) == [D("1200000.00"), D("11000.05")]
    assert programs.highlight is None
    assert programs.subtitle == "ยุทธศาสตร์ที่ 2 ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต"
    assert values(found["budget_by_unit"]) == [D("11000.00"), D("0.05"), D("1200000.00")]
    assert values(found["projects_per_month"]) == [1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1]


def test_a_program_selected_highlights_it_among_its_strategys_programs(small):
    plan, ids = small
    found = charts(plan, ChartScope(program_id=ids["p3"]))
    programs = found["budget_by_program"]
    assert programs.highlight == f"program:{ids['p3']}"
    assert len(programs.categories) == 2
    assert values(found["projects_per_month"]) == [0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0]
    assert values(found["monthly_spending"])[4:7] == [D("11000.00"), D("0.03"), D("0.02")]
    assert found["projects_per_month"].subtitle == "แผนงานการศึกษา"


def test_progress_by_status_is_a_donut_whose_shares_add_up_to_100():
    chart = progress_by_status({"not_started": 4, "done": 3, "in_progress": 1, "cancelled": 0})
    assert chart.kind is ChartKind.DONUT
    assert chart.value_axis is None
    assert [c.label for c in chart.categories] == ["ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ยังไม่ได้ดำเนินการ"]
    assert [c.colour for c in chart.categories] == ["#2CA02C", "#1F77B4", "#BFBFBF"]
    assert chart.series[0].shares == (D("37.50"), D("12.50"), D("50.00"))
    assert chart.series[0].labels == ("3 (37.50%)", "1 (12.50%)", "4 (50.00%)")
    thirds = progress_by_status({"done": 1, "in_progress": 1, "not_started": 1})
    assert thirds.series[0].shares == (D("33.34"), D("33.33"), D("33.33"))
    with pytest.raises(ValueError, match="ไม่รู้จักสถานะ"):
        progress_by_status({"finished": 1})


def test_the_dashboard_with_statuses_adds_the_donut_and_keeps_the_order(small):
    plan, _ids = small
    keys = [c.key for c in dashboard_charts(plan, tracking=TrackingFigures(statuses={"done": 2}))]
    assert keys == ["budget_by_strategy", "budget_by_unit", "projects_per_month", "monthly_spending",
                    "cumulative_spending", "progress_by_status"]


def test_a_table_of_the_figures_for_copying(small):
    plan, _ids = small
    assert charts(plan)["budget_by_unit"].as_table()[:2] == [["หน่วยงาน", "งบประมาณ (บาท)"], ["สำนักปลัด", "11,000"]]


def test_an_empty_plan_gives_empty_charts_with_a_usable_axis(tmp_path):
    with new_plan(tmp_path / "empty.sqlite") as ws:
        plan = ws.plan_data(ws.find_edition().id)
    found = charts(plan)
    assert found["budget_by_strategy"].empty
    assert found["projects_per_month"].empty
    assert found["monthly_spending"].value_axis.maximum > 0
