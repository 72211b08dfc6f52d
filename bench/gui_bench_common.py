"""Shared set-up of the GUI benchmarks: a 10,000-project database and the main window, offscreen.

The database is the demo plan with its rows repeated and varied (``build_demo(path, copies=N)``), built
once into a temporary folder (or ``--db``) and reused by later runs. The window runs offscreen unless
``QT_QPA_PLATFORM`` says otherwise; settings and user data go to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

TARGET_PROJECTS = 10_000
BENCH_DIR = Path(tempfile.gettempdir()) / "thaplan-bench"


def _default_db() -> Path:
    """One benchmark database per schema version: checkouts of other versions never share (or refuse) it."""
    from thaplan_desktop.db.files import head_revision

    return BENCH_DIR / f"bench-10000-schema{head_revision()}.sqlite"


DEFAULT_DB = _default_db()


def arguments(description: str) -> argparse.Namespace:
    """``--db PATH`` and ``--projects N``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="the benchmark database (built if missing)")
    parser.add_argument("--projects", type=int, default=TARGET_PROJECTS, help="about how many projects")
    return parser.parse_args()


def bench_database(path: Path, projects: int = TARGET_PROJECTS) -> Path:
    """The benchmark database, built on first use."""
    if path.exists():
        return path
    from thaplan_desktop.demo import build_demo, demo_data

    data = demo_data()
    per_copy = len(data["projects"]) + len(data["equipment"])
    copies = -(-projects // per_copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    with build_demo(path, copies=copies) as workspace:
        # The demo's main edition is announced: the grid would ask before every edit whether to amend it
        # or open an additional edition. Benchmarks measure the grid, so its announcement is reopened (as
        # the GUI tests' ``draft_demo_db`` does) and edits go straight through.
        from thaplan_desktop.workflow import operations

        operations.set_step(workspace, workspace.find_edition().id, "announce", status="not_started")
    return path


def start_app():
    """The QApplication with the application's font, settings and data in a temporary folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = Path(tempfile.mkdtemp(prefix="thaplan-bench-"))
    os.environ["THAPLAN_DATA_DIR"] = str(scratch / "data")
    os.environ["THAPLAN_SETTINGS"] = str(scratch / "settings.ini")
    from thaplan_desktop.ui.app import setup_application
    from thaplan_desktop.ui.settings import app_settings

    settings = app_settings()
    app = setup_application([], settings)
    return app, settings


def wait(app, condition, timeout: float = 60.0) -> None:
    """Run the event loop until ``condition()`` holds (checked every 2 ms, as app.exec() would idle).

    Held once is enough: the window's own background work (its look for others' changes every half second)
    may make a condition such as "the worker is idle" false again a moment later.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout
    timer = QTimer()
    timer.setInterval(2)
    held = []

    def check() -> None:
        if condition():
            held.append(True)
            loop.quit()
        elif time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not held:
        raise TimeoutError("benchmark condition not reached")


class PaintWatch:
    """Counts paint events of a widget (the grid's viewport): 'painted' means Qt really drew it."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.count = 0
        self.last = 0.0
        watch = self

        class _Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    watch.count += 1
                    watch.last = time.perf_counter()
                return False

        self._filter = _Filter()
        widget.installEventFilter(self._filter)


def open_window(app, settings, db: Path):
    """The main window shown, with ``db`` open; returns (window, seconds from open to painted grid)."""
    from thaplan_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    window.resize(1600, 900)
    window.show()
    wait(app, lambda: window.isVisible())
    watch = PaintWatch(window.grid.viewport())
    loaded = []
    load = window.state.load

    def timed_load(data):  # the moment the edition's data reaches the GUI thread
        loaded.append(time.perf_counter())
        load(data)

    window.state.load = timed_load
    start = time.perf_counter()
    window.open_file(db)
    wait(app, lambda: loaded and watch.count and watch.last > loaded[0] and window.runner.pending == 0)
    window.bench_phases = (loaded[0] - start, watch.last - loaded[0])  # worker read, GUI build and paint
    return window, watch.last - start


def close_window(app, window) -> None:
    """Close the window and stop its worker."""
    window.close()
    window.runner.shutdown()
    app.processEvents()
