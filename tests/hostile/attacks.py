"""Hostile files, built at test time: small on disk, written straight into their zip packages.

``xlsx`` writes a workbook from raw cell XML (so a test can put exactly the bytes an attacker would:
``<v>1E17</v>``, a shared string of gigabytes, a cell in column XFD); ``ods`` does the same for an
OpenDocument ``content.xml``. ``project_rows`` is a small honest ผด.02 table in those terms.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
              'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{_REL}">'
             '<sheets><sheet name="ผด.02" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
                  'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                  f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
                  '</Relationships>')
HEADER = ("ที่", "โครงการ", "รายละเอียด", "งบประมาณ (บาท)", "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบหลัก")


def text(ref: str, value: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def number(ref: str, value: str | float) -> str:
    """A number cell holding exactly ``value`` as written."""
    return f'<c r="{ref}"><v>{value}</v></c>'


def project_rows(budgets: Iterable[str], *, first_row: int = 2) -> list[str]:
    """A header and one project row per budget cell (``budgets`` are cell XML for column D, ``{r}`` the row)."""
    rows = [f'<row r="1">{"".join(text(f"{c}1", h) for c, h in zip("ABCDEF", HEADER, strict=True))}</row>']
    for i, budget in enumerate(budgets):
        r = first_row + i
        rows.append(f'<row r="{r}">{number(f"A{r}", i + 1)}{text(f"B{r}", f"โครงการซ่อมถนนสายที่ {i + 1}")}'
                    f'{text(f"C{r}", "ลาดยาง")}{budget.format(r=r)}{text(f"E{r}", "หมู่ 1")}'
                    f'{text(f"F{r}", "กองช่าง")}</row>')
    return rows


def xlsx(path: Path, rows: Iterable[str], *, shared: Iterable[str] = (), shared_gib: float = 0.0) -> Path:
    """A workbook of one sheet "ผด.02" holding ``rows`` (row XML); the shared strings are ``shared``, after a
    first one of ``shared_gib`` GiB of "A" when asked (deflated: a 2 GiB string is a 2 MB file)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode())
            if shared_gib:
                fh.write(b"<si><t>")
                block = b"A" * (1 << 24)
                for _ in range(int(shared_gib * 64)):
                    fh.write(block)
                fh.write(b"</t></si>")
            fh.write("".join(f"<si><t>{escape(s)}</t></si>" for s in shared).encode())
            fh.write(b"</sst>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            for row in rows:
                fh.write(row.encode("utf-8"))
            fh.write(b"</sheetData></worksheet>")
    return path


_ODS_NS = "urn:oasis:names:tc:opendocument:xmlns"


def ods(path: Path, body: str) -> Path:
    """An OpenDocument spreadsheet whose one table "ผด.02" holds ``body`` (table rows as XML)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{_ODS_NS}:office:1.0" '
               f'xmlns:table="{_ODS_NS}:table:1.0" xmlns:text="{_ODS_NS}:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="ผด.02">{body}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{_ODS_NS}:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return path


def ods_cell(value: str, *, repeat: int = 1) -> str:
    """A text cell of an .ods, repeated ``repeat`` times."""
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell{repeated} office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
