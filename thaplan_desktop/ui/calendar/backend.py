"""How the calendar screen reaches the plan: one typed read on the window's worker, nothing else.

``CalendarBackend.load`` reads the shown edition's calendar (``calendar.load.load_calendar``: its rows, the
procedure's and the monitoring report's deadlines) and its strategies (for the filter) on the worker of
``PlanSession``, and hands a ``CalendarData`` to the screen on the GUI thread. The screen changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from thaplan_desktop.calendar.load import load_calendar
from thaplan_desktop.calendar.model import PlanCalendar
from thaplan_desktop.domain.model import Strategy
from thaplan_desktop.ui.session import PlanSession
from thaplan_desktop.workspace import Workspace


@dataclass(frozen=True, slots=True)
class CalendarData:
    """One edition's calendar (every row, no filter) as read on ``today``."""

    calendar: PlanCalendar
    strategies: tuple[Strategy, ...]  # of the calendar's plan, in order (the strategy filter's choices)
    today: dt.date


def read_calendar(workspace: Workspace, edition_id: int, today: dt.date) -> CalendarData:
    """The calendar of an edition and its strategies (runs on the worker)."""
    calendar = load_calendar(workspace, edition_id, today=today)
    strategies = tuple(s for s in workspace.strategies() if s.id in calendar.strategy_ids)
    return CalendarData(calendar, tuple(sorted(strategies, key=lambda s: (s.position, s.number))), today)


class CalendarBackend:
    """The calendar screen's reads, through the window's session."""

    def __init__(self, session: PlanSession, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.session = session
        self.today = today

    def load(self, done: Callable[[CalendarData], None], failed: Callable[[BaseException], None] | None = None
             ) -> bool:
        """Read the shown edition's calendar; False when no plan is open (nothing is read)."""
        edition_id = self.session.edition_id
        if edition_id is None:
            return False
        today = self.today()
        self.session.read(lambda ws: read_calendar(ws, edition_id, today), done, failed)
        return True
