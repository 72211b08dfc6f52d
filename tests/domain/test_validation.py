from decimal import Decimal

from thaplan_desktop.domain.model import Project, ProjectKind
from thaplan_desktop.domain.validation import validate_project


def test_a_complete_project_has_no_problems():
    project = Project(1, 1, ProjectKind.PROJECT, "โครงการซ่อมถนน", budget=Decimal(1), months=frozenset({2}),
                      program_id=3)
    assert validate_project(project) == []


def test_each_missing_piece_is_named_in_thai():
    project = Project(1, 1, ProjectKind.EQUIPMENT, "  ", budget=Decimal(-1))
    fields = {p.field: p.message for p in validate_project(project)}
    assert fields == {
        "name": "ยังไม่ได้ใส่ชื่อครุภัณฑ์",
        "budget": "งบประมาณต้องไม่ติดลบ",
        "months": "ยังไม่ได้เลือกเดือนที่ดำเนินการ",
        "program": "ยังไม่ได้จัดเข้าแผนงาน",
        "equipment_type": "ยังไม่ได้ระบุประเภทครุภัณฑ์",
    }
