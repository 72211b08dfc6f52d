"""The built-in demo plan: อบต.ท่าสะท้อน, fiscal year 2563, from resources/demo/demo_plan_2563.json.

It is what a new user sees first, and what tests and benchmarks use. ``build_demo`` writes it into a new
database file; ``scaled_projects`` repeats and varies its rows for the benchmarks.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from thaplan_desktop.domain.model import OrgKind, ProjectKind, TriggerKind
from thaplan_desktop.paths import resource
from thaplan_desktop.workflow.demo import seed_demo_procedure
from thaplan_desktop.workspace import (
    UNSET,
    BatchProject,
    EditionFields,
    ImportBatch,
    New,
    NewProgram,
    NewStrategy,
    NewUnit,
    ProjectFields,
    Workspace,
)

DEMO_FILE = "demo/demo_plan_2563.json"


def demo_data() -> dict[str, Any]:
    """The demo plan as stored (organisation, edition, units, strategies, projects, equipment)."""
    return json.loads(resource(DEMO_FILE).read_text(encoding="utf-8"))


def build_demo(path: Path | str, *, copies: int = 1) -> Workspace:
    """Create a database at ``path`` holding the demo plan (``copies`` > 1 repeats its rows, varied)."""
    data = demo_data()
    org = data["organisation"]
    workspace = Workspace.create(
        path, name=org["name"], district=org["district"], province=org["province"],
        fiscal_year=data["edition"]["fiscal_year"], kind=OrgKind(org["kind"]),
        executive_name=org.get("executive_name", ""), executive_title=org.get("executive_title", ""),
        planning_unit=org.get("planning_unit", ""),
    )
    edition = workspace.find_edition()
    info = data["edition"]

    def date(key: str) -> dt.date | None:
        return dt.date.fromisoformat(info[key]) if info.get(key) else None

    workspace.update_edition(edition.id, EditionFields(
        trigger_kind=TriggerKind(info.get("trigger_kind", "budget_ordinance")),
        trigger_date=date("trigger_date") or UNSET,
        committee_meeting_date=date("committee_meeting_date") or UNSET,
        announcement_date=date("announcement_date") or UNSET,
        dev_plan_period=info.get("dev_plan_period", ""),
    ))
    workspace.add_batch(_demo_batch(workspace, edition.id, data, copies))
    seed_demo_procedure(workspace, edition.id)
    workspace.clear_history()  # building the demo is not the user's edit
    return workspace


def _demo_batch(workspace: Workspace, edition_id: int, data: dict[str, Any], copies: int) -> ImportBatch:
    """The demo's strategies, programs, new units and projects (``copies`` times, varied) as one batch."""
    existing_units = {u.name: u.id for u in workspace.units()}
    new_units = [name for name in dict.fromkeys(data.get("units", [])) if name not in existing_units]
    units: dict[str, int | New] = {**existing_units, **{name: New(i) for i, name in enumerate(new_units)}}
    strategies = [NewStrategy(name=s["name"], number=s["number"]) for s in data["strategies"]]
    programs: list[NewProgram] = []
    program_refs: dict[tuple[int, str], New] = {}
    for index, strategy in enumerate(data["strategies"]):
        for program in strategy["programs"]:
            program_refs[(strategy["number"], program["name"])] = New(len(programs))
            programs.append(NewProgram(strategy=New(index), name=program["name"], dla_code=program.get("dla_code")))
    types = {t.name: t.id for t in workspace.equipment_types()}
    funding = {f.name: f.id for f in workspace.funding_sources()}
    projects = []
    position = 0
    for copy in range(copies):
        for item in scaled_projects(data, copy):
            position += 1
            fields = ProjectFields(
                kind=ProjectKind(item["kind"]), name=item["name"], details=item.get("details", ""),
                budget=Decimal(item["budget"]), location=item.get("location", ""), months=set(item["months"]),
                funding_source_id=funding.get(item.get("funding", "")), dev_plan_ref=item.get("dev_plan_ref", ""),
                position=position,
            )
            projects.append(BatchProject(
                fields=fields, program=program_refs[(item["strategy"], item["program"])],
                unit=units[item["unit"]] if item.get("unit") else None,
                equipment_type=types.get(item.get("equipment_type", "")),
            ))
    return ImportBatch(
        edition_id=edition_id, label="สร้างแผนตัวอย่าง", strategies=tuple(strategies), programs=tuple(programs),
        units=tuple(NewUnit(name, is_external=name.startswith(_EXTERNAL_PREFIXES)) for name in new_units),
        projects=tuple(projects),
    )


_EXTERNAL_PREFIXES = ("อบจ.", "โรงพยาบาล", "สถานี", "กรม", "สำนักงาน", "การไฟฟ้า", "การประปา", "โรงเรียน")


def scaled_projects(data: dict[str, Any], copy: int) -> list[dict[str, Any]]:
    """The demo's projects and equipment; copy n > 0 varies names, budgets and months a little."""
    items = data["projects"] + data["equipment"]
    if copy == 0:
        return items
    varied = []
    for i, item in enumerate(items):
        item = dict(item)
        village = (copy + i) % 7 + 1
        item["name"] = f"{item['name']} (ชุดที่ {copy + 1})"
        item["location"] = item.get("location") or f"หมู่ที่ {village}"
        budget = Decimal(item["budget"]) * (Decimal(100 + (copy * 7 + i) % 23) / 100)
        item["budget"] = str(budget.quantize(Decimal("1")))
        shift = (copy + i) % 3
        item["months"] = sorted({min(12, m + shift) for m in item["months"]})
        varied.append(item)
    return varied
