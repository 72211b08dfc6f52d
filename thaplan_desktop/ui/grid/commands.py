"""The entry grid's commands: save a cell's edit, clear cells, add a project, delete and duplicate rows.

Every change is a workspace operation run through the session (one undo step), behind the announced-
edition guard. Delete and Backspace clear the selected cells, as in a spreadsheet (all of them one undo
step); removing whole projects is ลบโครงการ, which asks first when more than one row goes. A new project
takes its kind and classification from the tree node selected (or from the current row); its name cell
opens for typing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QMainWindow

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.ui.columns import COLUMN_INDEX, COLUMNS
from thaplan_desktop.ui.grid.view import ProjectGridView
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.prompts import ask, tell
from thaplan_desktop.ui.session import PlanSession, Refresh, user_message
from thaplan_desktop.ui.state import NodeKey, PlanState
from thaplan_desktop.workspace import ProjectFields
from thaplan_desktop.workspace.fields import given

TEXTS = {
    "nothing_selected": "ยังไม่ได้เลือกแถว",
    "nothing_to_clear": "ช่องที่เลือกว่างอยู่แล้ว",
    "cleared": "ล้างข้อมูล {count} ช่องแล้ว — กด Ctrl+Z เพื่อเรียกคืน",
    "what_clear": "ล้างข้อมูล {count} ช่อง",
    "deleted": "ลบ {count} รายการแล้ว — กด Ctrl+Z เพื่อเรียกคืน",
    "delete_title": "ลบโครงการ",
    "delete_question": "ลบโครงการ/ครุภัณฑ์ {count} รายการที่เลือกออกจากแผน?\n\nเรียกคืนได้ด้วย เลิกทำ (Ctrl+Z)",
    "delete_yes": "ลบ {count} รายการ",
    "duplicated": "ทำสำเนา {count} รายการแล้ว",
    "edit": "แก้ไขโครงการ",
    "what_add": "เพิ่มโครงการ",
    "what_delete": "ลบโครงการ {count} รายการ",
    "what_duplicate": "ทำสำเนาโครงการ {count} รายการ",
}

# The undo step's name of an edit to one field.
EDIT_LABELS = {
    "name": "แก้ไขชื่อโครงการ",
    "details": "แก้ไขรายละเอียด",
    "budget": "แก้ไขงบประมาณ",
    "location": "แก้ไขสถานที่ดำเนินการ",
    "unit_name": "แก้ไขหน่วยงานรับผิดชอบ",
    "months": "แก้ไขเดือนที่ดำเนินการ",
}


class GridCommands(QObject):
    """What the grid's actions do; ``commit_edit`` is the table model's way to save an edit."""

    def __init__(self, window: QMainWindow, session: PlanSession, state: PlanState, grid: ProjectGridView,
                 guard: EditGuard, current_node: Callable[[], NodeKey], search: QLineEdit) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.state = state
        self.grid = grid
        self.guard = guard
        self.current_node = current_node
        self.search = search

    def commit_edit(self, project_id: int, fields: ProjectFields, settle: Callable[[], None]) -> None:
        """Save a cell's edit as one operation; ``settle()`` once it was saved or refused."""
        names = list(given(fields))
        label = EDIT_LABELS.get(names[0], TEXTS["edit"]) if len(names) == 1 else TEXTS["edit"]
        update = {project_id: fields}

        def failed(exc: BaseException) -> None:
            settle()
            tell(self.window, user_message(exc), warning=True)

        def operation() -> None:
            if "unit_name" in names:  # a new unit name is added to the list in the same step
                self.session.save_rows(updates=update, label=label, done=lambda _r: settle(), failed=failed)
            else:
                self.session.update_projects(update, label=label, done=lambda _r: settle(), failed=failed)

        self.guard.guard(label, operation, cancel=settle)

    def new_project_fields(self) -> ProjectFields:
        """Kind and classification of a new project, from the tree node (or the current row); a department's
        login puts it in its own unit (the only one the server lets it add to)."""
        fields = self._kind_and_place()
        own_unit = self.state.rights.own_unit()
        return fields if own_unit is None else dataclasses.replace(fields, unit_id=own_unit)

    def _kind_and_place(self) -> ProjectFields:
        key = self.current_node()
        if key[0] == "program":
            return ProjectFields(kind=ProjectKind.PROJECT, program_id=key[1])
        if key[0] == "strategy":
            programs = self.state.programs_of(key[1])
            return ProjectFields(kind=ProjectKind.PROJECT, program_id=programs[0].id if programs else None)
        if key[0] == "etype":
            return ProjectFields(kind=ProjectKind.EQUIPMENT, equipment_type_id=key[1] or None)
        if key[0] == "etype_program":
            return ProjectFields(kind=ProjectKind.EQUIPMENT, equipment_type_id=key[1] or None, program_id=key[2])
        if key[0] == "equipment":
            return ProjectFields(kind=ProjectKind.EQUIPMENT)
        if key[0] == "unfiled":
            return ProjectFields(kind=ProjectKind.PROJECT)
        current = self.grid.currentIndex()
        if current.isValid():
            project = self.grid.source().project_at(self.grid.proxy().mapToSource(current).row())
            if project.kind is ProjectKind.EQUIPMENT:
                return ProjectFields(kind=project.kind, program_id=project.program_id,
                                     equipment_type_id=project.equipment_type_id)
            return ProjectFields(kind=project.kind, program_id=project.program_id)
        return ProjectFields(kind=ProjectKind.PROJECT)

    def add_project(self, *, edit: bool = True) -> None:
        """Ctrl+N: a new project in the selected program; its name cell opens for typing."""
        if self.state.edition is None:
            return
        fields = self.new_project_fields()

        def done(refresh: Refresh) -> None:
            if refresh.created:
                self.search.clear()
                if self.grid.select_project(refresh.created[0], COLUMN_INDEX["name"]) and edit:
                    self.grid.edit(self.grid.currentIndex())

        self.guard.guard(TEXTS["what_add"], lambda: self.session.add_project(fields, done=done))

    def clear_selected_cells(self) -> None:
        """Delete or Backspace: empty the selected cells (months off, budget 0) as one undo step."""
        if self.state.edition is None:
            return
        model, proxy = self.grid.source(), self.grid.proxy()
        indexes = self.grid.selectedIndexes() or [self.grid.currentIndex()]
        wanted: dict[int, dict[str, Any]] = {}
        count = 0
        for index in indexes:
            if not index.isValid():
                continue
            source = proxy.mapToSource(index)
            project = model.project_at(source.row())
            spec = COLUMNS[source.column()]
            values = wanted.setdefault(project.id, {})
            if spec.month is not None:
                months = values.get("months", set(project.months))
                if spec.month in months:
                    values["months"] = months - {spec.month}
                    count += 1
            elif spec.editable and spec.parse is not None and spec.setter is not None:
                empty = spec.parse("", self.state)
                if spec.getter(project, self.state) not in (empty, None, ""):
                    values.update(given(spec.setter(empty)))
                    count += 1
        updates = {pid: ProjectFields(**values) for pid, values in wanted.items() if values}
        if not updates:
            self.window.statusBar().showMessage(TEXTS["nothing_to_clear"], 3000)
            return
        label = TEXTS["what_clear"].format(count=count)

        def done(_refresh: Refresh) -> None:
            self.window.statusBar().showMessage(TEXTS["cleared"].format(count=count), 5000)

        self.guard.guard(label, lambda: self.session.save_rows(updates=updates, label=label, done=done))

    def delete_selected(self) -> None:
        """ลบโครงการ: remove the selected rows' projects (one undo step); asks first when more than one goes."""
        ids = self.grid.selected_project_ids()
        if not ids:
            self.window.statusBar().showMessage(TEXTS["nothing_selected"], 3000)
            return
        if len(ids) > 1:
            ask(self.window, TEXTS["delete_title"], TEXTS["delete_question"].format(count=len(ids)),
                TEXTS["delete_yes"].format(count=len(ids)), lambda: self._delete(ids))
        else:
            self._delete(ids)

    def _delete(self, ids: list[int]) -> None:
        row = self.grid.currentIndex().row()
        column = max(self.grid.currentIndex().column(), 0)
        proxy = self.grid.proxy()

        def done(_refresh: Refresh) -> None:
            self.window.statusBar().showMessage(TEXTS["deleted"].format(count=len(ids)), 5000)
            if proxy.rowCount():
                self.grid.setCurrentIndex(proxy.index(min(row, proxy.rowCount() - 1), column))

        self.guard.guard(TEXTS["what_delete"].format(count=len(ids)),
                         lambda: self.session.delete_projects(ids, done=done))

    def duplicate_projects(self) -> None:
        """Ctrl+D: copies of the selected rows right after them."""
        ids = self.grid.selected_project_ids()
        if not ids:
            return

        def done(refresh: Refresh) -> None:
            self.window.statusBar().showMessage(TEXTS["duplicated"].format(count=len(refresh.created)), 4000)
            if refresh.created:
                self.grid.select_project(refresh.created[0])

        self.guard.guard(TEXTS["what_duplicate"].format(count=len(ids)),
                         lambda: self.session.duplicate_projects(ids, done=done))
