"""One chart, described completely and format-neutrally: what the window (QtCharts) and the PDF (ReportLab)
both draw from, so that they never disagree.

A ``ChartDescription`` holds everything a renderer needs and nothing it should decide: the kind (bar,
column, line, donut), the Thai title and subtitle, the categories (full and short labels, a key the window
can act on when one is clicked), the series with exact values (``Decimal``; ``None`` where a value is not
known yet) and their formatted labels, the colours, the value axis with its ticks and tick labels already
chosen, a highlighted category, and a note. ``as_table`` gives the same figures as rows of text (to copy,
or to print beside the chart). Formatting is done here, once: baht as the forms print it (satang only
when present), counts with thousands separators.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from thaplan_desktop.domain.money import format_money, format_percent
from thaplan_desktop.domain.summary import largest_remainder_percentages

__all__ = [
    "PALETTE",
    "Axis",
    "Category",
    "ChartDescription",
    "ChartKind",
    "Series",
    "ValueFormat",
    "format_value",
    "series",
    "value_axis",
]

# Colours, in the order series and categories take them (colour-blind-safe, prints well in grey).
PALETTE = ("#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F",
           "#BCBD22", "#17BECF")
HIGHLIGHT = "#FF7F0E"  # a highlighted category (the program selected in the tree) among PALETTE[0] bars

TEXTS = {
    "baht_axis": "บาท",
    "million_axis": "ล้านบาท",
    "count_axis": "จำนวน (รายการ)",
    "share": "{value} ({share}%)",
}
_MILLION = Decimal(1_000_000)
_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
_TICKS = 5  # about this many intervals on a value axis


class ChartKind(enum.StrEnum):
    """How a chart is drawn."""

    BAR = "bar"  # horizontal bars: long Thai category names read along them
    COLUMN = "column"  # vertical columns: months along the bottom
    LINE = "line"  # lines over months
    DONUT = "donut"  # shares of a whole


class ValueFormat(enum.StrEnum):
    """What the values are."""

    BAHT = "baht"
    COUNT = "count"


def format_value(value: Decimal | None, value_format: ValueFormat) -> str:
    """``250,000`` / ``238,613.38`` for baht, ``1,234`` for counts, "" for an unknown value."""
    if value is None:
        return ""
    if value_format is ValueFormat.BAHT:
        return format_money(value)
    return f"{int(value):,}"


@dataclass(frozen=True, slots=True)
class Category:
    """One position along the category axis (a bar, a month, a slice)."""

    key: str  # "strategy:3", "unit:5", "month:6", "status:done": what the window selects when it is clicked
    label: str  # full Thai label (tooltips, tables, legends)
    short_label: str  # what fits under a column or beside a bar
    colour: str = ""  # a donut slice's colour ("" for bars, columns and lines: their series' colour)


@dataclass(frozen=True, slots=True)
class Series:
    """One set of values, one per category."""

    key: str  # "budget", "planned", "disbursed" …
    name: str  # Thai, for the legend
    values: tuple[Decimal | None, ...]  # None: not known (yet); drawn as a gap
    labels: tuple[str, ...]  # the values formatted (with the share for a donut), "" where None
    colour: str
    shares: tuple[Decimal, ...] = ()  # a donut's percentages, two decimals, adding up to 100.00

    @property
    def total(self) -> Decimal:
        """The sum of the known values."""
        return sum((v for v in self.values if v is not None), Decimal(0))


@dataclass(frozen=True, slots=True)
class Axis:
    """A value axis with its ticks already chosen, so every renderer draws the same grid lines."""

    title: str
    maximum: Decimal
    ticks: tuple[Decimal, ...]  # from 0 to maximum
    labels: tuple[str, ...]  # one per tick


@dataclass(frozen=True, slots=True)
class ChartDescription:
    """Everything a renderer needs to draw one chart."""

    key: str  # stable name: "budget_by_strategy", "planned_spending" …
    kind: ChartKind
    title: str
    subtitle: str  # what part of the plan it covers ("ทั้งแผน", a strategy, a program)
    categories: tuple[Category, ...]
    series: tuple[Series, ...]
    value_format: ValueFormat
    category_title: str = ""
    value_axis: Axis | None = None  # None for a donut
    highlight: str | None = None  # key of a category drawn in HIGHLIGHT
    note: str = ""  # Thai, under the chart: what it leaves out

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw (no category, or every value zero or unknown)."""
        return not self.categories or all(not v for s in self.series for v in s.values)

    def as_table(self) -> list[list[str]]:
        """The chart's figures as text: a header row, then one row per category."""
        rows = [[self.category_title or self.title, *(s.name for s in self.series)]]
        for index, category in enumerate(self.categories):
            rows.append([category.label, *(s.labels[index] for s in self.series)])
        return rows


def series(key: str, name: str, values: Sequence[Decimal | None], value_format: ValueFormat, colour: str, *,
           with_shares: bool = False) -> Series:
    """A series with its labels formatted (and, for a donut, shares that add up to 100.00)."""
    labels = [format_value(v, value_format) for v in values]
    shares: tuple[Decimal, ...] = ()
    if with_shares:
        shares = tuple(largest_remainder_percentages([v or Decimal(0) for v in values]))
        labels = [TEXTS["share"].format(value=label, share=format_percent(share))
                  for label, share in zip(labels, shares, strict=True)]
    return Series(key, name, tuple(values), tuple(labels), colour, shares)


def _step(maximum: Decimal, value_format: ValueFormat) -> Decimal:
    raw = maximum / _TICKS
    magnitude = Decimal(10) ** raw.adjusted()
    for factor in _STEPS:
        step = factor * magnitude
        if value_format is ValueFormat.COUNT and step != step.to_integral_value():
            continue
        if step >= raw:
            return max(step, Decimal(1)) if value_format is ValueFormat.COUNT else step
    return Decimal(10) * magnitude  # pragma: no cover - factor 10 always satisfies step >= raw


def _plain(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def value_axis(values: Sequence[Decimal | None], value_format: ValueFormat) -> Axis:
    """A value axis from 0 to a round maximum at or above the largest value, in about five round steps.

    Baht axes of a million or more count in millions (title ``ล้านบาท``); counts step by whole numbers.
    """
    largest = max((v for v in values if v is not None), default=Decimal(0))
    if largest <= 0:
        largest = Decimal(1)
    step = _step(largest, value_format)
    maximum = (largest / step).to_integral_value(rounding=ROUND_CEILING) * step
    ticks = []
    tick = Decimal(0)
    while tick <= maximum:
        ticks.append(tick)
        tick += step
    if value_format is ValueFormat.COUNT:
        return Axis(TEXTS["count_axis"], maximum, tuple(ticks), tuple(f"{int(t):,}" for t in ticks))
    if maximum >= _MILLION:
        return Axis(TEXTS["million_axis"], maximum, tuple(ticks), tuple(_plain(t / _MILLION) for t in ticks))
    return Axis(TEXTS["baht_axis"], maximum, tuple(ticks), tuple(_plain(t) for t in ticks))
