"""The procurement choices per row: stored, checked, one undo step each, and not copied into a duplicate's code."""

import pytest
from small_plans import add_row, new_plan

from thaplan_desktop.domain.procurement import ProcurementChoice
from thaplan_desktop.workspace import ProcurementFields, WorkspaceError


@pytest.fixture
def ws(plan_location):
    """A new plan: a SQLite file, or a database on the tests' server (the choices are columns of project)."""
    workspace = new_plan(plan_location)
    yield workspace
    workspace.close()


def test_a_new_row_leaves_every_decision_to_the_rule(ws):
    edition = ws.find_edition().id
    road = add_row(ws, edition, "โครงการก่อสร้างถนน", "1000", {3, 4})
    assert ws.procurement_choices(edition) == [ProcurementChoice(road)]


def test_choices_are_stored_and_undone_as_one_step(ws):
    edition = ws.find_edition().id
    road = add_row(ws, edition, "โครงการก่อสร้างถนน", "1000", {3, 4})
    fair = add_row(ws, edition, "โครงการจัดงานวันเด็ก", "500", {4})
    changes = ws.set_procurement({
        road: ProcurementFields(egp_code=" p6305 000123 ", method="วิธีเฉพาะเจาะจง", month=2),
        fair: ProcurementFields(procured=True),
    })
    assert changes.projects == {road, fair}
    assert ws.undo_label() == "แก้ไขแผนการจัดซื้อจัดจ้าง"
    assert ws.procurement_choices(edition) == [
        ProcurementChoice(road, None, "วิธีเฉพาะเจาะจง", "P6305000123", 2),
        ProcurementChoice(fair, True, "", "", None),
    ]
    ws.set_procurement({road: ProcurementFields(month=None), fair: ProcurementFields(procured=None)})
    assert ws.procurement_choices(edition)[1] == ProcurementChoice(fair)
    ws.undo()
    ws.undo()
    assert ws.procurement_choices(edition) == [ProcurementChoice(road), ProcurementChoice(fair)]
    ws.redo()
    assert ws.procurement_choices(edition)[0].egp_code == "P6305000123"


@pytest.mark.parametrize(("fields", "message"), [
    (ProcurementFields(month=13), "เดือนที่คาดว่าจะประกาศ"),
    (ProcurementFields(month=0), "เดือนที่คาดว่าจะประกาศ"),
    (ProcurementFields(egp_code="P" * 31), "รหัสแผนจัดซื้อจัดจ้างยาวเกิน"),
])
def test_bad_values_are_refused_in_thai_and_nothing_changes(ws, fields, message):
    edition = ws.find_edition().id
    road = add_row(ws, edition, "โครงการก่อสร้างถนน", "1000", {3})
    with pytest.raises(WorkspaceError, match=message):
        ws.set_procurement({road: fields})
    assert ws.procurement_choices(edition) == [ProcurementChoice(road)]


def test_a_missing_row_refuses_the_whole_operation(ws):
    edition = ws.find_edition().id
    road = add_row(ws, edition, "โครงการก่อสร้างถนน", "1000", {3})
    with pytest.raises(WorkspaceError, match="ไม่พบโครงการรหัส 999"):
        ws.set_procurement({road: ProcurementFields(procured=False), 999: ProcurementFields(procured=True)})
    assert ws.procurement_choices(edition) == [ProcurementChoice(road)]


def test_a_duplicate_keeps_the_choices_but_not_the_e_gp_code(ws):
    edition = ws.find_edition().id
    road = add_row(ws, edition, "โครงการก่อสร้างถนน", "1000", {3})
    ws.set_procurement({road: ProcurementFields(procured=True, egp_code="P6305000123", method="วิธีคัดเลือก")})
    ws.duplicate_projects([road])
    original, copy = ws.procurement_choices(edition)
    assert original.egp_code == "P6305000123"
    assert (copy.procured, copy.method, copy.egp_code) == (True, "วิธีคัดเลือก", "")


def test_an_older_file_upgrades_with_every_decision_left_to_the_rule(tmp_path):
    import shutil
    from pathlib import Path

    from thaplan_desktop.safety import open_for_editing

    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "schema_0001_demo.sqlite", old)
    with open_for_editing(old) as ws:
        choices = [c for e in ws.editions() for c in ws.procurement_choices(e.id)]
    assert len(choices) == 6
    assert all(c == ProcurementChoice(c.project_id) for c in choices)
