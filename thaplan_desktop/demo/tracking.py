"""The demo plan's year in use: realistic tracking entries up to the demo's "today", with no randomness.

``demo_progress(plan, today)`` decides, from each project's months, unit and place in the list, what an
office would have recorded by ``today``: projects whose months are past are done (paid at the end, a
construction contract once delivered, a subsidy in one payment), projects running are in progress with
their monthly payments so far, one in nine of the office's own projects that should have begun has not
(the officer's list of calls to make), half of the other agencies' projects are not reported. A few
named projects tell a story: the Songkran festival cancelled with its reason, a road disbursed over its
contract (flagged), an asphalt road behind schedule with its problems and the officer's own spending
schedule, a drain waiting for a new median price, and the CCTV project carried over when the year ends.
``seed_demo_tracking`` writes it (one operation), the schedule, and the monitoring report's rounds due by
``today``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal

from thaplan_desktop.domain.fiscal import ce_year, fiscal_year_bounds
from thaplan_desktop.domain.model import PlanData, Project, ProjectKind
from thaplan_desktop.domain.tracking import RoundKind, TrackingStatus
from thaplan_desktop.tracking.rounds import round_as_of
from thaplan_desktop.tracking.spending import month_end, month_start, planned_by_month
from thaplan_desktop.workflow.monitoring import record_round
from thaplan_desktop.workspace import (
    NewDisbursement,
    NewStatus,
    ProgressBatch,
    ProgressUpdate,
    RoundFields,
    TrackingFields,
    Workspace,
)

__all__ = ["DEMO_LOGIN", "demo_progress", "demo_schedules", "seed_demo_tracking"]

DEMO_LOGIN = "แผนตัวอย่าง"  # who "entered" the demo's entries
OFFICERS = {
    "สำนักปลัด": "นางสาวพรทิพย์ แก้วมณี",
    "กองคลัง": "นางวันเพ็ญ ศรีสุข",
    "กองช่าง": "นายสมศักดิ์ ทองคำ",
    "กองการศึกษา ศาสนาและวัฒนธรรม": "นางสุนิสา พรหมแก้ว",
    "กองสาธารณสุขและสิ่งแวดล้อม": "นายอนุชา ชูช่วย",
    "กองสวัสดิการสังคม": "นางจันทร์เพ็ญ รักษ์ทอง",
    "หน่วยตรวจสอบภายใน": "นางสาวกัลยา สุวรรณรัตน์",
}
CANCELLED = "โครงการสืบสานประเพณีวันสงกรานต์และวันผู้สูงอายุ"
CANCEL_REASON = ("งดจัดงานตามประกาศจังหวัดสุราษฎร์ธานีเรื่องมาตรการป้องกันการแพร่ระบาดของโรคติดต่อ "
                 "และโอนงบประมาณไปใช้ในการป้องกันโรค")
OVER_CONTRACT = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ซอยร่วมใจ หมู่ที่ 1 บ้านนาค้อ"
BEHIND = "โครงการก่อสร้างถนนผิวจราจรแอสฟัลต์ติกคอนกรีต สายท่าสะท้อน–บ่อน้ำพุร้อน"
WAITING = "โครงการวางท่อระบายน้ำ คสล. พร้อมบ่อพัก สายกลางหมู่บ้าน หมู่ที่ 3"
CARRIED_OVER = "โครงการติดตั้งกล้องโทรทัศน์วงจรปิด (CCTV)"
PROBLEMS = {
    BEHIND: "ผู้รับจ้างเข้าดำเนินการล่าช้ากว่าแผน 15 วัน เนื่องจากขาดแคลนวัสดุ (แอสฟัลต์) และฝนตกต่อเนื่อง",
    WAITING: "ราคากลางสูงกว่างบประมาณที่ตั้งไว้ อยู่ระหว่างทบทวนแบบรูปรายการและคำนวณราคากลางใหม่",
}
CARRY_REASON = "ผู้รับจ้างส่งมอบงานไม่ทันสิ้นปีงบประมาณ กันเงินไว้เบิกจ่ายในปีงบประมาณถัดไป"
EXTRA_WORK = "ค่างานเพิ่มตามสัญญาแก้ไขเพิ่มเติม ครั้งที่ 1"
LUMP_SUM = ("โครงการอุดหนุน", "เงินสมทบ", "ค่าใช้จ่ายในการสมทบ")
_BAHT = Decimal(1)


def _named(project: Project, prefix: str) -> bool:
    return project.name.startswith(prefix) and "(ชุดที่" not in project.name


def _floor(amount: Decimal, step: Decimal = _BAHT) -> Decimal:
    return (amount / step).quantize(Decimal(1), rounding=ROUND_FLOOR) * step


def _days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


def demo_schedules(plan: PlanData) -> dict[int, dict[int, Decimal]]:
    """The officer's own spending schedule of the demo: the asphalt road, 30 / 30 / 40 % over its months."""
    result = {}
    for project in plan.projects:
        if _named(project, BEHIND) and len(project.months) == 3:
            first, second, third = sorted(project.months)
            part = _floor(project.budget * Decimal("0.3"))
            result[project.id] = {first: part, second: part, third: project.budget - 2 * part}
    return result


def demo_progress(plan: PlanData, today: dt.date) -> ProgressBatch:
    """What the office would have recorded about the edition's projects by ``today`` (one batch)."""
    year = plan.edition.fiscal_year
    start_of_year, end_of_year = fiscal_year_bounds(year)
    updates: list[ProgressUpdate] = []
    if today < start_of_year:
        return ProgressBatch("ข้อมูลการติดตามของแผนตัวอย่าง", ())
    as_of = min(today, end_of_year)
    units = {u.id: u for u in plan.units}
    own_index = 0
    for index, project in enumerate(sorted(plan.projects, key=lambda p: (p.position, p.id))):
        unit = units.get(project.unit_id) if project.unit_id is not None else None
        external = bool(unit and unit.is_external)
        if not external:
            own_index += 1
        if not project.months:
            continue
        updates += _project_updates(project, index, own_index, external, unit.name if unit else "", year, as_of)
    return ProgressBatch("ข้อมูลการติดตามของแผนตัวอย่าง", tuple(updates))


def _project_updates(project: Project, index: int, own_index: int, external: bool, unit: str, year: int,
                     as_of: dt.date) -> list[ProgressUpdate]:
    start = month_start(year, min(project.months))
    end = month_end(year, max(project.months))
    fy_start, fy_end = fiscal_year_bounds(year)
    officer = OFFICERS.get(unit, "")
    if _named(project, CANCELLED):
        effective = max(fy_start, _days(start, -11))
        if effective > as_of:
            return []
        return [ProgressUpdate(project.id, NewStatus(TrackingStatus.CANCELLED, effective, reason=CANCEL_REASON),
                               TrackingFields(officer=officer))]
    if as_of < start:
        return []
    if external and index % 2 == 0:
        return []  # the agency has not reported: ไม่ได้รับรายงาน
    if _named(project, WAITING) or (not external and own_index % 9 == 4 and len(project.months) < 12
                                    and project.kind is ProjectKind.PROJECT):
        problems = PROBLEMS.get(WAITING, "") if _named(project, WAITING) else ""
        return [ProgressUpdate(project.id, None, TrackingFields(problems=problems, officer=officer))]
    began = min(_days(start, index % 9), as_of)
    continuous = len(project.months) == 12
    carried_over = _named(project, CARRIED_OVER) and as_of >= fy_end
    behind = _named(project, BEHIND) or carried_over or (index % 13 == 6 and not continuous)
    finished = as_of > end and not behind
    lump_sum = project.name.startswith(LUMP_SUM)
    if lump_sum:
        paid_on = min(_days(start, 14), as_of)
        statuses = [NewStatus(TrackingStatus.DONE, paid_on)]
        finished = True
        done_on: dt.date | None = paid_on
    else:
        statuses, done_on = _statuses(began, end, as_of, finished, behind)
    if carried_over:
        statuses.append(NewStatus(TrackingStatus.CARRIED_OVER, fy_end, progress=90, reason=CARRY_REASON))
    entries = [ProgressUpdate(project.id, status) for status in statuses[:-1]]
    if external:
        return [*entries, ProgressUpdate(project.id, statuses[-1])]
    construction = (unit == "กองช่าง" and project.kind is ProjectKind.PROJECT and project.budget >= 100_000
                    and not continuous)
    contract = _floor(project.budget * (95 + index % 4) / 100, Decimal(100)) if construction else None
    payments = _payments(project, index, year, as_of, began, done_on, contract, lump_sum)
    details = TrackingFields(
        actual_start=began, actual_finish=done_on if finished else None,
        contract=contract, contract_signed_on=max(fy_start, _days(start, -12)) if contract is not None else None,
        problems=PROBLEMS[BEHIND] if _named(project, BEHIND) else (
            "ผู้รับจ้างดำเนินการล่าช้ากว่าแผน อยู่ระหว่างเร่งรัดและพิจารณาค่าปรับ" if behind and construction else ""),
        officer=officer,
    )
    return [*entries, ProgressUpdate(project.id, statuses[-1], details, tuple(payments))]


def _statuses(began: dt.date, end: dt.date, as_of: dt.date, finished: bool,
              behind: bool) -> tuple[list[NewStatus], dt.date | None]:
    """The status history of a project that began on ``began``: in progress, then (when finished) done."""
    statuses = [NewStatus(TrackingStatus.IN_PROGRESS, began, progress=10)]
    if finished:
        done_on = max(_days(began, 1), min(end, as_of))
        return [*statuses, NewStatus(TrackingStatus.DONE, done_on)], done_on
    span = max((end - began).days, 1)
    progress = max(10, min(90, round((as_of - began).days / span * 10) * 10))
    if behind:
        progress = max(10, progress - 30)
    latest = max(_days(began, 1), _days(as_of, -3))
    if latest <= as_of and latest > began and progress > 10:
        statuses.append(NewStatus(TrackingStatus.IN_PROGRESS, latest, progress=progress))
    return statuses, None


def _payments(project: Project, index: int, year: int, as_of: dt.date, began: dt.date, done_on: dt.date | None,
              contract: Decimal | None, lump_sum: bool) -> list[NewDisbursement]:
    if lump_sum:
        return [NewDisbursement(min(_days(began, 14), as_of), project.budget, "")] if began <= as_of else []
    if contract is not None:  # a construction contract: paid on delivery, a first instalment on long works
        payments = []
        if len(project.months) >= 3 and month_end(year, min(project.months) + 1) < as_of:
            payments.append(NewDisbursement(month_end(year, min(project.months) + 1),
                                            _floor(contract * Decimal("0.4")), "งวดที่ 1"))
        if done_on is not None and _days(done_on, 7) <= as_of:
            paid = sum((p.amount for p in payments), Decimal(0))
            payments.append(NewDisbursement(_days(done_on, 7), contract - paid, "ส่งมอบงานงวดสุดท้าย"))
            if _named(project, OVER_CONTRACT):
                payments.append(NewDisbursement(_days(done_on, 9), project.budget - contract, EXTRA_WORK))
        return payments
    if project.kind is ProjectKind.EQUIPMENT:
        if done_on is None or _days(done_on, 5) > as_of:
            return []
        return [NewDisbursement(_days(done_on, 5), _floor(project.budget * Decimal("0.98"), Decimal(100)), "ตามใบสั่งซื้อ")]
    factor = Decimal(1) if len(project.months) == 12 else Decimal(92 + index % 9) / 100
    result = []
    for month, planned in planned_by_month(project.budget, project.months).items():
        paid_on = _days(month_end(year, month), -(index % 5))
        last_day = done_on if done_on is not None else as_of
        if month_end(year, month) < as_of and paid_on <= last_day and paid_on >= began:
            result.append(NewDisbursement(paid_on, _floor(planned * factor), ""))
        elif done_on is not None and month_start(year, month) <= done_on < month_end(year, month) \
                and _days(done_on, 3) <= as_of:
            result.append(NewDisbursement(_days(done_on, 3), _floor(planned * factor), ""))
    return result


def _rounds_due(year: int, today: dt.date) -> Iterable[tuple[RoundKind, RoundFields]]:
    """The rounds of the monitoring report an office would have recorded by ``today``."""
    ce = ce_year(year)
    plans = ((RoundKind.SIX_MONTHS, dt.date(ce, 4, 24), dt.date(ce, 4, 30), dt.date(ce, 6, 2)),
             (RoundKind.TWELVE_MONTHS, dt.date(ce, 12, 15), dt.date(ce, 12, 21), dt.date(ce + 1, 1, 25)))
    for kind, reported, announced, removed in plans:
        if reported > today:
            continue
        shown = announced if announced <= today else None
        yield kind, RoundFields(as_of=round_as_of(kind, year), reported_on=reported, announced_on=shown,
                                posted_on=shown, removed_on=removed if removed <= today else None,
                                note="รายงานต่อสภา อบต. และคณะกรรมการพัฒนาท้องถิ่น")


def seed_demo_tracking(workspace: Workspace, edition_id: int, today: dt.date) -> None:
    """Write the demo's tracking of the edition as of ``today``, its spending schedule and its report rounds."""
    plan, _records = workspace.progress_data(edition_id)
    batch = demo_progress(plan, today)
    if batch.updates:
        workspace.apply_progress(batch, today=today, entered_by=DEMO_LOGIN)
    for project_id, months in demo_schedules(plan).items():
        workspace.set_schedule(project_id, months)
    for kind, fields in _rounds_due(plan.edition.fiscal_year, today):
        record_round(workspace, plan.edition.fiscal_year, kind, fields, today=today)
