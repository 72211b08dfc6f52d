"""Matching progress reports to the plan's projects, and what importing them would change.

``plan_progress_import(plan, records, files, as_of=…, today=…)`` matches every row read by
``importing.progress`` to a project of the chosen edition and works out, against what is already recorded,
exactly what would be written; nothing is written here. The result lists every match and every row that
could not be matched, with Thai lines for the preview, and gives the ``ProgressBatch`` the workspace writes
in one operation.

Matching: a row of our workbook by its hidden key (the project's uuid); any other row by name within its
unit (whitespace and digit forms ignored), with the budget as a tie-breaker; a row matching several
projects is ambiguous, one matching none is unmatched (with a hint when the name is found in another
unit), a second row for a project already matched is a duplicate.

What a row changes (as of its date: the record's own, the file's, ``--as-of``, or today, in that order):
its status, unless the history already says the same on that date; its contract amount and problems,
when they differ; its disbursements — JSON lists them one by one (one already recorded with the same date,
amount and note is not added again); a workbook gives each month's total, and what it adds to what is
recorded for that month becomes one disbursement dated the month's last day (or the as-of date), so
importing the same file twice adds nothing; a total lower than what is recorded is refused with a Thai
reason (correct it in the program). Each entry is checked against ``tracking.status``'s rules.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, format_thai_date
from thaplan_desktop.domain.model import PlanData, Project, Unit
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.thai import name_key, normalise_space
from thaplan_desktop.domain.tracking import (
    Disbursement,
    ProjectTracking,
    StatusEntry,
    TrackingRecords,
    TrackingStatus,
)
from thaplan_desktop.importing.progress import ProgressFile, ProgressRow
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.spending import month_end, month_start
from thaplan_desktop.tracking.status import (
    STATUS_LABELS,
    TrackingError,
    check_disbursement,
    check_status,
    default_status,
    entry_on,
    normalised_progress,
)
from thaplan_desktop.workspace import (
    NewDisbursement,
    NewStatus,
    ProgressBatch,
    ProgressUpdate,
    TrackingFields,
)

__all__ = ["MatchKind", "ProgressImportPlan", "RowPlan", "plan_progress_import"]

ZERO = Decimal("0.00")
TEXTS = {
    "label": "นำเข้าผลการดำเนินงาน {count} รายการ",
    "key": "รหัสอ้างอิง",
    "name": "ชื่อ",
    "name_budget": "ชื่อและงบประมาณ",
    "matched": "{where}: “{name}” → ตรงกับโครงการในแผน (จับคู่ด้วย{how})",
    "no_change": "    ไม่มีการเปลี่ยนแปลง",
    "change": "    {text}",
    "problem": "    ! {text}",
    "unmatched": "{where}: “{name}” → ไม่พบโครงการนี้ในแผน{unit}{hint}",
    "in_unit": "ของ{unit}",
    "elsewhere": " (พบชื่อนี้ใน{units})",
    "budget_differs": " (ชื่อตรงแต่งบประมาณไม่ตรง)",
    "bad_key": " (รหัสอ้างอิงไม่ตรงกับโครงการใดในแผนฉบับนี้: สมุดงานของปีหรือฉบับอื่น?)",
    "ambiguous": "{where}: “{name}” → ชื่อตรงกับ {count} โครงการ ({which}) ระบุหน่วยงานหรืองบประมาณให้ตรง",
    "duplicate": "{where}: “{name}” → ซ้ำกับแถวก่อนหน้า ({other}) ของโครงการเดียวกัน",
    "candidate": "{unit} {budget} บาท",
    "status": "สถานะ: {label}{progress} ตั้งแต่ {date}",
    "progress": " ร้อยละ {progress}",
    "contract": "วงเงินตามสัญญา: {amount} บาท",
    "problems": "ปัญหาและอุปสรรค: {text}",
    "disbursement": "เบิกจ่าย {amount} บาท ({date}{note})",
    "lower": "ยอดเบิกจ่าย{what} ในไฟล์ ({reported}) น้อยกว่าที่บันทึกไว้แล้ว ({recorded} บาท) "
             "กรุณาแก้ไขรายการเบิกจ่ายในโปรแกรม",
    "month_what": "เดือน {month}",
    "total_what": "รวม",
    "future_month": "ยอดเบิกจ่ายเดือน {month} อยู่หลังวันที่ของข้อมูล ({date})",
}


class MatchKind(enum.StrEnum):
    """How a row was matched to a project, or why it was not."""

    KEY = "key"
    NAME = "name"
    NAME_BUDGET = "name_budget"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"
    DUPLICATE = "duplicate"

    @property
    def matched(self) -> bool:
        """The row found its project."""
        return self in (MatchKind.KEY, MatchKind.NAME, MatchKind.NAME_BUDGET)


@dataclass(frozen=True, slots=True)
class RowPlan:
    """One row: its match, and (when matched) what importing it writes and what stands against it."""

    row: ProgressRow
    match: MatchKind
    as_of: dt.date
    project: Project | None = None
    candidates: tuple[Project, ...] = ()
    hint: str = ""
    update: ProgressUpdate | None = None  # None: nothing to write
    changes: tuple[str, ...] = ()  # Thai, one per change
    problems: tuple[str, ...] = ()  # Thai: cells that cannot be read, rules broken, totals lower than recorded


@dataclass(slots=True)
class ProgressImportPlan:
    """Every row of every file, matched or not, and what importing the matched ones writes."""

    rows: list[RowPlan] = field(default_factory=list)
    unit_names: dict[int, str] = field(default_factory=dict)

    @property
    def unmatched(self) -> list[RowPlan]:
        """Rows that found no project, or several, or repeat another row's project."""
        return [r for r in self.rows if not r.match.matched]

    @property
    def problems(self) -> list[RowPlan]:
        """Matched rows that cannot be imported as they are."""
        return [r for r in self.rows if r.match.matched and r.problems]

    @property
    def updates(self) -> list[ProgressUpdate]:
        """What the matched rows write."""
        return [r.update for r in self.rows if r.match.matched and r.update is not None]

    def batch(self) -> ProgressBatch:
        """The matched rows' updates as one operation."""
        updates = self.updates
        return ProgressBatch(TEXTS["label"].format(count=len(updates)), tuple(updates))

    def preview_lines(self) -> list[str]:
        """Every row's match and changes (or why it found no project), in Thai."""
        lines = []
        for plan in self.rows:
            row = plan.row
            name = row.name
            if plan.match.matched:
                lines.append(TEXTS["matched"].format(where=row.where, name=name, how=TEXTS[plan.match.value]))
                lines += [TEXTS["change"].format(text=c) for c in plan.changes] or (
                    [] if plan.problems else [TEXTS["no_change"]])
                lines += [TEXTS["problem"].format(text=p) for p in plan.problems]
            elif plan.match is MatchKind.AMBIGUOUS:
                which = "; ".join(TEXTS["candidate"].format(unit=self.unit_names.get(p.unit_id or -1, "-"),
                                                            budget=format_money(p.budget)) for p in plan.candidates)
                lines.append(TEXTS["ambiguous"].format(where=row.where, name=name, count=len(plan.candidates),
                                                       which=which))
            elif plan.match is MatchKind.DUPLICATE:
                lines.append(TEXTS["duplicate"].format(where=row.where, name=name, other=plan.hint))
            else:
                unit = TEXTS["in_unit"].format(unit=row.unit) if row.unit else ""
                lines.append(TEXTS["unmatched"].format(where=row.where, name=name, unit=unit, hint=plan.hint))
        return lines


def plan_progress_import(plan: PlanData, records: TrackingRecords, files: Iterable[ProgressFile], *,
                         as_of: dt.date | None, today: dt.date) -> ProgressImportPlan:
    """Match every row of ``files`` to the edition's projects and work out what importing them writes."""
    units = {u.id: u for u in plan.units}
    result = ProgressImportPlan(unit_names={u.id: u.name for u in plan.units})
    by_uuid = {p.uuid: p for p in plan.projects}
    by_name: dict[str, list[Project]] = {}
    for candidate in plan.projects:
        by_name.setdefault(name_key(candidate.name), []).append(candidate)
    statuses: dict[int, list[StatusEntry]] = {}
    for entry in records.statuses:
        statuses.setdefault(entry.project_id, []).append(entry)
    paid: dict[int, list[Disbursement]] = {}
    for item in records.disbursements:
        paid.setdefault(item.project_id, []).append(item)
    seen: dict[int, ProgressRow] = {}
    for file in files:
        for row in file.rows:
            day = row.as_of or file.as_of or as_of or today
            unit = row.unit or file.unit
            match, project, candidates, hint = _match(row, unit, by_uuid, by_name, units)
            if project is not None and project.id in seen:
                result.rows.append(RowPlan(row, MatchKind.DUPLICATE, day, project, hint=seen[project.id].where))
                continue
            if project is None:
                result.rows.append(RowPlan(row, match, day, None, candidates, hint))
                continue
            seen[project.id] = row
            unit_row = units.get(project.unit_id) if project.unit_id is not None else None
            result.rows.append(_changes(row, match, day, project, bool(unit_row and unit_row.is_external),
                                        plan.edition.fiscal_year, statuses.get(project.id, []),
                                        records.details.get(project.id), paid.get(project.id, []), today))
    return result


def _match(row: ProgressRow, unit: str | None, by_uuid: dict[str, Project], by_name: dict[str, list[Project]],
           units: dict[int, Unit]) -> tuple[MatchKind, Project | None, tuple[Project, ...], str]:
    if row.key:
        project = by_uuid.get(row.key)
        if project is not None:
            return MatchKind.KEY, project, (), ""
        return MatchKind.UNMATCHED, None, (), TEXTS["bad_key"]
    named = by_name.get(name_key(row.name), [])

    def unit_of(project: Project) -> str:
        return units[project.unit_id].name if project.unit_id in units else ""

    candidates = [p for p in named if unit is None or name_key(unit_of(p)) == name_key(unit)]
    if not candidates:
        others = sorted({unit_of(p) for p in named if unit_of(p)})
        return MatchKind.UNMATCHED, None, (), TEXTS["elsewhere"].format(units=", ".join(others)) if others else ""
    how = MatchKind.NAME
    if len(candidates) > 1 and row.budget is not None:
        same_budget = [p for p in candidates if p.budget == row.budget]
        if not same_budget:
            return MatchKind.UNMATCHED, None, (), TEXTS["budget_differs"]
        candidates, how = same_budget, MatchKind.NAME_BUDGET
    if len(candidates) > 1:
        return MatchKind.AMBIGUOUS, None, tuple(candidates), ""
    return how, candidates[0], (), ""


def _changes(row: ProgressRow, match: MatchKind, day: dt.date, project: Project, external: bool, year: int,
             entries: list[StatusEntry], details: ProjectTracking | None, paid: list[Disbursement],
             today: dt.date) -> RowPlan:
    changes: list[str] = []
    problems: list[str] = list(row.errors)
    status = _status_entry(row, day)
    if status is not None:
        try:
            check_status(status.status, progress=status.progress, reason=status.reason, effective_on=day,
                         today=today, fiscal_year=year, external=external)
        except TrackingError as exc:
            problems += str(exc).split("\n")
        in_force = entry_on(entries, day)
        now = (in_force.status, in_force.progress, in_force.reason) if in_force else (
            default_status(external), normalised_progress(default_status(external), None), "")
        if now == (status.status, normalised_progress(status.status, status.progress), status.reason or now[2]):
            status = None
        else:
            shown = normalised_progress(status.status, status.progress)
            changes.append(TEXTS["status"].format(
                label=STATUS_LABELS[status.status], date=format_thai_date(day, short=True),
                progress=TEXTS["progress"].format(progress=shown) if shown is not None else ""))
    tracking = _tracking(row, details, changes)
    disbursements = _disbursements(row, day, year, paid, today, changes, problems)
    update = None
    if status is not None or tracking != TrackingFields() or disbursements:
        update = ProgressUpdate(project.id, status, tracking, tuple(disbursements))
    return RowPlan(row, match, day, project, update=update, changes=tuple(changes), problems=tuple(problems))


def _status_entry(row: ProgressRow, day: dt.date) -> NewStatus | None:
    status = row.status
    if status is None and row.progress is not None:  # a progress alone says where the project stands
        status = (TrackingStatus.NOT_STARTED if row.progress == 0 else
                  TrackingStatus.DONE if row.progress == 100 else TrackingStatus.IN_PROGRESS)
    if status is None:
        return None
    reason = normalise_space(row.reason)
    return NewStatus(status, day, row.progress, reason)


def _tracking(row: ProgressRow, details: ProjectTracking | None, changes: list[str]) -> TrackingFields:
    contract_now = details.contract if details else None
    problems_now = details.problems if details else ""
    contract = row.contract if row.contract is not None and row.contract != contract_now else None
    problems = row.problems.strip() if row.problems and row.problems.strip() != problems_now else None
    if contract is not None:
        changes.append(TEXTS["contract"].format(amount=format_money(contract, always_satang=True)))
    if problems is not None:
        changes.append(TEXTS["problems"].format(text=problems))
    if contract is None and problems is None:
        return TrackingFields()
    if contract is None:
        return TrackingFields(problems=problems or "")
    if problems is None:
        return TrackingFields(contract=contract)
    return TrackingFields(contract=contract, problems=problems)


def _disbursements(row: ProgressRow, day: dt.date, year: int, paid: list[Disbursement], today: dt.date,
                   changes: list[str], problems: list[str]) -> list[NewDisbursement]:
    result: list[NewDisbursement] = []
    recorded = {(d.paid_on, d.amount, d.note) for d in paid}
    for item in row.disbursements:
        if (item.paid_on, item.amount, item.note) in recorded or item in result:
            continue
        result.append(item)
    for month, reported in sorted(row.months.items()):
        so_far = sum((d.amount for d in paid if month_start(year, month) <= d.paid_on <= month_end(year, month)),
                     ZERO)
        label = f"{FISCAL_MONTH_ABBR[month - 1]}"
        if reported < so_far:
            problems.append(TEXTS["lower"].format(what=TEXTS["month_what"].format(month=label),
                                                  reported=format_money(reported, always_satang=True),
                                                  recorded=format_money(so_far, always_satang=True)))
        elif reported > so_far:
            if month_start(year, month) > day:
                problems.append(TEXTS["future_month"].format(month=label, date=format_thai_date(day)))
                continue
            result.append(NewDisbursement(min(month_end(year, month), day), reported - so_far, forms.IMPORTED_NOTE))
    if row.disbursed_total is not None:
        so_far = sum((d.amount for d in paid), ZERO) + sum((d.amount for d in result), ZERO)
        if row.disbursed_total < so_far:
            problems.append(TEXTS["lower"].format(what=TEXTS["total_what"],
                                                  reported=format_money(row.disbursed_total, always_satang=True),
                                                  recorded=format_money(so_far, always_satang=True)))
        elif row.disbursed_total > so_far:
            result.append(NewDisbursement(day, row.disbursed_total - so_far, forms.IMPORTED_NOTE))
    for item in result:
        try:
            check_disbursement(item.amount, item.paid_on, today=today, fiscal_year=year)
        except TrackingError as exc:
            problems += str(exc).split("\n")
        note = f" {item.note}" if item.note else ""
        changes.append(TEXTS["disbursement"].format(amount=format_money(item.amount, always_satang=True),
                                                    date=format_thai_date(item.paid_on, short=True), note=note))
    return result
