"""Ctrl+Z / Ctrl+Y undo and redo every kind of change made in the window, restoring the file exactly."""

from decimal import Decimal

import pytest
from dbsnapshot import dump
from guihelp import settle
from PySide6.QtCore import Qt

from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.ui.tree.model import NODE_MIME
from thaplan_desktop.workspace import ProjectFields


def _cell_edit(window):
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["details"]), "รายละเอียดใหม่")


def _unit_edit(window):
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["unit"]), "หน่วยงานใหม่ที่ไม่เคยมี")


def _months(window):
    window.grid_model.toggle_month(0, 1)


def _paste(window):
    window.grid.setCurrentIndex(window.proxy.index(window.proxy.rowCount() - 1, COLUMN_INDEX["name"]))
    window.clipboard.paste("ก\tรายละเอียด\t1,000\nข\tรายละเอียด\t2,000\n")


def _add(window):
    window.grid_commands.add_project(edit=False)


def _delete(window):
    window.grid.setCurrentIndex(window.proxy.index(2, 1))
    window.grid_commands.delete_selected()


def _duplicate(window):
    window.grid.setCurrentIndex(window.proxy.index(2, 1))
    window.grid_commands.duplicate_projects()


def _reclassify(window):
    ids = [window.grid_model.project_at(r).id for r in (0, 1, 2)]
    window.tree_commands.reclassify(ids, ("program", window.state.programs[-1].id))


def _add_strategy(window):
    window.tree_commands.add_strategy("ยุทธศาสตร์การพัฒนาด้านการท่องเที่ยวเชิงสุขภาพ")


def _rename(window):
    window.tree_commands.rename_node_to(("strategy", window.state.strategies[0].id), "ยุทธศาสตร์ชื่อใหม่")


def _renumber(window):
    window.select_node(("strategy", window.state.strategies[1].id))
    window.tree_commands.renumber_strategy(9)


def _reorder(window):
    first = window.state.strategies[0]
    window.select_node(("strategy", first.id))
    window.tree_commands.move_node_down()


def _delete_program(window):
    program = window.state.programs[0]
    window.select_node(("program", program.id))
    window.tree_commands.delete_node(move_to=window.state.programs[1].id)


def _import_like(window):
    # What the Excel import does: one operation adding many rows is one undo step.
    edition_id = window.session.edition_id
    rows = [ProjectFields(name=f"นำเข้า {i}", budget=Decimal(100 + i), months={i % 12 + 1}) for i in range(120)]
    window.session.run_operation(lambda ws, job: ws.add_projects(edition_id, rows, label="นำเข้า 120 รายการ"))


CHANGES = {
    "cell edit": _cell_edit, "unit edit": _unit_edit, "months": _months, "paste": _paste, "add": _add,
    "delete": _delete, "duplicate": _duplicate, "reclassify": _reclassify, "add strategy": _add_strategy,
    "rename": _rename, "renumber": _renumber, "reorder": _reorder, "delete program": _delete_program,
    "import": _import_like,
}


@pytest.mark.parametrize("name", CHANGES)
def test_undo_and_redo_restore_the_database_exactly(window, qtbot, demo_db, name):
    before = dump(demo_db)
    shown_before = [p.id for p in window.grid_model.rows]
    CHANGES[name](window)
    settle(qtbot, window)
    after = dump(demo_db)
    assert after != before, "the change changed nothing"
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert dump(demo_db) == before
    assert [p.id for p in window.grid_model.rows] == shown_before
    qtbot.keyClick(window.grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert dump(demo_db) == after
    # The views show what the file holds.
    assert sorted(p.id for p in window.grid_model.rows) == sorted(window.state.projects)
    assert window.state.totals_of(("root",)).count == len(window.state.projects)


def test_undo_action_names_what_it_undoes(window, qtbot):
    assert not window.action_by_id["undo"].isEnabled()
    _cell_edit(window)
    settle(qtbot, window)
    assert window.action_by_id["undo"].isEnabled()
    assert window.action_by_id["undo"].text() == "เลิกทำ: แก้ไขรายละเอียด"
    window.session.undo()
    settle(qtbot, window)
    assert window.action_by_id["redo"].text() == "ทำซ้ำ: แก้ไขรายละเอียด"


def test_the_status_bar_says_undone_and_redone_never_saved(window, qtbot):
    status = window.statusBar()
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["budget"]), "12345")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: status.currentMessage() == "บันทึกแล้ว: แก้ไขงบประมาณ")
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: status.currentMessage() == "เลิกทำแล้ว: แก้ไขงบประมาณ")
    qtbot.keyClick(window.grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: status.currentMessage() == "ทำซ้ำแล้ว: แก้ไขงบประมาณ")


def test_tree_node_mime_is_declared(window):
    assert NODE_MIME in window.tree_model.mimeTypes()
