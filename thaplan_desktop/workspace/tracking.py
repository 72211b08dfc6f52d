"""The plan in use through the workspace: reading and writing status entries, details, disbursements, rounds.

Each operation is one undoable transaction returning its own ``Changes`` (``changes.tracking`` names the
projects whose tracking changed; the tables show in ``other_tables``). The rules an entry keeps are
``tracking.status``'s; a refused entry raises ``WorkspaceError`` with the Thai reason and writes nothing. On
a plan several officers share, an entry someone else changed (or deleted) since this workspace read it is
a ``ConflictError`` naming who, like any other row (``workspace.versions``).
Who entered an entry is the operating-system login (``current_login``), unless the caller says. A status
the history already gives on its date (before any entry: not started, or not reported for another
agency's project) is not written again; a reason left empty keeps the one in force.

``apply_progress`` writes many projects' progress as one operation, so that importing the same file twice
changes nothing the second time: a status the history already says on its date is not written again (an
entry for the same date is replaced), a tracking field already holding the value is left alone, and a
disbursement already recorded (same project, date, amount and note) is not added. ``import_progress``
backs the file up first (a file; a server plan's import is one transaction, its backups the administrator's).
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thaplan_desktop.db import queries
from thaplan_desktop.db.backup import backup_before_import
from thaplan_desktop.db.models import (
    DisbursementRow,
    EditionRow,
    ProjectRow,
    ProjectTrackingRow,
    ReportRoundRow,
    SpendingScheduleRow,
    StatusEntryRow,
    UnitRow,
    now,
)
from thaplan_desktop.db.queries import to_satang
from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import PlanData
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.domain.tracking import ReportRound, RoundKind, TrackingRecords
from thaplan_desktop.tracking.status import (
    TrackingError,
    check_disbursement,
    check_status,
    check_tracking_dates,
    default_status,
    entry_on,
    normalised_progress,
    too_large,
)
from thaplan_desktop.workspace.changes import Changes, WorkspaceError
from thaplan_desktop.workspace.core import WorkspaceCore
from thaplan_desktop.workspace.fields import (
    DisbursementUpdate,
    NewDisbursement,
    NewStatus,
    ProgressBatch,
    RoundFields,
    TrackingFields,
    given,
)
from thaplan_desktop.workspace.tree import organisation_row
from thaplan_desktop.workspace.versions import RowGone

__all__ = ["TrackingOperations", "current_login", "delete_tracking_rows"]

_PER_PROJECT = (StatusEntryRow, ProjectTrackingRow, DisbursementRow, SpendingScheduleRow)
TEXTS = {
    "no_project": "ไม่พบโครงการรหัส {id}",
    "no_entry": "ไม่พบบันทึกสถานะรหัส {id}",
    "no_disbursement": "ไม่พบรายการเบิกจ่ายรหัส {id}",
    "no_round": "ไม่พบรอบการรายงานรหัส {id}",
    "duplicate": "มีรายการเบิกจ่ายนี้อยู่แล้ว ({day} จำนวน {amount} บาท) หากเป็นอีกรายการ กรุณาใส่หมายเหตุให้ต่างกัน",
    "month": "เดือนของแผนการใช้จ่ายต้องเป็น 1 ถึง 12: {month}",
    "schedule_amount": "จำนวนเงินตามแผนการใช้จ่ายต้องไม่ติดลบ",
    "as_of_needed": "กรุณาระบุวันที่ของข้อมูล (ณ วันที่) ของรอบการรายงาน",
    "in_project": "“{name}”: {problem}",
}
LABELS = {  # the undo labels
    "status": "บันทึกสถานะโครงการ", "delete_status": "ลบบันทึกสถานะโครงการ",
    "tracking": "แก้ไขข้อมูลการติดตามโครงการ", "disbursement": "บันทึกการเบิกจ่าย",
    "update_disbursement": "แก้ไขรายการเบิกจ่าย", "delete_disbursement": "ลบรายการเบิกจ่าย",
    "schedule": "กำหนดแผนการใช้จ่ายรายเดือน", "round": "บันทึกรอบการรายงานผลการติดตาม",
    "delete_round": "ลบรอบการรายงานผลการติดตาม",
}


def current_login() -> str:
    """Who is entering data: the operating-system login ("" when the system cannot say)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def delete_tracking_rows(s: Session, project_ids: Iterable[int]) -> None:
    """Delete the tracking rows of projects about to be deleted, through the session (so undo restores them).

    The database's ON DELETE CASCADE would remove them unseen by the undo recorder; this flushes them
    first so that undo puts the project back before its rows.
    """
    ids = list(project_ids)
    if not ids:
        return
    for model in _PER_PROJECT:
        rows: Any = s.scalars(select(model).where(model.project_id.in_(ids)))
        for row in rows:
            s.delete(row)
    s.flush()


_CHUNK = 500  # ids per IN (…) list, well under SQLite's limit on parameters


@dataclass(slots=True)
class _Project:
    """What the rules need to know about a project, and its tracking rows, read in the operation's session."""

    row: ProjectRow
    fiscal_year: int
    external: bool
    statuses: list[StatusEntryRow]
    details: ProjectTrackingRow | None
    paid: set[tuple[dt.date, int, str]]  # (date, satang, note) of its disbursements


class _Rows:
    """The rows an operation works on, read once for all its projects (a batch of a thousand in a few queries)."""

    def __init__(self, s: Session, project_ids: Iterable[int]) -> None:
        self.s = s
        ids = sorted(set(project_ids))
        rows: dict[int, ProjectRow] = {}
        statuses: dict[int, list[StatusEntryRow]] = {i: [] for i in ids}
        details: dict[int, ProjectTrackingRow] = {}
        paid: dict[int, set[tuple[dt.date, int, str]]] = {i: set() for i in ids}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows.update((r.id, r) for r in s.scalars(select(ProjectRow).where(ProjectRow.id.in_(chunk))))
            for entry in s.scalars(select(StatusEntryRow).where(StatusEntryRow.project_id.in_(chunk))):
                statuses[entry.project_id].append(entry)
            details.update((d.project_id, d) for d in s.scalars(
                select(ProjectTrackingRow).where(ProjectTrackingRow.project_id.in_(chunk))))
            for item in s.scalars(select(DisbursementRow).where(DisbursementRow.project_id.in_(chunk))):
                paid[item.project_id].add((item.paid_on, item.amount_satang, item.note))
        years = {e.id: e.fiscal_year for e in s.scalars(select(EditionRow))}
        external = set(s.scalars(select(UnitRow.id).where(UnitRow.is_external.is_(True))))
        self.projects = {
            i: _Project(row, years[row.edition_id], row.unit_id in external, statuses[i], details.get(i), paid[i])
            for i, row in rows.items()}

    def project(self, project_id: int) -> _Project:
        """A project of the operation, or the Thai refusal."""
        found = self.projects.get(project_id)
        if found is None:
            raise WorkspaceError(TEXTS["no_project"].format(id=project_id))
        return found


def _refuse(problem: TrackingError, name: str | None = None) -> WorkspaceError:
    if name is None:
        return WorkspaceError(str(problem))
    return WorkspaceError("\n".join(TEXTS["in_project"].format(name=name, problem=p) for p in str(problem).split("\n")))


def _write_status(s: Session, project: _Project, entry: NewStatus, who: str, today: dt.date) -> None:
    """Write a status entry unless the history already says the same on its date."""
    reason = normalise_space(entry.reason)
    check_status(entry.status, progress=entry.progress, reason=reason, effective_on=entry.effective_on,
                 today=today, fiscal_year=project.fiscal_year, external=project.external)
    progress = normalised_progress(entry.status, entry.progress)
    in_force = entry_on([queries.status_entry_of(r) for r in project.statuses], entry.effective_on)
    default = default_status(project.external)
    said = ((in_force.status, in_force.progress, in_force.reason) if in_force is not None
            else (default, normalised_progress(default, None), ""))
    if said == (entry.status, progress, reason or said[2]):
        return  # the history already says so on that date (a reason left empty says nothing new)
    same_day = next((r for r in project.statuses if r.effective_on == entry.effective_on), None)
    if same_day is None:
        row = StatusEntryRow(project_id=project.row.id, effective_on=entry.effective_on, status=str(entry.status),
                             progress=progress, reason=reason, entered_by=who, entered_at=now())
        s.add(row)
        project.statuses.append(row)
        return
    same_day.status, same_day.progress, same_day.reason = str(entry.status), progress, reason
    same_day.entered_by, same_day.entered_at = who, now()


def _write_tracking(s: Session, project: _Project, fields: TrackingFields, who: str, today: dt.date) -> None:
    """Set the tracking details given, leaving the row alone (or absent) when nothing differs."""
    values = given(fields)
    if not values:
        return
    row = project.details
    current = {
        "actual_start": row.actual_start if row else None,
        "actual_finish": row.actual_finish if row else None,
        "contract": queries.from_satang(row.contract_satang) if row and row.contract_satang is not None else None,
        "contract_signed_on": row.contract_signed_on if row else None,
        "problems": row.problems if row else "",
        "officer": row.officer if row else "",
    }
    for key in ("problems", "officer"):
        if key in values:
            values[key] = normalise_space(values[key]) if key == "officer" else values[key].strip()
    merged = {**current, **values}
    check_tracking_dates(actual_start=merged["actual_start"], actual_finish=merged["actual_finish"],
                         contract=merged["contract"], today=today)
    if merged == current:
        return
    if row is None:
        row = project.details = ProjectTrackingRow(project_id=project.row.id)
        s.add(row)
    row.actual_start, row.actual_finish = merged["actual_start"], merged["actual_finish"]
    row.contract_satang = None if merged["contract"] is None else to_satang(merged["contract"])
    row.contract_signed_on, row.problems, row.officer = merged["contract_signed_on"], merged["problems"], merged["officer"]
    row.updated_by, row.updated_at = who, now()


def _duplicate(paid_on: dt.date, amount: Decimal) -> WorkspaceError:
    return WorkspaceError(TEXTS["duplicate"].format(day=format_thai_date(paid_on), amount=format_money(amount)))


def _add_disbursement(s: Session, project: _Project, item: NewDisbursement, who: str, today: dt.date, *,
                      refuse_duplicate: bool) -> None:
    check_disbursement(item.amount, item.paid_on, today=today, fiscal_year=project.fiscal_year)
    note = normalise_space(item.note)
    key = (item.paid_on, to_satang(item.amount), note)
    if key in project.paid:
        if refuse_duplicate:
            raise _duplicate(item.paid_on, item.amount)
        return
    s.add(DisbursementRow(project_id=project.row.id, paid_on=item.paid_on, amount_satang=key[1], note=note,
                          entered_by=who, entered_at=now()))
    project.paid.add(key)


class TrackingOperations(WorkspaceCore):
    """Reads and operations of the plan in use (the ติดตามผล tab, the progress import, the reports)."""

    # --- reads ------------------------------------------------------------------------------------------

    def tracking_records(self, edition_id: int) -> TrackingRecords:
        """Status entries, details, disbursements and schedules of an edition's projects."""
        with self._reading() as source:
            return queries.load_tracking_records(source, edition_id)

    def progress_data(self, edition_id: int) -> tuple[PlanData, TrackingRecords]:
        """An edition's plan and its tracking, read in one transaction (what a report or the tab needs)."""
        with self._reading() as source:
            edition = queries.load_edition(source, edition_id)
            if edition is None:
                raise WorkspaceError(f"ไม่พบฉบับของแผนรหัส {edition_id}")
            return queries.load_plan_data(source, edition), queries.load_tracking_records(source, edition_id)

    def report_rounds(self, fiscal_year: int) -> list[ReportRound]:
        """The monitoring report's rounds of a fiscal year, by as-of date."""
        with self._reading() as source:
            return queries.load_report_rounds(source, fiscal_year)

    # --- status -----------------------------------------------------------------------------------------

    def record_status(self, project_id: int, entry: NewStatus, *, today: dt.date | None = None,
                      entered_by: str | None = None) -> Changes:
        """Record a project's status from ``entry.effective_on`` on (same date: replaces that entry)."""
        who = current_login() if entered_by is None else entered_by

        def body(s: Session) -> None:
            project = _Rows(s, [project_id]).project(project_id)
            try:
                _write_status(s, project, entry, who, today or dt.date.today())
            except TrackingError as exc:
                raise _refuse(exc) from exc
        return self._run(LABELS["status"], body)

    def delete_status(self, entry_id: int) -> Changes:
        """Remove a status entry typed by mistake."""
        def body(s: Session) -> None:
            row = s.get(StatusEntryRow, entry_id)
            if row is None:
                raise RowGone(TEXTS["no_entry"].format(id=entry_id), "tracking_status", (entry_id,))
            s.delete(row)
        return self._run(LABELS["delete_status"], body)

    # --- details ----------------------------------------------------------------------------------------

    def update_tracking(self, project_id: int, fields: TrackingFields, *, today: dt.date | None = None,
                        entered_by: str | None = None) -> Changes:
        """Set a project's actual dates, contract amount, problems or responsible officer."""
        who = current_login() if entered_by is None else entered_by

        def body(s: Session) -> None:
            try:
                _write_tracking(s, _Rows(s, [project_id]).project(project_id), fields, who, today or dt.date.today())
            except TrackingError as exc:
                raise _refuse(exc) from exc
        return self._run(LABELS["tracking"], body)

    # --- disbursements ----------------------------------------------------------------------------------

    def add_disbursement(self, project_id: int, item: NewDisbursement, *, today: dt.date | None = None,
                         entered_by: str | None = None) -> Changes:
        """Record a disbursement; its id is ``changes.inserted_into("disbursement")[0]``.

        The same date, amount and note again is refused (a second payment needs its own note).
        """
        who = current_login() if entered_by is None else entered_by

        def body(s: Session) -> None:
            try:
                _add_disbursement(s, _Rows(s, [project_id]).project(project_id), item, who,
                                  today or dt.date.today(), refuse_duplicate=True)
            except TrackingError as exc:
                raise _refuse(exc) from exc
        return self._run(LABELS["disbursement"], body)

    def update_disbursement(self, disbursement_id: int, update: DisbursementUpdate, *,
                            today: dt.date | None = None) -> Changes:
        """Correct a disbursement's date, amount or note."""
        def body(s: Session) -> None:
            row = s.get(DisbursementRow, disbursement_id)
            if row is None:
                raise RowGone(TEXTS["no_disbursement"].format(id=disbursement_id), "disbursement", (disbursement_id,))
            project = _Rows(s, [row.project_id]).project(row.project_id)
            values = given(update)
            paid_on = values.get("paid_on", row.paid_on)
            amount = values.get("amount", queries.from_satang(row.amount_satang))
            note = normalise_space(values.get("note", row.note))
            try:
                check_disbursement(amount, paid_on, today=today or dt.date.today(), fiscal_year=project.fiscal_year)
            except TrackingError as exc:
                raise _refuse(exc) from exc
            if (paid_on, to_satang(amount), note) in project.paid - {(row.paid_on, row.amount_satang, row.note)}:
                raise _duplicate(paid_on, amount)
            row.paid_on, row.amount_satang, row.note = paid_on, to_satang(amount), note
        return self._run(LABELS["update_disbursement"], body)

    def delete_disbursement(self, disbursement_id: int) -> Changes:
        """Remove a disbursement recorded by mistake."""
        def body(s: Session) -> None:
            row = s.get(DisbursementRow, disbursement_id)
            if row is None:
                raise RowGone(TEXTS["no_disbursement"].format(id=disbursement_id), "disbursement", (disbursement_id,))
            s.delete(row)
        return self._run(LABELS["delete_disbursement"], body)

    # --- planned spending -------------------------------------------------------------------------------

    def set_schedule(self, project_id: int, months: Mapping[int, Decimal] | None) -> Changes:
        """Set a project's planned spending by fiscal month; None (or nothing) spreads the budget evenly again."""
        wanted = {m: a for m, a in (months or {}).items() if a}
        for month, amount in wanted.items():
            if not 1 <= month <= 12:
                raise WorkspaceError(TEXTS["month"].format(month=month))
            if amount < 0:
                raise WorkspaceError(TEXTS["schedule_amount"])
            if (large := too_large(amount, "จำนวนเงินตามแผนการใช้จ่าย")) is not None:
                raise WorkspaceError(large)

        def body(s: Session) -> None:
            _Rows(s, [project_id]).project(project_id)
            rows = {r.month: r for r in s.scalars(
                select(SpendingScheduleRow).where(SpendingScheduleRow.project_id == project_id))}
            for month, row in rows.items():
                if month not in wanted:
                    s.delete(row)
                elif row.amount_satang != to_satang(wanted[month]):
                    row.amount_satang = to_satang(wanted[month])
            for month, amount in wanted.items():
                if month not in rows:
                    s.add(SpendingScheduleRow(project_id=project_id, month=month, amount_satang=to_satang(amount)))
        return self._run(LABELS["schedule"], body)

    # --- the monitoring report's rounds -----------------------------------------------------------------

    def set_report_round(self, fiscal_year: int, kind: RoundKind, fields: RoundFields) -> Changes:
        """Record (or change) a round of the monitoring report of a fiscal year; rules are ``workflow``'s."""
        def body(s: Session) -> None:
            org = organisation_row(s)
            row = s.scalar(select(ReportRoundRow).where(
                ReportRoundRow.organisation_id == org.id, ReportRoundRow.fiscal_year == fiscal_year,
                ReportRoundRow.round == str(kind)))
            values = given(fields)
            if row is None:
                if values.get("as_of") is None:
                    raise WorkspaceError(TEXTS["as_of_needed"])
                row = ReportRoundRow(organisation_id=org.id, fiscal_year=fiscal_year, round=str(kind), note="")
                s.add(row)
            for key, value in values.items():
                setattr(row, key, value.strip() if key == "note" else value)
        return self._run(LABELS["round"], body)

    def delete_report_round(self, round_id: int) -> Changes:
        """Remove a round recorded by mistake."""
        def body(s: Session) -> None:
            row = s.get(ReportRoundRow, round_id)
            if row is None:
                raise RowGone(TEXTS["no_round"].format(id=round_id), "report_round", (round_id,))
            s.delete(row)
        return self._run(LABELS["delete_round"], body)

    # --- many projects at once --------------------------------------------------------------------------

    def import_progress(self, batch: ProgressBatch, *, today: dt.date | None = None,
                        entered_by: str | None = None) -> Changes:
        """Back the file up (reason ``import``), then write the batch as one undoable operation.

        Raises, and writes nothing, when no backup can be made or an entry breaks a rule. On a server there
        is no backup copy (the server's administrator keeps those): the import is one transaction.
        """
        self._check_writable()
        if not self.on_server:
            backup_before_import(self.path)
        return self.apply_progress(batch, today=today, entered_by=entered_by)

    def apply_progress(self, batch: ProgressBatch, *, today: dt.date | None = None,
                       entered_by: str | None = None) -> Changes:
        """Write many projects' progress as one undoable operation, all or nothing, without a backup first."""
        who = current_login() if entered_by is None else entered_by
        day = today or dt.date.today()

        def body(s: Session) -> None:
            problems: list[str] = []
            rows = _Rows(s, (u.project_id for u in batch.updates))
            for update in batch.updates:
                project = rows.project(update.project_id)
                try:
                    if update.status is not None:
                        _write_status(s, project, update.status, who, day)
                    _write_tracking(s, project, update.tracking, who, day)
                    for item in update.disbursements:
                        _add_disbursement(s, project, item, who, day, refuse_duplicate=False)
                except TrackingError as exc:
                    problems.append(str(_refuse(exc, project.row.name)))
            if problems:  # rolls everything back
                raise WorkspaceError("\n".join(problems))
        return self._run(batch.label, body)

