"""The Thai words of a refused change: who changed the row first, when, and what it is now; or a missing right.

Built after the refused transaction rolled back, from the row as the database holds it now and the last
``change_log`` entry for it. Only the fields that differ from what the officer last saw are said, each as
a person reads it (baht, months, dates, statuses, the unit's name rather than its id). A row of the plan in
use (a status, a disbursement …) is named by its project.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from thaplan_desktop.db.models import Base, ChangeLogRow
from thaplan_desktop.domain.fiscal import describe_months, format_thai_date, mask_to_months
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.tracking import RoundKind, TrackingStatus
from thaplan_desktop.tracking.rounds import round_label
from thaplan_desktop.tracking.status import STATUS_LABELS
from thaplan_desktop.workspace.versions import BOOKKEEPING, ConflictError, Key, PermissionDenied

__all__ = ["TEXTS", "conflict", "permission_denied"]

TEXTS = {
    "edit": "แก้ไขไม่ได้: {what} “{title}” ถูก{verb}โดย {by}{when} หลังจากที่คุณเปิดดู{now}"
            " — การแก้ไขของคุณยังไม่ได้บันทึก กรุณาดูข้อมูลล่าสุดแล้วแก้ไขอีกครั้ง",
    "undo": "ย้อนกลับ “{label}” ไม่ได้: {what} “{title}” ถูก{verb}โดย {by}{when} หลังจากนั้น{now}"
            " — จึงไม่ย้อนกลับ เพื่อไม่ให้ทับงานของผู้อื่น (นำรายการนี้ออกจากประวัติการย้อนกลับแล้ว)",
    "redo": "ทำซ้ำ “{label}” ไม่ได้: {what} “{title}” ถูก{verb}โดย {by}{when} หลังจากนั้น{now}"
            " — จึงไม่ทำซ้ำ เพื่อไม่ให้ทับงานของผู้อื่น (นำรายการนี้ออกจากประวัติการทำซ้ำแล้ว)",
    "changed": "แก้ไข",
    "deleted": "ลบ",
    "someone": "ผู้ใช้อื่น",
    "when": " เมื่อ {date} เวลา {time} น.",
    "now": " — ขณะนี้ {fields}",
    "other_fields": "ข้อมูลอื่นของรายการนี้เปลี่ยนไป",
    "none": "(ไม่ระบุ)",
    "denied": "บัญชีผู้ใช้ {user} ไม่มีสิทธิ์{action} — การแก้ไขนี้ยังไม่ได้บันทึก"
              " (แต่ละกองแก้ไขได้เฉพาะโครงการของหน่วยงานตนเอง ผู้ที่มีสิทธิ์อ่านอย่างเดียวแก้ไขไม่ได้)",
    "denied_row": "แก้ไข{what} “{title}”",
    "denied_any": "แก้ไขข้อมูลนี้",
    "row": "รหัส {key}",
}

WHAT = {
    "project": "โครงการ", "strategy": "ยุทธศาสตร์", "program": "แผนงาน", "unit": "หน่วยงาน",
    "equipment_type": "ประเภทครุภัณฑ์", "funding_source": "แหล่งงบประมาณ", "organisation": "ข้อมูลองค์กร",
    "edition": "ฉบับของแผน", "setting": "การตั้งค่า", "procedure_step": "ขั้นตอนการจัดทำแผน",
    "deadline_extension": "การขยายเวลา", "procedure_posting": "การปิดประกาศ", "plan_amendment": "บันทึกการแก้ไขแผน",
    "tracking_status": "สถานะของโครงการ", "project_tracking": "ข้อมูลการติดตามของโครงการ",
    "disbursement": "รายการเบิกจ่ายของโครงการ", "spending_schedule": "แผนการใช้จ่ายรายเดือนของโครงการ",
    "report_round": "รอบการรายงานผลการติดตาม",
}

FIELDS = {
    "name": "ชื่อ", "details": "รายละเอียด", "budget_satang": "งบประมาณ", "location": "สถานที่ดำเนินการ",
    "unit_id": "หน่วยงาน", "months_mask": "เดือนที่ดำเนินการ", "program_id": "แผนงาน", "strategy_id": "ยุทธศาสตร์",
    "equipment_type_id": "ประเภทครุภัณฑ์", "funding_source_id": "แหล่งงบประมาณ", "dev_plan_ref": "อ้างอิงแผนพัฒนา",
    "number": "ลำดับที่", "dla_code": "รหัสแผนงาน", "status": "สถานะ", "value": "ค่า", "note": "หมายเหตุ",
    "reason": "เหตุผล", "title_suffix": "ชื่อฉบับ", "kind": "ประเภท", "is_external": "หน่วยงานภายนอก",
    "effective_on": "ตั้งแต่วันที่", "progress": "ความก้าวหน้า (ร้อยละ)", "paid_on": "วันที่เบิกจ่าย",
    "amount_satang": "จำนวนเงิน", "contract_satang": "วงเงินตามสัญญา", "contract_signed_on": "วันที่ลงนามสัญญา",
    "actual_start": "วันที่เริ่มจริง", "actual_finish": "วันที่แล้วเสร็จจริง", "problems": "ปัญหาและอุปสรรค",
    "officer": "ผู้รับผิดชอบ", "month": "เดือน", "as_of": "ข้อมูล ณ วันที่", "reported_on": "วันที่รายงานสภา",
    "announced_on": "วันที่ประกาศ", "posted_on": "วันที่ปิดประกาศ", "removed_on": "วันที่ปลดประกาศ",
}
_MONEY = {"budget_satang", "amount_satang", "contract_satang"}

_CLIP = 60


def _title(table: str, values: Mapping[str, Any] | None, key: Key, connection: Connection | None = None) -> str:
    if values is not None and connection is not None and values.get("project_id") is not None:
        project = Base.metadata.tables["project"]
        name = connection.execute(select(project.c.name).where(project.c.id == values["project_id"])).scalar()
        if name is not None:
            return _title("project", {"name": name}, (values["project_id"],))
    if table == "report_round" and values is not None and values.get("round") in set(RoundKind):
        return round_label(RoundKind(values["round"]), int(values["fiscal_year"]))
    name = values.get("name") if values is not None else None
    if isinstance(name, str) and name.strip():
        return name if len(name) <= _CLIP else name[: _CLIP - 1] + "…"
    if values is not None and isinstance(values.get("key"), str):
        return str(values["key"])
    return TEXTS["row"].format(key="/".join(str(k) for k in key))


def _value(connection: Connection, table: str, column: str, value: Any) -> str:
    if value is None:
        return TEXTS["none"]
    if column in _MONEY:
        return f"{format_money(Decimal(value) / 100, always_satang=True)} บาท"
    if table == "tracking_status" and column == "status" and value in set(TrackingStatus):
        return STATUS_LABELS[TrackingStatus(value)]
    if column == "months_mask":
        return describe_months(mask_to_months(int(value))) or TEXTS["none"]
    foreign = next(iter(Base.metadata.tables[table].c[column].foreign_keys), None)
    if foreign is not None and "name" in foreign.column.table.c:
        target = foreign.column.table
        name = connection.execute(select(target.c.name).where(foreign.column == value)).scalar()
        return f"“{name}”" if name is not None else TEXTS["none"]
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, str):
        return f"“{value if len(value) <= _CLIP else value[: _CLIP - 1] + '…'}”"
    if isinstance(value, dt.date):
        return format_thai_date(value, short=True)
    return str(value)


def _differences(connection: Connection, table: str, seen: Mapping[str, Any] | None,
                 current: Mapping[str, Any]) -> str:
    if seen is None:
        return ""
    said, other = [], False
    for column, value in current.items():
        if column in BOOKKEEPING or column in ("created_at", "id") or column not in seen or seen[column] == value:
            continue
        if column in FIELDS:
            said.append(f"{FIELDS[column]} {_value(connection, table, column, value)}")
        else:
            other = True
    if other and not said:
        said.append(TEXTS["other_fields"])
    return TEXTS["now"].format(fields=", ".join(said)) if said else ""


def conflict(connection: Connection, table: str, key: Key, seen: Mapping[str, Any] | None, *,
             kind: str = "edit", label: str = "") -> ConflictError:
    """The ConflictError for a row that changed since ``seen`` (what the officer saw), as the database holds it."""
    model = Base.metadata.tables[table]
    where = [column == value for column, value in zip(model.primary_key.columns, key, strict=True)]
    row = connection.execute(select(model).where(*where)).mappings().first()
    current = dict(row) if row is not None else None
    row_key = "/".join(str(k) for k in key)
    log = ChangeLogRow.__table__
    last = connection.execute(
        select(log.c.changed_by, log.c.changed_at, log.c.action)
        .where(log.c.table_name == table, log.c.row_key == row_key).order_by(log.c.id.desc()).limit(1)
    ).first()
    by = (last.changed_by if last is not None else None) or (current or {}).get("changed_by") or TEXTS["someone"]
    when = ""
    if last is not None and last.changed_at is not None:
        at = last.changed_at if isinstance(last.changed_at, dt.datetime) else dt.datetime.fromisoformat(
            str(last.changed_at))
        when = TEXTS["when"].format(date=format_thai_date(at.date(), short=True), time=f"{at:%H:%M}")
    message = TEXTS[kind].format(
        label=label, what=WHAT.get(table, table), title=_title(table, current or seen, key, connection),
        verb=TEXTS["deleted"] if current is None else TEXTS["changed"], by=by, when=when,
        now="" if current is None else _differences(connection, table, seen, current),
    )
    project = (current or seen or {}).get("project_id")
    return ConflictError(message, table=table, key=key, by=str(by), deleted=current is None, current=current,
                         project=project if isinstance(project, int) else None)


def permission_denied(user: str, table: str | None = None, key: Key | None = None,
                      values: Mapping[str, Any] | None = None, connection: Connection | None = None) -> PermissionDenied:
    """The refusal of a change the database did not allow this user (``connection``: to name a row's project)."""
    if table is None or key is None:
        action = TEXTS["denied_any"]
    else:
        action = TEXTS["denied_row"].format(what=WHAT.get(table, table), title=_title(table, values, key, connection))
    return PermissionDenied(TEXTS["denied"].format(user=user, action=action))
