"""Workbooks made on the fly for the importer's tests: layouts the samples do not show.

``write_sheet`` lays rows out from any start cell; ``add_drawing`` adds arrow shapes to a saved .xlsx the
way Excel stores them (xl/drawings/drawing1.xml), since openpyxl cannot draw shapes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")
STANDARD_LABELS = ("ที่", "โครงการ", "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ", "งบประมาณ (บาท)",
                   "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก")


def write_sheet(ws: Any, rows: Sequence[Sequence[Any]], *, start_row: int = 1, start_col: int = 1) -> None:
    """Put rows of values on a sheet from a start cell (1-based); None leaves a cell empty."""
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(start_row + i, start_col + j, value)


def month_header(ws: Any, row: int, col: int, labels: Sequence[str] = STANDARD_LABELS,
                 year: int = 2563) -> int:
    """The canonical two-row ผด.02 header at (row, col); returns the first month column."""
    for j, label in enumerate(labels):
        ws.cell(row, col + j, label)
        ws.merge_cells(start_row=row, start_column=col + j, end_row=row + 1, end_column=col + j)
    first = col + len(labels)
    ws.cell(row, first, f"พ.ศ. {year - 1}")
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=first + 2)
    ws.cell(row, first + 3, f"พ.ศ. {year}")
    ws.merge_cells(start_row=row, start_column=first + 3, end_row=row, end_column=first + 11)
    for m, name in enumerate(MONTHS):
        ws.cell(row + 1, first + m, name)
    return first


def mark(ws: Any, row: int, first_month_col: int, months: Iterable[int], value: Any = "✓",
         fill: str | None = None) -> None:
    """Mark fiscal months on a row with a text value or a fill."""
    for m in months:
        cell = ws.cell(row, first_month_col + m - 1)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        else:
            cell.value = value


def new_workbook(title: str = "ผด.02") -> tuple[Any, Any]:
    """A workbook with one sheet of the given title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    return wb, ws


def add_drawing(path: Path, anchors: Sequence[str], sheet: int = 1) -> None:
    """Add a drawing layer with the given anchor XML fragments to sheet number ``sheet`` of a saved .xlsx."""
    drawing = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' + "".join(anchors) + "</xdr:wsDr>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdDrw1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
        'Target="../drawings/drawing1.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    sheet_part = f"xl/worksheets/sheet{sheet}.xml"
    xml = items[sheet_part].decode("utf-8")
    if "xmlns:r=" not in xml:
        xml = xml.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ', 1)
    xml = re.sub(r"</worksheet>$", '<drawing r:id="rIdDrw1"/></worksheet>', xml.strip())
    items[sheet_part] = xml.encode("utf-8")
    items[f"xl/worksheets/_rels/sheet{sheet}.xml.rels"] = rels.encode("utf-8")
    items["xl/drawings/drawing1.xml"] = drawing.encode("utf-8")
    ct = items["[Content_Types].xml"].decode("utf-8")
    ct = ct.replace("</Types>", '<Override PartName="/xl/drawings/drawing1.xml" '
                    'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    items["[Content_Types].xml"] = ct.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)


def arrow(row0: int, col_from: int, off_from: int, col_to: int, off_to: int, *, row_off: int = 95250) -> str:
    """A two-cell-anchored double arrow on a 0-based row from (col, offset EMU) to (col, offset EMU)."""
    return (
        f"<xdr:twoCellAnchor><xdr:from><xdr:col>{col_from}</xdr:col><xdr:colOff>{off_from}</xdr:colOff>"
        f"<xdr:row>{row0}</xdr:row><xdr:rowOff>{row_off}</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{col_to}</xdr:col><xdr:colOff>{off_to}</xdr:colOff><xdr:row>{row0}</xdr:row>"
        f"<xdr:rowOff>{row_off}</xdr:rowOff></xdr:to>"
        '<xdr:cxnSp macro=""><xdr:nvCxnSpPr><xdr:cNvPr id="2" name="Arrow"/><xdr:cNvCxnSpPr/></xdr:nvCxnSpPr>'
        '<xdr:spPr><a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
        '<a:ln w="19050"><a:headEnd type="triangle"/><a:tailEnd type="triangle"/></a:ln></xdr:spPr>'
        "</xdr:cxnSp><xdr:clientData/></xdr:twoCellAnchor>"
    )


def text_box(row0: int, col: int, text: str) -> str:
    """A text box (form code "แบบ ผด.02") anchored over one cell: not a month mark."""
    return (
        f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row0}</xdr:row>"
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="900000" cy="250000"/>'
        '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="TextBox"/><xdr:cNvSpPr txBox="1"/>'
        '</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
        f"<xdr:txBody><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
        "<xdr:clientData/></xdr:oneCellAnchor>"
    )


def column(letter_index: int) -> str:
    """Column letter of a 1-based index."""
    return get_column_letter(letter_index)


def write_ods(path: Path, sheet: str, rows: Sequence[Sequence[Any]], *,
              spans: dict[tuple[int, int], tuple[int, int]] | None = None,
              filled: Iterable[tuple[int, int]] = (),
              lines: Iterable[tuple[float, float, float, float]] = ()) -> None:
    """A minimal OpenDocument spreadsheet: 0-based (row, col) spans as (rows, cols), shaded cells, and
    lines drawn on the sheet given in inches (x1, y1, x2, y2); every column is 1 in wide, every row 0.25 in."""
    from xml.sax.saxutils import escape

    spans = spans or {}
    filled = set(filled)
    covered = {(r + dr, c + dc) for (r, c), (nr, nc) in spans.items() for dr in range(nr) for dc in range(nc)
               if (dr, dc) != (0, 0)}
    width = max(len(r) for r in rows)
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c in range(width):
            value = row[c] if c < len(row) else None
            style = ' table:style-name="ce1"' if (r, c) in filled else ""
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            span = ""
            if (r, c) in spans:
                nr, nc = spans[(r, c)]
                span = f' table:number-rows-spanned="{nr}" table:number-columns-spanned="{nc}"'
            if value is None:
                cells.append(f"<table:table-cell{style}{span}/>")
            elif isinstance(value, int | float):
                cells.append(f'<table:table-cell{style}{span} office:value-type="float" office:value="{value}">'
                             f"<text:p>{value}</text:p></table:table-cell>")
            else:
                cells.append(f'<table:table-cell{style}{span} office:value-type="string">'
                             f"<text:p>{escape(str(value))}</text:p></table:table-cell>")
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">'
        '<office:automatic-styles><style:style style:name="ce1" style:family="table-cell">'
        '<style:table-cell-properties fo:background-color="#a9d08e"/></style:style>'
        '<style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="1in"/>'
        '</style:style><style:style style:name="ro1" style:family="table-row">'
        '<style:table-row-properties style:row-height="0.25in"/></style:style></office:automatic-styles>'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">'
        + "<table:shapes>" + "".join(
            f'<draw:line svg:x1="{x1}in" svg:y1="{y1}in" svg:x2="{x2}in" svg:y2="{y2}in"/>'
            for x1, y1, x2, y2 in lines) + "</table:shapes>"
        + f'<table:table-column table:style-name="co1" table:number-columns-repeated="{width}"/>'
        + "".join(body).replace("<table:table-row>", '<table:table-row table:style-name="ro1">')
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", content)
