"""An unexpected exception in the GUI shows a Thai dialog naming the log file, and leaves the data as it was."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.logs import setup_logging
from thaplan_desktop.safety import open_for_editing
from thaplan_desktop.ui.errors import install_excepthook
from thaplan_desktop.workspace import ProjectFields
from thaplan_desktop.workspace import projects as project_operations

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hooks():
    saved = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = saved


@pytest.fixture
def window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_an_exception_in_a_slot_shows_a_thai_dialog_with_the_log_and_keeps_the_data(qtbot, hooks, window,
                                                                                    demo_db, monkeypatch):
    reporter = install_excepthook(lambda: window)
    ws = open_for_editing(demo_db)
    try:
        edition = ws.find_edition()
        ws.add_project(edition.id, ProjectFields(name="บันทึกก่อนเกิดปัญหา", budget=1, months={1}))
        before = ws.projects(edition.id)
        columns = project_operations.project_columns
        calls = []

        def failing_columns(fields, units):  # the second row fails, the first one being written: as a bug would
            calls.append(fields)
            if len(calls) > 1:
                raise RuntimeError("บั๊กตัวอย่าง boom")
            return columns(fields, units)

        monkeypatch.setattr(project_operations, "project_columns", failing_columns)

        def broken_slot() -> None:  # an operation that fails halfway
            ws.save_rows(edition.id, updates={before[0].id: ProjectFields(name="ครึ่งทาง")},
                         additions=[ProjectFields(name="ครึ่งทาง", budget=1)])

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=5000)
        box = reporter.dialog
        assert box.parent() is window
        assert "ข้อผิดพลาดที่ไม่คาดคิด" in box.text()
        log_path = setup_logging()
        assert str(log_path) in box.informativeText()
        assert "ข้อมูลที่บันทึกแล้วยังอยู่ครบ" in box.informativeText()
        assert "boom" in box.detailedText()
        assert "บั๊กตัวอย่าง boom" in log_path.read_text(encoding="utf-8")

        assert ws.projects(edition.id) == before  # the failed operation left nothing behind
        assert "บันทึกก่อนเกิดปัญหา" in [p.name for p in before]
        box.accept()
        qtbot.waitUntil(lambda: reporter.dialog is None, timeout=5000)
    finally:
        ws.close()


def test_errors_in_worker_threads_reach_the_dialog_one_at_a_time(qtbot, hooks, window):
    reporter = install_excepthook(lambda: window)

    def worker() -> None:
        raise ValueError("จากเธรดทำงานเบื้องหลัง")

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=5000)
    first = reporter.dialog
    assert "จากเธรดทำงานเบื้องหลัง" in first.detailedText()
    qtbot.wait(50)
    assert reporter.dialog is first  # the other two went to the log only
    first.accept()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=5000)
