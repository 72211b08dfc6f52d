"""Typed inputs of the workspace's operations: which fields an edit sets, and what an import adds.

An update is a frozen dataclass whose fields default to ``UNSET``: only the fields given are written
(``ProjectFields(name="…", budget=Decimal("5"))`` changes the name and the budget, nothing else). A
misspelt field is a TypeError where the object is made, and an error for mypy. An ``ImportBatch`` says
in plain data what an import (or the demo plan) adds: the strategies, programs, units and equipment types
to create and the projects, which refer to those by ``New(index)``.

These objects are the choke point of text: every way into a plan (editors, paste, import, the command line,
the ติดตามผล tab, progress reports, the procurement screen) builds one, and none keeps a control character
(:func:`_clean`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Set
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Final, NotRequired, TypedDict

from thaplan_desktop.domain.model import EditionStatus, OrgKind, ProjectKind, Provenance, TriggerKind
from thaplan_desktop.domain.thai import has_controls, strip_controls
from thaplan_desktop.domain.tracking import TrackingStatus

__all__ = [
    "UNSET",
    "AmendmentUpdate",
    "BatchProject",
    "DisbursementUpdate",
    "EditionFields",
    "ImportBatch",
    "New",
    "NewAmendment",
    "NewDisbursement",
    "NewExtension",
    "NewProgram",
    "NewStrategy",
    "NewPlan",
    "NewStatus",
    "NewUnit",
    "OrganisationFields",
    "ProcurementFields",
    "ProgramUpdate",
    "ProgressBatch",
    "ProgressUpdate",
    "ProjectFields",
    "RoundFields",
    "StrategyUpdate",
    "TrackingFields",
    "Unset",
    "given",
]


class Unset(enum.Enum):
    """The type of ``UNSET``: a field an update leaves as it is."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


def given(update: Any) -> dict[str, Any]:
    """The fields an update sets, by name (those not ``UNSET``)."""
    return {f.name: value for f in fields(update) if (value := getattr(update, f.name)) is not UNSET}


def _clean(update: Any) -> None:
    """The one way text enters a plan: control characters (NUL, BEL, ESC …) never do, whatever typed, pasted
    or imported them; they are left out. Tab and line breaks stay where they were (a project name may run
    over two lines; one-line names are made one line where they are written)."""
    for name in type(update).__slots__:
        value = getattr(update, name)
        if isinstance(value, str):
            if has_controls(value):
                object.__setattr__(update, name, strip_controls(value))
        elif isinstance(value, tuple) and any(isinstance(v, str) and has_controls(v) for v in value):
            object.__setattr__(update, name, tuple(strip_controls(v) if isinstance(v, str) else v for v in value))


class NewPlan(TypedDict):
    """What a new plan file starts with: the arguments of ``Workspace.create`` after the path."""

    name: str
    district: str
    province: str
    fiscal_year: int
    kind: NotRequired[OrgKind | None]
    executive_name: NotRequired[str]
    executive_title: NotRequired[str]
    planning_unit: NotRequired[str]


# --- updates -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ProjectFields:
    """Fields of a project (ผด.02) or equipment item (ผด.02/1) to set, as in ``domain.model.Project``.

    ``unit_name`` names the unit instead of ``unit_id``: a name not yet in the list is added to it in the
    same operation ("" for no unit).
    """

    kind: ProjectKind | Unset = UNSET
    name: str | Unset = UNSET
    details: str | Unset = UNSET
    budget: Decimal | Unset = UNSET
    location: str | Unset = UNSET
    unit_id: int | None | Unset = UNSET
    unit_name: str | Unset = UNSET
    months: Set[int] | Unset = UNSET
    program_id: int | None | Unset = UNSET
    equipment_type_id: int | None | Unset = UNSET
    funding_source_id: int | None | Unset = UNSET
    dev_plan_ref: str | Unset = UNSET
    position: int | Unset = UNSET
    provenance: Provenance | Unset = UNSET
    source_file: str | Unset = UNSET
    source_sheet: str | Unset = UNSET
    source_row: int | None | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class ProcurementFields:
    """A row's place in the procurement plan (แผนการจัดซื้อจัดจ้าง) to set, as in ``ProcurementChoice``.

    ``procured=None`` and ``month=None`` hand the decision back to the default rule of
    ``domain.procurement`` (procured or not; the first month of the project's run).
    """

    procured: bool | None | Unset = UNSET
    method: str | Unset = UNSET
    egp_code: str | Unset = UNSET
    month: int | None | Unset = UNSET  # fiscal month, 1 = ต.ค.

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class StrategyUpdate:
    """Rename, renumber or move a strategy (ยุทธศาสตร์)."""

    name: str | Unset = UNSET
    number: int | Unset = UNSET
    position: int | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class ProgramUpdate:
    """Rename or move a program (แผนงาน), or give it another DLA code."""

    name: str | Unset = UNSET
    position: int | Unset = UNSET
    strategy_id: int | Unset = UNSET
    dla_code: str | None | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class OrganisationFields:
    """The organisation's details (องค์กรปกครองส่วนท้องถิ่น) to set."""

    kind: OrgKind | Unset = UNSET
    name: str | Unset = UNSET
    district: str | Unset = UNSET
    province: str | Unset = UNSET
    executive_name: str | Unset = UNSET
    executive_title: str | Unset = UNSET
    planning_unit: str | Unset = UNSET
    logo: bytes | None | Unset = UNSET
    crest: bytes | None | Unset = UNSET  # ตราครุฑ printed above the ประกาศ's heading

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class EditionFields:
    """An edition's details to set (its fiscal year, kind and number are its identity and stay)."""

    title_suffix: str | Unset = UNSET
    trigger_kind: TriggerKind | Unset = UNSET
    trigger_date: dt.date | None | Unset = UNSET
    status: EditionStatus | Unset = UNSET
    committee_meeting_date: dt.date | None | Unset = UNSET
    announcement_date: dt.date | None | Unset = UNSET
    dev_plan_period: str | Unset = UNSET
    preface_text: str | None | Unset = UNSET
    intro_text: str | None | Unset = UNSET
    preface_date: dt.date | None | Unset = UNSET  # the month the คำนำ is signed (its first day); None: the draft's

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class AmendmentUpdate:
    """An amendment's record to correct."""

    amended_on: dt.date | Unset = UNSET
    reason: str | Unset = UNSET
    changes: str | Unset = UNSET
    approved_by: str | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


# --- new records of the procedure ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NewExtension:
    """An extension of the completion deadline to record."""

    new_due: dt.date
    reason: str
    granted_on: dt.date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class NewAmendment:
    """An amendment of an announced edition to record, with the number it takes (แก้ไขครั้งที่ n/ปี)."""

    number: int
    amended_on: dt.date
    reason: str
    changes: str = ""
    approved_by: str = ""

    def __post_init__(self) -> None:
        _clean(self)


# --- what an import adds ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class New:
    """The ``index``-th item of one of an ``ImportBatch``'s lists of things to create."""

    index: int


@dataclass(frozen=True, slots=True)
class NewStrategy:
    """A strategy to create after the last one (``number`` None: the next number)."""

    name: str
    number: int | None = None

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class NewProgram:
    """A program to create at the end of a strategy (an existing one's id, or one the batch creates)."""

    strategy: int | New
    name: str
    dla_code: str | None = None

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit (หน่วยงาน) to add to the list."""

    name: str
    is_external: bool = False

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class BatchProject:
    """A project to add, or to write over an existing one (``replaces``: its id).

    ``program``, ``unit`` and ``equipment_type`` are always written (None: none), over any id in ``fields``.
    A project added without a position in ``fields`` goes after the last one.
    """

    fields: ProjectFields
    program: int | New | None = None
    unit: int | New | None = None
    equipment_type: int | New | None = None
    replaces: int | None = None


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Everything one import adds to an edition: one operation, one undo step, all or nothing.

    ``settings`` (key, value) are stored in the file with the rows, in the same step: what the import
    remembers for the next one (the officer's name matches) goes when the import is undone.
    """

    edition_id: int
    label: str
    strategies: tuple[NewStrategy, ...] = ()
    programs: tuple[NewProgram, ...] = ()
    units: tuple[NewUnit, ...] = ()
    equipment_types: tuple[str, ...] = ()
    projects: tuple[BatchProject, ...] = ()
    settings: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        _clean(self)


# --- the plan in use: tracking progress and spending ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NewStatus:
    """A project's status from ``effective_on`` on (an entry for the same date replaces the one there)."""

    status: TrackingStatus
    effective_on: dt.date
    progress: int | None = None  # percent 0..100
    reason: str = ""  # required for ยกเลิก

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class TrackingFields:
    """A project's tracking details to set: actual dates, contract amount, problems, responsible officer."""

    actual_start: dt.date | None | Unset = UNSET
    actual_finish: dt.date | None | Unset = UNSET
    contract: Decimal | None | Unset = UNSET
    contract_signed_on: dt.date | None | Unset = UNSET
    problems: str | Unset = UNSET
    officer: str | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class NewDisbursement:
    """A disbursement to record; the same project, date, amount and note twice is the same disbursement."""

    paid_on: dt.date
    amount: Decimal
    note: str = ""

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class DisbursementUpdate:
    """A disbursement's record to correct."""

    paid_on: dt.date | Unset = UNSET
    amount: Decimal | Unset = UNSET
    note: str | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class RoundFields:
    """A round of the monitoring report: its as-of date and the dates of its procedure."""

    as_of: dt.date | Unset = UNSET
    reported_on: dt.date | None | Unset = UNSET
    announced_on: dt.date | None | Unset = UNSET
    posted_on: dt.date | None | Unset = UNSET
    removed_on: dt.date | None | Unset = UNSET
    note: str | Unset = UNSET

    def __post_init__(self) -> None:
        _clean(self)


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """What one progress report says about one project: a status, details, disbursements (each optional)."""

    project_id: int
    status: NewStatus | None = None
    tracking: TrackingFields = TrackingFields()
    disbursements: tuple[NewDisbursement, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgressBatch:
    """Progress of many projects written in one operation (an import of progress workbooks): one undo step.

    Writing it twice changes nothing the second time: a status the history already says on its date is
    not written again, an entry for the same date is replaced, a disbursement already recorded (same
    project, date, amount and note) is not added again.
    """

    label: str
    updates: tuple[ProgressUpdate, ...]

    def __post_init__(self) -> None:
        _clean(self)
