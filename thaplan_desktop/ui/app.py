"""Starting the GUI: the QApplication, the Thai font, Qt's own strings in Thai, the settings, the main window.

``run_gui(db)`` is what ``thaplan`` (no subcommand) calls: it opens ``db``, else the database used last,
else the default one in the user data folder; on first run a dialog asks for the organisation and
fiscal year or offers the demo plan. The font is TH SarabunPSK when installed, else the bundled
Laksaman, at a size that keeps Thai vowels and tone marks readable. What Qt draws itself — standard
buttons, file dialogs, the context menus of text fields — speaks Thai through ``resources/translations/
qt_th.qm`` (Qt ships no Thai); on Linux the file dialogs are Qt's own, so they are Thai too, where the
desktop's dialog would follow the system's language (Windows and macOS keep theirs, in the system's).
Python's cyclic garbage is collected on the GUI thread only (``GuiThreadCollector``): collected on the
worker thread, a Qt object in a reference cycle would be deleted there, and Qt crashes.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from thaplan_desktop.paths import APP_NAME, bundled, resource
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.errors import install_excepthook

log = logging.getLogger(__name__)

TEXTS = {
    "display_name": "ThaPlan",  # Qt adds it after every window's title (Windows, Linux)
}

PREFERRED_FAMILIES = ("TH SarabunPSK", "TH Sarabun New", "Sarabun")
BUNDLED_FAMILY = "Laksaman"
_TRANSLATOR = "thaplan_qt_th"
_COLLECTOR = "thaplan_gc"
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


def install_thai(app: QApplication) -> QTranslator | None:
    """Qt's own strings in Thai (once per application); Thai as the default locale; Qt's file dialog on Linux.

    Returns the translator, or None when the translation file is missing or unreadable (logged: the
    application still runs, with Qt's English).
    """
    QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    if sys.platform.startswith("linux"):  # not the desktop's dialog, which would follow the system's language
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    existing = app.findChild(QTranslator, _TRANSLATOR)
    if existing is not None:
        return existing
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR)
    path = resource("translations") / "qt_th.qm"
    if not translator.load(str(path)):
        log.warning("Qt's Thai strings not loaded from %s", path)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


class GuiThreadCollector(QObject):
    """Collect Python's cyclic garbage on the GUI thread, a moment apart, instead of wherever it piles up.

    Automatic collection runs on whichever thread allocates when a threshold is crossed — often the
    worker, busy with SQLAlchemy — and a Qt object in a collected cycle is then deleted off its thread.
    Automatic collection is switched off and each generation is collected here once its count is over
    the threshold Python would have used.
    """

    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.setObjectName(_COLLECTOR)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    def collect(self) -> int:
        """Collect the generations over their thresholds (the youngest first); the objects freed."""
        freed = 0
        for generation, (count, threshold) in enumerate(zip(gc.get_count(), self.thresholds, strict=True)):
            if count <= threshold:
                break
            freed = gc.collect(generation)
        return freed


def setup_application(argv: list[str] | None = None, settings: QSettings | None = None) -> QApplication:
    """The QApplication with its names, Qt's strings in Thai, and the Thai font at a comfortable size."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(TEXTS["display_name"])
    install_thai(app)
    if app.findChild(GuiThreadCollector, _COLLECTOR) is None:
        GuiThreadCollector(app)
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
