"""Every item model of the ติดตามผล tab passes Qt's model tester, before and while its data changes; the shared
tree keeps its own totals line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demo_state import DEMO_TODAY
from PySide6.QtCore import QModelIndex

from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.ui.state import PlanState
from thaplan_desktop.ui.tracking.disbursements import DisbursementModel
from thaplan_desktop.ui.tree.model import TOTALS_TEXT_ROLE, ClassificationTreeModel
from thaplan_desktop.ui.tree.view import ClassificationTreeView
from thaplan_desktop.workspace import NewDisbursement, NewStatus, ProjectFields


def test_the_table_and_its_filter_pass_the_model_tester_through_entries_filters_and_undo(harness, qtbot,
                                                                                           qtmodeltester):
    tab = harness.tab
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    first = tab.proxy.project_id_at(0)
    tab.proxy.setData(tab.proxy.index(0, 3), "2")
    tab.set_status_filter(frozenset({TrackingStatus.NOT_STARTED}))
    tab.late_check.setChecked(True)
    harness.session.run_operation(lambda ws, job: ws.add_disbursement(
        first, NewDisbursement(dt.date(2020, 5, 2), Decimal("100"), ""), today=DEMO_TODAY))
    harness.session.update_projects({first: ProjectFields(budget=Decimal("1000"))})
    harness.settle(qtbot)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)
    tab.clear_filters()
    harness.session.delete_projects([tab.proxy.project_id_at(1)])
    harness.session.undo()
    harness.session.undo()
    tab.set_as_of(dt.date(2020, 1, 31))
    harness.settle(qtbot)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_the_tree_and_the_units_totals_pass_the_model_tester(harness, qtbot, qtmodeltester):
    tab = harness.tab
    qtmodeltester.check(tab.tree_model)
    qtmodeltester.check(tab.units_model)
    tab.set_status_filter(frozenset({TrackingStatus.IN_PROGRESS}))
    tab.tree.select_key(("strategy", harness.state.strategies[1].id))
    project = tab.proxy.project_id_at(0)
    harness.session.run_operation(lambda ws, job: ws.record_status(
        project, NewStatus(TrackingStatus.DONE, DEMO_TODAY), today=DEMO_TODAY))
    harness.session.add_strategy("ยุทธศาสตร์ทดสอบ")  # the tree's shape changes: it resets
    harness.settle(qtbot)
    qtmodeltester.check(tab.tree_model)
    qtmodeltester.check(tab.units_model)


def test_the_disbursement_list_passes_the_model_tester(harness, qtbot, qtmodeltester):
    tab = harness.tab
    project = next(p.id for p in tab.model.rows if len(tab.store.disbursements_of(p.id)) >= 2)
    tab.grid.select_project(project)
    model = tab.panel.disbursements.model
    assert model.rowCount() == len(tab.store.disbursements_of(project))
    qtmodeltester.check(model)
    paid = tab.store.disbursements_of(project)[0]
    harness.session.run_operation(lambda ws, job: ws.delete_disbursement(paid.id))
    harness.settle(qtbot)
    qtmodeltester.check(model)
    harness.session.undo()
    harness.settle(qtbot)
    qtmodeltester.check(model)
    alone = DisbursementModel()
    qtmodeltester.check(alone)


def test_the_plans_own_tree_keeps_its_count_and_budget_line(qtbot, harness):
    state = PlanState()
    state.load(harness.session.data)
    model = ClassificationTreeModel(state)
    view = ClassificationTreeView(model)
    qtbot.addWidget(view)
    root = model.index(0, 0, QModelIndex())
    assert root.data(TOTALS_TEXT_ROLE) is None  # the plan's tree words no line of its own
    delegate = view.itemDelegate()
    assert delegate._totals(root) == f"{root.siblingAtColumn(1).data()} รายการ · {root.siblingAtColumn(2).data()} บาท"
    tab_root = harness.tab.tree_model.index_of_key(("root",))
    assert harness.tab.tree.itemDelegate()._totals(tab_root) == tab_root.data(TOTALS_TEXT_ROLE)
    assert tab_root.data(TOTALS_TEXT_ROLE).startswith("111 รายการ · เบิกจ่าย")
