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

from sqlalchemy import select

from thaplan_desktop.db.models import (
    EditionRow,
    EquipmentTypeRow,
    FundingSourceRow,
    OrganisationRow,
    ProgramRow,
    ProjectRow,
    StrategyRow,
    UnitRow,
)
from thaplan_desktop.db.repository import project_columns
from thaplan_desktop.domain.model import OrgKind
from thaplan_desktop.paths import resource
from thaplan_desktop.workflow.demo import seed_demo_procedure
from thaplan_desktop.workspace import Workspace

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
    edition_info = data["edition"]
    with workspace._sessions.begin() as s:
        edition = s.scalars(select(EditionRow)).one()
        edition.trigger_kind = edition_info.get("trigger_kind", "budget_ordinance")
        for key in ("trigger_date", "committee_meeting_date", "announcement_date"):
            if edition_info.get(key):
                setattr(edition, key, dt.date.fromisoformat(edition_info[key]))
        edition.dev_plan_period = edition_info.get("dev_plan_period", "")
        organisation_id = s.scalars(select(OrganisationRow.id)).one()

        units = {u.name: u for u in s.scalars(select(UnitRow))}
        for name in data.get("units", []):
            if name not in units:
                units[name] = UnitRow(name=name, is_external=name.startswith(_EXTERNAL_PREFIXES),
                                      position=len(units))
                s.add(units[name])
        programs: dict[tuple[int, str], ProgramRow] = {}
        for position, strategy in enumerate(data["strategies"], start=1):
            row = StrategyRow(organisation_id=organisation_id, number=strategy["number"],
                              name=strategy["name"], position=position)
            s.add(row)
            for p_position, program in enumerate(strategy["programs"], start=1):
                programs[(strategy["number"], program["name"])] = ProgramRow(
                    strategy=row, name=program["name"], dla_code=program.get("dla_code"), position=p_position)
                s.add(programs[(strategy["number"], program["name"])])
        s.flush()
        types = {t.name: t.id for t in s.scalars(select(EquipmentTypeRow))}
        funding = {f.name: f.id for f in s.scalars(select(FundingSourceRow))}
        position = 0
        for copy in range(copies):
            for item in scaled_projects(data, copy):
                position += 1
                fields = {
                    "kind": item["kind"], "name": item["name"], "details": item.get("details", ""),
                    "budget": Decimal(item["budget"]), "location": item.get("location", ""),
                    "months": item["months"], "unit_id": units[item["unit"]].id if item.get("unit") else None,
                    "program_id": programs[(item["strategy"], item["program"])].id,
                    "equipment_type_id": types.get(item.get("equipment_type", "")),
                    "funding_source_id": funding.get(item.get("funding", "")),
                    "dev_plan_ref": item.get("dev_plan_ref", ""), "position": position,
                }
                s.add(ProjectRow(edition_id=edition.id, **project_columns(fields)))
        edition_id = edition.id
    seed_demo_procedure(workspace, edition_id)
    return workspace


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
