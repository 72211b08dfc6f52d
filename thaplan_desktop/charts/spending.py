"""The plan's months as its spending plan, and what was disbursed against it.

DOMAIN.md §9: "a project budgeted 300,000 over ม.ค.–มี.ค. plans 100,000 a month unless the officer says
otherwise; summed, that is the office's planned spending curve". ``spread_evenly`` splits a budget over its
months in whole satang: each month gets the budget divided by the number of months, rounded down to the
satang, and the satang left over go one each to the earliest months in fiscal order (100.00 over three
months: 33.34, 33.33, 33.33), so the months always add up to the budget exactly. Rows with no months
plan nothing; the chart's note says how much budget that leaves out.

Two line charts over the twelve fiscal months: the monthly plan and the cumulative plan. With tracking's
data (``charts.tracking``) a row the officer gave a spending schedule plans that schedule instead, and
its disbursements (``Disbursements``: amounts by fiscal month, known through a month) give each chart a
second line, disbursed against planned; months after ``through_month`` are gaps. ``spending_charts`` makes
the same two charts from figures already summed by month: the progress report's (``tracking.report``), which
its PDF prints (``exporting.reports.progress``), so the report and the dashboard draw one description.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from thaplan_desktop.charts.description import (
    PALETTE,
    ChartDescription,
    ChartKind,
    ValueFormat,
    series,
    value_axis,
)
from thaplan_desktop.charts.months import month_categories
from thaplan_desktop.charts.scope import Scoped
from thaplan_desktop.domain.model import Project
from thaplan_desktop.domain.money import format_money

__all__ = [
    "Disbursements",
    "baht",
    "cumulative_spending",
    "monthly_spending",
    "planned_by_month",
    "satang_of",
    "spending_charts",
    "spread_evenly",
    "unscheduled_note",
]

TEXTS = {
    "monthly": "แผนการใช้จ่ายงบประมาณรายเดือน",
    "cumulative": "แผนการใช้จ่ายงบประมาณสะสม",
    "month": "เดือน",
    "planned": "ตามแผน",
    "planned_cumulative": "ตามแผน (สะสม)",
    "disbursed": "เบิกจ่ายจริง",
    "disbursed_cumulative": "เบิกจ่ายจริง (สะสม)",
    "no_months": "ไม่รวมงบประมาณ {budget} บาท ของ {count} รายการที่ไม่ได้ระบุเดือนดำเนินการ",
}
PLANNED_COLOUR = PALETTE[0]
DISBURSED_COLOUR = PALETTE[3]


def satang_of(amount: Decimal) -> int:
    """Baht → whole satang."""
    return int((amount * 100).to_integral_value())


def baht(satang: int) -> Decimal:
    """Whole satang → baht with two places."""
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def _spread(satang: int, months: Iterable[int]) -> Iterator[tuple[int, int]]:
    """(fiscal month, satang) of a budget in satang spread evenly; the remainder to the earliest months."""
    ordered = sorted(months)
    if not ordered:
        return
    share, left_over = divmod(satang, len(ordered))
    for index, month in enumerate(ordered):
        yield month, share + (1 if index < left_over else 0)


def spread_evenly(budget: Decimal, months: Iterable[int]) -> dict[int, int]:
    """A budget split over its fiscal months, in satang (remainder to the earliest months); {} without months."""
    return dict(_spread(satang_of(budget), set(months)))


def planned_by_month(projects: Sequence[Project], satang: Sequence[int] | None = None,
                     schedules: Mapping[int, Mapping[int, Decimal]] | None = None) -> list[int]:
    """The planned spending of ``projects`` per fiscal month (index 0 = ต.ค.), in satang, as ``spread_evenly``.

    ``satang``: the rows' budgets in satang when the caller has them already (``Scoped.satang``).
    ``schedules``: the officer's spending schedules by project id (tracking's); a row with one plans its
    schedule month by month instead of its budget spread over its months (as ``tracking.spending`` does).
    """
    budgets = satang if satang is not None else [satang_of(p.budget) for p in projects]
    totals = [0] * 12
    # Rows sharing their months are spread together: per set of months, the sum of the budgets' quotients
    # and how many budgets leave each remainder; month k (in fiscal order) gets one satang more for every
    # budget whose remainder is above k — exactly what spreading each budget alone gives.
    groups: dict[frozenset[int], tuple[list[int], list[int]]] = {}
    for project, budget in zip(projects, budgets, strict=True):
        schedule = schedules.get(project.id) if schedules else None
        if schedule:
            for month, planned in schedule.items():
                totals[month - 1] += satang_of(planned)
            continue
        months = project.months
        if not months:
            continue
        group = groups.get(months)
        if group is None:
            group = groups[months] = ([0], [0] * len(months))
        share, left_over = divmod(budget, len(group[1]))
        group[0][0] += share
        group[1][left_over] += 1
    for months, (base, remainders) in groups.items():
        above = 0  # budgets whose remainder is above the month's place
        extras = [0] * len(remainders)
        for place in range(len(remainders) - 1, -1, -1):
            extras[place] = above
            above += remainders[place]
        for place, month in enumerate(sorted(months)):
            totals[month - 1] += base[0] + extras[place]
    return totals


@dataclass(frozen=True, slots=True)
class Disbursements:
    """What was disbursed, by fiscal month (1 = ต.ค.), known through ``through_month`` (the as-of month).

    The seam for tracking: it sums its disbursements of the rows in scope by month and passes this.
    """

    by_month: Mapping[int, Decimal] = field(default_factory=dict)
    through_month: int = 12

    def monthly(self) -> list[Decimal | None]:
        """Twelve values, ``None`` after ``through_month``."""
        return [self.by_month.get(m, Decimal("0.00")) if m <= self.through_month else None for m in range(1, 13)]


def unscheduled_note(budget: Decimal, count: int) -> str:
    """The charts' note on the budget of ``count`` rows without months, which no month plans ("" for none)."""
    return TEXTS["no_months"].format(budget=format_money(budget), count=count) if count else ""


def _note(projects: Sequence[Project], schedules: Mapping[int, Mapping[int, Decimal]] | None = None) -> str:
    without = [p for p in projects if not p.months and not (schedules and schedules.get(p.id))]
    return unscheduled_note(sum((p.budget for p in without), Decimal("0.00")), len(without))


def _line(key: str, title: str, fiscal_year: int, subtitle: str, planned: list[Decimal | None], planned_name: str,
          disbursed: list[Decimal | None] | None, disbursed_name: str, note: str) -> ChartDescription:
    lines = [series("planned", planned_name, planned, ValueFormat.BAHT, PLANNED_COLOUR)]
    if disbursed is not None:
        lines.append(series("disbursed", disbursed_name, disbursed, ValueFormat.BAHT, DISBURSED_COLOUR))
    values = [v for s in lines for v in s.values]
    return ChartDescription(
        key=key, kind=ChartKind.LINE, title=title, subtitle=subtitle,
        categories=month_categories(fiscal_year), series=tuple(lines),
        value_format=ValueFormat.BAHT, category_title=TEXTS["month"],
        value_axis=value_axis(values, ValueFormat.BAHT), note=note,
    )


def _running(values: Sequence[Decimal | None]) -> list[Decimal | None]:
    """Values added up month by month; a month not known yet stays unknown."""
    running = Decimal("0.00")
    out: list[Decimal | None] = []
    for value in values:
        if value is None:
            out.append(None)
        else:
            running += value
            out.append(running)
    return out


def _monthly(fiscal_year: int, subtitle: str, planned: list[Decimal | None],
             disbursed: list[Decimal | None] | None, note: str) -> ChartDescription:
    return _line("monthly_spending", TEXTS["monthly"], fiscal_year, subtitle, planned, TEXTS["planned"],
                 disbursed, TEXTS["disbursed"], note)


def _cumulative(fiscal_year: int, subtitle: str, planned: list[Decimal | None],
                disbursed: list[Decimal | None] | None, note: str) -> ChartDescription:
    return _line("cumulative_spending", TEXTS["cumulative"], fiscal_year, subtitle, _running(planned),
                 TEXTS["planned_cumulative"], _running(disbursed) if disbursed is not None else None,
                 TEXTS["disbursed_cumulative"], note)


def spending_charts(fiscal_year: int, planned: Sequence[Decimal], disbursements: Disbursements | None, *,
                    subtitle: str, note: str = "") -> tuple[ChartDescription, ChartDescription]:
    """The monthly and the cumulative spending chart from figures already summed by fiscal month (index 0 =
    ต.ค.): what the progress report prints. For the same figures they are the descriptions
    ``monthly_spending`` and ``cumulative_spending`` give the dashboard."""
    by_month: list[Decimal | None] = list(planned)
    disbursed = disbursements.monthly() if disbursements is not None else None
    return (_monthly(fiscal_year, subtitle, by_month, disbursed, note),
            _cumulative(fiscal_year, subtitle, by_month, disbursed, note))


def monthly_spending(scope: Scoped, disbursements: Disbursements | None = None, *,
                     planned_satang: Sequence[int] | None = None,
                     schedules: Mapping[int, Mapping[int, Decimal]] | None = None) -> ChartDescription:
    """Planned spending per month (and disbursed per month, once tracking passes it).

    ``planned_satang``: ``planned_by_month`` of the scope when the caller has it already; ``schedules``:
    the officer's spending schedules (``planned_by_month``).
    """
    by_month = (planned_satang if planned_satang is not None
                else planned_by_month(scope.projects, scope.satang, schedules))
    planned: list[Decimal | None] = [baht(s) for s in by_month]
    disbursed = disbursements.monthly() if disbursements is not None else None
    return _monthly(scope.plan.edition.fiscal_year, scope.subtitle, planned, disbursed,
                    _note(scope.projects, schedules))


def cumulative_spending(scope: Scoped, disbursements: Disbursements | None = None, *,
                        planned_satang: Sequence[int] | None = None,
                        schedules: Mapping[int, Mapping[int, Decimal]] | None = None) -> ChartDescription:
    """Planned spending added up month by month (and disbursed, added up through its last known month)."""
    by_month = (planned_satang if planned_satang is not None
                else planned_by_month(scope.projects, scope.satang, schedules))
    planned: list[Decimal | None] = [baht(s) for s in by_month]
    disbursed = disbursements.monthly() if disbursements is not None else None
    return _cumulative(scope.plan.edition.fiscal_year, scope.subtitle, planned, disbursed,
                       _note(scope.projects, schedules))
