"""The window's screens tested on their own: a plan opened in a ``PlanSession`` as the window opens it.

``screen_context`` gives the ``ScreenContext`` a screen's ``install`` takes — a bare main window, the
session on its worker, the state following it, the test's settings — with the demo open, and shuts the
worker down afterwards. ``until_read`` waits until a screen has shown what it read.
"""

from __future__ import annotations

import contextlib
from pathlib import Path


@contextlib.contextmanager
def screen_context(qtbot, settings, db: Path):
    from PySide6.QtWidgets import QMainWindow

    from thaplan_desktop.ui.context import ScreenContext
    from thaplan_desktop.ui.runner import Runner
    from thaplan_desktop.ui.session import PlanSession
    from thaplan_desktop.ui.state import PlanState

    window = QMainWindow()
    qtbot.addWidget(window)
    runner = Runner(window)
    session = PlanSession(runner, window)
    state = PlanState(window)
    session.loaded.connect(state.load)
    session.refreshed.connect(state.apply)
    context = ScreenContext(window=window, session=session, state=state, settings=settings)
    try:
        with qtbot.waitSignal(session.loaded, timeout=20000):
            session.open(db)
        yield context
    finally:
        if session.data is not None:
            session.close()
        runner.shutdown()


def settle(qtbot, context):
    """Wait until every queued job has been delivered to the GUI."""
    qtbot.waitUntil(lambda: context.session.runner.pending == 0, timeout=30000)


def show(qtbot, context, screen, width=1500, height=900):
    """Put a screen in the context's window, show it and wait for its first reading."""
    context.window.setCentralWidget(screen)
    context.window.resize(width, height)
    context.window.show()
    qtbot.waitExposed(context.window)
    settle(qtbot, context)
    return screen
