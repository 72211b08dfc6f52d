"""``thaplan report round``: record a round of the monitoring report and its dates from the command line.

``report round --db PLAN [--year N] --round 6m|12m|q1..q4 [--as-of DATE] [--reported DATE]
[--announced DATE] [--posted DATE] [--removed DATE] [--note TEXT]`` records the round of the fiscal year
(default: the latest in the file) — a new round's as-of date defaults to its last day — with the dates
given; a date given as ``-`` clears one recorded by mistake. The rules are ``workflow.monitoring``'s: the
dates follow one another (as of, reported to the council, announced, posted, taken down), none after
today; a refusal is one Thai line and writes nothing. One operation, on a plan opened as every writing
command opens it (the editing lock, the daily backup). It then prints the round and its three deadlines as ``thaplan status``
does. Dates are read as INTERFACES.md says (``2563-04-24``, ``2020-04-24``, ``24 เม.ย. 2563``).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from thaplan_desktop.cli.common import (
    CommandError,
    add_db_argument,
    fiscal_year,
    open_workspace,
    parse_date_option,
)

if TYPE_CHECKING:
    from thaplan_desktop.workspace import Workspace

ROUNDS = ("6m", "12m", "q1", "q2", "q3", "q4")
CLEAR = "-"
# option → the round's field
DATE_OPTIONS = {"--reported": "reported_on", "--announced": "announced_on", "--posted": "posted_on",
                "--removed": "removed_on"}
TEXTS = {
    "help_round": "รอบการรายงาน: 6m (6 เดือน) 12m (12 เดือน) หรือ q1–q4 (ไตรมาส)",
    "help_year": "ปีงบประมาณ (พ.ศ.) ของรอบการรายงาน เช่น 2563; ไม่ระบุ = ปีล่าสุดในไฟล์",
    "help_as_of": "ข้อมูล ณ วันที่ เช่น 2563-03-31 (รอบใหม่ไม่ระบุ = วันสุดท้ายของรอบ)",
    "help_reported": "วันที่รายงานผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น (- = ลบวันที่ที่บันทึกไว้)",
    "help_announced": "วันที่ประกาศผลให้ประชาชนทราบ (- = ลบวันที่ที่บันทึกไว้)",
    "help_posted": "วันที่ปิดประกาศ (- = ลบวันที่ที่บันทึกไว้)",
    "help_removed": "วันที่ปลดประกาศ (- = ลบวันที่ที่บันทึกไว้)",
    "help_note": "หมายเหตุ เช่น การประชุมสภา สมัยสามัญ สมัยที่ 2/2563",
    "no_year": "ไม่มีแผนของปีงบประมาณ {year} ในไฟล์ (มี: {years})",
    "no_plan": "ไฟล์นี้ยังไม่มีแผนของปีงบประมาณใด",
    "recorded": "บันทึก{label} ปีงบประมาณ {year} แล้ว",
    "unchanged": "{label} ปีงบประมาณ {year}: ไม่มีวันที่ที่เปลี่ยน ไม่ได้บันทึกอะไร",
    "as_of": "ข้อมูล ณ วันที่ {date}",
    "dates": "รายงานต่อสภาท้องถิ่น {reported} · ประกาศผล {announced} · ปิดประกาศ {posted} · ปลดประกาศ {removed}",
    "note": "หมายเหตุ: {note}",
    "deadline": "- {title}: {due}{status}",
    "warning": "! {message}",
}


def add_round_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan report round``."""
    add_db_argument(parser)
    parser.add_argument("--year", type=fiscal_year, metavar="ปี", help=TEXTS["help_year"])
    parser.add_argument("--round", choices=ROUNDS, required=True, help=TEXTS["help_round"])
    parser.add_argument("--as-of", metavar="วันที่", help=TEXTS["help_as_of"])
    for option in DATE_OPTIONS:
        parser.add_argument(option, metavar="วันที่", help=TEXTS[f"help_{option.removeprefix('--')}"])
    parser.add_argument("--note", metavar="ข้อความ", help=TEXTS["help_note"])


def _date_or_clear(text: str, option: str) -> dt.date | None:
    return None if text.strip() == CLEAR else parse_date_option(text, option)


def _year(workspace: Workspace, wanted: int | None) -> int:
    years = sorted({e.fiscal_year for e in workspace.editions()})
    if not years:
        raise CommandError(TEXTS["no_plan"])
    if wanted is None:
        return years[-1]
    if wanted not in years:
        raise CommandError(TEXTS["no_year"].format(year=wanted, years=", ".join(map(str, years))))
    return wanted


def run_round(args: argparse.Namespace) -> int:
    """Record the round's dates given (one undoable operation), then print the round and its deadlines."""
    from thaplan_desktop.domain.fiscal import format_thai_date
    from thaplan_desktop.domain.tracking import RoundKind
    from thaplan_desktop.tracking.rounds import round_label
    from thaplan_desktop.workflow.monitoring import load_monitoring, record_round
    from thaplan_desktop.workspace import RoundFields, WorkspaceError

    kind = RoundKind(args.round)
    values: dict[str, Any] = {}
    if args.as_of is not None:
        values["as_of"] = parse_date_option(args.as_of, "--as-of")
    for option, name in DATE_OPTIONS.items():
        text = getattr(args, option.removeprefix("--"))
        if text is not None:
            values[name] = _date_or_clear(text, option)
    if args.note is not None:
        values["note"] = args.note.strip()
    today = dt.date.today()
    with open_workspace(args.db) as workspace:
        year = _year(workspace, args.year)
        label = round_label(kind, year)
        existing = next((r for r in workspace.report_rounds(year) if r.round is kind), None)
        changed = existing is None or any(getattr(existing, k) != v for k, v in values.items())
        if changed:
            try:
                record_round(workspace, year, kind, RoundFields(**values), today=today)
            except WorkspaceError as exc:  # the rules' refusals, one a line: one line on the command line
                raise CommandError("; ".join(str(exc).splitlines())) from exc
        state = load_monitoring(workspace, year, today=today)
    print(TEXTS["recorded" if changed else "unchanged"].format(label=label, year=year))
    shown = next(r for r in state.rounds if r.kind is kind)
    record = shown.record
    assert record is not None

    def date(day: dt.date | None) -> str:
        return format_thai_date(day) if day else "-"

    print(TEXTS["as_of"].format(date=date(record.as_of)))
    print(TEXTS["dates"].format(reported=date(record.reported_on), announced=date(record.announced_on),
                                posted=date(record.posted_on), removed=date(record.removed_on)))
    if record.note:
        print(TEXTS["note"].format(note=record.note))
    for deadline in shown.deadlines:
        due = f"{date(deadline.due)} — " if deadline.due else ""
        print(TEXTS["deadline"].format(title=deadline.title, due=due, status=deadline.status_text))
    for warning in shown.warnings:
        print(TEXTS["warning"].format(message=warning.message))
    return 0
