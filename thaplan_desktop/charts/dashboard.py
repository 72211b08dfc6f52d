"""The dashboard (ภาพรวม): every chart of a plan for the tree's selection, in the order they are shown.

``dashboard_charts(plan, scope)`` gives the budget by strategy (or program), the budget by unit, the
projects per month, and the monthly and cumulative spending plans. With tracking — ``TrackingFigures``
already summed for the scope, or a ``TrackingIndex`` (``charts.tracking``) that the scope's rows are summed
from — the spending charts honour the officer's spending schedules and gain the disbursed line, and a
progress-by-status donut is added.
"""

from __future__ import annotations

from thaplan_desktop.charts.budget import budget_by_tree, budget_by_unit
from thaplan_desktop.charts.description import ChartDescription
from thaplan_desktop.charts.months import projects_per_month
from thaplan_desktop.charts.progress import progress_by_status
from thaplan_desktop.charts.scope import ChartScope, scoped
from thaplan_desktop.charts.spending import cumulative_spending, monthly_spending, planned_by_month
from thaplan_desktop.charts.tracking import TrackingFigures, TrackingIndex
from thaplan_desktop.domain.model import PlanData

__all__ = ["TrackingFigures", "dashboard_charts"]


def dashboard_charts(plan: PlanData, scope: ChartScope | None = None,
                     tracking: TrackingFigures | TrackingIndex | None = None) -> tuple[ChartDescription, ...]:
    """Every chart of the dashboard for ``scope`` (the whole plan when None)."""
    part = scoped(plan, scope)
    figures = tracking.figures(part.projects) if isinstance(tracking, TrackingIndex) else tracking
    disbursements = figures.disbursements if figures is not None else None
    schedules = figures.schedules if figures is not None else None
    planned = planned_by_month(part.projects, part.satang, schedules)
    charts = [
        budget_by_tree(part),
        budget_by_unit(part),
        projects_per_month(part),
        monthly_spending(part, disbursements, planned_satang=planned, schedules=schedules),
        cumulative_spending(part, disbursements, planned_satang=planned, schedules=schedules),
    ]
    if figures is not None and figures.statuses is not None:
        charts.append(progress_by_status(figures.statuses, subtitle=part.subtitle))
    return tuple(charts)
