"""Reference lists seeded into every new database (DOMAIN.md §6) and matching of program names.

The DLA budget areas (ด้าน) and programs (แผนงาน) with their codes, the usual units of an office,
the equipment types (ประเภทครุภัณฑ์) and the funding sources.
"""

from __future__ import annotations

import re
from functools import lru_cache

from thaplan_desktop.domain.thai import name_key

DLA_AREAS: tuple[tuple[str, str], ...] = (
    ("00100", "ด้านบริหารทั่วไป"),
    ("00200", "ด้านบริการชุมชนและสังคม"),
    ("00300", "ด้านการเศรษฐกิจ"),
    ("00400", "ด้านการดำเนินงานอื่น"),
)

# (code, area code, canonical name)
DLA_PROGRAMS: tuple[tuple[str, str, str], ...] = (
    ("00110", "00100", "แผนงานบริหารงานทั่วไป"),
    ("00120", "00100", "แผนงานการรักษาความสงบภายใน"),
    ("00210", "00200", "แผนงานการศึกษา"),
    ("00220", "00200", "แผนงานสาธารณสุข"),
    ("00230", "00200", "แผนงานสังคมสงเคราะห์"),
    ("00240", "00200", "แผนงานเคหะและชุมชน"),
    ("00250", "00200", "แผนงานสร้างความเข้มแข็งของชุมชน"),
    ("00260", "00200", "แผนงานการศาสนาวัฒนธรรมและนันทนาการ"),
    ("00310", "00300", "แผนงานอุตสาหกรรมและการโยธา"),
    ("00320", "00300", "แผนงานการเกษตร"),
    ("00330", "00300", "แผนงานการพาณิชย์"),
    ("00410", "00400", "แผนงานงบกลาง"),
)

# Spelling variants met in real files, beyond spaces and the missing "แผนงาน" prefix.
_PROGRAM_VARIANTS = {
    "แผนงานบริหารทั่วไป": "00110",
    "แผนงานรักษาความสงบภายใน": "00120",
}

DEFAULT_UNITS: tuple[str, ...] = (
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา ศาสนาและวัฒนธรรม",
    "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสวัสดิการสังคม",
    "หน่วยตรวจสอบภายใน",
)

EQUIPMENT_TYPES: tuple[str, ...] = (
    "ครุภัณฑ์สำนักงาน", "ครุภัณฑ์การศึกษา", "ครุภัณฑ์ยานพาหนะและขนส่ง", "ครุภัณฑ์การเกษตร",
    "ครุภัณฑ์ก่อสร้าง", "ครุภัณฑ์ไฟฟ้าและวิทยุ", "ครุภัณฑ์โฆษณาและเผยแพร่",
    "ครุภัณฑ์วิทยาศาสตร์หรือการแพทย์", "ครุภัณฑ์งานบ้านงานครัว", "ครุภัณฑ์โรงงาน", "ครุภัณฑ์ดับเพลิง",
    "ครุภัณฑ์กีฬา", "ครุภัณฑ์สำรวจ", "ครุภัณฑ์ดนตรีและนาฏศิลป์", "ครุภัณฑ์สนาม", "ครุภัณฑ์คอมพิวเตอร์",
    "ครุภัณฑ์อื่น",
)

FUNDING_SOURCES: tuple[str, ...] = (
    "ข้อบัญญัติงบประมาณรายจ่าย", "งบประมาณรายจ่ายเพิ่มเติม", "จ่ายขาดเงินสะสม", "โอนงบประมาณ",
    "เงินอุดหนุนเฉพาะกิจ", "เงินอุดหนุนทั่วไป", "งบประมาณของหน่วยงานอื่น",
)


@lru_cache(maxsize=1 << 14)
def program_key(name: str) -> str:
    """Matching key of a program name: no spaces, no leading numbering, no "แผนงาน" prefix."""
    key = name_key(name)
    key = re.sub(r"^[\d.]+", "", key)
    return key.removeprefix("แผนงาน")


_DLA_BY_KEY = {program_key(name): code for code, _area, name in DLA_PROGRAMS}
_DLA_BY_KEY.update({program_key(name): code for name, code in _PROGRAM_VARIANTS.items()})


def dla_code_for(name: str) -> str | None:
    """The DLA code of a program name as typed in a file ("แผนงานการศาสนา วัฒนธรรม และนันทนาการ" → 00260)."""
    return _DLA_BY_KEY.get(program_key(name))


def canonical_program_name(name: str) -> str | None:
    """The canonical DLA spelling of a program name, or None when it is not a standard program."""
    code = dla_code_for(name)
    return next((n for c, _a, n in DLA_PROGRAMS if c == code), None)
