"""Writing rows through a SQLAlchemy session: domain values → column values, positions, reference data.

Writes go through the ORM session so that the workspace records them for undo; reads are the Core
statements of ``db.reads``, turned into dataclasses by ``db.queries``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from thaplan_desktop.db.models import (
    DlaAreaRow,
    DlaProgramRow,
    EquipmentTypeRow,
    FundingSourceRow,
    ProjectRow,
    UnitRow,
)
from thaplan_desktop.db.queries import to_satang
from thaplan_desktop.domain import reference
from thaplan_desktop.domain.fiscal import months_to_mask

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
