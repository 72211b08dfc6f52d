"""What tracking knows, in the form the dashboard's charts take it: statuses and disbursements as of a day.

The charts take tracking through one seam, ``TrackingFigures`` (disbursed by month, rows per status, the
officer's spending schedules) summed over the rows in scope. ``tracking_index(plan, records, as_of)``
works out once, per reading of the plan, what each row contributes — its status on ``as_of``
(``tracking.status``: the entry in force, else not started, or not reported for another agency's row), what
was disbursed by then in each fiscal month (``tracking.spending.disbursed_by_month``; money paid after the
year ended, กันเงิน, is in no month) and its schedule — so that ``TrackingIndex.figures(rows)`` is one
pass over the rows of any scope (the tree's selection changes often; the data seldom). Months after the
one ``as_of`` falls in are not known yet: the disbursed line stops there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from thaplan_desktop.charts.spending import Disbursements
from thaplan_desktop.domain.fiscal import fiscal_month, fiscal_year_bounds
from thaplan_desktop.domain.model import PlanData, Project
from thaplan_desktop.domain.tracking import Disbursement, StatusEntry, TrackingRecords
from thaplan_desktop.tracking.spending import disbursed_by_month
from thaplan_desktop.tracking.status import default_status, entry_on

__all__ = ["TrackingFigures", "TrackingIndex", "through_month", "tracking_index"]

_ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class TrackingFigures:
    """What tracking knows about the rows in scope, as of one day (any part may be missing)."""

    disbursements: Disbursements | None = None
    statuses: Mapping[str, int] | None = None  # status key → rows (see charts.progress.STATUSES)
    schedules: Mapping[int, Mapping[int, Decimal]] | None = None  # project id → fiscal month → planned baht


def through_month(fiscal_year: int, as_of: dt.date) -> int:
    """The last fiscal month (1 = ต.ค.) begun on ``as_of``: 0 before the year starts, 12 after it ends."""
    start, end = fiscal_year_bounds(fiscal_year)
    if as_of < start:
        return 0
    if as_of > end:
        return 12
    return fiscal_month(as_of.month)


@dataclass(frozen=True, slots=True)
class TrackingIndex:
    """Each row's part of the tracking figures on ``as_of``, for summing over any scope."""

    as_of: dt.date
    through_month: int
    statuses: Mapping[int, str] = field(repr=False)  # project id → status key, every row of the plan
    disbursed: Mapping[int, Mapping[int, Decimal]] = field(repr=False)  # project id → month → baht (rows paid)
    schedules: Mapping[int, Mapping[int, Decimal]] = field(repr=False)  # project id → month → baht

    def figures(self, rows: Iterable[Project]) -> TrackingFigures:
        """The figures of ``rows``: disbursed per month, rows per status, and their schedules."""
        counts: dict[str, int] = {}
        by_month: dict[int, Decimal] = {}
        schedules: dict[int, Mapping[int, Decimal]] = {}
        statuses, disbursed, all_schedules = self.statuses, self.disbursed, self.schedules
        for row in rows:
            status = statuses.get(row.id)
            if status is not None:
                counts[status] = counts.get(status, 0) + 1
            paid = disbursed.get(row.id)
            if paid:
                for month, amount in paid.items():
                    by_month[month] = by_month.get(month, _ZERO) + amount
            schedule = all_schedules.get(row.id)
            if schedule:
                schedules[row.id] = schedule
        return TrackingFigures(Disbursements(by_month, self.through_month), counts, schedules)


def _grouped(items: Iterable[StatusEntry | Disbursement]) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for item in items:
        grouped.setdefault(item.project_id, []).append(item)
    return grouped


def tracking_index(plan: PlanData, records: TrackingRecords, as_of: dt.date) -> TrackingIndex:
    """Every row's status on ``as_of``, its disbursements by month up to then, and its schedule."""
    year = plan.edition.fiscal_year
    external = {u.id for u in plan.units if u.is_external}
    entries = _grouped(records.statuses)
    payments = _grouped(records.disbursements)
    statuses: dict[int, str] = {}
    disbursed: dict[int, Mapping[int, Decimal]] = {}
    for project in plan.projects:
        entry = entry_on(entries.get(project.id, ()), as_of)
        status = entry.status if entry is not None else default_status(project.unit_id in external)
        statuses[project.id] = status.value
        paid = payments.get(project.id)
        if paid:
            by_month, _after_year = disbursed_by_month(paid, year, as_of)
            if by_month:
                disbursed[project.id] = by_month
    schedules = {s.project_id: s.months for s in records.schedules.values() if s.months}
    return TrackingIndex(as_of, through_month(year, as_of), statuses, disbursed, schedules)
