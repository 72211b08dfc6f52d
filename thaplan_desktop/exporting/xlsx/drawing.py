"""Month arrows as drawing shapes: the double-headed lines offices draw over the month cells of ผด.02.

openpyxl cannot write shapes, so after it saves the workbook :func:`add_arrows` adds a drawing part per
sheet to the package (``xl/drawings/drawingN.xml``, its relationship and content type), each arrow
anchored to its cells so it moves and stretches with them. The package is rewritten as a stream, so a
sheet of 50,000 rows and its 50,000 arrows cost no more memory than a small one.
"""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

_DRAWING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Elements a <drawing> must come before in a worksheet part (ECMA-376 CT_Worksheet order).
_AFTER_DRAWING = ("<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls",
                  "<webPublishItems", "<tableParts", "<extLst", "</worksheet>")
EMU_PER_POINT = 12700
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Arrow:
    """A horizontal double arrow on a 0-based row from column ``first`` to ``last`` (inclusive, 0-based)."""

    row: int
    first: int
    last: int
    row_height_pt: float
    col_width_emu: int


def add_arrows(path: Path, arrows_by_sheet: Mapping[int, Sequence[Arrow]]) -> None:
    """Add arrows to sheets of a saved workbook; keys are 1-based sheet numbers as openpyxl names parts.

    The package is copied part by part into a new one beside it (then renamed over it), each part as a
    stream: a worksheet of 50,000 rows is never held whole in memory, nor is its drawing.
    """
    if not any(arrows_by_sheet.values()):
        return
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        existing = [int(m) for m in re.findall(r"xl/drawings/drawing(\d+)\.xml", " ".join(names))]
        number = max(existing, default=0)
        drawings: dict[int, int] = {}  # sheet number → its new drawing's number
        for sheet_no, arrows in arrows_by_sheet.items():
            if arrows:
                number += 1
                drawings[sheet_no] = number
        sheet_parts = {f"xl/worksheets/sheet{s}.xml": n for s, n in drawings.items()}
        rels_parts = {f"xl/worksheets/_rels/sheet{s}.xml.rels": n for s, n in drawings.items()}
        for info in zin.infolist():
            name = info.filename
            if name == "[Content_Types].xml":
                content_types = zin.read(name).decode("utf-8")
                overrides = "".join(f'<Override PartName="/xl/drawings/drawing{n}.xml" ContentType="{_DRAWING_CT}"/>'
                                    for n in drawings.values())
                zout.writestr(name, content_types.replace("</Types>", overrides + "</Types>"))
            elif name in rels_parts:
                rels = zin.read(name).decode("utf-8")
                zout.writestr(name, rels.replace("</Relationships>", _relationship(rels_parts[name]) + "</Relationships>"))
            elif name in sheet_parts:
                with zin.open(info) as source, zout.open(name, "w", force_zip64=True) as target:
                    _copy_sheet_with_drawing(source, target, f"rIdArrows{sheet_parts[name]}")
            else:
                with zin.open(info) as source, zout.open(name, "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target, _CHUNK)
        for rels_part, n in rels_parts.items():
            if rels_part not in names:
                zout.writestr(rels_part, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                              f"{_relationship(n)}</Relationships>")
        for sheet_no, n in drawings.items():
            with zout.open(f"xl/drawings/drawing{n}.xml", "w", force_zip64=True) as target:
                pieces = _drawing_xml(arrows_by_sheet[sheet_no])
                while batch := "".join(itertools.islice(pieces, 1000)):
                    target.write(batch.encode("utf-8"))
    tmp.replace(path)


def _relationship(number: int) -> str:
    return (f'<Relationship Id="rIdArrows{number}" Type="{_DRAWING_TYPE}" '
            f'Target="../drawings/drawing{number}.xml"/>')


def _copy_sheet_with_drawing(source: IO[bytes], target: IO[bytes], rid: str, chunk_size: int = _CHUNK) -> None:
    """Copy a worksheet part, adding ``<drawing r:id=…>`` where the schema wants it (after the rows)."""
    head = source.read(max(chunk_size, 2000))
    if b"xmlns:r=" not in head[:2000]:
        head = head.replace(b"<worksheet ", f'<worksheet xmlns:r="{_REL_NS}" '.encode(), 1)
    # Everything up to the end of the rows goes through as it comes; what follows them (merged ranges,
    # page setup, header and footer: a few kilobytes) is kept to place the drawing in it. Cell text is
    # escaped XML, so the end tag of the rows is found only where it is.
    pending = head
    tail: bytes | None = None
    while True:
        ends = [i for i in (pending.find(b"</sheetData>"), pending.find(b"<sheetData/>")) if i >= 0]
        if ends:
            target.write(pending[:ends[0]])
            tail = pending[ends[0]:] + source.read()
            break
        keep = len(b"</sheetData>")
        target.write(pending[:-keep])
        chunk = source.read(chunk_size)
        if not chunk:
            tail = pending[-keep:]
            break
        pending = pending[-keep:] + chunk
    text = tail.decode("utf-8")
    cut = min(i for i in (text.find(tag) for tag in _AFTER_DRAWING) if i >= 0)
    target.write((text[:cut] + f'<drawing r:id="{rid}"/>' + text[cut:]).encode("utf-8"))


def _drawing_xml(arrows: Sequence[Arrow]) -> Iterator[str]:
    """The drawing part, a piece at a time: one arrow's anchor and shape each."""
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">')
    for i, arrow in enumerate(arrows, start=2):
        middle = int(arrow.row_height_pt * EMU_PER_POINT / 2)
        inset = max(int(arrow.col_width_emu * 0.12), 9525)
        end_off = arrow.col_width_emu - inset
        yield (
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
    yield "</xdr:wsDr>"
