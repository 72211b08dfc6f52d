"""The built-in demo plan: อบต.ท่าสะท้อน's 94 projects and 17 equipment items (resources/demo/demo_plan_2563.json).

It is what a new user sees first, and what tests and benchmarks use. ``build_demo(path, fiscal_year=…,
today=…)`` writes it into a new database file (or an empty server database) for any fiscal year (default:
the fiscal year of today), as it stands on "today" (default: the real today; tests pin both):

- the **main edition** (ฉบับหลัก) is announced — its seven steps done a few weeks before the fiscal year
  begins, posted — and carries the year's tracking up to today (``demo.tracking``): projects done, in
  progress, late, a cancelled one, disbursements, problems, other agencies' projects partly not reported;
- a **draft additional edition** (เพิ่มเติม ฉบับที่ 1) with four projects is in progress in the procedure,
  its 30-day deadline five days after today.

``scaled_projects`` repeats and varies the rows for the benchmarks (``copies``).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from thaplan_desktop.demo.procedure import (
    TRIGGER_DAYS_AGO,
    seed_announced_procedure,
    seed_procedure_in_progress,
)
from thaplan_desktop.demo.tracking import seed_demo_tracking
from thaplan_desktop.domain.fiscal import fiscal_month, fiscal_year_bounds, fiscal_year_of
from thaplan_desktop.domain.model import EditionKind, OrgKind, ProjectKind, TriggerKind
from thaplan_desktop.paths import resource
from thaplan_desktop.workspace import (
    BatchProject,
    EditionFields,
    ImportBatch,
    Location,
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


def build_demo(path: Location | str, *, copies: int = 1, fiscal_year: int | None = None,
               today: dt.date | None = None, tracking: bool = True) -> Workspace:
    """Create the demo plan of ``fiscal_year`` as it stands on ``today`` at ``path``, a new file or an empty
    server database.

    ``copies`` > 1 repeats the main edition's rows, varied (benchmarks); ``tracking=False`` leaves the year's
    tracking out (a plan just announced).
    """
    today = today or dt.date.today()
    year = fiscal_year if fiscal_year is not None else fiscal_year_of(today)
    data = demo_data()
    org = data["organisation"]
    workspace = Workspace.create(
        path, name=org["name"], district=org["district"], province=org["province"],
        fiscal_year=year, kind=OrgKind(org["kind"]),
        executive_name=org.get("executive_name", ""), executive_title=org.get("executive_title", ""),
        planning_unit=org.get("planning_unit", ""),
    )
    edition = workspace.find_edition()
    workspace.update_edition(edition.id, EditionFields(
        trigger_kind=TriggerKind(data["edition"].get("trigger_kind", "budget_ordinance")),
        dev_plan_period=data["edition"].get("dev_plan_period", ""),
    ))
    workspace.add_batch(_demo_batch(workspace, edition.id, data, copies))
    seed_announced_procedure(workspace, edition.id, year, today)
    if tracking:
        seed_demo_tracking(workspace, edition.id, today)
    _additional_edition(workspace, data, year, today)
    workspace.clear_history()  # building the demo is not the user's edit
    return workspace


def _additional_edition(workspace: Workspace, data: dict[str, Any], year: int, today: dt.date) -> None:
    """The draft additional edition: a few projects, its procedure in progress, its deadline five days away."""
    info = data["additional_edition"]
    first, last = fiscal_year_bounds(year)
    trigger = min(max(today - dt.timedelta(days=TRIGGER_DAYS_AGO), first + dt.timedelta(days=14)),
                  last - dt.timedelta(days=30))
    changes = workspace.add_edition(year, EditionKind.ADDITIONAL, trigger_kind=TriggerKind(info["trigger_kind"]),
                                    trigger_date=trigger, label="เพิ่มแผนฉบับเพิ่มเติมของแผนตัวอย่าง")
    edition_id = changes.inserted_into("edition")[0]
    opens = min(fiscal_month((trigger + dt.timedelta(days=45)).month), 12)
    programs = {(s.number, p.name): p.id for s in workspace.strategies() for p in workspace.programs()
                if p.strategy_id == s.id}
    units = {u.name: u.id for u in workspace.units()}
    types = {t.name: t.id for t in workspace.equipment_types()}
    funding = {f.name: f.id for f in workspace.funding_sources()}
    projects = []
    for position, item in enumerate(info["projects"], start=1):
        months = set(range(opens, min(12, opens + item["run"] - 1) + 1))
        projects.append(BatchProject(
            fields=ProjectFields(kind=ProjectKind(item["kind"]), name=item["name"], details=item.get("details", ""),
                                 budget=Decimal(item["budget"]), location=item.get("location", ""), months=months,
                                 funding_source_id=funding.get(item.get("funding", "")),
                                 dev_plan_ref=item.get("dev_plan_ref", ""), position=position),
            program=programs[(item["strategy"], item["program"])], unit=units.get(item["unit"]),
            equipment_type=types.get(item.get("equipment_type", "")),
        ))
    workspace.add_batch(ImportBatch(edition_id=edition_id, label="โครงการของแผนฉบับเพิ่มเติม",
                                    projects=tuple(projects)))
    seed_procedure_in_progress(workspace, edition_id, trigger, today)


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
