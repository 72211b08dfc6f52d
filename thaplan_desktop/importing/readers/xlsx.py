"""``.xlsx`` and ``.xlsm`` → :class:`~..grid.WorkbookGrid`, streamed part by part within the file's budget.

The package is read as Excel and openpyxl find it: the content types name the workbook and the shared
strings, the workbook names the sheets (in order, with their visibility) and the workbook's relationships
their parts. Small parts (content types, workbook, relationships, styles) are parsed whole, capped at
:data:`~..limits.MAX_PART_BYTES`; the shared strings and each sheet are streamed (:mod:`.xlsx_cells`), so
a 2 MB file that unpacks to gigabytes is refused at the limit it passes, and a sparse sheet costs only its
filled cells. openpyxl's stylesheet model gives the fills and number formats, so that cell values, dates
and fills read as they always have. Merged ranges and column and row sizes come with the sheet stream;
lines drawn over month cells from the sheet's drawing parts (:mod:`.xlsx_drawing`); formulas saved without
a value are worked out by :mod:`~..formulas`. Every XML part goes through a parser that refuses entity
declarations and references to other files; this module also refuses to read a workbook if something
turned off openpyxl's own guard (``openpyxl.DEFUSEDXML``).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.formulas import fill_uncached_formulas
from thaplan_desktop.importing.grid import SheetGrid, WorkbookGrid
from thaplan_desktop.importing.limits import Budget, Progress
from thaplan_desktop.importing.readers.common import STOP, unreadable
from thaplan_desktop.importing.readers.stream import (
    make_parser,
    member,
    open_zip,
    parse_part,
    part_progress,
    stream_part,
)
from thaplan_desktop.importing.readers.xlsx_cells import SharedStrings, SheetCells, Styles
from thaplan_desktop.importing.readers.xlsx_drawing import drawing_shapes

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
READ_SHARE = 0.25  # of the progress: the shared strings; the sheets share the rest of the reading


def read_xlsx(path: Path, budget: Budget | None = None, progress: Progress | None = None) -> WorkbookGrid:
    """Read an Office Open XML workbook, or raise :class:`ImportFailure`."""
    import openpyxl  # imported here: the command line starts faster when it reads other formats

    name = path.name
    budget = budget or Budget(name)
    if not openpyxl.DEFUSEDXML:  # e.g. OPENPYXL_DEFUSEDXML=False in the environment
        raise ImportFailure(FailureKind.UNSAFE,
                            f"ไม่ได้อ่าน{where(name)}: โปรแกรมไม่ได้เปิดการป้องกันไฟล์ XML ที่เป็นอันตราย (defusedxml) "
                            "กรุณาติดตั้งโปรแกรมใหม่", file=name)
    sheet_name = ""
    try:
        with open_zip(path, budget) as zf:
            book = _Book(zf, budget)
            sheets: list[SheetGrid] = []
            parts = book.sheets()
            total = sum(info.file_size for _n, _s, info in parts) or 1
            done = 0
            if book.strings_part is not None:
                book.read_strings(part_progress(progress, "กำลังอ่านข้อความในไฟล์", 0.0, READ_SHARE,
                                                book.strings_part.file_size))
            for sheet_name, state, info in parts:
                budget.start_sheet(sheet_name)
                report = part_progress(progress, f"กำลังอ่านแผ่นงาน “{sheet_name}”",
                                       READ_SHARE + (1 - READ_SHARE) * done / total,
                                       (1 - READ_SHARE) * info.file_size / total, info.file_size)
                sheets.append(book.read_sheet(sheet_name, state, info, report))
                done += info.file_size
        return WorkbookGrid(name, sheets)
    except (ImportFailure, *STOP):
        raise
    except Exception as exc:  # zip, XML and value errors of a damaged file
        raise unreadable(name, exc, sheet_name) from exc


class _Book:
    """The package's workbook-level parts: where the sheets and strings are, the stylesheet, the epoch."""

    def __init__(self, zf: zipfile.ZipFile, budget: Budget) -> None:
        from openpyxl.packaging.manifest import Manifest
        from openpyxl.packaging.workbook import WorkbookPackage
        from openpyxl.reader.excel import _find_workbook_part
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

        self.zf = zf
        self.budget = budget
        types = parse_part(zf, "[Content_Types].xml", budget)
        if types is None:
            raise KeyError("[Content_Types].xml")
        manifest = Manifest.from_tree(types)
        self.workbook_part = _find_workbook_part(manifest).PartName[1:]
        strings = manifest.find(_SHARED_STRINGS)
        self.strings_part = member(zf, strings.PartName[1:]) if strings is not None else None
        root = parse_part(zf, self.workbook_part, budget)
        if root is None:
            raise KeyError(self.workbook_part)
        self.package = WorkbookPackage.from_tree(root)
        self.epoch = CALENDAR_MAC_1904 if self.package.properties.date1904 else WINDOWS_EPOCH
        self.strings: list[str] = []
        self.styles = self._styles()

    def sheets(self) -> list[tuple[str, str, zipfile.ZipInfo]]:
        """(name, state, part) of every worksheet, in workbook order (chart sheets and missing parts left out)."""
        rels = self.rels(self.workbook_part, required=True)
        found = []
        for sheet in self.package.sheets:
            if not sheet.id:
                continue
            rel_type, target = rels[sheet.id]
            info = member(self.zf, target)
            if info is None or "chartsheet" in rel_type:
                continue
            found.append((sheet.name, sheet.state or "visible", info))
        return found

    def rels(self, part: str, *, required: bool = False) -> dict[str, tuple[str, str]]:
        """Relationships of a package part: id → (type, absolute target path)."""
        folder, base = posixpath.split(part)
        root = parse_part(self.zf, posixpath.join(folder, "_rels", base + ".rels"), self.budget)
        result: dict[str, tuple[str, str]] = {}
        if root is None:
            if required:
                raise KeyError(part + ".rels")
            return result
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            result[rel.get("Id", "")] = (rel.get("Type", ""), full)
        return result

    def _styles(self) -> Styles:
        from openpyxl.styles.fills import PatternFill
        from openpyxl.styles.stylesheet import Stylesheet

        root = parse_part(self.zf, "xl/styles.xml", self.budget)
        if root is None:
            return Styles(fill_keys=[None], format_ids=[0])
        sheet = Stylesheet.from_tree(root)
        if not sheet.cell_styles:
            return Styles(fill_keys=[None], format_ids=[0])
        fills = list(sheet.fills) or [PatternFill()]
        keys = [fill_key(fills[xf.fillId]) if 0 <= xf.fillId < len(fills) else None for xf in sheet.cell_styles]
        return Styles(fill_keys=keys, format_ids=[xf.numFmtId for xf in sheet.cell_styles],
                      date_styles=frozenset(sheet.date_formats), timedelta_styles=frozenset(sheet.timedelta_formats),
                      custom_formats=list(sheet.number_formats))

    def read_strings(self, report: Any) -> None:
        """The shared strings, streamed."""
        assert self.strings_part is not None
        handler = SharedStrings(self.budget)
        parser = make_parser()
        handler.attach(parser)
        stream_part(self.zf, self.strings_part, parser, self.budget, progress=report)
        self.strings = handler.strings

    def read_sheet(self, name: str, state: str, info: zipfile.ZipInfo, report: Any) -> SheetGrid:
        """One worksheet: its cells streamed, then formulas without a value, then the lines drawn over it."""
        grid = SheetGrid(name, hidden=state != "visible")
        drawings = [target for rel_type, target in self.rels(info.filename).values() if rel_type.endswith("/drawing")]
        handler = SheetCells(grid, self.strings, self.styles, self.budget, epoch=self.epoch,
                             keep_dims=bool(drawings))
        parser = make_parser()
        handler.attach(parser)
        stream_part(self.zf, info, parser, self.budget, progress=report)
        if handler.pending:
            fill_uncached_formulas(handler.pending, grid)
        grid.seal_all()
        if drawings:
            grid.shapes = drawing_shapes(self.zf, drawings, handler.dims, grid.n_cols, grid.n_rows, self.budget)
        return grid


def fill_key(fill: Any) -> str | None:
    """A comparable key for a visible cell fill (openpyxl's fill object), or None for no fill / white."""
    if fill is None or getattr(fill, "fill_type", None) in (None, "none"):
        return None
    color = getattr(fill, "fgColor", None)
    if color is None:
        return None
    if color.type == "rgb":
        rgb = color.rgb if isinstance(color.rgb, str) else "000000"
        rgb = rgb[-6:].upper()
        return None if rgb == "FFFFFF" else rgb
    if color.type == "theme":
        tint = float(color.tint or 0)
        if color.theme == 0 and abs(tint) < 1e-9:
            return None  # theme "background 1": white
        return f"theme{color.theme}:{tint:.3f}"
    if color.type == "indexed":
        return None if color.indexed in (9, 64, 65) else f"indexed{color.indexed}"
    return None
