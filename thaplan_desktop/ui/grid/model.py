"""The entry grid's table model: the edition's projects in print order, columns as ``columns.COLUMNS``.

``ProjectTableModel`` adapts ``PlanState``: it translates each ``Delta`` into row removals, insertions, a
layout change when the order moves, and ``dataChanged``. Edits never write the database here: ``setData``
parses the value with the column spec, shows it at once (a pending overlay, so quick successive clicks
build on each other) and hands the ``ProjectFields`` to ``commit``; the refresh that follows replaces the
overlay with what the database holds. It also keeps, per project, its search text and its problems.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from thaplan_desktop.domain.fiscal import year_headers
from thaplan_desktop.domain.model import Project, ProjectKind
from thaplan_desktop.ui.columns import COLUMNS, NUMBER_COLUMN, CellError, ColumnSpec
from thaplan_desktop.ui.state import Delta, PlanState
from thaplan_desktop.workspace import ProjectFields
from thaplan_desktop.workspace.fields import given

TEXTS = {
    "problems": "ต้องแก้ไข: {messages}",
    "unfiled": "ยังไม่ได้จัดเข้าแผนงาน",
    "equipment_block": "ครุภัณฑ์ (ผด.02/1): {type}",
    "no_type": "ไม่ระบุประเภท",
}

PROJECT_IDS_MIME = "application/x-thaplan-project-ids"

# Custom roles.
PROJECT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MONTH_RUN_ROLE = Qt.ItemDataRole.UserRole + 2  # (on, previous month on, next month on) of a month cell
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 3  # the Thai problem messages of the row's project
BLOCK_START_ROLE = Qt.ItemDataRole.UserRole + 4  # True on the first row of a printed block
YEAR_ROLE = Qt.ItemDataRole.UserRole + 5  # header: the Buddhist-era year over a month column
PROBLEM_FIELD_ROLE = Qt.ItemDataRole.UserRole + 6  # True when this cell's field has a problem

_PROBLEM_ROW = QColor(255, 243, 224)
_PROBLEM_CELL = QColor(255, 214, 214)
LOCKED_ROW = QColor(240, 240, 240)  # another unit's project, for a department's login: shown, not changed
LOCKED_TEXT = QColor(120, 120, 120)
_FIELD_OF_COLUMN = {"name": "name", "budget": "budget", "unit": "unit"}

Index = QModelIndex | QPersistentModelIndex
# Hands an edit on: (project id, the fields, settle() — called once the edit was saved or refused).
Commit = Callable[[int, ProjectFields, Callable[[], None]], None]
_PROJECT_FIELDS = {f.name for f in dataclasses.fields(Project)}


class ProjectTableModel(QAbstractTableModel):
    """The projects of the shown edition, one per row, in print order, columns as ``COLUMNS``."""

    edit_refused = Signal(str)  # a typed value did not fit its column (Thai message)

    def __init__(self, state: PlanState, commit: Commit | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.commit = commit
        self.rows: list[Project] = []
        self.row_of: dict[int, int] = {}
        self.numbers: list[int] = []
        self.block_start: list[bool] = []
        self._problems: dict[int, list[str]] = {}
        self._problem_fields: dict[int, set[str]] = {}
        self._search: dict[int, str] = {}
        self._texts: tuple[list[str], list[int]] | None = None  # search texts and ids by row (cached)
        self._overlays: dict[int, list[tuple[int, dict[str, Any]]]] = {}  # project id → (token, fields shown)
        self._token = 0
        self._warm_from = 0  # search texts are prepared up to this row (``warm_search``)
        self._warm_chunk = 800
        # Called with a project id before its row's change is announced (the filter re-checks it).
        self.project_changed_hooks: list[Callable[[int], None]] = []
        state.changed.connect(self._on_state_changed)
        self._rebuild()

    # --- Qt interface ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= len(self.rows) or column >= len(COLUMNS):
            return None
        project = self.rows[row]
        spec = COLUMNS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_of(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == NUMBER_COLUMN:
                return self.numbers[row]
            value = spec.getter(project, self.state)
            return value if spec.month is not None else spec.format(value)
        if role == MONTH_RUN_ROLE and spec.month is not None:
            m = spec.month
            return (m in project.months, m - 1 in project.months, m + 1 in project.months)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(project, row, spec)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spec.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background_of(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(LOCKED_TEXT) if self.locked(row) else None
        if role == PROJECT_ID_ROLE:
            return project.id
        if role == PROBLEM_ROLE:
            return self._problems.get(project.id)
        if role == BLOCK_START_ROLE:
            return self.block_start[row]
        return None

    def block_key(self, row: int) -> tuple[object, ...]:
        """The printed block of a row (numbering restarts in each)."""
        return self.state.block_of(self.rows[row])

    def block_label(self, row: int) -> str:
        """The heading printed above a block: "1. ยุทธศาสตร์… › 1.1 แผนงาน…" (or the equipment type)."""
        project = self.rows[row]
        state = self.state
        program = state.program_by_id.get(project.program_id) if project.program_id is not None else None
        if project.kind is ProjectKind.EQUIPMENT:
            kind = state.type_by_id.get(project.equipment_type_id) if project.equipment_type_id else None
            head = TEXTS["equipment_block"].format(type=kind.name if kind else TEXTS["no_type"])
            return f"{head}  ›  {program.name}" if program is not None else f"{head}  ›  {TEXTS['unfiled']}"
        if program is None:
            return TEXTS["unfiled"]
        strategy = state.strategy_by_id.get(program.strategy_id)
        head = f"{strategy.number}. {strategy.name}" if strategy is not None else ""
        return f"{head}  ›  {state.program_label(program.id)}"

    def display_of(self, row: int, column: int) -> str | None:
        """The text a cell shows (None for month cells, which are painted); the delegate reads it directly."""
        if column == NUMBER_COLUMN:
            return str(self.numbers[row])
        spec = COLUMNS[column]
        if spec.month is not None:
            return None
        return spec.format(spec.getter(self.rows[row], self.state))

    def locked(self, row: int) -> bool:
        """True for a row shown but not to be changed here: another unit's project, for a department's login."""
        return self.state.rights.department and not self.state.may_edit(self.rows[row])

    def background_of(self, row: int, column: int) -> QColor | None:
        """The problem colour of a cell, if its row has a problem (the cell's own field: stronger); grey when locked."""
        project_id = self.rows[row].id
        if project_id not in self._problems:
            return LOCKED_ROW if self.locked(row) else None
        spec = COLUMNS[column]
        field = _FIELD_OF_COLUMN.get(spec.key) or ("months" if spec.month else "")
        if column == NUMBER_COLUMN or field in self._problem_fields.get(project_id, ()):
            return _PROBLEM_CELL
        return _PROBLEM_ROW

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None  # the row header is a narrow handle for selecting whole rows
        if not 0 <= section < len(COLUMNS):
            return None
        spec = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip or spec.title.replace("\n", "")
        if role == YEAR_ROLE and spec.month is not None and self.state.edition is not None:
            first, second = year_headers(self.state.edition.fiscal_year)
            return first[0] if spec.month in first[1] else second[0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if COLUMNS[index.column()].editable and self.state.may_edit(self.rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        spec = COLUMNS[index.column()]
        if not spec.editable or spec.parse is None or spec.setter is None:
            return False
        project = self.rows[index.row()]
        try:
            parsed = spec.parse(str(value if value is not None else ""), self.state)
        except CellError as exc:
            self.edit_refused.emit(str(exc))
            return False
        if parsed == spec.getter(project, self.state):
            return True  # nothing to save
        self.change_project(project.id, spec.setter(parsed))
        return True

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PROJECT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({self.rows[i.row()].id for i in indexes if i.isValid()},
                     key=lambda pid: self.row_of[pid])
        mime = QMimeData()
        mime.setData(PROJECT_IDS_MIME, QByteArray(json.dumps(ids).encode()))
        return mime

    # --- changes from the user --------------------------------------------------------------------------

    def change_project(self, project_id: int, fields: ProjectFields) -> None:
        """Show ``fields`` on the project at once and hand them to ``commit``."""
        self._token += 1
        token = self._token
        shown = given(fields)
        if "unit_name" in shown:
            unit_id = self.state.unit_id_by_name.get(shown.pop("unit_name"))
            if unit_id is not None:
                shown["unit_id"] = unit_id
        self._overlays.setdefault(project_id, []).append((token, shown))
        self._show(project_id)
        if self.commit is not None:
            self.commit(project_id, fields, lambda: self._settle(project_id, token))
        else:
            self._settle(project_id, token)

    def toggle_month(self, row: int, month: int) -> None:
        """Switch one month of a row's project on or off (not in the read-only second copy, nor another unit's)."""
        project = self.rows[row]
        if not self.state.may_edit(project):
            return
        self.change_project(project.id, ProjectFields(months=set(project.months) ^ {month}))

    def set_months(self, row: int, months: Iterable[int]) -> None:
        """Give a row's project exactly these months (a dragged run)."""
        project = self.rows[row]
        if not self.state.may_edit(project):
            return
        months = set(months)
        if months != set(project.months):
            self.change_project(project.id, ProjectFields(months=months))

    def _settle(self, project_id: int, token: int) -> None:
        overlays = self._overlays.get(project_id)
        if overlays is None:
            return
        overlays[:] = [(t, f) for t, f in overlays if t != token]
        if not overlays:
            del self._overlays[project_id]
        self._show(project_id)

    def _effective(self, project: Project) -> Project:
        for _token, fields in self._overlays.get(project.id, ()):
            values: dict[str, Any] = {k: (frozenset(v) if k == "months" else Decimal(v) if k == "budget" else v)
                                      for k, v in fields.items() if k in _PROJECT_FIELDS}
            project = dataclasses.replace(project, **values)
        return project

    def _show(self, project_id: int) -> None:
        row = self.row_of.get(project_id)
        base = self.state.projects.get(project_id)
        if row is None or base is None:
            return
        self.rows[row] = self._effective(base)
        self._search.pop(project_id, None)
        self._texts = None
        self._note_problems(self.rows[row])
        for hook in self.project_changed_hooks:
            hook(project_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- changes from the database ----------------------------------------------------------------------

    def _on_state_changed(self, delta: Delta) -> None:
        self._texts = None  # rows or their texts change below
        if delta.reset:
            self.beginResetModel()
            self._overlays.clear()
            self._rebuild()
            self.endResetModel()
            self.warm_search()
            return
        reorder = delta.tree or delta.reference
        if delta.removed:
            self._remove(delta.removed)
        for project_id in delta.updated:
            row = self.row_of.get(project_id)
            if row is None:
                continue
            old = self.rows[row]
            new = self._effective(self.state.projects[project_id])
            self.rows[row] = new
            self._search.pop(project_id, None)
            self._note_problems(new)
            for hook in self.project_changed_hooks:
                hook(project_id)
            if not reorder and self.state.order_key(old) != self.state.order_key(new):
                reorder = True
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        created = [self.state.projects[i] for i in delta.created
                   if i in self.state.projects and i not in self.row_of]
        if created:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(created) - 1)
            for project in created:
                self.row_of[project.id] = len(self.rows)
                self.rows.append(project)
                self._note_problems(project)
            self._renumber()
            self.endInsertRows()
            reorder = True
        if delta.reference or delta.tree:
            self._search.clear()
            for project in self.rows:
                self._note_problems(project)
                for hook in self.project_changed_hooks:
                    hook(project.id)
        if reorder:
            self._resort()
        if reorder or delta.removed:  # a plain edit keeps every row's place and number
            self._renumber(emit=True)

    def _rebuild(self) -> None:
        self.rows = sorted(self.state.projects.values(), key=self.state.order_key)
        self.row_of = {p.id: i for i, p in enumerate(self.rows)}
        self._search.clear()
        self._problems.clear()
        self._problem_fields.clear()
        for project in self.rows:
            self._note_problems(project)
        self._renumber()

    def _remove(self, ids: Iterable[int]) -> None:
        rows = sorted((self.row_of[i] for i in ids if i in self.row_of), reverse=True)
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            for project in self.rows[first:last + 1]:
                self.row_of.pop(project.id, None)
                self._problems.pop(project.id, None)
                self._problem_fields.pop(project.id, None)
                self._search.pop(project.id, None)
                self._overlays.pop(project.id, None)
            del self.rows[first:last + 1]
            del self.numbers[first:last + 1]
            del self.block_start[first:last + 1]
            self.endRemoveRows()
        self.row_of = {p.id: i for i, p in enumerate(self.rows)}

    def _resort(self) -> None:
        order = sorted(range(len(self.rows)), key=lambda r: self.state.order_key(self.rows[r]))
        if order == list(range(len(self.rows))):
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {old: new for new, old in enumerate(order)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(new_row[i.row()], i.column()) for i in old_indexes]
        self.rows = [self.rows[r] for r in order]
        self.row_of = {p.id: i for i, p in enumerate(self.rows)}
        self._renumber()
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def _renumber(self, *, emit: bool = False) -> None:
        numbers: list[int] = []
        starts: list[bool] = []
        block = None
        count = 0
        block_of = self.state.block_of
        for project in self.rows:
            this = block_of(project)
            if this != block:
                block, count = this, 0
                starts.append(True)
            else:
                starts.append(False)
            count += 1
            numbers.append(count)
        changed = emit and (numbers != self.numbers or starts != self.block_start)
        self.numbers, self.block_start = numbers, starts
        if changed and self.rows:
            self.dataChanged.emit(self.index(0, NUMBER_COLUMN), self.index(len(self.rows) - 1, NUMBER_COLUMN))

    def _note_problems(self, project: Project) -> None:
        problems = self.state.problems(project)
        if problems:
            self._problems[project.id] = [p.message for p in problems]
            self._problem_fields[project.id] = {p.field for p in problems}
        else:
            self._problems.pop(project.id, None)
            self._problem_fields.pop(project.id, None)

    def _tooltip(self, project: Project, row: int, spec: ColumnSpec) -> str | None:
        parts = []
        if spec.key == "number":
            label = self.state.program_label(project.program_id) or TEXTS["unfiled"]
            parts.append(label)
        elif spec.key in ("name", "details", "location") and spec.getter(project, self.state):
            parts.append(spec.format(spec.getter(project, self.state)))
        elif spec.tooltip:
            parts.append(spec.tooltip)
        problems = self._problems.get(project.id)
        if problems:
            parts.append(TEXTS["problems"].format(messages=", ".join(problems)))
        locked = self.state.why_locked(project)
        if locked:
            parts.insert(0, locked)
        return "\n".join(parts) or None

    # --- lookups for views and the filter ----------------------------------------------------------------

    def project_at(self, row: int) -> Project:
        """The project shown on a source row (with pending edits)."""
        return self.rows[row]

    def search_text(self, row: int) -> str:
        """Normalised text of a row for the search box (cached)."""
        project = self.rows[row]
        text = self._search.get(project.id)
        if text is None:
            text = self._search[project.id] = self.state.search_text(project)
        return text

    def warm_search(self, chunk: int = 800) -> None:
        """Prepare the search texts a chunk at a time while the window is idle (first keystroke stays quick)."""
        self._warm_from = 0
        self._warm_chunk = chunk
        QTimer.singleShot(0, self._warm_step)

    def _warm_step(self) -> None:
        start = self._warm_from
        if start >= len(self.rows):
            return
        cache, state = self._search, self.state
        for project in self.rows[start:start + self._warm_chunk]:
            if project.id not in cache:
                cache[project.id] = state.search_text(project)
        self._warm_from = start + self._warm_chunk
        QTimer.singleShot(0, self._warm_step)

    def search_texts(self) -> list[str]:
        """Normalised search text of every row, in row order (kept until the rows change)."""
        return self._texts_and_ids()[0]

    def row_ids(self) -> list[int]:
        """Project id of every row, in row order."""
        return self._texts_and_ids()[1]

    def _texts_and_ids(self) -> tuple[list[str], list[int]]:
        if self._texts is None:
            cache = self._search
            state = self.state
            texts = []
            for project in self.rows:
                text = cache.get(project.id)
                if text is None:
                    text = cache[project.id] = state.search_text(project)
                texts.append(text)
            self._texts = (texts, [p.id for p in self.rows])
        return self._texts

    def problem_ids(self) -> list[int]:
        """Projects with problems, in print order."""
        return sorted(self._problems, key=self.row_of.__getitem__)

    def problems_of(self, project_id: int) -> list[str]:
        """Thai problem messages of a project."""
        return self._problems.get(project_id, [])

    def budget_total(self, rows: Iterable[int] | None = None) -> Decimal:
        """Budget of some source rows (all when None)."""
        source = self.rows if rows is None else (self.rows[r] for r in rows)
        return sum((p.budget for p in source), Decimal("0.00"))


