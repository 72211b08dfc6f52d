"""Every dashboard chart drawn in a PDF by ``exporting.reports.charts`` from its description, as the window draws
it with QtCharts: the geometry follows the values (a bar's length, a column's height, a point's height are
the value times one scale; slices share the circle as the values share the total), and every label is
Thai text the PDF gives back (``pdftotext``, through ToUnicode)."""

from __future__ import annotations

import math
import shutil
import subprocess

import pytest
from reportlab.graphics.shapes import Circle, Rect, Wedge
from reportlab.platypus import PageBreak

from thaplan_desktop.charts import dashboard_charts
from thaplan_desktop.charts.description import ChartKind
from thaplan_desktop.exporting.reports.charts import ChartFlowable, layout_chart
from thaplan_desktop.exporting.reports.document import (
    LANDSCAPE_WIDTH,
    ReportOptions,
    typesetter,
    write_pdf,
)

WIDTH, HEIGHT = 700.0, 320.0


@pytest.fixture(scope="module")
def charts(demo_plan):
    return {c.key: c for c in dashboard_charts(demo_plan)}


@pytest.fixture(scope="module")
def ts():
    return typesetter(ReportOptions())


def shapes(layout, prefix):
    return {p.tag: p.shapes[0] for p in layout.pieces if p.tag.startswith(prefix)}


def test_bars_and_columns_are_as_long_as_their_values(charts, ts):
    kinds = {c.kind for c in charts.values()}
    assert {ChartKind.BAR, ChartKind.COLUMN, ChartKind.LINE} <= kinds
    for chart in charts.values():
        if chart.kind not in (ChartKind.BAR, ChartKind.COLUMN) or chart.empty:
            continue
        layout = layout_chart(ts, chart, WIDTH, HEIGHT)
        for series in chart.series:
            ratios = []
            for i, value in enumerate(series.values):
                rect = shapes(layout, f"bar {series.key} {i}")[f"bar {series.key} {i}"]
                assert isinstance(rect, Rect)
                length = rect.width if chart.kind is ChartKind.BAR else rect.height
                if value:
                    ratios.append(length / float(value))
                else:
                    assert length == 0
            assert ratios
            assert max(ratios) == pytest.approx(min(ratios))  # one scale for every bar
            # the axis's top tick is the longest bar's room: no bar goes past the plot
            room = layout.plot[2] if chart.kind is ChartKind.BAR else layout.plot[3]
            assert max(float(v) for v in series.values if v) * ratios[0] <= room + 0.01


def test_line_points_follow_the_values(charts, ts):
    chart = charts["monthly_spending"]
    layout = layout_chart(ts, chart, WIDTH, HEIGHT)
    series = chart.series[0]
    points = shapes(layout, f"point {series.key} ")
    assert len(points) == 12
    bottom = layout.plot[1]
    heights = [(points[f"point {series.key} {i}"].cy - bottom, float(v)) for i, v in enumerate(series.values)]
    assert all(isinstance(p, Circle) for p in points.values())
    scale = max(h for h, _v in heights) / max(v for _h, v in heights)
    assert all(h == pytest.approx(v * scale, abs=0.01) for h, v in heights)
    xs = [points[f"point {series.key} {i}"].cx for i in range(12)]
    assert xs == sorted(xs)  # the months from left to right


def test_a_donut_shares_the_circle_as_the_values_share_the_total(charts, ts, demo_plan):
    from thaplan_desktop.charts.progress import progress_by_status

    chart = progress_by_status({"done": 3, "in_progress": 1, "not_started": 4}, subtitle="")
    layout = layout_chart(ts, chart, WIDTH, HEIGHT)
    slices = list(shapes(layout, "slice ").values())
    assert all(isinstance(s, Wedge) for s in slices)
    extents = [(s.endangledegrees - s.startangledegrees) % 360 for s in slices]
    assert extents == [pytest.approx(360 * n / 8) for n in (3, 1, 4)]
    assert math.fsum(extents) == pytest.approx(360)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_every_chart_prints_its_thai_labels(charts, ts, tmp_path):
    story = []
    for chart in charts.values():
        story += [ChartFlowable(ts, chart, height=HEIGHT), PageBreak()]
    out = tmp_path / "charts.pdf"
    write_pdf(out, story[:-1], ts, title="แผนภูมิ", subject="", author="", first_page="landscape")
    pages = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    assert LANDSCAPE_WIDTH > WIDTH
    for chart, page in zip(charts.values(), pages, strict=False):
        words = " ".join(page.split())
        assert chart.title in words
        if chart.empty:
            continue
        compact = "".join(words.split())
        # a category prints its label (a long one over two lines) or, where that does not fit, its short label
        shown = [c.key for c in chart.categories
                 if "".join(c.short_label.split()) in compact or "".join(c.label.split())[:12] in compact]
        assert len(shown) >= min(3, len(chart.categories)), (chart.key, shown)
