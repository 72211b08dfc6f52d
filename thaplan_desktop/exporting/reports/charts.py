"""The dashboard's chart descriptions drawn in a PDF: bars, columns, lines and a donut, with the engine's Thai text.

The window draws a ``charts.ChartDescription`` with QtCharts (``ui/dashboard/render``); a document draws the
same description here, so the two never disagree: same categories, values, colours, axis ticks and labels,
all decided by the description. The graphics are ReportLab's (``reportlab.graphics`` shapes: rectangles,
lines, polylines, wedges, rendered by ``renderPDF``); a ReportLab ``Drawing`` can only set text in a plain
font, without Thai shaping or word breaks, so ``ChartFlowable`` draws the shapes as a ``Drawing`` and every
label — title, categories, values, ticks, legend, note — with the plan's typesetter
(``Typesetter.lines``/``draw_lines``): shaped, broken between words, extractable.

``layout_chart`` works the geometry out once for a width (``ChartLayout``: the shapes in tagged pieces and
the placed labels). Before each piece the page's content stream gets a comment, ``% thaplan-chart <chart>
<piece> <series> <index>`` (``grid <tick>`` for the value axis's grid lines), so a test can read from an
uncompressed PDF what each bar, point or slice really is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, Shape, Wedge
from reportlab.lib.colors import Color, HexColor, black
from reportlab.platypus.flowables import Flowable

from thaplan_desktop.charts.description import HIGHLIGHT, ChartDescription, ChartKind, Series, format_value
from thaplan_desktop.exporting.pdf.glyphs import Line as TextLine
from thaplan_desktop.exporting.pdf.layout import Align, TextStyle, Typesetter

__all__ = ["ChartFlowable", "ChartLayout", "Label", "Piece", "layout_chart"]

TEXTS = {
    "empty": "ไม่มีข้อมูลที่จะแสดงในแผนภูมินี้",
}
_GRID = HexColor("#D9D9D9")
_AXIS = black
_LEADING = 1.3
_GAP = 4.0  # points between a label and what it labels
_BAND_FILL = 0.62  # share of a category's band its bars take
_MIN_VALUE_SIZE = 6.0


@dataclass(frozen=True, slots=True)
class Piece:
    """Shapes drawn together, after the comment ``% thaplan-chart <chart> <tag>``."""

    tag: str  # "bar budget 0", "line planned 0-5", "point planned 3", "slice projects 2", "grid 1", "axis"
    shapes: tuple[Shape, ...]


@dataclass(frozen=True, slots=True)
class Label:
    """A piece of text placed on the chart (the lines of ``text`` in a box of ``width`` from ``top``)."""

    role: str  # "title", "subtitle", "legend", "category", "value", "tick", "axis", "centre", "note"
    text: str
    x: float
    top: float
    width: float
    style: TextStyle
    lines: tuple[TextLine, ...]

    @property
    def height(self) -> float:
        """The box's height."""
        return len(self.lines) * self.style.leading


@dataclass(slots=True)
class ChartLayout:
    """A chart laid out in a box: its tagged pieces of shapes and its labels."""

    width: float
    height: float
    pieces: list[Piece] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    plot: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x, y, width, height


def _colour(text: str) -> Color:
    return HexColor(text) if text else HexColor("#7F7F7F")


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


class _Builder:
    """Works out one chart's layout; each ``_kind`` method fills the plot below the title and legend."""

    def __init__(self, ts: Typesetter, chart: ChartDescription, width: float, height: float, size: float) -> None:
        self.ts = ts
        self.chart = chart
        self.size = size
        self.out = ChartLayout(width, height)

    def style(self, size: float, *, bold: bool = False, align: Align = Align.LEFT) -> TextStyle:
        return TextStyle(size=size, leading_factor=_LEADING, bold=bold, align=align, space_slack=0.3)

    def label(self, role: str, text: str, x: float, top: float, width: float, style: TextStyle,
              max_lines: int = 0) -> Label:
        lines = self.ts.lines(text, style, max(width, 1.0))
        if max_lines:
            lines = lines[:max_lines]
        placed = Label(role, text, x, top, width, style, tuple(lines))
        self.out.labels.append(placed)
        return placed

    def piece(self, tag: str, *shapes: Shape) -> None:
        self.out.pieces.append(Piece(tag, tuple(shapes)))

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        return self.ts.width(text, size, bold)

    # --- the frame: title, subtitle, legend, note ---------------------------------------------------------
    def build(self) -> ChartLayout:
        chart, out, size = self.chart, self.out, self.size
        top = out.height
        if chart.title:
            top -= self.label("title", chart.title, 0, top, out.width, self.style(size + 2, bold=True,
                                                                                  align=Align.CENTER)).height
        if chart.subtitle:
            top -= self.label("subtitle", chart.subtitle, 0, top, out.width,
                              self.style(size - 1, align=Align.CENTER)).height
        bottom = 0.0
        if chart.note:
            note_style = self.style(size - 2)
            lines = self.ts.lines(chart.note, note_style, out.width)
            bottom = len(lines) * note_style.leading
            self.label("note", chart.note, 0, bottom, out.width, note_style)
            bottom += _GAP
        if chart.empty:
            middle = (top + bottom) / 2.0
            self.label("note", TEXTS["empty"], 0, middle + size, out.width, self.style(size, align=Align.CENTER))
            return out
        if chart.kind is not ChartKind.DONUT and len(chart.series) > 1:
            top -= self.legend(top) + _GAP
        top -= _GAP
        if chart.kind is ChartKind.BAR:
            self.bars(bottom, top)
        elif chart.kind is ChartKind.DONUT:
            self.donut(bottom, top)
        else:
            self.columns_or_lines(bottom, top)
        return out

    def legend(self, top: float) -> float:
        """One row of the series' swatches and names, centred; returns its height."""
        style = self.style(self.size - 1)
        swatch = self.size * 0.9
        items = [(s, self.text_width(s.name, style.size)) for s in self.chart.series]
        total = sum(swatch + _GAP + w for _s, w in items) + 14.0 * (len(items) - 1)
        x = max(0.0, (self.out.width - total) / 2.0)
        middle = top - style.leading / 2.0
        for series, width in items:
            if self.chart.kind is ChartKind.LINE:
                shape: Shape = Line(x, middle, x + swatch, middle, strokeColor=_colour(series.colour), strokeWidth=2)
            else:
                shape = Rect(x, middle - swatch / 3.0, swatch, swatch * 2 / 3.0, fillColor=_colour(series.colour),
                             strokeColor=None)
            self.piece(f"legend {series.key}", shape)
            self.label("legend", series.name, x + swatch + _GAP, top, width + 1.0, style)
            x += swatch + _GAP + width + 14.0
        return style.leading

    # --- the value axis ----------------------------------------------------------------------------------
    def scale(self, length: float) -> float:
        axis = self.chart.value_axis
        maximum = float(axis.maximum) if axis is not None and axis.maximum > 0 else 1.0
        return length / maximum

    # --- horizontal bars ---------------------------------------------------------------------------------
    def bars(self, bottom: float, top: float) -> None:
        chart, size = self.chart, self.size
        axis = chart.value_axis
        assert axis is not None
        tick_style = self.style(size - 1, align=Align.CENTER)
        axis_style = self.style(size - 1, align=Align.RIGHT)
        value_size = size - 2
        plot_bottom = bottom + tick_style.leading + axis_style.leading + _GAP
        n = len(chart.categories)
        band = (top - plot_bottom) / n
        cat_style = self.style(size - 1, align=Align.RIGHT)
        fit_lines = max(1, int(band // cat_style.leading))
        label_room = self.out.width * 0.36
        widest = max(self.text_width(c.label, cat_style.size) for c in chart.categories)
        full = all(len(self.ts.lines(c.label, cat_style, label_room)) <= fit_lines for c in chart.categories)
        label_w = min(label_room, widest + 2.0) if full else min(label_room, max(
            self.text_width(c.short_label, cat_style.size) for c in chart.categories) + 2.0)
        value_w = max(self.text_width(label, value_size) for s in chart.series for label in s.labels) + _GAP
        x0 = label_w + _GAP * 2
        length = max(10.0, self.out.width - x0 - value_w - _GAP)
        per = self.scale(length)
        self.out.plot = (x0, plot_bottom, length, top - plot_bottom)
        for k, tick in enumerate(axis.ticks):
            x = x0 + float(tick) * per
            self.piece(f"grid {k}", Line(x, plot_bottom, x, top, strokeColor=_GRID, strokeWidth=0.5))
            self.label("tick", axis.labels[k], x - 40.0, plot_bottom - _GAP / 2.0, 80.0, tick_style)
        self.label("axis", axis.title, x0, plot_bottom - tick_style.leading - _GAP / 2.0, length, axis_style)
        self.piece("axis", Line(x0, plot_bottom, x0, top, strokeColor=_AXIS, strokeWidth=0.8))
        ns = len(chart.series)
        thick = band * _BAND_FILL / ns
        for i, category in enumerate(chart.categories):
            band_top = top - band * i
            text = category.label if full else category.short_label
            lines = self.ts.lines(text, cat_style, label_w)[:fit_lines]
            text_top = band_top - (band - len(lines) * cat_style.leading) / 2.0
            self.label("category", text, 0, text_top, label_w, cat_style, fit_lines)
            for s, series in enumerate(chart.series):
                value = series.values[i]
                y = band_top - band * (1 - _BAND_FILL) / 2.0 - thick * (s + 1)
                colour = HIGHLIGHT if chart.highlight == category.key else series.colour
                w = _float(value) * per
                self.piece(f"bar {series.key} {i}", Rect(x0, y, w, thick, fillColor=_colour(colour), strokeColor=None))
                if series.labels[i]:
                    self.value_label(series.labels[i], x0 + w + _GAP, y + thick / 2.0, value_w, Align.LEFT, value_size)

    def value_label(self, text: str, x: float, middle: float, room: float, align: Align, size: float) -> None:
        """A value beside its bar or above its column, set smaller when it is wider than its room."""
        natural = self.text_width(text, size)
        if natural > room > 0:
            size = max(_MIN_VALUE_SIZE, size * room / natural)
        style = self.style(size, align=align)
        self.label("value", text, x, middle + style.leading / 2.0, max(room, natural), style, 1)

    # --- columns and lines over the months -----------------------------------------------------------------
    def columns_or_lines(self, bottom: float, top: float) -> None:
        chart, size = self.chart, self.size
        axis = chart.value_axis
        assert axis is not None
        tick_style = self.style(size - 1, align=Align.RIGHT)
        cat_style = self.style(size - 1, align=Align.CENTER)
        n = len(chart.categories)
        tick_w = max(self.text_width(t, tick_style.size) for t in axis.labels) + _GAP
        x0 = tick_w + _GAP
        plot_w = self.out.width - x0 - _GAP
        band = plot_w / n
        cat_lines = max(len(self.ts.lines(c.short_label, cat_style, band - 2.0)) for c in chart.categories)
        plot_bottom = bottom + min(2, cat_lines) * cat_style.leading + _GAP
        axis_style = self.style(size - 1)
        self.label("axis", axis.title, 0, top, self.out.width / 2.0, axis_style)  # above the value axis
        top -= axis_style.leading + tick_style.leading / 2.0  # the top tick's label stays clear of it
        value_size = size - 2
        column = chart.kind is ChartKind.COLUMN
        head = self.style(value_size).leading if column else 0.0
        length = max(10.0, top - plot_bottom - head)
        per = self.scale(length)
        self.out.plot = (x0, plot_bottom, plot_w, length)
        for k, tick in enumerate(axis.ticks):
            y = plot_bottom + float(tick) * per
            self.piece(f"grid {k}", Line(x0, y, x0 + plot_w, y, strokeColor=_GRID, strokeWidth=0.5))
            self.label("tick", axis.labels[k], 0, y + tick_style.leading / 2.0, tick_w, tick_style, 1)
        self.piece("axis", Line(x0, plot_bottom, x0 + plot_w, plot_bottom, strokeColor=_AXIS, strokeWidth=0.8))
        for i, category in enumerate(chart.categories):
            self.label("category", category.short_label, x0 + band * i + 1.0, plot_bottom - _GAP / 2.0, band - 2.0,
                       cat_style, 2)
        if column:
            self.columns(x0, plot_bottom, band, per)
        else:
            for series in chart.series:
                self.line(series, x0, plot_bottom, band, per)

    def columns(self, x0: float, y0: float, band: float, per: float) -> None:
        chart = self.chart
        ns = len(chart.series)
        thick = band * _BAND_FILL / ns
        for i in range(len(chart.categories)):
            for s, series in enumerate(chart.series):
                x = x0 + band * i + band * (1 - _BAND_FILL) / 2.0 + thick * s
                h = _float(series.values[i]) * per
                self.piece(f"bar {series.key} {i}", Rect(x, y0, thick, h, fillColor=_colour(series.colour),
                                                         strokeColor=None))
                if series.labels[i]:
                    style = self.style(self.size - 2, align=Align.CENTER)
                    self.value_label(series.labels[i], x + thick / 2.0 - band / 2.0, y0 + h + style.leading / 2.0 + 1.0,
                                     band, Align.CENTER, self.size - 2)

    def line(self, series: Series, x0: float, y0: float, band: float, per: float) -> None:
        """The series' known values joined, a gap where a value is not known; a marker on every point."""
        colour = _colour(series.colour)
        run: list[tuple[int, float, float]] = []
        runs: list[list[tuple[int, float, float]]] = []
        for i, value in enumerate(series.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
                continue
            run.append((i, x0 + band * (i + 0.5), y0 + float(value) * per))
        if run:
            runs.append(run)
        for points in runs:
            if len(points) > 1:
                coords = [c for _i, x, y in points for c in (x, y)]
                self.piece(f"line {series.key} {points[0][0]}-{points[-1][0]}",
                           PolyLine(coords, strokeColor=colour, strokeWidth=1.8))
            for i, x, y in points:
                self.piece(f"point {series.key} {i}", Circle(x, y, 2.2, fillColor=colour, strokeColor=None))

    # --- a donut -------------------------------------------------------------------------------------------
    def donut(self, bottom: float, top: float) -> None:
        chart, size = self.chart, self.size
        series = chart.series[0]
        total = series.total
        room = top - bottom
        diameter = min(room, self.out.width * 0.42)
        radius = diameter / 2.0
        cx, cy = radius + _GAP, bottom + room / 2.0
        self.out.plot = (cx - radius, cy - radius, diameter, diameter)
        start = 90.0  # clockwise from twelve o'clock, in the categories' order
        for i, category in enumerate(chart.categories):
            value = series.values[i]
            extent = 360.0 * float(value) / float(total) if value and total else 0.0
            if extent <= 0:
                continue
            colour = _colour(category.colour or series.colour)
            self.piece(f"slice {series.key} {i}", Wedge(cx, cy, radius, start - extent, start, radius1=radius * 0.55,
                                                        fillColor=colour, strokeColor=HexColor("#FFFFFF"),
                                                        strokeWidth=0.8))
            start -= extent
        centre = self.style(size + 2, bold=True, align=Align.CENTER)
        inner = radius * 0.55 * 2 - 4.0
        self.label("centre", format_value(total, chart.value_format), cx - inner / 2.0,
                   cy + centre.leading / 2.0, inner, centre, 1)
        legend_x = cx + radius + _GAP * 4
        legend_w = self.out.width - legend_x
        style = self.style(size - 1)
        swatch = size * 0.9
        rows = [(c, f"{c.label}: {series.labels[i]}") for i, c in enumerate(chart.categories)]
        height = sum(len(self.ts.lines(text, style, legend_w - swatch - _GAP)) for _c, text in rows) * style.leading
        y = cy + height / 2.0
        for i, (category, text) in enumerate(rows):
            self.piece(f"legend {series.key} {i}", Rect(legend_x, y - style.leading / 2.0 - swatch / 3.0, swatch,
                                                          swatch * 2 / 3.0, fillColor=_colour(category.colour),
                                                          strokeColor=None))
            placed = self.label("legend", text, legend_x + swatch + _GAP, y, legend_w - swatch - _GAP, style)
            y -= placed.height


def layout_chart(ts: Typesetter, chart: ChartDescription, width: float, height: float, *,
                 size: float = 11.0) -> ChartLayout:
    """Where every shape and label of ``chart`` goes in a box of ``width`` × ``height`` points."""
    return _Builder(ts, chart, width, height, size).build()


class ChartFlowable(Flowable):
    """A chart description as a Platypus flowable of a fixed height (never split), the frame's width or less."""

    def __init__(self, ts: Typesetter, chart: ChartDescription, *, height: float, width: float | None = None,
                 size: float = 11.0, space_before: float = 0.0, space_after: float = 0.0) -> None:
        super().__init__()
        self.ts = ts
        self.chart = chart
        self.fixed_width = width
        self.size = size
        self.width = width or 0.0
        self.height = height
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._layout: ChartLayout | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N802, N803 - Platypus API
        """The given width (at most the frame's), the given height."""
        width = min(self.fixed_width, availWidth) if self.fixed_width else availWidth
        if self._layout is None or abs(self._layout.width - width) > 0.01:
            self._layout = None
        self.width = width
        return self.width, self.height

    def layout(self) -> ChartLayout:
        """The chart laid out for the width it was wrapped to."""
        if self._layout is None:
            self._layout = layout_chart(self.ts, self.chart, self.width, self.height, size=self.size)
        return self._layout

    def draw(self) -> None:
        """The shapes, piece by piece after their comments, then every label with the engine's text."""
        layout = self.layout()
        canvas = self.canv
        font = self.ts.fonts.regular.name
        for piece in layout.pieces:
            canvas._code.append(f"% thaplan-chart {self.chart.key} {piece.tag}")
            renderPDF.draw(Drawing(layout.width, layout.height, *piece.shapes, initialFontName=font), canvas, 0, 0)
        for label in layout.labels:
            self.ts.draw_lines(canvas, list(label.lines), label.x, label.top, label.width, label.style)

