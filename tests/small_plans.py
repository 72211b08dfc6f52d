"""Small plans built row by row in a test, so that every figure a test expects can be worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.workspace import ProjectFields, Workspace


def new_plan(path: Path, fiscal_year: int = 2563) -> Workspace:
    """An empty plan of อบต.ท่าสะท้อน."""
    return Workspace.create(path, name="องค์การบริหารส่วนตำบลท่าสะท้อน", district="พุนพิน",
                            province="สุราษฎร์ธานี", fiscal_year=fiscal_year)


def strategy_with_program(ws: Workspace, strategy: str, program: str) -> tuple[int, int]:
    """Add a strategy with one program; their ids."""
    ws.add_strategy(strategy)
    strategy_id = max(s.id for s in ws.strategies())
    ws.add_program(strategy_id, program)
    program_id = max(p.id for p in ws.programs() if p.strategy_id == strategy_id)
    return strategy_id, program_id


def add_row(ws: Workspace, edition_id: int, name: str, budget: str, months: set[int], *, unit: str = "",
            program: int | None = None, details: str = "", kind: ProjectKind = ProjectKind.PROJECT) -> int:
    """Add one project (or equipment row); its id."""
    changes = ws.add_project(edition_id, ProjectFields(
        kind=kind, name=name, details=details, budget=Decimal(budget), months=months, unit_name=unit,
        program_id=program))
    return changes.created[0]


@dataclass(frozen=True)
class CalendarPlan:
    """The calendar test plan of fiscal 2563 and its rows' ids."""

    path: Path
    edition_id: int
    road: int  # ต.ค.–พ.ย. + มี.ค.: two runs
    training: int  # มี.ค. only
    allowance: int  # the whole year
    cabinet: int  # equipment, ก.พ.–เม.ย.
    undated: int  # no months
    infrastructure: int  # strategy 1
    society: int  # strategy 2


def calendar_plan(path: Path) -> CalendarPlan:
    """Five rows over two strategies and three units, with the trigger of the budget on 20 ก.พ. 2563."""
    import datetime as dt

    from thaplan_desktop.workspace import EditionFields

    with new_plan(path) as ws:
        edition = ws.find_edition().id
        ws.update_edition(edition, EditionFields(trigger_date=dt.date(2020, 2, 20)))
        s1, p1 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", "แผนงานอุตสาหกรรมและการโยธา")
        s2, p2 = strategy_with_program(ws, "ยุทธศาสตร์การพัฒนาด้านคุณภาพชีวิต", "แผนงานสังคมสงเคราะห์")
        road = add_row(ws, edition, "โครงการก่อสร้างถนน คสล. หมู่ที่ 2", "500000", {1, 2, 6}, unit="กองช่าง",
                       program=p1, details="กว้าง 4 เมตร ยาว 200 เมตร")
        training = add_row(ws, edition, "โครงการอบรมอาสาสมัคร", "30000", {6}, unit="สำนักปลัด", program=p2)
        allowance = add_row(ws, edition, "โครงการเบี้ยยังชีพผู้สูงอายุ", "1200000", set(range(1, 13)),
                            unit="กองสวัสดิการสังคม", program=p2)
        cabinet = add_row(ws, edition, "ตู้เหล็กเก็บเอกสาร", "11000", {5, 6, 7}, unit="สำนักปลัด", program=p1,
                          kind=ProjectKind.EQUIPMENT)
        undated = add_row(ws, edition, "โครงการที่ยังไม่กำหนดเดือน", "5000", set(), unit="กองช่าง", program=p1)
    return CalendarPlan(path, edition, road, training, allowance, cabinet, undated, s1, s2)
