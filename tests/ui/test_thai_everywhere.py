"""Thai everywhere Qt draws itself: the compiled Thai strings are current, and every dialog speaks Thai.

The walk opens every dialog the window can open — the app's own and those Qt builds (file dialogs, the
input boxes, message boxes with standard buttons, the overwrite question) — and reads every word a user
sees on it: the title, labels, buttons and their tips, group and tab titles, placeholders, list headings,
the items of drop-down lists. No English word may appear. Allowed: ThaPlan, PDF, Excel, file names and
extensions, and the names printed on the keys of a keyboard (Ctrl+Z, Enter, Tab).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from guihelp import on_next_modal, settle
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from sample_files import sample

from thaplan_desktop.paths import resource
from thaplan_desktop.ui import backup, prompts
from thaplan_desktop.ui.exporting import excel, pdf
from thaplan_desktop.ui.help.guide import show_guide
from thaplan_desktop.ui.importing import controller
from thaplan_desktop.ui.importing.preview_dialog import ImportPreviewDialog
from thaplan_desktop.ui.procedure.amendment_dialog import AmendmentDialog
from thaplan_desktop.ui.settings import LAST_FOLDER_SETTING
from thaplan_desktop.ui.tree import strategies_dialog
from thaplan_desktop.ui.viewer.window import PdfWindow
from thaplan_desktop.workflow.procedure import edit_context
from thaplan_desktop.workflow.steps import STEP_IDS

ALLOWED = {"ThaPlan", "PDF", "Excel"}
KEYS = {"Ctrl", "Shift", "Alt", "Enter", "Tab", "Esc", "Delete", "Del", "Backspace", "Space"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_PATH = re.compile(r"\S*[/\\]\S*")  # a path (the plan's file, the backup folder) is the officer's own name
_FILE = re.compile(r"[^\s“”]*\.(?:[A-Za-z0-9]{2,6})\b|\(\*\)")  # file names and extensions (*.pdf, demo.sqlite)
_CHORD = re.compile(r"\b(?:Ctrl|Shift|Alt)\+\S+")  # Ctrl+Z, as printed on the keys
_COLUMN = re.compile(r"\b[A-Z]{1,2}(?=:)")  # a workbook's column letters (A:, AB:), as Excel shows them
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")


def english(text: str) -> list[str]:
    """The English words of a text a user reads (see the module docstring for what is allowed)."""
    text = _TAG.sub(" ", text or "")
    text = _PATH.sub(" ", text)
    text = _FILE.sub(" ", text)
    text = _CHORD.sub(" ", text)
    text = _COLUMN.sub(" ", text)
    return [w for w in _WORD.findall(text.replace("&", "")) if w not in ALLOWED and w not in KEYS]


def visible_texts(root: QWidget) -> list[str]:
    """Every text a user reads on a dialog: title, labels, buttons and tips, groups, tabs, lists' headings."""
    texts = [root.windowTitle()]
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root):
            texts.append(label.text())
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            texts += [button.text(), button.toolTip()]
    for group in root.findChildren(QGroupBox):
        texts.append(group.title())
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for line in root.findChildren(QLineEdit):
        texts.append(line.placeholderText())
    for combo in root.findChildren(QComboBox):
        if combo.isVisibleTo(root) and not combo.isEditable():
            texts += [combo.itemText(i) for i in range(combo.count())]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        header = getattr(view, "header", None) or getattr(view, "horizontalHeader", None)
        if model is not None and header is not None and view.isVisibleTo(root) and header().isVisibleTo(root):
            columns = model.columnCount(QModelIndex())
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    if isinstance(root, QMessageBox):
        texts += [root.text(), root.informativeText()]
    return texts


class Walk:
    """The dialogs seen on the walk and the English found on them."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.found: list[str] = []

    def check(self, dialog: QWidget, name: str) -> None:
        QCoreApplication.processEvents()
        self.seen.append(name)
        for text in visible_texts(dialog):
            words = english(text)
            if words:
                self.found.append(f"{name}: {words} in {text!r}")

    def close_modal(self, name: str):
        """A handler for ``on_next_modal``: check the dialog, then cancel it."""
        def handle(dialog: QWidget) -> None:
            self.check(dialog, name)
            dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
        return handle


@pytest.fixture
def walk(window, qtbot):
    result = Walk()
    yield result
    settle(qtbot, window)


def _shown(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def test_the_compiled_thai_strings_are_up_to_date_with_the_ts(tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease is not None, "pyside6-lrelease comes with PySide6"
    fresh = tmp_path / "qt_th.qm"
    subprocess.run([lrelease, str(resource("translations") / "qt_th.ts"), "-qm", str(fresh)], check=True,
                   capture_output=True)
    assert fresh.read_bytes() == (resource("translations") / "qt_th.qm").read_bytes(), (
        "run: .venv/bin/pyside6-lrelease resources/translations/qt_th.ts -qm resources/translations/qt_th.qm")


def test_linux_file_dialogs_are_qts_own_and_thai(window, qtbot, walk, tmp_path):
    if sys.platform.startswith("linux"):
        assert QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    shown = {}

    def look(dialog):
        shown["kind"] = type(dialog)
        shown["labels"] = {w.text().replace("&", "") for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog)}
        shown["buttons"] = {w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)}
        walk.close_modal("save")(dialog)

    on_next_modal(look)
    assert prompts.ask_save_path(window, window.settings, "บันทึก", "แผน.pdf", "เอกสาร PDF (*.pdf)", ".pdf") is None
    assert shown["kind"] is QFileDialog  # Qt's own dialog, not the desktop's
    assert {"ค้นหาใน:", "ชื่อไฟล์:", "ชนิดของไฟล์:"} <= shown["labels"]
    assert {"บันทึก", "ยกเลิก"} <= shown["buttons"]
    assert walk.found == [], "\n".join(walk.found)


def test_saving_over_a_file_asks_in_thai(window, qtbot, walk, tmp_path):
    existing = tmp_path / "แผน.pdf"
    existing.write_bytes(b"%PDF-1.4\n")
    window.settings.setValue(LAST_FOLDER_SETTING, str(tmp_path))

    def in_file_dialog(dialog):
        walk.check(dialog, "save")
        dialog.selectFile(str(existing))
        on_next_modal(walk.close_modal("replace?"))  # Qt's own question, with its own Yes/No buttons
        dialog.accept()
        if dialog.isVisible():
            dialog.reject()

    on_next_modal(in_file_dialog)
    prompts.ask_save_path(window, window.settings, "บันทึก", "แผน.pdf", "เอกสาร PDF (*.pdf)", ".pdf")
    assert "replace?" in walk.seen
    assert walk.found == [], "\n".join(walk.found)


@pytest.mark.parametrize("widget_kind", [QLineEdit, QPlainTextEdit, QTextBrowser, QSpinBox])
def test_text_fields_context_menus_are_thai(window, widget_kind):
    widget = widget_kind(window)
    widget.show()
    if widget_kind is QSpinBox:
        line = widget.findChild(QLineEdit)
        menu = line.createStandardContextMenu()
        texts = [a.text() for a in menu.actions()]
    else:
        menu = (widget.createStandardContextMenu() if widget_kind is QLineEdit
                else widget.createStandardContextMenu(QPoint(1, 1)))
        texts = [a.text() for a in menu.actions()]
    assert [t for t in texts if t and english(t.split("\t")[0])] == []
    assert any(t.startswith("คัดลอก") for t in texts)


def test_every_dialog_of_the_window_speaks_thai(window, qtbot, walk, tmp_path, monkeypatch):
    context = window.context
    # ไฟล์: first run, open, export, template, import (Qt's file dialogs and the app's own).
    first = window.opener.show_first_run()
    walk.check(first, "first run")
    first.reject()
    on_next_modal(walk.close_modal("open plan"))
    window.opener.open_file_dialog()
    on_next_modal(walk.close_modal("export pdf"))
    pdf.run(context)
    on_next_modal(walk.close_modal("export excel"))
    excel.run(context)

    def unit_chosen(dialog):
        walk.check(dialog, "template unit")
        on_next_modal(walk.close_modal("template file"))
        dialog.accept()

    on_next_modal(unit_chosen)
    excel.run_template(context)
    on_next_modal(walk.close_modal("import files"))
    controller.run(context)

    # The import preview and the column correction.
    controller.import_files(context, [sample("kruad_pd01_pd02.xlsx")])
    qtbot.waitUntil(lambda: _shown(ImportPreviewDialog) is not None, timeout=30000)
    preview = _shown(ImportPreviewDialog)
    walk.check(preview, "import preview")
    mapping = preview.correct_columns()
    walk.check(mapping, "column mapping")
    mapping.reject()
    preview.reject()

    # The organisation and document texts, and the logo file.
    def document(dialog):
        walk.check(dialog, "document")
        tabs = dialog.findChild(QTabWidget)
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            walk.check(dialog, f"document tab {i}")
        on_next_modal(walk.close_modal("logo file"))
        dialog.choose_logo()
        dialog.reject()

    on_next_modal(document)
    window.action_by_id["document"].trigger()

    # Backups: the list, and the question before a restore.
    backups = backup.run_backup(window.session, window)
    settle(qtbot, window)
    walk.check(backups, "backups")
    backups.backup_now()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: backups.table.rowCount() > 0)
    backups.table.selectRow(0)
    on_next_modal(walk.close_modal("restore?"))
    backups.restore_selected()
    backups.close()

    # แก้ไข: the tree's questions, the strategies of the development plan, removing rows.
    strategy = window.state.strategies[0]
    window.select_node(("strategy", strategy.id))
    for name, command in (("add strategy", window.tree_commands.add_strategy),
                          ("add program", window.tree_commands.add_program),
                          ("renumber", window.tree_commands.renumber_strategy)):
        on_next_modal(walk.close_modal(name))
        command()
    on_next_modal(walk.close_modal("move projects"))
    window.tree_commands.delete_node()
    settle(qtbot, window)
    dialog = strategies_dialog.run(context)
    walk.check(dialog, "strategies")
    dialog.reject()
    window.select_node(("root",))
    window.grid.setCurrentIndex(window.proxy.index(0, 1))
    window.grid.selectionModel().select(window.proxy.index(1, 1), window.grid.selectionModel().SelectionFlag.Select)
    window.action_by_id["delete"].trigger()
    question = _shown(QMessageBox)
    walk.check(question, "delete rows?")
    question.reject()
    window.select_node(("root",))
    window.tree_commands.add_program()  # no strategy chosen: the window's own message
    note = _shown(QMessageBox)
    walk.check(note, "message")
    note.close()

    # ช่วยเหลือ, the procedure and its dialogs, an announced edition's question, the crash report.
    on_next_modal(walk.close_modal("about"))
    window.about()
    guide = show_guide(context)
    walk.check(guide, "guide")
    guide.print_guide()
    printed = _shown(PdfWindow)
    walk.check(printed, "guide printed")
    printed.close()
    guide.close()
    window.show_procedure()
    settle(qtbot, window)
    view = window.procedure_tab.view
    qtbot.waitUntil(lambda: view.state is not None, timeout=10000)
    for name, opened in (("step", lambda: view.edit_step(STEP_IDS[0])), ("trigger", view.edit_trigger),
                         ("extension", view.add_extension), ("posting", view.edit_posting),
                         ("round", lambda: view.edit_round(view.monitoring.fiscal_year, "12m")),
                         ("new round", view.add_round)):
        dialog = opened()
        walk.check(dialog, name)
        dialog.reject()
    on_next_modal(walk.close_modal("chart png"))
    view._ask_export_png()
    edition_id = window.state.edition.id
    holder = []
    window.session.read(lambda ws: edit_context(ws, edition_id), holder.append)
    settle(qtbot, window)
    amendment = AmendmentDialog(holder[0], what="แก้ไขงบประมาณ", parent=window)
    walk.check(amendment, "amendment")
    amendment.reject()
    from thaplan_desktop.ui.errors import install_excepthook

    reporter = install_excepthook(lambda: window)
    reporter.report.emit(str(tmp_path / "thaplan.log"), "Traceback …")
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    walk.check(reporter.dialog, "crash")
    reporter.dialog.close()

    # An export under way: its progress dialog.
    monkeypatch.setattr(pdf, "ask_export_path", lambda *args: tmp_path / "แผน.pdf")
    task = pdf.run(context)
    walk.check(task.dialog, "export progress")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _shown(PdfWindow) is not None, timeout=30000)
    viewer = _shown(PdfWindow)
    walk.check(viewer, "pdf viewer")
    viewer.close()
    pdf.preview(context)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: _shown(PdfWindow) is not None, timeout=30000)
    viewer = _shown(PdfWindow)
    walk.check(viewer, "preview")
    on_next_modal(walk.close_modal("save preview"))
    viewer.save_copy()
    viewer.close()

    assert len(walk.seen) >= 27, walk.seen
    assert walk.found == [], "\n".join(walk.found)
