"""The classification tree: live counts and totals, edits, reclassification by drag; filtering the grid."""

from decimal import Decimal

from guihelp import db_project, settle, showing, take_messages
from PySide6.QtCore import QByteArray, QMimeData, Qt

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.ui.dialogs import MoveProjectsDialog
from thaplan_desktop.ui.tree.model import NODE_MIME


def node_totals(window, key):
    tree = window.tree_model
    index = tree.index_of_key(key)
    assert index.isValid(), key
    return tree.data(index.siblingAtColumn(1)), tree.data(index.siblingAtColumn(2))


def test_tree_shows_strategies_programs_and_equipment_with_counts(window):
    tree = window.tree_model
    root = tree.index(0, 0)
    assert tree.data(root) == "แผนการดำเนินงานทั้งหมด"
    assert node_totals(window, ("root",)) == ("111", "32,929,922.78")
    strategy = window.state.strategies[0]
    assert tree.data(tree.index_of_key(("strategy", strategy.id))) == f"1. {strategy.name}"
    program = window.state.programs_of(strategy.id)[0]
    assert tree.data(tree.index_of_key(("program", program.id))) == f"1.1 {program.name}"
    # Projects under the strategies, equipment in its own branch, together the whole plan.
    strategies = sum(window.state.totals_of(("strategy", s.id)).count for s in window.state.strategies)
    equipment = window.state.totals_of(("equipment",)).count
    assert strategies + equipment == 111
    assert equipment == 17
    office = next(t for t in window.state.equipment_types if t.name == "ครุภัณฑ์สำนักงาน")
    assert int(node_totals(window, ("etype", office.id))[0]) > 0


def test_counts_and_budgets_follow_edits(window, qtbot):
    project = window.grid_model.project_at(0)
    key = ("program", project.program_id)
    count, _ = node_totals(window, key)
    window.grid_model.setData(window.grid_model.index(0, COLUMN_INDEX["budget"]), "1,000,000")
    window.session.duplicate_projects([project.id])
    settle(qtbot, window)
    state_total = window.state.totals_of(key)
    assert node_totals(window, key) == (str(int(count) + 1), f"{state_total.budget:,.0f}")
    assert sum((p.budget for p in window.state.projects.values() if p.program_id == project.program_id
                and p.kind is ProjectKind.PROJECT), Decimal(0)) == state_total.budget


def test_selecting_a_node_filters_the_grid_and_the_root_shows_everything(window, qtbot):
    program = window.state.programs[0]
    window.select_node(("program", program.id))
    shown = {window.grid_model.project_at(r).program_id for r in window.proxy.source_rows()}
    assert shown == {program.id}
    assert window.proxy.rowCount() == window.state.totals_of(("program", program.id)).count
    window.status_panel.update_totals()
    assert window.status_panel.shown_label.text().startswith(f"แสดง {window.proxy.rowCount()} จาก 111 รายการ")
    assert "ทั้งฉบับ 111 รายการ" in window.status_panel.whole_label.text()
    window.select_node(("root",))
    assert window.proxy.rowCount() == 111


def test_search_filters_as_you_type_over_name_details_location_and_unit(window, qtbot):
    window.search.setText("ถนน")
    names = [window.grid_model.project_at(r) for r in window.proxy.source_rows()]
    assert names
    assert all("ถนน" in p.name + p.details + p.location for p in names)
    window.search.setText("กองคลัง")  # a unit
    units = {window.state.unit_name(window.grid_model.project_at(r).unit_id) for r in window.proxy.source_rows()}
    assert units == {"กองคลัง"}
    window.search.setText("หมู่ที่ ๗")  # Thai digits find Arabic ones
    assert window.proxy.rowCount() > 0
    window.search.setText("")
    assert window.proxy.rowCount() == 111


def test_dragging_grid_rows_onto_a_program_reclassifies_them(window, qtbot, demo_db):
    ids = [window.grid_model.project_at(r).id for r in (0, 1)]
    target = window.state.programs[-1]
    mime = window.grid_model.mimeData([window.grid_model.index(0, 1), window.grid_model.index(1, 3)])
    tree = window.tree_model
    index = tree.index_of_key(("program", target.id))
    assert tree.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, index)
    assert not tree.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, tree.index_of_key(("root",)))
    tree.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, index)
    settle(qtbot, window)
    assert [db_project(demo_db, i)["program_id"] for i in ids] == [target.id, target.id]
    assert window.session.undo_label == "ย้ายโครงการ"
    # Projects cannot become equipment by a drop on an equipment type.
    etype = window.state.equipment_types[0]
    mime = window.grid_model.mimeData([window.grid_model.index(0, 1)])
    tree.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, tree.index_of_key(("etype", etype.id)))
    assert "ครุภัณฑ์" in take_messages()


def test_strategies_reorder_by_drag_and_buttons(window, qtbot):
    first, second = window.state.strategies[:2]
    window.select_node(("strategy", second.id))
    window.tree_commands.move_node_up()
    settle(qtbot, window)
    assert [s.id for s in window.state.strategies[:2]] == [second.id, first.id]
    # The grid follows: the moved strategy's projects now print first.
    assert window.grid_model.project_at(0).program_id in {p.id for p in window.state.programs_of(second.id)}
    mime = QMimeData()
    mime.setData(NODE_MIME, QByteArray(f'[["strategy", {second.id}]]'.encode()))
    tree = window.tree_model
    tree.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, tree.index_of_key(("root",)))
    settle(qtbot, window)
    # Dropped before the fourth strategy: it now comes third.
    assert [s.id for s in window.state.strategies].index(second.id) == 2
    # The selection survives the tree's reset.
    assert window.current_node() == ("strategy", second.id)


def test_programs_move_between_strategies(window, qtbot):
    source, target = window.state.strategies[0], window.state.strategies[1]
    program = window.state.programs_of(source.id)[0]
    window.tree_commands.move_node(("program", program.id), ("strategy", target.id), 0)
    settle(qtbot, window)
    assert window.state.programs_of(target.id)[0].id == program.id
    assert window.tree_model.data(window.tree_model.index_of_key(("program", program.id))).startswith("2.1 ")


def test_add_rename_and_renumber_strategies_and_programs(window, qtbot):
    window.tree_commands.add_strategy("ยุทธศาสตร์การพัฒนาด้านการท่องเที่ยว")
    settle(qtbot, window)
    strategy = window.state.strategies[-1]
    assert window.current_node() == ("strategy", strategy.id)
    window.tree_commands.add_program("แผนงานการพาณิชย์")
    settle(qtbot, window)
    program = window.state.programs_of(strategy.id)[0]
    assert program.dla_code == "00330"
    tree = window.tree_model
    tree.setData(tree.index_of_key(("program", program.id)), "แผนงานการเกษตร")
    settle(qtbot, window)
    assert window.state.program_by_id[program.id].name == "แผนงานการเกษตร"
    window.select_node(("strategy", strategy.id))
    window.tree_commands.renumber_strategy(12)
    settle(qtbot, window)
    assert tree.data(tree.index_of_key(("strategy", strategy.id))).startswith("12. ")


def test_deleting_a_program_with_projects_asks_where_they_go(window, qtbot, demo_db):
    program, other = window.state.programs[0], window.state.programs[1]
    ids = [p.id for p in window.state.projects.values() if p.program_id == program.id]
    window.select_node(("program", program.id))
    window.tree_commands.delete_node()
    dialog = showing(window, MoveProjectsDialog)
    assert isinstance(dialog, MoveProjectsDialog)
    assert dialog.isVisible()
    assert dialog.target.itemData(0) is None  # "leave them unfiled" is offered too
    dialog.target.setCurrentIndex(dialog.target.findData(other.id))
    dialog.accept()
    settle(qtbot, window)
    assert program.id not in window.state.program_by_id
    assert {db_project(demo_db, i)["program_id"] for i in ids} == {other.id}
    assert window.current_node() == ("root",)


def test_each_printed_block_has_a_heading_in_the_grid(window, qtbot):
    grid, model = window.grid, window.grid_model
    assert grid.band_height(0) > 0
    assert model.block_label(0).startswith("1. ยุทธศาสตร์")
    assert "1.1 แผนงาน" in model.block_label(0)
    assert grid.band_height(1) == 0  # same block
    starts = [r for r in range(model.rowCount()) if model.block_start[r]]
    assert all(grid.band_height(r) > 0 for r in starts)
    # Filtered, the first row shown of a block carries the heading.
    window.search.setText("ถนน")
    assert grid.band_height(0) > 0
    equipment = next(r for r in range(model.rowCount()) if model.project_at(r).kind.value == "equipment")
    assert model.block_label(equipment).startswith("ครุภัณฑ์ (ผด.02/1): ")
