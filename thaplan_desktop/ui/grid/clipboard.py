"""Copying the grid's cells to the clipboard and pasting rows from a spreadsheet, as Excel does.

Ctrl+C puts the selected cells on the clipboard as tab-separated text (month cells as ✓). Ctrl+V plans the
paste (``paste.plan_paste``): rows overwrite from the current row down and rows past the end become new
projects; Ctrl+Shift+V makes every row a new project. A paste that does not fit is refused whole with a
Thai message; one that fits is one operation, one undo step, behind the announced-edition guard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMainWindow

from thaplan_desktop.ui.columns import COLUMN_INDEX, COLUMNS, NUMBER_COLUMN
from thaplan_desktop.ui.grid.paste import PasteError, parse_tsv, plan_paste, to_tsv
from thaplan_desktop.ui.grid.view import ProjectGridView
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.ui.state import PlanState
from thaplan_desktop.workspace import ProjectFields

TEXTS = {
    "copied": "คัดลอก {rows} แถวแล้ว",
}


class Clipboard(QObject):
    """Copy and paste for the grid."""

    def __init__(self, window: QMainWindow, session: PlanSession, state: PlanState, grid: ProjectGridView,
                 guard: EditGuard, new_fields: Callable[[], ProjectFields]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.state = state
        self.grid = grid
        self.guard = guard
        self.new_fields = new_fields

    def copy_cells(self) -> None:
        """Ctrl+C: the selected cells as tab-separated text, as spreadsheets copy."""
        grid = self.grid
        proxy, model = grid.proxy(), grid.source()
        indexes = grid.selectedIndexes() or ([grid.currentIndex()] if grid.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        selected = {(i.row(), i.column()) for i in indexes}
        table = []
        for r in rows:
            line = []
            for c in columns:
                if (r, c) not in selected:
                    line.append("")
                    continue
                source = proxy.mapToSource(proxy.index(r, c))
                project = model.project_at(source.row())
                spec = COLUMNS[c]
                if spec.month is not None:
                    line.append("✓" if spec.month in project.months else "")
                elif c == NUMBER_COLUMN:
                    line.append(str(model.numbers[source.row()]))
                else:
                    line.append(spec.format(spec.getter(project, self.state)))
            table.append(line)
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(to_tsv(table))
        self.window.statusBar().showMessage(TEXTS["copied"].format(rows=len(rows)), 3000)

    def paste(self, text: str | None = None, *, as_new: bool = False) -> bool:
        """Ctrl+V: rows from a spreadsheet overwrite from the current row down; extra rows are new projects.

        All or nothing: a paste that does not fit is refused with a message. Returns True when submitted.
        """
        if self.state.edition is None:
            return False
        if text is None:
            clipboard = QApplication.clipboard()
            text = clipboard.text() if clipboard is not None else ""
        grid = self.grid
        proxy, model = grid.proxy(), grid.source()
        current = grid.currentIndex()
        start_column = current.column() if current.isValid() else COLUMN_INDEX["name"]
        targets = []
        if current.isValid() and not as_new:
            targets = [model.project_at(proxy.mapToSource(proxy.index(r, 0)).row())
                       for r in range(current.row(), proxy.rowCount())]
        try:
            rows = parse_tsv(text)  # a pasted ที่ column is ignored: the numbers are the grid's own
            plan = plan_paste(rows, start_column=start_column, targets=targets, state=self.state,
                              new_fields=self.new_fields(), as_new=as_new)
        except PasteError as exc:
            tell(self.window, str(exc), warning=True)
            return False

        def done(refresh: Refresh) -> None:
            if refresh.created and not plan.updates:
                grid.select_project(refresh.created[0], start_column)

        self.guard.guard(plan.label, lambda: self.session.save_rows(
            updates=plan.updates, additions=plan.additions, label=plan.label, done=done))
        return True

    def paste_as_new(self) -> None:
        """Ctrl+Shift+V: every pasted row becomes a new project."""
        self.paste(as_new=True)
