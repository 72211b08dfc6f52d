"""Pasting rows copied from Excel or LibreOffice into the grid: reading the clipboard text and planning it.

``parse_tsv`` reads tab-separated text as spreadsheets put it on the clipboard: cells holding tabs,
line breaks or quotes are quoted, quotes inside doubled; ``to_tsv`` writes it (for copying). ``plan_paste``
turns the cells into the workspace's ``ProjectFields`` — overwriting the rows from the current one down and
adding new projects past the end (or all new) — using each column spec's parser. Anything that does not
fit refuses the whole paste with a Thai ``PasteError``: a paste is applied completely, in one operation,
or not at all. No Qt here; ``clipboard`` carries the plan out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from thaplan_desktop.domain.model import Project
from thaplan_desktop.domain.thai import name_key, normalise_space
from thaplan_desktop.ui.columns import COLUMNS, CellError, Editor
from thaplan_desktop.workspace import ProjectFields
from thaplan_desktop.workspace.fields import given

if TYPE_CHECKING:
    from thaplan_desktop.ui.state import PlanState

TEXTS = {
    "empty": "ไม่มีข้อมูลให้วาง (คัดลอกแถวจาก Excel หรือ LibreOffice ก่อน)",
    "too_wide": "วางไม่ได้: ข้อมูลมี {width} คอลัมน์ แต่จากคอลัมน์ “{start}” ถึงท้ายตารางมีเพียง {room} คอลัมน์",
    "cell": "แถวที่ {row} คอลัมน์ “{column}”: {message}",
    "refused": "วางข้อมูลไม่ได้ ไม่มีการเปลี่ยนแปลงใด ๆ:\n{details}",
    "more": "และอีก {count} รายการ",
    "label_new": "วางเป็นโครงการใหม่ {count} รายการ",
    "label_mixed": "วางข้อมูล {count} แถว",
}

_MAX_REPORTED = 5


class PasteError(ValueError):
    """A paste that does not fit; nothing is changed. The message is Thai."""


@dataclass(slots=True)
class PastePlan:
    """The fields a paste changes (by project id) and the projects it adds, in order."""

    updates: dict[int, ProjectFields] = field(default_factory=dict)
    additions: list[ProjectFields] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Thai label of the operation (the undo step)."""
        if not self.updates:
            return TEXTS["label_new"].format(count=len(self.additions))
        return TEXTS["label_mixed"].format(count=len(self.updates) + len(self.additions))


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from spreadsheet clipboard text (tab-separated, quoted cells may span lines)."""
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    n = len(text)
    while i <= n:
        if i < n and text[i] == '"':
            value, end = _quoted(text, i)
            if end is not None:
                row.append(value)
                i = end
                if i < n and text[i] == "\t":
                    i += 1
                    if i == n:
                        row.append("")
                        break
                    continue
                rows.append(row)
                row = []
                i += 1  # past the line break (or the end)
                continue
        # An unquoted cell runs to the next tab or line break.
        j = i
        while j < n and text[j] not in "\t\n":
            j += 1
        row.append(text[i:j])
        if j < n and text[j] == "\t":
            i = j + 1
            if i == n:
                row.append("")
                break
            continue
        rows.append(row)
        row = []
        i = j + 1
    if row:
        rows.append(row)
    while rows and all(cell == "" for cell in rows[-1]) and len(rows[-1]) <= 1:
        rows.pop()
    return rows


def _quoted(text: str, start: int) -> tuple[str, int | None]:
    """A quoted cell from ``start``: its value and where it ends, or (``""``, None) if it is not one."""
    i = start + 1
    parts: list[str] = []
    n = len(text)
    while i < n:
        j = text.find('"', i)
        if j < 0:
            return "", None
        parts.append(text[i:j])
        if j + 1 < n and text[j + 1] == '"':
            parts.append('"')
            i = j + 2
            continue
        end = j + 1
        if end == n or text[end] in "\t\n":
            return "".join(parts), end
        return "", None  # a quote in the middle of a plain cell
    return "", None


def _is_header(row: Sequence[str], start_column: int) -> bool:
    """True when a pasted first row repeats the grid's column titles."""
    titles = [name_key(spec.title) for spec in COLUMNS]
    hits = 0
    for cell in row:
        key = name_key(cell)
        if len(key) >= 2 and any(title.startswith(key) for title in titles):
            hits += 1
    return hits >= 2


def plan_paste(rows: list[list[str]], *, start_column: int, targets: Sequence[Project],
               state: PlanState, new_fields: ProjectFields, as_new: bool = False) -> PastePlan:
    """Plan a paste of ``rows`` from ``start_column``: row i overwrites ``targets[i]``, the rest are new.

    ``new_fields`` are given to new projects (kind, program, equipment type). Raises ``PasteError``.
    """
    if rows and _is_header(rows[0], start_column):
        rows = rows[1:]
    rows = [r for r in rows if any(c.strip() for c in r)] if as_new else rows
    if not rows:
        raise PasteError(TEXTS["empty"])
    width = max(len(r) for r in rows)
    room = len(COLUMNS) - start_column
    if width > room:
        raise PasteError(TEXTS["too_wide"].format(width=width, start=_title(start_column), room=room))
    errors: list[str] = []
    plan = PastePlan()
    for r, cells in enumerate(rows):
        target = None if as_new or r >= len(targets) else targets[r]
        fields = ProjectFields()
        months = set(target.months) if target is not None else set()
        touched_months = False
        for offset, text in enumerate(cells):
            spec = COLUMNS[start_column + offset]
            if spec.parse is None:
                continue
            try:
                value = spec.parse(text, state)
            except CellError as exc:
                errors.append(TEXTS["cell"].format(row=r + 1, column=_title(start_column + offset),
                                                   message=str(exc)))
                continue
            if spec.editor is Editor.MONTH and spec.month is not None:
                touched_months = True
                months.discard(spec.month)
                if value:
                    months.add(spec.month)
            elif spec.setter is not None:
                fields = _merge(fields, spec.setter(value))
        if touched_months:
            fields = dataclasses.replace(fields, months=months)
        if target is None:
            plan.additions.append(_merge(new_fields, fields))
        elif given(fields):
            plan.updates[target.id] = fields
    if errors:
        shown = errors[:_MAX_REPORTED]
        if len(errors) > _MAX_REPORTED:
            shown.append(TEXTS["more"].format(count=len(errors) - _MAX_REPORTED))
        raise PasteError(TEXTS["refused"].format(details="\n".join(shown)))
    return plan


def _merge(base: ProjectFields, more: ProjectFields) -> ProjectFields:
    """``base`` with the fields ``more`` sets."""
    return dataclasses.replace(base, **given(more))


def _title(column: int) -> str:
    return normalise_space(COLUMNS[column].title)


def to_tsv(rows: list[list[str]]) -> str:
    """Cells as spreadsheet clipboard text (quoting cells with tabs, line breaks or quotes)."""
    def cell(value: str) -> str:
        if any(c in value for c in '\t\n"'):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "".join("\t".join(cell(v) for v in row) + "\n" for row in rows)
