"""Several officers, one plan, each in a window: others' edits appear without losing one's own work, a
conflicting edit or undo is refused naming who and what, a department's login changes only its units' rows,
and a read-only login reads. On the office's PostgreSQL server, and on one SQLite file where it applies
(the editing copy and the read-only second copy)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from guihelp import settle, take_messages, type_text
from office_users import as_user, make_users
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit

from thaplan_desktop.db.location import parse_location
from thaplan_desktop.ui.columns import COLUMN_INDEX
from thaplan_desktop.workflow import operations
from thaplan_desktop.workspace import ProjectFields, StrategyUpdate, Workspace

WAIT = 15_000  # ms: far above the 2 s the issue asks for; the figure itself is bench_gui_two_windows.py's


@pytest.fixture
def office_plan(pg_server, pg_demo):
    """The demo plan on the test server, its main edition a draft again, with the office's logins."""
    name = pg_server.create_database(template=pg_demo)
    address = parse_location(pg_server.url(name))
    with Workspace.open(address) as ws:
        operations.set_step(ws, ws.find_edition().id, "announce", status="not_started")
    make_users(pg_server, address, somchai=("planner", []), somsri=("planner", []),
               kongchang=("department", ["กองช่าง"]), nayok=("reader", []))
    yield address
    pg_server.drop_database(name)


def open_window(make_window, qtbot, location):
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        window.opener.open_location(location)
    settle(qtbot, window)
    return window


def row_of(window, project_id):
    """The grid's (proxy) row showing a project."""
    return window.proxy.mapFromSource(window.grid_model.index(window.grid_model.row_of[project_id], 0)).row()


def shown_name(window, project_id):
    return window.grid_model.display_of(window.grid_model.row_of[project_id], COLUMN_INDEX["name"])


def unit_named(window, name):
    return next(u.id for u in window.state.units if u.name == name)


def message_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


# --- others' changes appear ----------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def two_windows(request, make_window, qtbot):
    """Two windows on one plan: two planners on the server, or the editing copy and the read-only copy of a file."""
    if request.param == "sqlite":
        plan = request.getfixturevalue("draft_demo_db")
        first, second = plan, plan
    else:
        server, plan = request.getfixturevalue("pg_server"), request.getfixturevalue("office_plan")
        first, second = as_user(server, plan, "somchai"), as_user(server, plan, "somsri")
    a = open_window(make_window, qtbot, first)
    b = open_window(make_window, qtbot, second)
    take_messages()  # the file's second copy says it is read-only
    return a, b


def test_an_edit_in_one_window_appears_in_the_other_keeping_its_selection(two_windows, qtbot):
    a, b = two_windows
    projects = sorted(a.state.projects.values(), key=a.state.order_key)
    edited, selected = projects[3], projects[10]
    b.grid.selectRow(row_of(b, selected.id))
    b.grid.selectionModel().setCurrentIndex(b.proxy.index(row_of(b, selected.id), COLUMN_INDEX["budget"]),
                                            QItemSelectionModel.SelectionFlag.NoUpdate)

    a.proxy.setData(a.proxy.index(row_of(a, edited.id), COLUMN_INDEX["name"]), "ถนนที่แก้จากอีกเครื่อง")
    qtbot.waitUntil(lambda: b.state.projects[edited.id].name == "ถนนที่แก้จากอีกเครื่อง", timeout=WAIT)
    assert shown_name(b, edited.id) == "ถนนที่แก้จากอีกเครื่อง"  # the grid shows it, not only the state
    a.proxy.setData(a.proxy.index(row_of(a, edited.id), COLUMN_INDEX["budget"]), "1,234,567.50")
    qtbot.waitUntil(lambda: b.state.projects[edited.id].budget == Decimal("1234567.50"), timeout=WAIT)

    current = b.grid.currentIndex()
    assert b.grid_model.project_at(b.proxy.mapToSource(current).row()).id == selected.id
    assert current.column() == COLUMN_INDEX["budget"]
    selected_rows = {i.row() for i in b.grid.selectionModel().selectedIndexes()}
    assert selected_rows == {row_of(b, selected.id)}
    # The tree's totals follow the budget.
    total = sum((p.budget for p in b.state.projects.values()), Decimal(0))
    assert b.state.totals_of(("root",)).budget == total


def test_a_project_added_and_a_strategy_renamed_elsewhere_show_in_the_grid_and_tree(two_windows, qtbot):
    a, b = two_windows
    strategy = a.state.strategies[0]
    program = a.state.programs_of(strategy.id)[0]
    count = len(b.state.projects)
    a.session.add_project(ProjectFields(name="โครงการจากอีกเครื่อง", program_id=program.id,
                                        budget=Decimal("50000")))
    a.session.update_strategy(strategy.id, StrategyUpdate(name="ยุทธศาสตร์ที่ตั้งชื่อใหม่"))
    qtbot.waitUntil(lambda: len(b.state.projects) == count + 1, timeout=WAIT)
    qtbot.waitUntil(lambda: b.state.strategy_by_id[strategy.id].name == "ยุทธศาสตร์ที่ตั้งชื่อใหม่", timeout=WAIT)
    added = next(p for p in b.state.projects.values() if p.name == "โครงการจากอีกเครื่อง")
    assert added.id in b.grid_model.row_of
    node = b.tree_model.index_of_key(("strategy", strategy.id))
    assert "ยุทธศาสตร์ที่ตั้งชื่อใหม่" in b.tree_model.data(node)


def test_an_edit_in_progress_survives_anothers_change_to_the_same_row(office_plan, make_window, qtbot, pg_server):
    a = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somchai"))
    b = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somsri"))
    project = sorted(b.state.projects.values(), key=b.state.order_key)[0]
    index = b.proxy.index(row_of(b, project.id), COLUMN_INDEX["details"])
    b.activateWindow()
    b.grid.setFocus()
    b.grid.setCurrentIndex(index)
    b.grid.edit(index)
    editor = next(e for e in b.grid.findChildren(QPlainTextEdit) if e.isVisible())
    editor.selectAll()
    type_text(editor, "รายละเอียดที่กำลังพิมพ์")

    a.proxy.setData(a.proxy.index(row_of(a, project.id), COLUMN_INDEX["name"]), "ชื่อที่อีกคนแก้")
    qtbot.waitUntil(lambda: b.state.projects[project.id].name == "ชื่อที่อีกคนแก้", timeout=WAIT)
    assert editor.isVisible()  # the officer's editor stays open, with what was typed
    assert editor.toPlainText() == "รายละเอียดที่กำลังพิมพ์"

    delegate = b.grid.itemDelegate()
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor)
    settle(qtbot, b)
    assert take_messages() == ""  # only the details were sent: no conflict with the other's name
    with Workspace.open(office_plan) as ws:
        stored = ws.project(project.id)
    assert (stored.name, stored.details) == ("ชื่อที่อีกคนแก้", "รายละเอียดที่กำลังพิมพ์")


def test_the_tracking_tab_follows_anothers_status(office_plan, make_window, qtbot, pg_server):
    import datetime as dt

    from thaplan_desktop.domain.tracking import TrackingStatus
    from thaplan_desktop.workspace import NewStatus

    a = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somchai"))
    b = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somsri"))
    b.tracking_tab.show_tab()
    qtbot.waitUntil(lambda: b.tracking_tab.store.loaded, timeout=WAIT)
    project = sorted(a.state.projects.values(), key=a.state.order_key)[1]
    a.tracking_tab.backend.record_status(project.id, NewStatus(
        status=TrackingStatus.IN_PROGRESS, effective_on=dt.date(2020, 5, 20), progress=40))
    qtbot.waitUntil(lambda: b.tracking_tab.store.row(project.id).progress == 40, timeout=WAIT)
    assert b.tracking_tab.store.row(project.id).status is TrackingStatus.IN_PROGRESS


# --- conflicts and refusals -------------------------------------------------------------------------------

def test_a_conflicting_edit_names_who_and_what_and_the_row_refreshes(office_plan, make_window, qtbot, pg_server):
    a = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somchai"))
    project = sorted(a.state.projects.values(), key=a.state.order_key)[2]
    other = Workspace.open(as_user(pg_server, office_plan, "somsri"))
    try:
        other.project(project.id)
        # Queued on a's worker just before a's own edit, so a's window has not seen it when it edits.
        a.runner.submit(lambda _job: other.update_project(project.id, ProjectFields(budget=Decimal("777000"))))
        a.proxy.setData(a.proxy.index(row_of(a, project.id), COLUMN_INDEX["name"]), "ชื่อที่ชนกัน")
        qtbot.waitUntil(lambda: bool(message_boxes()), timeout=WAIT)
        said = take_messages()
        assert "somsri" in said
        assert project.name[:20] in said
        assert "777,000.00 บาท" in said  # what the row is now
        qtbot.waitUntil(lambda: a.state.projects[project.id].budget == Decimal("777000"), timeout=WAIT)
        assert shown_name(a, project.id) == project.name  # the refused name is gone from the grid
        assert other.project(project.id).name == project.name
        # Now that the window shows the row as it is, the same edit goes through.
        a.proxy.setData(a.proxy.index(row_of(a, project.id), COLUMN_INDEX["name"]), "ชื่อที่ชนกัน")
        settle(qtbot, a)
        assert take_messages() == ""
        assert other.project(project.id).name == "ชื่อที่ชนกัน"
    finally:
        other.close()


def test_undo_over_someone_elses_later_change_is_refused_and_says_so(office_plan, make_window, qtbot, pg_server):
    a = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somchai"))
    project = sorted(a.state.projects.values(), key=a.state.order_key)[4]
    a.proxy.setData(a.proxy.index(row_of(a, project.id), COLUMN_INDEX["budget"]), "12,000")
    settle(qtbot, a)
    assert a.action_by_id["undo"].isEnabled()
    with Workspace.open(as_user(pg_server, office_plan, "somsri")) as other:
        other.project(project.id)
        other.update_project(project.id, ProjectFields(budget=Decimal("99000")))
    qtbot.waitUntil(lambda: a.state.projects[project.id].budget == Decimal("99000"), timeout=WAIT)
    a.action_by_id["undo"].trigger()
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=WAIT)
    said = take_messages()
    assert "ย้อนกลับ" in said
    assert "somsri" in said
    settle(qtbot, a)
    with Workspace.open(office_plan) as ws:
        assert ws.project(project.id).budget == Decimal("99000")  # the other's change stands


# --- rights -----------------------------------------------------------------------------------------------

def test_a_department_window_shows_other_units_rows_greyed_and_cannot_change_them(office_plan, make_window, qtbot,
                                                                                   pg_server):
    window = open_window(make_window, qtbot, as_user(pg_server, office_plan, "kongchang"))
    assert take_messages() == ""  # a department's rights are said in the status bar, not in a box
    own_unit = unit_named(window, "กองช่าง")
    rows = sorted(window.state.projects.values(), key=window.state.order_key)
    own = next(p for p in rows if p.unit_id == own_unit)
    other = next(p for p in rows if p.unit_id != own_unit and p.unit_id is not None)

    other_name = window.proxy.index(row_of(window, other.id), COLUMN_INDEX["name"])
    own_name = window.proxy.index(row_of(window, own.id), COLUMN_INDEX["name"])
    assert not window.proxy.flags(other_name) & Qt.ItemFlag.ItemIsEditable
    assert window.proxy.flags(own_name) & Qt.ItemFlag.ItemIsEditable
    tip = window.proxy.data(other_name, Qt.ItemDataRole.ToolTipRole)
    assert "แก้ไขไม่ได้" in tip
    assert "kongchang" in tip
    assert "กองช่าง" in tip
    assert window.proxy.data(other_name, Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert window.proxy.data(own_name, Qt.ItemDataRole.ForegroundRole) is None

    # Keys on another unit's row change nothing; the own row's edit is saved.
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.proxy.index(row_of(window, other.id), COLUMN_INDEX["m1"]))
    qtbot.keyClick(window.grid, Qt.Key.Key_Space)
    window.proxy.setData(own_name, "งานของกองช่างที่แก้ได้")
    settle(qtbot, window)
    assert take_messages() == ""
    with Workspace.open(office_plan) as ws:
        assert ws.project(other.id).months == other.months
        assert ws.project(own.id).name == "งานของกองช่างที่แก้ได้"
        assert ws.project(own.id).unit_id == own_unit

    # What the window offers: its own rows, not the plan's tree, documents or imports.
    window.grid.selectRow(row_of(window, other.id))
    window.update_actions()
    for key in ("add_strategy", "add_strategies", "renumber_all", "document", "import_excel", "delete",
                "duplicate", "clear_cells"):
        assert not window.action_by_id[key].isEnabled(), key
    window.grid.selectRow(row_of(window, own.id))
    window.update_actions()
    for key in ("add_project", "delete", "duplicate", "clear_cells", "export_pdf"):
        assert window.action_by_id[key].isEnabled(), key

    # A new project goes to the department's unit (the only one the server lets it add to).
    with qtbot.waitSignal(window.session.refreshed, timeout=WAIT):
        window.grid_commands.add_project(edit=False)
    settle(qtbot, window)
    assert take_messages() == ""
    added = max(window.state.projects)
    assert window.state.projects[added].unit_id == own_unit

    title, status = window.windowTitle(), window.office.label.text()
    assert "kongchang" in title
    assert office_plan.name in title
    assert "แก้ไขได้เฉพาะโครงการของกองช่าง" in title
    assert "kongchang" in status
    assert "แก้ไขได้เฉพาะโครงการของกองช่าง" in status


def test_a_department_edit_of_another_units_row_is_refused_by_the_server_with_a_thai_message(
        office_plan, make_window, qtbot, pg_server):
    window = open_window(make_window, qtbot, as_user(pg_server, office_plan, "kongchang"))
    own_unit = unit_named(window, "กองช่าง")
    other = next(p for p in window.state.projects.values() if p.unit_id not in (own_unit, None))
    # The grid would not let it; a change that still reaches the server (a paste, a stale window) is refused.
    window.session.update_projects({other.id: ProjectFields(budget=Decimal("1"))})
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=WAIT)
    said = take_messages()
    assert "kongchang" in said
    assert "ไม่มีสิทธิ์" in said
    with Workspace.open(office_plan) as ws:
        assert ws.project(other.id).budget == other.budget


def test_a_tracking_row_of_another_unit_cannot_be_edited_by_a_department(office_plan, make_window, qtbot,
                                                                          pg_server):
    window = open_window(make_window, qtbot, as_user(pg_server, office_plan, "kongchang"))
    window.tracking_tab.show_tab()
    qtbot.waitUntil(lambda: window.tracking_tab.store.loaded, timeout=WAIT)
    model = window.tracking_tab.model
    own_unit = unit_named(window, "กองช่าง")
    own = next(r for r, p in enumerate(model.rows) if p.unit_id == own_unit)
    other = next(r for r, p in enumerate(model.rows) if p.unit_id not in (own_unit, None))
    from thaplan_desktop.ui.tracking.columns import COLUMN_INDEX as TRACKING

    assert model.flags(model.index(own, TRACKING["status"])) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(other, TRACKING["status"])) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(other, TRACKING["progress"]), "50")
    assert "kongchang" in model.data(model.index(other, TRACKING["name"]), Qt.ItemDataRole.ToolTipRole)
    panel = window.tracking_tab.panel
    panel.show_project(model.rows[other].id)
    assert not panel.status_box.isEnabled()  # the side panel's forms too
    panel.show_project(model.rows[own].id)
    assert panel.status_box.isEnabled()


def test_a_read_only_login_opens_read_only_and_says_why(office_plan, make_window, qtbot, pg_server):
    window = open_window(make_window, qtbot, as_user(pg_server, office_plan, "nayok"))
    assert "อ่านแผนอย่างเดียว" in take_messages()
    assert window.state.read_only
    assert "บัญชีผู้ใช้นี้มีสิทธิ์อ่านอย่างเดียว" in window.windowTitle()
    index = window.proxy.index(0, COLUMN_INDEX["name"])
    assert not window.proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    for key in ("add_project", "paste", "undo", "import_excel", "add_strategy"):
        assert not window.action_by_id[key].isEnabled(), key


def test_a_server_plans_backup_is_made_from_its_window(office_plan, make_window, qtbot, pg_server):
    from thaplan_desktop.ui.backup import run_backup

    window = open_window(make_window, qtbot, as_user(pg_server, office_plan, "somchai"))
    dialog = run_backup(window.session, window)
    qtbot.waitUntil(lambda: len(dialog.infos) == 1, timeout=WAIT)
    settle(qtbot, window)
    assert take_messages() == ""
    with Workspace.open(dialog.infos[0].path) as copy:  # the plan as a file any ThaPlan opens
        assert len(copy.projects(copy.find_edition().id)) == len(window.state.projects)
    dialog.close()
