"""Reading an edition's calendar through the workspace: its plan, its procedure's and the monitoring report's deadlines.

``load_calendar`` is what the command line and the window's worker call. The monitoring report's deadlines
(``monitoring_deadlines``) are those of the edition's fiscal year — its rounds, and the annual report due
the December after the year — and, when the file holds the year before, that year's that fall in this
one (its annual report, due in this year's December).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from thaplan_desktop.calendar.deadlines import DatedDeadline, from_monitoring, from_procedure
from thaplan_desktop.calendar.model import CalendarFilter, PlanCalendar, build_calendar
from thaplan_desktop.domain.fiscal import fiscal_year_bounds
from thaplan_desktop.workflow.monitoring import load_monitoring
from thaplan_desktop.workflow.procedure import load_procedure
from thaplan_desktop.workspace import Workspace

__all__ = ["load_calendar", "monitoring_deadlines"]


def monitoring_deadlines(workspace: Workspace, fiscal_year: int, *, today: dt.date | None = None
                         ) -> list[DatedDeadline]:
    """The monitoring report's deadlines a calendar of ``fiscal_year`` shows (see the module docstring)."""
    result = from_monitoring(load_monitoring(workspace, fiscal_year, today=today))
    if any(e.fiscal_year == fiscal_year - 1 for e in workspace.editions()):
        start, _end = fiscal_year_bounds(fiscal_year)
        result += from_monitoring(load_monitoring(workspace, fiscal_year - 1, today=today), since=start)
    return result


def load_calendar(workspace: Workspace, edition_id: int, *, filter: CalendarFilter | None = None,
                  monitoring: Sequence[DatedDeadline] | None = None, today: dt.date | None = None) -> PlanCalendar:
    """The calendar of one edition with its procedure's and the monitoring report's deadlines.

    ``monitoring``: the monitoring deadlines to show instead of those read from the file (``()``: none).
    ``today`` only decides which deadlines count as met; their days do not depend on it.
    """
    plan = workspace.plan_data(edition_id)
    procedure = load_procedure(workspace, edition_id, today=today)
    if monitoring is None:
        monitoring = monitoring_deadlines(workspace, plan.edition.fiscal_year, today=today)
    deadlines = [*from_procedure(procedure.deadlines, plan.edition), *monitoring]
    return build_calendar(plan, deadlines=deadlines, filter=filter)
