"""The application's own settings (last database, window layout, export options, servers), kept in an INI file.

Plan data never goes here: it lives in the database file; nor does a server's password. The file is in the user data folder;
``THAPLAN_SETTINGS`` names another one (tests point it into their temporary folder). Every key is declared
here, with typed readers (an INI file gives back strings).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from thaplan_desktop.paths import data_dir
from thaplan_desktop.workspace import DatabaseError, Location, ServerAddress, parse_location

LAST_DATABASE = "files/last_database"  # a file's path, or a server plan's URL (never with a password)
OFFICE_SERVERS = "office/recent_servers"  # the servers used before: JSON list of {server, port, database, user}
WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER_STATE = "window/splitter"
FONT_SIZE = "view/font_size"

# Exports: the PDF font ("auto", "laksaman", "th-sarabun" or a TTF path); options shared by PDF and Excel
# (Thai digits and subtotals are menu check marks; the others are set by editing the INI file); the folder
# last saved to or imported from.
FONT_SETTING = "export/pdf_font"
THAI_DIGITS_SETTING = "export/thai_digits"
SUBTOTALS_SETTING = "export/subtotals"
SHADE_MONTHS_SETTING = "export/shade_months"
ANNOUNCEMENT_FIRST_SETTING = "export/announcement_first"
SUMMARY_EQUIPMENT_SETTING = "export/summary_with_equipment"  # ผด.01 counts ผด.02/1 too
LAST_FOLDER_SETTING = "export/last_folder"


def settings_path() -> Path:
    """Where the settings file is."""
    override = os.environ.get("THAPLAN_SETTINGS")
    return Path(override) if override else data_dir() / "settings.ini"


def app_settings() -> QSettings:
    """The settings file, as QSettings."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def flag(settings: QSettings, key: str, default: bool) -> bool:
    """A yes/no setting (the default when unset)."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value) if value is not None else default


def text(settings: QSettings, key: str, default: str) -> str:
    """A text setting (the default when unset or empty)."""
    value = settings.value(key, default)
    return str(value) if value not in (None, "") else default


def last_database(settings: QSettings) -> Location | None:
    """The plan opened last: a file if it still exists, or a plan on the office's server."""
    value = str(settings.value(LAST_DATABASE, "") or "")
    if "://" in value:
        try:
            return parse_location(value)
        except DatabaseError:
            return None
    if value:
        path = Path(value)
        if path.exists():
            return path
    return None


def remember_database(settings: QSettings, location: Location) -> None:
    """Note the plan just opened (a server plan by its URL, which holds no password)."""
    settings.setValue(LAST_DATABASE, location.text if isinstance(location, ServerAddress) else str(location))
    settings.sync()
