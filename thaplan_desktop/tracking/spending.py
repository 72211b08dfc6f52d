"""Spending against the plan: planned spending per fiscal month, disbursed per month, and both cumulative.

The plan's own months are the spending plan (DOMAIN.md §9): a project's budget is spread evenly over the
months it runs, unless the officer set a schedule for it (then the schedule is the plan, month by month).

How the satang fall: the budget is taken in satang and divided by the number of months; every month gets
the quotient, rounded down to the satang, and the satang left over (fewer than the months) go one each to
the earliest months in fiscal order. 100,000.00 baht over ม.ค.–มี.ค. is 33,333.34 + 33,333.33 + 33,333.33;
1.00 baht over five months is 0.20 each; 0.02 baht over three months is 0.01, 0.01, 0.00. The months
always add up to the budget exactly. A project without months has no place in the monthly plan: its
budget is counted as unscheduled.

Disbursements are counted in the fiscal month of their date; one dated after the fiscal year ends (money
kept for the next year, กันเงิน) is counted after the year, not in any month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from thaplan_desktop.domain.fiscal import (
    calendar_month,
    ce_year,
    fiscal_month,
    fiscal_year_bounds,
    month_be_year,
)
from thaplan_desktop.domain.tracking import Disbursement

__all__ = [
    "MonthSpending",
    "disbursed_by_month",
    "month_end",
    "month_start",
    "planned_by_month",
    "spending_table",
]

ZERO = Decimal("0.00")


def _satang(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _baht(satang: int) -> Decimal:
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def planned_by_month(budget: Decimal, months: Iterable[int],
                     schedule: Mapping[int, Decimal] | None = None) -> dict[int, Decimal]:
    """Planned spending of one project by fiscal month (months without spending left out).

    With a ``schedule`` (the officer's), that schedule; otherwise the budget spread evenly over ``months``
    as the module docstring says; no months: nothing.
    """
    if schedule:
        return {m: amount for m, amount in sorted(schedule.items()) if amount}
    ordered = sorted(set(months))
    if not ordered:
        return {}
    total = _satang(budget)
    base, left = divmod(total, len(ordered))
    spread = {m: _baht(base + (1 if i < left else 0)) for i, m in enumerate(ordered)}
    return {m: amount for m, amount in spread.items() if amount}


def month_start(fiscal_year: int, month: int) -> dt.date:
    """The first day of a fiscal month of a fiscal year."""
    return dt.date(ce_year(month_be_year(fiscal_year, month)), calendar_month(month), 1)


def month_end(fiscal_year: int, month: int) -> dt.date:
    """The last day of a fiscal month of a fiscal year."""
    if month == 12:
        return fiscal_year_bounds(fiscal_year)[1]
    return month_start(fiscal_year, month + 1) - dt.timedelta(days=1)


def disbursed_by_month(disbursements: Iterable[Disbursement], fiscal_year: int,
                       as_of: dt.date) -> tuple[dict[int, Decimal], Decimal]:
    """Disbursed up to ``as_of`` by fiscal month, and the amount disbursed after the fiscal year ended."""
    start, end = fiscal_year_bounds(fiscal_year)
    by_month: dict[int, Decimal] = {}
    after = ZERO
    for d in disbursements:
        if d.paid_on > as_of:
            continue
        if d.paid_on > end:
            after += d.amount
            continue
        month = fiscal_month(d.paid_on.month) if d.paid_on >= start else 1
        by_month[month] = by_month.get(month, ZERO) + d.amount
    return by_month, after


@dataclass(frozen=True, slots=True)
class MonthSpending:
    """One fiscal month of the spending table: planned and disbursed, in the month and cumulative.

    ``disbursed`` is None for a month that had not begun on the as-of date.
    """

    month: int
    planned: Decimal
    planned_cumulative: Decimal
    disbursed: Decimal | None
    disbursed_cumulative: Decimal | None


def spending_table(planned: Mapping[int, Decimal], disbursed: Mapping[int, Decimal], fiscal_year: int,
                   as_of: dt.date) -> tuple[MonthSpending, ...]:
    """The twelve months of planned against disbursed spending, with running totals."""
    rows = []
    planned_total = ZERO
    disbursed_total = ZERO
    for month in range(1, 13):
        planned_total += planned.get(month, ZERO)
        begun = month_start(fiscal_year, month) <= as_of
        if begun:
            disbursed_total += disbursed.get(month, ZERO)
        rows.append(MonthSpending(month, planned.get(month, ZERO), planned_total,
                                  disbursed.get(month, ZERO) if begun else None,
                                  disbursed_total if begun else None))
    return tuple(rows)
