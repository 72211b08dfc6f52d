"""Changing an announced edition first asks: record an amendment, or open an additional edition."""

import sqlite3

import pytest
from dbsnapshot import dump
from guihelp import db_project, settle, showing
from PySide6.QtWidgets import QApplication

from thaplan_desktop.domain.model import EditionStatus
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.ui.procedure.amendment_dialog import AmendmentDialog
from thaplan_desktop.workspace import EditionFields, Workspace


@pytest.fixture
def announced_window(make_window, qtbot, demo_db):
    with Workspace.open(demo_db) as ws:
        ws.update_edition(ws.find_edition().id, EditionFields(status=EditionStatus.ANNOUNCED))
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.open_file(demo_db)
    settle(qtbot, window)
    return window


def test_an_edit_of_an_announced_edition_asks_and_records_the_amendment(announced_window, qtbot, demo_db):
    window = announced_window
    project = window.grid_model.project_at(0)
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["budget"]), "999,000")
    qtbot.waitUntil(lambda: showing(window, AmendmentDialog) is not None)
    dialog = showing(window, AmendmentDialog)
    assert dialog.amend_button.isChecked()
    dialog.reason.setText("โอนงบประมาณตามคำสั่ง อบต.")
    dialog.accept()
    settle(qtbot, window)
    assert db_project(demo_db, project.id)["budget_satang"] == 99_900_000
    con = sqlite3.connect(demo_db)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    amendment_table = next(t for t in tables if "amendment" in t)
    assert con.execute(f"SELECT COUNT(*) FROM {amendment_table}").fetchone()[0] == 1
    con.close()
    # Later changes go ahead without asking again.
    window.grid_model.setData(window.grid_model.index(1, COLUMN_INDEX["location"]), "หมู่ที่ 6")
    settle(qtbot, window)
    assert showing(window, AmendmentDialog) is None
    assert db_project(demo_db, window.grid_model.project_at(1).id)["location"] == "หมู่ที่ 6"


def test_cancelling_leaves_the_announced_edition_untouched(announced_window, qtbot, demo_db):
    window = announced_window
    before = dump(demo_db)
    shown = window.grid_model.data(window.grid_model.index(0, COLUMN_INDEX["budget"]))
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["budget"]), "1")
    qtbot.waitUntil(lambda: showing(window, AmendmentDialog) is not None)
    showing(window, AmendmentDialog).reject()
    settle(qtbot, window)
    assert dump(demo_db) == before
    assert window.grid_model.data(window.grid_model.index(0, COLUMN_INDEX["budget"])) == shown
    assert QApplication.activeModalWidget() is None
