"""Values and merged ranges through python-calamine (Rust): legacy ``.xls``, ``.ods`` and ``.xlsb``.

calamine reads no formatting: :mod:`.xls` and :mod:`.ods` add the fills and drawn lines themselves. A panic
in the Rust reader arrives as a ``BaseException``; it becomes a Thai failure of the file like any other.
"""

from __future__ import annotations

from pathlib import Path

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.readers.common import STOP, corrupt


def read_sheets(path: Path) -> list[SheetGrid]:
    """The worksheets of a workbook calamine reads (values and merged ranges; no formatting)."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    name = path.name
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except STOP:
        raise
    except BaseException as exc:  # noqa: B036 - a panic in the Rust reader is a BaseException
        text = f"{type(exc).__name__} {exc}".lower()
        if "password" in text or "encrypt" in text:
            raise ImportFailure(FailureKind.PASSWORD,
                                f"{where(name)} มีรหัสผ่านป้องกันการเปิด: กรุณาบันทึกใหม่โดยไม่ใส่รหัสผ่าน",
                                file=name) from exc
        raise corrupt(name) from exc
    sheets: list[SheetGrid] = []
    try:
        for meta in wb.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                rows: list[list[object]] = [list(r) for r in sheet.to_python(skip_empty_area=False)]
                merges = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except STOP:
                raise
            except BaseException as exc:  # noqa: B036 - see above
                raise corrupt(name, meta.name) from exc
            sheets.append(SheetGrid(meta.name, rows, merges, hidden=meta.visible != SheetVisibleEnum.Visible))
    finally:
        wb.close()
    return sheets

