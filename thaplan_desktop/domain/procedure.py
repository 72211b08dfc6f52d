"""The procedure's records as the file keeps them: step records, extensions, posting and amendments.

Plain frozen dataclasses shared by the workspace (which reads and writes them) and ``workflow`` (which
applies the regulation's rules to them: order of steps, deadlines). A step's status is kept as text here
(``not_started``, ``in_progress``, ``done``); ``workflow.status`` gives it meaning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Amendment", "Extension", "Posting", "ProcedureRecords", "StepRecord"]


@dataclass(frozen=True, slots=True)
class StepRecord:
    """Where one step of an edition's procedure stands, as stored (a step without a record is not started)."""

    step: str
    status: str
    done_on: dt.date | None = None
    note: str = ""
    forced_reason: str = ""  # why it was recorded against the order of steps ("" when it was not)


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension of the completion deadline granted by the executive (ขยายเวลา)."""

    id: int
    new_due: dt.date
    reason: str
    granted_on: dt.date | None = None
    note: str = ""  # the order's number, e.g. คำสั่ง อบต. ที่ 123/2562


@dataclass(frozen=True, slots=True)
class Posting:
    """When the announced edition was posted for the public (ปิดประกาศ) and taken down."""

    posted_on: dt.date | None = None
    removed_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Amendment:
    """One amendment of an announced edition (แก้ไขครั้งที่ n/ปี)."""

    id: int
    edition_id: int
    number: int
    fiscal_year: int
    amended_on: dt.date
    reason: str
    changes: str = ""
    approved_by: str = ""
    created_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        """``แก้ไขครั้งที่ 2/2563``."""
        return f"แก้ไขครั้งที่ {self.number}/{self.fiscal_year}"


@dataclass(frozen=True, slots=True)
class ProcedureRecords:
    """Everything stored about one edition's procedure, read in one transaction."""

    steps: tuple[StepRecord, ...]
    extensions: tuple[Extension, ...]  # in the order granted
    posting: Posting
    amendments: tuple[Amendment, ...]  # by number
