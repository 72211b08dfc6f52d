"""The dashboard's charts (ภาพรวม) as descriptions: pure data that the window and the PDF both draw.

No Qt, no ReportLab, no database: a chart is computed from a plan's plain data into a
``ChartDescription`` (``description``) carrying everything a renderer needs — kind, Thai title, categories,
series with exact values and formatted labels, colours, the value axis's ticks — so QtCharts in the
window and ReportLab's graphics in documents draw the same chart. ``scope`` (the tree's selection),
``budget`` (by strategy or program, by unit), ``months`` (projects per month), ``spending`` (planned and
disbursed: monthly and cumulative), ``progress`` (by status), ``tracking`` (what tracking knows as of a
day, summed for any scope: the seam both take it through), ``dashboard`` (all of them in order).
"""

from thaplan_desktop.charts.dashboard import TrackingFigures, dashboard_charts
from thaplan_desktop.charts.description import (
    Axis,
    Category,
    ChartDescription,
    ChartKind,
    Series,
    ValueFormat,
    format_value,
)
from thaplan_desktop.charts.scope import ChartScope
from thaplan_desktop.charts.spending import Disbursements, spread_evenly
from thaplan_desktop.charts.tracking import TrackingIndex, tracking_index

__all__ = [
    "Axis",
    "Category",
    "ChartDescription",
    "ChartKind",
    "ChartScope",
    "Disbursements",
    "Series",
    "TrackingFigures",
    "TrackingIndex",
    "ValueFormat",
    "dashboard_charts",
    "format_value",
    "spread_evenly",
    "tracking_index",
]
