"""As-of views: each project of an edition as it stood on a given day, as plain rows for tables and reports.

``progress_rows(plan, records, as_of)`` gives one ``ProjectProgress`` per project and equipment row, in print
order: the status in force on ``as_of`` (from the history by effective date, whatever order it was typed
in), its progress, what was contracted and disbursed by then, what remains, the planned and disbursed
spending by month, and the flags an officer acts on:

- **should have started** — the plan's months say the project has begun (``as_of`` is on or after the
  first day of its first month) and its status says ยังไม่ได้ดำเนินการ: the list of calls to make;
- **over budget / over contract** — disbursed more than the budget, or than the contract amount (allowed,
  flagged).

A contract counts from the day it was signed (always, when that day is not known).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from thaplan_desktop.domain.model import PlanData, Project, ProjectKind
from thaplan_desktop.domain.tracking import (
    Disbursement,
    ProjectTracking,
    StatusEntry,
    TrackingRecords,
    TrackingStatus,
)
from thaplan_desktop.tracking.spending import ZERO, disbursed_by_month, month_start, planned_by_month
from thaplan_desktop.tracking.status import default_status, entry_on, progress_on

__all__ = ["ProjectProgress", "progress_rows", "should_have_started"]


@dataclass(frozen=True, slots=True)
class ProjectProgress:
    """One project (or equipment item) as it stood on ``as_of``."""

    project: Project
    unit: str
    external: bool  # run by another agency
    as_of: dt.date
    status: TrackingStatus
    progress: int | None  # percent; None: not said
    since: dt.date | None  # effective date of the status in force (None: no entry yet)
    reason: str  # why cancelled, or the note of the status in force
    contracted: Decimal | None
    disbursed: Decimal
    disbursed_after_year: Decimal  # part of ``disbursed`` paid after the fiscal year ended
    planned: dict[int, Decimal]  # planned spending by fiscal month
    disbursed_months: dict[int, Decimal]  # disbursed by fiscal month (within the year)
    problems: str
    officer: str
    actual_start: dt.date | None
    actual_finish: dt.date | None
    last_update: dt.date | None  # the latest effective or payment date on or before ``as_of``
    should_have_started: bool

    @property
    def budget(self) -> Decimal:
        """The budget in the plan."""
        return self.project.budget

    @property
    def remaining(self) -> Decimal:
        """Budget not disbursed yet (negative when more was disbursed than budgeted)."""
        return self.project.budget - self.disbursed

    @property
    def over_budget(self) -> bool:
        """Disbursed more than the budget."""
        return self.disbursed > self.project.budget

    @property
    def over_contract(self) -> bool:
        """Disbursed more than the contract amount."""
        return self.contracted is not None and self.disbursed > self.contracted

    @property
    def is_equipment(self) -> bool:
        """An equipment item of ผด.02/1."""
        return self.project.kind is ProjectKind.EQUIPMENT


def should_have_started(project: Project, status: TrackingStatus, as_of: dt.date, fiscal_year: int) -> bool:
    """The plan's months say the project has begun by ``as_of`` and its status says not started."""
    if status is not TrackingStatus.NOT_STARTED or not project.months:
        return False
    return month_start(fiscal_year, min(project.months)) <= as_of


def progress_rows(plan: PlanData, records: TrackingRecords, as_of: dt.date) -> list[ProjectProgress]:
    """Every project and equipment item of the edition as it stood on ``as_of``, in print order."""
    year = plan.edition.fiscal_year
    units = {u.id: u for u in plan.units}
    statuses = _group(records.statuses)
    payments = _group(records.disbursements)
    rows = []
    for project in sorted(plan.projects, key=lambda p: (p.position, p.id)):
        unit = units.get(project.unit_id) if project.unit_id is not None else None
        external = bool(unit and unit.is_external)
        entry = entry_on(statuses.get(project.id, ()), as_of)
        status = entry.status if entry is not None else default_status(external)
        progress = progress_on(entry) if entry is not None else (
            0 if status is TrackingStatus.NOT_STARTED else None)
        details = records.details.get(project.id) or ProjectTracking(project.id)
        paid = payments.get(project.id, ())
        by_month, after = disbursed_by_month(paid, year, as_of)
        schedule = records.schedules.get(project.id)
        rows.append(ProjectProgress(
            project=project, unit=unit.name if unit else "", external=external, as_of=as_of, status=status,
            progress=progress, since=entry.effective_on if entry else None, reason=entry.reason if entry else "",
            contracted=_contracted(details, as_of), disbursed=sum(by_month.values(), ZERO) + after,
            disbursed_after_year=after,
            planned=planned_by_month(project.budget, project.months, schedule.months if schedule else None),
            disbursed_months=by_month, problems=details.problems, officer=details.officer,
            actual_start=_known_by(details.actual_start, as_of), actual_finish=_known_by(details.actual_finish, as_of),
            last_update=_last_update(statuses.get(project.id, ()), paid, as_of),
            should_have_started=should_have_started(project, status, as_of, year),
        ))
    return rows


_Row = TypeVar("_Row", StatusEntry, Disbursement)


def _group(items: Iterable[_Row]) -> dict[int, list[_Row]]:
    grouped: dict[int, list[_Row]] = {}
    for item in items:
        grouped.setdefault(item.project_id, []).append(item)
    return grouped


def _contracted(details: ProjectTracking, as_of: dt.date) -> Decimal | None:
    if details.contract is None:
        return None
    if details.contract_signed_on is not None and details.contract_signed_on > as_of:
        return None
    return details.contract


def _known_by(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    return day if day is not None and day <= as_of else None


def _last_update(entries: Iterable[StatusEntry], paid: Iterable[Disbursement], as_of: dt.date) -> dt.date | None:
    days = [e.effective_on for e in entries if e.effective_on <= as_of]
    days += [d.paid_on for d in paid if d.paid_on <= as_of]
    return max(days, default=None)
