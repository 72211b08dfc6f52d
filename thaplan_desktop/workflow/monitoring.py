"""The monitoring report's own procedure: report to the council and committee, announce, keep posted.

The regulation (ฉบับที่ 3 พ.ศ. 2561) asks the executive to report the results of monitoring and evaluation
to the council (สภาท้องถิ่น) and the development committee, announce them within 15 days and keep them
posted at least 30 days, at least once a year within December. Each round of the year (รอบ 6 เดือน,
รอบ 12 เดือน, ไตรมาส) is recorded with its dates (``domain.tracking.ReportRound``); its deadlines come from
the same engine as the plan's (``workflow.deadlines.monitoring_deadlines``).

Due dates for the report itself: the annual round (12m) by 31 ธันวาคม of the year the fiscal year ends —
the regulation's "at least once a year within December", shown for every fiscal year even before its
round is recorded; a 6-month round by 30 เมษายน and a quarter's by the end of the month after it, as
offices practise (``REPORT_DUE``: change them there).

``load_monitoring(workspace, fiscal_year, today=…)`` reads; ``record_round(workspace, …)`` checks the
order of the dates and writes one undoable operation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from thaplan_desktop.domain.fiscal import ce_year, fiscal_year_bounds, format_thai_date
from thaplan_desktop.domain.tracking import ReportRound, RoundKind
from thaplan_desktop.tracking.rounds import round_as_of, round_label
from thaplan_desktop.tracking.spending import month_end
from thaplan_desktop.workflow.deadlines import Deadline, DeadlineWarning, monitoring_deadlines, warnings
from thaplan_desktop.workspace import UNSET, Changes, RoundFields, Workspace, WorkspaceError
from thaplan_desktop.workspace.fields import given

__all__ = ["MonitoringState", "RoundState", "load_monitoring", "monitoring_state", "record_round", "report_due"]

TEXTS = {
    "annual_rule": "อย่างน้อยปีละหนึ่งครั้งภายในเดือนธันวาคม",
    "six_rule": "ตามแนวปฏิบัติ ภายในเดือนเมษายน",
    "quarter_rule": "ตามแนวปฏิบัติ ภายในเดือนถัดจากสิ้นไตรมาส",
    "as_of_outside": "วันที่ของข้อมูล ({day}) ต้องอยู่ในปีงบประมาณ {year}",
    "order": "วันที่{later} ({later_day}) ต้องไม่ก่อนวันที่{earlier} ({earlier_day})",
    "needs": "ต้องมีวันที่{earlier}ก่อนจึงจะบันทึกวันที่{later}ได้",
    "future": "วันที่{what} ({day}) ต้องไม่เลยวันนี้",
}
DATE_NAMES = {"as_of": "ของข้อมูล", "reported_on": "รายงานต่อสภาท้องถิ่น", "announced_on": "ประกาศผล",
              "posted_on": "ปิดประกาศ", "removed_on": "ปลดประกาศ"}
_DATE_ORDER = ("as_of", "reported_on", "announced_on", "posted_on", "removed_on")


def report_due(kind: RoundKind, fiscal_year: int) -> tuple[dt.date, str]:
    """When a round must be reported to the council and committee, and the rule, in Thai."""
    kind = RoundKind(kind)
    if kind is RoundKind.TWELVE_MONTHS:
        return dt.date(ce_year(fiscal_year), 12, 31), TEXTS["annual_rule"]
    if kind is RoundKind.SIX_MONTHS:
        return dt.date(ce_year(fiscal_year), 4, 30), TEXTS["six_rule"]
    last = {RoundKind.Q1: 3, RoundKind.Q2: 6, RoundKind.Q3: 9, RoundKind.Q4: 12}[kind]
    due = month_end(fiscal_year, last + 1) if last < 12 else month_end(fiscal_year + 1, 1)
    return due, TEXTS["quarter_rule"]


@dataclass(frozen=True, slots=True)
class RoundState:
    """One round of a fiscal year on one day: its record (None: the annual round not recorded yet)."""

    kind: RoundKind
    label: str  # รอบ 12 เดือน (ตุลาคม 2562 – กันยายน 2563)
    record: ReportRound | None
    deadlines: tuple[Deadline, ...]
    warnings: tuple[DeadlineWarning, ...]


@dataclass(frozen=True, slots=True)
class MonitoringState:
    """The monitoring report of a fiscal year on one day: every round recorded, and the annual one always."""

    fiscal_year: int
    today: dt.date
    rounds: tuple[RoundState, ...]

    @property
    def warnings(self) -> tuple[DeadlineWarning, ...]:
        """Every round's warnings, in order."""
        return tuple(w for r in self.rounds for w in r.warnings)


def _round_state(kind: RoundKind, fiscal_year: int, record: ReportRound | None, today: dt.date) -> RoundState:
    due, rule = report_due(kind, fiscal_year)
    deadlines = monitoring_deadlines(
        report_due=due, report_rule=f"{rule} ({format_thai_date(due)})",
        reported_on=record.reported_on if record else None, announced_on=record.announced_on if record else None,
        posted_on=record.posted_on if record else None, removed_on=record.removed_on if record else None,
        today=today)
    return RoundState(kind, round_label(kind, fiscal_year), record, tuple(deadlines), tuple(warnings(deadlines)))


def monitoring_state(rounds: Iterable[ReportRound], fiscal_year: int, today: dt.date) -> MonitoringState:
    """The rounds recorded for a fiscal year and the annual round, on ``today`` (pure)."""
    recorded = {r.round: r for r in rounds if r.fiscal_year == fiscal_year}
    kinds = sorted(set(recorded) | {RoundKind.TWELVE_MONTHS}, key=lambda k: round_as_of(k, fiscal_year))
    return MonitoringState(fiscal_year, today,
                           tuple(_round_state(k, fiscal_year, recorded.get(k), today) for k in kinds))


def load_monitoring(workspace: Workspace, fiscal_year: int, *, today: dt.date | None = None) -> MonitoringState:
    """The monitoring report of a fiscal year as it stands on ``today`` (default: the real today)."""
    return monitoring_state(workspace.report_rounds(fiscal_year), fiscal_year, today or dt.date.today())


def record_round(workspace: Workspace, fiscal_year: int, kind: RoundKind | str, fields: RoundFields, *,
                 today: dt.date | None = None) -> Changes:
    """Record a round's dates (those given; a new round's as-of date defaults to the round's last day).

    The dates must follow one another — as of, reported, announced, posted, taken down — none after
    today, and the as-of date within the fiscal year; otherwise ``WorkspaceError`` in Thai, nothing written.
    """
    kind = RoundKind(kind)
    day = today or dt.date.today()
    existing = next((r for r in workspace.report_rounds(fiscal_year) if r.round is kind), None)
    values = {name: getattr(existing, name) if existing else None for name in _DATE_ORDER}
    if existing is None and fields.as_of is UNSET:
        values["as_of"] = round_as_of(kind, fiscal_year)
        fields = RoundFields(**{**given(fields), "as_of": values["as_of"]})
    values.update({k: v for k, v in given(fields).items() if k in _DATE_ORDER})
    problems = _check_dates(values, fiscal_year, day)
    if problems:
        raise WorkspaceError("\n".join(problems))
    return workspace.set_report_round(fiscal_year, kind, fields)


def _check_dates(values: dict[str, dt.date | None], fiscal_year: int, today: dt.date) -> list[str]:
    names = DATE_NAMES
    problems = []
    start, end = fiscal_year_bounds(fiscal_year)
    as_of = values["as_of"]
    if as_of is not None and not start <= as_of <= end:
        problems.append(TEXTS["as_of_outside"].format(day=format_thai_date(as_of), year=fiscal_year))
    for name in _DATE_ORDER:
        day = values[name]
        if day is not None and day > today and name != "as_of":
            problems.append(TEXTS["future"].format(what=names[name], day=format_thai_date(day)))
    for earlier, later in zip(_DATE_ORDER, _DATE_ORDER[1:], strict=False):
        first, second = values[earlier], values[later]
        if second is None:
            continue
        if first is None:
            problems.append(TEXTS["needs"].format(earlier=names[earlier], later=names[later]))
        elif second < first:
            problems.append(TEXTS["order"].format(later=names[later], later_day=format_thai_date(second),
                                                       earlier=names[earlier], earlier_day=format_thai_date(first)))
    return problems
