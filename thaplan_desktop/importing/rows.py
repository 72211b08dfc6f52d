"""Stage 3 of an import: the rows under a table's header → staged projects with per-row warnings.

Each row is one of: blank; a heading (ยุทธศาสตร์ / แผนงาน / ประเภทครุภัณฑ์, merged across the table or in one
column); a subtotal, skipped and named in the warnings — "รวม …" in its first cells or its name cell, or a
name cell left empty beside a budget equal to the sum of the projects since the last heading or subtotal
(or of the section, or of the whole table); a footer (ลงชื่อ …), which ends the table; a project; or a
continuation of the project above (ที่ and budget empty: its texts are joined with one space). Months come
from marks in the month columns (:mod:`.marks`: any text, a fill unlike the row's name cell, or a line drawn
over the cells) and from a period column ("ต.ค. 62 - มี.ค. 63", "มกราคม – มีนาคม 2563", "ไตรมาสที่ 2",
"ตลอดปีงบประมาณ").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from thaplan_desktop.domain.fiscal import fiscal_month, parse_months
from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.domain.money import MoneyError, MoneyRefused, format_money, parse_money
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits
from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.header import (
    TableLayout,
    cell_text,
    find_table,
    looks_like_header,
    type_columns,
)
from thaplan_desktop.importing.limits import MAX_CELL_CHARS, Budget
from thaplan_desktop.importing.marks import row_months
from thaplan_desktop.importing.staged import StagedProject
from thaplan_desktop.importing.vocabulary import (
    Field,
    HeadingKind,
    classify_heading,
    is_footer,
    is_note,
    is_subtotal,
    names_equipment_form,
)

_TEXT_FIELDS = (Field.NAME, Field.DETAILS, Field.LOCATION, Field.UNIT)
_LOOK_BACK = 2000  # rows kept behind the row being read
_UNIT_LINE = re.compile(r"^(?:หน่วยงาน(?:ที่)?(?:รับผิดชอบ(?:หลัก)?)?|หน่วยดำเนินการ|ส่วนราชการ)\s*[:：]\s*(\S.*)$")
_ROW_NUMBER = re.compile(r"^\(?(\d{1,4})(?:\.\d{1,3})*\s*[.)]?\)?$")


@dataclass(slots=True)
class _Context:
    kind: ProjectKind
    strategy: str = ""
    plan: str = ""
    equipment_type: str = ""
    default_unit: str = ""  # from a "หน่วยงานรับผิดชอบหลัก: กองช่าง" line above the header
    depths: dict[str, int] = field(default_factory=dict)  # numbering depth of the headings in force
    read: int = 0  # rows read into projects in this table so far
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for the preview's warnings: rows taken as subtotals
    sums: _Sums = field(default_factory=lambda: _Sums())
    subtotal_rows: list[int] = field(default_factory=list)  # 1-based rows labelled รวม …


@dataclass(slots=True)
class _Sums:
    """Budgets of the projects read since the last heading or subtotal, since the last top-level heading,
    and in the whole table: what a subtotal row may add up."""

    block: Decimal = Decimal(0)
    section: Decimal = Decimal(0)
    table: Decimal = Decimal(0)
    projects: int = 0  # projects since the last heading or subtotal

    def add(self, budget: Decimal | None) -> None:
        amount = budget or Decimal(0)
        self.block += amount
        self.section += amount
        self.table += amount
        self.projects += 1

    def close_block(self) -> None:
        self.block = Decimal(0)
        self.projects = 0

    def matches(self, amount: Decimal) -> bool:
        """``amount`` is what one of the levels adds up to (and something was read)."""
        return amount > 0 and self.table > 0 and amount in (self.block, self.section, self.table)


def sheet_kind(grid: SheetGrid, layout: TableLayout, title_start: int = 0) -> ProjectKind:
    """Equipment (ผด.02/1) when the name column or the titles say ครุภัณฑ์, else project (ผด.02)."""
    name_label = layout.labels.get(layout.columns[Field.NAME], "")
    if "ครุภัณฑ์" in name_label:
        return ProjectKind.EQUIPMENT
    titles = [cell_text(v) for r in range(title_start, layout.header_top) for v in grid.row_values(r)]
    if any(t and names_equipment_form(t) for t in titles):
        return ProjectKind.EQUIPMENT
    if title_start == 0 and names_equipment_form(grid.name):
        return ProjectKind.EQUIPMENT
    return ProjectKind.PROJECT


def extract_projects(grid: SheetGrid, layout: TableLayout, file_name: str,
                     budget: Budget | None = None) -> tuple[list[StagedProject], list[str], list[str]]:
    """The projects of a sheet's tables, in row order, notes about rows that were skipped, and warnings
    (rows taken as subtotals, subtotals that do not add up).

    A header met again under the table is either repeated (same columns: skipped, headings kept) or starts
    another table (a ผด.02/1 under a ผด.02), which is then read with its own columns and kind.
    """
    ctx = _Context(sheet_kind(grid, layout))
    _title_headings(grid, 0, layout, ctx)
    shapes_by_row: dict[int, list[tuple[float, float]]] = {}
    for shape in grid.shapes:
        shapes_by_row.setdefault(shape.row, []).append((shape.x0, shape.x1))
    projects: list[StagedProject] = []
    current: StagedProject | None = None  # the project a continuation row would extend
    in_footer = False
    last_item_row = layout.header_bottom  # the last row that belonged to a table (a project or a total)
    marked_rows = set(grid.fills) | set(shapes_by_row)
    busy_rows = sorted(marked_rows | set(grid.cells))  # rows that hold something: the others are skipped
    # Rows far behind are let go as the projects are made (a sheet of 200,000 rows is never held twice over,
    # as cells and as projects): nothing looks further back than the last item's row, but a merged range,
    # whose value is read at its top-left row, and the titles above the first table.
    keep = {m[0] for m in grid.merges}
    forgotten = bisect_left(busy_rows, layout.data_start)
    r = layout.data_start
    while r < grid.n_rows:
        limit = min(r, last_item_row + 1) - _LOOK_BACK
        if forgotten < len(busy_rows) and busy_rows[forgotten] < limit - _LOOK_BACK:
            end = bisect_left(busy_rows, limit)
            grid.forget(row for row in busy_rows[forgotten:end] if row not in keep)
            forgotten = end
        if r not in marked_rows and not grid.has_values(r):
            current = None  # blank rows (the common case far below a table): on to the next row that is not
            r = busy_rows[i] if (i := bisect_right(busy_rows, r)) < len(busy_rows) else grid.n_rows
            continue
        cols = layout.columns
        raw = {f: grid.value(r, c) for f, c in cols.items()}
        row_texts = _row_texts(grid, r)
        by_col = dict(row_texts)
        texts = {f: by_col.get(c, "") for f, c in cols.items()}
        number = _row_number(texts.get(Field.NO, ""))
        if number is None and len(row_texts) >= 3 and looks_like_header([t for _c, t in row_texts]):
            new = find_table(grid, r, r + 1)
            if new is not None:
                current, in_footer = None, False
                kind = sheet_kind(grid, new, title_start=last_item_row + 1)
                if (new.columns != layout.columns or new.month_columns != layout.month_columns
                        or kind is not ctx.kind):
                    type_columns(grid, new)
                    if kind is not ctx.kind:
                        ctx = _Context(kind, notes=ctx.notes, warnings=ctx.warnings,
                                       subtotal_rows=ctx.subtotal_rows)
                    ctx.sums = _Sums()
                    _title_headings(grid, last_item_row + 1, new, ctx)
                    ctx.notes.append(f"แถวที่ {r + 1}: เริ่มตารางใหม่ ({'ครุภัณฑ์' if kind is ProjectKind.EQUIPMENT else 'โครงการ'})")
                    layout = new
                r = new.data_start
                continue
        r += 1
        if in_footer:
            if number is None or not texts.get(Field.NAME) or not texts.get(Field.BUDGET):
                continue
            in_footer = False  # a numbered project after the signatures: the table goes on
        row = r - 1
        months = row_months(grid, layout, row, shapes_by_row.get(row, ()))
        if not row_texts:
            if months and current is not None:
                current.months = current.months | months
                continue
            current = None
            continue
        if is_footer(row_texts[0][1]):
            in_footer, current = True, None
            continue
        if number is None and is_note(row_texts[0][1]):
            current = None
            ctx.notes.append(f"แถวที่ {row + 1}: ข้ามหมายเหตุ “{_short(row_texts[0][1])}”")
            continue
        budget_text = texts.get(Field.BUDGET, "")
        name = texts.get(Field.NAME, "")
        if (number is None and any(is_subtotal(t) for _c, t in row_texts[:2])) or (name and is_subtotal(name)):
            _labelled_subtotal(grid, layout, ctx, row, raw, name or row_texts[0][1])
            current, last_item_row = None, row
            continue
        if not name and budget_text and (amount := _row_budget(grid, layout, row, raw)) is not None \
                and ctx.sums.matches(amount):
            ctx.warnings.append(f"แผ่นงาน “{grid.name}” แถวที่ {row + 1}: ไม่มีชื่อโครงการ และงบประมาณ "
                                f"{format_money(amount, always_satang=True)} บาท เท่ากับผลรวมของโครงการข้างบน จึงถือเป็นแถวยอดรวม "
                                "ไม่นับเป็นโครงการ")
            ctx.sums.close_block()
            current, last_item_row = None, row
            continue
        words = [(c, t) for c, t in row_texts if not _is_amount(t)] if number is None and len(row_texts) <= 4 else []
        if number is None and len({t for _c, t in words}) == 1:
            col, text = words[0]
            if not budget_text or _names_heading(text):
                handled, current = _heading_or_continuation(grid, layout, ctx, row, col, text, current, months)
                if handled:
                    continue
        name_heading = classify_heading(name)[0] if name and not texts.get(Field.DETAILS) else None
        if name_heading in _KEYWORD_HEADINGS and (not budget_text or name_heading is not HeadingKind.EQUIPMENT_TYPE):
            heading, rest, depth = classify_heading(name)  # numbering in the ที่ column, the heading beside it
            no_text = to_arabic_digits(texts.get(Field.NO, ""))
            if no_text:
                depth = len([part for part in re.split(r"\.", no_text.strip("()")) if part.strip()])
            _apply_heading(ctx, heading, rest, depth)
            current = None
            continue
        if number is None and not budget_text and current is not None and (Field.NO in cols or Field.BUDGET in cols):
            _continue(current, texts, months)
            last_item_row = row
            continue
        if not name and not texts.get(Field.DETAILS) and not budget_text:
            current = None
            if len(row_texts) > (1 if number is not None else 0):
                ctx.notes.append(f"แถวที่ {row + 1}: ข้ามแถวที่ไม่มีชื่อโครงการและงบประมาณ")
            continue
        current = _new_project(grid, layout, ctx, row, raw, texts, months, file_name)
        if budget is not None:
            budget.projects()
        projects.append(current)
        ctx.read += 1
        ctx.sums.add(current.budget)
        last_item_row = row
    shared_months: dict[frozenset[int], frozenset[int]] = {}
    shared_budgets: dict[Decimal, Decimal] = {}
    for p in projects:  # one object per combination of months and per amount: a large file repeats them
        p.months = shared_months.setdefault(p.months, p.months)
        if p.budget is not None:
            p.budget = shared_budgets.setdefault(p.budget, p.budget)
        if not p.months:
            p.warnings.append("ไม่ได้ระบุเดือนที่ดำเนินการ")
    if ctx.subtotal_rows:
        shown = ", ".join(str(n) for n in ctx.subtotal_rows[:12])
        more = f" และอีก {len(ctx.subtotal_rows) - 12} แถว" if len(ctx.subtotal_rows) > 12 else ""
        ctx.warnings.insert(0, f"แผ่นงาน “{grid.name}”: แถวที่ {shown}{more} เป็นแถวยอดรวม (รวม …) "
                               "จึงไม่นับเป็นโครงการ")
    return projects, ctx.notes, ctx.warnings


def _row_budget(grid: SheetGrid, layout: TableLayout, r: int, raw: dict[Field, object]) -> Decimal | None:
    """The amount in a row's budget cell, or None when there is none or it is not an amount."""
    if Field.BUDGET not in layout.columns:
        return None
    value = raw.get(Field.BUDGET)
    if value is None:
        value = grid.shown_value(r, layout.columns[Field.BUDGET])
    if isinstance(value, dt.date):
        return None
    try:
        return parse_money(value)
    except MoneyError:
        return None


def _labelled_subtotal(grid: SheetGrid, layout: TableLayout, ctx: _Context, r: int, raw: dict[Field, object],
                       label: str) -> None:
    """A "รวม …" row: named in the warnings; one that does not add up to what was read is pointed out."""
    if re.match(r"^(ยอด)?ยก(มา|ไป)", normalise_space(label)):
        return  # a page's carried total: the block goes on
    ctx.subtotal_rows.append(r + 1)
    amount = _row_budget(grid, layout, r, raw)
    if amount is not None and amount > 0 and ctx.sums.table > 0 and not ctx.sums.matches(amount):
        ctx.warnings.append(f"แผ่นงาน “{grid.name}” แถวที่ {r + 1}: ยอดรวม {format_money(amount, always_satang=True)} บาท "
                            f"ไม่เท่ากับผลรวมของโครงการที่อ่านได้ข้างบน ({format_money(ctx.sums.block, always_satang=True)} บาท) "
                            "โปรดตรวจดูว่าอ่านโครงการครบถ้วน")
    ctx.sums.close_block()


_KEYWORD_HEADINGS = (HeadingKind.STRATEGY, HeadingKind.PLAN, HeadingKind.EQUIPMENT_TYPE, HeadingKind.UNFILED)


def _names_heading(text: str) -> bool:
    kind, _rest, depth = classify_heading(text)
    return kind in _KEYWORD_HEADINGS or depth > 0


_LETTERS = re.compile(r"[ก-ฮA-Za-z]")


def _is_amount(text: str) -> bool:
    if _LETTERS.search(text.replace("บาท", "")):
        return False
    try:
        return parse_money(text) is not None
    except MoneyError:
        return False


def _row_texts(grid: SheetGrid, r: int) -> list[tuple[int, str]]:
    """Non-empty texts of a row, left to right (a merged range counts once, at its first cell)."""
    found = []
    for c, v in grid.row_items(r):
        text = cell_text(v)
        if text:
            found.append((c, text))
    return found


def _row_number(text: str) -> int | None:
    match = _ROW_NUMBER.match(to_arabic_digits(text))
    return int(match.group(1)) if match else None


def _title_headings(grid: SheetGrid, start: int, layout: TableLayout, ctx: _Context) -> None:
    """A "ยุทธศาสตร์…" or "แผนงาน…" line among the titles above the header is in force for the table."""
    for r in range(start, layout.header_top):
        for _c, text in _row_texts(grid, r):
            unit = _UNIT_LINE.match(text)
            if unit:
                ctx.default_unit = normalise_space(unit.group(1))
                continue
            kind, rest, depth = classify_heading(text)
            if kind in (HeadingKind.STRATEGY, HeadingKind.PLAN, HeadingKind.EQUIPMENT_TYPE):
                _apply_heading(ctx, kind, rest, depth)


def _apply_heading(ctx: _Context, kind: HeadingKind, text: str, depth: int = 0) -> None:
    """Put a heading in force. A heading clears the headings under it: by their numbering depth when
    both are numbered ("1. แผนงาน…" over "1.1 ครุภัณฑ์…" keeps the program), else strategy → program and
    equipment type → program. The budgets a subtotal may add up to start again under it."""
    ctx.sums.close_block()
    if kind in (HeadingKind.STRATEGY, HeadingKind.EQUIPMENT_TYPE) or depth == 1:
        ctx.sums.section = Decimal(0)
    if kind is HeadingKind.UNFILED:  # the text names what is missing: a program, or an equipment type
        if "ประเภท" in text:
            ctx.equipment_type = ""
        elif ctx.kind is ProjectKind.PROJECT:
            ctx.strategy = ""
        ctx.plan = ""
        return
    attr = {HeadingKind.STRATEGY: "strategy", HeadingKind.PLAN: "plan",
            HeadingKind.EQUIPMENT_TYPE: "equipment_type"}.get(kind)
    if attr is None:
        return
    setattr(ctx, attr, text)
    ctx.depths[attr] = depth
    below = {"strategy": ("plan",), "equipment_type": ("plan",), "plan": ()}[attr]
    for other in ("strategy", "plan", "equipment_type"):
        if other == attr:
            continue
        other_depth = ctx.depths.get(other, 0)
        if depth and other_depth:
            if other_depth >= depth:
                setattr(ctx, other, "")
        elif other in below:
            setattr(ctx, other, "")


def _heading_or_continuation(
    grid: SheetGrid, layout: TableLayout, ctx: _Context, r: int, col: int, text: str,
    current: StagedProject | None, months: frozenset[int],
) -> tuple[bool, StagedProject | None]:
    """Handle a row holding one text. Returns (handled, the project a next continuation would extend)."""
    cols = layout.columns
    field_of_col = {c: f for f, c in cols.items()}
    fld = field_of_col.get(col)
    merge = grid.merge_at(r, col)
    spans = merge is not None and merge[3] > merge[1]
    in_text_column = fld in (Field.DETAILS, Field.LOCATION, Field.UNIT) and not spans
    kind, rest, depth = classify_heading(text)
    if current is not None and in_text_column:
        return False, current  # a continuation of details, location or unit
    if kind is HeadingKind.OTHER:
        if current is not None and fld is Field.NAME and not spans:
            return False, current  # a project name continued on the next row
        if depth == 0:
            ctx.notes.append(f"แถวที่ {r + 1}: ข้ามแถว “{_short(text)}” (ไม่ใช่โครงการ ยุทธศาสตร์ หรือแผนงาน)")
            return True, None
        if depth == 1:
            kind = HeadingKind.EQUIPMENT_TYPE if ctx.kind is ProjectKind.EQUIPMENT else HeadingKind.STRATEGY
        else:
            kind = HeadingKind.PLAN
    if kind is HeadingKind.AREA:
        ctx.sums.close_block()
        return True, None
    if kind is HeadingKind.EQUIPMENT_TYPE and ctx.kind is not ProjectKind.EQUIPMENT:
        if ctx.read:
            ctx.notes.append(f"แถวที่ {r + 1}: หัวข้อประเภทครุภัณฑ์ “{_short(rest)}” ในบัญชีโครงการ ไม่ได้นำมาใช้")
            return True, None
        # Equipment-type headings before any row: a ผด.02/1 whose titles did not say so.
        ctx.kind, ctx.strategy = ProjectKind.EQUIPMENT, ""
        ctx.notes.append(f"แถวที่ {r + 1}: หัวข้อ “{_short(rest)}” บอกว่าเป็นบัญชีครุภัณฑ์ (ผด.02/1)")
    _apply_heading(ctx, kind, rest, depth)
    return True, None


def _continue(project: StagedProject, texts: dict[Field, str], months: frozenset[int]) -> None:
    for fld in _TEXT_FIELDS:
        extra = texts.get(fld, "")
        if not extra:
            continue
        old = getattr(project, fld.value)
        if len(old) + len(extra) >= MAX_CELL_CHARS:
            continue  # a field is at most what one cell holds (a thousand continuation rows are no project)
        setattr(project, fld.value, f"{old} {extra}" if old else extra)
    period = texts.get(Field.PERIOD, "")
    if period:
        months = months | parse_months(period)
    project.months = project.months | months


def _new_project(
    grid: SheetGrid, layout: TableLayout, ctx: _Context, r: int, raw: dict[Field, object],
    texts: dict[Field, str], months: frozenset[int], file_name: str,
) -> StagedProject:
    cols = layout.columns
    warnings: list[str] = []
    # Cells merged down over several projects (one unit for a block) count for each of them.
    for fld in (Field.LOCATION, Field.UNIT, Field.STRATEGY, Field.PLAN, Field.EQUIPMENT_TYPE):
        if fld in cols and not texts.get(fld):
            texts[fld] = cell_text(grid.shown_value(r, cols[fld]))
    budget = None
    if Field.BUDGET in cols:
        value = raw.get(Field.BUDGET)
        if value is None:
            value = grid.shown_value(r, cols[Field.BUDGET])
        try:
            budget = parse_money(value) if not isinstance(value, dt.date) else None
        except MoneyRefused as exc:  # too large, not a number, or typed finer than a satang: the file is refused
            raise _refused(file_name, grid.name, r, exc) from exc
        except MoneyError as exc:
            try:
                budget = _money_with_a_note(value, warnings, exc)
            except MoneyRefused as refused:
                raise _refused(file_name, grid.name, r, refused) from refused
    if budget is None and not any("จำนวนเงิน" in w for w in warnings):
        warnings.append("ไม่มีงบประมาณ")
    period = raw.get(Field.PERIOD)
    if isinstance(period, dt.date):
        months = months | {fiscal_month(period.month)}
    elif texts.get(Field.PERIOD):
        found = parse_months(texts[Field.PERIOD])
        if not found:
            warnings.append(f"อ่านระยะเวลาไม่ได้: “{_short(texts[Field.PERIOD])}”")
        months = months | found
    if not texts.get(Field.NAME):
        warnings.append("ไม่มีชื่อโครงการ")
    strategy = _heading_text(texts.get(Field.STRATEGY)) or ctx.strategy
    plan = _heading_text(texts.get(Field.PLAN)) or ctx.plan
    equipment_type = _heading_text(texts.get(Field.EQUIPMENT_TYPE)) or ctx.equipment_type
    return StagedProject(
        kind=ctx.kind,
        name=texts.get(Field.NAME, ""),
        details=texts.get(Field.DETAILS, ""),
        budget=budget,
        location=texts.get(Field.LOCATION, ""),
        unit=texts.get(Field.UNIT, "") or ctx.default_unit,
        months=frozenset(months),
        strategy=strategy if ctx.kind is ProjectKind.PROJECT or texts.get(Field.STRATEGY) else "",
        plan=plan,
        equipment_type=equipment_type if ctx.kind is ProjectKind.EQUIPMENT else "",
        source_file=file_name,
        source_sheet=grid.name,
        source_row=r + 1,
        warnings=warnings,
    )


_BRACKETED = re.compile(r"\s*[(\[]([^)\]]*)[)\]]\s*")


def _money_with_a_note(value: object, warnings: list[str], error: MoneyError) -> Decimal | None:
    """"150,000 (เงินอุดหนุน)": the amount, with the bracketed words kept as a warning, not lost."""
    text = str(value)
    notes = _BRACKETED.findall(text)
    if notes:
        try:
            amount = parse_money(_BRACKETED.sub(" ", text))
        except MoneyRefused:
            raise
        except MoneyError:
            amount = None
        if amount is not None:
            warnings.append(f"งบประมาณมีหมายเหตุ “{_short('; '.join(n.strip() for n in notes))}” ซึ่งไม่ได้นำเข้า")
            return amount
    warnings.append(str(error))
    return None


def _short(text: str, n: int = 80) -> str:
    """A cell's text quoted in a note: its first ``n`` characters (a note never copies a whole page)."""
    return text if len(text) <= n else text[: n - 1] + "…"


def _refused(file_name: str, sheet: str, r: int, error: MoneyError) -> ImportFailure:
    return ImportFailure(FailureKind.BAD_VALUE,
                         f"{where(file_name, sheet, r + 1)}: {error} จึงไม่ได้อ่านไฟล์นี้ กรุณาแก้ในไฟล์แล้วนำเข้าอีกครั้ง",
                         file=file_name, sheet=sheet, row=r + 1)


def _heading_text(text: str | None) -> str:
    if not text:
        return ""
    _kind, rest, _depth = classify_heading(text)
    return rest
