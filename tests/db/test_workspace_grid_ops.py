"""Workspace operations the main window adds: paste (save_rows), reordering and renumbering, bulk reads.

Each is one operation: undo restores the database exactly, redo re-applies it.
"""

from decimal import Decimal

import pytest
from dbsnapshot import dump

from thaplan_desktop.workspace import ProjectFields, StrategyUpdate, Workspace, WorkspaceError


@pytest.fixture
def ws(plan_location):
    workspace = Workspace.create(plan_location, name="องค์การบริหารส่วนตำบลท่าสะท้อน", district="พุนพิน",
                                 province="สุราษฎร์ธานี", fiscal_year=2563)
    for name in ("ยุทธศาสตร์ที่หนึ่ง", "ยุทธศาสตร์ที่สอง", "ยุทธศาสตร์ที่สาม"):
        workspace.add_strategy(name)
    first = workspace.strategies()[0].id
    for name in ("แผนงานการศึกษา", "แผนงานสาธารณสุข", "แผนงานงบกลาง"):
        workspace.add_program(first, name)
    edition = workspace.find_edition().id
    workspace.add_project(edition, ProjectFields(name="โครงการอาหารกลางวัน", budget=Decimal("1000"), months={1, 2},
                                                 program_id=workspace.programs()[0].id))
    workspace.add_project(edition, ProjectFields(name="โครงการนมโรงเรียน", budget=Decimal("2000"), months={3}))
    yield workspace
    workspace.close()


def _edition(ws):
    return ws.find_edition().id


OPERATIONS = {
    "save_rows": lambda ws: ws.save_rows(
        _edition(ws),
        updates={ws.projects(_edition(ws))[0].id: ProjectFields(budget=Decimal("5"), unit_name="อบจ.สุราษฎร์ธานี")},
        additions=[ProjectFields(name="ใหม่", months={4}, unit_name="กองคลัง"),
                   ProjectFields(name="ใหม่อีก", unit_name="อบจ.สุราษฎร์ธานี")]),
    "reorder_strategies": lambda ws: ws.reorder_strategies([s.id for s in reversed(ws.strategies())]),
    "reorder_programs": lambda ws: ws.reorder_programs(
        ws.strategies()[0].id, [p.id for p in reversed(ws.programs())]),
    "move program to another strategy": lambda ws: ws.reorder_programs(
        ws.strategies()[2].id, [ws.programs()[1].id]),
    "renumber_strategies": lambda ws: (ws.update_strategy(ws.strategies()[0].id, StrategyUpdate(number=7)),
                                       ws.reorder_strategies([s.id for s in reversed(ws.strategies())]),
                                       ws.renumber_strategies())[-1],
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_restores_and_redo_reapplies_exactly(ws, name):
    before = dump(ws.location)
    steps = 3 if name == "renumber_strategies" else 1
    OPERATIONS[name](ws)
    after = dump(ws.location)
    assert after != before
    for _ in range(steps):
        ws.undo()
    assert dump(ws.location) == before
    for _ in range(steps):
        ws.redo()
    assert dump(ws.location) == after


def test_save_rows_adds_a_new_unit_once_and_files_the_rows(ws):
    changes = ws.save_rows(_edition(ws), additions=[ProjectFields(name="ก", unit_name="  อบจ.สุราษฎร์ธานี "),
                                                    ProjectFields(name="ข", unit_name="อบจ.สุราษฎร์ธานี")])
    units = [u for u in ws.units() if u.name == "อบจ.สุราษฎร์ธานี"]
    assert len(units) == 1
    assert changes.reference
    assert len(changes.created) == 2
    assert {p.unit_id for p in ws.projects_by_ids(changes.created)} == {units[0].id}
    assert ws.undo_label() == "วางข้อมูล"


def test_save_rows_is_all_or_nothing(ws):
    before = dump(ws.location)
    with pytest.raises(WorkspaceError):
        ws.save_rows(_edition(ws), updates={99999: ProjectFields(name="x")},
                     additions=[ProjectFields(name="y", unit_name="ใหม่")])
    with pytest.raises(WorkspaceError, match="ติดลบ"):
        ws.save_rows(_edition(ws), additions=[ProjectFields(name="y", budget=Decimal("-1"))])
    assert dump(ws.location) == before


def test_reorder_and_renumber(ws):
    ids = [s.id for s in ws.strategies()]
    ws.reorder_strategies([ids[2], ids[0], ids[1]])
    assert [s.id for s in ws.strategies()] == [ids[2], ids[0], ids[1]]
    ws.renumber_strategies()
    assert [s.number for s in ws.strategies()] == [1, 2, 3]
    programs = ws.programs()
    ws.reorder_programs(ids[1], [programs[2].id])
    assert [p.strategy_id for p in ws.programs() if p.id == programs[2].id] == [ids[1]]


def test_projects_by_ids_reads_many_in_print_order(ws):
    projects = ws.projects(_edition(ws))
    found = ws.projects_by_ids([p.id for p in reversed(projects)] + [424242])
    assert found == projects
