"""The entry grid's columns, declared once as a list of specs laid out like form ผด.02.

Each ``ColumnSpec`` says how to read a project's value (``getter``), show it (``format``), read what the
user typed or pasted (``parse``, raising ``CellError`` with a Thai message), turn it into the workspace's
``ProjectFields`` (``setter``), which editor fits it, and how wide it starts. The table model, the delegates, the
paste and copy code all work from ``COLUMNS``; nothing else knows the column order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, FISCAL_MONTH_NAMES
from thaplan_desktop.domain.model import Project
from thaplan_desktop.domain.money import MoneyError, format_money, parse_money
from thaplan_desktop.domain.thai import normalise_space
from thaplan_desktop.workspace import ProjectFields

if TYPE_CHECKING:
    from thaplan_desktop.ui.state import PlanState

TEXTS = {
    "number": "ที่",
    "name": "โครงการ",
    "details": "รายละเอียดของกิจกรรม\nที่เกิดขึ้นจากโครงการ",
    "budget": "งบประมาณ\n(บาท)",
    "location": "สถานที่\nดำเนินการ",
    "unit": "หน่วยงาน\nรับผิดชอบหลัก",
    "name_tip": "ชื่อโครงการ (แบบ ผด.02) หรือชื่อครุภัณฑ์ (แบบ ผด.02/1)",
    "budget_tip": "พิมพ์ได้ทั้ง 250000, 250,000 หรือเลขไทย ๒๕๐๐๐๐",
    "month_tip": "คลิกหรือกดเว้นวรรคเพื่อเลือก/ยกเลิกเดือน ลากผ่านหลายเดือนเพื่อกำหนดช่วง",
    "bad_month": "ช่องเดือนต้องว่าง หรือมีเครื่องหมาย เช่น ✓ หรือ x (ได้รับ “{text}”)",
}

# What counts as "off" in a month cell pasted from a spreadsheet.
_MONTH_OFF = {"", "-", "0", "–", "—", "no", "false", "ไม่"}


class Editor(Enum):
    """Which editor a column uses."""

    NONE = "none"
    MULTILINE = "multiline"
    LINE = "line"
    MONEY = "money"
    UNIT = "unit"
    MONTH = "month"


class CellError(ValueError):
    """A value that does not fit its column; the message is Thai."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of the entry grid."""

    key: str
    title: str
    getter: Callable[[Project, PlanState], Any]
    format: Callable[[Any], str]
    parse: Callable[[str, PlanState], Any] | None = None  # text typed or pasted → value
    setter: Callable[[Any], ProjectFields] | None = None  # value → workspace fields
    editor: Editor = Editor.NONE
    width: int = 100
    align_right: bool = False
    tooltip: str = ""
    month: int | None = None  # fiscal month 1..12 of a month column

    @property
    def editable(self) -> bool:
        """True when the user can change the column's values."""
        return self.setter is not None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _parse_name(text: str, _state: PlanState) -> str:
    return text.strip()


def _parse_line(text: str, _state: PlanState) -> str:
    return normalise_space(text)


def _parse_budget(text: str, _state: PlanState) -> Decimal:
    try:
        amount = parse_money(text)
    except MoneyError as exc:
        raise CellError(str(exc)) from exc
    return amount if amount is not None else Decimal("0.00")


def _format_budget(value: Any) -> str:
    return format_money(value, always_satang=True)


def _parse_unit(text: str, _state: PlanState) -> str:
    return normalise_space(text)


def parse_month_cell(text: str) -> bool:
    """A month cell as pasted: empty, "-" or "0" is off; a mark (✓, x, /, ●, 1, →) is on."""
    value = normalise_space(text).lower()
    if value in _MONTH_OFF:
        return False
    if len(value) <= 3 or value in ("true", "yes", "ใช่"):
        return True
    raise CellError(TEXTS["bad_month"].format(text=text.strip()))


def _month_column(month: int) -> ColumnSpec:
    def on(project: Project, _state: PlanState) -> bool:
        return month in project.months

    return ColumnSpec(
        key=f"m{month}", title=FISCAL_MONTH_ABBR[month - 1],
        getter=on,
        format=lambda on: "✓" if on else "",
        parse=lambda text, _s: parse_month_cell(text),
        setter=None,  # month cells change through toggle/drag, merged into the months set
        editor=Editor.MONTH, width=30, tooltip=f"{FISCAL_MONTH_NAMES[month - 1]} — {TEXTS['month_tip']}",
        month=month,
    )


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("number", TEXTS["number"], getter=lambda p, s: None, format=_text, width=40, align_right=True),
    ColumnSpec("name", TEXTS["name"], getter=lambda p, s: p.name, format=_text, parse=_parse_name,
               setter=lambda v: ProjectFields(name=v), editor=Editor.MULTILINE, width=250, tooltip=TEXTS["name_tip"]),
    ColumnSpec("details", TEXTS["details"], getter=lambda p, s: p.details, format=_text, parse=_parse_name,
               setter=lambda v: ProjectFields(details=v), editor=Editor.MULTILINE, width=290),
    ColumnSpec("budget", TEXTS["budget"], getter=lambda p, s: p.budget, format=_format_budget,
               parse=_parse_budget, setter=lambda v: ProjectFields(budget=v), editor=Editor.MONEY, width=112,
               align_right=True, tooltip=TEXTS["budget_tip"]),
    ColumnSpec("location", TEXTS["location"], getter=lambda p, s: p.location, format=_text, parse=_parse_line,
               setter=lambda v: ProjectFields(location=v), editor=Editor.LINE, width=140),
    ColumnSpec("unit", TEXTS["unit"], getter=lambda p, s: s.unit_name(p.unit_id), format=_text,
               parse=_parse_unit, setter=lambda v: ProjectFields(unit_name=v), editor=Editor.UNIT, width=140),
    *(_month_column(m) for m in range(1, 13)),
)

COLUMN_INDEX = {spec.key: i for i, spec in enumerate(COLUMNS)}
FIRST_MONTH_COLUMN = COLUMN_INDEX["m1"]
NUMBER_COLUMN = COLUMN_INDEX["number"]


def month_of_column(column: int) -> int | None:
    """The fiscal month of a column index, or None."""
    if 0 <= column < len(COLUMNS):
        return COLUMNS[column].month
    return None
