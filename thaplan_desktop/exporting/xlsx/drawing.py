"""Month arrows as drawing shapes: the double-headed lines offices draw over the month cells of ผด.02.

openpyxl cannot write shapes, so after it saves the workbook :func:`add_arrows` adds a drawing part per
sheet to the package (``xl/drawings/drawingN.xml``, its relationship and content type), each arrow
anchored to its cells so it moves and stretches with them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

_DRAWING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Elements a <drawing> must come before in a worksheet part (ECMA-376 CT_Worksheet order).
_AFTER_DRAWING = ("<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls",
                  "<webPublishItems", "<tableParts", "<extLst", "</worksheet>")
EMU_PER_POINT = 12700


@dataclass(frozen=True, slots=True)
class Arrow:
    """A horizontal double arrow on a 0-based row from column ``first`` to ``last`` (inclusive, 0-based)."""

    row: int
    first: int
    last: int
    row_height_pt: float
    col_width_emu: int


def add_arrows(path: Path, arrows_by_sheet: Mapping[int, Sequence[Arrow]]) -> None:
    """Add arrows to sheets of a saved workbook; keys are 1-based sheet numbers as openpyxl names parts."""
    if not any(arrows_by_sheet.values()):
        return
    with zipfile.ZipFile(path) as zin:
        items = {info.filename: zin.read(info.filename) for info in zin.infolist()}
    content_types = items["[Content_Types].xml"].decode("utf-8")
    existing = [int(m) for m in re.findall(r"xl/drawings/drawing(\d+)\.xml", " ".join(items))]
    number = max(existing, default=0)
    for sheet_no, arrows in arrows_by_sheet.items():
        if not arrows:
            continue
        number += 1
        sheet_part = f"xl/worksheets/sheet{sheet_no}.xml"
        rels_part = f"xl/worksheets/_rels/sheet{sheet_no}.xml.rels"
        drawing_part = f"xl/drawings/drawing{number}.xml"
        items[drawing_part] = _drawing_xml(arrows).encode("utf-8")
        rid = f"rIdArrows{number}"
        rel = (f'<Relationship Id="{rid}" Type="{_DRAWING_TYPE}" Target="../drawings/drawing{number}.xml"/>')
        if rels_part in items:
            rels = items[rels_part].decode("utf-8").replace("</Relationships>", rel + "</Relationships>")
        else:
            rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    f"{rel}</Relationships>")
        items[rels_part] = rels.encode("utf-8")
        sheet_xml = items[sheet_part].decode("utf-8")
        if "xmlns:r=" not in sheet_xml[:2000]:
            sheet_xml = sheet_xml.replace("<worksheet ", f'<worksheet xmlns:r="{_REL_NS}" ', 1)
        cut = min(i for i in (sheet_xml.find(tag) for tag in _AFTER_DRAWING) if i >= 0)
        sheet_xml = sheet_xml[:cut] + f'<drawing r:id="{rid}"/>' + sheet_xml[cut:]
        items[sheet_part] = sheet_xml.encode("utf-8")
        content_types = content_types.replace(
            "</Types>", f'<Override PartName="/{drawing_part}" ContentType="{_DRAWING_CT}"/></Types>')
    items["[Content_Types].xml"] = content_types.encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)
    tmp.replace(path)


def _drawing_xml(arrows: Sequence[Arrow]) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">']
    for i, arrow in enumerate(arrows, start=2):
        middle = int(arrow.row_height_pt * EMU_PER_POINT / 2)
        inset = max(int(arrow.col_width_emu * 0.12), 9525)
        end_off = arrow.col_width_emu - inset
        parts.append(
            '<xdr:twoCellAnchor editAs="twoCell">'
            f"<xdr:from><xdr:col>{arrow.first}</xdr:col><xdr:colOff>{inset}</xdr:colOff>"
            f"<xdr:row>{arrow.row}</xdr:row><xdr:rowOff>{middle}</xdr:rowOff></xdr:from>"
            f"<xdr:to><xdr:col>{arrow.last}</xdr:col><xdr:colOff>{end_off}</xdr:colOff>"
            f"<xdr:row>{arrow.row}</xdr:row><xdr:rowOff>{middle}</xdr:rowOff></xdr:to>"
            '<xdr:cxnSp macro="">'
            f"<xdr:nvCxnSpPr><xdr:cNvPr id=\"{i}\" name={quoteattr(f'ลูกศรเดือน {i - 1}')}/><xdr:cNvCxnSpPr/>"
            "</xdr:nvCxnSpPr>"
            '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
            '<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
            '<a:ln w="15875"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            '<a:headEnd type="triangle" w="med" len="med"/><a:tailEnd type="triangle" w="med" len="med"/></a:ln>'
            "</xdr:spPr></xdr:cxnSp><xdr:clientData/></xdr:twoCellAnchor>"
        )
    parts.append("</xdr:wsDr>")
    return "".join(parts)
