"""The plan's calendar as an iCalendar file (RFC 5545) for the officer's calendar program, via ``icalendar``.

One all-day event per run of months of each project or equipment row, from the first day of the run's
first month to the day after the last day of its last month (all-day events end on the exclusive next
day, RFC 5545 §3.6.1), and one all-day event per dated deadline, with a reminder a week before when it is
still to be met. Titles are Thai; the description carries the project's details, budget, place, unit,
strategy and program.

UIDs are stable, so importing a re-export updates events instead of duplicating them: a project's run is
``<project uuid>-<BE month its run starts>@thaplan`` (changing another run's months, or extending this one,
keeps it), a deadline's is made from the organisation, the fiscal year, the edition and the deadline's key.

Control characters, which an iCalendar value may not hold, are left out of every text (a plan that holds
them still exports), and the file is written whole or not at all, never over a plan or a device
(``exporting.output``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from thaplan_desktop.calendar.deadlines import DatedDeadline, DeadlineSource
from thaplan_desktop.calendar.model import CalendarItem, PlanCalendar, Run
from thaplan_desktop.domain.fiscal import describe_months
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.domain.thai import strip_controls
from thaplan_desktop.exporting.output import atomic_output
from thaplan_desktop.workflow.deadlines import SOON_DAYS

__all__ = ["IcsResult", "calendar_ics", "export_ics", "run_uid"]

TEXTS = {
    "calendar_name": "แผนการดำเนินงาน ปีงบประมาณ {year} ({edition}) — {organisation}",
    "calendar_unit": " — {unit}",
    "equipment": "ครุภัณฑ์: {name}",
    "part": "{summary} (ช่วงที่ {number}/{of})",
    "budget": "งบประมาณ: {budget} บาท",
    "months": "ช่วงเวลาในแผน: {months}",
    "location": "สถานที่ดำเนินการ: {location}",
    "unit": "หน่วยงานรับผิดชอบหลัก: {unit}",
    "strategy": "ยุทธศาสตร์: {strategy}",
    "program": "แผนงาน: {program}",
    "deadline": "กำหนด: {what}",
    "done": "ดำเนินการแล้ว",
    "reminder": "อีก {days} วันถึงกำหนด: {what}",
    DeadlineSource.PROCEDURE: "กำหนดเวลาตามระเบียบ",
    DeadlineSource.MONITORING: "การติดตามและประเมินผล",
}
PRODID = "-//ThaPlan Desktop//แผนการดำเนินงาน//TH"
_DOMAIN = "thaplan"
_NAMESPACE = uuid.UUID("6f3c1b1e-2d0a-4b8e-9a57-0c7f5e1d2a44")  # ThaPlan's own: deadline UIDs are uuid5 in it


@dataclass(frozen=True, slots=True)
class IcsResult:
    """What an ICS export wrote."""

    path: Path
    project_events: int
    deadline_events: int

    @property
    def events(self) -> int:
        """All events written."""
        return self.project_events + self.deadline_events


def run_uid(item: CalendarItem, run: Run, fiscal_year: int) -> str:
    """The UID of one run of a project: its stored UUID and the month the run starts."""
    key = item.uuid or f"project-{item.project_id}"
    return f"{key}-{run.start(fiscal_year).iso}@{_DOMAIN}"


def deadline_uid(calendar: PlanCalendar, deadline: DatedDeadline) -> str:
    """The UID of a deadline: the same deadline of the same edition of the same office gets the same one."""
    name = f"{calendar.organisation}|{calendar.fiscal_year}|{calendar.edition_key}|{deadline.key}"
    return f"{uuid.uuid5(_NAMESPACE, name)}@{_DOMAIN}"


def _clean(text: str, *, multiline: bool = False) -> str:
    """A text value as iCalendar may hold it: no control characters; line breaks only where ``multiline``."""
    text = strip_controls(text, multiline=multiline)
    return text.replace("\r\n", "\n").replace("\r", "\n") if multiline else text


def _description(item: CalendarItem) -> str:
    lines = [item.details.strip()] if item.details.strip() else []
    lines.append(TEXTS["budget"].format(budget=format_money(item.budget)))
    lines.append(TEXTS["months"].format(months=describe_months(item.months)))
    if item.location:
        lines.append(TEXTS["location"].format(location=item.location))
    if item.unit:
        lines.append(TEXTS["unit"].format(unit=item.unit))
    if item.strategy:
        lines.append(TEXTS["strategy"].format(strategy=item.strategy))
    if item.program:
        lines.append(TEXTS["program"].format(program=item.program))
    return "\n".join(lines)


def _run_event(calendar: PlanCalendar, item: CalendarItem, run: Run, stamp: dt.datetime) -> Event:
    summary = TEXTS["equipment"].format(name=item.name) if item.kind is ProjectKind.EQUIPMENT else item.name
    if run.of > 1:
        summary = TEXTS["part"].format(summary=summary, number=run.number, of=run.of)
    event = Event()
    event.add("uid", run_uid(item, run, calendar.fiscal_year))
    event.add("dtstamp", stamp)
    event.add("summary", _clean(summary))
    event.add("dtstart", run.start(calendar.fiscal_year).first_day)
    event.add("dtend", run.finish(calendar.fiscal_year).end)
    event.add("description", _clean(_description(item), multiline=True))
    if item.location:
        event.add("location", _clean(item.location))
    if item.unit:
        event.add("categories", [_clean(item.unit)])
    event.add("transp", "TRANSPARENT")  # a project filling months does not make the officer busy
    return event


def _deadline_event(calendar: PlanCalendar, deadline: DatedDeadline, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", deadline_uid(calendar, deadline))
    event.add("dtstamp", stamp)
    event.add("summary", _clean(TEXTS["deadline"].format(what=deadline.what)))
    event.add("dtstart", deadline.day)
    event.add("dtend", deadline.day + dt.timedelta(days=1))
    lines = [line for line in (deadline.detail, TEXTS["done"] if deadline.done else "") if line]
    if lines:
        event.add("description", _clean("\n".join(lines), multiline=True))
    event.add("categories", [TEXTS[deadline.source]])
    event.add("transp", "TRANSPARENT")
    if not deadline.done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _clean(TEXTS["reminder"].format(days=SOON_DAYS, what=deadline.what)))
        alarm.add("trigger", dt.timedelta(days=-SOON_DAYS))
        event.add_component(alarm)
    return event


def calendar_ics(calendar: PlanCalendar, *, now: dt.datetime | None = None) -> tuple[bytes, int, int]:
    """The iCalendar text of ``calendar``; with the number of project events and of deadline events."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    ical = Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    name = TEXTS["calendar_name"].format(year=calendar.fiscal_year, edition=calendar.edition_label,
                                         organisation=calendar.organisation)
    if calendar.filter.unit:
        name += TEXTS["calendar_unit"].format(unit=calendar.filter.unit)
    ical.add("x-wr-calname", _clean(name))
    projects = 0
    for item, run in calendar.runs():
        ical.add_component(_run_event(calendar, item, run, stamp))
        projects += 1
    for deadline in calendar.deadlines:
        ical.add_component(_deadline_event(calendar, deadline, stamp))
    return ical.to_ical(), projects, len(calendar.deadlines)


def export_ics(calendar: PlanCalendar, path: Path | str, *, now: dt.datetime | None = None) -> IcsResult:
    """Write ``calendar`` as an .ics file; the file is replaced whole or not at all (``OutputRefused``, Thai,
    for a database, a plan's companion file, a folder or a device)."""
    path = Path(path)
    data, projects, deadlines = calendar_ics(calendar, now=now)
    with atomic_output(path) as temporary:
        temporary.write_bytes(data)
    return IcsResult(path, projects, deadlines)
