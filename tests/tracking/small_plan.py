"""A small plan of fiscal year 2563 with its tracking, built through the workspace, whose report figures the
tests know by hand (tests/tracking/test_report_figures.py spells them out).

Strategy ก: แผนงาน ข (ถนน 1, ถนน 2), แผนงาน ค (อบรม, งานประเพณี); strategy ง: แผนงาน จ (ของ อบจ., เครื่องพิมพ์
— equipment —, ลานกีฬา). The status history of ถนน 1 is entered out of order (done first, then in progress).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.workspace import (
    Location,
    NewDisbursement,
    NewStatus,
    ProjectFields,
    TrackingFields,
    Workspace,
)

D = dt.date
TODAY = D(2020, 11, 30)  # after the fiscal year: every date of the plan's history is in the past
LOGIN = "tester"


@dataclass
class SmallPlan:
    path: Location  # a SQLite file, or a database on the tests' server
    edition_id: int
    ids: dict[str, int]  # project name → id


def build_small_plan(path: Path | str, *, tracking: bool = True) -> SmallPlan:
    with Workspace.create(path, name="องค์การบริหารส่วนตำบลทดสอบ", district="เมือง", province="สุราษฎร์ธานี",
                          fiscal_year=2563) as ws:
        edition_id = ws.find_edition().id
        ws.add_unit("อบจ.ทดสอบ", is_external=True)
        ws.add_strategy("ยุทธศาสตร์ ก")
        ws.add_strategy("ยุทธศาสตร์ ง")
        first, second = ws.strategies()
        for strategy, name in ((first, "แผนงาน ข"), (first, "แผนงาน ค"), (second, "แผนงาน จ")):
            ws.add_program(strategy.id, name)
        programs = {p.name: p.id for p in ws.programs()}
        rows = (
            ("ถนน 1", "แผนงาน ข", "กองช่าง", "100000.00", {4, 5, 6}, ProjectKind.PROJECT),
            ("ถนน 2", "แผนงาน ข", "กองช่าง", "50000.00", {7}, ProjectKind.PROJECT),
            ("อบรม", "แผนงาน ค", "สำนักปลัด", "20000.00", {5}, ProjectKind.PROJECT),
            ("งานประเพณี", "แผนงาน ค", "สำนักปลัด", "30000.00", {6}, ProjectKind.PROJECT),
            ("ของ อบจ.", "แผนงาน จ", "อบจ.ทดสอบ", "1000000.00", set(range(1, 13)), ProjectKind.PROJECT),
            ("เครื่องพิมพ์", "แผนงาน จ", "สำนักปลัด", "10000.00", {3}, ProjectKind.EQUIPMENT),
            ("ลานกีฬา", "แผนงาน จ", "กองช่าง", "300000.00", {10, 11, 12}, ProjectKind.PROJECT),
        )
        for name, program, unit, budget, months, kind in rows:
            ws.add_project(edition_id, ProjectFields(kind=kind, name=name, budget=Decimal(budget), months=months,
                                                     program_id=programs[program], unit_name=unit))
        ids = {p.name: p.id for p in ws.projects(edition_id)}
        if tracking:
            _track(ws, ids)
        location = ws.location
    return SmallPlan(location, edition_id, ids)


def _track(ws: Workspace, ids: dict[str, int]) -> None:
    def status(name: str, kind: TrackingStatus, day: dt.date, progress: int | None = None, reason: str = "") -> None:
        ws.record_status(ids[name], NewStatus(kind, day, progress, reason), today=TODAY, entered_by=LOGIN)

    def pay(name: str, day: dt.date, amount: str, note: str = "") -> None:
        ws.add_disbursement(ids[name], NewDisbursement(day, Decimal(amount), note), today=TODAY, entered_by=LOGIN)

    status("ถนน 1", TrackingStatus.DONE, D(2020, 3, 20))  # typed before the entry it follows
    status("ถนน 1", TrackingStatus.IN_PROGRESS, D(2020, 1, 10), 40)
    ws.update_tracking(ids["ถนน 1"], TrackingFields(contract=Decimal("95000"), contract_signed_on=D(2020, 1, 5),
                                                    problems="ฝนตกหนัก", officer="นายช่าง"), today=TODAY)
    pay("ถนน 1", D(2020, 2, 1), "30000.00", "งวดที่ 1")
    pay("ถนน 1", D(2020, 3, 25), "65000.00", "งวดที่ 2")
    status("งานประเพณี", TrackingStatus.CANCELLED, D(2020, 2, 15), reason="งดจัดงาน")
    status("เครื่องพิมพ์", TrackingStatus.DONE, D(2019, 12, 20))
    pay("เครื่องพิมพ์", D(2019, 12, 25), "10500.00")
    status("ลานกีฬา", TrackingStatus.CARRIED_OVER, D(2020, 3, 30), 20, reason="รอส่งมอบงาน")
    ws.update_tracking(ids["ลานกีฬา"], TrackingFields(contract=Decimal("280000"), contract_signed_on=D(2020, 3, 1)),
                       today=TODAY)
    pay("ลานกีฬา", D(2020, 10, 15), "100000.00", "เบิกเหลื่อมปี")
    ws.set_schedule(ids["ลานกีฬา"], {10: Decimal("150000"), 12: Decimal("150000")})
