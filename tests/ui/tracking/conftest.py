"""Fixtures of the ติดตามผล tab's tests: the tab built directly against a ``PlanSession`` on the demo plan.

The harness is what the main window gives a screen — a window, the session on its worker, the state that
follows the session, the settings — with the tab installed in a tab widget as the window installs it. The
tab's day is the demo's pinned "today" (15 พฤษภาคม 2563), so every figure is the same on any machine.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import pytest
from demo_state import DEMO_TODAY
from guihelp import settle


@dataclass
class Harness:
    window: object
    session: object
    state: object
    context: object
    tabs: object
    tab: object
    runner: object
    path: object

    def settle(self, qtbot):
        """Every queued job delivered, and the totals (worked out on the next turn of the loop) shown."""
        from PySide6.QtWidgets import QApplication

        settle(qtbot, self)
        QApplication.processEvents()

    def project_id(self, name):
        """The id of the demo's project of that exact name."""
        return next(p.id for p in self.state.projects.values() if p.name == name)

    def db(self, sql, *args):
        con = sqlite3.connect(self.path)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()


@pytest.fixture
def harness(qtbot, settings, demo_db):
    """The ติดตามผล tab on the demo plan, shown and read."""
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

    from thaplan_desktop.ui.context import ScreenContext
    from thaplan_desktop.ui.runner import Runner
    from thaplan_desktop.ui.session import PlanSession
    from thaplan_desktop.ui.state import PlanState
    from thaplan_desktop.ui.tracking.backend import TrackingBackend
    from thaplan_desktop.ui.tracking.install import install

    window = QMainWindow()
    qtbot.addWidget(window)
    runner = Runner(window)
    session = PlanSession(runner, window)
    state = PlanState(window)
    session.loaded.connect(state.load)
    session.refreshed.connect(state.apply)
    context = ScreenContext(window=window, session=session, state=state, settings=settings)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "แผน")
    window.setCentralWidget(tabs)
    tab = install(context, tabs, TrackingBackend(session, today=lambda: DEMO_TODAY))
    window.resize(1600, 900)
    window.show()
    with qtbot.waitSignal(session.loaded, timeout=20000):
        session.open(demo_db)
    result = Harness(window, session, state, context, tabs, tab, runner, demo_db)
    tab.show_tab()
    result.settle(qtbot)
    qtbot.waitUntil(lambda: tab.store.loaded, timeout=20000)
    result.settle(qtbot)
    yield result
    session.close()
    runner.shutdown()

