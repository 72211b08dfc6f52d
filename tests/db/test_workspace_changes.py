"""Every operation answers with its own Changes, and field objects set exactly the fields they name."""

import datetime as dt
from decimal import Decimal

import pytest

from thaplan_desktop.domain.model import EditionKind, ProjectKind
from thaplan_desktop.workspace import (
    EditionFields,
    OrganisationFields,
    ProgramUpdate,
    ProjectFields,
    StrategyUpdate,
    Workspace,
)


@pytest.fixture
def ws(plan_location):
    workspace = Workspace.create(plan_location, name="เทศบาลตำบลท่าข้าม", district="พุนพิน",
                                 province="สุราษฎร์ธานี", fiscal_year=2563)
    workspace.add_strategy("ยุทธศาสตร์ที่หนึ่ง")
    workspace.add_program(workspace.strategies()[0].id, "แผนงานการศึกษา")
    edition = workspace.find_edition().id
    workspace.add_projects(edition, [
        ProjectFields(name="โครงการอาหารกลางวัน", budget=Decimal("1000"), months={1, 2},
                      program_id=workspace.programs()[0].id),
        ProjectFields(name="โครงการนมโรงเรียน", budget=Decimal("2000"), months={3}),
    ])
    yield workspace
    workspace.close()


def _edition(ws):
    return ws.find_edition().id


def _first(ws):
    return ws.projects(_edition(ws))[0]


# name → (operation, what its Changes must say)
OPERATIONS = {
    "update project": (lambda ws: ws.update_project(_first(ws).id, ProjectFields(name="ใหม่")),
                       lambda ws, c: c.projects == {_first(ws).id} and not c.tree),
    "add project": (lambda ws: ws.add_project(_edition(ws), ProjectFields(name="เพิ่ม", budget=Decimal(1))),
                    lambda ws, c: len(c.created) == 1 and c.projects == set(c.created)),
    "delete projects": (lambda ws: ws.delete_projects([_first(ws).id]),
                        lambda ws, c: len(c.projects) == 1 and _first(ws).id not in c.projects),
    "duplicate": (lambda ws: ws.duplicate_projects([_first(ws).id]), lambda ws, c: len(c.created) == 1),
    "move": (lambda ws: ws.move_projects([p.id for p in ws.projects(_edition(ws))], program_id=None),
             lambda ws, c: c.projects == {ws.projects(_edition(ws))[0].id}),
    "add strategy": (lambda ws: ws.add_strategy("ยุทธศาสตร์ใหม่"),
                     lambda ws, c: c.tree and c.inserted_into("strategy") == (ws.strategies()[-1].id,)),
    "update strategy": (lambda ws: ws.update_strategy(ws.strategies()[0].id, StrategyUpdate(number=5)),
                        lambda ws, c: c.tree and not c.projects),
    "add program": (lambda ws: ws.add_program(ws.strategies()[0].id, "แผนงานสาธารณสุข"),
                    lambda ws, c: c.tree and len(c.inserted_into("program")) == 1),
    "update program": (lambda ws: ws.update_program(ws.programs()[0].id, ProgramUpdate(name="แผนงานงบกลาง")),
                       lambda ws, c: c.tree),
    "delete program": (lambda ws: ws.delete_program(ws.programs()[0].id),
                       lambda ws, c: c.tree and len(c.projects) == 1),
    "add unit": (lambda ws: ws.add_unit("กองใหม่"), lambda ws, c: c.reference and not c.tree),
    "organisation": (lambda ws: ws.update_organisation(OrganisationFields(executive_name="นายสมชาย ใจดี")),
                     lambda ws, c: c.meta),
    "edition": (lambda ws: ws.update_edition(_edition(ws), EditionFields(trigger_date=dt.date(2019, 9, 25))),
                lambda ws, c: c.meta),
    "add edition": (lambda ws: ws.add_edition(2563, EditionKind.ADDITIONAL),
                    lambda ws, c: c.meta and ws.edition(c.inserted_into("edition")[0]).number == 1),
    "setting": (lambda ws: ws.set_setting("pdf.subtotals", "1"), lambda ws, c: c.meta),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_returns_its_own_changes(ws, name):
    operation, check = OPERATIONS[name]
    ws.add_unit("หน่วยก่อนหน้า")  # an earlier operation, whose changes must not leak into this one's
    changes = operation(ws)
    assert changes.label == ws.undo_label()
    assert not changes.empty
    assert check(ws, changes)


def test_an_operation_that_finds_nothing_returns_empty_changes_not_the_previous_ones(ws):
    edited = ws.update_project(_first(ws).id, ProjectFields(name="แก้ก่อน"))
    assert edited.projects
    changes = ws.duplicate_projects([999999])
    assert changes.empty
    assert changes.projects == frozenset()
    assert changes.label == "ทำสำเนาโครงการ"
    assert ws.undo_label() == "แก้ไขโครงการ"  # nothing to undo was recorded


def test_an_update_that_changes_nothing_is_empty_and_leaves_no_undo_step(ws):
    project = _first(ws)
    ws.add_unit("หน่วยก่อนหน้า")
    changes = ws.update_project(project.id, ProjectFields(name=project.name))
    assert changes.empty
    assert ws.undo_label() == "เพิ่มหน่วยงาน"


def test_listeners_hear_the_same_changes_the_caller_gets(ws):
    heard = []
    ws.subscribe(heard.append)
    changes = ws.add_strategy("ยุทธศาสตร์ที่สอง")
    assert heard == [changes]


def test_name_budget_and_months_round_trip_and_unnamed_fields_stay(ws):
    before = _first(ws)
    ws.update_project(before.id, ProjectFields(name="โครงการอาหารเสริม (นม)", budget=Decimal("12345.67"),
                                               months={4, 5, 6}))
    after = ws.project(before.id)
    assert (after.name, after.budget, after.months) == ("โครงการอาหารเสริม (นม)", Decimal("12345.67"), {4, 5, 6})
    assert (after.program_id, after.details, after.kind) == (before.program_id, before.details, before.kind)


def test_a_field_set_to_none_is_written_and_an_unset_one_is_not(ws):
    before = _first(ws)
    assert before.program_id is not None
    ws.update_project(before.id, ProjectFields(program_id=None))
    after = ws.project(before.id)
    assert after.program_id is None
    assert after.name == before.name


def test_a_misspelt_field_is_refused_where_the_update_is_made():
    with pytest.raises(TypeError):
        ProjectFields(budgett=Decimal(1))  # type: ignore[call-arg]


def test_a_unit_named_in_an_update_is_added_once(ws):
    project = _first(ws)
    changes = ws.update_projects({project.id: ProjectFields(unit_name="  อบจ.สุราษฎร์ธานี ")})
    unit = next(u for u in ws.units() if u.name == "อบจ.สุราษฎร์ธานี")
    assert ws.project(project.id).unit_id == unit.id
    assert changes.reference
    assert changes.projects == {project.id}


def test_an_equipment_item_keeps_its_kind(ws):
    changes = ws.add_project(_edition(ws), ProjectFields(kind=ProjectKind.EQUIPMENT, name="ตู้เหล็ก",
                                                         budget=Decimal("5900")))
    assert ws.project(changes.created[0]).kind is ProjectKind.EQUIPMENT


def test_deleting_an_edition_with_projects_undoes_exactly(ws):
    from dbsnapshot import dump

    new_id = ws.add_edition(2563, EditionKind.ADDITIONAL).inserted_into("edition")[0]
    ws.add_project(new_id, ProjectFields(name="ในฉบับเพิ่มเติม", budget=Decimal(1)))
    before = dump(ws.location)
    changes = ws.delete_edition(new_id)
    assert changes.meta
    assert len(changes.projects) == 1
    assert [e.id for e in ws.editions()] == [_edition(ws)]
    ws.undo()
    assert dump(ws.location) == before
