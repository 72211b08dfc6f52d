"""Reading an edition's calendar through the workspace: its plan and its procedure's deadlines.

``load_calendar`` is what the command line (and the window's worker, in the follow-up) calls. The
monitoring report's deadlines come from tracking: pass them as ``monitoring`` (a list of
``DatedDeadline``) and they join the procedure's on the same calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from thaplan_desktop.calendar.deadlines import DatedDeadline, from_procedure
from thaplan_desktop.calendar.model import CalendarFilter, PlanCalendar, build_calendar
from thaplan_desktop.workflow.procedure import load_procedure
from thaplan_desktop.workspace import Workspace

__all__ = ["load_calendar"]


def load_calendar(workspace: Workspace, edition_id: int, *, filter: CalendarFilter | None = None,
                  monitoring: Sequence[DatedDeadline] = (), today: dt.date | None = None) -> PlanCalendar:
    """The calendar of one edition with its procedure's deadlines (and ``monitoring``'s, when given).

    ``today`` only decides which deadlines count as met; their days do not depend on it.
    """
    plan = workspace.plan_data(edition_id)
    procedure = load_procedure(workspace, edition_id, today=today)
    deadlines = [*from_procedure(procedure.deadlines, plan.edition), *monitoring]
    return build_calendar(plan, deadlines=deadlines, filter=filter)
