"""What the procurement plan's annex says, whatever the file format: its wording, rows and grouping.

The annex of แผนการจัดซื้อจัดจ้าง lists, grouped by unit (หน่วยงาน, in the unit list's order; rows without
one last), each row of the plan that is procured (``domain.procurement.decide``): ลำดับ (restarting at 1 in
each unit) | รหัสแผนจัดซื้อจัดจ้าง | ชื่อโครงการ (exactly as in the plan) | งบประมาณโครงการ |
คาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน/ปี). Within a unit the rows keep the plan's print order: projects of
ผด.02 by strategy and program, then equipment of ผด.02/1 by type and program. The Excel exporter
(``xlsx.procurement``) writes from this, and so will the PDF one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_NAMES, month_be_year
from thaplan_desktop.domain.model import PlanData, Project
from thaplan_desktop.domain.procurement import ProcurementChoice, ProcurementRow, procurement_rows
from thaplan_desktop.exporting.form_content import edition_suffix, pd02_blocks, pd021_blocks

__all__ = [
    "HEADERS",
    "AnnexRow",
    "ProcurementAnnex",
    "UnitGroup",
    "month_text",
    "procurement_annex",
]

# --- wording ------------------------------------------------------------------------------------------
TITLE = "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year}"
HEADERS = (
    "ลำดับ", "รหัสแผนจัดซื้อจัดจ้าง", "ชื่อโครงการ", "งบประมาณโครงการ", "คาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน/ปี)",
)
UNIT_LINE = "หน่วยงาน: {unit}"
NO_UNIT = "ไม่ระบุหน่วยงาน"
TOTAL = "รวม"
GRAND_TOTAL = "รวมทั้งสิ้น"


@dataclass(frozen=True, slots=True)
class AnnexRow:
    """One line of the annex."""

    number: int  # ลำดับ within the unit
    project_id: int
    code: str  # รหัสแผนจัดซื้อจัดจ้าง, "" until the e-GP system gives it
    name: str
    budget: Decimal
    month: int | None  # fiscal month of the expected announcement
    month_text: str  # ``มีนาคม 2563``, "" without a month


@dataclass(frozen=True, slots=True)
class UnitGroup:
    """The rows of one unit, with their total."""

    unit: str
    rows: tuple[AnnexRow, ...]

    @property
    def total(self) -> Decimal:
        """The unit's budget in the annex."""
        return sum((r.budget for r in self.rows), Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class ProcurementAnnex:
    """The whole annex of one edition."""

    title_lines: tuple[str, ...]
    groups: tuple[UnitGroup, ...]

    @property
    def rows(self) -> tuple[AnnexRow, ...]:
        """Every row, group after group."""
        return tuple(row for group in self.groups for row in group.rows)

    @property
    def total(self) -> Decimal:
        """The budget of every procured row."""
        return sum((g.total for g in self.groups), Decimal("0.00"))


def month_text(fiscal_year: int, month: int | None) -> str:
    """``มีนาคม 2563`` for fiscal month 6 of fiscal year 2563; "" for no month."""
    if month is None:
        return ""
    return f"{FISCAL_MONTH_NAMES[month - 1]} {month_be_year(fiscal_year, month)}"


def _print_order(plan: PlanData) -> list[Project]:
    blocks = [*pd02_blocks(plan), *pd021_blocks(plan)]
    return [project for block in blocks for project in block.projects]


def procurement_annex(plan: PlanData, choices: Iterable[ProcurementChoice]) -> ProcurementAnnex:
    """The annex of ``plan``'s edition given the officer's ``choices`` (rows without one: the default rule)."""
    decided = {row.project.id: row for row in procurement_rows(plan, choices)}
    units = sorted(plan.units, key=lambda u: (u.position, u.id))
    unit_names = {u.id: u.name for u in units}
    grouped: dict[str, list[ProcurementRow]] = {}
    for project in _print_order(plan):
        row = decided[project.id]
        if row.decision.procured:
            grouped.setdefault(unit_names.get(project.unit_id or -1, NO_UNIT), []).append(row)
    order = [u.name for u in units if u.name in grouped] + ([NO_UNIT] if NO_UNIT in grouped else [])
    year = plan.edition.fiscal_year
    groups = tuple(
        UnitGroup(unit, tuple(
            AnnexRow(number=number, project_id=row.project.id, code=row.choice.egp_code, name=row.project.name,
                     budget=row.project.budget, month=row.month, month_text=month_text(year, row.month))
            for number, row in enumerate(grouped[unit], start=1)))
        for unit in order)
    title = TITLE.format(year=year)
    suffix = edition_suffix(plan)
    org = plan.organisation
    return ProcurementAnnex(
        title_lines=(f"{title} ({suffix})" if suffix else title,
                     f"{org.name} อำเภอ{org.district} จังหวัด{org.province}"),
        groups=groups,
    )
