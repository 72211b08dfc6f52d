"""The whole reading of one file: workbook or preview JSON → :class:`~.staged.ImportResult`.

Sheets are read in workbook order; hidden sheets, empty sheets, ผด.01 summaries and instruction sheets
(the "คำอธิบาย" sheet of the app's own template) give no records, and no warning.
A workbook in which no sheet holds a project table is refused as a whole: nothing is half-read.
"""

from __future__ import annotations

import re
from pathlib import Path

from thaplan_desktop.domain.thai import to_arabic_digits
from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.header import column_letter, find_table, type_columns
from thaplan_desktop.importing.limits import Budget, Progress
from thaplan_desktop.importing.readers import read_preview_json, read_workbook, sniff
from thaplan_desktop.importing.rows import extract_projects
from thaplan_desktop.importing.staged import ImportResult, SheetReport
from thaplan_desktop.importing.vocabulary import FIELD_TITLES, Field, names_instructions, names_summary_form

ColumnOverrides = dict[str, dict[Field, int | None]]


READING = 0.8  # of the progress: reading the file; finding the tables and rows takes the rest


def read_file(path: str | Path, overrides: ColumnOverrides | None = None, *,
              progress: Progress | None = None) -> ImportResult:
    """Read a department workbook (.xlsx .xlsm .xls .ods) or a preview JSON file.

    ``overrides`` corrects the detected columns, per sheet name: ``{"ผด.02": {Field.UNIT: 7}}`` reads the
    unit from column H (0-based 7); ``None`` drops a field. The GUI offers this after a first read,
    from :attr:`SheetReport.column_labels` and :attr:`SheetReport.mapping`.

    ``progress(fraction, message)`` (fraction 0 to 1, message Thai) is called while a large file is read.

    Raises :class:`ImportFailure` (a Thai message naming the file, sheet and row) when the file cannot be
    read or holds no project table; any other exception inside the readers is turned into one too. What a
    file may cost is capped (:mod:`.limits`): a file that unpacks to gigabytes is refused, naming the limit.
    """
    path = Path(path)
    name = path.name
    try:
        _check_access(path)
        if sniff(path) == "json":
            return read_preview_json(path)
        reading = None if progress is None else lambda f, m: progress(READING * f, m)
        budget = Budget(name)
        grid = read_workbook(path, reading, budget)
        sheets, grid.sheets = grid.sheets, []
        return _read_grid_workbook(grid.file_name, sheets, overrides or {}, progress, budget)
    except ImportFailure:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ImportFailure(FailureKind.CORRUPT, f"{where(name)} ใหญ่หรือซับซ้อนเกินกว่าจะอ่านได้",
                            file=name) from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: B036 - never a traceback for the user: the file is what went wrong
        raise ImportFailure(FailureKind.CORRUPT,
                            f"{where(name)} อ่านไม่ได้: ไฟล์อาจเสียหายหรือมีรูปแบบที่ไม่รองรับ ({type(exc).__name__})",
                            file=name) from exc


def _check_access(path: Path) -> None:
    """Refuse, saying what is wrong, a path that is missing, a folder, or a file this user may not read."""
    name = path.name or str(path)
    if path.is_dir():
        raise ImportFailure(FailureKind.NOT_A_WORKBOOK, f"{where(name)} เป็นโฟลเดอร์ ไม่ใช่ไฟล์: กรุณาเลือกไฟล์สมุดงาน",
                            file=name)
    if not path.exists():
        raise ImportFailure(FailureKind.NOT_FOUND, f"ไม่พบ{where(name)}", file=name)
    try:
        with path.open("rb"):
            pass
    except PermissionError as exc:
        raise ImportFailure(FailureKind.NO_ACCESS, f"ไม่มีสิทธิ์อ่าน{where(name)}: กรุณาตรวจสิทธิ์ของไฟล์ หรือคัดลอกไฟล์มาไว้ในเครื่องก่อน",
                            file=name) from exc
    except OSError as exc:
        raise ImportFailure(FailureKind.NO_ACCESS, f"เปิด{where(name)} ไม่ได้: {exc.strerror or exc}",
                            file=name) from exc


def _read_grid_workbook(file_name: str, sheets: list[SheetGrid], overrides: ColumnOverrides,
                        progress: Progress | None = None, budget: Budget | None = None) -> ImportResult:
    result = ImportResult(file_name, [])
    if not sheets or all(s.is_empty() for s in sheets):
        raise ImportFailure(FailureKind.EMPTY, f"{where(file_name)} ไม่มีข้อมูล (ทุกแผ่นงานว่างเปล่า)",
                            file=file_name)
    no_table: list[str] = []
    tables = 0
    layouts = {i: find_table(g) for i, g in enumerate(sheets) if not g.hidden and not g.is_empty()}
    visible_tables = any(layouts.values())
    for i, grid in enumerate(sheets):
        if progress is not None:
            progress(READING + (1 - READING) * i / len(sheets), f"กำลังหาโครงการในแผ่นงาน “{grid.name}”")
        if i:
            sheets[i - 1] = SheetGrid(sheets[i - 1].name)  # a sheet read is let go: its cells are not needed again
        if grid.hidden and visible_tables:  # a hidden sheet counts only when no visible one has a table
            result.sheets.append(SheetReport(grid.name, "hidden"))
            continue
        if grid.is_empty():
            result.sheets.append(SheetReport(grid.name, "empty"))
            continue
        layout = layouts[i] if i in layouts else find_table(grid)
        if layout is None:
            if names_instructions(grid.name, _first_text(grid)):
                result.sheets.append(SheetReport(grid.name, "instructions", notes=["คำอธิบายการกรอกแบบฟอร์ม"]))
            elif _titles_say_summary(grid):
                result.sheets.append(SheetReport(grid.name, "summary", notes=["แบบ ผด.01 (สรุป) ไม่มีรายการโครงการ"]))
            else:
                no_table.append(grid.name)
                result.sheets.append(SheetReport(grid.name, "no_table", notes=["ไม่พบตารางโครงการ"]))
            continue
        if layout.is_summary:
            result.sheets.append(SheetReport(grid.name, "summary", header_row=layout.header_top + 1,
                                             notes=["แบบ ผด.01 (สรุป) ไม่มีรายการโครงการ"]))
            continue
        type_columns(grid, layout)
        for fld, col in overrides.get(grid.name, {}).items():
            if col is None:
                layout.columns.pop(fld, None)
            elif fld is not Field.NAME or col >= 0:
                layout.columns[fld] = col
                layout.month_columns.pop(col, None)
        if Field.NAME not in layout.columns:
            no_table.append(grid.name)
            result.sheets.append(SheetReport(grid.name, "no_table", notes=["ไม่ได้เลือกคอลัมน์ชื่อโครงการ"]))
            continue
        tables += 1
        projects, notes, warnings = extract_projects(grid, layout, file_name, budget)
        result.warnings.extend(warnings)
        report = SheetReport(
            grid.name, "table", header_row=layout.header_top + 1,
            columns={f.value: f"{column_letter(c)}: {layout.labels.get(c, FIELD_TITLES[f])}"
                     for f, c in sorted(layout.columns.items(), key=lambda item: item[1])},
            month_columns={column_letter(c): list(m) for c, m in sorted(layout.month_columns.items())},
            rows=len(projects), notes=[*layout.guessed, *notes],
            column_labels={c: layout.labels.get(c, "") for c in range(grid.n_cols)},
            mapping={f.value: c for f, c in layout.columns.items()},
        )
        if not layout.month_columns and "period" not in report.columns:
            report.notes.append("ไม่พบคอลัมน์เดือนหรือระยะเวลาดำเนินการ")
        report.fiscal_year = _fiscal_year(grid, layout.fiscal_years, layout.header_top, result.warnings)
        result.sheets.append(report)
        result.projects.extend(projects)
    if tables == 0:
        sheets_text = " ".join(f"“{n}”" for n in no_table) or "ใด ๆ"
        raise ImportFailure(
            FailureKind.NO_HEADER,
            f"{where(file_name)}: ไม่พบตารางโครงการในแผ่นงาน {sheets_text} — ต้องมีแถวหัวตารางที่มีคอลัมน์ "
            "ชื่อโครงการ และงบประมาณหรือเดือน (เช่น ที่ | โครงการ | รายละเอียด | งบประมาณ (บาท) | …)",
            file=file_name, sheet=no_table[0] if no_table else "")
    for sheet_name in no_table:
        result.warnings.append(f"แผ่นงาน “{sheet_name}”: ไม่พบตารางโครงการ จึงข้ามแผ่นงานนี้")
    if progress is not None:
        progress(1.0, f"อ่านแล้ว {len(result.projects):,} รายการ")
    return result


_TITLE_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.?\s?ศ\.?)?\s*(\d{4})")


def _fiscal_year(grid: SheetGrid, header_years: list[int], header_top: int, warnings: list[str]) -> int | None:
    """The fiscal year of a table: from the years over its months (or its month dates), else from a title
    such as "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2563"; a header naming several years, or naming another
    year than the title, is pointed out in the warnings."""
    titles = {int(m.group(1)) for r in range(min(header_top, 12)) for v in grid.row_values(r)
              if isinstance(v, str) and (m := _TITLE_YEAR.search(to_arabic_digits(v)))}
    if len(header_years) > 1:
        warnings.append(f"แผ่นงาน “{grid.name}”: เดือนในหัวตารางอยู่คนละปีงบประมาณ "
                        f"({', '.join(str(y) for y in header_years)}) โปรดตรวจปีของหัวตาราง")
        return None
    if header_years:
        year = header_years[0]
        if titles and year not in titles:
            warnings.append(f"แผ่นงาน “{grid.name}”: หัวตารางเป็นเดือนของปีงบประมาณ {year} "
                            f"แต่ชื่อแผนระบุปีงบประมาณ {', '.join(str(t) for t in sorted(titles))}")
        return year
    return next(iter(titles)) if len(titles) == 1 else None


def _first_text(grid: SheetGrid) -> str:
    """The first text on a sheet (its title), reading rows from the top."""
    for r in range(10):
        for v in grid.row_values(r):
            if isinstance(v, str) and v.strip():
                return v
    return ""


def _titles_say_summary(grid: SheetGrid) -> bool:
    if names_summary_form(grid.name):
        return True
    for r in range(min(grid.n_rows, 8)):
        for v in grid.row_values(r):
            if isinstance(v, str) and names_summary_form(v):
                return True
    return False
