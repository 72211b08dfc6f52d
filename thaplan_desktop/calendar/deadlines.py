"""Deadlines on the calendar: a Thai title and a day, whatever they come from.

The calendar takes a plain list of ``DatedDeadline``: the procedure's deadlines (``workflow.deadlines``:
complete the plan within 30 days of the trigger, post it within 15 days of the announcement, keep it posted
30 days), converted by :func:`from_procedure`, and the monitoring report's (``workflow.monitoring``: report
each round to the council and committee — the annual one within December, the six-month one by April —,
announce the results within 15 days, keep them posted 30 days), converted by :func:`from_monitoring` with
``source=DeadlineSource.MONITORING``. ``build_calendar(…, deadlines=[*procedure, *monitoring])`` puts them
on one calendar (``load.load_calendar`` reads both); its JSON and the ICS file need nothing else.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thaplan_desktop.domain.model import Edition, EditionKind
from thaplan_desktop.tracking.rounds import round_name
from thaplan_desktop.workflow.deadlines import Deadline

if TYPE_CHECKING:  # only its type: the calendar's pure data never needs the workspace (nor SQLAlchemy) loaded
    from thaplan_desktop.workflow.monitoring import MonitoringState

__all__ = ["DatedDeadline", "DeadlineSource", "from_monitoring", "from_procedure"]

TEXTS = {
    "round": "{what} ({round} ปีงบประมาณ {year})",
}


class DeadlineSource(enum.StrEnum):
    """Where a deadline on the calendar comes from."""

    PROCEDURE = "procedure"  # the regulation's deadlines for making the plan (ข้อ 26–27)
    MONITORING = "monitoring"  # reporting the monitoring and evaluation of the plan (tracking)


@dataclass(frozen=True, slots=True)
class DatedDeadline:
    """One deadline with its day, ready for the calendar.

    ``key`` is stable for the same deadline of the same edition across exports (``procedure-complete``):
    the ICS UID is made from it, so a re-export moves the event instead of adding another.
    """

    what: str  # Thai title
    day: dt.date
    source: DeadlineSource
    key: str
    done: bool = False  # already met (the calendar still shows it, as a record)
    detail: str = ""  # Thai: how the deadline is counted


def from_procedure(deadlines: Iterable[Deadline], edition: Edition) -> list[DatedDeadline]:
    """The procedure's deadlines that have a day (those whose start is not known yet have none).

    An additional or amended edition's titles say which edition they belong to.
    """
    suffix = "" if edition.kind is EditionKind.MAIN else f" ({edition.label})"
    return [
        DatedDeadline(what=f"{d.title}{suffix}", day=d.due, source=DeadlineSource.PROCEDURE,
                      key=f"procedure-{d.kind}", done=d.done_on is not None, detail=d.rule)
        for d in deadlines if d.due is not None
    ]


def from_monitoring(state: MonitoringState, *, since: dt.date | None = None) -> list[DatedDeadline]:
    """The monitoring report's deadlines of one fiscal year that have a day (on or after ``since``, when given).

    Each title names its round and fiscal year (the annual report of 2562 falls in December 2562, inside
    fiscal year 2563); keys (``monitoring-2563-12m-report_results``) stay the same across exports.
    """
    result = []
    for round_state in state.rounds:
        name = round_name(round_state.kind)
        for d in round_state.deadlines:
            if d.due is None or (since is not None and d.due < since):
                continue
            result.append(DatedDeadline(
                what=TEXTS["round"].format(what=d.title, round=name, year=state.fiscal_year), day=d.due,
                source=DeadlineSource.MONITORING, key=f"monitoring-{state.fiscal_year}-{round_state.kind}-{d.kind}",
                done=d.done_on is not None, detail=d.rule))
    return result
