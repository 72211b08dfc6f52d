"""Every command of the main window, declared once: id, Thai title, shortcut, handler, enabled-when.

Menus (ไฟล์, แก้ไข, มุมมอง, ช่วยเหลือ), the toolbar and the context menus are built from ``ACTIONS`` in
their order; ``"-"`` entries are separators. ``handler`` and ``enabled_when`` are functions of the main
window, calling the command object or the screen that does the work (so a renamed command is a type
error here), which makes this table the one place to read what the window can do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

from thaplan_desktop.ui import backup, dashboard, document_dialog, office, procurement
from thaplan_desktop.ui import calendar as calendar_screen
from thaplan_desktop.ui.exporting import excel, pdf
from thaplan_desktop.ui.help import guide
from thaplan_desktop.ui.importing import controller as importing
from thaplan_desktop.ui.procurement import export as procurement_export
from thaplan_desktop.ui.tracking import install as tracking
from thaplan_desktop.ui.tree import strategies_dialog

if TYPE_CHECKING:
    from thaplan_desktop.ui.main_window import MainWindow

SP = QStyle.StandardPixmap
KS = QKeySequence.StandardKey

MENUS = {
    "file": "&ไฟล์",
    "edit": "&แก้ไข",
    "view": "&มุมมอง",
    "help": "&ช่วยเหลือ",
}

Handler = Callable[["MainWindow"], object]
Condition = Callable[["MainWindow"], bool]


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command of the window."""

    id: str
    title: str
    handler: Handler | None  # called with the window when the action is triggered (None: a separator)
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None
    enabled_when: Condition | None = None  # the action is enabled while this holds
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    checkable: bool = False


def _sep(menu: str) -> ActionSpec:
    return ActionSpec("-", "", None, menu)


# --- when an action applies ------------------------------------------------------------------------------

def file_open(w: MainWindow) -> bool:
    """A plan is open."""
    return w.state.edition is not None


def editable(w: MainWindow) -> bool:
    """A plan is open and this copy may change all of it (not the read-only second copy, nor a department)."""
    return file_open(w) and w.state.rights.edits_everything


def rows_editable(w: MainWindow) -> bool:
    """A plan is open and this copy may change some of its rows (a department: its own units' projects)."""
    return file_open(w) and w.state.rights.edits_rows


def has_selection(w: MainWindow) -> bool:
    """Grid rows are selected."""
    selection = w.grid.selectionModel()
    return file_open(w) and ((selection is not None and selection.hasSelection()) or w.grid.currentIndex().isValid())


def selection_editable(w: MainWindow) -> bool:
    """Grid rows are selected and every one of them may be changed."""
    if not (rows_editable(w) and has_selection(w)):
        return False
    if w.state.rights.edits_everything:
        return True
    selection = w.grid.selectionModel()
    chosen = selection.selection() if selection is not None else None
    parts = [chosen.at(i) for i in range(chosen.count())] if chosen is not None else []
    rows = {row for part in parts for row in range(part.top(), part.bottom() + 1)} or {w.grid.currentIndex().row()}
    table, proxy = w.grid.source(), w.grid.proxy()
    return all(w.state.may_edit(table.project_at(proxy.mapToSource(proxy.index(row, 0)).row())) for row in rows)


def node_editable(w: MainWindow) -> bool:
    """A strategy or program is selected in the tree, and the plan may be changed."""
    return editable(w) and w.tree_commands.node_editable()


def strategy_node(w: MainWindow) -> bool:
    """A strategy is selected in the tree, and the plan may be changed."""
    return editable(w) and w.tree_commands.strategy_node()


def _delete_key(w: MainWindow) -> None:
    """Delete: the selected strategy or program when the tree has the focus, else clear the grid's cells."""
    if w.tree.hasFocus() and w.tree_commands.node_editable():
        w.tree_commands.delete_node()
    else:
        w.grid_commands.clear_selected_cells()


ACTIONS: tuple[ActionSpec, ...] = (
    # ไฟล์
    ActionSpec("new_file", "สร้างแผนใหม่…", lambda w: w.opener.show_first_run(), "file", icon=SP.SP_FileIcon),
    ActionSpec("open_file", "เปิดไฟล์แผน…", lambda w: w.opener.open_file_dialog(), "file", KS.Open,
               icon=SP.SP_DialogOpenButton),
    ActionSpec("open_demo", "เปิดแผนตัวอย่าง", lambda w: w.opener.open_demo(), "file"),
    ActionSpec("connect_office", office.MENU_TITLE, lambda w: w.opener.show_connect_dialog(), "file",
               tip=office.MENU_TIP),
    _sep("file"),
    ActionSpec("document", "ข้อมูลองค์กรและเอกสาร…", lambda w: document_dialog.run(w.context), "file",
               enabled_when=editable, tip="ชื่อองค์กร ผู้บริหาร ตราสัญลักษณ์ คำนำ และบทนำของแผน"),
    _sep("file"),
    ActionSpec("import_excel", "นำเข้า Excel…", lambda w: importing.run(w.context), "file", enabled_when=editable,
               tip="นำเข้าโครงการจากไฟล์ Excel ของกองต่าง ๆ"),
    ActionSpec("export_excel", "ส่งออก Excel…", lambda w: excel.run(w.context), "file", enabled_when=file_open),
    ActionSpec("export_template", "สร้างแบบฟอร์มให้กองกรอก…", lambda w: excel.run_template(w.context), "file",
               enabled_when=file_open, tip="ไฟล์ Excel ที่กองต่าง ๆ กรอกโครงการแล้วส่งกลับมานำเข้าได้ทันที"),
    ActionSpec("export_procurement", procurement.EXPORT_TITLE, lambda w: procurement_export.run(w.context), "file",
               enabled_when=file_open, tip=procurement.EXPORT_TIP),
    _sep("file"),
    *(ActionSpec(**e.as_action_spec_fields()) for e in tracking.MENU_ENTRIES if e.menu == "file"),
    _sep("file"),
    ActionSpec("preview_pdf", "ดูตัวอย่างเอกสาร", lambda w: pdf.preview(w.context), "file", "Ctrl+Alt+P",
               enabled_when=file_open, icon=SP.SP_FileDialogContentsView,
               tip="ดูแผนการดำเนินงานทั้งเล่มอย่างที่จะพิมพ์ ก่อนบันทึกเป็นไฟล์ PDF"),
    ActionSpec("export_pdf", "ส่งออก PDF…", lambda w: pdf.run(w.context), "file", "Ctrl+P", enabled_when=file_open,
               icon=SP.SP_FileDialogDetailedView, tip="พิมพ์แผนการดำเนินงานเป็นไฟล์ PDF"),
    ActionSpec("export_thai_digits", "เอกสารที่ส่งออกใช้เลขไทย", lambda w: w.export_options.save(), "file",
               checkable=True, tip="พิมพ์ตัวเลขใน PDF และ Excel เป็นเลขไทย (๐–๙)"),
    ActionSpec("export_summary_equipment", "บัญชีสรุป ผด.01 รวมครุภัณฑ์ (ผด.02/1)", lambda w: w.export_options.save(),
               "file", checkable=True,
               tip="นับครุภัณฑ์ตามแบบ ผด.02/1 รวมในจำนวนและงบประมาณของบัญชีสรุป ผด.01 ใน PDF"),
    ActionSpec("export_subtotals", "แสดงแถวรวมใต้แต่ละแผนงาน", lambda w: w.export_options.save(), "file",
               checkable=True, tip="แถว “รวม” ใต้แต่ละแผนงานในแบบ ผด.02 และ ผด.02/1"),
    _sep("file"),
    ActionSpec("backup", "สำรองข้อมูล…", lambda w: backup.run_backup(w.session, w), "file", enabled_when=file_open),
    ActionSpec("restore", "กู้คืนข้อมูล…", lambda w: backup.run_restore(w.session, w), "file"),
    _sep("file"),
    ActionSpec("quit", "ออกจากโปรแกรม", lambda w: w.close(), "file", KS.Quit),
    # แก้ไข
    ActionSpec("undo", "เลิกทำ", lambda w: w.session.undo(), "edit", KS.Undo,
               enabled_when=lambda w: rows_editable(w) and bool(w.session.undo_label), icon=SP.SP_ArrowBack),
    ActionSpec("redo", "ทำซ้ำ", lambda w: w.session.redo(), "edit", "Ctrl+Y",
               enabled_when=lambda w: rows_editable(w) and bool(w.session.redo_label), icon=SP.SP_ArrowForward),
    _sep("edit"),
    ActionSpec("copy", "คัดลอก", lambda w: w.clipboard.copy_cells(), "edit", KS.Copy, enabled_when=file_open),
    ActionSpec("paste", "วาง", lambda w: w.clipboard.paste(), "edit", KS.Paste, enabled_when=rows_editable,
               tip="วางแถวที่คัดลอกจาก Excel: เขียนทับตั้งแต่แถวปัจจุบันลงไป เกินท้ายตารางเป็นโครงการใหม่"),
    ActionSpec("paste_new", "วางเป็นโครงการใหม่", lambda w: w.clipboard.paste_as_new(), "edit", "Ctrl+Shift+V",
               enabled_when=rows_editable),
    _sep("edit"),
    ActionSpec("add_project", "เพิ่มโครงการ", lambda w: w.grid_commands.add_project(), "edit", "Ctrl+N",
               enabled_when=lambda w: rows_editable(w) and (editable(w) or w.state.rights.own_unit() is not None), icon=SP.SP_FileDialogNewFolder, tip="เพิ่มโครงการในแผนงานที่เลือก (Ctrl+N)"),
    ActionSpec("duplicate", "ทำสำเนาโครงการ", lambda w: w.grid_commands.duplicate_projects(), "edit", "Ctrl+D",
               enabled_when=selection_editable, icon=SP.SP_FileLinkIcon, tip="ทำสำเนาแถวที่เลือก (Ctrl+D)"),
    ActionSpec("clear_cells", "ล้างข้อมูลในช่อง", _delete_key, "edit", "Del", enabled_when=selection_editable,
               tip="ลบข้อมูลในช่องที่เลือก (Delete หรือ Backspace) โครงการยังอยู่ เรียกคืนได้ด้วย Ctrl+Z"),
    ActionSpec("delete", "ลบโครงการ…", lambda w: w.grid_commands.delete_selected(), "edit", "Ctrl+Del",
               enabled_when=selection_editable, icon=SP.SP_TrashIcon,
               tip="ลบแถวที่เลือกทั้งแถว (Ctrl+Delete) ถามก่อนเมื่อลบมากกว่าหนึ่งรายการ เรียกคืนได้ด้วย Ctrl+Z"),
    _sep("edit"),
    ActionSpec("add_strategies", "เพิ่มยุทธศาสตร์จากแผนพัฒนา…", lambda w: strategies_dialog.run(w.context), "edit",
               enabled_when=editable, tip="วางรายการยุทธศาสตร์และแผนงานจากแผนพัฒนาท้องถิ่นทีเดียวหลายรายการ"),
    ActionSpec("add_strategy", "เพิ่มยุทธศาสตร์…", lambda w: w.tree_commands.add_strategy(), "edit",
               enabled_when=editable),
    ActionSpec("add_program", "เพิ่มแผนงาน…", lambda w: w.tree_commands.add_program(), "edit",
               enabled_when=node_editable),
    ActionSpec("rename_node", "เปลี่ยนชื่อยุทธศาสตร์/แผนงาน", lambda w: w.tree_commands.rename_node(), "edit",
               enabled_when=node_editable, tip="หรือกด F2 ที่ผังยุทธศาสตร์/แผนงานทางซ้าย"),
    ActionSpec("renumber_strategy", "เปลี่ยนเลขยุทธศาสตร์…", lambda w: w.tree_commands.renumber_strategy(), "edit",
               enabled_when=strategy_node),
    ActionSpec("renumber_all", "เรียงเลขยุทธศาสตร์ใหม่ตามลำดับ", lambda w: w.tree_commands.renumber_all(), "edit",
               enabled_when=editable),
    ActionSpec("node_up", "เลื่อนขึ้น", lambda w: w.tree_commands.move_node_up(), "edit", "Ctrl+Shift+Up",
               enabled_when=node_editable, icon=SP.SP_ArrowUp),
    ActionSpec("node_down", "เลื่อนลง", lambda w: w.tree_commands.move_node_down(), "edit", "Ctrl+Shift+Down",
               enabled_when=node_editable, icon=SP.SP_ArrowDown),
    ActionSpec("delete_node", "ลบยุทธศาสตร์/แผนงาน…", lambda w: w.tree_commands.delete_node(), "edit",
               enabled_when=node_editable, icon=SP.SP_TrashIcon,
               tip="ลบยุทธศาสตร์หรือแผนงานที่เลือก (ถามก่อนว่าจะย้ายโครงการไปที่ใด)"),
    # มุมมอง
    ActionSpec("find", "ค้นหา", lambda w: w.focus_search(), "view", KS.Find),
    ActionSpec("show_all", "แสดงทั้งหมด", lambda w: w.show_all(), "view", "Ctrl+Shift+A"),
    ActionSpec("problems", "รายการที่ต้องแก้ไข", lambda w: w.show_problems(w.action_by_id["problems"].isChecked()),
               "view", "Ctrl+Shift+P", checkable=True),
    ActionSpec("procedure", "ขั้นตอนการจัดทำแผน", lambda w: w.show_procedure(), "view", enabled_when=file_open),
    *(ActionSpec(**e.as_action_spec_fields()) for e in tracking.MENU_ENTRIES if e.menu == "view"),
    ActionSpec("calendar", calendar_screen.MENU_TITLE, lambda w: calendar_screen.show(w), "view",
               enabled_when=file_open, tip=calendar_screen.MENU_TIP),
    ActionSpec("dashboard", dashboard.MENU_TITLE, lambda w: dashboard.show(w), "view",
               enabled_when=file_open, tip=dashboard.MENU_TIP),
    ActionSpec("procurement", procurement.MENU_TITLE, lambda w: procurement.show(w), "view",
               enabled_when=file_open, tip=procurement.MENU_TIP),
    _sep("view"),
    ActionSpec("zoom_in", "ขยายตัวอักษร", lambda w: w.zoom(+1), "view", KS.ZoomIn),
    ActionSpec("zoom_out", "ย่อตัวอักษร", lambda w: w.zoom(-1), "view", KS.ZoomOut),
    # ช่วยเหลือ
    ActionSpec("guide", "คู่มือการใช้งาน", lambda w: guide.show_guide(w.context), "help", KS.HelpContents,
               tip="เริ่มต้นใช้งาน วงรอบการจัดทำแผน การนำเข้าไฟล์ และการสำรองข้อมูล พิมพ์ได้"),
    ActionSpec("about", "เกี่ยวกับ ThaPlan", lambda w: w.about(), "help"),
)


# Toolbar buttons, in order ("-": separator).
TOOLBAR: tuple[str, ...] = ("add_project", "duplicate", "delete", "-", "undo", "redo", "-", "preview_pdf",
                             "export_pdf")


# Context menus of the tree and the grid.
TREE_MENU: tuple[str, ...] = ("add_strategy", "add_program", "add_strategies", "-", "rename_node", "renumber_strategy", "node_up",
                              "node_down", "-", "delete_node")
GRID_MENU: tuple[str, ...] = ("add_project", "duplicate", "delete", "-", "copy", "paste", "paste_new", "clear_cells",
                              "-", "undo", "redo")


def build_actions(window: MainWindow, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """QActions for the specs, connected to their handlers; menus and toolbar are built from them."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        handler = spec.handler
        if handler is None:
            continue
        action = QAction(spec.title, window)
        action.setObjectName(f"action_{spec.id}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.icon is not None:
            action.setIcon(window.style().standardIcon(spec.icon))
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        action.triggered.connect(lambda _checked=False, h=handler: h(window))
        actions[spec.id] = action
    return actions


def fill_menus(menubar: QMenuBar, actions: dict[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS
               ) -> dict[str, QMenu]:
    """The four menus, in the order of ``specs``."""
    menus = {key: menubar.addMenu(title) for key, title in MENUS.items()}
    for spec in specs:
        if spec.id == "-":
            menus[spec.menu].addSeparator()
        else:
            menus[spec.menu].addAction(actions[spec.id])
    return menus


def fill_toolbar(toolbar: QToolBar, actions: dict[str, QAction], ids: tuple[str, ...] = TOOLBAR) -> None:
    """Toolbar buttons for ``ids`` ("-" for a separator)."""
    for action_id in ids:
        if action_id == "-":
            toolbar.addSeparator()
        else:
            toolbar.addAction(actions[action_id])


def update_enabled(window: MainWindow, actions: dict[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
    """Enable each action whose ``enabled_when`` holds."""
    for spec in specs:
        if spec.id == "-" or spec.enabled_when is None:
            continue
        actions[spec.id].setEnabled(spec.enabled_when(window))


def context_menu(parent: QWidget, actions: dict[str, QAction], ids: tuple[str, ...]) -> QMenu:
    """A context menu of some actions ("-" for a separator)."""
    menu = QMenu(parent)
    for action_id in ids:
        if action_id == "-":
            menu.addSeparator()
        else:
            menu.addAction(actions[action_id])
    return menu
