"""Calendar months as users name them: Buddhist-era year and month, ``2563-03``, and the fiscal month they are.

INTERFACES.md settles one form for the command line and JSON: Buddhist-era ISO (``2563-03``, days
``2563-03-15``). Also read: a Christian-era ISO month when the year is below 2300 (``2020-03`` → 2563-03,
and the caller is told which BE month was used), and the Thai forms (``มี.ค. 2563``, ``มีนาคม 63``,
``3/2563``, Thai digits). A ``CalendarMonth`` knows its fiscal year and fiscal month (1 = ต.ค.), its first
day and the day after its last (the exclusive end of an all-day event, RFC 5545).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from thaplan_desktop.domain.fiscal import (
    FISCAL_MONTH_ABBR,
    FISCAL_MONTH_NAMES,
    DateError,
    be_year,
    calendar_month,
    ce_year,
    fiscal_month,
    month_be_year,
    month_number_of,
)
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits

__all__ = ["CalendarMonth", "MonthError", "be_iso_date", "parse_month"]

TEXTS = {
    "unreadable": "อ่านเดือนไม่ได้: “{text}” (ตัวอย่าง: 2563-03 หรือ มี.ค. 2563)",
    "no_month": "ไม่มีเดือนที่ {month} ในปฏิทิน: “{text}”",
    "ambiguous_year": "ปี {year} ไม่ชัดเจน: ใช้ปีพุทธศักราช (เช่น 2563) หรือคริสต์ศักราช (เช่น 2020)",
    "converted": "ใช้เดือน {iso} (พ.ศ.) ตามที่ระบุเป็นปีคริสต์ศักราช {text}",
}

_ISO = re.compile(r"(\d{4})-(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})\s*/\s*(\d{2,4})")
_WORDS = re.compile(r"(.+?)\s*(?:พ\.?\s?ศ\.?)?\s*(\d{2,4})")


class MonthError(DateError):
    """A month that cannot be read; the message is Thai."""


def be_iso_date(day: dt.date) -> str:
    """A date in the one form of INTERFACES.md: Buddhist-era ISO, ``2563-03-15``."""
    return f"{be_year(day.year):04d}-{day.month:02d}-{day.day:02d}"


@dataclass(frozen=True, slots=True, order=True)
class CalendarMonth:
    """A month of the calendar: its Buddhist-era year and its number (1 = มกราคม … 12 = ธันวาคม)."""

    be_year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise MonthError(TEXTS["no_month"].format(month=self.month, text=f"{self.be_year}-{self.month}"))

    @classmethod
    def of_fiscal(cls, fiscal_year: int, fiscal_month_number: int) -> CalendarMonth:
        """The calendar month of a fiscal month (1 = ต.ค.) of a fiscal year (ต.ค.–ธ.ค. fall in the year before)."""
        return cls(month_be_year(fiscal_year, fiscal_month_number), calendar_month(fiscal_month_number))

    @classmethod
    def of_date(cls, day: dt.date) -> CalendarMonth:
        """The month a day falls in."""
        return cls(be_year(day.year), day.month)

    @property
    def fiscal_month(self) -> int:
        """Fiscal month number, 1 = ต.ค. … 12 = ก.ย."""
        return fiscal_month(self.month)

    @property
    def fiscal_year(self) -> int:
        """Fiscal year (พ.ศ.) the month belongs to: ต.ค. 2562 is in fiscal year 2563."""
        return self.be_year + 1 if self.month >= 10 else self.be_year

    @property
    def iso(self) -> str:
        """``2563-03``: the form of the command line and of JSON."""
        return f"{self.be_year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        """The first day of the month (a ``datetime.date``, so Christian era inside)."""
        return dt.date(ce_year(self.be_year), self.month, 1)

    @property
    def end(self) -> dt.date:
        """The day after the last day of the month: where an all-day event that fills it ends (exclusive)."""
        return self.next().first_day

    @property
    def last_day(self) -> dt.date:
        """The last day of the month."""
        return self.end - dt.timedelta(days=1)

    def next(self) -> CalendarMonth:
        """The month after this one."""
        if self.month == 12:
            return CalendarMonth(self.be_year + 1, 1)
        return CalendarMonth(self.be_year, self.month + 1)

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` falls in this month."""
        return be_year(day.year) == self.be_year and day.month == self.month

    def label(self, *, short: bool = False) -> str:
        """``มีนาคม 2563``, or ``มี.ค. 63`` with ``short`` (as a chart's axis or a grid's header prints it)."""
        index = self.fiscal_month - 1
        if short:
            return f"{FISCAL_MONTH_ABBR[index]} {self.be_year % 100:02d}"
        return f"{FISCAL_MONTH_NAMES[index]} {self.be_year}"


def _year(token: str, text: str) -> tuple[int, bool]:
    """A year as written → (Buddhist-era year, whether it was given in the Christian era)."""
    year = int(token)
    if len(token) == 3:
        raise MonthError(TEXTS["unreadable"].format(text=text))
    if len(token) == 2:
        return 2500 + year, False
    if year >= 2400:
        return year, False
    if year < 2300:
        return be_year(year), True
    raise MonthError(TEXTS["ambiguous_year"].format(year=year))


def parse_month(text: str) -> tuple[CalendarMonth, str]:
    """Read a month: ``2563-03``, ``2020-03``, ``มี.ค. 2563``, ``มีนาคม 63``, ``3/2563`` (Thai digits too).

    Returns the month and a Thai note for the user when the input was in the Christian era ("" otherwise).
    """
    raw = normalise_space(to_arabic_digits(text))
    match = _ISO.fullmatch(raw) or _SLASHED.fullmatch(raw)
    if match:
        year_token, month_token = (match[1], match[2]) if match.re is _ISO else (match[2], match[1])
        month = int(month_token)
    else:
        words = _WORDS.fullmatch(raw)
        fiscal = month_number_of(words[1]) if words else None
        if words is None or fiscal is None:
            raise MonthError(TEXTS["unreadable"].format(text=text))
        year_token, month = words[2], calendar_month(fiscal)
    be, converted = _year(year_token, text)
    if not 1 <= month <= 12:
        raise MonthError(TEXTS["no_month"].format(month=month, text=text))
    result = CalendarMonth(be, month)
    note = TEXTS["converted"].format(iso=result.iso, text=normalise_space(text)) if converted else ""
    return result, note
