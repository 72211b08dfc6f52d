"""Stage 2 of an import: find the project table on a sheet and say what each column holds.

Every row near the top is scored as a possible header, alone and together with the one or two rows
under it (two-level headers: "พ.ศ. 2562" merged over the month cells, or "งบประมาณ" over "(บาท)").
Each column's label is matched against :mod:`.vocabulary`; the score adds up the fields found, with the
project name required. Words of one label split over rows without a merge ("รายละเอียดของ" above "กิจกรรม",
"หน่วยงาน" above "รับผิดชอบหลัก") are read together as one label. A month cell holding a date reads as its
month and Buddhist-era year, whatever its number format; the years over the months give the table's fiscal
year. Where a column has no usable label, its data decide (:func:`type_columns`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from thaplan_desktop.domain.fiscal import FISCAL_MONTH_ABBR, be_year, fiscal_month
from thaplan_desktop.domain.money import MoneyError, parse_money
from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits
from thaplan_desktop.importing.grid import SheetGrid
from thaplan_desktop.importing.vocabulary import (
    Field,
    is_column_number,
    is_year_label,
    label_key,
    match_label,
    months_of_label,
    year_of_label,
)

MAX_SCAN_ROWS = 400
MAX_HEADER_DEPTH = 3
_WEIGHTS = {
    Field.NAME: 3.0, Field.BUDGET: 2.0, Field.NO: 1.0, Field.DETAILS: 1.0, Field.LOCATION: 1.0,
    Field.UNIT: 1.0, Field.PERIOD: 1.5, Field.STRATEGY: 0.5, Field.PLAN: 0.5, Field.EQUIPMENT_TYPE: 0.5,
    Field.IGNORED: 0.2,
}
MIN_SCORE = 5.0  # the name and at least a budget, or two other fields, or month columns


@dataclass(slots=True)
class TableLayout:
    """Where a project table sits on a sheet and what its columns hold (0-based rows and columns)."""

    header_top: int
    header_bottom: int
    columns: dict[Field, int]
    labels: dict[int, str]
    month_columns: dict[int, tuple[int, ...]]  # column → the fiscal months it stands for (a quarter: three)
    score: float
    is_summary: bool = False
    guessed: list[str] = field(default_factory=list)  # Thai notes on columns decided from the data
    month_years: dict[int, int] = field(default_factory=dict)  # month column → the fiscal year its header names

    @property
    def fiscal_years(self) -> list[int]:
        """The fiscal years the month header names (one, when it is consistent; none when it names no year)."""
        return sorted(set(self.month_years.values()))

    @property
    def data_start(self) -> int:
        """First row under the header."""
        return self.header_bottom + 1

    @property
    def first_col(self) -> int:
        """Leftmost column of the table."""
        return min([*self.columns.values(), *self.month_columns], default=0)

    @property
    def last_col(self) -> int:
        """Rightmost column of the table."""
        return max([*self.columns.values(), *self.month_columns], default=0)


def cell_text(value: object) -> str:
    """A cell value as normalised text ("" for empty); whole floats lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return ""
    return normalise_space(str(value))


def header_text(value: object) -> str:
    """A header cell as text: a date (whatever its number format: "ต.ค.-62", "Oct-19", "1/10/2562") reads
    as its month and Buddhist-era year, "ต.ค. 2562"; a year of 2400 or more is already Buddhist era."""
    if isinstance(value, dt.date):  # datetime too
        year = value.year if value.year >= 2400 else be_year(value.year)
        return f"{FISCAL_MONTH_ABBR[fiscal_month(value.month) - 1]} {year}"
    return cell_text(value)


RowTexts = Callable[[int], dict[int, str]]  # row → its non-empty header texts by column
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIALS = (36526, 73415)  # 1 January 2000 to 31 December 2100 as Excel day numbers


def _serial_dates(values: dict[int, object]) -> dict[int, object]:
    """A row's values by column, with Excel day numbers read as dates when the row is a month header that
    lost its date format (saved by a program that did not understand it): three or more whole day numbers,
    each in a different month and all on the same day of it (or all on the last day)."""
    serials = {c: v for c, v in values.items() if isinstance(v, int | float) and not isinstance(v, bool)
               and _SERIALS[0] <= v <= _SERIALS[1] and float(v).is_integer()}
    if len(serials) < 3:
        return values
    dates = {c: _EXCEL_EPOCH + dt.timedelta(days=int(v)) for c, v in serials.items()}
    months = {(d.year, d.month) for d in dates.values()}
    days = {d.day for d in dates.values()}
    last_days = all((d + dt.timedelta(days=1)).day == 1 for d in dates.values())
    if len(months) != len(dates) or (len(days) != 1 and not last_days):
        return values
    return {c: dates.get(c, v) for c, v in values.items()}


def find_table(grid: SheetGrid, start: int = 0, stop: int | None = None) -> TableLayout | None:
    """The header of the first project table on the sheet (rows ``start`` to ``stop``), or None.

    Each row is scored alone and with the one or two rows under it. Of the headers that score well, the
    first one wins, so that a sheet holding a ผด.02 and then a ผด.02/1 is read from the top.
    """
    stop = min(grid.n_rows, start + MAX_SCAN_ROWS if stop is None else stop)
    cols = grid.window_columns(start, stop + MAX_HEADER_DEPTH)  # only these can hold a header label
    cache: dict[int, dict[int, str]] = {}

    def row_text(r: int) -> dict[int, str]:
        texts = cache.get(r)
        if texts is None:
            values = _serial_dates({c: v for c in cols if (v := grid.shown_value(r, c)) is not None})
            texts = cache[r] = {c: t for c, v in values.items() if (t := header_text(v))}
        return texts

    found: list[TableLayout] = []
    for r in range(start, stop):
        texts = list(row_text(r).values())
        if len(texts) < 2:
            continue
        if sum(1 for t in texts if match_label(t)) + sum(1 for t in texts if months_of_label(t)) < 2:
            continue
        best: TableLayout | None = None
        for depth in range(1, MAX_HEADER_DEPTH + 1):
            layout = _score(grid, r, depth, cols, row_text)
            if layout is not None and (best is None or layout.score > best.score + 1e-9):
                best = layout
        if best is not None:
            found.append(best)
    if not found:
        return None
    top_score = max(layout.score for layout in found)
    best = next(layout for layout in found if layout.score >= 0.7 * top_score)
    # Skip a "(1) (2) (3)" row of column numbers right under the header.
    r = best.data_start
    row_texts = [cell_text(v) for _c, v in grid.row_items(r)]
    if any(row_texts) and all(is_column_number(t) for t in row_texts if t) and sum(1 for t in row_texts if t) >= 3:
        best.header_bottom += 1
    best.month_years = _month_years(best, row_text)
    return best


def looks_like_header(texts: list[str]) -> bool:
    """A row naming the project column and at least two other columns: a header, repeated or new."""
    fields = {m[0] for t in texts if t and (m := match_label(t)) and m[0] is not Field.IGNORED}
    return Field.NAME in fields and len(fields) >= 3


def _score(grid: SheetGrid, top: int, depth: int, cols: list[int], row_text: RowTexts) -> TableLayout | None:
    rows = range(top, top + depth)
    if top + depth > grid.n_rows:
        return None
    for c in cols:
        m = grid.merge_at(top, c)
        if m is not None and m[0] < top and grid.value(m[0], m[1]) is not None:
            return None  # a label merged down from the row above: the header starts higher
    for r in rows:
        for c in cols:
            m = grid.merge_at(r, c)
            if m is None or m[1] != c or m[0] != r or m[3] - m[1] < 3:
                continue
            text = row_text(r).get(c, "")
            if text and not _spanning_label(text):
                return None  # a title merged across the table is no header row
    matches: dict[int, tuple[Field, float]] = {}
    labels: dict[int, str] = {}
    months: dict[int, tuple[int, ...]] = {}
    sources: dict[int, tuple[int, int]] = {}  # month column → the cell its month label is written in
    summary = False
    last = top + depth - 1
    tail = 0  # texts of the last row that only finish a label split over the rows above
    own_last = 0  # texts of the last row at all
    for c in cols:
        parts = [row_text(r).get(c, "") for r in rows]
        single = [_single_column(grid, r, c) for r in rows]
        # A header row below the first may only hold sub-labels: months, years, "(บาท)", labels, or the
        # rest of a label whose first words stand in the cell above ("รายละเอียดของ" / "กิจกรรม").
        for i, r in enumerate(rows):
            text = parts[i]
            if i == 0 or not text:
                continue
            merged = grid.merge_at(r, c)
            if merged is not None and merged[0] < r:
                continue
            above = _split_above(parts, single, i)
            finishes = bool(above) and single[i] and _finishes_label(above, text)
            if r == last:
                own_last += 1
                if finishes and not is_column_number(text) and _finishes_label(above, text, exact=True):
                    tail += 1
            if not (finishes or _sub_label(text)):
                return None
        unique = list(dict.fromkeys(p for p in parts if p))
        label = " ".join(unique)
        if not label:
            continue
        labels[c] = label
        if "ร้อยละ" in label:
            summary = True
        hits = [(found, i) for i, p in enumerate(parts) if p and (found := months_of_label(p))]
        if hits:
            # The most specific month label wins: "ต.ค." under "ไตรมาสที่ 1", the lowest row at equal width.
            month, i = min(hits, key=lambda hit: (len(hit[0]), -hit[1]))
            source = _label_cell(grid, rows[i], c)
            if not any(set(month) & set(taken) and sources[cc] != source for cc, taken in months.items()):
                months[c] = month  # a month label merged over several columns stands for each of them
                sources[c] = source
            continue
        if len(unique) > 1 and all(single[i] for i, p in enumerate(parts) if p) and (whole := match_label(label)):
            matches[c] = whole  # one label split over rows without a merge: its words together
            continue
        # (quality, depth) per candidate: at equal quality the lower header row, the more specific, wins
        # ("โครงการ" merged over "ชื่อ" and "รายละเอียด" gives a name and a details column).
        candidates = [(hit, i) for i, p in enumerate(unique) if (hit := match_label(p))]
        if len(unique) > 1 and (whole := match_label(label)):
            candidates.append((whole, -1))
        if candidates:
            matches[c] = max(candidates, key=lambda item: (item[0][1], item[1]))[0]
    if depth > 1 and not any(
        row_text(last).get(c) and not ((mc := grid.merge_at(last, c)) is not None and mc[0] < last)
        for c in cols
    ):
        # The last header row adds nothing of its own (only merged continuations): a shallower depth fits.
        merged_down = any(grid.merge_at(top + depth - 1, c) is not None for c in cols)
        if not merged_down:
            return None
    columns: dict[Field, int] = {}
    quality: dict[Field, float] = {}
    for c, (fld, q) in sorted(matches.items()):
        if fld is Field.IGNORED:
            continue
        if fld not in columns or q > quality[fld]:
            columns[fld] = c
            quality[fld] = q
    if Field.NAME not in columns:
        return None
    score = sum(_WEIGHTS[f] * quality[f] for f in columns)
    n_months = len(set().union(*months.values())) if months else 0
    if n_months >= 3 and len(months) >= 2:
        score += 3.0 + 0.01 * len(set(months.values()))  # single months over quarters: the finer header
    score -= 0.01 * depth
    if depth > 1 and own_last and tail == own_last:
        score += 0.03  # a last row that only finishes split labels ("(บาท)", "กิจกรรม") belongs to the header
    if score < MIN_SCORE:
        return None
    bottom = top + depth - 1
    # Vertical merges starting in the header reach its real bottom.
    for c in cols:
        down = grid.merge_at(top, c)
        if down is not None and down[0] == top:
            bottom = max(bottom, min(down[2], top + MAX_HEADER_DEPTH - 1))
    if bottom > top + depth - 1:
        return None  # the same header is scored again with the depth its merges give
    return TableLayout(top, bottom, columns, labels, months if len(months) >= 2 else {}, score,
                       is_summary=summary)


def _single_column(grid: SheetGrid, r: int, c: int) -> bool:
    """The cell is not part of a range merged across columns (a merge down one column is fine)."""
    m = grid.merge_at(r, c)
    return m is None or m[1] == m[3]


def _label_cell(grid: SheetGrid, r: int, c: int) -> tuple[int, int]:
    """The cell a label shown at (r, c) is written in: the top-left of its merged range, or itself."""
    m = grid.merge_at(r, c)
    return (m[0], m[1]) if m is not None else (r, c)


def _split_above(parts: list[str], single: list[bool], i: int) -> str:
    """The words written above row ``i`` of a column in cells of that column alone, top to bottom."""
    words: list[str] = []
    for j in range(i):
        if parts[j] and single[j] and (not words or words[-1] != parts[j]):
            words.append(parts[j])
        elif parts[j] and not single[j]:
            words = []  # a label over several columns is a group label, not the start of this one
    return " ".join(words)


def _finishes_label(above: str, text: str, *, exact: bool = False) -> bool:
    """``text`` completes the words above it into a header label at least as well as they stand alone
    ("รายละเอียดของ" + "กิจกรรม", "หน่วยงาน" + "รับผิดชอบหลัก", "งบประมาณ" + "(บาท)")."""
    whole = match_label(f"{above} {text}")
    if whole is None or (exact and whole[1] < 1.0):
        return False
    alone = match_label(above)
    return alone is None or whole[1] >= alone[1]


def _sub_label(text: str) -> bool:
    """A text that may stand in a header row below the first: a month, a year, a label, a column number or
    a short bracketed note."""
    return bool(months_of_label(text) or is_year_label(text) or match_label(text) or is_column_number(text)
                or re.fullmatch(r"\(?[^()]{0,12}\)?", text) and not re.search(r"\d{3}", text))


def _month_years(layout: TableLayout, row_text: RowTexts) -> dict[int, int]:
    """The fiscal year of each month column, from the years its header names: a date or "ต.ค. 62" in the
    month cell, or a year cell over it ("พ.ศ. 2562" merged over the months, or written once over the
    first month of its year and read rightwards until the next year cell)."""
    rows = range(layout.header_top, layout.header_bottom + 1)
    result: dict[int, int] = {}
    carried: tuple[bool, int] | None = None
    for c in sorted(layout.month_columns):
        named = [found for r in rows if (text := row_text(r).get(c)) and (found := year_of_label(text))]
        if named:
            carried = named[-1]
        if carried is None:
            continue
        is_fiscal, year = carried
        first_month = layout.month_columns[c][0]
        result[c] = year if is_fiscal else year + 1 if first_month <= 3 else year
    return result


def _spanning_label(text: str) -> bool:
    """A label that may sit over many columns: a year over its months, or a period over the months."""
    if is_year_label(text) or re.search(r"ระยะเวลา|เดือน|ปีงบประมาณ|พ\.\s?ศ\.", text):
        return True
    found = match_label(text)
    return found is not None and found[1] == 1.0


def type_columns(grid: SheetGrid, layout: TableLayout) -> None:
    """Decide from the data the columns the header did not name: the number column and the budget."""
    start = layout.data_start
    end = min(grid.n_rows, start + 300)
    used = set(layout.columns.values()) | set(layout.month_columns)
    name_col = layout.columns[Field.NAME]
    if Field.BUDGET not in layout.columns:
        best_col, best_count = None, 0
        for c in grid.window_columns(start, end, merge_width=0):  # columns holding a value under the header
            if c in used or c < name_col:
                continue
            count = 0
            other = 0
            for r in range(start, end):
                v = grid.value(r, c)
                if v is None:
                    continue
                if isinstance(v, int | float) and not isinstance(v, bool) and v >= 100:
                    count += 1
                elif isinstance(v, str):
                    try:
                        amount = parse_money(v)
                        if amount is not None and amount >= 100:
                            count += 1
                        else:
                            other += 1
                    except MoneyError:
                        other += 1
                else:
                    other += 1
            label = label_key(layout.labels.get(c, ""))
            if (count >= 2 and count > 3 * other) or ("บาท" in label and count):
                if count > best_count:
                    best_col, best_count = c, count
        if best_col is not None:
            layout.columns[Field.BUDGET] = best_col
            layout.guessed.append(f"ถือว่าคอลัมน์ {column_letter(best_col)} เป็นงบประมาณ (ดูจากข้อมูล)")
    if Field.NO not in layout.columns and name_col > 0:
        c = name_col - 1
        if c not in used:
            numbers = 0
            for r in range(start, end):
                text = cell_text(grid.value(r, c))
                if re.fullmatch(r"\(?\d{1,4}[.)]?", to_arabic_digits(text)):
                    numbers += 1
            if numbers >= 2:
                layout.columns[Field.NO] = c
                layout.guessed.append(f"ถือว่าคอลัมน์ {column_letter(c)} เป็นลำดับที่ (ดูจากข้อมูล)")


def column_letter(c: int) -> str:
    """Spreadsheet letters of a 0-based column: 0 → A, 27 → AB."""
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
