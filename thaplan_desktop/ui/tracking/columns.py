"""The ติดตามผล grid's columns, declared once as specs, and how a typed status or progress becomes an entry.

Each ``TrackingColumn`` says how to read a row's value (``getter`` over the plan's ``Project`` and its
as-of ``ProjectProgress``), show it (``format``), which editor it takes and how wide it starts, like the
entry grid's ``ui.columns``. Quick entry is keyboard-first: the status cell takes 1–6 (or ๑–๖) or the
first letters of a status (``parse_status``), the progress cell a whole percent (``parse_progress``);
``status_entry`` and ``progress_entry`` turn what was typed into the workspace's ``NewStatus``, effective
on the tab's as-of day.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import Project, ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.thai import to_arabic_digits
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.status import STATUS_LABELS, TrackingError, status_from_label
from thaplan_desktop.tracking.views import ProjectProgress
from thaplan_desktop.workspace import NewStatus

if TYPE_CHECKING:
    from thaplan_desktop.ui.state import PlanState

TEXTS = {
    "name": "โครงการ / ครุภัณฑ์",
    "unit": "หน่วยงาน\nรับผิดชอบ",
    "budget": "งบประมาณ\n(บาท)",
    "status": "สถานะ",
    "progress": "ความคืบหน้า\n(ร้อยละ)",
    "disbursed": "เบิกจ่ายแล้ว\n(บาท)",
    "remaining": "คงเหลือ\n(บาท)",
    "last_update": "ปรับปรุง\nล่าสุด",
    "equipment": "ครุภัณฑ์: {name}",
    "status_tip": "พิมพ์ 1–6 หรืออักษรแรกของสถานะ แล้วกด Enter (ลงแถวถัดไป)\n{choices}",
    "progress_tip": "พิมพ์ร้อยละ 0–100 แล้วกด Enter",
    "disbursed_tip": "กด Enter หรือพิมพ์จำนวนเงิน เพื่อบันทึกการเบิกจ่ายครั้งใหม่ของโครงการนี้",
    "choice": "{number} = {label}",
    "no_status": "ไม่รู้จักสถานะ “{text}”: พิมพ์ 1–6 หรืออักษรแรก ({choices})",
    "ambiguous": "“{text}” ตรงกับหลายสถานะ ({which}) พิมพ์ให้ยาวขึ้นหรือใช้ตัวเลข",
    "unknown_own": "สถานะ “ไม่ได้รับรายงาน” ใช้กับโครงการของหน่วยงานอื่นเท่านั้น",
    "bad_progress": "ความคืบหน้าต้องเป็นร้อยละ 0 ถึง 100 (ได้รับ “{text}”)",
}

# The order a person types statuses in: 1 = not started … 6 = not reported (another agency's project).
ENTRY_ORDER: tuple[TrackingStatus, ...] = (
    TrackingStatus.NOT_STARTED, TrackingStatus.IN_PROGRESS, TrackingStatus.DONE, TrackingStatus.CANCELLED,
    TrackingStatus.CARRIED_OVER, TrackingStatus.UNKNOWN)
STATUS_CHOICES = "\n".join(TEXTS["choice"].format(number=i, label=STATUS_LABELS[s])
                           for i, s in enumerate(ENTRY_ORDER, start=1))
_NUMBERED = re.compile(r"^\s*([1-6])\s*(?:[·.:)\-]\s*.*)?$")


class CellError(ValueError):
    """What was typed does not fit the column; the message is Thai."""


class TrackingEditor(enum.Enum):
    """Which editor a column takes."""

    NONE = "none"
    STATUS = "status"
    PROGRESS = "progress"
    DISBURSEMENT = "disbursement"  # opens the new-disbursement dialog


Getter = Callable[[Project, ProjectProgress | None, "PlanState"], Any]


@dataclass(frozen=True, slots=True)
class TrackingColumn:
    """One column of the ติดตามผล grid."""

    key: str
    title: str
    getter: Getter
    format: Callable[[Any], str]
    editor: TrackingEditor = TrackingEditor.NONE
    width: int = 100
    align_right: bool = False
    tooltip: str = ""
    stretch: bool = False  # takes the width the others leave

    @property
    def editable(self) -> bool:
        """The cell changes through the keyboard (an entry, or the disbursement dialog)."""
        return self.editor is not TrackingEditor.NONE


def status_label(status: TrackingStatus) -> str:
    """The Thai label of a status."""
    return STATUS_LABELS[status]


def parse_status(text: str, *, external: bool = True) -> TrackingStatus:
    """A status from what was typed: 1–6 (Thai digits too), a label, a common variant, or its first letters."""
    raw = to_arabic_digits(str(text)).strip()
    numbered = _NUMBERED.match(raw)
    if numbered:
        status = ENTRY_ORDER[int(numbered.group(1)) - 1]
    else:
        status = _status_by_words(raw)
    if status is TrackingStatus.UNKNOWN and not external:
        raise CellError(TEXTS["unknown_own"])
    return status


def _status_by_words(raw: str) -> TrackingStatus:
    key = "".join(raw.split())
    choices = ", ".join(f"{i} {STATUS_LABELS[s]}" for i, s in enumerate(ENTRY_ORDER, start=1))
    if not key:
        raise CellError(TEXTS["no_status"].format(text=raw, choices=choices))
    try:
        return status_from_label(key)
    except TrackingError:
        pass
    found = [s for s in ENTRY_ORDER if "".join(STATUS_LABELS[s].split()).startswith(key)]
    if len(found) == 1:
        return found[0]
    if found:
        raise CellError(TEXTS["ambiguous"].format(text=raw, which=", ".join(STATUS_LABELS[s] for s in found)))
    raise CellError(TEXTS["no_status"].format(text=raw, choices=choices))


def parse_progress(text: str) -> int:
    """A whole percent 0–100 from what was typed ("45", "45%", "๔๕", "ร้อยละ 45")."""
    raw = to_arabic_digits(str(text)).replace("ร้อยละ", "").replace("%", "").strip()
    try:
        value = float(raw)
    except ValueError:
        raise CellError(TEXTS["bad_progress"].format(text=str(text).strip())) from None
    if value != int(value) or not 0 <= value <= 100:
        raise CellError(TEXTS["bad_progress"].format(text=str(text).strip()))
    return int(value)


def status_entry(row: ProjectProgress, status: TrackingStatus, as_of: dt.date, reason: str = "") -> NewStatus:
    """The entry a typed status makes: effective on ``as_of``, keeping the progress where it still fits."""
    progress = row.progress
    if status is TrackingStatus.DONE:
        progress = 100
    elif status is TrackingStatus.NOT_STARTED:
        progress = 0
    elif status is TrackingStatus.IN_PROGRESS and row.status in (TrackingStatus.DONE, TrackingStatus.NOT_STARTED):
        progress = None  # begun, or reopened: how far it is, the officer says next (Tab → ร้อยละ)
    if status is TrackingStatus.CANCELLED and not reason:
        reason = row.reason if row.status is TrackingStatus.CANCELLED else ""
    return NewStatus(status, as_of, progress, reason)


def progress_entry(row: ProjectProgress, progress: int, as_of: dt.date) -> NewStatus:
    """The entry a typed progress makes: the status in force, moved on when the percent says so.

    Not started with some progress is in progress; done with less than 100 is in progress again; any
    other status keeps its reason.
    """
    status = row.status
    if status is TrackingStatus.NOT_STARTED and progress > 0:
        status = TrackingStatus.IN_PROGRESS
    elif status is TrackingStatus.DONE and progress < 100:
        status = TrackingStatus.IN_PROGRESS
    elif status is TrackingStatus.UNKNOWN:
        status = TrackingStatus.IN_PROGRESS if 0 < progress < 100 else (
            TrackingStatus.DONE if progress == 100 else TrackingStatus.NOT_STARTED)
    return NewStatus(status, as_of, progress, row.reason if status is row.status else "")


def flag_tooltip(row: ProjectProgress | None) -> str:
    """The flags in full, as the report words them."""
    if row is None:
        return ""
    parts = []
    if row.should_have_started:
        parts.append(forms.FLAGS["late"])
    if row.over_budget:
        parts.append(forms.FLAGS["over_budget"])
    elif row.over_contract:
        parts.append(forms.FLAGS["over_contract"])
    if row.status is TrackingStatus.CANCELLED and row.reason:
        parts.append(forms.FLAGS["cancelled"].format(reason=row.reason))
    return "\n".join(parts)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _money(value: Any) -> str:
    return "" if value is None else format_money(value, always_satang=True)


def _day(value: Any) -> str:
    return format_thai_date(value, short=True) if isinstance(value, dt.date) else ""


def _name(project: Project, _row: ProjectProgress | None, _state: PlanState) -> str:
    if project.kind is ProjectKind.EQUIPMENT:
        return TEXTS["equipment"].format(name=project.name)
    return project.name


COLUMNS: tuple[TrackingColumn, ...] = (
    TrackingColumn("name", TEXTS["name"], _name, _text, width=300, stretch=True),
    TrackingColumn("unit", TEXTS["unit"], lambda p, r, s: s.unit_name(p.unit_id), _text, width=112),
    TrackingColumn("budget", TEXTS["budget"], lambda p, r, s: p.budget, _money, width=104, align_right=True),
    TrackingColumn("status", TEXTS["status"], lambda p, r, s: r.status if r else None,
                   lambda v: status_label(v) if v else "", TrackingEditor.STATUS, width=146,
                   tooltip=TEXTS["status_tip"].format(choices=STATUS_CHOICES)),
    TrackingColumn("progress", TEXTS["progress"], lambda p, r, s: r.progress if r else None, _text,
                   TrackingEditor.PROGRESS, width=76, align_right=True, tooltip=TEXTS["progress_tip"]),
    TrackingColumn("disbursed", TEXTS["disbursed"], lambda p, r, s: r.disbursed if r else None, _money,
                   TrackingEditor.DISBURSEMENT, width=104, align_right=True, tooltip=TEXTS["disbursed_tip"]),
    TrackingColumn("remaining", TEXTS["remaining"], lambda p, r, s: r.remaining if r else None, _money,
                   width=104, align_right=True),
    TrackingColumn("last_update", TEXTS["last_update"], lambda p, r, s: r.last_update if r else None, _day,
                   width=84),
)
COLUMN_INDEX = {spec.key: i for i, spec in enumerate(COLUMNS)}
