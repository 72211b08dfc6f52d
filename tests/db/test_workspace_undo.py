"""Every operation is committed at once and undo/redo restores the database exactly."""

from decimal import Decimal

import pytest
from dbsnapshot import dump, rows

from thaplan_desktop.workspace import (
    EditionFields,
    OrganisationFields,
    ProjectFields,
    StrategyUpdate,
    Workspace,
    WorkspaceError,
)


@pytest.fixture
def ws(plan_location):
    workspace = Workspace.create(plan_location, name="เทศบาลตำบลท่าข้าม", district="พุนพิน",
                                 province="สุราษฎร์ธานี", fiscal_year=2563)
    workspace.add_strategy("ยุทธศาสตร์ที่หนึ่ง")
    workspace.add_program(workspace.strategies()[0].id, "แผนงานการศึกษา")
    edition = workspace.find_edition()
    workspace.add_project(edition.id, ProjectFields(name="โครงการอาหารกลางวัน", budget=Decimal("1000"), months={1, 2},
                                                    program_id=workspace.programs()[0].id))
    workspace.add_project(edition.id, ProjectFields(name="โครงการนมโรงเรียน", budget=Decimal("2000"), months={3}))
    yield workspace
    workspace.close()


def _edition(ws):
    return ws.find_edition().id


OPERATIONS = {
    "edit": lambda ws: ws.update_project(ws.projects(_edition(ws))[0].id,
                                         ProjectFields(name="ใหม่", budget=Decimal("5.55"), months={7, 8})),
    "add": lambda ws: ws.add_project(_edition(ws), ProjectFields(name="เพิ่ม", budget=Decimal(1), months={4})),
    "delete": lambda ws: ws.delete_projects([p.id for p in ws.projects(_edition(ws))]),
    "duplicate": lambda ws: ws.duplicate_projects([ws.projects(_edition(ws))[0].id]),
    "reclassify": lambda ws: ws.move_projects([p.id for p in ws.projects(_edition(ws))],
                                              program_id=ws.programs()[0].id),
    "rename strategy": lambda ws: ws.update_strategy(ws.strategies()[0].id, StrategyUpdate(name="ชื่อใหม่", number=9)),
    "add program": lambda ws: ws.add_program(ws.strategies()[0].id, "แผนงานสาธารณสุข"),
    "delete program": lambda ws: ws.delete_program(ws.programs()[0].id),
    "delete strategy": lambda ws: ws.delete_strategy(ws.strategies()[0].id),
    "add unit": lambda ws: ws.add_unit("อบจ.สุราษฎร์ธานี", is_external=True),
    "edition": lambda ws: ws.update_edition(_edition(ws), EditionFields(dev_plan_period="2561–2565")),
    "organisation": lambda ws: ws.update_organisation(OrganisationFields(executive_name="นายสมชาย ใจดี")),
    "setting": lambda ws: ws.set_setting("pdf.subtotals", "1"),
    "document": lambda ws: ws.update_document(_edition(ws),
                                              OrganisationFields(executive_name="นายสมชาย ใจดี", logo=b"\x89PNG..."),
                                              EditionFields(preface_text="คำนำใหม่ของ{org}")),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_restores_and_redo_reapplies_the_database_exactly(ws, name):
    before = dump(ws.location)
    OPERATIONS[name](ws)
    after = dump(ws.location)
    assert after != before, "the operation changed nothing"
    ws.undo()
    assert dump(ws.location) == before
    ws.redo()
    assert dump(ws.location) == after
    ws.undo()
    assert dump(ws.location) == before


def test_deleting_a_program_leaves_its_projects_unfiled_and_undo_refiles_them(ws):
    program = ws.programs()[0]
    ws.delete_program(program.id)
    assert all(p.program_id is None for p in ws.projects(_edition(ws)))
    ws.undo()
    assert ws.projects(_edition(ws))[0].program_id == program.id


def test_changes_say_what_was_touched(ws):
    seen = []
    ws.subscribe(seen.append)
    project = ws.projects(_edition(ws))[0]
    changes = ws.update_project(project.id, ProjectFields(name="x"))
    assert changes.projects == {project.id}
    assert not changes.tree
    assert ws.add_strategy("ยุทธศาสตร์ใหม่").tree
    assert [c.label for c in seen] == ["แก้ไขโครงการ", "เพิ่มยุทธศาสตร์"]
    assert ws.undo_label() == "เพิ่มยุทธศาสตร์"


def test_a_new_operation_clears_redo(ws):
    ws.add_unit("หน่วยใหม่")
    ws.undo()
    assert ws.can_redo()
    ws.add_unit("หน่วยอื่น")
    assert not ws.can_redo()


def test_a_failed_operation_changes_nothing_and_records_nothing(ws):
    before = dump(ws.location)
    steps = ws.undo_label()
    with pytest.raises(WorkspaceError):
        ws.update_projects({ws.projects(_edition(ws))[0].id: ProjectFields(name="ก"), 99999: ProjectFields(name="ข")})
    assert dump(ws.location) == before
    assert ws.undo_label() == steps


def test_negative_budget_is_refused_with_thai_message(ws):
    with pytest.raises(WorkspaceError, match="ติดลบ"):
        ws.update_project(ws.projects(_edition(ws))[0].id, ProjectFields(budget=Decimal("-1")))


def test_edits_are_committed_at_once(ws):
    project = ws.projects(_edition(ws))[0]
    ws.update_project(project.id, ProjectFields(name="บันทึกทันที"))
    names = {row["id"]: row["name"] for row in rows(ws.location, "project")}
    assert names[project.id] == "บันทึกทันที"
