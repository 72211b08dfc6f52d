"""Reading a plan with plain SQL, returning the dataclasses of ``domain.model``.

Kept free of SQLAlchemy so that read-only commands (``thaplan info``) open a file with the standard
library's sqlite3 alone and start fast; the workspace runs the same queries on its SQLAlchemy session
(``repository.session_query``). Values arrive as SQLite stores them: dates as ISO text, money as satang.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from thaplan_desktop.db.files import probe_uri
from thaplan_desktop.domain.fiscal import mask_to_months
from thaplan_desktop.domain.model import (
    Edition,
    EditionKind,
    EditionStatus,
    NamedItem,
    Organisation,
    OrgKind,
    PlanData,
    Program,
    Project,
    ProjectKind,
    Provenance,
    Strategy,
    TriggerKind,
    Unit,
)

# A query runner: (sql with ? parameters, parameters) → rows whose columns are attributes.
Query = Callable[[str, tuple[Any, ...]], Iterable[Any]]


def from_satang(satang: int) -> Decimal:
    """Whole satang → baht with two places."""
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def to_satang(amount: Decimal) -> int:
    """Baht (Decimal) → whole satang, as stored."""
    return int((amount * 100).to_integral_value())


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


# --- rows → domain -----------------------------------------------------------------------------------

def organisation_of(row: Any) -> Organisation:
    """Domain organisation from a row."""
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
        trigger_date=_date(row.trigger_date), status=EditionStatus(row.status),
        committee_meeting_date=_date(row.committee_meeting_date),
        announcement_date=_date(row.announcement_date),
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
        created_at=_datetime(row.created_at), updated_at=_datetime(row.updated_at),
    )


# --- reads -------------------------------------------------------------------------------------------

def load_organisation(query: Query) -> Organisation:
    """The file's organisation."""
    for row in query("SELECT * FROM organisation ORDER BY id LIMIT 1", ()):
        return organisation_of(row)
    raise LookupError("no organisation")


def load_editions(query: Query) -> list[Edition]:
    """All editions, by fiscal year then main / additional / amended and number."""
    order = {"main": 0, "additional": 1, "amended": 2}
    editions = [edition_of(r) for r in query("SELECT * FROM edition", ())]
    return sorted(editions, key=lambda e: (e.fiscal_year, order[e.kind], e.number))


def load_edition(query: Query, edition_id: int) -> Edition | None:
    """One edition, or None."""
    for row in query("SELECT * FROM edition WHERE id = ?", (edition_id,)):
        return edition_of(row)
    return None


def load_strategies(query: Query) -> list[Strategy]:
    """Strategies in print order."""
    rows = query("SELECT id, number, name, position FROM strategy ORDER BY position, number", ())
    return [Strategy(id=r.id, number=r.number, name=r.name, position=r.position) for r in rows]


def load_programs(query: Query) -> list[Program]:
    """Programs, in order within their strategy."""
    rows = query("SELECT id, strategy_id, name, position, dla_code FROM program ORDER BY strategy_id, position", ())
    return [Program(id=r.id, strategy_id=r.strategy_id, name=r.name, position=r.position, dla_code=r.dla_code)
            for r in rows]


def load_units(query: Query) -> list[Unit]:
    """Units in list order."""
    rows = query("SELECT id, name, is_external, position FROM unit ORDER BY position, id", ())
    return [Unit(id=r.id, name=r.name, is_external=bool(r.is_external), position=r.position) for r in rows]


def load_named(query: Query, table: str) -> list[NamedItem]:
    """A simple reference list: ``equipment_type`` or ``funding_source``, in order."""
    if table not in ("equipment_type", "funding_source"):
        raise ValueError(table)
    rows = query(f"SELECT id, name, position FROM {table} ORDER BY position, id", ())
    return [NamedItem(id=r.id, name=r.name, position=r.position) for r in rows]


def load_projects(query: Query, edition_id: int) -> list[Project]:
    """Projects of an edition in print order (position)."""
    rows = query("SELECT * FROM project WHERE edition_id = ? ORDER BY position, id", (edition_id,))
    return [project_of(r) for r in rows]


def load_plan_data(query: Query, edition: Edition) -> PlanData:
    """Everything an exporter needs about one edition."""
    return PlanData(
        organisation=load_organisation(query),
        edition=edition,
        strategies=tuple(load_strategies(query)),
        programs=tuple(load_programs(query)),
        units=tuple(load_units(query)),
        equipment_types=tuple(load_named(query, "equipment_type")),
        funding_sources=tuple(load_named(query, "funding_source")),
        projects=tuple(load_projects(query, edition.id)),
    )


# --- plain sqlite3 -----------------------------------------------------------------------------------

class _Row(sqlite3.Row):
    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except IndexError as exc:
            raise AttributeError(name) from exc


@contextmanager
def read_only(path: Path) -> Iterator[Query]:
    """A query runner on a database file opened read-only with sqlite3 (nothing is written)."""
    connection = sqlite3.connect(probe_uri(path), uri=True)
    connection.row_factory = _Row
    try:
        with connection:
            connection.execute("BEGIN")  # one snapshot for all reads
            yield lambda sql, params: connection.execute(sql, params)
    finally:
        connection.close()
