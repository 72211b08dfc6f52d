"""The procurement plan (แผนการจัดซื้อจัดจ้าง): which rows of the plan are procured, and when, by default.

Under the public procurement act (พ.ร.บ. การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11) the
office publishes a yearly procurement plan whose annex lists the projects it will buy or hire for, with
the month it expects to announce each. The officer decides per row (``ProcurementChoice``); where they have
not, the default rule decides:

- every equipment row (ผด.02/1) is procured — equipment is bought;
- a project (ผด.02) is procured when its name or details say it builds, buys, hires or repairs (a word of
  ``PROCUREMENT_WORDS``) — unless it is carried out by another agency (an external unit: that agency
  procures it, not the office) or is a subsidy (a word of ``NOT_PROCURED_WORDS``: the office hands the
  money over);
- every other project is not.

The expected announcement month is the officer's, else the first month of the project's run. The word
lists live here and nowhere else, so that an office can correct them in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from thaplan_desktop.domain.model import PlanData, Project, ProjectKind

__all__ = [
    "NOT_PROCURED_WORDS",
    "PROCUREMENT_METHODS",
    "PROCUREMENT_WORDS",
    "ProcurementChoice",
    "ProcurementDecision",
    "ProcurementRow",
    "announcement_month",
    "decide",
    "default_rule",
    "procurement_rows",
    "procurement_words_in",
]

# Words that say a project builds, buys, hires or repairs. Thai has no spaces between words: each is
# looked for anywhere in the name and the details, so each must be specific enough not to occur inside
# unrelated words ("ซ่อม" alone would catch a course on repairing engines; "จ้าง" alone, "รับจ้าง").
PROCUREMENT_WORDS: tuple[str, ...] = (
    "ก่อสร้าง", "ปรับปรุง", "ซ่อมแซม", "ซ่อมสร้าง", "ซ่อมบำรุง", "จัดซื้อ", "จัดจ้าง", "จ้างเหมา", "ติดตั้ง",
    "ขุด", "เจาะบ่อ", "วางท่อ", "ขยายเขต", "ต่อเติม", "รื้อถอน", "ลาดยาง", "เสริมผิว",
)
# Words that say the office hands money to another body, which then procures (เงินอุดหนุน).
NOT_PROCURED_WORDS: tuple[str, ...] = ("อุดหนุน",)

# Procurement methods (มาตรา 55), offered to the officer; the column keeps any text typed.
PROCUREMENT_METHODS: tuple[str, ...] = (
    "วิธีประกาศเชิญชวนทั่วไป (e-bidding)",
    "วิธีประกาศเชิญชวนทั่วไป (e-market)",
    "วิธีประกาศเชิญชวนทั่วไป (สอบราคา)",
    "วิธีคัดเลือก",
    "วิธีเฉพาะเจาะจง",
)

TEXTS = {
    "equipment": "ครุภัณฑ์ (ผด.02/1) อยู่ในแผนการจัดซื้อจัดจ้างทุกรายการ",
    "external": "ดำเนินการโดยหน่วยงานอื่น ({unit}) ซึ่งจัดซื้อจัดจ้างเอง",
    "subsidy": "เป็นเงินอุดหนุน (มีคำว่า “{word}”) ผู้รับเงินเป็นผู้จัดซื้อจัดจ้าง",
    "words": "ชื่อหรือรายละเอียดมีคำว่า {words}",
    "no_words": "ชื่อและรายละเอียดไม่มีคำที่บอกว่าก่อสร้าง จัดซื้อ จัดจ้าง หรือซ่อมแซม",
    "officer": "เจ้าหน้าที่กำหนดเอง",
}


@dataclass(frozen=True, slots=True)
class ProcurementChoice:
    """What the officer set for one row: ``None`` leaves the decision to the default rule."""

    project_id: int
    procured: bool | None = None
    method: str = ""
    egp_code: str = ""  # รหัสแผนจัดซื้อจัดจ้าง, once the e-GP system gives it (e.g. P6805001234)
    month: int | None = None  # fiscal month of the expected announcement (1 = ต.ค.); None: the run's first


@dataclass(frozen=True, slots=True)
class ProcurementDecision:
    """Whether a row is in the procurement plan, and why (Thai), as the officer's screen explains it."""

    procured: bool
    reason: str
    by_officer: bool = False


def procurement_words_in(text: str) -> list[str]:
    """The words of ``PROCUREMENT_WORDS`` found in ``text``, in the list's order."""
    return [word for word in PROCUREMENT_WORDS if word in text]


def default_rule(project: Project, *, external_unit: str = "") -> ProcurementDecision:
    """The default decision for a row; ``external_unit`` names the row's unit when it is another agency."""
    if project.kind is ProjectKind.EQUIPMENT:
        return ProcurementDecision(True, TEXTS["equipment"])
    if external_unit:
        return ProcurementDecision(False, TEXTS["external"].format(unit=external_unit))
    text = f"{project.name}\n{project.details}"
    subsidy = next((word for word in NOT_PROCURED_WORDS if word in project.name), None)
    if subsidy is not None:
        return ProcurementDecision(False, TEXTS["subsidy"].format(word=subsidy))
    words = procurement_words_in(text)
    if words:
        return ProcurementDecision(True, TEXTS["words"].format(words=", ".join(f"“{w}”" for w in words)))
    return ProcurementDecision(False, TEXTS["no_words"])


def decide(project: Project, choice: ProcurementChoice | None, *, external_unit: str = "") -> ProcurementDecision:
    """The officer's decision where there is one, else the default rule's."""
    if choice is not None and choice.procured is not None:
        return ProcurementDecision(choice.procured, TEXTS["officer"], by_officer=True)
    return default_rule(project, external_unit=external_unit)


def announcement_month(project: Project, choice: ProcurementChoice | None) -> int | None:
    """Fiscal month the announcement is expected: the officer's, else the first month of the run (or None)."""
    if choice is not None and choice.month is not None:
        return choice.month
    return min(project.months) if project.months else None


@dataclass(frozen=True, slots=True)
class ProcurementRow:
    """One row of the plan as the procurement plan sees it: what the officer set, and what follows."""

    project: Project
    choice: ProcurementChoice
    decision: ProcurementDecision
    month: int | None  # fiscal month of the expected announcement


def procurement_rows(plan: PlanData, choices: Iterable[ProcurementChoice]) -> list[ProcurementRow]:
    """Every row of ``plan`` with its decision and expected month, in the plan's stored order.

    The officer's screen lists these (procured or not, and why); the annex keeps the procured ones.
    """
    by_id = {c.project_id: c for c in choices}
    external = {u.id: u.name for u in plan.units if u.is_external}
    rows = []
    for project in plan.projects:
        choice = by_id.get(project.id) or ProcurementChoice(project.id)
        decision = decide(project, choice, external_unit=external.get(project.unit_id or -1, ""))
        rows.append(ProcurementRow(project, choice, decision, announcement_month(project, choice)))
    return rows
