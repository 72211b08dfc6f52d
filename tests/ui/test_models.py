"""Every item model passes Qt's model tester, before and while its data changes."""

from decimal import Decimal

from guihelp import settle
from PySide6.QtCore import QModelIndex, Qt

from thaplan_desktop.ui.columns import COLUMN_INDEX, COLUMNS
from thaplan_desktop.ui.grid.model import MONTH_RUN_ROLE, PROJECT_ID_ROLE, YEAR_ROLE
from thaplan_desktop.workspace import ProjectFields


def test_grid_model_passes_the_model_tester_through_edits(window, qtbot, qtmodeltester):
    model = window.grid_model
    # The tester walks every cell on every signal: a few rows over several programs check the same
    # inserts, removals, moves and resets as the whole demo plan, in a fraction of the time.
    kept: dict[object, list[int]] = {}
    for project in model.rows:
        ids = kept.setdefault(window.state.block_of(project), [])
        if len(ids) < 2:
            ids.append(project.id)
    keep = {i for ids in list(kept.values())[:4] for i in ids}
    window.session.delete_projects([p.id for p in model.rows if p.id not in keep])
    settle(qtbot, window)
    assert model.rowCount() == 8
    assert len({window.state.block_of(p) for p in model.rows}) == 4
    qtmodeltester.check(window.grid_model)
    first = model.project_at(0)
    model.setData(model.index(0, COLUMN_INDEX["budget"]), "1,234")
    window.session.delete_projects([model.project_at(3).id])
    window.session.duplicate_projects([first.id])
    window.session.move_projects([first.id], program_id=window.state.programs[-1].id)
    window.session.undo()
    settle(qtbot, window)
    qtmodeltester.check(window.grid_model)


def test_filter_proxy_passes_the_model_tester_while_filtering(window, qtbot, qtmodeltester):
    qtmodeltester.check(window.proxy)
    window.proxy.set_search("ถนน")
    qtmodeltester.check(window.proxy)
    window.proxy.set_node(("strategy", window.state.strategies[0].id))
    window.session.delete_projects([window.grid_model.project_at(0).id])
    settle(qtbot, window)
    qtmodeltester.check(window.proxy)


def test_tree_model_passes_the_model_tester_through_tree_edits(window, qtbot, qtmodeltester):
    qtmodeltester.check(window.tree_model)
    window.tree_commands.add_strategy("ยุทธศาสตร์ทดสอบ")
    settle(qtbot, window)
    strategy = window.state.strategies[-1]
    window.session.add_program(strategy.id, "แผนงานการศึกษา")
    window.session.update_projects({window.grid_model.project_at(0).id: ProjectFields(budget=Decimal(5))})
    settle(qtbot, window)
    qtmodeltester.check(window.tree_model)


def test_problems_model_passes_the_model_tester(window, qtbot, qtmodeltester):
    qtmodeltester.check(window.problems_model)
    window.grid_commands.add_project(edit=False)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.problems_model.rowCount() == 1)
    qtmodeltester.check(window.problems_model)


def test_grid_shows_the_columns_of_form_pd02(window):
    model = window.grid_model
    titles = [model.headerData(i, Qt.Orientation.Horizontal).replace("\n", "") for i in range(model.columnCount())]
    assert titles[:6] == ["ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ(บาท)",
                          "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก"]
    assert titles[6:] == ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
                          "ส.ค.", "ก.ย."]
    years = [model.headerData(i, Qt.Orientation.Horizontal, YEAR_ROLE) for i in range(6, 18)]
    assert years == ["พ.ศ. 2562"] * 3 + ["พ.ศ. 2563"] * 9
    assert len(COLUMNS) == 18


def test_grid_rows_are_in_print_order_numbered_per_block(window):
    model, state = window.grid_model, window.state
    keys = [state.order_key(p) for p in model.rows]
    assert keys == sorted(keys)
    # Numbering restarts at 1 in each program block.
    blocks = {}
    for row, project in enumerate(model.rows):
        blocks.setdefault(state.block_of(project), []).append(model.numbers[row])
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in blocks.values())
    assert model.data(model.index(0, 0)) == "1"
    assert model.data(model.index(0, COLUMN_INDEX["budget"])) == "485,000.00"


def test_month_cells_report_their_run_for_the_arrow(window):
    model = window.grid_model
    project = model.project_at(0)  # months 5, 6, 7 (ก.พ.–เม.ย.)
    assert sorted(project.months) == [5, 6, 7]
    runs = [model.data(model.index(0, COLUMN_INDEX[f"m{m}"]), MONTH_RUN_ROLE) for m in (4, 5, 6, 7, 8)]
    assert runs == [(False, False, True), (True, False, True), (True, True, True), (True, True, False),
                    (False, True, False)]
    assert model.data(model.index(0, 0), PROJECT_ID_ROLE) == project.id
    assert not model.index(0, 0, QModelIndex()).parent().isValid()


def test_filter_resets_for_big_changes_and_keeps_the_current_project(window, qtbot, qtmodeltester, monkeypatch):
    from thaplan_desktop.ui.grid import filter as grid_filter

    monkeypatch.setattr(grid_filter, "_RESET_ABOVE", 0)  # every filter change takes the reset path
    qtmodeltester.check(window.proxy)
    target = window.grid_model.project_at(4)
    window.grid.select_project(target.id, COLUMN_INDEX["details"])
    window.search.setText("ถนน")
    assert window.proxy.rowCount() == sum(1 for r in range(window.grid_model.rowCount())
                                         if "ถนน" in window.grid_model.search_text(r))
    current = window.grid.currentIndex()
    assert window.grid_model.project_at(window.proxy.mapToSource(current).row()).id == target.id
    assert current.column() == COLUMN_INDEX["details"]
    window.search.setText("")
    assert window.proxy.rowCount() == 111
    qtmodeltester.check(window.proxy)
