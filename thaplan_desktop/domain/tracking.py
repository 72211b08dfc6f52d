"""The plan in use as the file keeps it: status entries, tracking details, disbursements, schedules, rounds.

Plain frozen dataclasses shared by the workspace (which reads and writes them) and ``tracking`` (which gives
them meaning: the status true on a date, planned spending, the report). Money is ``Decimal`` baht with two
places; dates are ``datetime.date``; months are fiscal months 1..12 (1 = ต.ค.).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "Disbursement",
    "ProjectTracking",
    "ReportRound",
    "RoundKind",
    "SpendingSchedule",
    "StatusEntry",
    "TrackingRecords",
    "TrackingStatus",
]


class TrackingStatus(enum.StrEnum):
    """Where a project (or equipment item) stands in the year; its Thai label is in ``tracking.status``."""

    NOT_STARTED = "not_started"  # ยังไม่ได้ดำเนินการ
    IN_PROGRESS = "in_progress"  # อยู่ระหว่างดำเนินการ
    DONE = "done"  # ดำเนินการแล้วเสร็จ
    CANCELLED = "cancelled"  # ยกเลิก (with a reason)
    CARRIED_OVER = "carried_over"  # กันเงินไว้เบิกจ่ายปีถัดไป
    UNKNOWN = "unknown"  # ไม่ได้รับรายงาน (another agency's project)


class RoundKind(enum.StrEnum):
    """A round of the monitoring report: 6 months, 12 months (annual), or a quarter."""

    SIX_MONTHS = "6m"
    TWELVE_MONTHS = "12m"
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """A project's status from ``effective_on`` on, until a later entry says otherwise."""

    id: int
    project_id: int
    effective_on: dt.date
    status: TrackingStatus
    progress: int | None = None  # percent 0..100; None: not said
    reason: str = ""  # why cancelled, or a note on the change
    entered_by: str = ""  # the operating-system login of whoever entered it
    entered_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ProjectTracking:
    """What is known of a project in use besides its status (a project without a record: nothing yet)."""

    project_id: int
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    contract: Decimal | None = None  # วงเงินตามสัญญา, once procured
    contract_signed_on: dt.date | None = None
    problems: str = ""  # ปัญหาและอุปสรรค
    officer: str = ""  # the responsible officer
    updated_by: str = ""
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Disbursement:
    """One disbursement (ผลการเบิกจ่าย): identified by project, date, amount and note."""

    id: int
    project_id: int
    paid_on: dt.date
    amount: Decimal
    note: str = ""
    entered_by: str = ""
    entered_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SpendingSchedule:
    """The planned spending the officer set for a project, by fiscal month (months left out: nothing)."""

    project_id: int
    months: Mapping[int, Decimal]


@dataclass(frozen=True, slots=True)
class ReportRound:
    """A round of the monitoring report of a fiscal year, with the dates of its own procedure."""

    id: int
    fiscal_year: int
    round: RoundKind
    as_of: dt.date
    reported_on: dt.date | None = None  # reported to the council and the development committee
    announced_on: dt.date | None = None
    posted_on: dt.date | None = None
    removed_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class TrackingRecords:
    """Everything stored about the projects of one edition in use, read in one transaction."""

    statuses: tuple[StatusEntry, ...] = ()  # by project, then effective date
    details: Mapping[int, ProjectTracking] = field(default_factory=dict)  # by project id
    disbursements: tuple[Disbursement, ...] = ()  # by project, then date
    schedules: Mapping[int, SpendingSchedule] = field(default_factory=dict)  # by project id

    def statuses_of(self, project_id: int) -> list[StatusEntry]:
        """The status entries of one project, by effective date."""
        return [e for e in self.statuses if e.project_id == project_id]

    def disbursements_of(self, project_id: int) -> list[Disbursement]:
        """The disbursements of one project, by date."""
        return [d for d in self.disbursements if d.project_id == project_id]
