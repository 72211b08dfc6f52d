"""How the main window takes in the plan-in-use screens: ``install`` (the ติดตามผล tab) and ``MENU_ENTRIES``.

The window calls ``install(context, tabs)`` once; it adds the ติดตามผล tab to the window's tabs (the tab
reads the plan the first time it is shown) and returns it, to be kept as ``window.tracking_tab``.
``MENU_ENTRIES`` are the window's menu commands for these screens, with the fields of
``ui.actions.ActionSpec`` (``as_action_spec_fields`` gives them as its keyword arguments): the window
declares them in its one list of actions. Their handlers take the window, which gives them its
``context`` and its ``tracking_tab``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtWidgets import QTabWidget

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.tracking import export_progress, import_progress, report_dialog
from thaplan_desktop.ui.tracking.backend import TrackingBackend
from thaplan_desktop.ui.tracking.tab import TrackingTab

TEXTS = {
    "tab": "ติดตามผล",
    "show": "ติดตามผลการดำเนินงาน",
    "show_tip": "สถานะ ความคืบหน้า และการเบิกจ่ายของแต่ละโครงการ (แท็บติดตามผล)",
    "export": "ส่งแบบรายงานผลให้หน่วยงาน…",
    "export_tip": "ไฟล์ Excel ให้แต่ละหน่วยงานกรอกผลการดำเนินงานและการเบิกจ่าย แล้วส่งกลับมานำเข้า",
    "import": "นำเข้าผลการดำเนินงาน…",
    "import_tip": "อ่านแบบรายงานผลที่หน่วยงานส่งกลับ (หรือไฟล์ JSON) ตรวจการจับคู่ แล้วนำเข้าในขั้นตอนเดียว",
    "report": "รายงานผลการติดตาม…",
    "report_tip": "รายงานผลการติดตามและประเมินผลแผน ณ วันที่หรือรอบที่เลือก (รอบ 6 เดือน, 12 เดือน, ไตรมาส)",
}


class TrackingWindow(Protocol):
    """What the menu's handlers need of the main window."""

    context: ScreenContext
    tracking_tab: TrackingTab


def install(context: ScreenContext, tabs: QTabWidget, backend: TrackingBackend | None = None) -> TrackingTab:
    """Add the ติดตามผล tab to the window's ``tabs`` and return it (``backend``: tests pin its day)."""
    tab = TrackingTab(context, backend)
    tab.tabs = tabs
    tabs.addTab(tab, TEXTS["tab"])
    return tab


def file_open(window: TrackingWindow) -> bool:
    """A plan is open."""
    return window.context.session.edition_id is not None


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One menu command, with the fields of ``ui.actions.ActionSpec`` it becomes."""

    id: str
    title: str
    handler: Callable[[TrackingWindow], object]
    menu: str
    enabled_when: Callable[[TrackingWindow], bool] | None = file_open
    tip: str = ""

    def as_action_spec_fields(self) -> dict[str, Any]:
        """Keyword arguments of ``ActionSpec``: ``ActionSpec(**entry.as_action_spec_fields())``."""
        return {"id": self.id, "title": self.title, "handler": self.handler, "menu": self.menu,
                "enabled_when": self.enabled_when, "tip": self.tip}


MENU_ENTRIES: tuple[MenuEntry, ...] = (
    MenuEntry("tracking", TEXTS["show"], lambda w: w.tracking_tab.show_tab(), "view", tip=TEXTS["show_tip"]),
    MenuEntry("export_progress", TEXTS["export"], lambda w: export_progress.run(w.context), "file",
              tip=TEXTS["export_tip"]),
    MenuEntry("import_progress", TEXTS["import"], lambda w: import_progress.run(w.context), "file",
              tip=TEXTS["import_tip"]),
    MenuEntry("report_progress", TEXTS["report"], lambda w: report_dialog.run(w.context), "file",
              tip=TEXTS["report_tip"]),
)
