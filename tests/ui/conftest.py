"""GUI test fixtures: settings in tmp_path, no thread left running, the main window on the demo plan."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from guihelp import settle, stop_waiting  # noqa: E402


@pytest.fixture(autouse=True)
def no_handler_outlives_its_test():
    """A dialog handler a test left waiting never acts on the next test's dialogs."""
    yield
    stop_waiting()


@pytest.fixture(autouse=True)
def no_thread_left_running():
    """Fail a test that leaves a thread of its own running (the runner must be shut down)."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for thread in leftover:
        thread.join(timeout=2)
    still = [t.name for t in leftover if t.is_alive()]
    if still:
        pytest.fail(f"threads left running: {still}")


@pytest.fixture(autouse=True)
def settings_file(tmp_path, monkeypatch) -> Path:
    """The application's settings go to an INI file in tmp_path, never the user's."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("THAPLAN_SETTINGS", str(path))
    return path


@pytest.fixture
def settings(settings_file):
    from thaplan_desktop.ui.settings import app_settings

    result = app_settings()
    assert Path(result.fileName()) == settings_file
    return result


@pytest.fixture
def make_window(qtbot, settings):
    """Build main windows; each is closed (worker stopped) at the end of the test."""
    from thaplan_desktop.ui.app import setup_application
    from thaplan_desktop.ui.main_window import MainWindow

    setup_application([], settings)  # as the application starts: names, font, Qt's own strings in Thai
    windows = []

    def make():
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.resize(1600, 900)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.runner.shutdown()


@pytest.fixture
def draft_demo_db(demo_db):
    """The demo plan with its main edition's announcement reopened (step 7 back to not started): a draft again.

    The demo's main edition is announced, so the first change to its projects asks whether to record an
    amendment or open an additional edition (``test_announced_edition.py`` tests that question); the grid's
    own behaviour is tested on the draft, where edits go straight through.
    """
    from thaplan_desktop.workflow import operations
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(demo_db) as ws:
        operations.set_step(ws, ws.find_edition().id, "announce", status="not_started")
    return demo_db


@pytest.fixture
def window(make_window, qtbot, draft_demo_db):
    """The main window with the demo plan open, its main edition a draft (``draft_demo_db``)."""
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.open_file(draft_demo_db)
    settle(qtbot, window)
    return window
