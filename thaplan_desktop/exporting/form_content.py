"""What the printed forms say, whatever the file format: wording, titles and the grouping of rows.

The wording of DOMAIN.md §4 (form codes, titles, column headers, total labels) is kept here, in one place,
so that an office can correct it; the PDF (``pdf/``) and Excel (``xlsx/``) exporters both print from it.
The grouping of rows (ผด.02 by strategy then program, ผด.02/1 by equipment type then program, in print
order) lives in ``domain.grouping``, which the reports of the plan in use share; its names are kept here too.
"""

from __future__ import annotations

from thaplan_desktop.domain.grouping import UNFILED_PROGRAM, Block, pd02_blocks, pd021_blocks
from thaplan_desktop.domain.model import (
    EditionKind,
    PlanData,
    ProjectKind,
    default_title_suffix,
)
from thaplan_desktop.domain.summary import PlanSummary, summarize

# --- wording (DOMAIN.md §4) ------------------------------------------------------------------------
PD01_CODE = "แบบ ผด.01"
PD02_CODE = "แบบ ผด.02"
PD021_CODE = "แบบ ผด.02/1"
PD01_TITLE = "บัญชีสรุปจำนวนโครงการและงบประมาณ"
PD02_TITLE = "บัญชีโครงการ/กิจกรรม/งบประมาณ"
PD021_TITLE = "บัญชีจำนวนครุภัณฑ์สำหรับที่ไม่ได้ดำเนินการตามโครงการพัฒนาท้องถิ่น"
PD01_HEADERS = (
    "ยุทธศาสตร์/แผนงาน", "จำนวนโครงการที่ดำเนินการ", "คิดเป็นร้อยละของโครงการทั้งหมด", "จำนวนงบประมาณ",
    "คิดเป็นร้อยละของงบประมาณทั้งหมด", "หน่วยดำเนินการ",
)
PD02_HEADERS = (
    "ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ (บาท)", "สถานที่ดำเนินการ",
    "หน่วยงานรับผิดชอบหลัก",
)
PD021_HEADERS = (
    "ที่", "ครุภัณฑ์", "รายละเอียดของครุภัณฑ์", "งบประมาณ (บาท)", "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก",
)
TOTAL = "รวม"
GRAND_TOTAL = "รวมทั้งสิ้น"


def plan_title(plan: PlanData) -> str:
    """``แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563`` plus the edition's suffix in brackets."""
    suffix = edition_suffix(plan)
    base = f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {plan.edition.fiscal_year}"
    return f"{base} ({suffix})" if suffix else base


def edition_suffix(plan: PlanData) -> str:
    """``เพิ่มเติม ฉบับที่ 1`` / ``แก้ไขครั้งที่ 2/2568`` for later editions, "" for the main plan."""
    edition = plan.edition
    if edition.kind is EditionKind.MAIN:
        return edition.title_suffix
    return edition.title_suffix or default_title_suffix(edition.kind, edition.number, edition.fiscal_year)


def form_title_lines(first_line: str, plan_title: str, plan: PlanData) -> list[str]:
    """The three title lines: form name, plan title with year (and suffix), the organisation."""
    org = plan.organisation
    return [first_line, plan_title, f"{org.name} อำเภอ{org.district} จังหวัด{org.province}"]



def summary_of(plan: PlanData, *, include_equipment: bool = False) -> PlanSummary:
    """ผด.01 figures for the edition (projects only unless ``include_equipment``)."""
    projects = [p for p in plan.projects if include_equipment or p.kind is ProjectKind.PROJECT]
    return summarize(plan.strategies, plan.programs, projects, {u.id: u.name for u in plan.units})


__all__ = ["UNFILED_PROGRAM", "Block", "pd02_blocks", "pd021_blocks"]  # re-exported from domain.grouping
