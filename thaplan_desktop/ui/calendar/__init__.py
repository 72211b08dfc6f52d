"""The calendar screen (ปฏิทินการทำงาน): the plan month by month, by unit, with its deadlines.

``install(context)`` builds the screen for the window (a tab); ``show(window)`` brings it forward (the
มุมมอง → ปฏิทินการทำงาน menu entry). The screen's ``project_requested(project_id)`` signal asks the window
to show that row in the project grid. Modules: ``texts`` (what it says), ``backend`` (its one read),
``year_model`` (units × months), ``month_model`` (one month by unit), ``glance`` (this month and next),
``view`` (the screen), ``export`` (the calendar as shown, to PDF or .ics).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.ui.calendar.texts import TEXTS
from thaplan_desktop.ui.calendar.view import CalendarScreen
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.screens import reveal

__all__ = ["MENU_TIP", "MENU_TITLE", "TAB_TITLE", "CalendarScreen", "install", "show"]

MENU_TITLE = TEXTS["menu"]
MENU_TIP = TEXTS["menu_tip"]
TAB_TITLE = TEXTS["tab"]


def install(context: ScreenContext) -> CalendarScreen:
    """The calendar screen of the window's plan; it reads the plan when first shown and follows its changes."""
    from thaplan_desktop.ui.calendar import export

    screen = CalendarScreen(context.session)
    screen.export_requested.connect(lambda kind: export.run(context, screen, kind))
    return screen


def show(window: QMainWindow) -> None:
    """มุมมอง → ปฏิทินการทำงาน: bring the window's calendar forward."""
    reveal(window, CalendarScreen)
