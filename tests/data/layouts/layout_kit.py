"""What the layout workbooks of ``make_layouts.py`` are made of: the projects, a sheet writer, drawn lines.

:class:`Item` is one project as the file holds it and as the importer must read it (its expected JSON);
:class:`Sheet` and :class:`Body` write headers, headings, projects, marks and subtotals with openpyxl; the
drawing helpers write the DrawingML that openpyxl cannot (plain lines anchored to cells, groups of lines)
into a saved .xlsx, and :func:`use_builtin_format` stores a date format the way Thai Excel does.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")
FULL_MONTHS = ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
               "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน")
EMU_PER_PX = 9525
ROW_EMU = 15 * 12700  # a default row, 15 pt

S_INFRA = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
S_PEOPLE = "ยุทธศาสตร์การพัฒนาคนและสังคมที่มีคุณภาพ"
S_ECONOMY = "ยุทธศาสตร์การพัฒนาเศรษฐกิจชุมชน"
S_ADMIN = "ยุทธศาสตร์การพัฒนาการเมืองการบริหาร"
P_HOUSING = "แผนงานเคหะและชุมชน"
P_WORKS = "แผนงานอุตสาหกรรมและการโยธา"
P_EDU = "แผนงานการศึกษา"
P_HEALTH = "แผนงานสาธารณสุข"
P_WELFARE = "แผนงานสังคมสงเคราะห์"
P_COMMUNITY = "แผนงานสร้างความเข้มแข็งของชุมชน"
P_ADMIN = "แผนงานบริหารงานทั่วไป"
P_CENTRAL = "แผนงานงบกลาง"


@dataclass(frozen=True)
class Item:
    """One project (or equipment item) as the file holds it and as the importer must read it."""

    name: str
    details: str
    budget: str  # two decimals, as the JSON writes it
    location: str
    unit: str
    months: tuple[int, ...]
    strategy: str = ""
    plan: str = ""
    kind: str = "project"
    equipment_type: str = ""
    period: str = ""  # what a period column says (kind 4)

    def expected(self) -> dict[str, Any]:
        """The project as ``import-preview --json`` prints it."""
        return {"kind": self.kind, "name": self.name, "details": self.details, "budget": self.budget,
                "location": self.location, "unit": self.unit, "months": sorted(self.months),
                "strategy": self.strategy if self.kind == "project" else "", "plan": self.plan,
                "equipment_type": self.equipment_type}

    @property
    def amount(self) -> Decimal:
        """The budget as a number."""
        return Decimal(self.budget)


def item(name: str, details: str, budget: str, location: str, unit: str, months: Iterable[int], **more: Any) -> Item:
    """An :class:`Item` with months from any iterable."""
    return Item(name, details, budget, location, unit, tuple(sorted(months)), **more)


POOL = (
    item("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านนายสมศักดิ์", "ผิวจราจรกว้าง 4 เมตร ยาว 180 เมตร หนา 0.15 เมตร",
         "486000.00", "หมู่ที่ 3", "กองช่าง", range(4, 7)),
    item("โครงการขยายเขตไฟฟ้าแรงต่ำ สายทุ่งนา", "ปักเสา 9 เมตร จำนวน 12 ต้น พร้อมพาดสาย", "215500.00", "หมู่ที่ 6",
         "กองช่าง", (2, 3)),
    item("โครงการปรับปรุงระบบประปาหมู่บ้าน", "เปลี่ยนท่อเมนประปา ขนาด 3 นิ้ว ยาว 600 เมตร", "350000.00", "หมู่ที่ 1",
         "กองช่าง", range(7, 10)),
    item("โครงการวางท่อระบายน้ำ คสล.", "ท่อขนาด 0.60 เมตร จำนวน 40 ท่อน พร้อมบ่อพัก", "128750.50", "หมู่ที่ 8",
         "กองช่าง", (10,)),
    item("โครงการอาหารกลางวันเด็กปฐมวัย", "เด็กเล็ก 52 คน คนละ 20 บาท 245 วัน", "254800.00", "ศูนย์พัฒนาเด็กเล็ก",
         "กองการศึกษา ศาสนาและวัฒนธรรม", range(1, 13)),
    item("โครงการแข่งขันกีฬาเยาวชนต้านยาเสพติด", "จัดการแข่งขันฟุตบอลและวอลเลย์บอล 9 หมู่บ้าน", "60000.00",
         "สนามกีฬา อบต.", "กองการศึกษา ศาสนาและวัฒนธรรม", (5,)),
    item("โครงการป้องกันและควบคุมโรคไข้เลือดออก", "พ่นหมอกควัน แจกทรายอะเบท 9 หมู่บ้าน", "45000.00", "ทุกหมู่บ้าน",
         "กองสาธารณสุขและสิ่งแวดล้อม", (8, 9, 10, 11)),
    item("โครงการสัตว์ปลอดโรค คนปลอดภัยจากโรคพิษสุนัขบ้า", "ฉีดวัคซีนสุนัขและแมว 1,200 ตัว", "36000.00",
         "ทุกหมู่บ้าน", "กองสาธารณสุขและสิ่งแวดล้อม", (6, 7)),
    item("โครงการจัดงานวันผู้สูงอายุ", "ผู้สูงอายุเข้าร่วม 300 คน", "75000.00", "หอประชุม อบต.",
         "สำนักปลัด", (7,)),
    item("โครงการเบี้ยยังชีพผู้สูงอายุ", "ผู้สูงอายุ 412 คน ตามอัตราขั้นบันได", "3296000.00", "ทุกหมู่บ้าน",
         "สำนักปลัด", range(1, 13)),
    item("โครงการฝึกอบรมอาชีพการทำขนมไทย", "กลุ่มสตรี 30 คน 2 วัน", "25000.00", "ศาลาประชาคม หมู่ที่ 2",
         "สำนักปลัด", (3,)),
    item("โครงการส่งเสริมตลาดชุมชน", "จัดตลาดนัดสินค้าชุมชนเดือนละ 1 ครั้ง", "40000.00", "ลาน อบต.", "สำนักปลัด",
         range(4, 13)),
    item("โครงการจัดเวทีประชาคมทบทวนแผนพัฒนาท้องถิ่น", "ประชาคม 9 หมู่บ้าน", "16500.00", "ทุกหมู่บ้าน",
         "สำนักปลัด", (6, 7)),
    item("โครงการอบรมคุณธรรมจริยธรรมพนักงาน", "ผู้บริหาร สมาชิกสภา และพนักงาน 60 คน", "30000.00", "หอประชุม อบต.",
         "สำนักปลัด", (11,)),
)


def pick(*indexes: int, strategy: str = "", plan: str = "", **more: Any) -> list[Item]:
    """Projects of the pool, filed under a strategy and program."""
    return [replace(POOL[i], strategy=strategy, plan=plan, **more) for i in indexes]


# --- drawing the sheet ----------------------------------------------------------------------------

class Sheet:
    """A worksheet with the helpers the layouts share (1-based rows and columns, like openpyxl)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.anchors: list[str] = []

    def put(self, row: int, col: int, value: Any, *, fmt: str | None = None, fill: str | None = None,
            bold: bool = False) -> Any:
        cell = self.ws.cell(row, col)
        if value is not None:
            cell.value = value
        if fmt:
            cell.number_format = fmt
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        if bold:
            cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        return cell

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        self.ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)

    def widths(self, first: int, last: int, chars: float) -> None:
        for c in range(first, last + 1):
            self.ws.column_dimensions[get_column_letter(c)].width = chars

    def titles(self, lines: Sequence[str], *, col: int = 1, span: int = 18, row: int = 1) -> int:
        """Centred title lines merged across the table; returns the next free row."""
        for i, text in enumerate(lines):
            self.put(row + i, col, text, bold=True)
            self.merge(row + i, col, row + i, col + span - 1)
        return row + len(lines)


def px_of(chars: float) -> int:
    """Pixels Excel gives a column ``chars`` wide (Calibri 11, 7 px per digit, 5 px padding)."""
    return int(chars * 7 + 5)


def _ln() -> str:
    return '<a:ln w="15875"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'


def plain_line(kind: str, ident: int) -> str:
    """A straight line with no arrowheads: a connector (``cxn``) or a shape with the line preset (``sp``)."""
    if kind == "cxn":
        return (f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{ident}" name="Straight Connector {ident}"/>'
                '<xdr:cNvCxnSpPr/></xdr:nvCxnSpPr><xdr:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
                f"{_ln()}</xdr:spPr></xdr:cxnSp>")
    return (f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{ident}" name="Line {ident}"/><xdr:cNvSpPr/>'
            '</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f"{_ln()}</xdr:spPr></xdr:sp>")


def two_cell(row0: int, c0: int, off0: int, c1: int, off1: int, *, kind: str = "cxn", row_off: int = ROW_EMU // 2,
             ident: int = 2) -> str:
    """A line anchored to two cells (0-based rows and columns, offsets in EMU), horizontal on ``row0``."""
    return (f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>{off0}</xdr:colOff>"
            f"<xdr:row>{row0}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{c1}</xdr:col><xdr:colOff>{off1}</xdr:colOff><xdr:row>{row0}</xdr:row>"
            f"<xdr:rowOff>{row_off}</xdr:rowOff></xdr:to>{plain_line(kind, ident)}<xdr:clientData/></xdr:twoCellAnchor>")


def one_cell(row0: int, c0: int, cx: int, *, row_off: int = ROW_EMU // 2, ident: int = 2) -> str:
    """A line anchored at one cell's left edge, ``cx`` EMU long."""
    return (f"<xdr:oneCellAnchor><xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row0}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="0"/>{plain_line("cxn", ident)}<xdr:clientData/></xdr:oneCellAnchor>')


def grouped(row0: int, rows: int, c0: int, col_px: int, spans: Sequence[tuple[int, int, int]], *,
            ident: int = 2) -> str:
    """A group of lines anchored over ``rows`` rows from column ``c0``: each span is (row in the group,
    first column, columns covered), drawn from the left edge of its first column to the left edge of the
    column after its last. The group's child coordinates are its own (1 unit = 1 EMU / 10)."""
    width_cols = max(first + n for _r, first, n in spans)
    col_emu = col_px * EMU_PER_PX
    children = []
    for k, (r, first, n) in enumerate(spans):
        children.append(
            f'<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="{ident + 1 + k}" name="L{k}"/><xdr:cNvCxnSpPr/>'
            f'</xdr:nvCxnSpPr><xdr:spPr><a:xfrm><a:off x="{first * col_emu // 10}" y="{(2 * r + 1) * ROW_EMU // 20}"/>'
            f'<a:ext cx="{n * col_emu // 10}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f"{_ln()}</xdr:spPr></xdr:cxnSp>")
    return (f"<xdr:twoCellAnchor><xdr:from><xdr:col>{c0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row0}</xdr:row>"
            f"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c0 + width_cols}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row0 + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
            f'<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="{ident}" name="Group {ident}"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr>'
            f'<xdr:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width_cols * col_emu}" cy="{rows * ROW_EMU}"/>'
            f'<a:chOff x="0" y="0"/><a:chExt cx="{width_cols * col_emu // 10}" cy="{rows * ROW_EMU // 10}"/></a:xfrm>'
            f"</xdr:grpSpPr>{''.join(children)}</xdr:grpSp><xdr:clientData/></xdr:twoCellAnchor>")


def add_drawing(path: Path, anchors: Sequence[str]) -> None:
    """Give the first sheet of a saved .xlsx a drawing layer holding ``anchors`` (openpyxl draws no shapes)."""
    if not anchors:
        return
    counter = iter(range(2, 100000))
    anchors = [re.sub(r'(cNvPr id=")\d+', lambda m: f"{m.group(1)}{next(counter)}", a) for a in anchors]
    drawing = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' + "".join(anchors) + "</xdr:wsDr>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdDrawing1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
            'Target="../drawings/drawing1.xml"/></Relationships>')
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    sheet = items["xl/worksheets/sheet1.xml"].decode("utf-8")
    if "xmlns:r=" not in sheet:
        sheet = sheet.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/'
                              'officeDocument/2006/relationships" ', 1)
    sheet = re.sub(r"</worksheet>\s*$", '<drawing r:id="rIdDrawing1"/></worksheet>', sheet)
    items["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    items["xl/worksheets/_rels/sheet1.xml.rels"] = rels.encode("utf-8")
    items["xl/drawings/drawing1.xml"] = drawing.encode("utf-8")
    types = items["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>", '<Override PartName="/xl/drawings/drawing1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    items["[Content_Types].xml"] = types.encode("utf-8")
    _rewrite(path, items)


def use_builtin_format(path: Path, code: str, builtin_id: int) -> None:
    """Store the cells formatted ``code`` under a built-in format id with no code in the file, as Thai
    Excel does for its own date formats (74 is "ดดด-ปป", which shows "ต.ค.-62")."""
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    styles = items["xl/styles.xml"].decode("utf-8")
    found = re.search(r'<numFmt numFmtId="(\d+)" formatCode="' + re.escape(code) + r'"\s*/>', styles)
    if found is None:
        raise SystemExit(f"format {code!r} not in styles.xml")
    styles = styles.replace(found.group(0), "").replace(f'numFmtId="{found.group(1)}"', f'numFmtId="{builtin_id}"')
    styles = re.sub(r'<numFmts count="(\d+)">', lambda m: f'<numFmts count="{int(m.group(1)) - 1}">', styles)
    items["xl/styles.xml"] = styles.encode("utf-8")
    _rewrite(path, items)


def _rewrite(path: Path, items: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)


# --- the pieces of a table ------------------------------------------------------------------------

def month_date(fiscal_month: int, fiscal_year: int = 2563, day: int | None = None) -> dt.datetime:
    """The first (or ``day``, or last) day of a fiscal month, as a Christian-era date."""
    month = (fiscal_month + 8) % 12 + 1
    year = fiscal_year - 543 - (1 if fiscal_month <= 3 else 0)
    if day == -1:
        following = dt.datetime(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.datetime(year, month, day or 1)


@dataclass
class Marks:
    """How a project row shows its months: ``text`` (a mark in each month cell), ``fill`` (a coloured cell),
    ``line`` (a line drawn over the cells: see :meth:`Body.line`) or ``none`` (a period column instead)."""

    style: str
    value: str = "✓"
    colour: str = "8EA9DB"


class Body:
    """Writes headings, projects and subtotals under a header, and the lines that mark months."""

    def __init__(self, sheet: Sheet, cols: dict[str, int], first_month: int | None, marks: Marks, *,
                 month_width: int = 1, line: Callable[[int, int, int], str] | None = None,
                 span: int = 18) -> None:
        self.sheet = sheet
        self.cols = cols  # field → 1-based column
        self.first_month = first_month  # 1-based column of ต.ค.
        self.marks = marks
        self.month_width = month_width  # columns per month
        self.line = line  # (0-based row, 0-based first column, columns covered) → anchor XML
        self.span = span
        self.number = 0

    def heading(self, row: int, text: str, *, merged: bool = True, number: str | None = None) -> None:
        """A heading row: merged across the table, or written in the name column (its number in ที่)."""
        if number is not None:
            self.sheet.put(row, self.cols["no"], number)
            self.sheet.put(row, self.cols["name"], text, bold=True)
            return
        first = min(self.cols.values())
        self.sheet.put(row, first, text, bold=True)
        if merged:
            self.sheet.merge(row, first, row, first + self.span - 1)

    def project(self, row: int, p: Item, *, budget: Any = None, number: Any = None) -> None:
        """A project row; its months drawn the way :attr:`marks` says."""
        self.number += 1
        values = {"no": self.number if number is None else number, "name": p.name, "details": p.details,
                  "budget": float(p.amount) if budget is None else budget, "location": p.location, "unit": p.unit,
                  "period": p.period, "strategy": p.strategy, "plan": p.plan}
        for fld, col in self.cols.items():
            self.sheet.put(row, col, values[fld] if values[fld] != "" else None,
                           fmt="#,##0.00" if fld == "budget" else None)
        if self.first_month is None or self.marks.style == "none":
            return
        for first, last in runs(p.months):
            c0 = self.first_month + (first - 1) * self.month_width
            c1 = self.first_month + last * self.month_width - 1
            if self.marks.style == "line" and self.line is not None:
                self.sheet.anchors.append(self.line(row - 1, c0 - 1, c1 - c0 + 1))
                continue
            for c in range(c0, c1 + 1):
                if self.marks.style == "fill":
                    self.sheet.put(row, c, None, fill=self.marks.colour)
                elif (c - self.first_month) % self.month_width == 0:
                    self.sheet.put(row, c, self.marks.value)

    def total(self, row: int, label: str | None, amount: Any, *, label_col: str = "name",
              number: Any = None) -> None:
        """A subtotal row: a label ("รวม", or none at all) and the amount in the budget column."""
        if label is not None:
            self.sheet.put(row, self.cols[label_col], label, bold=True)
        if number is not None:
            self.sheet.put(row, self.cols["no"], number)
        self.sheet.put(row, self.cols["budget"], amount, fmt="#,##0.00", bold=True)


def runs(months: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of fiscal months: (4, 5, 6, 9) → [(4, 6), (9, 9)]."""
    result: list[tuple[int, int]] = []
    for m in sorted(months):
        if result and result[-1][1] == m - 1:
            result[-1] = (result[-1][0], m)
        else:
            result.append((m, m))
    return result


def total_of(items: Iterable[Item]) -> float:
    """The budgets added up, as a number for a cell."""
    return float(sum((p.amount for p in items), Decimal(0)))


LABELS = ("ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ (บาท)", "สถานที่ดำเนินการ",
          "หน่วยงานรับผิดชอบหลัก")
STANDARD_COLS = ("no", "name", "details", "budget", "location", "unit")


def labelled_columns(sheet: Sheet, row: int, col: int, labels: Sequence[str], *, down: int = 1) -> None:
    """Labels across a header row, each merged down ``down`` rows."""
    for j, label in enumerate(labels):
        sheet.put(row, col + j, label, bold=True)
        if down > 1:
            sheet.merge(row, col + j, row + down - 1, col + j)


def years_over_months(sheet: Sheet, row: int, first: int, *, merged: bool = True, width: int = 1,
                      texts: tuple[str, str] = ("พ.ศ. 2562", "พ.ศ. 2563")) -> None:
    """The two year cells over the months: merged over them, or written once over the first month of each."""
    sheet.put(row, first, texts[0], bold=True)
    sheet.put(row, first + 3 * width, texts[1], bold=True)
    if merged:
        sheet.merge(row, first, row, first + 3 * width - 1)
        sheet.merge(row, first + 3 * width, row, first + 12 * width - 1)


def write_body(body: Body, row: int, blocks: Sequence[tuple[str, str, list[Item]]], *,
               number_headings: bool = True, merged_headings: bool = True, subtotal: str | None = None) -> int:
    """Strategy and program headings, then their projects (and a subtotal after each program when
    ``subtotal`` is a label); returns the next free row."""
    last_strategy = None
    s_index = 0
    p_index = 0
    for strategy, plan, items in blocks:
        if strategy and strategy != last_strategy:
            s_index += 1
            p_index = 0
            body.heading(row, f"{s_index}. {strategy}" if number_headings else strategy, merged=merged_headings)
            row += 1
            last_strategy = strategy
        if plan:
            p_index += 1
            body.heading(row, f"{s_index}.{p_index} {plan}" if number_headings else plan, merged=merged_headings)
            row += 1
        for p in items:
            body.project(row, p)
            row += 1
        if subtotal is not None:
            body.total(row, subtotal, total_of(items))
            row += 1
    return row
