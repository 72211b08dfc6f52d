"""The ติดตามผล tab in the real main window, installed as the window will install it: it reads the plan only
when first shown, an entry typed there is undone by the window's own undo, and an edit in the plan's tab
shows in it."""

from __future__ import annotations

from decimal import Decimal

from guihelp import settle
from trackhelp import first_row, shown, statuses_in_file

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.actions import ActionSpec, build_actions
from thaplan_desktop.ui.tracking.install import MENU_ENTRIES, install
from thaplan_desktop.workspace import ProjectFields


class _Files:
    def __init__(self, path):
        self.path = path

    def db(self, sql, *args):
        import sqlite3

        con = sqlite3.connect(self.path)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()


def test_the_tab_in_the_main_window_follows_the_plan_and_the_windows_undo(make_window, qtbot, demo_db):
    window = make_window()
    window.tracking_tab = tab = install(window.context, window.tabs)
    actions = build_actions(window, tuple(ActionSpec(**e.as_action_spec_fields()) for e in MENU_ENTRIES))
    window.show()
    with qtbot.waitSignal(window.session.loaded, timeout=20000):
        window.open_file(demo_db)
    settle(qtbot, window)
    assert not tab.store.loaded  # not shown yet: nothing read
    actions["tracking"].trigger()
    qtbot.waitUntil(lambda: tab.store.loaded, timeout=20000)
    settle(qtbot, window)
    assert window.tabs.currentWidget() is tab
    project = first_row(tab, lambda r: r.status is TrackingStatus.NOT_STARTED and not r.external)
    files = _Files(demo_db)
    before = statuses_in_file(files, project)
    tab.proxy.setData(tab.proxy.index(tab.proxy.proxy_row_of(project), 3), "3")
    settle(qtbot, window)
    assert statuses_in_file(files, project)[-1][1] == "done"
    assert window.action_by_id["undo"].isEnabled()
    window.action_by_id["undo"].trigger()  # Ctrl+Z of the window
    settle(qtbot, window)
    assert statuses_in_file(files, project) == before
    assert shown(tab, project, "status") == "ยังไม่ได้ดำเนินการ"
    budget = window.state.projects[project].budget
    window.session.update_projects({project: ProjectFields(budget=budget + Decimal(1000))})  # the plan's tab
    settle(qtbot, window)
    qtbot.waitUntil(lambda: shown(tab, project, "budget") == f"{budget + 1000:,.2f}", timeout=5000)
    assert shown(tab, project, "remaining") == f"{budget + 1000 - tab.store.row(project).disbursed:,.2f}"
