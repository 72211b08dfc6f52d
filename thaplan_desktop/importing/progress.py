"""Reading progress reports back: our progress workbook, a department's own workbook, or the progress JSON.

``read_progress_file(path)`` gives a ``ProgressFile``: the rows as found (name, unit, budget, status,
progress, contract, disbursements by month or in total, problems, a reason) with each cell's problems in
Thai, the file's "as of" date and its unit. Nothing is matched or written here (``progress_match`` does
the matching, the workspace the writing).

- **Our workbook** (``thaplan export-progress``) is told by its hidden key column (``tracking.forms``):
  each row carries its project's lasting key.
- **A foreign workbook**: any sheet with a header row naming the project (โครงการ, ครุภัณฑ์ …) and at least
  one column of progress — สถานะ, ความคืบหน้า, วงเงินตามสัญญา, เบิกจ่าย (a total, or month columns under a
  เบิกจ่าย heading), ปัญหาและอุปสรรค; its rows are matched by name (and unit, and budget).
- **JSON** (INTERFACES.md): ``{"as_of": …, "records": [{"name", "unit", "status", "progress",
  "disbursements": [{"date", "amount", "note"}], "problems", "as_of"?}]}``.

Dates are read as the command line reads them (Buddhist-era ISO, Christian-era ISO below 2300, Thai forms);
a date cell Excel stored with a Buddhist-era year (2563 read as a Christian year) is taken back.

Workbooks come through the import's own readers (``importing.readers``), so a progress workbook costs what
a department workbook may cost (``importing.limits``: a file that unpacks to gigabytes or holds millions of
cells is refused naming the limit), and only the cells that hold something are looked at (a sparse sheet
reaching column XFD costs what its filled cells cost). The JSON is read within the same cap as the preview
JSON (``readers.common.read_json``); a text in it holding half a surrogate pair is refused naming the record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from thaplan_desktop.domain.fiscal import BE_OFFSET, DateError, parse_date_input
from thaplan_desktop.domain.money import MoneyError, parse_money
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.readers import read_workbook, sniff
from thaplan_desktop.importing.readers.common import LONE_SURROGATE, lone_surrogate, read_json
from thaplan_desktop.importing.vocabulary import Field, label_key, match_label, month_of_label
from thaplan_desktop.tracking import forms
from thaplan_desktop.tracking.status import TrackingError, status_from_label
from thaplan_desktop.workspace import NewDisbursement

__all__ = ["ProgressFile", "ProgressRow", "read_progress_file"]

MAX_HEADER_SCAN = 40
TEXTS = {
    "no_table": "{where}: ไม่พบตารางรายงานผล ต้องมีคอลัมน์ชื่อโครงการ และสถานะ ความคืบหน้า การเบิกจ่าย "
                "หรือปัญหาและอุปสรรค อย่างน้อยหนึ่งคอลัมน์",
    "bad_json": "{where} ไม่ใช่ไฟล์ JSON ผลการดำเนินงาน (ต้องมี \"records\"): {error}",
    "record": "{where} รายการที่ {index}: {message}",
    "not_object": "ต้องเป็นออบเจกต์",
    "no_name": "ไม่มีชื่อโครงการ (name)",
    "text": "{key} ต้องเป็นข้อความ",
    "list": "disbursements ต้องเป็นรายการ",
    "money": "จำนวนเงิน{what}: {error}",
    "progress": "ความคืบหน้าต้องเป็นตัวเลขร้อยละ: “{value}”",
    "date": "วันที่{what}: {error}",
    "status": "สถานะ: {error}",
}


@dataclass(frozen=True, slots=True)
class ProgressRow:
    """One row (or JSON record) of a progress report, as read; ``errors`` are its cells' problems, in Thai."""

    file: str
    sheet: str
    row: int  # 1-based row of the sheet, or the record's number in JSON
    name: str
    key: str | None = None  # our workbook's hidden key (the project's uuid)
    unit: str | None = None
    budget: Decimal | None = None
    status: TrackingStatus | None = None
    progress: int | None = None
    contract: Decimal | None = None
    months: dict[int, Decimal] = field(default_factory=dict)  # disbursed in each fiscal month, as reported
    disbursed_total: Decimal | None = None  # a foreign workbook's single "เบิกจ่าย" column
    disbursements: tuple[NewDisbursement, ...] = ()  # JSON: each one
    problems: str | None = None
    reason: str = ""
    as_of: dt.date | None = None  # the record's own "as_of" (JSON)
    errors: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """ไฟล์ “x.xlsx” แผ่นงาน “รายงานผล” แถวที่ 12."""
        return where(self.file, self.sheet, self.row)


@dataclass(slots=True)
class ProgressFile:
    """One file of progress reports, read."""

    file_name: str
    ours: bool  # our workbook (rows carry keys)
    rows: list[ProgressRow]
    as_of: dt.date | None = None  # the file's: JSON "as_of" or the workbook's "ข้อมูล ณ วันที่" cell
    as_of_christian: bool = False  # it was written in the Christian era
    unit: str | None = None  # the workbook's "หน่วยงานรับผิดชอบหลัก: …" line
    warnings: list[str] = field(default_factory=list)


def read_progress_file(path: str | Path) -> ProgressFile:
    """Read a progress workbook or progress JSON, or raise ``ImportFailure`` (Thai, naming the file)."""
    path = Path(path)
    if path.is_file() and sniff(path) == "json":
        return _read_json(path)
    grid = read_workbook(path)
    for sheet in grid.sheets:
        if sheet.hidden or sheet.is_empty():
            continue
        found = _read_sheet(grid.file_name, sheet)
        if found is not None:
            return found
    raise ImportFailure(FailureKind.NO_HEADER, TEXTS["no_table"].format(where=where(grid.file_name)),
                        file=grid.file_name)


# --- workbooks ------------------------------------------------------------------------------------------

_PROGRESS_LABELS: dict[str, tuple[str, ...]] = {
    "status": ("สถานะ", "สถานะโครงการ", "สถานะการดำเนินงาน", "ผลการดำเนินงาน", "ผลการดำเนินการ"),
    "progress": ("ความคืบหน้า", "ร้อยละความคืบหน้า", "ความก้าวหน้า", "ความคืบหน้าร้อยละ", "ผลความคืบหน้า"),
    "contract": ("วงเงินตามสัญญา", "วงเงินสัญญา", "ราคาตามสัญญา", "จำนวนเงินตามสัญญา", "สัญญา"),
    "disbursed": ("เบิกจ่าย", "ผลการเบิกจ่าย", "เบิกจ่ายแล้ว", "จำนวนเงินที่เบิกจ่าย", "เบิกจ่ายจริง",
                  "ผลการเบิกจ่ายงบประมาณ", "งบประมาณที่เบิกจ่าย"),
    "problems": ("ปัญหาและอุปสรรค", "ปัญหา/อุปสรรค", "ปัญหาอุปสรรค", "ปัญหา", "ปัญหาและข้อเสนอแนะ"),
    "reason": ("เหตุผล", "เหตุผลที่ยกเลิก", "เหตุผลกรณียกเลิก"),
    "key": (label_key(forms.KEY_HEADER), "รหัสอ้างอิง"),
}
_TRACKING_FIELDS = ("status", "progress", "contract", "disbursed", "problems", "months")


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalise_space(str(value))


def _progress_field(label: str) -> str | None:
    key = label_key(label)
    for name, labels in _PROGRESS_LABELS.items():
        if key in labels:
            return name
    return None


@dataclass(slots=True)
class _Layout:
    header_top: int
    header_bottom: int
    columns: dict[str, int]
    months: dict[int, int]  # column → fiscal month (disbursed in that month)


def _find_header(grid: SheetGrid) -> _Layout | None:
    for r in range(min(grid.n_rows, MAX_HEADER_SCAN)):
        columns: dict[str, int] = {}
        for c, value in grid.row_items(r):  # the cells holding something: a sparse sheet costs little
            text = _text(value)
            if not text:
                continue
            name = _progress_field(text)
            if name is None:
                matched = match_label(text)
                if matched is not None and matched[0] in (Field.NAME, Field.BUDGET, Field.UNIT, Field.NO):
                    name = matched[0].value
            if name is not None and name not in columns:
                columns[name] = c
        months = _month_columns(grid, r)
        if "disbursed" in columns and months:
            del columns["disbursed"]  # the heading over the month columns, not a total
        if Field.NAME.value in columns and (set(columns) & set(_TRACKING_FIELDS) or months or "key" in columns):
            bottom = r + 1 if months or _continues(grid, r) else r
            return _Layout(r, bottom, columns, months)
    return None


def _month_columns(grid: SheetGrid, r: int) -> dict[int, int]:
    """Month columns under a "เบิกจ่าย" heading (in row ``r``, over the month names in row ``r + 1``)."""
    found = {}
    for c, value in grid.row_items(r + 1):
        month = month_of_label(_text(value))
        if month is not None and "เบิกจ่าย" in _text(grid.shown_value(r, c)):
            found[c] = month
    return found if len(found) >= 3 else {}


def _continues(grid: SheetGrid, r: int) -> bool:
    """The header spans two rows: cells of row ``r`` merged down into ``r + 1``."""
    return any(m[0] == r and m[2] == r + 1 for m in grid.merges)


def _as_of_and_unit(grid: SheetGrid, stop: int) -> tuple[object, str | None]:
    as_of: object = None
    unit = None
    as_of_key = label_key(forms.AS_OF_LABEL).rstrip(":")
    unit_prefix = re.compile(r"^(หน่วยงานรับผิดชอบหลัก|หน่วยงานรับผิดชอบ|หน่วยงาน)\s*[:：]\s*(.+)$")
    for r in range(stop):
        items = grid.row_items(r)
        for c, value in items:
            text = _text(value)
            if not text:
                continue
            match = unit_prefix.match(text)
            if match and unit is None:
                unit = normalise_space(match.group(2))
            key = label_key(text)
            if key.startswith(label_key("ข้อมูล ณ วันที่")) and as_of is None:
                rest = text.split("วันที่", 1)[1].strip(" :：")
                rest = re.sub(r"^\(?พ\.?\s?ศ\.?\)?\s*[:：]?", "", rest).strip()
                if rest and key != as_of_key:
                    as_of = rest
                else:
                    as_of = next((v for cc, v in items if cc > c and v not in (None, "")), None)
    return as_of, unit


def _date_cell(value: object) -> tuple[dt.date, bool]:
    """A date from a cell: a typed date (Excel's year 2563 is a Buddhist-era year typed in), or text."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year >= 2400:
            return value.replace(year=value.year - BE_OFFSET), False
        return value, True
    return parse_date_input(_text(value))


def _read_sheet(file_name: str, grid: SheetGrid) -> ProgressFile | None:
    layout = _find_header(grid)
    if layout is None:
        return None
    result = ProgressFile(file_name, ours="key" in layout.columns, rows=[])
    as_of, result.unit = _as_of_and_unit(grid, layout.header_top)
    if as_of not in (None, ""):
        try:
            result.as_of, result.as_of_christian = _date_cell(as_of)
        except DateError as exc:
            raise ImportFailure(FailureKind.CORRUPT, f"{where(file_name, grid.name)}: {forms.AS_OF_LABEL} {exc}",
                                file=file_name, sheet=grid.name) from exc
    cols = layout.columns
    for r in sorted(r for r in grid.cells if r > layout.header_bottom):  # the rows holding something
        name = _text(grid.value(r, cols[Field.NAME.value]))
        if not name or name.startswith("รวม"):
            continue
        row = _workbook_row(file_name, grid, r, name, layout)
        if row is not None:
            result.rows.append(row)
    return result


def _workbook_row(file_name: str, grid: SheetGrid, r: int, name: str, layout: _Layout) -> ProgressRow | None:
    cols = layout.columns
    errors: list[str] = []

    def cell(field_name: str) -> object:
        return grid.value(r, cols[field_name]) if field_name in cols else None

    def money(value: object, what: str) -> Decimal | None:
        try:
            return parse_money(value)
        except MoneyError as exc:
            errors.append(TEXTS["money"].format(what=what, error=exc))
            return None

    key = _text(cell("key")) or None
    budget = money(cell(Field.BUDGET.value), "งบประมาณ")
    status = _status(cell("status"), errors)
    progress = _progress(cell("progress"), errors)
    contract = money(cell("contract"), "ตามสัญญา")
    total = money(cell("disbursed"), "ที่เบิกจ่าย")
    months = {}
    for c, month in layout.months.items():
        amount = money(grid.value(r, c), f"ที่เบิกจ่ายเดือนที่ {month}")
        if amount is not None:
            months[month] = amount
    problems = _text(cell("problems")) or None
    reason = _text(cell("reason"))
    reported = any(v is not None for v in (status, progress, contract, total, problems)) or months or reason
    if key is None and budget is None and not reported and not errors:
        return None  # a heading line (strategy, program) in the name column
    unit = _text(cell(Field.UNIT.value)) or None
    return ProgressRow(file=file_name, sheet=grid.name, row=r + 1, name=name, key=key, unit=unit, budget=budget,
                       status=status, progress=progress, contract=contract, months=months,
                       disbursed_total=total, problems=problems, reason=reason, errors=tuple(errors))


def _status(value: object, errors: list[str]) -> TrackingStatus | None:
    text = _text(value)
    if not text:
        return None
    try:
        return status_from_label(text)
    except TrackingError as exc:
        errors.append(TEXTS["status"].format(error=exc))
        return None


def _progress(value: object, errors: list[str]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = re.sub(r"ร้อยละ|%|\s", "", to_arabic_digits(_text(value)))
        if not text:
            return None
        try:
            number = Decimal(text)
        except ArithmeticError:
            errors.append(TEXTS["progress"].format(value=_text(value)))
            return None
    if number != number.to_integral_value():
        number = number.quantize(Decimal(1))
    return int(number)


# --- JSON -----------------------------------------------------------------------------------------------

def _read_json(path: Path) -> ProgressFile:
    name = path.name
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise ImportFailure(FailureKind.BAD_JSON,
                            TEXTS["bad_json"].format(where=where(name), error="ไม่พบรายการ records"), file=name)
    result = ProgressFile(name, ours=False, rows=[])
    if data.get("as_of") not in (None, ""):
        try:
            result.as_of, result.as_of_christian = parse_date_input(str(data["as_of"]))
        except DateError as exc:
            raise ImportFailure(FailureKind.BAD_JSON, f"{where(name)}: as_of {exc}", file=name) from exc
    for index, item in enumerate(data["records"], start=1):
        result.rows.append(_json_record(name, index, item))
    return result


def _json_record(file_name: str, index: int, item: Any) -> ProgressRow:
    def fail(message: str) -> ImportFailure:
        return ImportFailure(FailureKind.BAD_JSON, TEXTS["record"].format(where=where(file_name), index=index,
                                                                          message=message), file=file_name, row=index)

    if not isinstance(item, dict):
        raise fail(TEXTS["not_object"])
    texts = {}
    for key in ("name", "unit", "problems", "reason"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(TEXTS["text"].format(key=key))
        if value and lone_surrogate(value):
            raise fail(f"{key} {LONE_SURROGATE}")
        texts[key] = normalise_space(value or "")
    if not texts["name"]:
        raise fail(TEXTS["no_name"])
    errors: list[str] = []
    status = _status(item.get("status"), errors)
    progress = _progress(item.get("progress"), errors)
    as_of = None
    if item.get("as_of") not in (None, ""):
        try:
            as_of, _christian = parse_date_input(str(item["as_of"]))
        except DateError as exc:
            errors.append(TEXTS["date"].format(what="ของข้อมูล (as_of)", error=exc))
    payments = item.get("disbursements") or []
    if not isinstance(payments, list):
        raise fail(TEXTS["list"])
    disbursements = []
    for number, payment in enumerate(payments, start=1):
        if not isinstance(payment, dict):
            raise fail(f"disbursements[{number}]: {TEXTS['not_object']}")
        try:
            paid_on, _christian = parse_date_input(str(payment.get("date", "")))
            amount = parse_money(payment.get("amount"))
        except (DateError, MoneyError) as exc:
            errors.append(f"การเบิกจ่ายรายการที่ {number}: {exc}")
            continue
        note = payment.get("note") or ""
        if isinstance(note, str) and lone_surrogate(note):
            raise fail(f"disbursements[{number}] note {LONE_SURROGATE}")
        if amount is None or not isinstance(note, str):
            errors.append(f"การเบิกจ่ายรายการที่ {number}: ต้องมีจำนวนเงิน (amount) และหมายเหตุเป็นข้อความ")
            continue
        disbursements.append(NewDisbursement(paid_on, amount, normalise_space(note)))
    reason = texts["reason"]
    if status is TrackingStatus.CANCELLED and not reason:
        reason = texts["problems"]  # the JSON of INTERFACES.md has no reason: the problems say why
    return ProgressRow(file=file_name, sheet="", row=index, name=texts["name"], unit=texts["unit"] or None,
                       status=status, progress=progress, disbursements=tuple(disbursements),
                       problems=texts["problems"] or None, reason=reason, as_of=as_of, errors=tuple(errors))
