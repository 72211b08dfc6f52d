"""Typing into each kind of cell, toggling and dragging months, the keyboard habits of the grid.

Each test changes the widget and then reads the database file itself: every accepted edit is committed
at once.
"""

from decimal import Decimal

import pytest
from guihelp import db_project, settle, take_messages, type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from thaplan_desktop.domain.fiscal import mask_to_months
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.workspace import ProjectFields


def cell_center(window, row, column):
    grid = window.grid
    index = window.proxy.index(row, column)
    grid.scrollTo(index)
    return grid.visualRect(index).center()


def open_editor(window, qtbot, row, column):
    grid = window.grid
    index = window.proxy.index(row, column)
    grid.setFocus()
    grid.setCurrentIndex(index)
    grid.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editor is not grid
    return editor


def test_typing_a_name_over_several_lines_saves_it(window, qtbot, demo_db):
    project = window.grid_model.project_at(0)
    editor = open_editor(window, qtbot, 0, COLUMN_INDEX["name"])
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    type_text(editor, "โครงการปรับปรุงถนน")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "สายบ้านนาค้อ หมู่ที่ 1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert db_project(demo_db, project.id)["name"] == "โครงการปรับปรุงถนน\nสายบ้านนาค้อ หมู่ที่ 1"
    # Enter saved and moved one row down.
    assert window.grid.currentIndex().row() == 1
    assert window.grid.currentIndex().column() == COLUMN_INDEX["name"]


def test_typing_a_character_replaces_the_cell_like_a_spreadsheet(window, qtbot, demo_db):
    project = window.grid_model.project_at(2)
    grid = window.grid
    grid.setFocus()
    grid.setCurrentIndex(window.proxy.index(2, COLUMN_INDEX["location"]))
    type_text(grid, "ห")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "ห"
    type_text(editor, "มู่ที่ 5 บ้านเขาพลู")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    settle(qtbot, window)
    assert db_project(demo_db, project.id)["location"] == "หมู่ที่ 5 บ้านเขาพลู"
    # Tab saved and moved right.
    assert grid.currentIndex().column() == COLUMN_INDEX["location"] + 1


def test_money_editor_accepts_every_typed_form_and_shows_satang(window, qtbot, demo_db):
    project = window.grid_model.project_at(1)
    budget = COLUMN_INDEX["budget"]
    for typed, satang in (("250000", 25_000_000), ("250,000", 25_000_000), ("๒๕๐,๕๐๐", 25_050_000),
                          ("1,234.5", 123_450)):
        editor = open_editor(window, qtbot, 1, budget)
        assert editor.text() == window.grid_model.data(window.grid_model.index(1, budget))
        editor.selectAll()
        type_text(editor, typed)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        settle(qtbot, window)
        assert db_project(demo_db, project.id)["budget_satang"] == satang
    assert window.grid_model.data(window.grid_model.index(1, budget)) == "1,234.50"


def test_money_editor_keeps_a_wrong_amount_out_of_the_database(window, qtbot, demo_db):
    project = window.grid_model.project_at(1)
    before = db_project(demo_db, project.id)["budget_satang"]
    editor = open_editor(window, qtbot, 1, COLUMN_INDEX["budget"])
    editor.selectAll()
    type_text(editor, "สองแสน")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # refused: the editor stays open
    assert QApplication.focusWidget() is editor
    editor.setText("-5")
    window.grid.commitData(editor)
    settle(qtbot, window)
    assert db_project(demo_db, project.id)["budget_satang"] == before
    assert "-5" in take_messages()  # refused with a Thai message


def test_unit_combo_offers_units_and_takes_a_new_one(window, qtbot, demo_db):
    project = window.grid_model.project_at(0)
    editor = open_editor(window, qtbot, 0, COLUMN_INDEX["unit"])
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    assert isinstance(combo, QComboBox)
    assert combo.isEditable()
    assert combo.findText("กองคลัง") >= 0
    combo.setEditText("กองคลัง")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    settle(qtbot, window)
    unit_id = db_project(demo_db, project.id)["unit_id"]
    assert window.state.unit_name(unit_id) == "กองคลัง"
    # A unit not in the list is added to it in the same step.
    editor = open_editor(window, qtbot, 0, COLUMN_INDEX["unit"])
    combo = editor if isinstance(editor, QComboBox) else editor.parent()
    combo.setEditText("โรงพยาบาลส่งเสริมสุขภาพตำบลท่าสะท้อน")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    settle(qtbot, window)
    unit_id = db_project(demo_db, project.id)["unit_id"]
    assert window.state.unit_name(unit_id) == "โรงพยาบาลส่งเสริมสุขภาพตำบลท่าสะท้อน"
    assert window.grid_model.data(window.grid_model.index(0, COLUMN_INDEX["unit"])) == (
        "โรงพยาบาลส่งเสริมสุขภาพตำบลท่าสะท้อน")


def test_clicking_a_month_toggles_it_and_space_does_too(window, qtbot, demo_db):
    project = window.grid_model.project_at(0)  # ก.พ.–เม.ย.
    grid = window.grid
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(window, 0, COLUMN_INDEX["m1"]))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(window, 0, COLUMN_INDEX["m6"]))
    settle(qtbot, window)
    assert mask_to_months(db_project(demo_db, project.id)["months_mask"]) == {1, 5, 7}
    grid.setFocus()
    grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["m12"]))
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert mask_to_months(db_project(demo_db, project.id)["months_mask"]) == {1, 5, 7, 12}


def test_quick_clicks_on_months_all_count(window, qtbot, demo_db):
    project = window.grid_model.project_at(0)
    grid = window.grid
    for month in (1, 2, 3, 10, 11):
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton,
                         pos=cell_center(window, 0, COLUMN_INDEX[f"m{month}"]))
    settle(qtbot, window)
    assert mask_to_months(db_project(demo_db, project.id)["months_mask"]) == {1, 2, 3, 5, 6, 7, 10, 11}


def test_dragging_across_months_sets_a_run(window, qtbot, demo_db):
    project = window.grid_model.project_at(0)
    grid = window.grid
    start = cell_center(window, 0, COLUMN_INDEX["m4"])
    end = cell_center(window, 0, COLUMN_INDEX["m9"])
    qtbot.mousePress(grid.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for x in range(start.x(), end.x() + 1, 10):
        qtbot.mouseMove(grid.viewport(), QPoint(x, start.y()))
    qtbot.mouseMove(grid.viewport(), end)
    assert grid.preview_months(window.proxy.index(0, COLUMN_INDEX["m6"])) == (True, True, True)
    qtbot.mouseRelease(grid.viewport(), Qt.MouseButton.LeftButton, pos=end)
    settle(qtbot, window)
    assert mask_to_months(db_project(demo_db, project.id)["months_mask"]) == set(range(4, 10))
    on = [window.grid_model.data(window.grid_model.index(0, COLUMN_INDEX[f"m{m}"])) for m in range(1, 13)]
    assert on == [None] * 12  # months are painted, not written


def test_enter_moves_down_and_tab_moves_right_without_editing(window, qtbot):
    grid = window.grid
    grid.setFocus()
    grid.setCurrentIndex(window.proxy.index(3, COLUMN_INDEX["name"]))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (4, COLUMN_INDEX["name"])
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (4, COLUMN_INDEX["details"])


def test_ctrl_n_adds_a_project_to_the_selected_program(window, qtbot, demo_db):
    program = window.state.programs[2]
    window.select_node(("program", program.id))
    before = window.proxy.rowCount()
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.proxy.rowCount() == before + 1
    project_id = window.grid_model.project_at(window.proxy.mapToSource(window.grid.currentIndex()).row()).id
    assert db_project(demo_db, project_id)["program_id"] == program.id
    # The new row's name cell is open for typing; it is marked until it has a name and months.
    assert window.grid.state() == window.grid.State.EditingState
    assert window.grid_model.problems_of(project_id)


def test_ctrl_delete_removes_rows_after_asking_and_ctrl_d_duplicates(window, qtbot, demo_db):
    grid = window.grid
    ids = [window.grid_model.project_at(r).id for r in (0, 1)]
    grid.setFocus()
    grid.setCurrentIndex(window.proxy.index(0, 1))
    grid.selectionModel().select(window.proxy.index(1, 1), grid.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.state.totals_of(("root",)).count == 113
    grid.clearSelection()
    grid.setCurrentIndex(window.proxy.index(0, 1))
    grid.selectionModel().select(window.proxy.index(1, 1), grid.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(grid, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    question = _question()  # two rows go: asked first, nothing removed yet
    assert "2 รายการ" in question.text()
    settle(qtbot, window)
    assert all(db_project(demo_db, i) is not None for i in ids)
    _press(question, "ลบ 2 รายการ")
    settle(qtbot, window)
    assert all(db_project(demo_db, i) is None for i in ids)
    assert window.state.totals_of(("root",)).count == 111


def test_removing_several_rows_is_not_done_when_the_question_is_cancelled(window, qtbot, demo_db):
    grid = window.grid
    ids = [window.grid_model.project_at(r).id for r in (0, 1, 2)]
    grid.setFocus()
    grid.setCurrentIndex(window.proxy.index(0, 1))
    for row in (1, 2):
        grid.selectionModel().select(window.proxy.index(row, 1), grid.selectionModel().SelectionFlag.Select)
    window.action_by_id["delete"].trigger()
    _press(_question(), "ยกเลิก")
    settle(qtbot, window)
    assert all(db_project(demo_db, i) is not None for i in ids)
    # One row goes without a question (Ctrl+Z brings it back).
    grid.clearSelection()
    grid.setCurrentIndex(window.proxy.index(0, 1))
    window.action_by_id["delete"].trigger()
    settle(qtbot, window)
    assert _question() is None
    assert db_project(demo_db, ids[0]) is None


def _question():
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return found[0] if found else None


def _press(box, text):
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def _select(window, cells):
    grid = window.grid
    grid.setFocus()
    grid.clearSelection()
    flags = grid.selectionModel().SelectionFlag
    grid.selectionModel().setCurrentIndex(window.proxy.index(*cells[0]), flags.ClearAndSelect)
    for cell in cells[1:]:
        grid.selectionModel().select(window.proxy.index(*cell), flags.Select)


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace])
def test_delete_and_backspace_clear_the_selected_cells_as_one_undo_step(window, qtbot, demo_db, key):
    model = window.grid_model
    first, second = model.project_at(0), model.project_at(1)
    month = min(second.months)
    before = (db_project(demo_db, first.id), db_project(demo_db, second.id))
    _select(window, [(0, COLUMN_INDEX["name"]), (0, COLUMN_INDEX["budget"]), (1, COLUMN_INDEX["unit"]),
                     (1, COLUMN_INDEX[f"m{month}"])])
    qtbot.keyClick(window.grid, key)
    settle(qtbot, window)
    after = (db_project(demo_db, first.id), db_project(demo_db, second.id))
    assert after[0] is not None
    assert after[1] is not None
    assert after[0]["name"] == ""
    assert after[0]["budget_satang"] == 0
    assert after[0]["details"] == before[0]["details"]
    assert after[1]["unit_id"] is None
    assert month not in mask_to_months(after[1]["months_mask"])
    assert window.state.totals_of(("root",)).count == 111
    assert "ล้างข้อมูล 4 ช่อง" in window.action_by_id["undo"].text()
    window.action_by_id["undo"].trigger()  # one step brings all four back
    settle(qtbot, window)

    def content(row):  # undo is a new change of the row: its version counts on
        return {k: v for k, v in row.items() if k != "version"}

    restored = (db_project(demo_db, first.id), db_project(demo_db, second.id))
    assert tuple(map(content, restored)) == tuple(map(content, before))


def test_delete_on_a_single_cell_never_removes_the_project(window, qtbot, demo_db):
    project = window.grid_model.project_at(3)
    _select(window, [(3, COLUMN_INDEX["location"])])
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    settle(qtbot, window)
    row = db_project(demo_db, project.id)
    assert row is not None
    assert row["location"] == ""
    assert row["name"] == project.name
    assert _question() is None


def test_a_new_rows_editor_is_in_view_and_leaves_the_row_above_uncovered(window, qtbot):
    program = max(window.state.programs, key=lambda p: window.state.totals_of(("program", p.id)).count)
    window.select_node(("program", program.id))  # its block is taller than the grid: the new row comes last
    settle(qtbot, window)
    window.grid.setFocus()
    window.action_by_id["add_project"].trigger()
    settle(qtbot, window)
    grid = window.grid
    qtbot.waitUntil(lambda: grid.state() == grid.State.EditingState)
    index = grid.currentIndex()
    assert index.row() == window.proxy.rowCount() - 1
    assert index.column() == COLUMN_INDEX["name"]  # the first cell one types in
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)

    def in_view():
        rect = grid.visualRect(index)
        height = grid.viewport().height()
        return rect.top() >= 0 and rect.bottom() <= height and editor.geometry().bottom() <= height

    qtbot.waitUntil(in_view)
    above = grid.visualRect(window.proxy.index(index.row() - 1, COLUMN_INDEX["name"]))
    assert editor.geometry().top() > above.bottom()  # the row above stays readable
    assert editor.geometry().top() >= grid.visualRect(index).top()


def test_problem_rows_are_marked_and_the_panel_jumps_to_them(window, qtbot):
    model = window.grid_model
    target = model.project_at(40)
    window.session.update_projects({target.id: ProjectFields(months=set(), name="")})
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.problems_model.rowCount() == 1)
    assert "ยังไม่ได้ใส่ชื่อโครงการ" in window.problems_model.data(window.problems_model.index(0, 2))
    assert "ยังไม่ได้เลือกเดือน" in window.problems_model.data(window.problems_model.index(0, 2))
    row = model.row_of[target.id]
    assert model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    window.search.setText("ไม่มีอะไรตรงกับคำนี้")
    window.problems_panel.jump_requested.emit(target.id)
    assert window.search.text() == ""
    assert window.proxy.mapToSource(window.grid.currentIndex()).row() == row


def test_edits_show_at_once_and_totals_follow(window, qtbot):
    model = window.grid_model
    project = model.project_at(0)
    program_key = ("program", project.program_id)
    before = window.state.totals_of(program_key).budget
    model.setData(model.index(0, COLUMN_INDEX["budget"]), "๑๐๐,๐๐๐")
    assert model.data(model.index(0, COLUMN_INDEX["budget"])) == "100,000.00"  # shown before the commit
    settle(qtbot, window)
    assert window.state.totals_of(program_key).budget == before - project.budget + Decimal(100000)
    tree = window.tree_model
    index = tree.index_of_key(program_key)
    assert tree.data(index.siblingAtColumn(2)) == f"{before - project.budget + Decimal(100000):,.0f}"
