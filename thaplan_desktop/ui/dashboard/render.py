"""A chart description drawn with QtCharts: the window's renderer of ``charts.ChartDescription``.

``render_chart(description)`` builds a ``QChart`` from the description alone — it decides nothing the
description says — so the window, its PNG and SVG copies and the PDF (ReportLab, from the same
description) show the same figures: bars (horizontal, first category on top) and columns from the series'
values (each bar's value printed at its end when there is one series), lines over the months (a
``None`` value is a gap: the line is drawn in pieces, one legend entry),
and a donut whose slices carry the categories' colours. The value axis takes the description's ticks and
tick labels as they are (``QCategoryAxis`` with a label on each tick), so a baht axis reads ``0, 0.25 …``
under ``ล้านบาท`` exactly as printed. A highlighted category (the program selected in the tree) is drawn
in ``HIGHLIGHT``. Text is the application's Thai font; tooltips give each value as the description
formats it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPen
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QToolTip

from thaplan_desktop.charts.description import HIGHLIGHT, Axis, ChartDescription, ChartKind
from thaplan_desktop.ui.dashboard.texts import TEXTS

__all__ = ["bar_order", "render_chart"]

_LINE_WIDTH = 2.5


def _font(base: QFont, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(base)
    if scale != 1.0:
        font.setPointSizeF(max(6.0, base.pointSizeF() * scale))
    font.setBold(bold)
    return font


def _unique(labels: Sequence[str]) -> list[str]:
    """Category labels made distinct (a category axis drops repeats) with invisible zero-width spaces."""
    seen: dict[str, int] = {}
    result = []
    for label in labels:
        count = seen.get(label, 0)
        seen[label] = count + 1
        result.append(label + "\u200b" * count)
    return result


def _value_axis(axis: Axis, font: QFont) -> QCategoryAxis:
    """The description's value axis: its range, and its tick labels on their ticks."""
    result = QCategoryAxis()
    result.setStartValue(0.0)
    for tick, label in zip(axis.ticks, axis.labels, strict=True):
        result.append(label, float(tick))
    result.setRange(0.0, float(axis.maximum))
    result.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    result.setTitleText(axis.title)
    result.setLabelsFont(font)
    result.setTitleFont(font)
    return result


def _attach(chart: QChart, series: QAbstractSeries, axes: Sequence[tuple[QAbstractAxis, Qt.AlignmentFlag]]) -> None:
    for axis, alignment in axes:
        if axis not in chart.axes():
            chart.addAxis(axis, alignment)
        series.attachAxis(axis)


def _hover(shown: bool, text: Callable[[], str]) -> None:
    """Show a value's tooltip while the pointer is on it."""
    if shown:
        QToolTip.showText(QCursor.pos(), text())
    else:
        QToolTip.hideText()


def _tip(description: ChartDescription, series_index: int, index: int) -> str:
    series = description.series[series_index]
    return TEXTS["tooltip"].format(category=description.categories[index].label, series=series.name,
                                   value=series.labels[index])


def bar_order(description: ChartDescription) -> list[int]:
    """The categories' indexes in the order a bar series holds them: horizontal bars are drawn from the
    bottom up, so they are given last first, which puts the first category on top, as a table reads."""
    indexes = list(range(len(description.categories)))
    return indexes[::-1] if description.kind is ChartKind.BAR else indexes


def _bars(chart: QChart, description: ChartDescription, font: QFont) -> None:
    horizontal = description.kind is ChartKind.BAR
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.setBarWidth(0.7)
    order = bar_order(description)
    keys = [description.categories[i].key for i in order]
    for number, values in enumerate(description.series):
        bar_set = QBarSet(values.name)
        bar_set.setColor(QColor(values.colour))
        bar_set.setBorderColor(QColor(values.colour).darker(115))
        bar_set.append([float(values.values[i] or 0) for i in order])
        if description.highlight in keys:
            bar_set.setSelectedColor(QColor(HIGHLIGHT))
            bar_set.selectBar(keys.index(description.highlight))
        bar_set.hovered.connect(
            lambda shown, index, n=number: _hover(shown, lambda: _tip(description, n, order[index])))
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(_unique([description.categories[i].short_label for i in order]))
    categories.setLabelsFont(font)
    categories.setTitleFont(font)
    categories.setGridLineVisible(False)
    categories.setTruncateLabels(False)
    if not horizontal:
        categories.setTitleText(description.category_title)
    axes: list[tuple[QAbstractAxis, Qt.AlignmentFlag]] = [
        (categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)]
    if description.value_axis is not None:
        values_axis = _value_axis(description.value_axis, font)
        axes.append((values_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft))
    _attach(chart, series, axes)
    chart.legend().setVisible(len(description.series) > 1)
    if len(description.series) == 1:
        _value_labels(chart, series, description, order, _font(font, 0.95))


def _value_labels(chart: QChart, series: QAbstractSeries, description: ChartDescription, order: list[int],
                  font: QFont) -> None:
    """Each bar's value, as the description formats it, at the bar's end (moved when the plot area moves)."""
    horizontal = description.kind is ChartKind.BAR
    values = description.series[0]
    labels = []
    for position, index in enumerate(order):
        if not values.values[index]:
            continue
        item = QGraphicsSimpleTextItem(values.labels[index], chart)
        item.setZValue(10)  # above the bars
        item.setFont(font)
        item.setBrush(QColor("#333333"))
        labels.append((item, position, float(values.values[index] or 0)))

    def place(_area: object = None) -> None:
        area = chart.plotArea()
        for item, position, value in labels:
            box = item.boundingRect()
            if horizontal:
                end = chart.mapToPosition(QPointF(value, position), series)
                outside = end.x() + 4 + box.width() <= area.right()
                x = end.x() + 4 if outside else end.x() - box.width() - 4
                item.setPos(x, end.y() - box.height() / 2)
            else:
                end = chart.mapToPosition(QPointF(position, value), series)
                outside = end.y() - box.height() - 2 >= area.top()
                item.setPos(end.x() - box.width() / 2, end.y() - box.height() - 2 if outside else end.y() + 2)
            item.setBrush(QColor("#333333") if outside else QColor("white"))

    chart.plotAreaChanged.connect(place)


def _segments(values: Sequence[object]) -> list[list[int]]:
    """Runs of consecutive indexes whose value is known."""
    runs: list[list[int]] = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _lines(chart: QChart, description: ChartDescription, font: QFont) -> None:
    categories = QBarCategoryAxis()
    categories.append(_unique([c.short_label for c in description.categories]))
    categories.setLabelsFont(font)
    categories.setTitleFont(font)
    categories.setTruncateLabels(False)
    categories.setTitleText(description.category_title)
    axes: list[tuple[QAbstractAxis, Qt.AlignmentFlag]] = [(categories, Qt.AlignmentFlag.AlignBottom)]
    if description.value_axis is not None:
        axes.append((_value_axis(description.value_axis, font), Qt.AlignmentFlag.AlignLeft))
    for number, values in enumerate(description.series):
        pen = QPen(QColor(values.colour))
        pen.setWidthF(_LINE_WIDTH)
        for piece, indexes in enumerate(_segments(values.values)):
            line = QLineSeries()
            line.setName(values.name)
            line.setPen(pen)
            line.setPointsVisible(True)
            for index in indexes:
                line.append(float(index), float(values.values[index]))  # type: ignore[arg-type]
            line.hovered.connect(lambda point, shown, n=number: _hover(shown, lambda: _tip(
                description, n, max(0, min(len(description.categories) - 1, round(point.x()))))))
            chart.addSeries(line)
            _attach(chart, line, axes)
            if piece:
                for marker in chart.legend().markers(line):
                    marker.setVisible(False)
    chart.legend().setVisible(True)


def _donut(chart: QChart, description: ChartDescription, font: QFont) -> None:
    pie = QPieSeries()
    pie.setHoleSize(0.45)
    pie.setPieSize(0.85)
    values = description.series[0]
    for index, category in enumerate(description.categories):
        value = values.values[index]
        piece = pie.append(f"{category.label} {values.labels[index]}", float(value or 0))
        piece.setColor(QColor(category.colour))
        piece.setBorderColor(QColor("white"))
        piece.hovered.connect(lambda shown, i=index: _hover(shown, lambda: _tip(description, 0, i)))
    chart.addSeries(pie)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)


def render_chart(description: ChartDescription, font: QFont | None = None) -> QChart:
    """A ``QChart`` drawing ``description`` in ``font`` (default: the application's Thai font)."""
    base = QFont(font) if font is not None else QApplication.font()
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setTheme(QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(6, 6, 24, 6))  # room on the right for the last tick's label
    chart.setTitleFont(_font(base, 1.1, bold=True))
    title = html.escape(description.title)
    if description.subtitle:
        title += f"<br><span style='font-weight:normal'>{html.escape(description.subtitle)}</span>"
    chart.setTitle(f"<div align='center'>{title}</div>")
    chart.legend().setFont(base)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    small = _font(base, 0.9)  # axis labels: months and names fit their place
    if description.kind in (ChartKind.BAR, ChartKind.COLUMN):
        _bars(chart, description, small)
    elif description.kind is ChartKind.LINE:
        _lines(chart, description, small)
    else:
        _donut(chart, description, base)
    return chart
