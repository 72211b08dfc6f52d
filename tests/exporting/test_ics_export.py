"""The calendar as an .ics file, read back with icalendar's own parser: dates, exclusive ends, stable UIDs."""

import datetime as dt

import pytest
from icalendar import Calendar
from small_plans import calendar_plan

from thaplan_desktop.cli import main
from thaplan_desktop.workspace import ProjectFields, Workspace


@pytest.fixture
def plan(tmp_path):
    return calendar_plan(tmp_path / "plan.sqlite")


def export(plan, out, *extra):
    assert main(["calendar", "--db", str(plan.path), "--ics", str(out), *extra]) == 0
    return Calendar.from_ical(out.read_bytes())


def events(ical):
    return {str(e["uid"]): e for e in ical.walk("VEVENT")}


def span(event):
    return event.decoded("dtstart"), event.decoded("dtend")


def project_uuid(plan, project_id):
    with Workspace.open(plan.path) as ws:
        return ws.project(project_id).uuid


def test_one_all_day_event_per_run_ending_on_the_exclusive_next_day(plan, tmp_path, capsys):
    ical = export(plan, tmp_path / "plan.ics")
    assert "กิจกรรมตามแผน 5 รายการ กำหนดเวลา 2 รายการ" in capsys.readouterr().out
    found = events(ical)
    road = project_uuid(plan, plan.road)
    # ต.ค.–พ.ย. 2562 and มี.ค. 2563: two events, all-day dates (not date-times).
    first, second = found[f"{road}-2562-10@thaplan"], found[f"{road}-2563-03@thaplan"]
    assert span(first) == (dt.date(2019, 10, 1), dt.date(2019, 12, 1))
    assert span(second) == (dt.date(2020, 3, 1), dt.date(2020, 4, 1))
    assert type(first.decoded("dtstart")) is dt.date
    assert str(first["summary"]) == "โครงการก่อสร้างถนน คสล. หมู่ที่ 2 (ช่วงที่ 1/2)"
    assert str(second["summary"]) == "โครงการก่อสร้างถนน คสล. หมู่ที่ 2 (ช่วงที่ 2/2)"
    description = str(first["description"])
    assert description.splitlines()[:3] == ["กว้าง 4 เมตร ยาว 200 เมตร", "งบประมาณ: 500,000 บาท",
                                            "ช่วงเวลาในแผน: ต.ค.–พ.ย., มี.ค."]
    assert "หน่วยงานรับผิดชอบหลัก: กองช่าง" in description
    allowance = found[f"{project_uuid(plan, plan.allowance)}-2562-10@thaplan"]
    assert span(allowance) == (dt.date(2019, 10, 1), dt.date(2020, 10, 1))  # the whole fiscal year
    training = found[f"{project_uuid(plan, plan.training)}-2563-03@thaplan"]
    assert span(training) == (dt.date(2020, 3, 1), dt.date(2020, 4, 1))
    cabinet = found[f"{project_uuid(plan, plan.cabinet)}-2563-02@thaplan"]
    assert span(cabinet) == (dt.date(2020, 2, 1), dt.date(2020, 5, 1))  # over 29 February
    assert str(cabinet["summary"]) == "ครุภัณฑ์: ตู้เหล็กเก็บเอกสาร"
    # The row without months has no event; a deadline is one day: the procedure's, and the monitoring
    # report's annual round, due within the December after the year.
    assert not any(str(e["summary"]).startswith("โครงการที่ยังไม่กำหนดเดือน") for e in found.values())
    deadline, report = sorted((e for e in found.values() if str(e["summary"]).startswith("กำหนด: ")),
                              key=lambda e: e.decoded("dtstart"))
    assert str(deadline["summary"]) == "กำหนด: จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)"
    assert span(deadline) == (dt.date(2020, 3, 21), dt.date(2020, 3, 22))
    assert str(report["summary"]) == ("กำหนด: รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น"
                                      " (รอบ 12 เดือน ปีงบประมาณ 2563)")
    assert span(report) == (dt.date(2020, 12, 31), dt.date(2021, 1, 1))
    assert len(found) == 7


def test_uids_are_stable_across_exports_and_an_unchanged_run_keeps_its_uid(plan, tmp_path):
    before = events(export(plan, tmp_path / "a.ics"))
    again = events(export(plan, tmp_path / "b.ics"))
    assert set(before) == set(again)
    road = project_uuid(plan, plan.road)
    with Workspace.open(plan.path) as ws:  # the second run moves to ส.ค.–ก.ย.; the first stays
        ws.update_project(plan.road, ProjectFields(months={1, 2, 11, 12}))
        ws.update_project(plan.allowance, ProjectFields(name="โครงการเบี้ยยังชีพผู้สูงอายุ ตำบลท่าสะท้อน"))
    after = events(export(plan, tmp_path / "c.ics"))
    assert f"{road}-2562-10@thaplan" in after
    assert span(after[f"{road}-2562-10@thaplan"]) == (dt.date(2019, 10, 1), dt.date(2019, 12, 1))
    assert f"{road}-2563-03@thaplan" not in after
    assert span(after[f"{road}-2563-08@thaplan"]) == (dt.date(2020, 8, 1), dt.date(2020, 10, 1))
    # A renamed project is the same event, updated.
    renamed = after[f"{project_uuid(plan, plan.allowance)}-2562-10@thaplan"]
    assert str(renamed["summary"]) == "โครงการเบี้ยยังชีพผู้สูงอายุ ตำบลท่าสะท้อน"
    deadline_uids = {u for u, e in before.items() if str(e["summary"]).startswith("กำหนด: ")}
    assert deadline_uids
    assert deadline_uids <= set(after)


def test_a_unit_calendar_has_its_rows_and_the_deadlines(plan, tmp_path):
    ical = export(plan, tmp_path / "unit.ics", "--unit", "สำนักปลัด")
    summaries = sorted(str(e["summary"]) for e in ical.walk("VEVENT"))
    assert summaries == ["กำหนด: จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)",
                         "กำหนด: รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น"
                         " (รอบ 12 เดือน ปีงบประมาณ 2563)",
                         "ครุภัณฑ์: ตู้เหล็กเก็บเอกสาร", "โครงการอบรมอาสาสมัคร"]
    assert str(ical["x-wr-calname"]).endswith("— สำนักปลัด")


def test_the_file_is_a_valid_calendar(plan, tmp_path):
    out = tmp_path / "plan.ics"
    ical = export(plan, out)
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 says
    assert (str(ical["version"]), str(ical["prodid"])) == ("2.0", "-//ThaPlan Desktop//แผนการดำเนินงาน//TH")
    for event in ical.walk("VEVENT"):
        assert event.decoded("dtstamp").tzinfo is not None
    alarm = next(iter(ical.walk("VALARM")))
    assert alarm.decoded("trigger") == dt.timedelta(days=-7)
