"""The words of department workbooks: header labels of each column, heading and subtotal rows, marks.

All matching is done on a key without spaces, with Arabic digits and without a bracketed unit
("งบประมาณ (บาท)" → "งบประมาณ"), so "ชื่อ โครงการ" and "ชื่อโครงการ" are the same label. Add wordings here,
not in the detection code.
"""

from __future__ import annotations

import enum
import functools
import re

from thaplan_desktop.domain.fiscal import BE_OFFSET, fiscal_month, month_number_of
from thaplan_desktop.domain.thai import name_key, normalise_space, to_arabic_digits


class Field(enum.StrEnum):
    """What a column of the project table holds."""

    NO = "no"
    NAME = "name"
    DETAILS = "details"
    BUDGET = "budget"
    LOCATION = "location"
    UNIT = "unit"
    PERIOD = "period"
    STRATEGY = "strategy"
    PLAN = "plan"
    EQUIPMENT_TYPE = "equipment_type"
    IGNORED = "ignored"


FIELD_TITLES = {
    Field.NO: "ที่",
    Field.NAME: "โครงการ",
    Field.DETAILS: "รายละเอียด",
    Field.BUDGET: "งบประมาณ (บาท)",
    Field.LOCATION: "สถานที่ดำเนินการ",
    Field.UNIT: "หน่วยงานรับผิดชอบหลัก",
    Field.PERIOD: "ระยะเวลาดำเนินการ",
    Field.STRATEGY: "ยุทธศาสตร์",
    Field.PLAN: "แผนงาน",
    Field.EQUIPMENT_TYPE: "ประเภทครุภัณฑ์",
    Field.IGNORED: "(ไม่ใช้)",
}

# (field, exact labels, label prefixes); an exact label scores higher than a prefix.
_LABELS: tuple[tuple[Field, tuple[str, ...], tuple[str, ...]], ...] = (
    (Field.NO, ("ที่", "ลำดับ", "ลำดับที่", "no", "no.", "ข้อ", "ลำดับโครงการ"), ()),
    (Field.NAME,
     ("โครงการ", "ชื่อโครงการ", "โครงการ/กิจกรรม", "ชื่อโครงการ/กิจกรรม", "กิจกรรม", "โครงการ/กิจกรรม/งาน",
      "ครุภัณฑ์", "รายการครุภัณฑ์", "ชื่อครุภัณฑ์", "รายการ", "ชื่อรายการ", "โครงการ/รายการ", "ชื่อ",
      "แผนงาน/โครงการ", "งาน/โครงการ", "โครงการ/งาน", "รายการ/โครงการ", "project", "projectname"),
     ("ชื่อโครงการ", "โครงการ/กิจกรรม", "โครงการ/", "รายการครุภัณฑ์", "ชื่อครุภัณฑ์")),
    (Field.DETAILS,
     ("รายละเอียด", "รายละเอียดของกิจกรรม", "รายละเอียดกิจกรรม", "รายละเอียดโครงการ", "รายละเอียดของโครงการ",
      "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้น"), ("รายละเอียด", "เป้าหมาย", "ลักษณะงาน", "คุณลักษณะ")),
    (Field.BUDGET, ("งบประมาณ", "จำนวนเงิน", "วงเงิน", "งบประมาณที่ได้รับ", "budget"),
     ("งบประมาณ", "จำนวนเงิน", "วงเงิน", "งบประมาณปี", "ราคา")),
    (Field.LOCATION, ("สถานที่ดำเนินการ", "พื้นที่ดำเนินการ", "สถานที่", "พื้นที่"),
     ("สถานที่", "พื้นที่ดำเนินการ", "พื้นที่เป้าหมาย")),
    (Field.UNIT,
     ("หน่วยงานรับผิดชอบหลัก", "หน่วยงานที่รับผิดชอบ", "หน่วยดำเนินการ", "หน่วยงานรับผิดชอบ", "ผู้รับผิดชอบ",
      "หน่วยงาน", "หน่วยงานดำเนินการ", "ส่วนราชการ", "กอง/ฝ่าย"),
     ("หน่วยงาน", "หน่วยดำเนินการ", "ผู้รับผิดชอบ", "หน่วยรับผิดชอบ", "ส่วนราชการที่รับผิดชอบ")),
    (Field.PERIOD,
     ("ระยะเวลาดำเนินการ", "ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "เดือนที่ดำเนินการ", "ช่วงเวลาดำเนินการ"),
     ("ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "เดือนที่ดำเนินการ", "กำหนดเวลา", "ระยะดำเนินการ")),
    (Field.STRATEGY, ("ยุทธศาสตร์",), ("ยุทธศาสตร์การพัฒนา",)),
    (Field.PLAN, ("แผนงาน",), ()),
    (Field.EQUIPMENT_TYPE, ("ประเภทครุภัณฑ์", "ประเภท"), ("ประเภทครุภัณฑ์",)),
    (Field.IGNORED, ("หมายเหตุ",),
     ("หมายเหตุ", "แหล่งงบ", "แหล่งเงิน", "แหล่งที่มา", "ตัวชี้วัด", "kpi", "ผลที่คาดว่า", "วัตถุประสงค์",
      "ผลผลิต", "ผลลัพธ์", "ประเภทงบ", "หมวด")),
)

_BRACKETS = re.compile(r"\([^)]*\)|\[[^]]*]")
MAX_LABEL_LENGTH = 60


def label_key(text: str) -> str:
    """Matching key of a header label: no brackets, no spaces, Arabic digits, lower-case, no ':' or '*'."""
    key = name_key(_BRACKETS.sub("", text))
    return key.strip(":*.-–")


@functools.lru_cache(maxsize=4096)
def match_label(text: str) -> tuple[Field, float] | None:
    """The field a header label names and how sure: 1.0 for a known wording, 0.7 for a known beginning."""
    key = label_key(text)
    if not key or len(key) > MAX_LABEL_LENGTH or re.search(r"[:：].", key):
        return None  # "หน่วยงาน: กองช่าง" is a title line giving a value, not a column label
    for field, exact, _prefixes in _LABELS:
        if key in exact:
            return field, 1.0
    for field, _exact, prefixes in _LABELS:
        if any(key.startswith(p) for p in prefixes):
            return field, 0.7
    return None


_YEAR_TAIL = re.compile(r"[\s\-/'.,]*(?:พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)?\s*'?(\d{2}|\d{4})\s*$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_LATIN_MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}


def _label_year(token: str, *, latin: bool = False) -> int:
    """A year written in a month label, as a Buddhist-era year: "62" and "2562" are BE; with an English
    month name ("Oct-19") a two-digit year is Christian era; four digits below 2300 are Christian era."""
    year = int(token)
    if year < 100:
        return year + 2000 + BE_OFFSET if latin else 2500 + year
    return year + BE_OFFSET if year < 2300 else year


@functools.lru_cache(maxsize=4096)
def month_label(text: str) -> tuple[int, int | None] | None:
    """Fiscal month of a month header cell and the Buddhist-era calendar year it names, if any.

    Reads "ต.ค.", "ต.ค. 62", "ต.ค.-62", "ตุลาคม 2562", "Oct-19", "October 2019" and dates typed as text
    ("1/10/2562", day first); a date cell reaches here as "ต.ค. 2562" (:func:`header_text`).
    """
    clean = normalise_space(to_arabic_digits(text))
    if not clean or len(clean) > 20:
        return None
    month = month_number_of(clean)
    if month is not None:
        return month, None
    year: int | None = None
    tail = _YEAR_TAIL.search(clean)
    head = clean[:tail.start()].strip() if tail else clean
    if tail and head:
        month = month_number_of(head)
        latin = _LATIN_MONTHS.get(head.lower().rstrip("."))
        if month is None and latin is not None:
            month = fiscal_month(latin)
        if month is not None:
            year = _label_year(tail.group(1), latin=latin is not None)
            return month, year
    latin = _LATIN_MONTHS.get(clean.lower().rstrip("."))
    if latin is not None:
        return fiscal_month(latin), None
    numeric = _NUMERIC_DATE.match(clean)
    if numeric:
        day, month_number = int(numeric.group(1)), int(numeric.group(2))
        if month_number > 12 >= day:  # "10/1/2019" with the month first
            day, month_number = month_number, day
        if 1 <= month_number <= 12 and 1 <= day <= 31:
            return fiscal_month(month_number), _label_year(numeric.group(3))
    return None


def month_of_label(text: str) -> int | None:
    """Fiscal month of a month header cell ("ต.ค.", "ต.ค. 62", "ตุลาคม 2562", "Oct-19"), or None."""
    found = month_label(text)
    return found[0] if found is not None else None


_QUARTER_LABEL = re.compile(r"^(?:ไตรมาส\s*(?:ที่)?|q)\s*([1-4])(?![0-9])", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def months_of_label(text: str) -> tuple[int, ...] | None:
    """Fiscal months a month-column header covers: one month ("ต.ค.") or a quarter ("ไตรมาสที่ 2")."""
    month = month_of_label(text)
    if month is not None:
        return (month,)
    quarter = _QUARTER_LABEL.match(normalise_space(to_arabic_digits(text)))
    if quarter:
        first = 3 * (int(quarter.group(1)) - 1) + 1
        return (first, first + 1, first + 2)
    return None


_YEAR_LABEL = re.compile(r"^(ปี\s*)?(พ\.?\s?ศ\.?)?\s*\d{4}$|^ปีงบประมาณ")


def is_year_label(text: str) -> bool:
    """A cell over the month cells naming a year: "พ.ศ. 2562", "2563", "ปีงบประมาณ 2563"."""
    return bool(_YEAR_LABEL.match(normalise_space(to_arabic_digits(text))))


_YEAR_NUMBER = re.compile(r"(\d{4})")


def year_of_label(text: str) -> tuple[bool, int] | None:
    """The year a header cell names, Buddhist era: ``(False, 2562)`` for a calendar year ("พ.ศ. 2562",
    "2019", "ต.ค. 62"), ``(True, 2563)`` for a fiscal year ("ปีงบประมาณ 2563"); None when it names none."""
    clean = normalise_space(to_arabic_digits(text))
    found = month_label(clean)
    if found is not None:
        return (False, found[1]) if found[1] is not None else None
    if not _YEAR_LABEL.match(clean):
        return None
    number = _YEAR_NUMBER.search(clean)
    if number is None:
        return None
    return clean.startswith("ปีงบประมาณ"), _label_year(number.group(1))


# --- rows inside the table --------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\(?([0-9]{1,3}(?:\.[0-9]{1,3})*)(?:\.|\)|(?=\s))\s*")


def split_numbering(text: str) -> tuple[str, int]:
    """Remove leading numbering: ("2.1 แผนงานงบกลาง") → ("แผนงานงบกลาง", 2); depth 0 when none."""
    text = normalise_space(text)
    match = _NUMBERING.match(to_arabic_digits(text))  # Thai digits map one to one, so offsets agree
    if not match or match.end() >= len(text):
        return text, 0
    return text[match.end():].strip(), match.group(1).count(".") + 1


class HeadingKind(enum.StrEnum):
    """The kind of a heading row above a block of projects."""

    STRATEGY = "strategy"
    PLAN = "plan"
    EQUIPMENT_TYPE = "equipment_type"
    AREA = "area"
    UNFILED = "unfiled"  # "ยังไม่ได้จัดเข้าแผนงาน": the rows below have no program (and no strategy)
    OTHER = "other"


_STRATEGY_NUMBER = re.compile(r"^ยุทธศาสตร์\s*ที่\s*[0-9๐-๙]+\s*[:.\-–]?\s*")


_UNFILED_KEYS = {"ยังไม่ได้จัดเข้าแผนงาน", "ยังไม่ได้จัดเข้ายุทธศาสตร์/แผนงาน", "ไม่ระบุแผนงาน", "ไม่มีแผนงาน",
                 "ครุภัณฑ์ที่ยังไม่ได้ระบุประเภท", "ไม่ระบุประเภทครุภัณฑ์"}


def classify_heading(text: str) -> tuple[HeadingKind, str, int]:
    """What a heading row names, its text without numbering, and the depth of its numbering."""
    rest, depth = split_numbering(text)
    key = name_key(rest)
    if key in _UNFILED_KEYS:
        return HeadingKind.UNFILED, rest, depth
    if key.startswith("ยุทธศาสตร์"):
        # "ยุทธศาสตร์ที่ 2 การพัฒนาคน…" reads as "ยุทธศาสตร์การพัฒนาคน…"
        stripped = _STRATEGY_NUMBER.sub("", rest)
        if stripped != rest and stripped:
            rest = "ยุทธศาสตร์" + stripped if not stripped.startswith("ยุทธศาสตร์") else stripped
        return HeadingKind.STRATEGY, rest, depth
    if key.startswith("แผนงาน"):
        return HeadingKind.PLAN, rest, depth
    if key.startswith("ประเภทครุภัณฑ์"):
        stripped = re.sub(r"^ประเภท\s*", "", rest)
        return HeadingKind.EQUIPMENT_TYPE, stripped, depth
    if key.startswith("ครุภัณฑ์"):
        return HeadingKind.EQUIPMENT_TYPE, rest, depth
    if key.startswith("ด้าน"):
        return HeadingKind.AREA, rest, depth
    return HeadingKind.OTHER, rest, depth


_SUBTOTAL = re.compile(r"^(ยอด)?ยก(มา|ไป)|^(ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด|ทั้งปี|ยอด|เงิน|งบประมาณ|ยุทธศาสตร์|แผนงาน|ประเภท|ครุภัณฑ์"
                       r"|จำนวน|\s*[0-9๐-๙]|$|\s|:|ทั้ง)")


def is_subtotal(text: str) -> bool:
    """A subtotal or total row: รวม, รวมทั้งสิ้น, รวม 5 โครงการ, ยอดรวม, รวมแผนงาน…, ยอดยกมา / ยกไป."""
    return bool(_SUBTOTAL.match(normalise_space(text)))


_FOOTER = re.compile(r"^\(?\s*(ลงชื่อ|ลงนาม|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้เสนอ|ผู้อนุมัติ|ผู้รับรอง|ผู้เห็นชอบ)")
_NOTE = re.compile(r"^\(?\s*(หมายเหตุ|ที่มา|ข้อสังเกต)\s*[:：]")


def is_footer(text: str) -> bool:
    """Signature lines under the table: the table ends there."""
    return bool(_FOOTER.match(normalise_space(text)))


def is_note(text: str) -> bool:
    """A "หมายเหตุ: …" line: not a project, and not the end of the table."""
    return bool(_NOTE.match(normalise_space(text)))


_EQUIPMENT_FORM = re.compile(r"ผด\.?\s*0?2\s*[/\-]\s*1|บัญชีจำนวนครุภัณฑ์|บัญชีครุภัณฑ์")
_SUMMARY_FORM = re.compile(r"ผด\.?\s*0?1(?![0-9])|บัญชีสรุปจำนวนโครงการ")


def names_equipment_form(text: str) -> bool:
    """Title or sheet name of a ผด.02/1 (equipment) list."""
    return bool(_EQUIPMENT_FORM.search(to_arabic_digits(normalise_space(text))))


def names_summary_form(text: str) -> bool:
    """Title or sheet name of a ผด.01 summary, which gives no records."""
    return bool(_SUMMARY_FORM.search(to_arabic_digits(normalise_space(text))))


_INSTRUCTIONS_SHEET = {"คำอธิบาย", "คำชี้แจง", "คำแนะนำ", "วิธีกรอก", "วิธีการกรอก", "วิธีกรอกข้อมูล", "คู่มือ"}
_INSTRUCTIONS_TITLE = re.compile(r"^(คำอธิบาย|คำชี้แจง|คำแนะนำ|วิธี)(การ)?กรอก")


def names_instructions(sheet_name: str, title: str) -> bool:
    """A sheet of instructions for filling in the form: named "คำอธิบาย" (as in ThaPlan's own template) or
    the like, or titled "คำอธิบายการกรอกแบบฟอร์ม…"."""
    return name_key(sheet_name) in _INSTRUCTIONS_SHEET or bool(_INSTRUCTIONS_TITLE.match(name_key(title)))


_COLUMN_NUMBER = re.compile(r"^\(?\s*[0-9๐-๙]{1,2}\s*\)?$")


def is_column_number(text: str) -> bool:
    """A "(1) (2) (3)" row some forms print under the header."""
    return bool(_COLUMN_NUMBER.match(normalise_space(text)))
