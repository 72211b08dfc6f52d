"""Reading and writing rows, returning the plain dataclasses of ``domain.model``.

Reads use Core ``select()`` on the tables so that 10,000 projects load without ORM overhead; writes go
through the ORM session so that the workspace can record them for undo.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import (
    DlaAreaRow,
    DlaProgramRow,
    EditionRow,
    EquipmentTypeRow,
    FundingSourceRow,
    OrganisationRow,
    ProgramRow,
    ProjectRow,
    StrategyRow,
    UnitRow,
)
from thaplan_desktop.domain import reference
from thaplan_desktop.domain.fiscal import mask_to_months, months_to_mask
from thaplan_desktop.domain.model import (
    Edition,
    EditionKind,
    EditionStatus,
    NamedItem,
    Organisation,
    OrgKind,
    Program,
    Project,
    ProjectKind,
    Provenance,
    Strategy,
    TriggerKind,
    Unit,
)

# --- money in the database ---------------------------------------------------------------------------


def to_satang(amount: Decimal) -> int:
    """Baht (Decimal) → whole satang, as stored."""
    return int((amount * 100).to_integral_value())


def from_satang(satang: int) -> Decimal:
    """Whole satang → baht with two places."""
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


# --- rows → domain -----------------------------------------------------------------------------------


def organisation_of(row: Any) -> Organisation:
    """Domain organisation from a row (ORM object or Core row)."""
    return Organisation(
        id=row.id, kind=OrgKind(row.kind), name=row.name, district=row.district, province=row.province,
        executive_name=row.executive_name, executive_title=row.executive_title,
        planning_unit=row.planning_unit, logo=row.logo,
    )


def edition_of(row: Any) -> Edition:
    """Domain edition from a row."""
    return Edition(
        id=row.id, fiscal_year=row.fiscal_year, kind=EditionKind(row.kind), number=row.number,
        title_suffix=row.title_suffix, trigger_kind=TriggerKind(row.trigger_kind),
        trigger_date=row.trigger_date, status=EditionStatus(row.status),
        committee_meeting_date=row.committee_meeting_date, announcement_date=row.announcement_date,
        dev_plan_period=row.dev_plan_period, preface_text=row.preface_text, intro_text=row.intro_text,
    )


def project_of(row: Any) -> Project:
    """Domain project from a row."""
    return Project(
        id=row.id, edition_id=row.edition_id, kind=ProjectKind(row.kind), name=row.name,
        details=row.details, budget=from_satang(row.budget_satang), location=row.location,
        unit_id=row.unit_id, months=mask_to_months(row.months_mask), program_id=row.program_id,
        equipment_type_id=row.equipment_type_id, funding_source_id=row.funding_source_id,
        dev_plan_ref=row.dev_plan_ref, position=row.position, provenance=Provenance(row.provenance),
        source_file=row.source_file, source_sheet=row.source_sheet, source_row=row.source_row,
        created_at=row.created_at, updated_at=row.updated_at,
    )


# Fields of a Project that map one-to-one onto columns of the same name.
PROJECT_PLAIN_FIELDS = (
    "name", "details", "location", "unit_id", "program_id", "equipment_type_id", "funding_source_id",
    "dev_plan_ref", "position", "source_file", "source_sheet", "source_row",
)


def project_columns(fields: dict[str, Any]) -> dict[str, Any]:
    """Column values for domain field values (budget → satang, months → mask, enums → text)."""
    columns: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "budget":
            columns["budget_satang"] = to_satang(Decimal(value))
        elif key == "months":
            columns["months_mask"] = months_to_mask(value)
        elif key in ("kind", "provenance"):
            columns[key] = str(value)
        elif key in PROJECT_PLAIN_FIELDS:
            columns[key] = value
        else:
            raise KeyError(f"unknown project field {key!r}")
    return columns


# --- reads -------------------------------------------------------------------------------------------


def load_organisation(session: Session) -> Organisation:
    """The file's organisation."""
    row = session.execute(select(OrganisationRow.__table__).order_by(OrganisationRow.id)).first()
    if row is None:
        raise LookupError("no organisation")
    return organisation_of(row)


def load_editions(session: Session) -> list[Edition]:
    """All editions, by fiscal year then main / additional / amended and number."""
    rows = session.execute(select(EditionRow.__table__)).all()
    order = {"main": 0, "additional": 1, "amended": 2}
    return sorted((edition_of(r) for r in rows), key=lambda e: (e.fiscal_year, order[e.kind], e.number))


def load_strategies(session: Session) -> list[Strategy]:
    """Strategies in print order."""
    rows = session.execute(select(StrategyRow.__table__).order_by(StrategyRow.position, StrategyRow.number))
    return [Strategy(id=r.id, number=r.number, name=r.name, position=r.position) for r in rows]


def load_programs(session: Session) -> list[Program]:
    """Programs, in order within their strategy."""
    rows = session.execute(select(ProgramRow.__table__).order_by(ProgramRow.strategy_id, ProgramRow.position))
    return [
        Program(id=r.id, strategy_id=r.strategy_id, name=r.name, position=r.position, dla_code=r.dla_code)
        for r in rows
    ]


def load_units(session: Session) -> list[Unit]:
    """Units in list order."""
    rows = session.execute(select(UnitRow.__table__).order_by(UnitRow.position, UnitRow.id))
    return [Unit(id=r.id, name=r.name, is_external=r.is_external, position=r.position) for r in rows]


def load_named(session: Session, model: type[EquipmentTypeRow] | type[FundingSourceRow]) -> list[NamedItem]:
    """A simple reference list (equipment types or funding sources) in order."""
    rows = session.execute(select(model.__table__).order_by(model.position, model.id))
    return [NamedItem(id=r.id, name=r.name, position=r.position) for r in rows]


def load_projects(session: Session, edition_id: int) -> list[Project]:
    """Projects of an edition in print order (position)."""
    rows = session.execute(
        select(ProjectRow.__table__)
        .where(ProjectRow.edition_id == edition_id)
        .order_by(ProjectRow.position, ProjectRow.id)
    )
    return [project_of(r) for r in rows]


def next_position(session: Session, edition_id: int) -> int:
    """Position after the last project of an edition."""
    last = session.scalar(select(func.max(ProjectRow.position)).where(ProjectRow.edition_id == edition_id))
    return (last or 0) + 1


# --- seeding -----------------------------------------------------------------------------------------


def seed_reference_data(session: Session) -> None:
    """Insert the DLA classification, usual units, equipment types and funding sources (DOMAIN.md §6)."""
    for code, name in reference.DLA_AREAS:
        session.add(DlaAreaRow(code=code, name=name))
    session.flush()
    for code, area, name in reference.DLA_PROGRAMS:
        session.add(DlaProgramRow(code=code, area_code=area, name=name))
    for i, name in enumerate(reference.DEFAULT_UNITS):
        session.add(UnitRow(name=name, position=i))
    for i, name in enumerate(reference.EQUIPMENT_TYPES):
        session.add(EquipmentTypeRow(name=name, position=i))
    for i, name in enumerate(reference.FUNDING_SOURCES):
        session.add(FundingSourceRow(name=name, position=i))
    session.flush()
