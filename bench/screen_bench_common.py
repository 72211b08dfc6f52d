"""Shared set-up of the screen benchmarks (calendar, dashboard): a window's screen on the 10,000-project plan.

A screen is measured on its own, as the window shows it: a ``PlanSession`` on its worker with the
benchmark database of ``gui_bench_common`` open, the screen in a main window of the window's size,
offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import time

from gui_bench_common import wait


def open_screen(app, settings, db, make_screen):
    """Open ``db`` in a session, show ``make_screen(context)`` in a 1600×950 window and wait for its reading.

    Returns (context, screen, seconds from open to the screen showing the plan).
    """
    from PySide6.QtWidgets import QMainWindow

    from thaplan_desktop.ui.context import ScreenContext
    from thaplan_desktop.ui.runner import Runner
    from thaplan_desktop.ui.session import PlanSession
    from thaplan_desktop.ui.state import PlanState

    window = QMainWindow()
    runner = Runner(window)
    session = PlanSession(runner, window)
    state = PlanState(window)
    session.loaded.connect(state.load)
    session.refreshed.connect(state.apply)
    context = ScreenContext(window=window, session=session, state=state, settings=settings)
    failures: list[str] = []
    session.failed.connect(failures.append)
    screen = make_screen(context)
    window.setCentralWidget(screen)
    window.resize(1600, 950)
    window.show()
    start = time.perf_counter()
    session.open(db)
    wait(app, lambda: failures or (getattr(screen, "data", None) is not None and runner.pending == 0), timeout=120)
    if failures:
        raise RuntimeError(failures[0])
    return context, screen, time.perf_counter() - start


def close_screen(app, context) -> None:
    """Close the file and stop the worker."""
    context.session.close()
    context.session.runner.shutdown()
    context.window.close()
    app.processEvents()
