"""The ติดตามผล tab's filters and live totals: status, unit, "ควรเริ่มแล้ว", search and the tree node, each
checked against the demo's as-of rows worked out here from the file, not by the tab."""

from __future__ import annotations

from decimal import Decimal

import pytest
from demo_state import DEMO_TODAY
from guihelp import type_text

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.views import progress_rows
from thaplan_desktop.ui.tree.model import TOTALS_TEXT_ROLE
from thaplan_desktop.workspace import NewStatus, Workspace


@pytest.fixture
def rows(harness):
    """The demo's projects as of its day, by id, read from the file."""
    with Workspace.open(harness.path) as ws:
        plan, records = ws.progress_data(ws.find_edition().id)
    return {r.project.id: r for r in progress_rows(plan, records, DEMO_TODAY)}


def shown_ids(tab):
    return {tab.proxy.project_id_at(i) for i in range(tab.proxy.rowCount())}


def test_the_late_filter_is_the_officers_list_of_calls_to_make(harness, qtbot, rows):
    tab = harness.tab
    late = {pid for pid, r in rows.items() if r.should_have_started}
    assert late  # the demo has some
    tab.late_check.setChecked(True)
    assert shown_ids(tab) == late
    for pid in late:  # each one's plan says it has begun, its status says it has not
        first_month = min(rows[pid].project.months)
        assert first_month <= 8  # ต.ค. (1) … พ.ค. (8): begun by 15 พ.ค. 2563
        assert rows[pid].status is TrackingStatus.NOT_STARTED
    harness.settle(qtbot)
    assert f"แสดง {len(late)} จาก 111 รายการ" in tab.strip.text()


def test_status_and_unit_filters_combine_and_the_units_table_follows(harness, qtbot, rows):
    tab = harness.tab
    unit = next(u for u in harness.state.units if u.name == "กองช่าง")
    tab.set_unit_filter(unit.id)
    assert shown_ids(tab) == {pid for pid, r in rows.items() if r.project.unit_id == unit.id}
    units = tab.units_model
    selected = tab.units.selectionModel().currentIndex()
    assert units.key_at(selected.row()) == unit.id  # the table shows the unit chosen
    tab.set_status_filter(frozenset({TrackingStatus.IN_PROGRESS}))
    expected = {pid for pid, r in rows.items() if r.project.unit_id == unit.id
                and r.status is TrackingStatus.IN_PROGRESS}
    assert shown_ids(tab) == expected
    harness.settle(qtbot)
    disbursed = sum((rows[pid].disbursed for pid in expected), Decimal(0))
    assert f"เบิกจ่ายแล้ว {disbursed:,.2f}" in tab.strip.text()
    # The units' totals follow every criterion but the unit: in-progress projects of each unit.
    for row in range(1, units.rowCount()):
        key = units.key_at(row)
        count = sum(1 for r in rows.values() if r.project.unit_id == key and r.status is TrackingStatus.IN_PROGRESS)
        assert units.index(row, 1).data() == f"{count:,}"
    other = next(row for row in range(1, units.rowCount()) if units.key_at(row) not in (unit.id, None))
    tab.units.setCurrentIndex(units.index(other, 0))
    harness.settle(qtbot)  # choosing a unit in the table filters by it
    assert tab.unit_combo.currentData() == units.key_at(other)
    assert all(rows[pid].project.unit_id == units.key_at(other) for pid in shown_ids(tab))
    tab.clear_filters()
    assert len(shown_ids(tab)) == 111


def test_search_words_find_names_and_units(harness, rows):
    tab = harness.tab
    type_text(tab.search, "ถนน กองช่าง")
    expected = {pid for pid, r in rows.items() if "ถนน" in r.project.name + r.project.details + r.project.location
                and r.unit == "กองช่าง"}
    assert expected
    assert shown_ids(tab) == expected


def test_the_tree_filters_by_node_and_its_totals_follow_the_other_filters(harness, qtbot, rows):
    tab, state = harness.tab, harness.state
    tab.late_check.setChecked(True)
    harness.settle(qtbot)
    for strategy in state.strategies:
        key = ("strategy", strategy.id)
        members = [r for r in rows.values() if r.project.kind is not ProjectKind.EQUIPMENT and r.project.program_id
                   and state.program_by_id[r.project.program_id].strategy_id == strategy.id]
        totals = tab.tree_model.totals_of(key)
        assert totals.count == sum(1 for r in members if r.should_have_started)
        assert totals.late == totals.count
    tab.late_check.setChecked(False)
    harness.settle(qtbot)
    strategy = state.strategies[0]
    key = ("strategy", strategy.id)
    totals = tab.tree_model.totals_of(key)
    members = [r for r in rows.values() if key in state.node_keys(r.project)]
    assert totals.disbursed == sum((r.disbursed for r in members), Decimal(0))
    assert totals.budget == sum((r.budget for r in members), Decimal(0))
    line = tab.tree_model.index_of_key(key).data(TOTALS_TEXT_ROLE)
    assert line.startswith(f"{len(members)} รายการ · เบิกจ่าย {totals.disbursed_percent:.2f}%")
    tab.tree.select_key(key)
    assert shown_ids(tab) == {r.project.id for r in members}


def test_rows_follow_changes_made_elsewhere_but_an_edited_row_stays_until_chosen_again(harness, qtbot, rows):
    tab = harness.tab
    tab.set_status_filter(frozenset({TrackingStatus.NOT_STARTED}))
    typed, elsewhere = tab.proxy.project_id_at(0), tab.proxy.project_id_at(1)
    tab.proxy.setData(tab.proxy.index(0, 3), "3")  # typed in the grid: stays in view
    harness.session.run_operation(lambda ws, job: ws.record_status(  # changed elsewhere: leaves the list
        elsewhere, NewStatus(TrackingStatus.DONE, DEMO_TODAY), today=DEMO_TODAY))
    harness.settle(qtbot)
    assert typed in shown_ids(tab)
    assert elsewhere not in shown_ids(tab)
    tab.set_status_filter(frozenset())
    tab.set_status_filter(frozenset({TrackingStatus.NOT_STARTED}))
    assert typed not in shown_ids(tab)
