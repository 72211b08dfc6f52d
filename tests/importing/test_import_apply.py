"""Importing staged projects into a plan: matching, creating, duplicates, provenance, one undo step."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sample_files import sample_workbooks

from thaplan_desktop.domain.model import ProjectKind, Provenance
from thaplan_desktop.importing import ImportResult, StagedProject, read_file
from thaplan_desktop.importing.apply import (
    Duplicates,
    ImportOptions,
    ImportRefused,
    apply_import,
    prepare_import,
    strategy_key,
)
from thaplan_desktop.workspace import Workspace


@pytest.fixture
def workspace(plan_location):
    ws = Workspace.create(plan_location, name="องค์การบริหารส่วนตำบลตะปาน", district="พุนพิน",
                          province="สุราษฎร์ธานี", fiscal_year=2563)
    yield ws
    ws.close()


def staged(name: str, **fields) -> StagedProject:
    values = {"kind": ProjectKind.PROJECT, "budget": Decimal("1000.00"), "months": frozenset({1}),
              "unit": "กองช่าง", "strategy": "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "plan": "แผนงานเคหะและชุมชน",
              "source_file": "dept.xlsx", "source_sheet": "ผด.02", "source_row": 10}
    values.update(fields)
    return StagedProject(name=name, **values)


def result(*projects: StagedProject) -> ImportResult:
    return ImportResult("dept.xlsx", list(projects))


def test_import_creates_missing_headings_and_keeps_provenance(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    plan = prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข", plan="1.2 อุตสาหกรรมและการโยธา"))])
    assert plan.new_strategies == ["ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"]
    assert [p for _s, p in plan.new_programs] == ["แผนงานเคหะและชุมชน", "แผนงานอุตสาหกรรมและการโยธา"]
    summary = apply_import(workspace, plan)
    assert summary.added == 2
    projects = workspace.projects(edition.id)
    programs = {p.id: p for p in workspace.programs()}
    assert [programs[p.program_id].name for p in projects] == ["แผนงานเคหะและชุมชน", "แผนงานอุตสาหกรรมและการโยธา"]
    assert programs[projects[1].program_id].dla_code == "00310"
    first = projects[0]
    assert (first.provenance, first.source_file, first.source_sheet, first.source_row) == (
        Provenance.IMPORTED, "dept.xlsx", "ผด.02", 10)
    assert {u.name for u in workspace.units()} >= {"กองช่าง"}


def test_undo_reverses_the_whole_import_in_one_step(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    before = (len(workspace.strategies()), len(workspace.programs()), len(workspace.projects(edition.id)))
    apply_import(workspace, prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข"))]))
    assert workspace.undo_label().startswith("นำเข้า 2 รายการ")
    workspace.undo()
    assert (len(workspace.strategies()), len(workspace.programs()), len(workspace.projects(edition.id))) == before
    workspace.redo()
    assert len(workspace.projects(edition.id)) == 2


def test_headings_match_existing_names_with_spelling_variants(workspace: Workspace) -> None:
    workspace.add_strategy("ยุทธศาสตร์การพัฒนาการเมืองการบริหาร")
    strategy = workspace.strategies()[0]
    workspace.add_program(strategy.id, "แผนงานบริหารงานทั่วไป")
    workspace.add_program(strategy.id, "แผนงานการศาสนาวัฒนธรรมและนันทนาการ")
    edition = workspace.find_edition()
    rows = [
        staged("ก", strategy="6. ยุทธศาสตร์การพัฒนาการเมือง การบริหาร", plan="6.1 แผนงานบริหารทั่วไป"),
        staged("ข", strategy="ยุทธศาสตร์ที่ 6 การพัฒนาการเมืองการบริหาร", plan="การศาสนา วัฒนธรรม และนันทนาการ"),
        staged("ค", strategy="", plan="แผนงานบริหารงานทั่วไป", unit="กองการศึกษาฯ"),
    ]
    plan = prepare_import(workspace, edition.id, [result(*rows)])
    assert plan.new_strategies == []
    assert plan.new_programs == []
    assert plan.new_units == []
    assert not plan.problems
    apply_import(workspace, plan)
    assert len(workspace.programs()) == 2
    units = {u.id: u.name for u in workspace.units()}
    assert units[workspace.projects(edition.id)[2].unit_id] == "กองการศึกษา ศาสนาและวัฒนธรรม"


@pytest.mark.parametrize(("mode", "count", "budget"), [
    (Duplicates.SKIP, 1, Decimal("1000.00")), (Duplicates.KEEP, 2, Decimal("1000.00")),
    (Duplicates.REPLACE, 1, Decimal("1000.00")),
])
def test_duplicates(workspace: Workspace, mode: Duplicates, count: int, budget: Decimal) -> None:
    edition = workspace.find_edition()
    apply_import(workspace, prepare_import(workspace, edition.id, [result(staged("ก", details="เดิม"))]))
    plan = prepare_import(workspace, edition.id, [result(staged("ก", details="ใหม่"))], ImportOptions(duplicates=mode))
    assert len(plan.duplicates) == 1
    apply_import(workspace, plan)
    projects = workspace.projects(edition.id)
    assert len(projects) == count
    if mode is Duplicates.REPLACE:
        assert projects[0].details == "ใหม่"
    if mode is Duplicates.SKIP:
        assert projects[0].details == "เดิม"


def test_no_create_refuses_and_changes_nothing(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    plan = prepare_import(workspace, edition.id, [result(staged("ก"))], ImportOptions(create_missing=False))
    with pytest.raises(ImportRefused) as info:
        apply_import(workspace, plan)
    assert any("ยุทธศาสตร์" in p for p in info.value.problems)
    assert workspace.projects(edition.id) == []
    assert workspace.strategies() == []


def test_a_row_without_budget_refuses_the_whole_file(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    plan = prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข", budget=None, source_row=12))])
    with pytest.raises(ImportRefused) as info:
        apply_import(workspace, plan)
    assert "dept.xlsx" in info.value.problems[0]
    assert "แถวที่ 12" in info.value.problems[0]
    assert workspace.projects(edition.id) == []


def test_strategy_key_ignores_numbering_and_prefix() -> None:
    assert strategy_key("2. ยุทธศาสตร์การพัฒนาคน") == strategy_key("ยุทธศาสตร์ที่ 2 การพัฒนาคน") == strategy_key("การพัฒนาคน")


def test_all_samples_into_one_plan(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    results = []
    for path in sample_workbooks():
        try:
            results.append(read_file(path))
        except Exception:  # the three broken samples
            continue
    plan = prepare_import(workspace, edition.id, results)
    assert not plan.problems
    summary = apply_import(workspace, plan)
    assert summary.added == 74
    items = [p for p in workspace.projects(edition.id) if p.kind is ProjectKind.EQUIPMENT]
    assert len(items) == 8
    assert all(p.equipment_type_id is not None and p.program_id is not None for p in items)


def test_officer_reclassifies_a_row_before_applying(workspace: Workspace) -> None:
    workspace.add_strategy("ยุทธศาสตร์เดิม")
    strategy = workspace.strategies()[0]
    workspace.add_program(strategy.id, "แผนงานงบกลาง")
    program = workspace.programs()[0]
    edition = workspace.find_edition()
    plan = prepare_import(workspace, edition.id, [result(staged("ก", strategy="", plan="", unit="กองสธ."))])
    row = plan.rows[0]
    assert row.unit_name == "กองสาธารณสุขและสิ่งแวดล้อม"  # the abbreviation is known
    row.strategy_id, row.program_id = strategy.id, program.id
    summary = apply_import(workspace, plan)
    assert summary.created_strategies == ()
    assert workspace.projects(edition.id)[0].program_id == program.id


def test_skipped_duplicates_create_nothing(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    apply_import(workspace, prepare_import(workspace, edition.id, [result(staged("ก"))]))
    n_units = len(workspace.units())
    plan = prepare_import(workspace, edition.id, [result(staged("ก"))])
    assert plan.new_strategies == []
    summary = apply_import(workspace, plan)
    assert (summary.added, summary.skipped) == (0, 1)
    assert len(workspace.units()) == n_units


def test_replacing_with_identical_rows_reports_no_replacement_and_adds_no_undo_step(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    apply_import(workspace, prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข"))]))
    changed = prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข", details="ใหม่"))],
                             ImportOptions(duplicates=Duplicates.REPLACE))
    summary = apply_import(workspace, changed)
    assert (summary.replaced, summary.skipped) == (1, 1)
    label = workspace.undo_label()
    same = prepare_import(workspace, edition.id, [result(staged("ก"), staged("ข", details="ใหม่"))],
                          ImportOptions(duplicates=Duplicates.REPLACE))
    summary = apply_import(workspace, same)
    assert (summary.replaced, summary.skipped) == (0, 2)
    assert workspace.undo_label() == label  # nothing changed, so undo still reverses the previous import


def test_a_new_program_spelt_several_ways_in_one_import_is_created_once(workspace: Workspace) -> None:
    edition = workspace.find_edition()
    rows = [
        staged("ก", strategy="ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", plan="1.1 แผนงานเคหะและชุมชน"),
        staged("ข", plan="แผนงาน เคหะ และชุมชน"),
        staged("ค", plan="แผนงานบริหารงานทั่วไป"),
        staged("ง", plan="แผนงานบริหารทั่วไป"),  # the same by its DLA code
        *(staged(f"จ{n}", plan="แผนงานเคหะและชุมชน") for n in range(50)),
    ]
    plan = prepare_import(workspace, edition.id, [result(*rows)])
    assert len(plan.new_strategies) == 1
    assert sorted(p for _s, p in plan.new_programs) == ["แผนงานบริหารงานทั่วไป", "แผนงานเคหะและชุมชน"]
    apply_import(workspace, plan)
    assert len(workspace.programs()) == 2
    assert len(workspace.projects(edition.id)) == 54
