"""Every command of the main window, declared once: id, Thai title, shortcut, handler, enabled-when.

Menus (ไฟล์, แก้ไข, มุมมอง, ช่วยเหลือ) and the toolbar are built from ``ACTIONS`` in their order; ``"-"``
entries are separators. ``handler`` and ``enabled_when`` name methods of the main window (the second
without its ``can_`` prefix), so this table is the one place to read what the window can do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar, QWidget

SP = QStyle.StandardPixmap
KS = QKeySequence.StandardKey

MENUS = {
    "file": "&ไฟล์",
    "edit": "&แก้ไข",
    "view": "&มุมมอง",
    "help": "&ช่วยเหลือ",
}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command of the window."""

    id: str
    title: str
    handler: str  # method of the window, called without arguments
    menu: str
    shortcut: QKeySequence.StandardKey | str | None = None
    enabled_when: str | None = None  # window method "can_<name>"
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    checkable: bool = False


def _sep(menu: str) -> ActionSpec:
    return ActionSpec("-", "", "", menu)


ACTIONS: tuple[ActionSpec, ...] = (
    # ไฟล์
    ActionSpec("new_file", "สร้างแผนใหม่…", "new_file", "file", icon=SP.SP_FileIcon),
    ActionSpec("open_file", "เปิดไฟล์แผน…", "open_file_dialog", "file", KS.Open, icon=SP.SP_DialogOpenButton),
    ActionSpec("open_demo", "เปิดแผนตัวอย่าง", "open_demo", "file"),
    _sep("file"),
    ActionSpec("document", "ข้อมูลองค์กรและเอกสาร…", "edit_document", "file", enabled_when="file_open",
               tip="ชื่อองค์กร ผู้บริหาร ตราสัญลักษณ์ คำนำ และบทนำของแผน"),
    _sep("file"),
    ActionSpec("import_excel", "นำเข้า Excel…", "import_excel", "file", enabled_when="file_open",
               tip="นำเข้าโครงการจากไฟล์ Excel ของกองต่าง ๆ"),
    ActionSpec("export_excel", "ส่งออก Excel…", "export_excel", "file", enabled_when="file_open"),
    ActionSpec("export_template", "สร้างแบบฟอร์มให้กองกรอก…", "export_template", "file", enabled_when="file_open",
               tip="ไฟล์ Excel ที่กองต่าง ๆ กรอกโครงการแล้วส่งกลับมานำเข้าได้ทันที"),
    ActionSpec("export_pdf", "ส่งออก PDF…", "export_pdf", "file", "Ctrl+P", enabled_when="file_open",
               icon=SP.SP_FileDialogDetailedView, tip="พิมพ์แผนการดำเนินงานเป็นไฟล์ PDF"),
    ActionSpec("export_thai_digits", "เอกสารที่ส่งออกใช้เลขไทย", "toggle_export_option", "file", checkable=True,
               tip="พิมพ์ตัวเลขใน PDF และ Excel เป็นเลขไทย (๐–๙)"),
    ActionSpec("export_subtotals", "แสดงแถวรวมใต้แต่ละแผนงาน", "toggle_export_option", "file", checkable=True,
               tip="แถว “รวม” ใต้แต่ละแผนงานในแบบ ผด.02 และ ผด.02/1"),
    _sep("file"),
    ActionSpec("backup", "สำรองข้อมูล…", "backup", "file", enabled_when="file_open"),
    ActionSpec("restore", "กู้คืนข้อมูล…", "restore", "file"),
    _sep("file"),
    ActionSpec("quit", "ออกจากโปรแกรม", "close", "file", KS.Quit),
    # แก้ไข
    ActionSpec("undo", "เลิกทำ", "undo", "edit", KS.Undo, enabled_when="undo",
               icon=SP.SP_ArrowBack),
    ActionSpec("redo", "ทำซ้ำ", "redo", "edit", "Ctrl+Y", enabled_when="redo",
               icon=SP.SP_ArrowForward),
    _sep("edit"),
    ActionSpec("copy", "คัดลอก", "copy_cells", "edit", KS.Copy, enabled_when="file_open"),
    ActionSpec("paste", "วาง", "paste", "edit", KS.Paste, enabled_when="file_open",
               tip="วางแถวที่คัดลอกจาก Excel: เขียนทับตั้งแต่แถวปัจจุบันลงไป เกินท้ายตารางเป็นโครงการใหม่"),
    ActionSpec("paste_new", "วางเป็นโครงการใหม่", "paste_as_new", "edit", "Ctrl+Shift+V", enabled_when="file_open"),
    _sep("edit"),
    ActionSpec("add_project", "เพิ่มโครงการ", "add_project", "edit", "Ctrl+N", enabled_when="file_open",
               icon=SP.SP_FileDialogNewFolder, tip="เพิ่มโครงการในแผนงานที่เลือก (Ctrl+N)"),
    ActionSpec("duplicate", "ทำสำเนาโครงการ", "duplicate_projects", "edit", "Ctrl+D", enabled_when="selection",
               icon=SP.SP_FileLinkIcon, tip="ทำสำเนาแถวที่เลือก (Ctrl+D)"),
    ActionSpec("delete", "ลบโครงการ", "delete_selected", "edit", "Del", enabled_when="selection",
               icon=SP.SP_TrashIcon, tip="ลบแถวที่เลือก (Delete) เรียกคืนได้ด้วย Ctrl+Z"),
    _sep("edit"),
    ActionSpec("add_strategy", "เพิ่มยุทธศาสตร์…", "add_strategy", "edit", enabled_when="file_open"),
    ActionSpec("add_program", "เพิ่มแผนงาน…", "add_program", "edit", enabled_when="strategy_selected"),
    ActionSpec("rename_node", "เปลี่ยนชื่อยุทธศาสตร์/แผนงาน", "rename_node", "edit", enabled_when="node_editable",
               tip="หรือกด F2 ที่ผังยุทธศาสตร์/แผนงานทางซ้าย"),
    ActionSpec("renumber_strategy", "เปลี่ยนเลขยุทธศาสตร์…", "renumber_strategy", "edit",
               enabled_when="strategy_node"),
    ActionSpec("renumber_all", "เรียงเลขยุทธศาสตร์ใหม่ตามลำดับ", "renumber_all", "edit", enabled_when="file_open"),
    ActionSpec("node_up", "เลื่อนขึ้น", "move_node_up", "edit", "Ctrl+Shift+Up", enabled_when="node_editable",
               icon=SP.SP_ArrowUp),
    ActionSpec("node_down", "เลื่อนลง", "move_node_down", "edit", "Ctrl+Shift+Down",
               enabled_when="node_editable", icon=SP.SP_ArrowDown),
    ActionSpec("delete_node", "ลบยุทธศาสตร์/แผนงาน…", "delete_node", "edit", enabled_when="node_editable",
               icon=SP.SP_TrashIcon, tip="ลบยุทธศาสตร์หรือแผนงานที่เลือก (ถามก่อนว่าจะย้ายโครงการไปที่ใด)"),
    # มุมมอง
    ActionSpec("find", "ค้นหา", "focus_search", "view", KS.Find),
    ActionSpec("show_all", "แสดงทั้งหมด", "show_all", "view", "Ctrl+Shift+A"),
    ActionSpec("problems", "รายการที่ต้องแก้ไข", "toggle_problems", "view", "Ctrl+Shift+P", checkable=True),
    ActionSpec("procedure", "ขั้นตอนการจัดทำแผน", "show_procedure", "view", enabled_when="file_open"),
    _sep("view"),
    ActionSpec("zoom_in", "ขยายตัวอักษร", "zoom_in", "view", KS.ZoomIn),
    ActionSpec("zoom_out", "ย่อตัวอักษร", "zoom_out", "view", KS.ZoomOut),
    # ช่วยเหลือ
    ActionSpec("about", "เกี่ยวกับ ThaPlan", "about", "help"),
)


# Toolbar buttons, in order ("-": separator).
TOOLBAR: tuple[str, ...] = ("add_project", "duplicate", "delete", "-", "undo", "redo", "-", "export_pdf")


def build_actions(window: Any, specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, QAction]:
    """QActions for the specs, connected to the window's handlers; menus and toolbar are built from them."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        if spec.id == "-":
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
        handler: Callable[[], Any] = getattr(window, spec.handler)
        action.triggered.connect(lambda _checked=False, h=handler: h())
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


def update_enabled(window: Any, actions: dict[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
    """Enable each action whose ``enabled_when`` holds."""
    for spec in specs:
        if spec.id == "-" or spec.enabled_when is None:
            continue
        actions[spec.id].setEnabled(bool(getattr(window, f"can_{spec.enabled_when}")()))


def context_menu(parent: QWidget, actions: dict[str, QAction], ids: list[str]) -> QMenu:
    """A context menu of some actions ("-" for a separator)."""
    menu = QMenu(parent)
    for action_id in ids:
        if action_id == "-":
            menu.addSeparator()
        else:
            menu.addAction(actions[action_id])
    return menu
