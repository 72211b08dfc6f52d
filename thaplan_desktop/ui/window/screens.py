"""The window's screens of the plan in use, each a tab: ติดตามผล, ปฏิทินการทำงาน, ภาพรวม, แผนการจัดซื้อจัดจ้าง.

Each screen package builds its own widget (``install``) and reads the plan through the session when it is
first shown; this module adds them to the window's tabs after the grid and the procedure, and joins them to
the window: a project asked for on the calendar is shown in the grid, the dashboard follows the tree's
selection, a screen's failure is told in a message box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from thaplan_desktop.ui import calendar as calendar_screen
from thaplan_desktop.ui import dashboard, procurement
from thaplan_desktop.ui.calendar.view import CalendarScreen
from thaplan_desktop.ui.dashboard.view import DashboardScreen
from thaplan_desktop.ui.procurement.view import ProcurementScreen
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.tracking.install import install as install_tracking
from thaplan_desktop.ui.tracking.tab import TrackingTab

if TYPE_CHECKING:
    from thaplan_desktop.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class Screens:
    """The plan-in-use tabs of one window."""

    tracking: TrackingTab
    calendar: CalendarScreen
    dashboard: DashboardScreen
    procurement: ProcurementScreen


def install_screens(window: MainWindow) -> Screens:
    """Add the four tabs to ``window.tabs`` (in this order, after the procedure) and join them to the window."""
    context = window.context
    tracking = install_tracking(context, window.tabs)
    calendar = calendar_screen.install(context)
    window.tabs.addTab(calendar, calendar_screen.TAB_TITLE)
    board = dashboard.install(context)
    window.tabs.addTab(board, dashboard.TAB_TITLE)
    plan = procurement.install(context)
    window.tabs.addTab(plan, procurement.TAB_TITLE)

    def show_in_grid(project_id: int) -> None:
        window.tabs.setCurrentWidget(window.splitter)
        window.jump_to_project(project_id)

    calendar.project_requested.connect(show_in_grid)
    calendar.failed.connect(lambda message: tell(window, message, warning=True))
    board.failed.connect(lambda message: tell(window, message, warning=True))
    selection = window.tree.selectionModel()
    if selection is not None:
        selection.currentChanged.connect(lambda current, _previous: board.show_node(window.tree_model.key_of(current)))
    return Screens(tracking=tracking, calendar=calendar, dashboard=board, procurement=plan)
