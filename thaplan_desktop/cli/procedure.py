"""``thaplan status`` and ``thaplan announce``: an edition's procedure on the command line.

``status`` prints, in Thai with Buddhist-era dates, each of the seven steps (status, date done, note), what
opened the 30-day window and when, the three deadlines with the days left, the extensions granted and the
amendments recorded, then the fiscal year's monitoring report (each round recorded and the annual one,
with their deadlines); warnings last. ``--today`` shows the state as of another day; ``status`` only reads.
``announce`` records the announcement (step 7 done on ``--date``) through the workspace, on a file or on
the office's server, so that an announced edition can be made and exported from the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt

from thaplan_desktop.cli.common import (
    CommandError,
    add_db_argument,
    add_edition_arguments,
    open_for_reading,
    open_workspace,
    parse_date_option,
    text_argument,
)

TEXTS = {
    "heading": "ขั้นตอนการจัดทำแผนการดำเนินงาน — {org} ปีงบประมาณ {year} {edition}",
    "as_of": "ข้อมูล ณ วันที่ {today}",
    "announced": "ประกาศใช้แล้วเมื่อ {date}",
    "draft": "ยังไม่ได้ประกาศใช้",
    "trigger": "เริ่มนับกำหนดเวลา: {what} {when}",
    "no_trigger": "ยังไม่ได้ระบุวันที่",
    "steps": "ขั้นตอน",
    "step": "{number}. {title} ({actor})",
    "status_line": "     {status}{date}{note}",
    "forced": "     บันทึกข้ามลำดับ: {reason}",
    "deadlines": "กำหนดเวลาตามระเบียบ (ข้อ 26–27)",
    "deadline": "- {title}: {due}{status}",
    "extended": "  (ขยายจาก {original})",
    "extensions": "การขยายเวลา (อำนาจของผู้บริหารท้องถิ่น)",
    "extension": "- ขยายถึง {date}: {reason}{granted}{note}",
    "granted": " อนุมัติเมื่อ {date}",
    "posting": "การปิดประกาศ: ปิดประกาศเมื่อ {posted}{removed}",
    "removed": " ปลดประกาศเมื่อ {date}",
    "amendments": "ประวัติการแก้ไขแผน",
    "amendment": "- {label} ({date}): {reason}",
    "amendment_changes": "    สิ่งที่แก้ไข: {changes}",
    "monitoring": "การรายงานผลการติดตามและประเมินผล ปีงบประมาณ {year}",
    "round": "{label}: {state}",
    "round_as_of": "ข้อมูล ณ วันที่ {date}",
    "round_missing": "ยังไม่ได้บันทึก",
    "warnings": "ข้อควรระวัง",
    "warning": "! {message}",
    "bad_today": "อ่านวันที่ --today ไม่ได้: {error}",
}


def add_status_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan status``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--today", help="แสดงสถานะ ณ วันที่นี้ เช่น 20 ต.ค. 2562 (ไม่ระบุ = วันนี้)")


def _today(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    from thaplan_desktop.domain.fiscal import DateError, parse_thai_date

    try:
        return parse_thai_date(text)
    except DateError as exc:
        raise CommandError(TEXTS["bad_today"].format(error=exc)) from exc


def run_status(args: argparse.Namespace) -> int:
    """``thaplan status --db PATH [--year N] [--edition main|N] [--today DATE]``."""
    from thaplan_desktop.domain.fiscal import format_thai_date
    from thaplan_desktop.workflow.monitoring import load_monitoring
    from thaplan_desktop.workflow.procedure import load_procedure
    from thaplan_desktop.workflow.status import STATUS_LABELS

    today = _today(getattr(args, "today", None))
    with open_for_reading(args.db) as workspace:  # status only reads: no backup, no lock
        org = workspace.organisation()
        edition = workspace.find_edition(args.year, args.edition)
        state = load_procedure(workspace, edition.id, today=today)
        monitoring = load_monitoring(workspace, edition.fiscal_year, today=today)

    def date(day: dt.date | None) -> str:
        return format_thai_date(day) if day else "-"

    print(TEXTS["heading"].format(org=org.name, year=edition.fiscal_year, edition=edition.label))
    print(TEXTS["as_of"].format(today=date(today)))
    print(TEXTS["announced"].format(date=date(edition.announcement_date)) if state.announced else TEXTS["draft"])
    print(TEXTS["trigger"].format(what=state.trigger_label,
                                  when=date(edition.trigger_date) if edition.trigger_date else TEXTS["no_trigger"]))
    print()
    print(TEXTS["steps"])
    for step in state.steps:
        print(TEXTS["step"].format(number=step.step.number, title=step.step.title, actor=step.step.actor.name))
        print(TEXTS["status_line"].format(
            status=STATUS_LABELS[step.status],
            date=f" {date(step.done_on)}" if step.done_on else "",
            note=f" — {step.note}" if step.note else ""))
        if step.forced_reason:
            print(TEXTS["forced"].format(reason=step.forced_reason))
    print()
    print(TEXTS["deadlines"])
    for deadline in state.deadlines:
        due = f"{date(deadline.due)} — " if deadline.due else ""
        print(TEXTS["deadline"].format(title=deadline.title, due=due, status=deadline.status_text))
        if deadline.extended:
            print(TEXTS["extended"].format(original=date(deadline.original_due)))
    if state.extensions:
        print()
        print(TEXTS["extensions"])
        for ext in state.extensions:
            print(TEXTS["extension"].format(
                date=date(ext.new_due), reason=ext.reason,
                granted=TEXTS["granted"].format(date=date(ext.granted_on)) if ext.granted_on else "",
                note=f" ({ext.note})" if ext.note else ""))
    if state.posting.posted_on:
        print()
        print(TEXTS["posting"].format(
            posted=date(state.posting.posted_on),
            removed=TEXTS["removed"].format(date=date(state.posting.removed_on)) if state.posting.removed_on else ""))
    if state.amendments:
        print()
        print(TEXTS["amendments"])
        for amendment in state.amendments:
            print(TEXTS["amendment"].format(label=amendment.label, date=date(amendment.amended_on),
                                            reason=amendment.reason))
            if amendment.changes:
                print(TEXTS["amendment_changes"].format(changes=amendment.changes.replace("\n", "; ")))
    print()
    print(TEXTS["monitoring"].format(year=edition.fiscal_year))
    for round_state in monitoring.rounds:
        record = round_state.record
        print(TEXTS["round"].format(label=round_state.label, state=TEXTS["round_as_of"].format(
            date=date(record.as_of)) if record else TEXTS["round_missing"]))
        for deadline in round_state.deadlines:
            due = f"{date(deadline.due)} — " if deadline.due else ""
            print(TEXTS["deadline"].format(title=deadline.title, due=due, status=deadline.status_text))
    all_warnings = (*state.warnings, *monitoring.warnings)
    if all_warnings:
        print()
        print(TEXTS["warnings"])
        for warning in all_warnings:
            print(TEXTS["warning"].format(message=warning.message))
    return 0


# --- announce ---------------------------------------------------------------------------------------------

ANNOUNCE_TEXTS = {
    "forced": "บันทึกด้วยคำสั่ง thaplan announce",
    "order": "หมายเหตุ: บันทึกข้ามลำดับขั้นตอน ({reason}): {problems}",
    "done": "ประกาศใช้{edition} ปีงบประมาณ {year} แล้ว: ขั้นตอนที่ 7 เสร็จเมื่อ {date}{number}",
    "number": " ({number})",
}


def add_announce_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan announce``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("--date", required=True,
                        help="วันที่ประกาศใช้ เช่น 2562-10-21 (พ.ศ.) หรือ 21 ต.ค. 2562; ปี ค.ศ. ที่น้อยกว่า 2300 จะแปลงเป็น พ.ศ.")
    parser.add_argument("--number", default=None, type=text_argument, help="เลขที่ของประกาศ เช่น “ที่ 123/2562” (เก็บเป็นหมายเหตุของขั้นตอน)")


def run_announce(args: argparse.Namespace) -> int:
    """``thaplan announce --db PLAN [--year] [--edition] --date DATE [--number "ที่ …"]``: step 7 done on DATE.

    A writing command: the plan is opened for editing (lock, backup, upgrade; on a server, the user's
    rights) and the step is one undoable workspace operation (``workflow.operations.set_step``). The
    edition becomes announced (its PDF then has its ประกาศ page and no draft mark). Steps before it that
    are not recorded as done do not stop the command: it records the announcement forced, with the reason
    kept with the step, and says which steps were skipped. A date to come is refused, nothing recorded.
    """
    from thaplan_desktop.domain.fiscal import format_thai_date
    from thaplan_desktop.workflow.operations import StepOrderError, set_step
    from thaplan_desktop.workflow.status import StepStatus
    from thaplan_desktop.workflow.steps import ANNOUNCE
    from thaplan_desktop.workspace import WorkspaceError

    date = parse_date_option(args.date, "--date")
    number = " ".join(args.number.split()) if args.number else None
    with open_workspace(args.db) as workspace:
        edition = workspace.find_edition(args.year, args.edition)
        try:
            try:
                set_step(workspace, edition.id, ANNOUNCE, status=StepStatus.DONE, done_on=date, note=number)
            except StepOrderError as problem:
                reason = ANNOUNCE_TEXTS["forced"]
                set_step(workspace, edition.id, ANNOUNCE, status=StepStatus.DONE, done_on=date, note=number,
                         force_reason=reason)
                problems = str(problem).split("\n")[:-1] or [str(problem)]
                print(ANNOUNCE_TEXTS["order"].format(reason=reason, problems="; ".join(problems)))
        except WorkspaceError as refused:  # a date to come, a department's rights: one Thai line, nothing kept
            raise CommandError(str(refused).split("\n")[0]) from refused
        announced = workspace.edition(edition.id)
    print(ANNOUNCE_TEXTS["done"].format(edition=announced.label, year=announced.fiscal_year,
                                        date=format_thai_date(date),
                                        number=ANNOUNCE_TEXTS["number"].format(number=number) if number else ""))
    return 0
