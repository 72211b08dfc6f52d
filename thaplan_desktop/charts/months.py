"""Projects per month: how many rows of the plan are carried out in each fiscal month (columns).

A row counts in every month of its runs (a whole-year project in all twelve); projects (ผด.02) and
equipment (ผด.02/1) count together. The twelve month categories (ต.ค. first, labels with their
Buddhist-era year) are shared with the spending charts.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from thaplan_desktop.calendar.months import CalendarMonth
from thaplan_desktop.charts.description import (
    PALETTE,
    Category,
    ChartDescription,
    ChartKind,
    ValueFormat,
    series,
    value_axis,
)
from thaplan_desktop.charts.scope import Scoped

__all__ = ["month_categories", "projects_per_month"]

TEXTS = {
    "title": "จำนวนโครงการที่ดำเนินการในแต่ละเดือน",
    "month": "เดือน",
    "count": "จำนวนโครงการ/รายการ",
}


def month_categories(fiscal_year: int) -> tuple[Category, ...]:
    """The twelve fiscal months: key ``month:1`` (ต.ค.) …, ``ตุลาคม 2562`` / ``ต.ค. 62``."""
    categories = []
    for fiscal_month in range(1, 13):
        month = CalendarMonth.of_fiscal(fiscal_year, fiscal_month)
        categories.append(Category(f"month:{fiscal_month}", month.label(), month.label(short=True)))
    return tuple(categories)


def projects_per_month(scope: Scoped) -> ChartDescription:
    """The number of rows in scope running in each fiscal month."""
    counts = [0] * 12
    for months, rows in Counter(p.months for p in scope.projects).items():  # rows share their months
        for month in months:
            counts[month - 1] += rows
    values: list[Decimal | None] = [Decimal(c) for c in counts]
    return ChartDescription(
        key="projects_per_month", kind=ChartKind.COLUMN, title=TEXTS["title"], subtitle=scope.subtitle,
        categories=month_categories(scope.plan.edition.fiscal_year),
        series=(series("projects", TEXTS["count"], values, ValueFormat.COUNT, PALETTE[2]),),
        value_format=ValueFormat.COUNT, category_title=TEXTS["month"],
        value_axis=value_axis(values, ValueFormat.COUNT),
    )
