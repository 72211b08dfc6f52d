"""Which rows the procurement plan lists by default, and how the officer's choice wins over the rule."""

from decimal import Decimal

import pytest

from thaplan_desktop.domain.model import Project, ProjectKind
from thaplan_desktop.domain.procurement import (
    PROCUREMENT_WORDS,
    ProcurementChoice,
    announcement_month,
    decide,
    default_rule,
)


def row(name, details="", kind=ProjectKind.PROJECT, months=frozenset({5, 6})):
    return Project(id=1, edition_id=1, kind=kind, name=name, details=details, budget=Decimal("1000"),
                   months=frozenset(months))


@pytest.mark.parametrize("name", [
    "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 2",
    "โครงการปรับปรุงอาคารศูนย์พัฒนาเด็กเล็ก",
    "โครงการซ่อมแซมบ้านผู้ยากไร้",
    "จัดซื้อวัสดุการเกษตร",
    "โครงการจัดจ้างที่ปรึกษา",
    "โครงการติดตั้งกล้องโทรทัศน์วงจรปิด",
    "โครงการขุดลอกคลองท่าสะท้อน",
])
def test_a_project_that_builds_buys_hires_or_repairs_is_procured(name):
    decision = default_rule(row(name))
    assert decision.procured
    assert not decision.by_officer
    assert "“" in decision.reason


def test_the_details_count_as_much_as_the_name():
    assert default_rule(row("โครงการบำรุงรักษาระบบประปาหมู่บ้าน", "ซ่อมแซมท่อและเปลี่ยนมาตรวัดน้ำ")).procured


@pytest.mark.parametrize("name", [
    "โครงการจัดงานวันเด็กแห่งชาติ",
    "โครงการสนับสนุนเบี้ยยังชีพผู้สูงอายุ",
    "โครงการฝึกอบรมช่างซ่อมเครื่องยนต์เล็ก",  # "ซ่อม" alone is not the word ซ่อมแซม
    "โครงการส่งเสริมอาชีพรับจ้างกรีดยาง",  # "จ้าง" inside รับจ้าง
])
def test_other_projects_are_not(name):
    assert not default_rule(row(name)).procured


def test_every_equipment_row_is_procured():
    assert default_rule(row("ตู้เหล็กเก็บเอกสาร", kind=ProjectKind.EQUIPMENT)).procured


def test_another_agencys_project_and_a_subsidy_are_not_the_offices_procurement():
    road = row("โครงการซ่อมสร้างผิวจราจรแอสฟัลต์ติกคอนกรีต")
    assert default_rule(road).procured
    by_other = default_rule(road, external_unit="อบจ.สุราษฎร์ธานี")
    assert not by_other.procured
    assert "อบจ.สุราษฎร์ธานี" in by_other.reason
    subsidy = default_rule(row("โครงการอุดหนุนการไฟฟ้าส่วนภูมิภาค เพื่อขยายเขตระบบจำหน่ายไฟฟ้า"))
    assert not subsidy.procured


def test_the_officer_decides_over_the_rule():
    training = row("โครงการฝึกอบรมอาสาสมัคร")
    assert decide(training, ProcurementChoice(1, procured=True)).procured
    assert decide(training, ProcurementChoice(1, procured=True)).by_officer
    road = row("โครงการก่อสร้างถนน")
    assert not decide(road, ProcurementChoice(1, procured=False)).procured
    assert decide(road, ProcurementChoice(1, procured=None, egp_code="P6305000001")).procured


def test_the_expected_month_is_the_first_month_of_the_run_unless_set():
    split = row("x", months={2, 3, 8})
    assert announcement_month(split, None) == 2
    assert announcement_month(split, ProcurementChoice(1)) == 2
    assert announcement_month(split, ProcurementChoice(1, month=1)) == 1
    assert announcement_month(row("x", months=set()), None) is None


def test_the_word_list_is_kept_in_one_place():
    assert {"ก่อสร้าง", "ปรับปรุง", "ซ่อมแซม", "จัดซื้อ", "จัดจ้าง", "ติดตั้ง", "ขุด"} <= set(PROCUREMENT_WORDS)
