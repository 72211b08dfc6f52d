"""The rounds of the monitoring report: which months each covers, its usual as-of date, its Thai name.

Offices report at least once a year (the annual report, รอบ 12 เดือน, as of 30 กันยายน); many also a first
round in April covering ต.ค.–มี.ค. (รอบ 6 เดือน, as of 31 มีนาคม); some every quarter (ไตรมาส).
"""

from __future__ import annotations

import datetime as dt

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_NAMES, month_be_year
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.tracking.spending import month_end

__all__ = ["ROUND_MONTHS", "round_as_of", "round_label", "round_name"]

ROUND_MONTHS: dict[RoundKind, range] = {
    RoundKind.SIX_MONTHS: range(1, 7),
    RoundKind.TWELVE_MONTHS: range(1, 13),
    RoundKind.Q1: range(1, 4),
    RoundKind.Q2: range(4, 7),
    RoundKind.Q3: range(7, 10),
    RoundKind.Q4: range(10, 13),
}
_NAMES = {
    RoundKind.SIX_MONTHS: "รอบ 6 เดือน",
    RoundKind.TWELVE_MONTHS: "รอบ 12 เดือน",
    RoundKind.Q1: "ไตรมาสที่ 1",
    RoundKind.Q2: "ไตรมาสที่ 2",
    RoundKind.Q3: "ไตรมาสที่ 3",
    RoundKind.Q4: "ไตรมาสที่ 4",
}


def round_name(kind: RoundKind) -> str:
    """``รอบ 6 เดือน`` / ``ไตรมาสที่ 2``."""
    return _NAMES[RoundKind(kind)]


def round_as_of(kind: RoundKind, fiscal_year: int) -> dt.date:
    """The usual as-of date of a round: the last day of the last month it covers."""
    return month_end(fiscal_year, ROUND_MONTHS[RoundKind(kind)][-1])


def round_label(kind: RoundKind, fiscal_year: int) -> str:
    """``รอบ 6 เดือน (ตุลาคม 2562 – มีนาคม 2563)``: the round and the months it covers."""
    months = ROUND_MONTHS[RoundKind(kind)]
    first, last = months[0], months[-1]
    first_year, last_year = month_be_year(fiscal_year, first), month_be_year(fiscal_year, last)
    start = FISCAL_MONTH_NAMES[first - 1] + ("" if first_year == last_year else f" {first_year}")
    return f"{round_name(kind)} ({start} – {FISCAL_MONTH_NAMES[last - 1]} {last_year})"
