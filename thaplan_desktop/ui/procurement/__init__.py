"""The procurement plan screen (แผนการจัดซื้อจัดจ้าง): which rows are procured, how and when, and its annex.

``install(context)`` builds the screen for the window (a tab); ``show(window)`` brings it forward (มุมมอง →
แผนการจัดซื้อจัดจ้าง); ``export.run(context)`` writes the annex (ไฟล์ → ส่งออกแผนการจัดซื้อจัดจ้าง…).
Modules: ``texts`` (what it says), ``backend`` (its read, its operation, its export and formats),
``model`` (the rows), ``filter`` (procured only, search), ``delegate`` (the editors), ``export``, ``view``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.procurement import export
from thaplan_desktop.ui.procurement.texts import TEXTS
from thaplan_desktop.ui.procurement.view import ProcurementScreen
from thaplan_desktop.ui.screens import reveal

__all__ = ["EXPORT_TIP", "EXPORT_TITLE", "MENU_TIP", "MENU_TITLE", "TAB_TITLE", "ProcurementScreen", "export",
           "install", "show"]

MENU_TITLE = TEXTS["menu"]
MENU_TIP = TEXTS["menu_tip"]
TAB_TITLE = TEXTS["tab"]
EXPORT_TITLE = TEXTS["export_menu"]
EXPORT_TIP = TEXTS["export_menu_tip"]


def install(context: ScreenContext) -> ProcurementScreen:
    """The procurement plan of the window's plan; it reads the plan when first shown and follows its changes."""
    return ProcurementScreen(context)


def show(window: QMainWindow) -> None:
    """มุมมอง → แผนการจัดซื้อจัดจ้าง: bring the window's procurement plan forward."""
    reveal(window, ProcurementScreen)
