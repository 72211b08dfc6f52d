"""Reading a plan: the rows of the named reads of ``db.reads`` turned into the dataclasses of ``domain``.

The reads themselves are SQLAlchemy Core statements over the tables of ``db.models`` (``db/reads.py``).
They reach this module as a :data:`Source`: the workspace runs them on its connection, and
:func:`read_only` runs the same statements, compiled beforehand (``db/read_sql.py``), with the standard
library's sqlite3 alone, so that read-only commands (``thaplan info``) start without importing SQLAlchemy.
Values arrive either as SQLAlchemy types them (dates, booleans) or as SQLite stores them (ISO text,
0/1); the converters below take both.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from thaplan_desktop.db.files import probe_uri
from thaplan_desktop.db.read_sql import SQL
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
from thaplan_desktop.domain.procedure import Amendment, Extension, Posting, ProcedureRecords, StepRecord
from thaplan_desktop.domain.procurement import ProcurementChoice
from thaplan_desktop.domain.tracking import (
    Disbursement,
    ProjectTracking,
    ReportRound,
    RoundKind,
    SpendingSchedule,
    StatusEntry,
    TrackingRecords,
    TrackingStatus,
)

# Runs one named read of ``db.reads`` with its parameters → rows whose columns are attributes.
Source = Callable[[str, Mapping[str, Any]], Iterable[Any]]

_NO_PARAMETERS: Mapping[str, Any] = {}


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


def _required_date(value: Any) -> dt.date:
    date = _date(value)
    if date is None:
        raise ValueError("a required date is missing")
    return date


# --- rows → domain -----------------------------------------------------------------------------------

def organisation_of(row: Any) -> Organisation:
    """Domain organisation from a row."""
    return Organisation(
        id=row.id, kind=OrgKind(row.kind), name=row.name, district=row.district, province=row.province,
        executive_name=row.executive_name, executive_title=row.executive_title,
        planning_unit=row.planning_unit, logo=row.logo, crest=row.crest,
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
        preface_date=_date(row.preface_date),
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
        created_at=_datetime(row.created_at), updated_at=_datetime(row.updated_at), uuid=row.uuid,
    )


def amendment_of(row: Any) -> Amendment:
    """Domain amendment from a row of the amendment reads (which carry the edition's fiscal year)."""
    return Amendment(
        id=row.id, edition_id=row.edition_id, number=row.number, fiscal_year=row.fiscal_year,
        amended_on=_required_date(row.amended_on), reason=row.reason, changes=row.changes,
        approved_by=row.approved_by, created_at=_datetime(row.created_at),
    )


def status_entry_of(row: Any) -> StatusEntry:
    """Domain status entry from a row of ``tracking_status``."""
    return StatusEntry(id=row.id, project_id=row.project_id, effective_on=_required_date(row.effective_on),
                       status=TrackingStatus(row.status), progress=row.progress, reason=row.reason or "",
                       entered_by=row.entered_by or "", entered_at=_datetime(row.entered_at))


# --- reads -------------------------------------------------------------------------------------------

def load_organisation(source: Source) -> Organisation:
    """The file's organisation."""
    for row in source("organisation", _NO_PARAMETERS):
        return organisation_of(row)
    raise LookupError("no organisation")


def load_editions(source: Source) -> list[Edition]:
    """All editions, by fiscal year then main / additional / amended and number."""
    order = {"main": 0, "additional": 1, "amended": 2}
    editions = [edition_of(r) for r in source("editions", _NO_PARAMETERS)]
    return sorted(editions, key=lambda e: (e.fiscal_year, order[e.kind], e.number))


def load_edition(source: Source, edition_id: int) -> Edition | None:
    """One edition, or None."""
    for row in source("edition", {"edition_id": edition_id}):
        return edition_of(row)
    return None


def load_strategies(source: Source) -> list[Strategy]:
    """Strategies in print order."""
    return [Strategy(id=r.id, number=r.number, name=r.name, position=r.position)
            for r in source("strategies", _NO_PARAMETERS)]


def load_programs(source: Source) -> list[Program]:
    """Programs, in order within their strategy."""
    return [Program(id=r.id, strategy_id=r.strategy_id, name=r.name, position=r.position, dla_code=r.dla_code)
            for r in source("programs", _NO_PARAMETERS)]


def load_units(source: Source) -> list[Unit]:
    """Units in list order."""
    return [Unit(id=r.id, name=r.name, is_external=bool(r.is_external), position=r.position)
            for r in source("units", _NO_PARAMETERS)]


def load_named(source: Source, table: str) -> list[NamedItem]:
    """A simple reference list: ``equipment_type`` or ``funding_source``, in order."""
    reads = {"equipment_type": "equipment_types", "funding_source": "funding_sources"}
    if table not in reads:
        raise ValueError(table)
    return [NamedItem(id=r.id, name=r.name, position=r.position) for r in source(reads[table], _NO_PARAMETERS)]


def load_projects(source: Source, edition_id: int) -> list[Project]:
    """Projects of an edition in print order (position)."""
    return [project_of(r) for r in source("projects", {"edition_id": edition_id})]


def load_project(source: Source, project_id: int) -> Project | None:
    """One project, or None."""
    for row in source("project", {"project_id": project_id}):
        return project_of(row)
    return None


def load_setting(source: Source, key: str) -> str | None:
    """A setting stored in the file, or None."""
    for row in source("setting", {"key": key}):
        return str(row.value)
    return None


# --- document marks (issue 13): when the edition's draft was prepared, for its คำนำ -----------------------

def load_prepared_on(source: Source, edition_id: int) -> dt.date | None:
    """The day the edition's draft was prepared: procedure step 2 (จัดทำร่างแผน) done, or None."""
    for row in source("procedure_steps", {"edition_id": edition_id}):
        if row.step == "draft" and row.status == "done":
            return _date(row.done_on)
    return None


def load_plan_data(source: Source, edition: Edition) -> PlanData:
    """Everything an exporter needs about one edition."""
    edition = replace(edition, prepared_on=load_prepared_on(source, edition.id))
    return PlanData(
        organisation=load_organisation(source),
        edition=edition,
        strategies=tuple(load_strategies(source)),
        programs=tuple(load_programs(source)),
        units=tuple(load_units(source)),
        equipment_types=tuple(load_named(source, "equipment_type")),
        funding_sources=tuple(load_named(source, "funding_source")),
        projects=tuple(load_projects(source, edition.id)),
    )


def load_procedure_records(source: Source, edition_id: int) -> ProcedureRecords:
    """What is stored about an edition's procedure: step records, extensions, posting, amendments."""
    steps = tuple(StepRecord(step=r.step, status=r.status, done_on=_date(r.done_on), note=r.note or "",
                             forced_reason=r.forced_reason or "")
                  for r in source("procedure_steps", {"edition_id": edition_id}))
    extensions = tuple(Extension(r.id, _required_date(r.new_due), r.reason, _date(r.granted_on), r.note)
                       for r in source("extensions", {"edition_id": edition_id}))
    posting = next((Posting(_date(r.posted_on), _date(r.removed_on), r.note)
                    for r in source("posting", {"edition_id": edition_id})), Posting())
    amendments = tuple(amendment_of(r) for r in source("edition_amendments", {"edition_id": edition_id}))
    return ProcedureRecords(steps=steps, extensions=extensions, posting=posting, amendments=amendments)


def load_amendments(source: Source, *, edition_id: int | None = None,
                    fiscal_year: int | None = None) -> list[Amendment]:
    """Amendments of one edition, or of every edition of a fiscal year, by number."""
    if edition_id is not None:
        found = [amendment_of(r) for r in source("edition_amendments", {"edition_id": edition_id})]
        return [a for a in found if fiscal_year is None or a.fiscal_year == fiscal_year]
    if fiscal_year is not None:
        return [amendment_of(r) for r in source("year_amendments", {"fiscal_year": fiscal_year})]
    raise ValueError("an edition or a fiscal year is needed")


def load_tracking_records(source: Source, edition_id: int) -> TrackingRecords:
    """What is stored about the projects of an edition in use: statuses, details, disbursements, schedules."""
    params = {"edition_id": edition_id}
    statuses = tuple(status_entry_of(r) for r in source("tracking_statuses", params))
    details = {
        r.project_id: ProjectTracking(
            project_id=r.project_id, actual_start=_date(r.actual_start), actual_finish=_date(r.actual_finish),
            contract=None if r.contract_satang is None else from_satang(r.contract_satang),
            contract_signed_on=_date(r.contract_signed_on), problems=r.problems or "", officer=r.officer or "",
            updated_by=r.updated_by or "", updated_at=_datetime(r.updated_at))
        for r in source("project_tracking", params)}
    disbursements = tuple(
        Disbursement(id=r.id, project_id=r.project_id, paid_on=_required_date(r.paid_on),
                     amount=from_satang(r.amount_satang), note=r.note or "", entered_by=r.entered_by or "",
                     entered_at=_datetime(r.entered_at))
        for r in source("disbursements", params))
    months: dict[int, dict[int, Decimal]] = {}
    for r in source("spending_schedules", params):
        months.setdefault(r.project_id, {})[r.month] = from_satang(r.amount_satang)
    schedules = {pid: SpendingSchedule(pid, by_month) for pid, by_month in months.items()}
    return TrackingRecords(statuses=statuses, details=details, disbursements=disbursements, schedules=schedules)


def load_report_rounds(source: Source, fiscal_year: int) -> list[ReportRound]:
    """The monitoring report's rounds of a fiscal year, by their as-of date."""
    return [ReportRound(id=r.id, fiscal_year=r.fiscal_year, round=RoundKind(r.round), as_of=_required_date(r.as_of),
                        reported_on=_date(r.reported_on), announced_on=_date(r.announced_on),
                        posted_on=_date(r.posted_on), removed_on=_date(r.removed_on), note=r.note or "")
            for r in source("report_rounds", {"fiscal_year": fiscal_year})]
def load_procurement(source: Source, edition_id: int) -> list[ProcurementChoice]:
    """What the officer set for the procurement plan, per row of an edition, in print order."""
    return [ProcurementChoice(project_id=r.id, procured=None if r.procured is None else bool(r.procured),
                              method=r.procurement_method, egp_code=r.egp_plan_code, month=r.procurement_month)
            for r in source("procurement", {"edition_id": edition_id})]


# --- plain sqlite3 -----------------------------------------------------------------------------------

class _Row(sqlite3.Row):
    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except IndexError as exc:
            raise AttributeError(name) from exc


@contextmanager
def read_only(path: Path) -> Iterator[Source]:
    """The reads on a database file opened read-only with sqlite3 (nothing is written, no SQLAlchemy)."""
    connection = sqlite3.connect(probe_uri(path), uri=True)
    connection.row_factory = _Row
    try:
        with connection:
            connection.execute("BEGIN")  # one snapshot for all reads
            yield lambda name, params: connection.execute(SQL[name], dict(params))
    finally:
        connection.close()
