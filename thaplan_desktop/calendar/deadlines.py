"""Deadlines on the calendar: a Thai title and a day, whatever they come from.

The calendar takes a plain list of ``DatedDeadline``. Today it holds the procedure's deadlines
(``workflow.deadlines``: complete the plan within 30 days of the trigger, post it within 15 days of the
announcement, keep it posted 30 days), converted by :func:`from_procedure`. The monitoring report's
deadlines (report within December, the six-month round in April …) belong to tracking: its follow-up
converts them to ``DatedDeadline`` with ``source=DeadlineSource.MONITORING`` and passes them alongside
(``build_calendar(…, deadlines=[*procedure, *monitoring])``, or ``load_calendar(…, monitoring=…)``); the
calendar, its JSON and the ICS file need nothing else.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from thaplan_desktop.domain.model import Edition, EditionKind
from thaplan_desktop.workflow.deadlines import Deadline

__all__ = ["DatedDeadline", "DeadlineSource", "from_procedure"]


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
