"""The dashboard screen (ภาพรวม): the plan's charts, drawn with QtCharts from the charts' descriptions.

``install(context)`` builds the screen for the window (a tab); ``show(window)`` brings it forward (the
มุมมอง → ภาพรวม menu entry); the window connects the tree's selection to ``DashboardScreen.show_node``.
Modules: ``texts`` (what it says), ``backend`` (its one read), ``render`` (description → QChart),
``export`` (PNG, SVG, clipboard), ``card`` (one chart with its commands), ``view`` (the screen).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.dashboard.texts import TEXTS
from thaplan_desktop.ui.dashboard.view import DashboardScreen
from thaplan_desktop.ui.prompts import show_status
from thaplan_desktop.ui.screens import reveal

__all__ = ["MENU_TIP", "MENU_TITLE", "TAB_TITLE", "DashboardScreen", "install", "show"]

MENU_TITLE = TEXTS["menu"]
MENU_TIP = TEXTS["menu_tip"]
TAB_TITLE = TEXTS["tab"]


def install(context: ScreenContext) -> DashboardScreen:
    """The dashboard of the window's plan; it reads the plan when first shown and follows its changes."""
    window = context.window
    return DashboardScreen(context.session, settings=context.settings,
                           notify=lambda text: show_status(window, text, 5000))


def show(window: QMainWindow) -> None:
    """มุมมอง → ภาพรวม: bring the window's dashboard forward."""
    reveal(window, DashboardScreen)
