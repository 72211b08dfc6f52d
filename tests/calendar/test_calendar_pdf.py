"""``thaplan calendar --pdf``: the printed work calendar, per unit a page per quarter, read back with pdftotext.

The small calendar plan (``small_plans.calendar_plan``): the road of กองช่าง runs ต.ค.–พ.ย. and มี.ค. (months 1,
2, 6), the training of สำนักปลัด มี.ค. (6), the cabinet of สำนักปลัด ก.พ.–เม.ย. (5–7), the allowance of
กองสวัสดิการสังคม the whole year; one row has no months. The plan's deadline "จัดทำแผนให้แล้วเสร็จ" falls on
21 มีนาคม 2563 (quarter 2). Every arrow the calendar draws leaves ``% thaplan-arrow <project>-q<quarter>
<first>-<last>`` (months counted within the quarter) in an uncompressed PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from small_plans import calendar_plan

from thaplan_desktop.calendar.load import load_calendar
from thaplan_desktop.cli import main
from thaplan_desktop.exporting.reports.document import ReportOptions
from thaplan_desktop.exporting.reports.work_calendar import write_calendar_pdf
from thaplan_desktop.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return calendar_plan(tmp_path_factory.mktemp("calendar-pdf") / "plan.sqlite")


def pages_of(pdf):
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def test_each_unit_gets_a_page_per_quarter_with_its_projects_and_the_deadlines(plan, tmp_path, capsys):
    out = tmp_path / "ปฏิทิน.pdf"
    assert main(["calendar", "--db", str(plan.path), "--pdf", str(out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"เขียน {out} แล้ว: ปฏิทินการทำงาน 3 หน่วยงาน 4 รายการ (12 หน้า)")
    assert "ยังไม่ได้ประกาศใช้" in said
    pages = pages_of(out)
    assert len(pages) == 12  # three units, four quarters, each on its own page
    assert all(page.startswith("ร่าง ปฏิทินการทำงาน ประจำปีงบประมาณ พ.ศ. 2563") for page in pages)
    titles = [re.search(r"(\S+) ไตรมาสที่ (\d)", page).groups() for page in pages]
    assert titles == [(unit, str(q)) for unit in ("สำนักปลัด", "กองช่าง", "กองสวัสดิการสังคม") for q in "1234"]
    office, works, welfare = pages[0:4], pages[4:8], pages[8:12]
    assert "ไม่มีโครงการของหน่วยงานนี้ที่ดำเนินการในไตรมาสนี้" in office[0]
    assert "โครงการอบรมอาสาสมัคร" in office[1]
    assert "ตู้เหล็กเก็บเอกสาร" in office[1]
    assert "ตู้เหล็กเก็บเอกสาร" in office[2]
    assert "โครงการอบรมอาสาสมัคร" not in office[2]
    assert "กุมภาพันธ์" in office[1]  # the quarter's months as its columns
    assert "มีนาคม 2563" in office[1]
    assert ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2" in page for page in works] == [True, True, False, False]
    assert not any("โครงการที่ยังไม่กำหนดเดือน" in page for page in pages)  # no month: nothing to print
    assert all("โครงการเบี้ยยังชีพผู้สูงอายุ" in page for page in welfare)
    assert all("1,200,000" in page for page in welfare)
    deadline = "21 มีนาคม 2563 จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)"
    assert [deadline in page for page in office] == [False, True, False, False]
    assert "กำหนดเวลาในไตรมาสที่ 2" in office[1]
    assert "กำหนดเวลา" not in office[3]  # a quarter without deadlines lists none


def test_the_arrows_follow_each_run_within_its_quarter(plan, tmp_path):
    with Workspace.open(plan.path) as ws:
        calendar = load_calendar(ws, plan.edition_id)
    out = tmp_path / "c.pdf"
    write_calendar_pdf(calendar, out, draft=True, options=ReportOptions(compress=False))
    arrows = set(re.findall(rb"% thaplan-arrow (\S+) (\S+)", out.read_bytes()))
    expected = {
        (f"{plan.road}-q1", "1-2"), (f"{plan.road}-q2", "3-3"),
        (f"{plan.training}-q2", "3-3"),
        (f"{plan.cabinet}-q2", "2-3"), (f"{plan.cabinet}-q3", "1-1"),
        *((f"{plan.allowance}-q{q}", "1-3") for q in range(1, 5)),
    }
    assert arrows == {(tag.encode(), run.encode()) for tag, run in expected}


def test_a_unit_alone_and_never_over_a_plan(plan, tmp_path, capsys):
    out = tmp_path / "กองช่าง.pdf"
    assert main(["calendar", "--db", str(plan.path), "--unit", "กองช่าง", "--pdf", str(out)]) == 0
    capsys.readouterr()
    pages = pages_of(out)
    assert len(pages) == 4
    assert all("กองช่าง ไตรมาสที่" in page for page in pages)
    assert ["ไม่มีโครงการของหน่วยงานนี้" in page for page in pages] == [False, False, True, True]
    disguised = tmp_path / "plan.pdf"
    shutil.copy(plan.path, disguised)
    before = disguised.read_bytes()
    assert main(["calendar", "--db", str(plan.path), "--pdf", str(disguised)]) == 1
    assert "ไฟล์ฐานข้อมูล" in capsys.readouterr().err
    assert disguised.read_bytes() == before
