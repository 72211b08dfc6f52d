"""``thaplan report round``: a round of the monitoring report and its dates, recorded from the command line."""

import datetime as dt

from dbsnapshot import dump

from thaplan_desktop.cli import main
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.workspace import Workspace

D = dt.date


def rounds(path, year=2563):
    with Workspace.open(path) as ws:
        return {r.round: r for r in ws.report_rounds(year)}


def test_the_annual_round_is_recorded_with_its_dates_and_deadlines(demo_db, capsys):
    assert RoundKind.TWELVE_MONTHS not in rounds(demo_db)  # the demo stands in May 2563
    assert main(["report", "round", "--db", str(demo_db), "--round", "12m", "--reported", "2563-12-15",
                 "--announced", "21 ธ.ค. 2563", "--posted", "21/12/2563",
                 "--note", "การประชุมสภา อบต. สมัยสามัญ สมัยที่ 4/2563"]) == 0
    out = capsys.readouterr().out
    annual = rounds(demo_db)[RoundKind.TWELVE_MONTHS]
    assert (annual.as_of, annual.reported_on, annual.announced_on, annual.posted_on, annual.removed_on) == (
        D(2020, 9, 30), D(2020, 12, 15), D(2020, 12, 21), D(2020, 12, 21), None)  # as of the round's last day
    assert annual.note == "การประชุมสภา อบต. สมัยสามัญ สมัยที่ 4/2563"
    assert "บันทึกรอบ 12 เดือน (ตุลาคม 2562 – กันยายน 2563) ปีงบประมาณ 2563 แล้ว" in out
    assert "ข้อมูล ณ วันที่ 30 กันยายน 2563" in out
    assert ("- รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น: 31 ธันวาคม 2563 — "
            "ทันกำหนด (ดำเนินการแล้ว 15 ธ.ค. 2563)") in out
    assert "- ประกาศผลการติดตามและประเมินผลให้ประชาชนทราบ: 30 ธันวาคม 2563 — ทันกำหนด" in out  # 15 days after
    assert "- ปิดประกาศผลการติดตามไว้อย่างน้อย 30 วัน: 20 มกราคม 2564 —" in out  # 30 days after the posting
    # ``thaplan status`` reads the same round.
    assert main(["status", "--db", str(demo_db), "--today", "2564-01-05"]) == 0
    status = capsys.readouterr().out
    assert "รอบ 12 เดือน (ตุลาคม 2562 – กันยายน 2563): ข้อมูล ณ วันที่ 30 กันยายน 2563" in status
    assert "- ปิดประกาศผลการติดตามไว้อย่างน้อย 30 วัน: 20 มกราคม 2564 — ต้องปิดประกาศต่ออีก 16 วัน" in status


def test_christian_era_dates_are_converted_and_said_and_a_dash_clears_a_date(demo_db, capsys):
    assert main(["report", "round", "--db", str(demo_db), "--year", "2563", "--round", "6m",
                 "--removed", "2020-06-02"]) == 0
    captured = capsys.readouterr()
    assert "--removed 2020-06-02 เป็นปี ค.ศ. ใช้วันที่ 2563-06-02 (พ.ศ.)" in captured.err
    six = rounds(demo_db)[RoundKind.SIX_MONTHS]
    assert (six.reported_on, six.posted_on, six.removed_on) == (D(2020, 4, 24), D(2020, 4, 30), D(2020, 6, 2))
    assert "ปลดประกาศ 2 มิถุนายน 2563" in captured.out
    assert main(["report", "round", "--db", str(demo_db), "--round", "6m", "--removed", "-"]) == 0
    assert rounds(demo_db)[RoundKind.SIX_MONTHS].removed_on is None
    assert "ปลดประกาศ -" in capsys.readouterr().out


def test_a_new_quarter_round_and_saying_nothing_new_changes_nothing(demo_db, capsys):
    assert main(["report", "round", "--db", str(demo_db), "--round", "q2", "--as-of", "2563-03-31",
                 "--reported", "2563-05-05"]) == 0
    out = capsys.readouterr().out
    assert "บันทึกไตรมาสที่ 2 (มกราคม – มีนาคม 2563) ปีงบประมาณ 2563 แล้ว" in out
    assert "30 เมษายน 2563 — ช้ากว่ากำหนด 5 วัน" in out  # a quarter's report: by the end of the month after it
    before = dump(demo_db)
    assert main(["report", "round", "--db", str(demo_db), "--round", "q2", "--reported", "5 พ.ค. 2563"]) == 0
    assert "ไม่มีวันที่ที่เปลี่ยน ไม่ได้บันทึกอะไร" in capsys.readouterr().out
    assert dump(demo_db) == before


def test_dates_out_of_order_are_refused_in_one_thai_line_and_nothing_is_written(demo_db, capsys):
    before = dump(demo_db)
    assert main(["report", "round", "--db", str(demo_db), "--round", "q1", "--as-of", "2562-01-01",
                 "--reported", "2563-02-10", "--announced", "2563-02-01"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("thaplan: วันที่ของข้อมูล (1 มกราคม 2562) ต้องอยู่ในปีงบประมาณ 2563; ")
    assert "วันที่ประกาศผล (1 กุมภาพันธ์ 2563) ต้องไม่ก่อนวันที่รายงานต่อสภาท้องถิ่น (10 กุมภาพันธ์ 2563)" in line
    assert main(["report", "round", "--db", str(demo_db), "--round", "12m", "--announced", "2563-12-21"]) == 1
    assert "ต้องมีวันที่รายงานต่อสภาท้องถิ่นก่อนจึงจะบันทึกวันที่ประกาศผลได้" in capsys.readouterr().err
    assert main(["report", "round", "--db", str(demo_db), "--round", "12m", "--reported", "2599-01-01"]) == 1
    assert "ต้องไม่เลยวันนี้" in capsys.readouterr().err
    assert main(["report", "round", "--db", str(demo_db), "--round", "12m", "--reported", "31 ก.พ. 2563"]) == 1
    assert "อ่านวันที่ --reported ไม่ได้" in capsys.readouterr().err
    assert main(["report", "round", "--db", str(demo_db), "--year", "2570", "--round", "12m"]) == 1
    assert "ไม่มีแผนของปีงบประมาณ 2570 ในไฟล์ (มี: 2563)" in capsys.readouterr().err
    assert dump(demo_db) == before


def test_report_round_speaks_thai_in_its_help(capsys):
    import pytest

    with pytest.raises(SystemExit) as done:
        main(["report", "round", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "วิธีใช้:" in out
    assert "--reported วันที่" in out
    assert "- = ลบวันที่ที่บันทึกไว้" in out
