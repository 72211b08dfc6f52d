"""What a screen opened from the main window works with: the window, the open plan and the settings.

The export, import and document screens are functions taking a ``ScreenContext``; they talk to the plan
only through ``session`` (its typed operations, its reads and its long work, all on the worker thread)
and read the shown edition from ``state``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.ui.session import PlanSession
from thaplan_desktop.ui.state import PlanState


@dataclass(frozen=True, slots=True)
class ScreenContext:
    """The main window (parent of a screen's dialogs, whose status bar tells outcomes) and what it shows."""

    window: QMainWindow
    session: PlanSession
    state: PlanState
    settings: QSettings
