"""The tree's commands: add, rename, renumber, reorder and delete strategies (ยุทธศาสตร์) and programs
(แผนงาน), and file the grid rows dropped on a node under it.

Each is one workspace operation through the session (one undo step). Deleting a strategy or program that
holds projects first asks where they go (``dialogs.MoveProjectsDialog``). Reclassifying projects is a
change to them, so it passes the announced-edition guard.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMainWindow

from thaplan_desktop.domain.model import ProjectKind
from thaplan_desktop.ui.dialogs import MoveProjectsDialog
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.session import PlanSession, Refresh
from thaplan_desktop.ui.state import NodeKey, PlanState
from thaplan_desktop.ui.tree.model import ClassificationTreeModel
from thaplan_desktop.ui.tree.view import ClassificationTreeView
from thaplan_desktop.workspace import ProgramUpdate, ProjectFields, StrategyUpdate

TEXTS = {
    "add_strategy": "เพิ่มยุทธศาสตร์",
    "strategy_name": "ชื่อยุทธศาสตร์ (เช่น ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน):",
    "add_program": "เพิ่มแผนงาน",
    "program_name": "ชื่อแผนงาน (เช่น แผนงานการศึกษา):",
    "renumber": "เปลี่ยนเลขยุทธศาสตร์",
    "new_number": "เลขที่ของยุทธศาสตร์:",
    "pick_strategy": "เลือกยุทธศาสตร์ในผังทางซ้ายก่อน แล้วจึงเพิ่มแผนงาน",
    "strategy_what": "ยุทธศาสตร์ “{name}”",
    "program_what": "แผนงาน “{name}”",
    "only_equipment": "ย้ายเข้าประเภทครุภัณฑ์ได้เฉพาะรายการครุภัณฑ์ (แบบ ผด.02/1)",
    "moved": "ย้าย {count} รายการไปที่ “{target}” แล้ว",
    "move_label": "ย้ายโครงการ",
    "what_move": "ย้าย {count} รายการไปที่ “{target}”",
}


class TreeCommands(QObject):
    """What the tree's actions, its in-place renames and its drops do."""

    def __init__(self, window: QMainWindow, session: PlanSession, state: PlanState, tree: ClassificationTreeView,
                 model: ClassificationTreeModel, guard: EditGuard) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.state = state
        self.tree = tree
        self.model = model
        self.guard = guard
        model.rename_requested.connect(self.rename_node_to)
        model.projects_dropped.connect(self.reclassify)
        model.node_moved.connect(self.move_node)

    # --- what is selected ------------------------------------------------------------------------------

    def node_editable(self) -> bool:
        """A strategy or program is selected."""
        return self.tree.current_key()[0] in ("strategy", "program")

    def strategy_node(self) -> bool:
        """A strategy is selected."""
        return self.tree.current_key()[0] == "strategy"

    # --- strategies and programs -----------------------------------------------------------------------

    def add_strategy(self, name: str | None = None) -> None:
        """Add a strategy at the end (asks its name)."""
        if name is None:
            name, ok = QInputDialog.getText(self.window, TEXTS["add_strategy"], TEXTS["strategy_name"])
            if not ok or not name.strip():
                return
        wanted = " ".join(name.split())

        def done(refresh: Refresh) -> None:
            new = [s for s in self.state.strategies if s.name == wanted]
            if new:
                self.tree.select_key(("strategy", new[-1].id))

        self.session.add_strategy(name, done=done)

    def add_program(self, name: str | None = None) -> None:
        """Add a program to the selected strategy (asks its name)."""
        key = self.tree.current_key()
        if key[0] == "program":
            key = ("strategy", self.state.program_by_id[key[1]].strategy_id)
        if key[0] != "strategy":
            tell(self.window, TEXTS["pick_strategy"])
            return
        if name is None:
            name, ok = QInputDialog.getText(self.window, TEXTS["add_program"], TEXTS["program_name"])
            if not ok or not name.strip():
                return
        strategy_id = key[1]
        before = {p.id for p in self.state.programs}

        def done(refresh: Refresh) -> None:
            new = [p for p in self.state.programs if p.id not in before]
            if new:
                self.tree.select_key(("program", new[0].id))

        self.session.add_program(strategy_id, name, done=done)

    def rename_node(self) -> None:
        """F2: edit the selected strategy's or program's name in place."""
        if self.node_editable():
            self.tree.edit(self.tree.currentIndex().siblingAtColumn(0))

    def rename_node_to(self, key: NodeKey, name: str) -> None:
        """Rename a strategy or program."""
        if key[0] == "strategy":
            self.session.update_strategy(key[1], StrategyUpdate(name=name))
        elif key[0] == "program":
            self.session.update_program(key[1], ProgramUpdate(name=name))

    def renumber_strategy(self, number: int | None = None) -> None:
        """Give the selected strategy another number."""
        key = self.tree.current_key()
        if key[0] != "strategy":
            return
        if number is None:
            current = self.state.strategy_by_id[key[1]].number
            number, ok = QInputDialog.getInt(self.window, TEXTS["renumber"], TEXTS["new_number"], current, 1, 99)
            if not ok:
                return
        self.session.update_strategy(key[1], StrategyUpdate(number=number))

    def renumber_all(self) -> None:
        """Number the strategies 1..n in their order."""
        self.session.renumber_strategies()

    def move_node_up(self) -> None:
        """Move the selected strategy or program one place up."""
        self._shift_node(-1)

    def move_node_down(self) -> None:
        """Move the selected strategy or program one place down."""
        self._shift_node(+1)

    def _shift_node(self, step: int) -> None:
        key = self.tree.current_key()
        index = self.model.index_of_key(key)
        parent_key = self.model.key_of(index.parent())
        siblings = [k for k in self.model.children_keys(parent_key) if k[0] == key[0]]
        position = siblings.index(key) + step
        if 0 <= position < len(siblings):
            self.move_node(key, parent_key, position + (1 if step > 0 else 0))

    def move_node(self, key: NodeKey, parent_key: NodeKey, position: int) -> None:
        """Put a strategy among strategies, or a program under a strategy, before ``position``."""
        kind = key[0]
        siblings = [k for k in self.model.children_keys(parent_key) if k[0] == kind]
        if key in siblings and siblings.index(key) < position:
            position -= 1
        order = [k for k in siblings if k != key]
        order.insert(max(0, min(position, len(order))), key)
        ids = [k[1] for k in order]
        if kind == "strategy":
            if order != siblings:
                self.session.reorder_strategies(ids)
        elif kind == "program" and parent_key[0] == "strategy":
            if order != siblings:
                self.session.reorder_programs(parent_key[1], ids)

    def delete_node(self, *, move_to: int | None | Literal[False] = False) -> None:
        """Delete the selected strategy or program; projects in it go where the user says.

        ``move_to``: a program id or None (unfiled) skips the question; False asks when needed.
        """
        key = self.tree.current_key()
        if key[0] not in ("strategy", "program"):
            return
        if key[0] == "strategy":
            programs = {p.id for p in self.state.programs_of(key[1])}
            what = TEXTS["strategy_what"].format(name=self.state.strategy_by_id[key[1]].name)
        else:
            programs = {key[1]}
            what = TEXTS["program_what"].format(name=self.state.program_by_id[key[1]].name)
        count = sum(1 for p in self.state.projects.values() if p.program_id in programs)
        delete = self.session.delete_strategy if key[0] == "strategy" else self.session.delete_program
        if move_to is not False or count == 0:
            delete(key[1], move_projects_to=None if move_to is False else move_to)
            return
        targets = [(p.id, self.state.program_label(p.id)) for s in self.state.strategies
                   for p in self.state.programs_of(s.id) if p.id not in programs]
        dialog = MoveProjectsDialog(what, count, targets, self.window)

        def finished(result: int) -> None:
            if result == MoveProjectsDialog.DialogCode.Accepted:
                delete(key[1], move_projects_to=dialog.program_id())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    # --- projects dropped on a node ----------------------------------------------------------------------

    def reclassify(self, ids: list[int], key: NodeKey) -> None:
        """Projects dropped on a tree node: move them under it (one undo step)."""
        projects = [self.state.projects[i] for i in ids if i in self.state.projects]
        if not projects:
            return
        kind = key[0]
        if kind in ("etype", "etype_program") and any(p.kind is not ProjectKind.EQUIPMENT for p in projects):
            tell(self.window, TEXTS["only_equipment"], warning=True)
            return
        changes: dict[int, ProjectFields] = {}
        for project in projects:
            if kind == "program":
                changes[project.id] = ProjectFields(program_id=key[1])
            elif kind == "unfiled":
                changes[project.id] = ProjectFields(program_id=None)
            elif kind == "etype":
                changes[project.id] = ProjectFields(equipment_type_id=key[1] or None)
            elif kind == "etype_program":
                changes[project.id] = ProjectFields(equipment_type_id=key[1] or None, program_id=key[2])
        if not changes:
            return
        target = self.model.data(self.model.index_of_key(key)) or ""
        moved = TEXTS["moved"].format(count=len(changes), target=target)
        self.guard.guard(TEXTS["what_move"].format(count=len(changes), target=target),
                         lambda: self.session.update_projects(
                             changes, label=TEXTS["move_label"],
                             done=lambda _r: self.window.statusBar().showMessage(moved, 5000)))
