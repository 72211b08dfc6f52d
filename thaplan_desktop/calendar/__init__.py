"""The plan as a working calendar (ปฏิทินการทำงาน): per month, what starts, runs and ends, and the deadlines.

The seed's first benefit of the plan is that every officer knows the work "เสมือนปฏิทินการทำงาน". This
package turns an edition's projects (their fiscal months) into a month-by-month calendar, pure data with no
Qt and no database: ``months`` (calendar months in the Buddhist era, parsing ``2563-03``), ``deadlines``
(dated deadlines: the procedure's and the monitoring report's), ``model`` (runs of
months, the month views, filters by unit and strategy), ``contract`` (the JSON of ``thaplan calendar
--month … --json``) and ``load`` (reading one from the workspace). The ICS file is
``exporting.ics``; the window's view and the printed calendar build on ``model``.
"""

from thaplan_desktop.calendar.deadlines import DatedDeadline, DeadlineSource
from thaplan_desktop.calendar.model import (
    CalendarFilter,
    CalendarItem,
    MonthView,
    PlanCalendar,
    Run,
    UnitMonth,
    build_calendar,
)
from thaplan_desktop.calendar.months import CalendarMonth, MonthError, be_iso_date, parse_month

__all__ = [
    "CalendarFilter",
    "CalendarItem",
    "CalendarMonth",
    "DatedDeadline",
    "DeadlineSource",
    "MonthError",
    "MonthView",
    "PlanCalendar",
    "Run",
    "UnitMonth",
    "be_iso_date",
    "build_calendar",
    "parse_month",
]
