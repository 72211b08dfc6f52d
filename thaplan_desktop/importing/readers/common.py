"""What the workbook readers share: the Thai failures, XML parsing that refuses entity tricks, JSON read
within its cap, and the geometry that turns drawn positions into fractional column and row numbers.

Files come from outside (e-mail, USB sticks), so every XML part we parse ourselves goes through
defusedxml: a document type that declares entities (the "billion laughs" bomb) or points at other files
raises ``DefusedXmlException`` and the reader refuses the file (:func:`unsafe`) without expanding anything.
openpyxl does the same for the parts it parses, because defusedxml is installed (see :mod:`.xlsx`).
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as _defused_fromstring

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.limits import MIB, file_too_big

STOP = (KeyboardInterrupt, SystemExit, GeneratorExit)
"""Exceptions never turned into a failure of the file (the Rust reader's panics are BaseExceptions)."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def parse_xml(data: bytes) -> Element:
    """An XML part of a workbook; raises ``DefusedXmlException`` on entity declarations or external references."""
    return _defused_fromstring(data)


def corrupt(name: str, sheet: str = "") -> ImportFailure:
    """The file (or one sheet of it) is damaged."""
    return ImportFailure(FailureKind.CORRUPT,
                         f"{where(name, sheet)} เสียหายหรือไม่สมบูรณ์ (อาจคัดลอกหรือดาวน์โหลดมาไม่ครบ): "
                         "กรุณาขอไฟล์ใหม่จากหน่วยงาน", file=name, sheet=sheet)


def password_protected(name: str) -> ImportFailure:
    """The file is encrypted: it opens only with its password."""
    return ImportFailure(FailureKind.PASSWORD,
                         f"{where(name)} มีรหัสผ่านป้องกันการเปิด: กรุณาบันทึกใหม่โดยไม่ใส่รหัสผ่าน", file=name)


def not_opened(name: str, exc: BaseException) -> ImportFailure:
    """The failure for a library that could not open the file at all: a password, or else damage."""
    text = f"{type(exc).__name__} {exc}".lower()
    return password_protected(name) if "password" in text or "encrypt" in text else corrupt(name)


def unsafe(name: str, sheet: str = "") -> ImportFailure:
    """The file holds XML that expands itself or reaches for other files: refused, never expanded."""
    return ImportFailure(FailureKind.UNSAFE,
                         f"{where(name, sheet)} มีเนื้อหา XML ที่อาจเป็นอันตราย (ขยายตัวเองหรืออ้างถึงไฟล์อื่น) "
                         "จึงไม่อ่านไฟล์นี้: กรุณาเปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือขอไฟล์ใหม่จากหน่วยงาน",
                         file=name, sheet=sheet)


def unreadable(name: str, exc: BaseException, sheet: str = "") -> ImportFailure:
    """The failure for an exception a library raised while reading: unsafe XML, or else damage.

    Libraries wrap what the XML parser raised (openpyxl: "Unable to read workbook" from the
    ``DefusedXmlException``), so the whole chain of causes is looked at.
    """
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, DefusedXmlException):
            return unsafe(name, sheet)
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return corrupt(name, sheet)


# --- JSON -------------------------------------------------------------------------------------------------

MAX_JSON_BYTES = 16 * MIB  # parsed whole: its objects take up to ten times its size (about 40,000 projects)
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_json(path: Path) -> object:
    """A JSON file we read whole (the preview JSON, the progress JSON), or the Thai ``ImportFailure``: larger
    than :data:`MAX_JSON_BYTES`, no UTF-8, no JSON, or nested too deep. Each reader then refuses, naming the
    entry, a text holding half a surrogate pair (:func:`lone_surrogate`)."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise file_too_big(name, size, MAX_JSON_BYTES)
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFailure(FailureKind.BAD_JSON, f"{where(name)} ไม่ใช่ข้อความ UTF-8 จึงอ่านเป็น JSON ไม่ได้",
                            file=name) from exc
    except json.JSONDecodeError as exc:
        raise ImportFailure(FailureKind.BAD_JSON, f"{where(name)} ไม่ใช่ JSON ที่อ่านได้: บรรทัดที่ {exc.lineno} "
                            f"ตำแหน่งที่ {exc.colno} ({exc.msg})", file=name) from exc
    except RecursionError as exc:
        raise ImportFailure(FailureKind.BAD_JSON, f"{where(name)} มีโครงสร้างซ้อนกันลึกเกินกว่าจะอ่านได้",
                            file=name) from exc


def lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half a surrogate pair (JSON's ``"\\ud800"``), which no file or database can
    store."""
    return _SURROGATE.search(text) is not None


LONE_SURROGATE = "มีอักขระที่ไม่ถูกต้อง (รหัส \\ud800–\\udfff ที่ไม่ครบคู่)"


# --- number formats ----------------------------------------------------------------------------------

# Built-in format ids that Thai Excel uses for dates without writing their code into the file
# (71 ว/ด/ปปปป, 72 ว-ดดด-ปป, 73 ว-ดดด, 74 ดดด-ปป, 81 d/m/bb), the East Asian ones (27–36, 50–58) and the
# standard dates (14–17, 22).
BUILTIN_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59), 71, 72, 73, 74, 81})
_FORMAT_NOISE = re.compile(r'"[^"]*"|\[[^\]]*]|\\.|_.|\*.')
_DATE_CODES = re.compile(r"[dyeb]|[วดป]")


def is_date_format(code: str) -> bool:
    """A number format showing a date, whatever its codes: ``d m y``, Buddhist-era ``b``/``bbbb``, an era
    ``e``, or the Thai ``ว ด ป`` of Thai Excel ("ดดด-ปป" is "ต.ค.-62"); a time alone (``h:mm``) is not."""
    section = _FORMAT_NOISE.sub("", code.split(";")[0]).lower().replace("general", "")
    section = re.sub(r"e[+-]", "", section)  # scientific notation
    if _DATE_CODES.search(section):
        return True
    return "m" in section and not re.search(r"[hs0#?]|[ชนท]", section)


# --- positions on a sheet: sizes of columns or rows → edges → fractional index ------------------------

def edges(sizes: list[int]) -> list[int]:
    """Where each column (row) starts, and where the last one ends."""
    result = [0]
    for s in sizes:
        result.append(result[-1] + s)
    return result


def edge(starts: list[int], default: int, index: int) -> int:
    """Where column (row) ``index`` starts; beyond the known ones, each is ``default`` wide."""
    if index < len(starts):
        return starts[max(index, 0)]
    return starts[-1] + (index - len(starts) + 1) * default


def position(starts: list[int], default: int, x: float) -> float:
    """The fractional column (row) number at ``x``: 2.5 is the middle of the third one."""
    if x >= starts[-1]:
        return len(starts) - 1 + (x - starts[-1]) / default
    i = max(bisect.bisect_right(starts, x) - 1, 0)
    size = starts[i + 1] - starts[i]
    return i + ((x - starts[i]) / size if size else 0.0)
