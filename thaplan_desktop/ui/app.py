"""Starting the GUI: the QApplication, the Thai font, the settings, and the main window on a database.

``run_gui(db)`` is what ``thaplan`` (no subcommand) calls: it opens ``db``, else the database used last,
else the default one in the user data folder; on first run a dialog asks for the organisation and
fiscal year or offers the demo plan. The font is TH SarabunPSK when installed, else the bundled
Laksaman, at a size that keeps Thai vowels and tone marks readable.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from thaplan_desktop.paths import APP_NAME, bundled
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.errors import install_excepthook

log = logging.getLogger(__name__)

TEXTS = {
    "display_name": "ThaPlan",  # Qt adds it after every window's title (Windows, Linux)
}

PREFERRED_FAMILIES = ("TH SarabunPSK", "TH Sarabun New", "Sarabun")
BUNDLED_FAMILY = "Laksaman"
# Thai fonts of the Sarabun family draw small: this size reads like 10–11 pt of a Latin UI font.
DEFAULT_POINT_SIZE = 12


def load_fonts() -> str:
    """Register the bundled fonts and return the family to use (an installed Sarabun first)."""
    installed = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in installed:
            return family
    family = BUNDLED_FAMILY
    try:
        folder = bundled("fonts")
    except FileNotFoundError:
        log.warning("bundled fonts folder not found")
        return family
    for path in sorted(folder.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0 and path.stem == BUNDLED_FAMILY:
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                family = families[0]
    return family


def setup_application(argv: list[str] | None = None, settings: QSettings | None = None) -> QApplication:
    """The QApplication with its names and the Thai font at a comfortable size."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(TEXTS["display_name"])
    family = load_fonts()
    size = DEFAULT_POINT_SIZE
    if settings is not None:
        try:
            size = int(str(settings.value(settings_keys.FONT_SIZE, DEFAULT_POINT_SIZE)))
        except (TypeError, ValueError):
            size = DEFAULT_POINT_SIZE
    font = QFont(family, size)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return app


def run_gui(db: Path | None) -> int:
    """Open the main window on ``db`` (default: the last database, else the one in the user data folder).

    Unexpected errors are logged and shown in Thai over the window (``errors``).
    """
    from thaplan_desktop.ui.main_window import MainWindow

    settings = settings_keys.app_settings()
    app = setup_application(settings=settings)
    window = MainWindow(settings)
    install_excepthook(lambda: window)
    window.show()
    window.open_initial(db)
    code = app.exec()
    close_windows(app)
    return code


def close_windows(app: QApplication) -> None:
    """Delete every window and dialog while the QApplication still runs, children before their parents.

    Left to Python's exit, PySide deletes the windows it still holds in no particular order after the
    event loop is gone: a dialog whose parent went first is deleted a second time ("shared QObject was
    deleted directly", then a crash on the way out).
    """
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
