"""``thaplan calendar``: the JSON of INTERFACES.md exactly, the month on screen, and the Thai refusals."""

import json

import pytest
from small_plans import calendar_plan

from thaplan_desktop.cli import main


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return calendar_plan(tmp_path_factory.mktemp("calendar-cli") / "plan.sqlite")


def run(capsys, *args):
    code = main(["calendar", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_month_json_is_exactly_the_contract(plan, capsys):
    code, out, err = run(capsys, "--db", str(plan.path), "--month", "2563-03", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "month": "2563-03",
        "starting": ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2", "โครงการอบรมอาสาสมัคร"],
        "running": ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2", "โครงการอบรมอาสาสมัคร", "โครงการเบี้ยยังชีพผู้สูงอายุ",
                    "ตู้เหล็กเก็บเอกสาร"],
        "ending": ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2", "โครงการอบรมอาสาสมัคร"],
        "deadlines": [{"what": "จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)", "date": "2563-03-21"}],
    }
    assert list(json.loads(out)) == ["month", "starting", "running", "ending", "deadlines"]


def test_a_christian_era_month_is_converted_and_said_on_stderr(plan, capsys):
    code, out, err = run(capsys, "--db", str(plan.path), "--month", "2019-11", "--json", "--unit", "กองช่าง")
    assert code == 0
    assert json.loads(out) == {"month": "2562-11", "starting": [], "running": ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2"],
                               "ending": ["โครงการก่อสร้างถนน คสล. หมู่ที่ 2"], "deadlines": []}
    assert "2562-11" in err


def test_strategy_filter_by_number(plan, capsys):
    code, out, _err = run(capsys, "--db", str(plan.path), "--month", "มี.ค. 2563", "--json", "--strategy", "2")
    assert code == 0
    assert json.loads(out)["running"] == ["โครงการอบรมอาสาสมัคร", "โครงการเบี้ยยังชีพผู้สูงอายุ"]


def test_month_on_screen_by_unit(plan, capsys):
    code, out, _err = run(capsys, "--db", str(plan.path), "--month", "2563-03")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ปฏิทินการทำงาน มีนาคม 2563 — องค์การบริหารส่วนตำบลท่าสะท้อน ปีงบประมาณ 2563")
    assert lines[1:4] == ["สำนักปลัด: ดำเนินการ 2 รายการ",
                          "  เริ่มและสิ้นสุดในเดือนนี้: โครงการอบรมอาสาสมัคร",
                          "  ต่อเนื่อง: ตู้เหล็กเก็บเอกสาร"]
    assert "- 21 มีนาคม 2563: จัดทำแผนให้แล้วเสร็จ (ประกาศใช้)" in lines


def test_the_year_comes_from_the_month_unless_given(plan, capsys):
    code, _out, err = run(capsys, "--db", str(plan.path), "--month", "2564-03", "--json")
    assert code == 1
    assert err.startswith("thaplan: ไม่พบแผนฉบับ")
    assert "2564" in err
    code, out, _err = run(capsys, "--db", str(plan.path), "--year", "2563", "--month", "2562-09", "--json")
    assert code == 0
    assert json.loads(out)["running"] == []


@pytest.mark.parametrize(("args", "message"), [
    (["--pdf", "cal.txt"], "--pdf ต้องเป็นไฟล์ .pdf"),
    (["--pdf", "cal.pdf", "--unit", "กองไม่มี"], "ไม่พบหน่วยงาน “กองไม่มี”"),
    (["--pdf", "none/cal.pdf"], "ไม่พบโฟลเดอร์"),
    (["--ics", "x.ics", "--json"], "--json ใช้คู่กับ --month"),
    (["--month", "2563-03", "--unit", "กองไม่มี"], "ไม่พบหน่วยงาน “กองไม่มี”"),
    (["--month", "2563-03", "--strategy", "7"], "ไม่พบยุทธศาสตร์ “7”"),
    (["--month", "มีนา"], "อ่านเดือนไม่ได้"),
])
def test_refusals_are_one_thai_line(plan, capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(plan.path), *args)
    assert code == 1
    assert out == ""
    assert err.startswith("thaplan: ")
    assert message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "cal.pdf").exists()


@pytest.mark.parametrize("args", [[], ["--month", "2563-03", "--ics", "x.ics"]])
def test_exactly_one_of_month_ics_or_pdf(plan, capsys, args):
    code, _out, err = run(capsys, "--db", str(plan.path), *args)
    assert code == 1
    assert err == "thaplan: ต้องระบุอย่างใดอย่างหนึ่ง: --month เดือน, --ics ไฟล์ หรือ --pdf ไฟล์\n"
