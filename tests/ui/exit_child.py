"""A child process for the exit test: the real ``run_gui`` on a plan, driven through screens, then closed.

Run as a script, never collected by pytest: ``python exit_child.py DB``. It opens the procedure tab, then
the document dialog (closed with ยกเลิก), then closes the main window; ``run_gui`` returns and the process
exits as ``thaplan`` does. The test reads its exit status and what Qt wrote on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.app import run_gui, setup_application


def main(db: Path) -> int:
    app = setup_application(settings=settings_keys.app_settings())

    def window():
        from thaplan_desktop.ui.main_window import MainWindow

        return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))

    def reject_dialog(left: int = 2000) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            dialog.reject()
            QTimer.singleShot(0, lambda: window().close())
        elif left:
            QTimer.singleShot(5, lambda: reject_dialog(left - 1))

    def when_idle(then) -> None:
        main_window = window()
        if main_window.runner.pending or main_window.state.edition is None:
            QTimer.singleShot(20, lambda: when_idle(then))
        else:
            then(main_window)

    def document(main_window) -> None:
        QTimer.singleShot(0, reject_dialog)
        main_window.action_by_id["document"].trigger()

    def procedure(main_window) -> None:
        main_window.show_procedure()
        QTimer.singleShot(20, lambda: when_idle(document))  # once the procedure view is built

    QTimer.singleShot(0, lambda: when_idle(procedure))
    return run_gui(db)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
