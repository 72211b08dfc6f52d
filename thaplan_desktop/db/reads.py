"""Every read of a plan as a SQLAlchemy Core statement over the tables of ``db.models``: the schema, once.

Each read has a name (``"projects"``, ``"edition"`` …) and named parameters; ``db.queries`` turns its rows
into the dataclasses of ``domain``. The workspace runs these statements on its connection
(:func:`source_on`). ``thaplan info`` must start without importing SQLAlchemy, so ``db/read_sql.py`` holds
the same statements compiled to SQLite's SQL; it is generated from this module
(``python -m thaplan_desktop.db.reads``) and a test fails when it no longer matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select
from sqlalchemy.dialects import sqlite

from thaplan_desktop.db.models import (
    AmendmentRow,
    DeadlineExtensionRow,
    DisbursementRow,
    EditionRow,
    EquipmentTypeRow,
    FundingSourceRow,
    OrganisationRow,
    PostingRow,
    ProcedureStepRow,
    ProgramRow,
    ProjectRow,
    ProjectTrackingRow,
    ReportRoundRow,
    SettingRow,
    SpendingScheduleRow,
    StatusEntryRow,
    StrategyRow,
    UnitRow,
)
from thaplan_desktop.db.queries import Source

__all__ = ["READ_TABLES", "STATEMENTS", "Noter", "compiled_sql", "projects_with_ids", "source_on"]

_organisation = OrganisationRow.__table__
_edition = EditionRow.__table__
_strategy = StrategyRow.__table__
_program = ProgramRow.__table__
_unit = UnitRow.__table__
_project = ProjectRow.__table__
_setting = SettingRow.__table__
_step = ProcedureStepRow.__table__
_extension = DeadlineExtensionRow.__table__
_posting = PostingRow.__table__
_amendment = AmendmentRow.__table__
_status = StatusEntryRow.__table__
_tracking = ProjectTrackingRow.__table__
_disbursement = DisbursementRow.__table__
_schedule = SpendingScheduleRow.__table__
_round = ReportRoundRow.__table__


def _named(table: Any) -> Select[Any]:
    return select(table.c.id, table.c.name, table.c.position, table.c.version).order_by(table.c.position,
                                                                                        table.c.id)


def _of_edition(table: Any) -> Select[Any]:
    """Rows of a per-project tracking table whose project belongs to the edition ``:edition_id``."""
    return (select(table).join(_project, _project.c.id == table.c.project_id)
            .where(_project.c.edition_id == bindparam("edition_id")))


def _amendments() -> Select[Any]:
    return select(_amendment, _edition.c.fiscal_year).join(_edition, _edition.c.id == _amendment.c.edition_id)


STATEMENTS: dict[str, Select[Any]] = {
    "organisation": select(_organisation).order_by(_organisation.c.id),
    "editions": select(_edition),
    "edition": select(_edition).where(_edition.c.id == bindparam("edition_id")),
    "strategies": select(_strategy.c.id, _strategy.c.number, _strategy.c.name, _strategy.c.position,
                         _strategy.c.version).order_by(_strategy.c.position, _strategy.c.number),
    "programs": select(_program.c.id, _program.c.strategy_id, _program.c.name, _program.c.position,
                       _program.c.dla_code, _program.c.version).order_by(_program.c.strategy_id,
                                                                         _program.c.position),
    "units": select(_unit.c.id, _unit.c.name, _unit.c.is_external, _unit.c.position, _unit.c.version)
    .order_by(_unit.c.position, _unit.c.id),
    "equipment_types": _named(EquipmentTypeRow.__table__),
    "funding_sources": _named(FundingSourceRow.__table__),
    "projects": select(_project).where(_project.c.edition_id == bindparam("edition_id"))
    .order_by(_project.c.position, _project.c.id),
    "project": select(_project).where(_project.c.id == bindparam("project_id")),
    "setting": select(_setting.c.value).where(_setting.c.key == bindparam("key")),
    "procedure_steps": select(_step).where(_step.c.edition_id == bindparam("edition_id")).order_by(_step.c.id),
    "extensions": select(_extension).where(_extension.c.edition_id == bindparam("edition_id"))
    .order_by(_extension.c.id),
    "posting": select(_posting).where(_posting.c.edition_id == bindparam("edition_id")),
    "edition_amendments": _amendments().where(_amendment.c.edition_id == bindparam("edition_id"))
    .order_by(_amendment.c.number, _amendment.c.id),
    "year_amendments": _amendments().where(_edition.c.fiscal_year == bindparam("fiscal_year"))
    .order_by(_amendment.c.number, _amendment.c.id),
    "tracking_statuses": _of_edition(_status).order_by(_status.c.project_id, _status.c.effective_on),
    "project_tracking": _of_edition(_tracking).order_by(_tracking.c.project_id),
    "disbursements": _of_edition(_disbursement)
    .order_by(_disbursement.c.project_id, _disbursement.c.paid_on, _disbursement.c.id),
    "spending_schedules": _of_edition(_schedule).order_by(_schedule.c.project_id, _schedule.c.month),
    "report_rounds": select(_round).where(_round.c.fiscal_year == bindparam("fiscal_year"))
    .order_by(_round.c.as_of, _round.c.id),
    "procurement": select(_project.c.id, _project.c.procured, _project.c.procurement_method,
                          _project.c.egp_plan_code, _project.c.procurement_month)
    .where(_project.c.edition_id == bindparam("edition_id")).order_by(_project.c.position, _project.c.id),
}


# The table whose rows each read returns (with their ``version``): the workspace remembers the version of
# every row it has handed out, to refuse an edit of a row someone else changed since (``workspace.versions``).
READ_TABLES: dict[str, str] = {
    "organisation": "organisation", "editions": "edition", "edition": "edition", "strategies": "strategy",
    "programs": "program", "units": "unit", "equipment_types": "equipment_type",
    "funding_sources": "funding_source", "projects": "project", "project": "project",
    "procedure_steps": "procedure_step", "extensions": "deadline_extension", "posting": "procedure_posting",
    "edition_amendments": "plan_amendment", "year_amendments": "plan_amendment",
    "tracking_statuses": "tracking_status", "project_tracking": "project_tracking", "disbursements": "disbursement",
    "spending_schedules": "spending_schedule", "report_rounds": "report_round",
}


def projects_with_ids(ids: Sequence[int]) -> Select[Any]:
    """The projects whose id is among ``ids`` (any edition, no order)."""
    return select(_project).where(_project.c.id.in_(ids))


Noter = Callable[[str, Sequence[str]], Callable[[Any], None] | None]


def source_on(connection: Connection, seen: Noter | None = None) -> Source:
    """Run the named reads on a SQLAlchemy connection (in its transaction).

    For a read of ``READ_TABLES``, ``seen(table, columns)`` is asked once for a function, which is then
    called with every row the read returns, as it is read (None: the rows need no noting).
    """
    def run(name: str, params: Mapping[str, Any]) -> Iterable[Any]:
        rows = connection.execute(STATEMENTS[name], dict(params))
        table = READ_TABLES.get(name)
        if seen is None or table is None:
            return rows
        note = seen(table, tuple(rows.keys()))
        return rows if note is None else _noting(rows, note)
    return run


def _noting(rows: Iterable[Any], note: Callable[[Any], None]) -> Iterator[Any]:
    for row in rows:
        note(row)
        yield row


def compiled_sql() -> dict[str, str]:
    """Every statement as SQLite's SQL with ``:name`` parameters, as ``read_sql.py`` must hold it."""
    dialect = sqlite.dialect(paramstyle="named")
    return {name: str(statement.compile(dialect=dialect)) for name, statement in STATEMENTS.items()}


def write_read_sql(path: Path | None = None) -> Path:
    """(Re)write ``read_sql.py`` from the statements above."""
    path = path or Path(__file__).with_name("read_sql.py")
    entries = "".join(f"    {name!r}: {sql!r},\n" for name, sql in sorted(compiled_sql().items()))
    path.write_text(
        '"""The reads of ``db.reads`` compiled to SQLite\'s SQL, for reading without SQLAlchemy (``thaplan info``).\n\n'
        "Generated by ``python -m thaplan_desktop.db.reads``: do not edit. tests/db/test_reads.py fails when it\n"
        "no longer matches the statements.\n"
        '"""\n\n'
        f"SQL: dict[str, str] = {{\n{entries}}}\n",
        encoding="utf-8",
    )
    return path


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    write_read_sql()
