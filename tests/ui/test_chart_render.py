"""The QtCharts renderer draws exactly what a chart description says: values, labels, ticks, colours, gaps.

The descriptions come from ``charts`` on a small plan (their figures are checked by hand in
tests/charts); here every QChart is read back and compared with its description.
"""

import dataclasses
import datetime as dt
import os
from decimal import Decimal as D

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCharts import (  # noqa: E402
    QBarCategoryAxis,
    QCategoryAxis,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
)
from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage  # noqa: E402
from small_plans import add_row, new_plan, strategy_with_program  # noqa: E402

from thaplan_desktop.charts import ChartScope, dashboard_charts, tracking_index  # noqa: E402
from thaplan_desktop.charts.description import HIGHLIGHT  # noqa: E402
from thaplan_desktop.domain.model import ProjectKind  # noqa: E402
from thaplan_desktop.domain.tracking import TrackingStatus  # noqa: E402
from thaplan_desktop.ui.dashboard.export import chart_image, copy_chart, table_text, write_png, write_svg  # noqa: E402
from thaplan_desktop.ui.dashboard.render import bar_order, render_chart  # noqa: E402
from thaplan_desktop.workspace import NewDisbursement, NewStatus  # noqa: E402

AS_OF = dt.date(2020, 2, 15)  # fiscal month 5: disbursed known ต.ค.–ก.พ.


@pytest.fixture(scope="module")
def plan_and_records(tmp_path_factory):
    with new_plan(tmp_path_factory.mktemp("render") / "plan.sqlite") as ws:
        edition = ws.find_edition().id
        s1, p1 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา")
        s2, p2 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต", "แผนงานสังคมสงเคราะห์")
        ws.add_program(s2, "แผนงานการศึกษา")
        road = add_row(ws, edition, "ถนน", "300000.00", {4, 5, 6}, unit="กองช่าง", program=p1)
        add_row(ws, edition, "เบี้ยยังชีพ", "1200000.00", set(range(1, 13)), unit="กองสวัสดิการสังคม", program=p2)
        add_row(ws, edition, "ตู้เหล็ก", "11000.00", {5}, unit="สำนักปลัด", program=p2, kind=ProjectKind.EQUIPMENT)
        today = dt.date(2020, 9, 1)
        ws.record_status(road, NewStatus(TrackingStatus.IN_PROGRESS, dt.date(2020, 1, 5), 30), today=today)
        ws.add_disbursement(road, NewDisbursement(dt.date(2020, 2, 1), D("120000")), today=today)
        plan, records = ws.progress_data(edition)
    return plan, records, {"s2": s2, "p2": p2}


@pytest.fixture(scope="module")
def charts(plan_and_records):
    plan, records, _ids = plan_and_records
    return {c.key: c for c in dashboard_charts(plan, None, tracking_index(plan, records, AS_OF))}


def test_bars_hold_the_descriptions_values_with_the_first_category_on_top(qapp, charts):
    description = charts["budget_by_unit"]
    chart = render_chart(description)
    [series] = chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    [bar_set] = series.barSets()
    order = bar_order(description)
    assert order == list(range(len(description.categories)))[::-1]  # drawn bottom-up: the first on top
    drawn = [bar_set.at(i) for i in range(bar_set.count())]
    assert drawn == [float(description.series[0].values[i]) for i in order]
    [categories] = [a for a in chart.axes(Qt.Orientation.Vertical) if isinstance(a, QBarCategoryAxis)]
    assert categories.categories() == [description.categories[i].short_label for i in order]
    assert bar_set.color() == QColor(description.series[0].colour)
    assert not chart.legend().isVisible()  # one series: the title says what it is


def test_the_value_axis_is_the_descriptions_ticks_and_labels(qapp, charts):
    description = charts["budget_by_unit"]
    chart = render_chart(description)
    [axis] = [a for a in chart.axes(Qt.Orientation.Horizontal) if isinstance(a, QCategoryAxis)]
    assert axis.categoriesLabels() == list(description.value_axis.labels)
    assert [axis.endValue(label) for label in axis.categoriesLabels()] == [float(t) for t in description.value_axis.ticks]
    assert axis.max() == float(description.value_axis.maximum)
    assert axis.titleText() == description.value_axis.title == "ล้านบาท"


def test_columns_and_a_highlighted_program(qapp, plan_and_records):
    plan, records, ids = plan_and_records
    found = {c.key: c for c in dashboard_charts(plan, ChartScope(program_id=ids["p2"]))}
    columns = found["projects_per_month"]
    chart = render_chart(columns)
    [bar_set] = chart.series()[0].barSets()
    assert [bar_set.at(i) for i in range(12)] == [float(v) for v in columns.series[0].values]
    programs = found["budget_by_program"]
    chart = render_chart(programs)
    [bar_set] = chart.series()[0].barSets()
    position = bar_order(programs).index(next(i for i, c in enumerate(programs.categories)
                                              if c.key == programs.highlight))
    assert bar_set.selectedBars() == [position]
    assert bar_set.selectedColor() == QColor(HIGHLIGHT)


def test_lines_draw_planned_and_disbursed_with_a_gap_after_the_day_seen(qapp, charts):
    description = charts["monthly_spending"]
    chart = render_chart(description)
    drawn = {}
    for series in chart.series():
        assert isinstance(series, QLineSeries)
        points = drawn.setdefault(series.name(), [None] * 12)
        for point in series.points():
            points[round(point.x())] = point.y()
    for series in description.series:
        assert drawn[series.name] == [float(v) if v is not None else None for v in series.values]
    assert drawn["เบิกจ่ายจริง"][5:] == [None] * 7  # known through ก.พ. only


def test_a_gap_inside_a_line_draws_it_in_pieces_under_one_legend_entry(qtbot, charts):
    description = charts["monthly_spending"]
    disbursed = description.series[1]
    gapped = dataclasses.replace(disbursed, values=(D(1), D(2), None, D(4), *[None] * 8))
    chart = render_chart(dataclasses.replace(description, series=(description.series[0], gapped)))
    pieces = [s for s in chart.series() if s.name() == "เบิกจ่ายจริง"]
    assert [[(p.x(), p.y()) for p in s.points()] for s in pieces] == [[(0, 1), (1, 2)], [(3, 4)]]
    view = QChartView(chart)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert [m.label() for m in chart.legend().markers() if m.isVisible()] == ["ตามแผน", "เบิกจ่ายจริง"]


def test_the_donut_has_a_slice_per_status_in_its_colour(qapp, charts):
    description = charts["progress_by_status"]
    chart = render_chart(description)
    [pie] = chart.series()
    assert isinstance(pie, QPieSeries)
    slices = pie.slices()
    assert [s.value() for s in slices] == [float(v) for v in description.series[0].values]
    assert [s.color() for s in slices] == [QColor(c.colour) for c in description.categories]
    assert [s.label() for s in slices] == [f"{c.label} {label}" for c, label in
                                           zip(description.categories, description.series[0].labels, strict=True)]
    assert slices[0].label() == "อยู่ระหว่างดำเนินการ 1 (33.33%)"


def test_copies_are_drawn_from_the_description(qapp, charts, tmp_path):
    description = charts["budget_by_strategy"]
    image = chart_image(description)
    assert image.size() == QSize(2000, 1200)
    assert image.pixelColor(1000, 10) == QColor("white")
    assert any(image.pixelColor(x, y) == QColor(description.series[0].colour)
               for x in range(300, 1700, 20) for y in range(200, 1100, 20))  # the bars are there
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    assert write_png(description, png)
    assert QImage(str(png)).size() == QSize(2000, 1200)
    assert write_svg(description, svg)
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "งบประมาณตามยุทธศาสตร์" in text
    copy_chart(description)
    clipboard = QGuiApplication.clipboard().mimeData()
    assert clipboard.hasImage()
    assert clipboard.text() == table_text(description)
    assert clipboard.text().splitlines()[:2] == ["งบประมาณตามยุทธศาสตร์ — ทั้งแผน", "ยุทธศาสตร์\tงบประมาณ (บาท)"]
    assert clipboard.text().splitlines()[2] == "1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน\t300,000"


def test_quitting_after_copying_a_chart_does_not_crash(tmp_path):
    """The clipboard's data outlives Python; handing Qt a QMimeData made in Python crashed on quit."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        from decimal import Decimal
        from PySide6.QtWidgets import QApplication
        from thaplan_desktop.charts.description import ChartKind, ValueFormat, Category, ChartDescription
        from thaplan_desktop.charts.description import series, value_axis
        from thaplan_desktop.ui.dashboard.export import copy_chart
        app = QApplication([])
        values = [Decimal(1000), Decimal(2500)]
        copy_chart(ChartDescription("k", ChartKind.BAR, "งบประมาณ", "ทั้งแผน",
                                    (Category("a", "ก", "ก"), Category("b", "ข", "ข")),
                                    (series("budget", "งบประมาณ", values, ValueFormat.BAHT, "#1F77B4"),),
                                    ValueFormat.BAHT, value_axis=value_axis(values, ValueFormat.BAHT)))
        print(QApplication.clipboard().mimeData().text().splitlines()[0])
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, "งบประมาณ — ทั้งแผน")
