"""The ติดตามผล grid's table model: the edition's projects and equipment in print order, columns as ``columns.COLUMNS``.

``TrackingTableModel`` adapts ``TrackingStore``: a reset when projects come, go or move in the print order,
``dataChanged`` for rows whose figures changed. Edits never write here: a typed status or progress is
parsed (``columns.parse_status`` / ``parse_progress``), shown at once (a pending overlay, so quick entry
down a column never flickers back) and handed to ``commit`` as a ``NewStatus``; once the operation is
saved and the store has read the project again, the overlay goes. A cancellation without a reason asks
for one first (``reason_needed``); the disbursed cell asks for a new disbursement (``disbursement_requested``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.domain.model import Project
from thaplan_desktop.domain.tracking import TrackingStatus
from thaplan_desktop.tracking.views import ProjectProgress
from thaplan_desktop.ui.tracking.columns import (
    COLUMN_INDEX,
    COLUMNS,
    CellError,
    TrackingEditor,
    flag_tooltip,
    parse_progress,
    parse_status,
    progress_entry,
    status_entry,
    status_label,
)
from thaplan_desktop.ui.tracking.facts import RowFacts, build_facts, fill_texts, update_facts
from thaplan_desktop.ui.tracking.store import StoreDelta, TrackingStore
from thaplan_desktop.workspace import NewStatus

TEXTS = {
    "loading": "…",
    "unfiled": "ยังไม่ได้จัดเข้าแผนงาน",
    "reason": "เหตุผลที่ยกเลิก: {reason}",
    "since": "ตั้งแต่ {date}",
}

PROJECT_ID_ROLE = Qt.ItemDataRole.UserRole + 41
STATUS_ROLE = Qt.ItemDataRole.UserRole + 42  # the status shown (TrackingStatus or None)

Index = QModelIndex | QPersistentModelIndex
# Hands an entry on: (project id, the entry, settle(wait_for_read)) — settle once saved (True: the store
# will read the project again) or refused / unchanged (False).
Commit = Callable[[int, NewStatus, Callable[[bool], None]], None]

_LATE_BRUSH = QBrush(QColor(255, 236, 200))
_CANCELLED_BRUSH = QBrush(QColor(236, 236, 236))
_LOCKED_BRUSH = QBrush(QColor(244, 244, 244))  # another unit's project, for a department's login
_OVER_BRUSH = QBrush(QColor(185, 28, 28))
_STATUS_BRUSHES = {
    TrackingStatus.DONE: QBrush(QColor(21, 128, 61)),
    TrackingStatus.IN_PROGRESS: QBrush(QColor(29, 78, 216)),
    TrackingStatus.NOT_STARTED: QBrush(QColor(80, 80, 80)),
    TrackingStatus.CANCELLED: QBrush(QColor(150, 40, 40)),
    TrackingStatus.CARRIED_OVER: QBrush(QColor(109, 40, 217)),
    TrackingStatus.UNKNOWN: QBrush(QColor(140, 140, 140)),
}
_DISPLAY = Qt.ItemDataRole.DisplayRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ALIGNMENTS = tuple(int((Qt.AlignmentFlag.AlignRight if spec.align_right else Qt.AlignmentFlag.AlignLeft)
                        | Qt.AlignmentFlag.AlignVCenter) for spec in COLUMNS)
_STATUS_COLUMN = COLUMN_INDEX["status"]
_PROGRESS_COLUMN = COLUMN_INDEX["progress"]
_DISBURSED_COLUMN = COLUMN_INDEX["disbursed"]
_REMAINING_COLUMN = COLUMN_INDEX["remaining"]


class TrackingTableModel(QAbstractTableModel):
    """The shown edition's projects with their tracking as of the store's day."""

    edit_refused = Signal(str)  # what was typed does not fit (Thai)
    reason_needed = Signal(int)  # project id: a cancellation needs its reason (``cancel_with_reason``)
    disbursement_requested = Signal(int, str)  # project id, what was typed into the disbursed cell

    def __init__(self, store: TrackingStore, commit: Commit | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.state = store.state
        self.commit = commit
        self.rows: list[Project] = []
        self.row_of: dict[int, int] = {}
        self._search: dict[int, str] = {}
        self._facts: RowFacts | None = None  # what the filter and the totals read, by row (built when asked)
        self._painted: dict[int, tuple] = {}  # project id → texts, colours, background (``looks``)
        self._overlays: dict[int, list[list[Any]]] = {}  # project id → [token, entry, saved] …
        self._token = 0
        # Called with the project ids whose rows changed, before the change is announced (the filter).
        self.rows_changed_hooks: list[Callable[[frozenset[int]], None]] = []
        self.edit_hooks: list[Callable[[int], None]] = []  # called with a project id the officer edits
        store.changed.connect(self._on_store_changed)
        self._rebuild()

    # --- Qt interface ---------------------------------------------------------------------------------

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
        if role == _DISPLAY:
            return self.looks(row)[0][column]
        if role == _FOREGROUND:
            return self.looks(row)[1][column]
        if role == _BACKGROUND:
            return self.looks(row)[2]
        if role == _ALIGNMENT:
            return _ALIGNMENTS[column]
        project = self.rows[row]
        if role == Qt.ItemDataRole.EditRole:
            value = self._value(project, column)
            if column == _STATUS_COLUMN:
                return status_label(value) if value else ""
            return COLUMNS[column].format(value) if column != _DISBURSED_COLUMN else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(project, column)
        if role == PROJECT_ID_ROLE:
            return project.id
        if role == STATUS_ROLE:
            return self.shown_status(project)
        return None

    def looks(self, row: int) -> tuple[tuple[str, ...], tuple[QBrush | None, ...], QBrush | None]:
        """A row's texts, text colours and background, worked out once until the row changes (painting is quick)."""
        project = self.rows[row]
        found = self._painted.get(project.id)
        if found is None:
            texts = tuple(self.display_of(row, column) for column in range(len(COLUMNS)))
            colours = tuple(self._foreground(project, column) for column in range(len(COLUMNS)))
            found = self._painted[project.id] = (texts, colours, self._background(project))
        return found

    def _background(self, project: Project) -> QBrush | None:
        if self.state.rights.department and not self.state.may_edit(project):
            return _LOCKED_BRUSH
        status = self.shown_status(project)
        tracked = self.store.row(project.id)
        if tracked is not None and tracked.should_have_started and status in (None, TrackingStatus.NOT_STARTED):
            return _LATE_BRUSH
        if status is TrackingStatus.CANCELLED:
            return _CANCELLED_BRUSH
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical or not 0 <= section < len(COLUMNS):
            return None
        spec = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return spec.tooltip or spec.title.replace("\n", "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        spec = COLUMNS[index.column()]
        if (spec.editor in (TrackingEditor.STATUS, TrackingEditor.PROGRESS) and self.store.loaded
                and self.state.may_edit(self.rows[index.row()])):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.store.loaded:
            return False
        project = self.rows[index.row()]
        if not self.state.may_edit(project):
            return False
        tracked = self.effective_row(project.id)
        if tracked is None:
            return False
        text = str(value if value is not None else "")
        try:
            if index.column() == _STATUS_COLUMN:
                status = parse_status(text, external=tracked.external)
                if status is tracked.status and status is not TrackingStatus.CANCELLED:
                    return True  # nothing to save
                if status is TrackingStatus.CANCELLED and not (
                        tracked.status is TrackingStatus.CANCELLED and tracked.reason):
                    self.reason_needed.emit(project.id)
                    return True
                self.change_status(project.id, status_entry(tracked, status, self.store.as_of))
                return True
            if index.column() == _PROGRESS_COLUMN:
                progress = parse_progress(text)
                if progress == tracked.progress:
                    return True
                self.change_status(project.id, progress_entry(tracked, progress, self.store.as_of))
                return True
        except CellError as exc:
            self.edit_refused.emit(str(exc))
            return False
        return False

    # --- changes from the officer ---------------------------------------------------------------------

    def cancel_with_reason(self, project_id: int, reason: str) -> None:
        """Cancel a project (ยกเลิก) with the reason the officer gave."""
        tracked = self.effective_row(project_id)
        if tracked is not None and reason.strip():
            self.change_status(project_id, status_entry(tracked, TrackingStatus.CANCELLED, self.store.as_of,
                                                        reason.strip()))

    def change_status(self, project_id: int, entry: NewStatus) -> None:
        """Show ``entry`` on the project's row at once and hand it to ``commit``."""
        self._token += 1
        overlay: list[Any] = [self._token, entry, False]
        self._overlays.setdefault(project_id, []).append(overlay)
        for hook in self.edit_hooks:
            hook(project_id)
        self._announce(frozenset({project_id}))

        def settle(wait_for_read: bool) -> None:
            overlay[2] = True
            if not wait_for_read:
                self._drop(project_id, overlay[0])

        if self.commit is not None:
            self.commit(project_id, entry, settle)
        else:
            settle(False)

    def _drop(self, project_id: int, token: int) -> None:
        overlays = self._overlays.get(project_id)
        if overlays is None:
            return
        overlays[:] = [o for o in overlays if o[0] != token]
        if not overlays:
            del self._overlays[project_id]
        self._announce(frozenset({project_id}))

    def request_disbursement(self, row: int, text: str = "") -> None:
        """Ask for a new disbursement of a row's project (Enter or typing on the disbursed cell)."""
        if 0 <= row < len(self.rows) and self.store.loaded and self.state.may_edit(self.rows[row]):
            self.disbursement_requested.emit(self.rows[row].id, text)

    # --- the store ------------------------------------------------------------------------------------

    def _on_store_changed(self, delta: StoreDelta) -> None:
        if delta.reset or delta.structure or self._order_moved(delta.projects):
            for project_id in list(self._overlays):
                self._overlays[project_id] = [o for o in self._overlays[project_id] if not o[2]]
                if not self._overlays[project_id]:
                    del self._overlays[project_id]
            self.beginResetModel()
            if delta.structure or not delta.reset or len(self.rows) != len(self.state.projects):
                self._rebuild()
            else:  # the same rows in the same order, new figures (records read, another as-of day)
                self._facts = None
                self._painted.clear()
                for hook in self.rows_changed_hooks:
                    hook(frozenset())
            self.endResetModel()
            return
        for project_id in delta.projects:
            overlays = self._overlays.get(project_id)
            if overlays:
                overlays[:] = [o for o in overlays if not o[2]]
                if not overlays:
                    del self._overlays[project_id]
            row = self.row_of.get(project_id)
            project = self.state.projects.get(project_id)
            if row is not None and project is not None and project is not self.rows[row]:
                self.rows[row] = project  # its own fields changed (in the plan's tab): its text too
                self._search.pop(project_id, None)
        self._announce(delta.projects)

    def _order_moved(self, project_ids: frozenset[int]) -> bool:
        order_key = self.state.order_key
        for project_id in project_ids:
            row = self.row_of.get(project_id)
            project = self.state.projects.get(project_id)
            if row is not None and project is not None and order_key(self.rows[row]) != order_key(project):
                return True
        return False

    def _rebuild(self) -> None:
        self.rows = sorted(self.state.projects.values(), key=self.state.order_key)
        self.row_of = {p.id: i for i, p in enumerate(self.rows)}
        self._search.clear()
        self._painted.clear()
        self._facts = None
        for hook in self.rows_changed_hooks:
            hook(frozenset())  # empty: everything

    def _announce(self, project_ids: frozenset[int]) -> None:
        if not project_ids:
            return
        for project_id in project_ids:
            self._painted.pop(project_id, None)
        if self._facts is not None:
            update_facts(self._facts, self, [self.row_of[i] for i in project_ids if i in self.row_of])
        for hook in self.rows_changed_hooks:
            hook(project_ids)
        rows = sorted(self.row_of[i] for i in project_ids if i in self.row_of)
        last = len(COLUMNS) - 1
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # --- values ---------------------------------------------------------------------------------------

    def effective_row(self, project_id: int) -> ProjectProgress | None:
        """The store's row of a project (the pending entries are not in it)."""
        return self.store.row(project_id)

    def pending(self, project_id: int) -> NewStatus | None:
        """The last entry typed for a project and not yet read back, if any."""
        overlays = self._overlays.get(project_id)
        return overlays[-1][1] if overlays else None

    def shown_status(self, project: Project) -> TrackingStatus | None:
        """The status a row shows: the entry typed and not yet read back, else the store's."""
        entry = self.pending(project.id)
        if entry is not None:
            return entry.status
        tracked = self.store.row(project.id)
        return tracked.status if tracked is not None else None

    def _value(self, project: Project, column: int) -> Any:
        tracked = self.store.row(project.id)
        entry = self.pending(project.id)
        if entry is not None and column in (_STATUS_COLUMN, _PROGRESS_COLUMN):
            if column == _STATUS_COLUMN:
                return entry.status
            return entry.progress
        return COLUMNS[column].getter(project, tracked, self.state)

    def display_of(self, row: int, column: int) -> str:
        """The text a cell shows."""
        project = self.rows[row]
        if COLUMNS[column].key not in ("name", "unit", "budget") and not self.store.loaded:
            return TEXTS["loading"]
        return COLUMNS[column].format(self._value(project, column))

    def _foreground(self, project: Project, column: int) -> QBrush | None:
        if column == _STATUS_COLUMN:
            status = self.shown_status(project)
            return _STATUS_BRUSHES[status] if status is not None else None
        if column in (_DISBURSED_COLUMN, _REMAINING_COLUMN):
            tracked = self.store.row(project.id)
            if tracked is not None and (tracked.over_budget or tracked.over_contract):
                return _OVER_BRUSH
        return None

    def _tooltip(self, project: Project, column: int) -> str | None:
        locked = self.state.why_locked(project)
        tip = self._tip(project, column)
        return "\n".join(part for part in (locked, tip) if part) or None

    def _tip(self, project: Project, column: int) -> str | None:
        spec = COLUMNS[column]
        tracked = self.store.row(project.id)
        if spec.key == "status" and tracked is not None:
            parts = [status_label(tracked.status)]
            if tracked.since is not None:
                parts.append(TEXTS["since"].format(date=format_thai_date(tracked.since)))
            if tracked.reason:
                parts.append(TEXTS["reason"].format(reason=tracked.reason))
            return "\n".join(parts + [spec.tooltip])
        flags = flag_tooltip(tracked)
        if spec.key == "name":
            label = self.state.program_label(project.program_id) or TEXTS["unfiled"]
            return "\n".join(part for part in (project.name, label, flags) if part)
        return "\n".join(part for part in (flags, spec.tooltip) if part) or None

    # --- lookups for the filter and the views -----------------------------------------------------------

    def project_at(self, row: int) -> Project:
        """The project of a source row."""
        return self.rows[row]

    def search_text(self, row: int) -> str:
        """Normalised name, details, place and unit of a row (cached)."""
        project = self.rows[row]
        text = self._search.get(project.id)
        if text is None:
            text = self._search[project.id] = self.state.search_text(project)
        return text

    def facts(self) -> RowFacts:
        """Every row's group, status, flags, money and (once filled) search text, for the filter and totals."""
        if self._facts is None:
            self._facts = build_facts(self)
            QTimer.singleShot(0, self._warm_texts)
        return self._facts

    def facts_with_texts(self) -> RowFacts:
        """The facts with every row's search text (filled now if the idle time has not done it yet)."""
        facts = self.facts()
        fill_texts(facts, self)
        return facts

    def _warm_texts(self) -> None:
        """Fill the search texts a chunk at a time while the window is idle (the first keystroke stays quick)."""
        facts = self._facts
        if facts is not None and not fill_texts(facts, self, 1500):
            QTimer.singleShot(0, self._warm_texts)

