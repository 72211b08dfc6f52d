"""``thaplan status``: steps, deadlines with days left and warnings, in Thai with Buddhist-era dates."""

import datetime as dt

from thaplan_desktop.cli import main
from thaplan_desktop.workflow import operations as ops
from thaplan_desktop.workspace import Workspace


def test_status_of_the_demo_plans_additional_edition_in_progress(demo_db, capsys):
    assert main(["status", "--db", str(demo_db), "--edition", "1", "--today", "15 พ.ค. 2563"]) == 0
    out = capsys.readouterr().out
    assert "ปีงบประมาณ 2563 เพิ่มเติม ฉบับที่ 1" in out
    assert "ข้อมูล ณ วันที่ 15 พฤษภาคม 2563" in out
    assert "เริ่มนับกำหนดเวลา: ประกาศใช้งบประมาณรายจ่ายเพิ่มเติม 20 เมษายน 2563" in out
    assert "4. พิจารณาร่างแผนการดำเนินงาน (คณะกรรมการพัฒนาท้องถิ่น)\n     เสร็จแล้ว 10 พฤษภาคม 2563 — การประชุม" in out
    assert "5. เสนอร่างแผนการดำเนินงานต่อผู้บริหารท้องถิ่น (คณะกรรมการพัฒนาท้องถิ่น)\n     กำลังดำเนินการ" in out
    assert "- จัดทำแผนให้แล้วเสร็จ (ประกาศใช้): 20 พฤษภาคม 2563 — เหลือ 5 วัน" in out
    assert "! จัดทำแผนให้แล้วเสร็จ (ประกาศใช้): กำหนด 20 พฤษภาคม 2563 — เหลือ 5 วัน" in out


def test_status_shows_the_monitoring_reports_rounds_and_the_annual_deadline(demo_db, capsys):
    assert main(["status", "--db", str(demo_db), "--today", "2563-05-15"]) == 0
    out = capsys.readouterr().out
    assert "ประกาศใช้แล้วเมื่อ 13 กันยายน 2562" in out
    section = out[out.index("การรายงานผลการติดตามและประเมินผล ปีงบประมาณ 2563"):]
    assert "รอบ 6 เดือน (ตุลาคม 2562 – มีนาคม 2563): ข้อมูล ณ วันที่ 31 มีนาคม 2563" in section
    assert ("- รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น: 30 เมษายน 2563 — "
            "ทันกำหนด (ดำเนินการแล้ว 24 เม.ย. 2563)") in section
    assert "- ประกาศผลการติดตามและประเมินผลให้ประชาชนทราบ: 9 พฤษภาคม 2563 — ทันกำหนด" in section
    assert "- ปิดประกาศผลการติดตามไว้อย่างน้อย 30 วัน: 30 พฤษภาคม 2563 — ต้องปิดประกาศต่ออีก 16 วัน" in section
    assert "รอบ 12 เดือน (ตุลาคม 2562 – กันยายน 2563): ยังไม่ได้บันทึก" in section
    assert ("- รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น: 31 ธันวาคม 2563 — "
            "เหลือ 230 วัน") in section
    # Late in December without the annual round, the regulation's deadline warns.
    assert main(["status", "--db", str(demo_db), "--today", "2563-12-28"]) == 0
    assert ("! รายงานผลการติดตามและประเมินผลต่อสภาท้องถิ่นและคณะกรรมการพัฒนาท้องถิ่น: กำหนด 31 ธันวาคม 2563 — "
            "เหลือ 3 วัน") in capsys.readouterr().out


def test_status_of_an_additional_edition_with_extensions_and_amendments(demo_db, capsys):
    with Workspace.open(demo_db) as ws:
        eid = ops.start_additional_edition(ws, 2563, trigger_kind="additional_budget", trigger_date=dt.date(2020, 2, 1))
        ops.add_extension(ws, eid, new_due=dt.date(2020, 3, 20), reason="รอหนังสือแจ้งจาก อบจ.",
                          granted_on=dt.date(2020, 2, 25), note="คำสั่ง ที่ 45/2563")
        for step in ("collect", "draft", "submit_to_committee", "review", "submit_to_executive", "approve"):
            ops.set_step(ws, eid, step, status="done", done_on=dt.date(2020, 3, 1), today=dt.date(2020, 6, 1))
        ops.set_step(ws, eid, "announce", status="done", done_on=dt.date(2020, 3, 2), today=dt.date(2020, 6, 1))
        ops.record_amendment(ws, eid, amended_on=dt.date(2020, 5, 1), reason="โอนงบประมาณ", changes="โครงการ ก\nโครงการ ข")
    # The demo has its เพิ่มเติม ฉบับที่ 1 already: this one is the second.
    assert main(["status", "--db", str(demo_db), "--year", "2563", "--edition", "2", "--today", "2020-06-01"]) == 0
    out = capsys.readouterr().out
    assert "เพิ่มเติม ฉบับที่ 2" in out
    assert "ประกาศใช้แล้วเมื่อ 2 มีนาคม 2563" in out
    assert "20 มีนาคม 2563 — ทันกำหนด" in out
    assert "(ขยายจาก 2 มีนาคม 2563)" in out
    assert "- ขยายถึง 20 มีนาคม 2563: รอหนังสือแจ้งจาก อบจ. อนุมัติเมื่อ 25 กุมภาพันธ์ 2563 (คำสั่ง ที่ 45/2563)" in out
    assert "- ปิดประกาศแผนให้ประชาชนทราบ: 17 มีนาคม 2563 — เกินกำหนด 76 วัน" in out
    assert "- แก้ไขครั้งที่ 1/2563 (1 พฤษภาคม 2563): โอนงบประมาณ" in out
    assert "สิ่งที่แก้ไข: โครงการ ก; โครงการ ข" in out


def test_errors_are_one_thai_line(demo_db, capsys):
    assert main(["status", "--db", str(demo_db), "--edition", "9"]) == 1
    assert capsys.readouterr().err.startswith("thaplan: ไม่พบแผนฉบับเพิ่มเติมที่ 9 ของปีงบประมาณ 2563")
    assert main(["status", "--db", str(demo_db), "--today", "31 ก.พ. 2563"]) == 1
    assert "อ่านวันที่ --today ไม่ได้" in capsys.readouterr().err
