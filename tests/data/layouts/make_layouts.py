"""Builds the department workbooks of ``tests/data/layouts`` and their expected JSON (issue 16).

Four kinds of layout the importer once misread, each in several varied workbooks: month headers that are
Excel dates (``dates_*``), runs drawn as plain straight lines ending on column boundaries under two-row
headers (``lines_*``), header words split over rows without merged cells (``split_*``), and a period
column with subtotal rows (``period_*``). Each workbook is described once here — its projects, then how the
sheet lays them out — and ``<stem>.expected.json`` is written from the same description, never from the
importer's output. ``.ods`` and ``.xls`` copies share their ``.xlsx``'s expected JSON; LibreOffice makes
them (``soffice --headless --convert-to``). The tests read the committed files; run this only to rebuild:

    .venv/bin/python tests/data/layouts/make_layouts.py [--no-convert]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import openpyxl
from layout_kit import (
    EMU_PER_PX,
    LABELS,
    MONTHS,
    P_ADMIN,
    P_CENTRAL,
    P_COMMUNITY,
    P_EDU,
    P_HEALTH,
    P_HOUSING,
    P_WELFARE,
    P_WORKS,
    POOL,
    S_ADMIN,
    S_ECONOMY,
    S_INFRA,
    S_PEOPLE,
    STANDARD_COLS,
    Body,
    Item,
    Marks,
    Sheet,
    add_drawing,
    grouped,
    item,
    labelled_columns,
    month_date,
    one_cell,
    pick,
    px_of,
    runs,
    total_of,
    two_cell,
    use_builtin_format,
    write_body,
    years_over_months,
)

HERE = Path(__file__).resolve().parent


# --- kind 1: month headers that are dates ----------------------------------------------------------

def dates_mmm_yy_th(path: Path) -> list[Item]:
    """One-row header; the twelve month cells are dates shown "ต.ค.-62" (a Thai number format); ✓ marks;
    numbered headings merged across the table."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    top = sheet.titles(["บัญชีโครงการ/กิจกรรม/งบประมาณ", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563",
                        "องค์การบริหารส่วนตำบลหนองบัว"])
    header = top + 1
    labelled_columns(sheet, header, 1, LABELS)
    for m in range(12):
        sheet.put(header, 7 + m, month_date(m + 1), fmt="[$-th-TH,107]mmm\\-yy;@")
    sheet.widths(7, 18, 6.5)
    blocks = [(S_INFRA, P_HOUSING, pick(0, 1, strategy=S_INFRA, plan=P_HOUSING)),
              (S_INFRA, P_WORKS, pick(2, strategy=S_INFRA, plan=P_WORKS)),
              (S_PEOPLE, P_EDU, pick(4, 5, strategy=S_PEOPLE, plan=P_EDU))]
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("text"))
    write_body(body, header + 1, blocks)
    wb.save(path)
    return [p for _s, _p, items in blocks for p in items]


def dates_thai_builtin(path: Path) -> list[Item]:
    """Two-row header: "พ.ศ. 2562" / "พ.ศ. 2563" merged over date cells stored with Thai Excel's built-in
    format 74 ("ดดด-ปป", no format code in the file); months as filled cells; headings in the name column
    with their numbers in ที่."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "แผนงาน 2563"
    sheet.put(1, 1, "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563 กองสาธารณสุขและสิ่งแวดล้อม", bold=True)
    labelled_columns(sheet, 3, 1, ("ลำดับที่", "ชื่อโครงการ", "รายละเอียดของโครงการ", "งบประมาณ (บาท)",
                                   "พื้นที่ดำเนินการ", "หน่วยงานที่รับผิดชอบ"), down=2)
    years_over_months(sheet, 3, 7)
    for m in range(12):
        sheet.put(4, 7 + m, month_date(m + 1), fmt="ดดด-ปป")
    cols = dict(zip(STANDARD_COLS, range(1, 7), strict=True))
    body = Body(sheet, cols, 7, Marks("fill", colour="F4B084"))
    health = pick(6, 7, strategy=S_PEOPLE, plan=P_HEALTH)
    welfare = pick(8, 9, strategy=S_PEOPLE, plan=P_WELFARE)
    row = 5
    body.heading(row, S_PEOPLE, number="1")
    row += 1
    for plan, items in ((P_HEALTH, health), (P_WELFARE, welfare)):
        body.heading(row, plan, number=f"1.{1 if plan == P_HEALTH else 2}")
        row += 1
        for p in items:
            body.project(row, p)
            row += 1
    wb.save(path)
    use_builtin_format(path, "ดดด-ปป", 74)
    return health + welfare


def dates_oct19(path: Path) -> list[Item]:
    """Table from C4 with re-ordered columns (budget before details, no location) and ยุทธศาสตร์ / แผนงาน
    columns; month cells are dates shown "Oct-19"; "x" marks; a title line naming the unit."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "Sheet1"
    sheet.put(1, 3, "โครงการตามแผนการดำเนินงาน ปีงบประมาณ 2563", bold=True)
    sheet.put(2, 3, "หน่วยงานรับผิดชอบหลัก: กองช่าง")
    labels = ("ลำดับ", "ชื่อโครงการ", "งบประมาณ", "รายละเอียด", "ยุทธศาสตร์", "แผนงาน")
    labelled_columns(sheet, 4, 3, labels)
    for m in range(12):
        sheet.put(4, 9 + m, month_date(m + 1), fmt="[$-409]mmm-yy;@")
    cols = {"no": 3, "name": 4, "budget": 5, "details": 6, "strategy": 7, "plan": 8}
    body = Body(sheet, cols, 9, Marks("text", value="x"))
    items = [replace(p, unit="กองช่าง", location="") for p in
             pick(0, 3, strategy=S_INFRA, plan=P_HOUSING) + pick(2, strategy=S_INFRA, plan=P_WORKS)]
    for i, p in enumerate(items):
        body.project(5 + i, p)
    wb.save(path)
    return items


def dates_dmy_bbbb(path: Path) -> list[Item]:
    """"ระยะเวลาดำเนินการ" merged over date cells shown "1/10/2562" (``d/m/bbbb``); "/" marks; headings
    "ยุทธศาสตร์ที่ 2 …" unnumbered, merged."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 2, 1, LABELS, down=2)
    sheet.put(2, 7, "ระยะเวลาดำเนินการ", bold=True)
    sheet.merge(2, 7, 2, 18)
    for m in range(12):
        sheet.put(3, 7 + m, month_date(m + 1), fmt="d/m/bbbb")
    sheet.widths(7, 18, 9)
    strategy = "ยุทธศาสตร์ที่ 2 การพัฒนาเศรษฐกิจชุมชน"
    items = pick(10, strategy=S_ECONOMY, plan=P_COMMUNITY) + pick(11, strategy=S_ECONOMY, plan="แผนงานการพาณิชย์")
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("text", value="/"))
    body.heading(4, strategy)
    body.heading(5, P_COMMUNITY)
    body.project(6, items[0])
    body.heading(7, "แผนงานการพาณิชย์")
    body.project(8, items[1])
    wb.save(path)
    return items


def dates_equipment(path: Path) -> list[Item]:
    """A ผด.02/1 whose month cells are the last day of each month, shown "ตุลาคม 2562" (``mmmm bbbb``);
    ประเภทครุภัณฑ์ headings with แผนงาน headings under them; ✓ marks."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02-1"
    sheet.titles(["บัญชีครุภัณฑ์ที่ไม่ได้ดำเนินการตามโครงการพัฒนาท้องถิ่น", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"])
    labelled_columns(sheet, 4, 1, ("ที่", "ครุภัณฑ์", "รายละเอียดของครุภัณฑ์", "งบประมาณ (บาท)", "สถานที่ดำเนินการ",
                                   "หน่วยงานรับผิดชอบหลัก"))
    for m in range(12):
        sheet.put(4, 7 + m, month_date(m + 1, day=-1), fmt="[$-th-TH]mmmm bbbb")
    sheet.widths(7, 18, 12)
    office = [item("เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "จำนวน 2 เครื่อง ตามเกณฑ์ราคากลาง", "44000.00", "สำนักงาน อบต.",
                   "กองคลัง", (3,), kind="equipment", equipment_type="ครุภัณฑ์คอมพิวเตอร์", plan=P_ADMIN),
              item("เครื่องพิมพ์เลเซอร์", "จำนวน 1 เครื่อง", "8900.00", "สำนักงาน อบต.", "กองคลัง", (3,),
                   kind="equipment", equipment_type="ครุภัณฑ์คอมพิวเตอร์", plan=P_ADMIN)]
    chairs = [item("เก้าอี้สำนักงาน", "จำนวน 6 ตัว", "15000.00", "ห้องประชุม", "สำนักปลัด", (5, 6),
                   kind="equipment", equipment_type="ครุภัณฑ์สำนักงาน", plan=P_ADMIN)]
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("text"))
    row = 5
    for type_name, items in (("ครุภัณฑ์คอมพิวเตอร์", office), ("ครุภัณฑ์สำนักงาน", chairs)):
        body.heading(row, f"ประเภท{type_name}")
        body.heading(row + 1, P_ADMIN)
        row += 2
        for p in items:
            body.project(row, p)
            row += 1
    wb.save(path)
    return office + chairs


# --- kind 2: plain lines ending on column boundaries, two-row headers ----------------------------------

def lines_two_level(path: Path) -> list[Item]:
    """The canonical two-row header (พ.ศ. merged over the months); each run a plain connector from the left
    edge of its first month to the left edge of the column after its last."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 1, 1, LABELS, down=2)
    years_over_months(sheet, 1, 7)
    for m, name in enumerate(MONTHS):
        sheet.put(2, 7 + m, name)
    sheet.widths(7, 18, 4.6)
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("line"),
                line=lambda r, c, n: two_cell(r, c, 0, c + n, 0, ident=r + 2))
    blocks = [(S_INFRA, P_HOUSING, pick(0, 1, 3, strategy=S_INFRA, plan=P_HOUSING)),
              (S_PEOPLE, P_HEALTH, pick(6, 7, strategy=S_PEOPLE, plan=P_HEALTH))]
    write_body(body, 3, blocks, subtotal="รวม")
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return [p for _s, _p, items in blocks for p in items]


def lines_split_months(path: Path) -> list[Item]:
    """Month labels split over two rows ("ต.ค." above "62", unmerged), the other labels merged down; plain
    line shapes from a column's left edge to the right edge of the last month (``to`` = that column plus its
    full width); narrow month columns; one project continued on the next row."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "กองช่าง"
    sheet.put(1, 2, "แผนการดำเนินงาน ประจำปีงบประมาณ 2563 กองช่าง", bold=True)
    labelled_columns(sheet, 3, 2, ("ลำดับ", "โครงการ/กิจกรรม", "รายละเอียด", "งบประมาณ (บาท)", "สถานที่",
                                   "หน่วยงาน"), down=2)
    for m, name in enumerate(MONTHS):
        sheet.put(3, 8 + m, name)
        sheet.put(4, 8 + m, "62" if m < 3 else "63")
    width = 3.9
    sheet.widths(8, 19, width)
    full = px_of(width) * EMU_PER_PX
    body = Body(sheet, {"no": 2, "name": 3, "details": 4, "budget": 5, "location": 6, "unit": 7}, 8,
                Marks("line"), line=lambda r, c, n: two_cell(r, c, 0, c + n - 1, full, kind="sp", ident=r + 2))
    items = pick(0, 1, 2, 3, strategy=S_INFRA, plan=P_HOUSING)
    row = 5
    body.heading(row, f"1. {S_INFRA}", merged=False)
    body.heading(row + 1, f"1.1 {P_HOUSING}", merged=False)
    row += 2
    for i, p in enumerate(items):
        if i == 1:  # the name and details continued on the next row
            first, rest = p.name.split(" สาย")
            head, tail = p.details.split(" พร้อม")
            body.project(row, replace(p, name=first, details=head))
            sheet.put(row + 1, 3, "สาย" + rest)
            sheet.put(row + 1, 4, "พร้อม" + tail)
            row += 2
            continue
        body.project(row, p)
        row += 1
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return items


def lines_quarters(path: Path) -> list[Item]:
    """"ไตรมาสที่ 1–4" merged over the month names; some runs drawn in one group of lines, others as lines
    anchored at one cell with a length; a run over one month only."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 2, 1, LABELS, down=2)
    for q in range(4):
        sheet.put(2, 7 + 3 * q, f"ไตรมาสที่ {q + 1}", bold=True)
        sheet.merge(2, 7 + 3 * q, 2, 9 + 3 * q)
    for m, name in enumerate(MONTHS):
        sheet.put(3, 7 + m, name)
    width = 5
    sheet.widths(7, 18, width)
    col_px = px_of(width)
    items = pick(4, 5, strategy=S_PEOPLE, plan=P_EDU) + pick(12, 13, strategy=S_ADMIN, plan=P_ADMIN)
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("none"))
    rows = {}
    row = 4
    for strategy, plan, group in ((S_PEOPLE, P_EDU, items[:2]), (S_ADMIN, P_ADMIN, items[2:])):
        body.heading(row, strategy, merged=True)
        body.heading(row + 1, plan, merged=True)
        row += 2
        for p in group:
            body.project(row, p)
            rows[p.name] = row
            row += 1
    # the education projects: one group of lines over both rows (0-based rows, columns from G = 6)
    first = rows[items[0].name] - 1
    spans = [(0, first_month - 1, last - first_month + 1) for first_month, last in runs(items[0].months)]
    spans += [(1, first_month - 1, last - first_month + 1) for first_month, last in runs(items[1].months)]
    sheet.anchors.append(grouped(first, 2, 6, col_px, spans))
    for k, p in enumerate(items[2:]):
        for first_month, last in runs(p.months):
            sheet.anchors.append(one_cell(rows[p.name] - 1, 6 + first_month - 1,
                                          (last - first_month + 1) * col_px * EMU_PER_PX, ident=20 + k))
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return items


def lines_half_months(path: Path) -> list[Item]:
    """Each month two columns wide: the month name merged over them, "1–15" / "16–31" under; lines from the
    second half of a month (so the run starts in it) or from its start, to a column boundary."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 1, 1, LABELS, down=2)
    for m, name in enumerate(MONTHS):
        sheet.put(1, 7 + 2 * m, name)
        sheet.merge(1, 7 + 2 * m, 1, 8 + 2 * m)
        sheet.put(2, 7 + 2 * m, "1-15")
        sheet.put(2, 8 + 2 * m, "16-31")
    sheet.widths(7, 30, 3)
    items = pick(6, 7, 8, 11, strategy=S_PEOPLE, plan=P_HEALTH)
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("line"), month_width=2,
                line=lambda r, c, n: two_cell(r, c + (1 if r % 2 else 0), 0, c + n, 0, ident=r + 2))
    body.heading(3, S_PEOPLE)
    body.heading(4, P_HEALTH)
    for i, p in enumerate(items):
        body.project(5 + i, p)
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return items


def lines_dates_header(path: Path) -> list[Item]:
    """"ระยะเวลาดำเนินการ" merged over date cells ("ต.ค.-62"), tall data rows, lines at their middle ending on
    the left edge of the next column; made into .ods and .xls by LibreOffice as well."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 1, 1, LABELS, down=2)
    sheet.put(1, 7, "ระยะเวลาดำเนินการ", bold=True)
    sheet.merge(1, 7, 1, 18)
    for m in range(12):
        sheet.put(2, 7 + m, month_date(m + 1), fmt="[$-th-TH]mmm\\-yy;@")
    sheet.widths(7, 18, 6)
    height_pt = 36
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("line"),
                line=lambda r, c, n: two_cell(r, c, 0, c + n, 0, row_off=height_pt * 12700 // 2, ident=r + 2))
    items = pick(9, 10, 12, strategy=S_ADMIN, plan=P_ADMIN)
    body.heading(3, f"3. {S_ADMIN}")
    body.heading(4, f"3.1 {P_ADMIN}")
    for i, p in enumerate(items):
        sheet.ws.row_dimensions[5 + i].height = height_pt
        body.project(5 + i, p)
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return items


# --- kind 3: header words split over rows without merged cells -------------------------------------

def split_words_years(path: Path) -> list[Item]:
    """Words of a label split over two unmerged rows ("รายละเอียดของ" / "กิจกรรม", "งบประมาณ" / "(บาท)",
    "หน่วยงาน" / "รับผิดชอบหลัก"), and "พ.ศ. 2562", "พ.ศ. 2563" written once each over the month names."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    sheet.titles(["แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"], span=18)
    top = ("ที่", "โครงการ", "รายละเอียดของ", "งบประมาณ", "สถานที่", "หน่วยงาน")
    under = (None, None, "กิจกรรม", "(บาท)", "ดำเนินการ", "รับผิดชอบหลัก")
    for j, (a, b) in enumerate(zip(top, under, strict=True)):
        sheet.put(3, 1 + j, a, bold=True)
        sheet.put(4, 1 + j, b, bold=True)
    years_over_months(sheet, 3, 7, merged=False)
    for m, name in enumerate(MONTHS):
        sheet.put(4, 7 + m, name)
    blocks = [(S_INFRA, P_HOUSING, pick(0, 1, strategy=S_INFRA, plan=P_HOUSING)),
              (S_PEOPLE, P_WELFARE, pick(8, 9, strategy=S_PEOPLE, plan=P_WELFARE))]
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("text"))
    write_body(body, 5, blocks)
    wb.save(path)
    return [p for _s, _p, items in blocks for p in items]


def split_words_three_rows(path: Path) -> list[Item]:
    """A three-row header from B6 under titles: "รายละเอียดของ" / "กิจกรรมที่เกิดขึ้น" / "จากโครงการ",
    "ชื่อ" / "โครงการ", "สถานที่" / "ดำเนินการ", unmerged years over the months in the second row and the
    months in the third; months as fills; .ods too."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด02"
    sheet.titles(["บัญชีโครงการ/กิจกรรม/งบประมาณ", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563",
                  "องค์การบริหารส่วนตำบลนาดี"], col=2, span=18, row=2)
    rows3 = (("ลำดับ", None, None), ("ชื่อ", "โครงการ", None), ("รายละเอียดของ", "กิจกรรมที่เกิดขึ้น", "จากโครงการ"),
             ("งบประมาณ", "(บาท)", None), ("สถานที่", "ดำเนินการ", None), ("หน่วยงาน", "รับผิดชอบหลัก", None))
    for j, words in enumerate(rows3):
        for i, word in enumerate(words):
            sheet.put(6 + i, 2 + j, word, bold=True)
    years_over_months(sheet, 7, 8, merged=False)
    sheet.put(6, 8, "ระยะเวลาดำเนินการ", bold=True)
    sheet.merge(6, 8, 6, 19)
    for m, name in enumerate(MONTHS):
        sheet.put(8, 8 + m, name)
    blocks = [(S_PEOPLE, P_EDU, pick(4, 5, strategy=S_PEOPLE, plan=P_EDU)),
              (S_PEOPLE, P_HEALTH, pick(6, strategy=S_PEOPLE, plan=P_HEALTH))]
    body = Body(sheet, {"no": 2, "name": 3, "details": 4, "budget": 5, "location": 6, "unit": 7}, 8,
                Marks("fill", colour="A9D08E"))
    write_body(body, 9, blocks)
    wb.save(path)
    return [p for _s, _p, items in blocks for p in items]


def split_words_period(path: Path) -> list[Item]:
    """Split labels with a period column and no month columns: "โครงการ/" / "กิจกรรม", "ระยะเวลา" /
    "ดำเนินการ", "งบประมาณ" / "(บาท)"; "ยุทธศาสตร์ที่ 1 …" headings unmerged in the first column."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "โครงการ"
    top = ("ที่", "โครงการ/", "รายละเอียด", "สถานที่", "ระยะเวลา", "งบประมาณ", "ผู้รับผิดชอบ")
    under = (None, "กิจกรรม", "โครงการ", "ดำเนินการ", "ดำเนินการ", "(บาท)", None)
    for j, (a, b) in enumerate(zip(top, under, strict=True)):
        sheet.put(1, 1 + j, a, bold=True)
        sheet.put(2, 1 + j, b, bold=True)
    periods = {0: ("มกราคม – มีนาคม 2563", (4, 5, 6)), 2: ("ไตรมาสที่ 3", (7, 8, 9)),
               6: ("ตลอดปีงบประมาณ", tuple(range(1, 13))), 7: ("พฤษภาคม – กรกฎาคม 2563", (8, 9, 10))}
    items = [replace(POOL[i], strategy=S_INFRA if i < 4 else S_PEOPLE, plan=P_HOUSING if i < 4 else P_HEALTH,
                     period=periods[i][0], months=periods[i][1]) for i in (0, 2, 6, 7)]
    cols = {"no": 1, "name": 2, "details": 3, "location": 4, "period": 5, "budget": 6, "unit": 7}
    body = Body(sheet, cols, None, Marks("none"))
    row = 3
    for strategy_text, strategy, plan in (("ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน", S_INFRA, P_HOUSING),
                                          ("ยุทธศาสตร์ที่ 2 การพัฒนาคนและสังคมที่มีคุณภาพ", S_PEOPLE, P_HEALTH)):
        body.heading(row, strategy_text, merged=False)
        body.heading(row + 1, plan, merged=False)
        row += 2
        for p in items:
            if p.strategy == strategy:
                body.project(row, p)
                row += 1
    wb.save(path)
    return items


def split_words_lines(path: Path) -> list[Item]:
    """Split labels, "ปี 2562" / "ปี 2563" over the month names, and runs drawn as plain lines."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    top = ("ลำดับ", "ชื่อ", "รายละเอียดของ", "งบประมาณ", "พื้นที่", "หน่วยงาน")
    under = ("ที่", "โครงการ", "กิจกรรม", "(บาท)", "ดำเนินการ", "ที่รับผิดชอบ")
    for j, (a, b) in enumerate(zip(top, under, strict=True)):
        sheet.put(1, 1 + j, a, bold=True)
        sheet.put(2, 1 + j, b, bold=True)
    years_over_months(sheet, 1, 7, merged=False, texts=("ปี 2562", "ปี 2563"))
    for m, name in enumerate(MONTHS):
        sheet.put(2, 7 + m, name)
    sheet.widths(7, 18, 4.3)
    items = pick(10, 11, 13, strategy=S_ECONOMY, plan=P_COMMUNITY)
    body = Body(sheet, dict(zip(STANDARD_COLS, range(1, 7), strict=True)), 7, Marks("line"),
                line=lambda r, c, n: two_cell(r, c, 0, c + n, 0, kind="sp", ident=r + 2))
    body.heading(3, S_ECONOMY)
    body.heading(4, P_COMMUNITY)
    for i, p in enumerate(items):
        body.project(5 + i, p)
    wb.save(path)
    add_drawing(path, sheet.anchors)
    return items


# --- kind 4: a period column, and subtotal rows ------------------------------------------------------

PERIOD_COLS = {"no": 1, "name": 2, "details": 3, "location": 4, "period": 5, "budget": 6, "unit": 7}


def _with_periods(items: list[Item], periods: Sequence[tuple[str, Iterable[int]]]) -> list[Item]:
    return [replace(p, period=text, months=tuple(sorted(months))) for p, (text, months) in zip(items, periods,
                                                                                             strict=True)]


def period_subtotals(path: Path) -> list[Item]:
    """A ระยะเวลาดำเนินการ column before the budget (full month names, "ตลอดปีงบประมาณ", "ไตรมาสที่ 2"), a
    "รวม" row after each program's projects and "รวมทั้งสิ้น" at the end; .xls and .ods too."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    sheet.titles(["แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563", "กองการศึกษา ศาสนาและวัฒนธรรม"], span=7)
    labelled_columns(sheet, 4, 1, ("ที่", "ชื่อโครงการ", "รายละเอียด", "สถานที่ดำเนินการ", "ระยะเวลาดำเนินการ",
                                   "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบ"))
    edu = _with_periods(pick(4, 5, strategy=S_PEOPLE, plan=P_EDU),
                        [("ตลอดปีงบประมาณ", range(1, 13)), ("มกราคม – มีนาคม 2563", (4, 5, 6))])
    health = _with_periods(pick(6, 7, strategy=S_PEOPLE, plan=P_HEALTH),
                           [("ไตรมาสที่ 2", (4, 5, 6)), ("พฤศจิกายน 2562", (2,))])
    works = _with_periods(pick(1, strategy=S_INFRA, plan=P_WORKS), [("ตุลาคม 2562 – กันยายน 2563", range(1, 13))])
    body = Body(sheet, PERIOD_COLS, None, Marks("none"), span=7)
    blocks = [(S_PEOPLE, P_EDU, edu), (S_PEOPLE, P_HEALTH, health), (S_INFRA, P_WORKS, works)]
    row = write_body(body, 5, blocks, subtotal="รวม")
    body.total(row, "รวมทั้งสิ้น", total_of(edu + health + works))
    wb.save(path)
    return edu + health + works


def period_unlabelled_totals(path: Path) -> list[Item]:
    """Subtotal rows with an empty name cell: one per program (a SUM formula with no stored value), one per
    strategy, and a grand total; projects numbered through the whole table."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ผด.02"
    labelled_columns(sheet, 1, 1, ("ลำดับที่", "โครงการ/กิจกรรม", "รายละเอียดโครงการ", "พื้นที่", "ห้วงเวลา",
                                   "งบประมาณ", "ส่วนราชการ"))
    housing = _with_periods(pick(0, 3, strategy=S_INFRA, plan=P_HOUSING),
                            [("ม.ค. - มี.ค. 63", (4, 5, 6)), ("ก.ค. 2563", (10,))])
    works = _with_periods(pick(2, strategy=S_INFRA, plan=P_WORKS), [("เมษายน – มิถุนายน 2563", (7, 8, 9))])
    central = _with_periods(pick(9, strategy=S_PEOPLE, plan=P_CENTRAL), [("ตลอดปีงบประมาณ", range(1, 13))])
    body = Body(sheet, PERIOD_COLS, None, Marks("none"), span=7)
    row = 2
    for strategy, groups in ((S_INFRA, ((P_HOUSING, housing), (P_WORKS, works))), (S_PEOPLE, ((P_CENTRAL, central),))):
        body.heading(row, strategy)
        row += 1
        strategy_rows = []
        for plan, items in groups:
            body.heading(row, plan)
            row += 1
            first = row
            for p in items:
                body.project(row, p)
                row += 1
            body.total(row, None, f"=SUM(F{first}:F{row - 1})")
            strategy_rows.append(row)
            row += 1
        body.total(row, None, total_of(p for _plan, items in groups for p in items))
        row += 1
    body.total(row, None, total_of(housing + works + central))
    wb.save(path)
    return housing + works + central


def period_named_totals(path: Path) -> list[Item]:
    """"รวมแผนงาน…" in the name column with the count of projects in ที่, "รวม 2 โครงการ", Thai digits in
    the periods, and a project whose name was left out (its budget adds up to nothing: it stays a project)."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "แผนงานสาธารณสุข"
    sheet.put(1, 1, "แผนการดำเนินงาน ปีงบประมาณ ๒๕๖๓", bold=True)
    labelled_columns(sheet, 3, 1, ("ที่", "โครงการ", "รายละเอียดของกิจกรรม", "สถานที่", "ระยะเวลาดำเนินการ",
                                   "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบหลัก"))
    health = _with_periods(pick(6, 7, strategy=S_PEOPLE, plan=P_HEALTH),
                           [("พ.ค. – ส.ค. ๒๕๖๓", (8, 9, 10, 11)), ("มีนาคม – เมษายน ๒๕๖๓", (6, 7))])
    nameless = replace(POOL[11], name="", strategy=S_PEOPLE, plan=P_HEALTH, period="ไตรมาสที่ ๓",
                       months=(7, 8, 9), budget="12000.00")
    welfare = _with_periods(pick(8, strategy=S_PEOPLE, plan=P_WELFARE), [("กรกฎาคม ๒๕๖๓", (10,))])
    body = Body(sheet, PERIOD_COLS, None, Marks("none"), span=7)
    body.heading(4, f"1. {S_PEOPLE}")
    body.heading(5, f"1.1 {P_HEALTH}")
    body.project(6, health[0])
    body.project(7, health[1])
    body.project(8, nameless)
    body.total(9, "รวมแผนงานสาธารณสุข", total_of([*health, nameless]), number="3")
    body.heading(10, f"1.2 {P_WELFARE}")
    body.number = 0
    body.project(11, welfare[0])
    body.total(12, "รวม 1 โครงการ", total_of(welfare))
    wb.save(path)
    return [*health, nameless, *welfare]


def period_equipment_totals(path: Path) -> list[Item]:
    """A ผด.02/1 with a ระยะเวลา column before the budget: "รวม" merged across the first five cells after each
    equipment type's items, and a grand total with no label at all."""
    wb = openpyxl.Workbook()
    sheet = Sheet(wb.active)
    sheet.ws.title = "ครุภัณฑ์"
    sheet.titles(["บัญชีครุภัณฑ์", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"], span=7)
    labelled_columns(sheet, 4, 1, ("ที่", "รายการครุภัณฑ์", "รายละเอียด", "สถานที่", "ระยะเวลา", "งบประมาณ (บาท)",
                                   "หน่วยงานรับผิดชอบหลัก"))
    computers = [item("เครื่องคอมพิวเตอร์ สำหรับงานประมวลผล", "จำนวน 3 เครื่อง", "66000.00", "สำนักงาน อบต.",
                      "สำนักปลัด", (2, 3), kind="equipment", equipment_type="ครุภัณฑ์คอมพิวเตอร์", plan=P_ADMIN,
                      period="พฤศจิกายน – ธันวาคม 2562"),
                 item("เครื่องสำรองไฟฟ้า", "จำนวน 3 เครื่อง", "7500.00", "สำนักงาน อบต.", "สำนักปลัด", (4, 5, 6),
                      kind="equipment", equipment_type="ครุภัณฑ์คอมพิวเตอร์", plan=P_ADMIN, period="ไตรมาสที่ 2")]
    trucks = [item("รถบรรทุกขยะ ขนาด 6 ตัน", "แบบอัดท้าย 1 คัน", "2500000.00", "อบต.", "กองสาธารณสุขและสิ่งแวดล้อม",
                   (4, 5, 6), kind="equipment", equipment_type="ครุภัณฑ์ยานพาหนะและขนส่ง",
                   plan="แผนงานเคหะและชุมชน", period="ม.ค. – มี.ค. 63")]
    body = Body(sheet, PERIOD_COLS, None, Marks("none"), span=7)
    row = 5
    for type_name, plan, items in (("ครุภัณฑ์คอมพิวเตอร์", P_ADMIN, computers),
                                   ("ครุภัณฑ์ยานพาหนะและขนส่ง", "แผนงานเคหะและชุมชน", trucks)):
        body.heading(row, type_name)
        body.heading(row + 1, plan)
        row += 2
        for p in items:
            body.project(row, p)
            row += 1
        sheet.put(row, 1, "รวม", bold=True)
        sheet.merge(row, 1, row, 5)
        body.total(row, None, total_of(items))
        row += 1
    body.total(row, None, total_of(computers + trucks))
    wb.save(path)
    return computers + trucks


# --- building them all ----------------------------------------------------------------------------

LAYOUTS: dict[str, tuple[Callable[[Path], list[Item]], tuple[str, ...]]] = {
    "dates_mmm_yy_th": (dates_mmm_yy_th, ()),
    "dates_thai_builtin": (dates_thai_builtin, ()),
    "dates_oct19": (dates_oct19, ()),
    "dates_dmy_bbbb": (dates_dmy_bbbb, ("ods", "xls")),
    "dates_equipment": (dates_equipment, ()),
    "lines_two_level": (lines_two_level, ("xls",)),
    "lines_split_months": (lines_split_months, ()),
    "lines_quarters": (lines_quarters, ()),
    "lines_half_months": (lines_half_months, ()),
    "lines_dates_header": (lines_dates_header, ("ods", "xls")),
    "split_words_years": (split_words_years, ()),
    "split_words_three_rows": (split_words_three_rows, ("ods",)),
    "split_words_period": (split_words_period, ()),
    "split_words_lines": (split_words_lines, ()),
    "period_subtotals": (period_subtotals, ("ods", "xls")),
    "period_unlabelled_totals": (period_unlabelled_totals, ()),
    "period_named_totals": (period_named_totals, ()),
    "period_equipment_totals": (period_equipment_totals, ("xls",)),
}


def expected_json(items: Sequence[Item]) -> str:
    """The expected preview JSON, one project per line (the samples' form)."""
    lines = ",\n    ".join(json.dumps(p.expected(), ensure_ascii=False) for p in items)
    return '{\n  "ok": true,\n  "projects": [\n    ' + lines + '\n  ],\n  "error": null\n}\n'


def convert(sources: Sequence[Path], fmt: str) -> None:
    """Save workbooks again as ``fmt`` with LibreOffice, beside the sources."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed for the .ods and .xls copies; or pass --no-convert")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", fmt,
                        "--outdir", str(HERE), *map(str, sources)], check=True, capture_output=True, timeout=600)


def main(argv: Sequence[str] | None = None) -> int:
    """Write every layout, its expected JSON and (unless ``--no-convert``) its LibreOffice copies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-convert", action="store_true", help="write only the .xlsx files")
    args = parser.parse_args(argv)
    by_format: dict[str, list[Path]] = {}
    for stem, (build, formats) in LAYOUTS.items():
        path = HERE / f"{stem}.xlsx"
        items = build(path)
        (HERE / f"{stem}.expected.json").write_text(expected_json(items), encoding="utf-8")
        for fmt in formats:
            by_format.setdefault(fmt, []).append(path)
    if not args.no_convert:
        for fmt, sources in by_format.items():
            convert(sources, fmt)
    print(f"{len(LAYOUTS)} layouts written to {HERE}")  # noqa: T201 - a script's report
    return 0


if __name__ == "__main__":
    sys.exit(main())
