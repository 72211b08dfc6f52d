"""The monitoring report as a PDF (``report progress --out r.pdf``), read back with ``pdftotext``.

Figures are the small plan's (``small_plan.py``), as of 31 มีนาคม 2563, computed by hand in
``test_report_figures.py``'s table: 7 rows, 2 done, 2 not started, 1 cancelled, 1 carried over, 1 not
reported; budget 1,510,000, contracted 375,000, disbursed 105,500 (6.99 %). The charts are checked in the
uncompressed PDF, where every piece a chart draws follows a ``% thaplan-chart`` comment.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from small_plan import SmallPlan

from thaplan_desktop.cli import main
from thaplan_desktop.exporting.pdf.options import ExportCancelled
from thaplan_desktop.exporting.reports.document import ReportOptions
from thaplan_desktop.exporting.reports.progress import write_progress_pdf
from thaplan_desktop.tracking.report import build_report
from thaplan_desktop.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

AS_OF = dt.date(2020, 3, 31)


@pytest.fixture
def plan(small_template: SmallPlan, tmp_path: Path) -> Path:
    """A private copy of the small plan (a SQLite file: the PDF reads what every plan gives the report)."""
    path = tmp_path / "small.sqlite"
    shutil.copy(small_template.path, path)
    return path


def text_of(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages_of(pdf: Path) -> list[str]:
    return text_of(pdf, "-layout").split("\f")[:-1]


def numbers_after(line_start: str, text: str) -> list[str]:
    """The figures on the first line that starts (after spaces) with ``line_start``."""
    for line in text.splitlines():
        if line.strip().startswith(line_start):
            return line.strip()[len(line_start):].split()
    raise AssertionError(f"no line starts with {line_start!r}")


def test_the_report_prints_the_hand_computed_figures_in_thai_as_a_draft(plan, tmp_path, capsys):
    out = tmp_path / "รายงาน.pdf"
    assert main(["report", "progress", "--db", str(plan), "--as-of", "2563-03-31", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"ที่ {out} แล้ว" in said
    assert "7 รายการ" in said
    assert "ร่าง" in said  # no round was announced: the officer is told the file is a draft
    pages = pages_of(out)
    cover = pages[0]
    assert "รายงานผลการติดตามและประเมินผล" in cover
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2563" in cover
    assert "องค์การบริหารส่วนตำบลทดสอบ" in cover
    assert all(page.lstrip().startswith("ร่าง") for page in pages)  # the draft mark on every page
    text = "\n".join(pages)
    assert "ประกาศผลการติดตามและประเมินผล" not in text  # no ประกาศ page for a draft
    assert ("ผลการดำเนินงาน ณ วันที่ 31 มีนาคม 2563: ดำเนินการแล้วเสร็จ 2 รายการ (ร้อยละ 28.57)"
            in text_of(out).replace("\n", " "))
    # ตารางที่ 1: counts and shares of each status (1/7 printed alike: 14.29 three times)
    assert numbers_after("รวมทั้งสิ้น", text) == [
        "7", "2", "28.57", "0", "0.00", "2", "28.57", "1", "14.29", "1", "14.29", "1", "14.29"]
    # ตารางที่ 2: budget, contracted, disbursed, share, remaining; the equipment row over its budget
    money_page = next(p for p in pages if "ตารางที่ 2" in p)
    assert numbers_after("รวมทั้งสิ้น", money_page) == ["7", "1,510,000", "375,000", "105,500", "6.99", "1,404,500"]
    assert numbers_after("รวมครุภัณฑ์ (แบบ ผด.02/1)", money_page) == ["1", "10,000", "-", "10,500", "105.00", "-500"]
    # ตารางที่ 4: March planned 146,666.66 (cumulative 660,000.02), disbursed 65,000 (cumulative 105,500)
    assert numbers_after("มีนาคม 2563", text) == ["146,666.66", "660,000.02", "65,000", "105,500", "15.98"]
    assert numbers_after("เมษายน 2563", text)[2:] == ["-", "-", "-"]  # after the as-of day: not known
    # per project: status, remarks (problems, cancellation reason, late, over budget)
    assert numbers_after("1 ถนน 1", text)[:4] == ["กองช่าง", "100,000", "ดำเนินการแล้วเสร็จ", "100"]
    assert "ฝนตกหนัก" in text
    assert "ยกเลิก: งดจัดงาน" in text
    assert "ควรเริ่มดำเนินการแล้ว" in text
    assert "เบิกจ่ายเกินงบประมาณ" in "".join(text.split())  # the printer's remark, broken over two lines
    problems = text[text.index("ส่วนที่ 4 ปัญหาและอุปสรรค"):]
    assert "ปัญหาและอุปสรรค (1 รายการ)" in problems
    assert "โครงการที่ยกเลิก (1 รายการ)" in problems


def test_an_announced_round_carries_its_announcement_page_and_no_draft_mark(plan, tmp_path, capsys):
    assert main(["report", "round", "--db", str(plan), "--year", "2563", "--round", "6m",
                 "--reported", "2563-04-20", "--announced", "2563-04-24"]) == 0
    out = tmp_path / "r6.pdf"
    assert main(["report", "progress", "--db", str(plan), "--round", "6m", "--out", str(out)]) == 0
    assert "มีหน้าประกาศผลการติดตามและประเมินผล ลงวันที่ 24 เมษายน 2563" in capsys.readouterr().out
    pages = pages_of(out)
    assert not any(page.lstrip().startswith("ร่าง") for page in pages)
    cover, notice = pages[0], " ".join(text_of(out, "-f", "2", "-l", "2").split())
    assert "รอบ 6 เดือน (ตุลาคม 2562 – มีนาคม 2563)" in cover
    assert notice.startswith("ประกาศองค์การบริหารส่วนตำบลทดสอบ เรื่อง ประกาศผลการติดตามและประเมินผลแผนการดำเนินงาน")
    assert "เมื่อวันที่ 20 เมษายน 2563" in notice  # reported to the council and the committee
    assert "โครงการและรายการครุภัณฑ์ตามแผน 7 รายการ งบประมาณรวม 1,510,000 บาท" in notice
    assert "เบิกจ่ายแล้ว 105,500 บาท คิดเป็นร้อยละ 6.99" in notice
    assert "ประกาศ ณ วันที่ 24 เมษายน พ.ศ. 2563" in notice
    assert "ส่วนที่ 1" not in notice  # the ประกาศ is its own page
    # A report of another day is not that round: a draft again.
    other = tmp_path / "other.pdf"
    assert main(["report", "progress", "--db", str(plan), "--as-of", "2563-03-30", "--out", str(other)]) == 0
    assert "ประกาศ ณ วันที่" not in text_of(other)


def test_the_charts_draw_the_reports_own_figures(plan, tmp_path):
    with Workspace.open(plan) as ws:
        edition = ws.find_edition()
        data, records = ws.progress_data(edition.id)
    out = tmp_path / "u.pdf"
    write_progress_pdf(build_report(data, records, AS_OF), out, options=ReportOptions(compress=False))
    pieces = Counter(tag.rsplit(b" ", 1)[0] for tag in re.findall(rb"% thaplan-chart ([^\n]*)", out.read_bytes()))
    for chart in (b"monthly_spending", b"cumulative_spending"):
        assert pieces[chart + b" point planned"] == 12  # every month of the plan
        assert pieces[chart + b" point disbursed"] == 6  # ต.ค.–มี.ค.: the months known on 31 มี.ค.
    assert pieces[b"progress_by_status slice projects"] == 5  # five statuses have projects, in progress none
    text = text_of(out)
    assert "แผนการใช้จ่ายงบประมาณรายเดือน" in text
    assert "ตามแผน" in text
    assert "เบิกจ่ายจริง" in text
    assert "ดำเนินการแล้วเสร็จ: 2 (28.57%)" in text


def test_refusals_are_one_thai_line_and_leave_files_as_they_were(plan, tmp_path, capsys):
    base = ["report", "progress", "--db", str(plan), "--as-of", "2563-03-31", "--out"]
    disguised = tmp_path / "plan.pdf"  # a plan under a PDF's name is never written over
    shutil.copy(plan, disguised)
    before = disguised.read_bytes()
    assert main([*base, str(disguised)]) == 1
    assert capsys.readouterr().err.startswith("thaplan: ")
    assert disguised.read_bytes() == before
    assert main([*base, str(tmp_path / "none" / "r.pdf")]) == 1
    assert "ไม่พบโฟลเดอร์" in capsys.readouterr().err
    assert main([*base, str(tmp_path / "r.pdf"), "--font", str(tmp_path)]) == 1
    assert "เป็นโฟลเดอร์ ไม่ใช่ไฟล์แบบอักษร" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or "part" in p.name] == ["plan.pdf"]


def test_a_cancelled_report_leaves_the_old_file_whole(plan, tmp_path):
    with Workspace.open(plan) as ws:
        data, records = ws.progress_data(ws.find_edition().id)
    report = build_report(data, records, AS_OF)
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF old")
    seen: list[float] = []
    with pytest.raises(ExportCancelled):
        write_progress_pdf(report, out, progress=lambda fraction, _m: seen.append(fraction),
                           cancel=lambda: len(seen) > 2)
    assert out.read_bytes() == b"%PDF old"
    assert [p.name for p in tmp_path.iterdir() if "pdf" in p.name] == ["r.pdf"]  # no part file left
