"""ไฟล์ → สำรอง/กู้คืนข้อมูล: the dialog lists backups in Thai, backs up now, and restores into the open plan."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from thaplan_desktop.domain.fiscal import be_year
from thaplan_desktop.safety import backups_of
from thaplan_desktop.ui.backup import run_backup
from thaplan_desktop.ui.runner import Runner
from thaplan_desktop.ui.session import PlanSession
from thaplan_desktop.workspace import ProjectFields


@pytest.fixture
def session(qtbot, demo_db):
    runner = Runner()
    session = PlanSession(runner)
    with qtbot.waitSignal(session.loaded, timeout=10_000):
        session.open(demo_db)
    yield session
    runner.shutdown()
    if session._workspace is not None:
        session._workspace.close()


@pytest.fixture
def window(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    return window


def _names(session) -> set[str]:
    con = sqlite3.connect(session.path)
    try:
        return {row[0] for row in con.execute("SELECT name FROM project")}
    finally:
        con.close()


def test_opening_the_plan_made_the_daily_backup(session):
    assert [b.reason for b in backups_of(session.path)] == ["open"]


def test_backup_now_lists_it_in_thai_and_restore_brings_the_plan_back(qtbot, window, session, monkeypatch):
    dialog = run_backup(session, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)  # today's "open" backup and this one
    assert dialog.table.item(0, 1).text() == "สำรองด้วยตนเอง"
    assert f"{be_year(dt.date.today().year)} เวลา" in dialog.table.item(0, 0).text()
    assert "สำรองข้อมูลแล้ว" in dialog.message.text()
    before = _names(session)

    with qtbot.waitSignal(session.refreshed, timeout=10_000):
        session.add_project(ProjectFields(name="งานที่จะถูกกู้คืนทับ", budget=1, months={1}))
    assert "งานที่จะถูกกู้คืนทับ" in _names(session)

    dialog.table.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(session.loaded, timeout=10_000):
        dialog.restore_selected()
    assert "ข้อมูลปัจจุบันจะถูกสำรองไว้ก่อน" in asked[0][2]
    assert _names(session) == before
    assert "งานที่จะถูกกู้คืนทับ" not in {p.name for p in session.data.projects}  # the window shows it too
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=10_000)
    assert dialog.table.item(0, 1).text() == "ก่อนกู้คืนข้อมูล"
    assert "กู้คืนข้อมูลแล้ว" in dialog.message.text()
    saved = backups_of(session.path)[0]
    assert saved.reason == "before-restore"


def test_restore_can_be_declined(qtbot, window, session, monkeypatch):
    dialog = run_backup(session, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: QMessageBox.StandardButton.No)
    dialog.restore_selected()
    session.runner.wait_idle()
    assert len(backups_of(session.path)) == 2
