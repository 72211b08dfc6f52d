"""Small plans built by hand for the Excel export tests (no database needed)."""

from __future__ import annotations

from decimal import Decimal

from thaplan_desktop.domain.model import (
    Edition,
    NamedItem,
    Organisation,
    OrgKind,
    PlanData,
    Program,
    Project,
    ProjectKind,
    Strategy,
    Unit,
)


def small_plan(projects: list[Project] | None = None) -> PlanData:
    """Two strategies, three programs, units, equipment types, and a few projects and items."""
    strategies = (Strategy(1, 1, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", 1),
                  Strategy(2, 2, "ยุทธศาสตร์การพัฒนาคนและสังคม", 2))
    programs = (Program(10, 1, "แผนงานเคหะและชุมชน", 1, "00240"),
                Program(11, 1, "แผนงานอุตสาหกรรมและการโยธา", 2, "00310"),
                Program(20, 2, "แผนงานบริหารงานทั่วไป", 1, "00110"))
    units = (Unit(1, "สำนักปลัด"), Unit(2, "กองช่าง"), Unit(3, "กองคลัง"))
    types = (NamedItem(1, "ครุภัณฑ์สำนักงาน", 1), NamedItem(2, "ครุภัณฑ์คอมพิวเตอร์", 2))
    if projects is None:
        projects = [
            Project(1, 1, ProjectKind.PROJECT, "โครงการก่อสร้างถนน ค.ส.ล. สายบ้านนา - บ้านไร่ หมู่ที่ 1",
                    "ผิวจราจรกว้าง 5 เมตร ยาว 150 เมตร หนา 0.15 เมตร หรือพื้นที่ไม่น้อยกว่า 750 ตารางเมตร",
                    Decimal("376000.00"), "บ้านนา หมู่ที่ 1", 2, frozenset({4, 5, 6}), 11, position=1),
            Project(2, 1, ProjectKind.PROJECT, "โครงการติดตั้งไฟฟ้าส่องสว่าง", "โคม LED 12 ชุด",
                    Decimal("55800.50"), "หมู่ที่ 5", 2, frozenset({3}), 10, position=2),
            Project(3, 1, ProjectKind.PROJECT, "โครงการจัดเวทีประชาคม", "", Decimal("16500.00"), "ทุกหมู่บ้าน",
                    1, frozenset(range(1, 13)), 20, position=3),
            Project(4, 1, ProjectKind.PROJECT, "โครงการที่ยังไม่ได้จัดเข้าแผนงาน", "รายละเอียด",
                    Decimal("0.00"), "", None, frozenset({2, 7}), None, position=4),
            Project(5, 1, ProjectKind.EQUIPMENT, "ตู้เหล็กเก็บเอกสาร", "2 ตู้ ตู้ละ 5,900 บาท",
                    Decimal("11800.00"), "ที่ทำการ", 1, frozenset({3, 4}), 20, equipment_type_id=1, position=5),
            Project(6, 1, ProjectKind.EQUIPMENT, "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "1 เครื่อง", Decimal("16000.00"),
                    "ที่ทำการ", 3, frozenset({9}), 20, equipment_type_id=2, position=6),
        ]
    return PlanData(
        organisation=Organisation(1, OrgKind.SAO, "องค์การบริหารส่วนตำบลท่าสะท้อน", "พุนพิน", "สุราษฎร์ธานี"),
        edition=Edition(1, 2563),
        strategies=strategies, programs=programs, units=units, equipment_types=types,
        funding_sources=(), projects=tuple(projects),
    )
