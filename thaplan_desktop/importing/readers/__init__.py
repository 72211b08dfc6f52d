"""Stage 1 of an import: any workbook file → :class:`~..grid.WorkbookGrid` (values, merges, fills, shapes).

The format is told by the file's first bytes, not by its name (a text note renamed ``.xlsx`` is not a
workbook), and :func:`read_workbook` hands the file to its reader: :mod:`.xlsx` (``.xlsx``/``.xlsm``:
:mod:`.xlsx_cells` streams the strings and sheets, :mod:`.xlsx_drawing` places the drawn lines), :mod:`.xls`
(legacy ``.xls``: the sheets' records walked, xlrd for the workbook's globals), :mod:`.ods` (OpenDocument,
``content.xml`` streamed), :mod:`.delimited` (CSV); ``.xlsb`` gives its values through :mod:`.calamine`.
:mod:`.preview_json` reads the preview JSON back. :mod:`.stream` reads zip parts within the file's budget
(:mod:`~..limits`: a file that unpacks to gigabytes is refused at the cap it passes); :mod:`.common` holds
what the readers share: Thai failures, defused XML parsing, sheet geometry. Every failure becomes an
:class:`~..errors.ImportFailure` in Thai.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.grid import WorkbookGrid
from thaplan_desktop.importing.limits import Budget, Progress
from thaplan_desktop.importing.readers import calamine, delimited, ods, xls, xlsx
from thaplan_desktop.importing.readers.common import OLE_MAGIC, corrupt, unsafe
from thaplan_desktop.importing.readers.preview_json import read_preview_json
from thaplan_desktop.importing.readers.stream import open_zip

__all__ = ["read_preview_json", "read_workbook", "sniff"]

ZIP_MAGIC = b"PK\x03\x04"


def sniff(path: Path) -> str:
    """The kind of file by content: ``xlsx``, ``ods``, ``xls``, ``json``, ``encrypted``, ``zip`` or ``other``."""
    with path.open("rb") as fh:
        head = fh.read(8)
        if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
            return "zip"
        if head == OLE_MAGIC:
            fh.seek(0)
            data = fh.read(4 * 1024 * 1024)
            # An Office file with an open password is an OLE container holding "EncryptedPackage".
            if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
                return "encrypted"
            return "xls"
        fh.seek(0)
        text_head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        if text_head.startswith(b"{"):
            return "json"
    return "other"


def read_workbook(path: Path, progress: Progress | None = None, budget: Budget | None = None) -> WorkbookGrid:
    """Read any supported workbook into a grid, or raise :class:`ImportFailure`.

    What the file may cost is capped (``budget``, one per file: :mod:`~..limits`); ``progress(fraction,
    message)`` is called as the larger parts are read.
    """
    try:
        return _read_by_content(path, budget or Budget(path.name), progress)
    except DefusedXmlException as exc:  # an XML part of ours: entity declarations or external references
        raise unsafe(path.name) from exc


def _read_by_content(path: Path, budget: Budget, progress: Progress | None) -> WorkbookGrid:
    name = path.name
    if not path.is_file():
        raise ImportFailure(FailureKind.NOT_FOUND, f"ไม่พบ{where(name)}", file=name)
    kind = sniff(path)
    if kind == "encrypted":
        raise ImportFailure(FailureKind.PASSWORD,
                            f"{where(name)} มีรหัสผ่านป้องกันการเปิด: กรุณาเปิดไฟล์ใน Excel "
                            "แล้วบันทึกใหม่โดยไม่ใส่รหัสผ่าน จึงนำเข้าอีกครั้ง", file=name)
    if kind == "xls":
        return xls.read_xls(path, budget, progress)
    if kind == "zip":
        try:
            with open_zip(path, budget) as zf:
                names = set(zf.namelist())
                info = zf.getinfo("mimetype") if "mimetype" in names else None
                mimetype = zf.read(info).decode("ascii", "replace") if info is not None and info.file_size < 1024 else ""
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise corrupt(name) from exc
        if "xl/workbook.xml" in names:
            return xlsx.read_xlsx(path, budget, progress)
        if "xl/workbook.bin" in names:  # .xlsb: values through calamine
            return WorkbookGrid(name, calamine.read_sheets(path, budget))
        if "opendocument.spreadsheet" in mimetype or "content.xml" in names:
            return ods.read_ods(path, budget, progress)
        raise ImportFailure(FailureKind.NOT_A_WORKBOOK,
                            f"{where(name)} ไม่ใช่สมุดงาน Excel หรือ OpenDocument (อาจเป็นเอกสารชนิดอื่นที่เปลี่ยนชื่อ)",
                            file=name)
    if path.suffix.lower() in (".csv", ".txt") and (grid := delimited.read_csv(path, budget)) is not None:
        return grid
    raise ImportFailure(FailureKind.NOT_A_WORKBOOK,
                        f"{where(name)} ไม่ใช่สมุดงาน Excel (.xlsx .xlsm .xls) หรือ OpenDocument (.ods) "
                        "หรืออาจเป็นไฟล์ข้อความที่เปลี่ยนชื่อ", file=name)
