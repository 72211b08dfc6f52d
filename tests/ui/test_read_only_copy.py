"""A plan another copy of ThaPlan is editing opens read-only, says why, and refuses edits."""

from decimal import Decimal

from guihelp import settle, take_messages
from PySide6.QtCore import Qt

from thaplan_desktop.safety import open_for_editing
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.workspace import ProjectFields


def test_second_copy_opens_read_only_with_a_thai_reason(make_window, qtbot, demo_db):
    first = open_for_editing(demo_db)  # "another copy" holding the plan
    try:
        window = make_window()
        window.show()
        with qtbot.waitSignal(window.session.loaded, timeout=10000):
            window.open_file(demo_db)
        qtbot.waitUntil(lambda: window.session.data is not None and window.session.data.read_only, timeout=5000)
        assert "อ่านอย่างเดียว" in take_messages()
        assert window.windowTitle().endswith("อ่านอย่างเดียว: กำลังแก้ไขในอีกหน้าต่างหนึ่ง")
        edition = first.find_edition()
        before = first.projects(edition.id)
        with qtbot.waitSignal(window.session.failed, timeout=10000) as refused:
            window.session.run_operation(lambda ws, _job: ws.update_project(before[0].id, ProjectFields(budget=Decimal("1"))))
        assert "อ่านอย่างเดียว" in refused.args[0]
        assert first.projects(edition.id) == before
    finally:
        first.close()


def test_the_copy_that_holds_the_plan_edits_normally(window):
    assert window.session.data is not None
    assert not window.session.data.read_only


# Every command that would change the plan; reading, exporting and backing up stay available.
CHANGING = ("add_project", "duplicate", "delete", "clear_cells", "paste", "paste_new", "add_strategies",
            "add_strategy", "add_program", "rename_node", "renumber_strategy", "renumber_all", "node_up",
            "node_down", "delete_node", "import_excel", "document", "undo", "redo")


def test_the_read_only_copy_disables_its_changes_and_says_why(make_window, qtbot, demo_db):
    first = open_for_editing(demo_db)
    try:
        window = make_window()
        window.show()
        with qtbot.waitSignal(window.session.loaded, timeout=10000):
            window.open_file(demo_db)
        take_messages()
        window.select_node(("program", window.state.programs[0].id))
        window.grid.setCurrentIndex(window.proxy.index(0, 1))
        window.update_actions()
        enabled = [key for key in CHANGING if window.action_by_id[key].isEnabled()]
        assert enabled == []
        for key in ("export_pdf", "export_excel", "copy", "find", "backup"):
            assert window.action_by_id[key].isEnabled(), key
        label = window.status_panel.read_only_label
        assert label.isVisible()
        assert label.text().startswith("อ่านอย่างเดียว: กำลังแก้ไขในอีกหน้าต่างหนึ่ง")
        assert "อีกหน้าต่างหนึ่ง" in label.toolTip()
        # Cells do not open an editor, months do not toggle, tree names cannot be edited in place.
        grid = window.grid
        index = window.proxy.index(0, COLUMN_INDEX["name"])
        assert not window.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
        project = window.grid_model.project_at(window.proxy.mapToSource(index).row())
        before = first.projects(project.edition_id)
        grid.setCurrentIndex(window.proxy.index(0, COLUMN_INDEX["m1"]))
        qtbot.keyClick(grid, Qt.Key.Key_Space)
        qtbot.keyClick(grid, Qt.Key.Key_Delete)
        settle(qtbot, window)
        assert first.projects(project.edition_id) == before
        tree_index = window.tree_model.index_of_key(("program", window.state.programs[0].id))
        assert not window.tree_model.flags(tree_index) & Qt.ItemFlag.ItemIsEditable
    finally:
        first.close()


def test_the_copy_that_edits_shows_no_read_only_note(window):
    assert not window.status_panel.read_only_label.isVisible()
    assert "อ่านอย่างเดียว" not in window.windowTitle()
    assert window.action_by_id["add_project"].isEnabled()
