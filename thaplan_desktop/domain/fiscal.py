"""The Thai fiscal calendar: fiscal years in the Buddhist era, fiscal months, quarters and Thai dates.

Fiscal year N (พ.ศ.) runs 1 ตุลาคม N-1 to 30 กันยายน N. Fiscal months are numbered 1..12 with
1 = ต.ค. and 12 = ก.ย.; quarter 1 (ไตรมาสที่ 1) = ต.ค.–ธ.ค. พ.ศ. = ค.ศ. + 543.
Also reads the month expressions departments type ("ต.ค. 62 - ก.ย. 63", "ธันวาคม 2562 – มีนาคม 2563",
"ม.ค.-มี.ค. 63", "ตลอดปีงบประมาณ", "ไตรมาสที่ 2") and Thai dates ("27 กันยายน 2567").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits, to_thai_digits

BE_OFFSET = 543
ALL_MONTHS: frozenset[int] = frozenset(range(1, 13))

# Fiscal order: index 0 is fiscal month 1 (ตุลาคม).
FISCAL_MONTH_ABBR = (
    "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
)
FISCAL_MONTH_NAMES = (
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม",
    "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
)


class DateError(ValueError):
    """A date or month expression that cannot be read; the message is Thai."""


# --- years and months -------------------------------------------------------------------------------

def be_year(ce_year: int) -> int:
    """Buddhist-era year of a Christian-era year."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """Christian-era year of a Buddhist-era year."""
    return be - BE_OFFSET


def calendar_month(fiscal_month: int) -> int:
    """Calendar month (1 = January) of a fiscal month (1 = ต.ค.)."""
    _check_month(fiscal_month)
    return (fiscal_month + 8) % 12 + 1


def fiscal_month(calendar_month_number: int) -> int:
    """Fiscal month (1 = ต.ค.) of a calendar month (1 = January)."""
    _check_month(calendar_month_number)
    return (calendar_month_number - 10) % 12 + 1


def month_be_year(fiscal_year: int, fiscal_month_number: int) -> int:
    """Buddhist-era calendar year in which a fiscal month of the fiscal year falls (ต.ค.–ธ.ค. → year − 1)."""
    _check_month(fiscal_month_number)
    return fiscal_year - 1 if fiscal_month_number <= 3 else fiscal_year


def fiscal_year_of(day: dt.date) -> int:
    """Fiscal year (พ.ศ.) a date belongs to."""
    return be_year(day.year) + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year: 1 ต.ค. of the year before, 30 ก.ย. of the year."""
    year = ce_year(fiscal_year)
    return dt.date(year - 1, 10, 1), dt.date(year, 9, 30)


def year_headers(fiscal_year: int) -> tuple[tuple[str, range], tuple[str, range]]:
    """The two year cells over the month columns: ("พ.ศ. 2562", months 1–3), ("พ.ศ. 2563", months 4–12)."""
    return (f"พ.ศ. {fiscal_year - 1}", range(1, 4)), (f"พ.ศ. {fiscal_year}", range(4, 13))


def quarter_of(fiscal_month_number: int) -> int:
    """Quarter (1..4) of a fiscal month."""
    _check_month(fiscal_month_number)
    return (fiscal_month_number - 1) // 3 + 1


def quarter_months(quarter: int) -> frozenset[int]:
    """Fiscal months of a quarter: quarter 2 → {4, 5, 6} (ม.ค.–มี.ค.)."""
    if not 1 <= quarter <= 4:
        raise DateError(f"ไตรมาสต้องเป็น 1 ถึง 4: {quarter}")
    first = 3 * (quarter - 1) + 1
    return frozenset(range(first, first + 3))


def month_runs(months: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of fiscal months, as (first, last): {1,2,3,7} → [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for m in sorted(set(months)):
        if runs and runs[-1][1] == m - 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return runs


def months_to_mask(months: Iterable[int]) -> int:
    """A 12-bit mask of fiscal months (bit 0 = ต.ค.), as the database stores them."""
    mask = 0
    for m in months:
        _check_month(m)
        mask |= 1 << (m - 1)
    return mask


def mask_to_months(mask: int) -> frozenset[int]:
    """Fiscal months of a 12-bit mask."""
    return frozenset(m for m in range(1, 13) if mask & (1 << (m - 1)))


def describe_months(months: Iterable[int]) -> str:
    """Readable Thai for a set of months: "ต.ค.–ธ.ค., เม.ย." or "ตลอดปีงบประมาณ"."""
    months = frozenset(months)
    if months == ALL_MONTHS:
        return "ตลอดปีงบประมาณ"
    parts = []
    for first, last in month_runs(months):
        a, b = FISCAL_MONTH_ABBR[first - 1], FISCAL_MONTH_ABBR[last - 1]
        parts.append(a if first == last else f"{a}–{b}")
    return ", ".join(parts)


def _check_month(m: int) -> None:
    if not 1 <= m <= 12:
        raise DateError(f"เดือนต้องเป็น 1 ถึง 12: {m}")


# --- reading month expressions ----------------------------------------------------------------------

_THAI_LETTER = "ก-ฮะ-์"


def _abbr_pattern(abbr: str) -> str:
    letters = [c for c in abbr if c != "."]
    # Each letter may be followed by a dot and a space: "ต.ค.", "ต.ค", "ตค", "ต. ค.".
    return r"\.?\s?".join(re.escape(c) for c in letters) + r"\.?"


_MONTH_ALTERNATIVES = sorted(
    [(name, i + 1) for i, name in enumerate(FISCAL_MONTH_NAMES)]
    + [(_abbr_pattern(abbr), i + 1) for i, abbr in enumerate(FISCAL_MONTH_ABBR)],
    key=lambda item: -len(item[0]),
)
_MONTH_RE = re.compile(
    "|".join(f"(?P<m{i}_{n}>(?<![{_THAI_LETTER}]){p}(?![{_THAI_LETTER}]))"
             for i, (p, n) in enumerate(_MONTH_ALTERNATIVES))
)
_WHOLE_YEAR_RE = re.compile(r"ตลอด\s*ปี|ทั้ง\s*ปี|12\s*เดือน|ทุกเดือน")
_QUARTER_RE = re.compile(r"ไตรมาส\s*(?:ที่)?\s*([1-4](?:\s*(?:-|–|—|ถึง|,|และ)\s*[1-4])*)")
_RANGE_SEP_RE = re.compile(r"-|–|—|ถึง|จนถึง")


def month_number_of(token: str) -> int | None:
    """Fiscal month of one month word ("ต.ค.", "ตค", "ตุลาคม"), or None."""
    match = _MONTH_RE.fullmatch(normalise_space(token))
    return _fiscal_month_of_match(match) if match else None


def _fiscal_month_of_match(match: re.Match[str]) -> int:
    group = match.lastgroup or ""
    return int(group.rsplit("_", 1)[1])


def parse_months(text: str) -> frozenset[int]:
    """Fiscal months named by a period expression; empty when the text names none.

    ``"ต.ค. 62 - มี.ค. 63"`` → 1..6; ``"ตลอดปีงบประมาณ"`` → 1..12; ``"ไตรมาสที่ 3"`` → 7..9;
    ``"ธ.ค. 62 และ เม.ย. 63"`` → {3, 7}; a range runs in fiscal order and wraps if written backwards.
    """
    text = normalise_space(to_arabic_digits(text))
    if not text:
        return frozenset()
    if _WHOLE_YEAR_RE.search(text):
        return ALL_MONTHS
    months: set[int] = set()
    for match in _QUARTER_RE.finditer(text):
        quarters = [int(q) for q in re.findall(r"[1-4]", match.group(1))]
        if len(quarters) == 2 and _RANGE_SEP_RE.search(match.group(1)):
            quarters = list(range(min(quarters), max(quarters) + 1))
        for q in quarters:
            months |= quarter_months(q)
    found = list(_MONTH_RE.finditer(text))
    i = 0
    while i < len(found):
        first = _fiscal_month_of_match(found[i])
        if i + 1 < len(found):
            between = text[found[i].end():found[i + 1].start()]
            between_words = re.sub(r"\d+|\.|\s|พ\.?ศ\.?", "", between)
            if _RANGE_SEP_RE.fullmatch(between_words or "x"):
                last = _fiscal_month_of_match(found[i + 1])
                months |= _fiscal_range(first, last)
                i += 2
                continue
        months.add(first)
        i += 1
    return frozenset(months)


def _fiscal_range(first: int, last: int) -> set[int]:
    if first <= last:
        return set(range(first, last + 1))
    return set(range(first, 13)) | set(range(1, last + 1))


# --- Thai dates -------------------------------------------------------------------------------------

def format_thai_date(day: dt.date, *, thai_digits: bool = False, short: bool = False) -> str:
    """``27 กันยายน 2567`` (or ``27 ก.ย. 2567`` with ``short``), the Buddhist-era year."""
    names = FISCAL_MONTH_ABBR if short else FISCAL_MONTH_NAMES
    text = f"{day.day} {names[fiscal_month(day.month) - 1]} {be_year(day.year)}"
    return to_thai_digits(text) if thai_digits else text


def parse_year(token: str) -> int:
    """A year as written: "62" → 2562, "2562" → 2562, "2019" → 2562 (a Christian-era year is converted)."""
    year = int(to_arabic_digits(token))
    if year < 100:
        return 2500 + year
    if year < 2200:
        return be_year(year)
    return year


def parse_thai_date(text: str) -> dt.date:
    """Read a date: ``27 กันยายน 2567``, ``27 ก.ย. 67``, ``27/9/2567``, ``2024-09-27`` (ISO is Christian era)."""
    raw = normalise_space(to_arabic_digits(text))
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    try:
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            if year > 2200:
                year = ce_year(year)
            return dt.date(year, month, day)
        slashed = re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{2,4})", raw)
        if slashed:
            day, month = int(slashed.group(1)), int(slashed.group(2))
            return dt.date(ce_year(parse_year(slashed.group(3))), month, day)
        words = re.fullmatch(r"(\d{1,2})\s*(.+?)\s*(?:พ\.?\s?ศ\.?)?\s*(\d{2,4})", raw)
        if words:
            fm = month_number_of(words.group(2))
            if fm is not None:
                year = ce_year(parse_year(words.group(3)))
                return dt.date(year, calendar_month(fm), int(words.group(1)))
    except ValueError as exc:
        raise DateError(f"ไม่มีวันที่นี้ในปฏิทิน: “{text}”") from exc
    raise DateError(f"อ่านวันที่ไม่ได้: “{text}” (ตัวอย่าง: 27 กันยายน 2567)")


# --- dates typed on the command line and in JSON (INTERFACES.md) ------------------------------------------

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
CE_BELOW = 2300  # an ISO year below this is Christian era; 2400 and above is Buddhist era
BE_FROM = 2400


def format_be_iso(day: dt.date) -> str:
    """A date as Buddhist-era ISO, the one form of the command line and JSON: ``2563-03-31``."""
    return f"{be_year(day.year):04d}-{day.month:02d}-{day.day:02d}"


def parse_date_input(text: str) -> tuple[dt.date, bool]:
    """Read a date typed on the command line or found in JSON; (the date, whether it was Christian era).

    Buddhist-era ISO (``2563-03-31``) is the form; Christian-era ISO is accepted when its year is below
    2300 (``2020-03-31`` → 31 มี.ค. 2563, and the caller says which date it used); a year from 2300 to
    2399 is neither and refused. The Thai forms ``parse_thai_date`` reads ("31 มี.ค. 2563", "31/3/2563")
    are accepted too.
    """
    raw = normalise_space(to_arabic_digits(str(text)))
    iso = _ISO_RE.fullmatch(raw)
    if iso is None:
        return parse_thai_date(raw), False
    year, month, day = (int(g) for g in iso.groups())
    if CE_BELOW <= year < BE_FROM:
        raise DateError(f"ปี {year} ไม่ใช่ทั้ง พ.ศ. และ ค.ศ.: “{text}” (ตัวอย่าง: 2563-03-31)")
    christian = year < CE_BELOW
    try:
        return dt.date(year if christian else ce_year(year), month, day), christian
    except ValueError as exc:
        raise DateError(f"ไม่มีวันที่นี้ในปฏิทิน: “{text}”") from exc
