"""The export options the ไฟล์ menu shows as check marks, kept in the settings where the exporters read them.

``ExportOptionsMenu`` ties each checkable action to its settings key: it sets the check marks from the
settings when the window opens and writes them back when the officer toggles one.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction

from thaplan_desktop.ui.settings import (
    SUBTOTALS_SETTING,
    SUMMARY_EQUIPMENT_SETTING,
    THAI_DIGITS_SETTING,
    flag,
)

# action id → (settings key, default)
OPTIONS: dict[str, tuple[str, bool]] = {
    "export_thai_digits": (THAI_DIGITS_SETTING, False),
    "export_summary_equipment": (SUMMARY_EQUIPMENT_SETTING, False),
    "export_subtotals": (SUBTOTALS_SETTING, True),
}


class ExportOptionsMenu:
    """The check marks of the export options, in step with the settings."""

    def __init__(self, settings: QSettings, actions: dict[str, QAction]) -> None:
        self.settings = settings
        self.actions = {action_id: actions[action_id] for action_id in OPTIONS}
        for action_id, (key, default) in OPTIONS.items():
            self.actions[action_id].setChecked(flag(settings, key, default))

    def save(self) -> None:
        """Keep the check marks in the settings."""
        for action_id, (key, _default) in OPTIONS.items():
            self.settings.setValue(key, self.actions[action_id].isChecked())
