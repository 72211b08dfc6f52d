"""``thaplan import-preview`` and ``thaplan import``: department workbooks from the command line.

``import-preview FILE [--json] [--db PLAN]`` reads one file and prints what would be imported (a Thai table,
or the preview JSON of INTERFACES.md, always with its ``warnings``), exit 1 when it cannot be read; with
``--db`` it also says where each project would be filed in that plan (``filed_under``) and adds the
warnings of the filing (another fiscal year, near-miss names that would be created). ``import --db PATH FILE...``
reads every file first, files the projects under the plan's names (confident matches of near-miss strategy
and program names apply and are listed; the rest are created and listed), then imports all of them into
the edition in one undoable operation, or nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from thaplan_desktop.cli.common import (
    CommandError,
    ProgressLine,
    add_db_argument,
    add_edition_arguments,
    display_width,
    open_for_reading,
    open_workspace,
    pad,
    safe_text,
)

if TYPE_CHECKING:
    from thaplan_desktop.domain.model import Edition
    from thaplan_desktop.importing.filing import FiledUnder
    from thaplan_desktop.importing.names import NameMatch
    from thaplan_desktop.importing.staged import ImportResult
    from thaplan_desktop.workspace import Workspace

EXIT_OK = 0
EXIT_FAILED = 1


# --- import-preview -------------------------------------------------------------------------------

def add_import_preview_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan import-preview``."""
    parser.add_argument("file", metavar="FILE", help="สมุดงาน .xlsx .xlsm .xls .ods หรือไฟล์ JSON ของรายการโครงการ")
    parser.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON (ok, projects, error, warnings)")
    parser.add_argument("--quiet", action="store_true", help="ไม่แสดงความคืบหน้าขณะอ่านไฟล์ใหญ่")
    add_db_argument(parser, required=False,
                    help_text="แผน (.sqlite) ที่จะนำเข้า: บอกว่าแต่ละรายการจะจัดเข้ายุทธศาสตร์ แผนงาน หน่วยงานใด")
    add_edition_arguments(parser)


def run_import_preview(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read one file and print what would be imported; exit 1 when the file cannot be read.

    While a large file is read, its progress is shown on ``err`` when that is a terminal (``--quiet``: not).
    The output is written as it is made, a project at a time, so a file of 200,000 rows is never held as one
    text.
    """
    from thaplan_desktop.importing.errors import ImportFailure
    from thaplan_desktop.importing.pipeline import read_file
    from thaplan_desktop.importing.staged import failure_json_dict, iter_preview

    out = out or sys.stdout
    err = err or (out if out is not sys.stdout else sys.stderr)
    progress = ProgressLine(err) if not getattr(args, "quiet", False) and err.isatty() else None
    try:
        result = read_file(args.file, progress=progress)
    except ImportFailure as failure:
        if progress is not None:
            progress.done()
        if args.json:
            _write_utf8(iter_preview({**failure_json_dict(failure.message), "warnings": []}), out)
        else:
            print(f"thaplan: นำเข้าไม่ได้: {safe_text(failure.message)}", file=err)
        return EXIT_FAILED
    if progress is not None:
        progress.done()
    db = getattr(args, "db", None)
    if db is None:
        if args.json:
            _write_utf8(iter_preview({**result.json_lazily(), "warnings": preview_warnings(result)}), out)
        else:
            for line in preview_lines(result):
                print(safe_text(line), file=out)
        return EXIT_OK
    with open_for_reading(db) as workspace:
        edition = workspace.find_edition(getattr(args, "year", None), str(getattr(args, "edition", "main")))
        filed, matches, notes = _filing(workspace, edition, result)
    if args.json:
        obj = result.json_lazily()
        obj["projects"] = ({**project, "filed_under": dict(where_to)}
                           for project, where_to in zip(obj["projects"], filed, strict=True))
        obj["warnings"] = [*preview_warnings(result), *notes,
                           *(line for line in _match_lines(matches) if not line.startswith("จัดเข้า"))]
        _write_utf8(iter_preview(obj), out)
    else:
        lines = [*preview_lines(result), "", f"จัดเข้าแผน ({edition.label} ปีงบประมาณ {edition.fiscal_year}):"]
        lines += [f"  {line}" for line in _match_lines(matches)]
        created = {(kind, {"strategy": f["strategy"], "program": f["program"], "unit": f["unit"]}[kind])
                   for f in filed for kind in f["created"]}
        labels = {"strategy": "สร้างยุทธศาสตร์ใหม่", "program": "สร้างแผนงานใหม่", "unit": "เพิ่มหน่วยงานใหม่"}
        lines += [f"  {labels[kind]}: {name}" for kind, name in sorted(created, key=lambda c: (list(labels).index(c[0]),
                                                                                            c[1]))]
        lines += [f"  หมายเหตุ: {note}" for note in notes]
        print(safe_text("\n".join(lines)), file=out)
    return EXIT_OK


def preview_warnings(result: ImportResult) -> list[str]:
    """The preview JSON's ``warnings``: the file's (sheets passed over, subtotal rows…), then each row's,
    naming its sheet and row."""
    return [*result.warnings,
            *(f"แผ่นงาน “{p.source_sheet}” แถวที่ {p.source_row} ({_clip(p.name, 40)}): {w}"
              for p in result.projects for w in p.warnings)]


def _filing(workspace: Workspace, edition: Edition,
            result: ImportResult) -> tuple[list[FiledUnder], list[NameMatch], list[str]]:
    """Where each project of ``result`` would go in the plan, the name matches, and notes on the filing
    (a fiscal year unlike the edition's, rows that find no program)."""
    from thaplan_desktop.importing.apply import prepare_import
    from thaplan_desktop.importing.filing import file_under_plan, filed_under

    (filed_result,), matches = file_under_plan(workspace, [result])
    plan = prepare_import(workspace, edition.id, [filed_result])
    notes = [*_year_warnings(result, edition.fiscal_year),
             *(f"{row.where}: {note}" for row in plan.rows for note in row.notes)]
    return filed_under(workspace, plan), matches, notes


def _year_warnings(result: ImportResult, fiscal_year: int) -> list[str]:
    """A file whose tables name another fiscal year than the edition's."""
    return [f"ไฟล์ “{result.file_name}” เป็นแผนปีงบประมาณ {year} แต่ฉบับของแผนที่เลือกเป็นปีงบประมาณ {fiscal_year}"
            for year in result.fiscal_years if year != fiscal_year]


def _match_lines(matches: list[NameMatch], *, refused: bool = False) -> list[str]:
    """Thai lines for the name matches: applied ones, and near misses that will be created instead (or, when
    the import is ``refused`` for want of them, that were not matched)."""
    kinds = {"strategy": "ยุทธศาสตร์", "program": "แผนงาน"}
    lines = []
    for m in matches:
        under = f" (ใน{m.strategy})" if m.kind == "program" and m.strategy else ""
        if m.confident:
            lines.append(f"จัดเข้า{kinds[m.kind]}ในแผน: “{m.name}” → “{m.match}”{under}")
        elif m.match is not None:
            why = "" if m.reason == "ชื่อคล้ายกัน" else f" ({m.reason})"
            outcome = "จึงไม่ได้จับคู่ให้" if refused else "จึงสร้างใหม่"
            lines.append(f"{kinds[m.kind]} “{m.name}”{under} คล้าย “{m.match}” ในแผน ({m.confidence:.0%}) "
                         f"แต่ไม่แน่ชัด {outcome}{why}")
    return lines


def _write_utf8(chunks: Iterable[str], out: TextIO) -> None:
    """Write the JSON, piece by piece, as UTF-8 whatever the console's code page (Windows pipes are not
    UTF-8); a newline ends it."""
    buffer = getattr(out, "buffer", None)
    if out is sys.stdout and buffer is not None:
        out.flush()
        for chunk in chunks:
            buffer.write(chunk.encode("utf-8", "surrogateescape"))
        buffer.write(b"\n")
        buffer.flush()
    else:
        for chunk in chunks:
            out.write(chunk)
        out.write("\n")


def format_preview(result: ImportResult) -> str:
    """A readable Thai table of the staged projects, the columns found and the warnings."""
    return "\n".join(preview_lines(result))


def preview_lines(result: ImportResult) -> Iterator[str]:
    """:func:`format_preview` line by line (the table's widths are measured first, then each row is made as
    it is written: 200,000 rows are never held as text at once)."""
    from decimal import Decimal

    from thaplan_desktop.domain.fiscal import describe_months
    from thaplan_desktop.domain.money import format_money

    lines = [f"ไฟล์: {result.file_name}"]
    for sheet in result.sheets:
        status = {"table": "ตารางโครงการ", "summary": "แบบสรุป (ข้าม)", "instructions": "คำอธิบายการกรอก (ข้าม)",
                  "no_table": "ไม่พบตาราง (ข้าม)",
                  "empty": "ว่าง (ข้าม)", "hidden": "ซ่อนอยู่ (ข้าม)"}.get(sheet.status, sheet.status)
        head = f"แผ่นงาน “{sheet.name}”: {status}"
        if sheet.header_row:
            head += f", หัวตารางแถวที่ {sheet.header_row}, {sheet.rows} รายการ"
        lines.append(head)
        if sheet.columns:
            lines.append("  คอลัมน์: " + " | ".join(sheet.columns.values()))
        if sheet.month_columns:
            letters = list(sheet.month_columns)
            lines.append(f"  เดือน: คอลัมน์ {letters[0]}–{letters[-1]}")
        lines.extend(f"  หมายเหตุ: {n}" for n in sheet.notes)
    lines.append("")
    yield from lines
    header = ["#", "แถว", "ชนิด", "ชื่อ", "งบประมาณ", "เดือน", "หน่วยงาน", "ยุทธศาสตร์ / แผนงาน"]

    def table() -> Iterator[list[str]]:
        yield header
        for i, p in enumerate(result.projects, start=1):
            group = " / ".join(x for x in (_clip(p.equipment_type or p.strategy, 30), p.plan) if x)
            yield [
                str(i), f"{p.source_sheet}!{p.source_row}" if p.source_sheet else str(p.source_row or ""),
                "ครุภัณฑ์" if p.kind.value == "equipment" else "โครงการ", _clip(p.name, 50),
                format_money(p.budget) if p.budget is not None else "-",
                describe_months(p.months) if p.months else "-", _clip(p.unit, 24), _clip(group, 60),
            ]

    widths = [0] * len(header)
    for row in table():
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    for row in table():
        yield "  ".join(pad(cell, widths[i], right=i in (0, 4)) for i, cell in enumerate(row)).rstrip()
    lines = []
    total = sum((p.budget for p in result.projects if p.budget is not None), Decimal("0.00"))
    lines.append("")
    lines.append(f"รวม {len(result.projects)} รายการ งบประมาณ {format_money(total) if result.projects else '0'} บาท")
    warnings = [(p, w) for p in result.projects for w in p.warnings]
    if warnings or result.warnings:
        lines.append("")
        lines.append("คำเตือน:")
        lines.extend(f"  {w}" for w in result.warnings)
        lines.extend(f"  แผ่นงาน “{p.source_sheet}” แถวที่ {p.source_row} ({_clip(p.name, 40)}): {w}"
                     for p, w in warnings)
    yield from lines


def _clip(text: str, n: int) -> str:
    """``text`` cut to ``n`` characters, the last one “…”."""
    return text if len(text) <= n else text[: n - 1] + "…"


# --- import ---------------------------------------------------------------------------------------

def add_import_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``thaplan import``."""
    add_db_argument(parser)
    add_edition_arguments(parser)
    parser.add_argument("files", metavar="FILE", nargs="+",
                        help="สมุดงานของหน่วยงาน (.xlsx .xlsm .xls .ods) หรือไฟล์ JSON ของรายการโครงการ")
    parser.add_argument("--no-create", action="store_true",
                        help="ไม่สร้างยุทธศาสตร์ แผนงาน หน่วยงาน หรือประเภทครุภัณฑ์ใหม่ (ถ้าขาด ให้ยกเลิกการนำเข้า)")
    parser.add_argument("--duplicates", choices=("skip", "replace", "keep"), default="skip",
                        help="รายการที่ซ้ำกับโครงการเดิม (ชื่อ หน่วยงาน งบประมาณเดียวกัน): "
                             "skip = ข้าม (ค่าเริ่มต้น), replace = แทนที่, keep = เก็บทั้งสอง")


def run_import(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Read every file, then import all of them into the edition in one operation, or nothing."""
    from thaplan_desktop.importing.apply import (
        Duplicates,
        ImportOptions,
        ImportRefused,
        apply_import,
        prepare_import,
    )
    from thaplan_desktop.importing.errors import ImportFailure
    from thaplan_desktop.importing.filing import file_under_plan
    from thaplan_desktop.importing.pipeline import read_file

    out = out or sys.stdout
    results = []
    for file in args.files:
        try:
            results.append(read_file(file))
        except ImportFailure as failure:
            raise CommandError(f"นำเข้าไม่ได้ (ยังไม่ได้บันทึกไฟล์ใดเลย): {failure.message}") from failure
    options = ImportOptions(duplicates=Duplicates(args.duplicates), create_missing=not args.no_create)
    with open_workspace(args.db) as workspace:
        edition = workspace.find_edition(args.year, args.edition)
        filed, matches = file_under_plan(workspace, results)
        plan = prepare_import(workspace, edition.id, filed, options)
        try:
            summary = apply_import(workspace, plan)
        except ImportRefused as refused:
            near = [line for line in _match_lines(matches, refused=True) if not line.startswith("จัดเข้า")]
            raise CommandError("\n".join([str(refused), *near])) from refused
    for result in results:
        print(f"อ่าน {result.file_name}: {len(result.projects)} รายการ", file=out)
        for warning in [*result.warnings, *_year_warnings(result, edition.fiscal_year)]:
            print(f"  หมายเหตุ: {warning}", file=out)
    for line in _match_lines(matches):
        print(line, file=out)
    for label, items in (("สร้างยุทธศาสตร์ใหม่", summary.created_strategies),
                         ("สร้างแผนงานใหม่", [f"{p} (ใน{s})" for s, p in summary.created_programs]),
                         ("เพิ่มหน่วยงานใหม่", summary.created_units),
                         ("เพิ่มประเภทครุภัณฑ์ใหม่", summary.created_equipment_types)):
        for item in items:
            print(f"{label}: {item}", file=out)
    for row in plan.duplicates:
        verb = {"skip": "ข้ามรายการซ้ำ", "replace": "แทนที่รายการเดิม", "add": "เก็บรายการซ้ำไว้ทั้งสอง"}[row.action]
        also = f" ซ้ำกับ {row.duplicate_row.where}" if row.duplicate_row is not None else ""
        print(f"{verb}: {row.staged.name} ({row.where}{also})", file=out)
    for row in plan.rows:
        for note in row.notes:
            print(f"หมายเหตุ: {row.where}: {note}", file=out)
    total = summary.added + summary.replaced
    print(f"นำเข้าแล้ว {total} รายการ (เพิ่ม {summary.added}, แทนที่ {summary.replaced}, ข้าม {summary.skipped}) "
          f"ใน{edition.label} ปีงบประมาณ {edition.fiscal_year}", file=out)
    return EXIT_OK
