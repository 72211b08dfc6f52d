"""The dashboard (ภาพรวม): every chart of a plan for the tree's selection, in the order they are shown.

``dashboard_charts(plan, scope)`` gives the budget by strategy (or program), the budget by unit, the
projects per month, and the monthly and cumulative spending plans. With ``TrackingFigures`` (the tracking
follow-up passes them) the spending charts gain the disbursed line and a progress-by-status donut is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thaplan_desktop.charts.budget import budget_by_tree, budget_by_unit
from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.charts.months import projects_per_month
from thaplan_desktop.charts.progress import progress_by_status
from thaplan_desktop.charts.scope import ChartScope, scoped
from thaplan_desktop.charts.spending import (
    Disbursements,
    cumulative_spending,
    monthly_spending,
    planned_by_month,
)
from thaplan_desktop.domain.model import PlanData

__all__ = ["TrackingFigures", "dashboard_charts"]


@dataclass(frozen=True, slots=True)
class TrackingFigures:
    """What tracking knows about the rows in scope, as of one day (either part may be missing)."""

    disbursements: Disbursements | None = None
    statuses: Mapping[str, int] | None = None  # status key → rows (see charts.progress.STATUSES)


def dashboard_charts(plan: PlanData, scope: ChartScope | None = None,
                     tracking: TrackingFigures | None = None) -> tuple[ChartDescription, ...]:
    """Every chart of the dashboard for ``scope`` (the whole plan when None)."""
    part = scoped(plan, scope)
    disbursements = tracking.disbursements if tracking is not None else None
    planned = planned_by_month(part.projects, part.satang)
    charts = [
        budget_by_tree(part),
        budget_by_unit(part),
        projects_per_month(part),
        monthly_spending(part, disbursements, planned_satang=planned),
        cumulative_spending(part, disbursements, planned_satang=planned),
    ]
    if tracking is not None and tracking.statuses is not None:
        charts.append(progress_by_status(tracking.statuses, subtitle=part.subtitle))
    return tuple(charts)
