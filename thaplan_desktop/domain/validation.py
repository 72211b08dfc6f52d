"""Validation rules for a project row, returning Thai messages a planning officer can act on."""

from __future__ import annotations

from dataclasses import dataclass

from thaplan_desktop.domain.model import Project, ProjectKind


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a project: the field concerned and a Thai message."""

    field: str
    message: str


def validate_project(project: Project) -> list[Problem]:
    """Problems that keep a project out of a correct ผด.02 / ผด.02/1 (empty list when it is fine)."""
    problems: list[Problem] = []
    if not project.name.strip():
        what = "ครุภัณฑ์" if project.kind is ProjectKind.EQUIPMENT else "โครงการ"
        problems.append(Problem("name", f"ยังไม่ได้ใส่ชื่อ{what}"))
    if project.budget < 0:
        problems.append(Problem("budget", "งบประมาณต้องไม่ติดลบ"))
    if not project.months:
        problems.append(Problem("months", "ยังไม่ได้เลือกเดือนที่ดำเนินการ"))
    elif not all(1 <= m <= 12 for m in project.months):
        problems.append(Problem("months", "เดือนต้องอยู่ในปีงบประมาณ (ต.ค. ถึง ก.ย.)"))
    if project.program_id is None:
        problems.append(Problem("program", "ยังไม่ได้จัดเข้าแผนงาน"))
    if project.kind is ProjectKind.EQUIPMENT and project.equipment_type_id is None:
        problems.append(Problem("equipment_type", "ยังไม่ได้ระบุประเภทครุภัณฑ์"))
    return problems
