"""The application's own settings (last database, window layout), kept in an INI file in the user data folder.

Plan data never goes here: it lives in the database file. ``THAPLAN_SETTINGS`` names another file
(tests point it into their temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from thaplan_desktop.paths import data_dir

LAST_DATABASE = "files/last_database"
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER_STATE = "window/splitter"
FONT_SIZE = "view/font_size"


def settings_path() -> Path:
    """Where the settings file is."""
    override = os.environ.get("THAPLAN_SETTINGS")
    return Path(override) if override else data_dir() / "settings.ini"


def app_settings() -> QSettings:
    """The settings file, as QSettings."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def last_database(settings: QSettings) -> Path | None:
    """The database opened last, if it still exists."""
    value = settings.value(LAST_DATABASE, "")
    if value:
        path = Path(str(value))
        if path.exists():
            return path
    return None


def remember_database(settings: QSettings, path: Path) -> None:
    """Note the database just opened."""
    settings.setValue(LAST_DATABASE, str(path))
    settings.sync()
