"""The dashboard's charts (ภาพรวม) as descriptions: pure data that the window and the PDF both draw.

No Qt, no ReportLab, no database: a chart is computed from a plan's plain data into a
``ChartDescription`` (``description``) carrying everything a renderer needs — kind, Thai title, categories,
series with exact values and formatted labels, colours, the value axis's ticks — so QtCharts in the
window and ReportLab's graphics in documents draw the same chart. ``scope`` (the tree's selection),
``budget`` (by strategy or program, by unit), ``months`` (projects per month), ``spending`` (planned and,
through a seam, disbursed: monthly and cumulative), ``progress`` (by status, through a seam),
``dashboard`` (all of them in order).
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

__all__ = [
    "Axis",
    "Category",
    "ChartDescription",
    "ChartKind",
    "ChartScope",
    "Disbursements",
    "Series",
    "TrackingFigures",
    "ValueFormat",
    "dashboard_charts",
    "format_value",
    "spread_evenly",
]
