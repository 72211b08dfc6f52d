"""How the dashboard reaches the plan: one typed read on the window's worker, nothing else.

``DashboardBackend.load`` reads the shown edition's plan and its tracking in one transaction
(``Workspace.progress_data``) and works out, still on the worker, what tracking contributes to the charts
as of ``today`` (``charts.tracking.tracking_index``). The screen then draws any scope from that copy on the
GUI thread, without reading again. The dashboard changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from thaplan_desktop.charts.tracking import TrackingIndex, tracking_index
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.ui.session import PlanSession
from thaplan_desktop.workspace import Workspace


@dataclass(frozen=True, slots=True)
class DashboardData:
    """One edition's plan and its tracking figures as of ``tracking.as_of``."""

    plan: PlanData
    tracking: TrackingIndex


def read_dashboard(workspace: Workspace, edition_id: int, today: dt.date) -> DashboardData:
    """The plan and its tracking index (runs on the worker)."""
    plan, records = workspace.progress_data(edition_id)
    return DashboardData(plan, tracking_index(plan, records, today))


class DashboardBackend:
    """The dashboard's read, through the window's session."""

    def __init__(self, session: PlanSession, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.session = session
        self.today = today

    def load(self, done: Callable[[DashboardData], None], failed: Callable[[BaseException], None] | None = None
             ) -> bool:
        """Read the shown edition; False when no plan is open (nothing is read)."""
        edition_id = self.session.edition_id
        if edition_id is None:
            return False
        today = self.today()
        self.session.read(lambda ws: read_dashboard(ws, edition_id, today), done, failed)
        return True
