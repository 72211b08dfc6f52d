"""The main window: the classification tree on the left, the entry grid in the centre, totals below.

It wires the parts together — ``PlanSession`` (the database on the worker), ``PlanState`` (the GUI's copy
of the edition), the item models and views — and holds the handlers of every action declared in
``actions.ACTIONS``. All changes go through the session as workspace operations, so each is committed
at once and undone with Ctrl+Z; the views follow the refresh that every operation sends back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop import __version__
from thaplan_desktop.domain.model import EditionStatus, ProjectKind
from thaplan_desktop.domain.money import format_money
from thaplan_desktop.paths import data_dir, default_database
from thaplan_desktop.ui import hooks
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.actions import (
    ACTIONS,
    build_actions,
    context_menu,
    fill_menus,
    fill_toolbar,
    update_enabled,
)
from thaplan_desktop.ui.columns import COLUMN_INDEX, COLUMNS, NUMBER_COLUMN
from thaplan_desktop.ui.dialogs import TEXTS as DIALOG_TEXTS
from thaplan_desktop.ui.dialogs import FirstRunChoice, FirstRunDialog, MoveProjectsDialog
from thaplan_desktop.ui.grid_model import ProjectFilterProxy, ProjectTableModel
from thaplan_desktop.ui.grid_view import ProjectGridView
from thaplan_desktop.ui.paste import PasteError, parse_tsv, plan_paste, to_tsv
from thaplan_desktop.ui.problems import ProblemsModel, ProblemsPanel
from thaplan_desktop.ui.runner import Runner
from thaplan_desktop.ui.session import EditionData, PlanSession, Refresh, user_message
from thaplan_desktop.ui.state import ROOT, NodeKey, PlanState
from thaplan_desktop.ui.tree_model import ClassificationTreeModel
from thaplan_desktop.ui.tree_view import ClassificationTreeView
from thaplan_desktop.workspace import ProgramUpdate, ProjectFields, StrategyUpdate

log = logging.getLogger(__name__)

TEXTS = {
    "app": "ThaPlan",
    "title": "ThaPlan — {org} — แผนการดำเนินงาน ปีงบประมาณ {year} ({edition})",
    "title_read_only": " — เปิดแบบอ่านอย่างเดียว",
    "title_empty": "ThaPlan — แผนการดำเนินงาน",
    "search": "ค้นหาชื่อ รายละเอียด สถานที่ หรือหน่วยงาน…",
    "edition": "ฉบับ:",
    "edition_item": "ปี {year} · {label}",
    "shown": "แสดง {shown:,} จาก {total:,} รายการ · งบประมาณที่แสดง {budget} บาท",
    "whole": "ทั้งฉบับ {total:,} รายการ · {budget} บาท",
    "grid_tab": "บัญชีโครงการ/กิจกรรม/งบประมาณ",
    "procedure_tab": "ขั้นตอนการจัดทำแผน",
    "problems": "รายการที่ต้องแก้ไข",
    "not_ready": "ส่วนนี้ยังไม่พร้อมใช้งาน",
    "not_ready_detail": "เมนู “{title}” ยังไม่พร้อมใช้งานในรุ่นนี้",
    "undo": "เลิกทำ: {label}",
    "redo": "ทำซ้ำ: {label}",
    "undo_plain": "เลิกทำ",
    "redo_plain": "ทำซ้ำ",
    "saved": "บันทึกแล้ว: {label}",
    "nothing_selected": "ยังไม่ได้เลือกแถว",
    "deleted": "ลบ {count} รายการแล้ว — กด Ctrl+Z เพื่อเรียกคืน",
    "duplicated": "ทำสำเนา {count} รายการแล้ว",
    "moved": "ย้าย {count} รายการไปที่ “{target}” แล้ว",
    "only_equipment": "ย้ายเข้าประเภทครุภัณฑ์ได้เฉพาะรายการครุภัณฑ์ (แบบ ผด.02/1)",
    "add_strategy": "เพิ่มยุทธศาสตร์",
    "strategy_name": "ชื่อยุทธศาสตร์ (เช่น ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน):",
    "add_program": "เพิ่มแผนงาน",
    "program_name": "ชื่อแผนงาน (เช่น แผนงานการศึกษา):",
    "renumber": "เปลี่ยนเลขยุทธศาสตร์",
    "new_number": "เลขที่ของยุทธศาสตร์:",
    "pick_strategy": "เลือกยุทธศาสตร์ในผังทางซ้ายก่อน แล้วจึงเพิ่มแผนงาน",
    "open_title": "เปิดไฟล์แผน",
    "file_filter": "ไฟล์แผน ThaPlan (*.sqlite);;ทุกไฟล์ (*)",
    "opened": "เปิด {path} แล้ว",
    "refused": "แก้ไขไม่ได้",
    "copied": "คัดลอก {rows} แถวแล้ว",
    "busy": "กำลังทำงาน…",
    "strategy_what": "ยุทธศาสตร์ “{name}”",
    "program_what": "แผนงาน “{name}”",
    "additional_opened": "เปิดแผนฉบับเพิ่มเติมแล้ว — เพิ่มโครงการในฉบับนี้",
    "what_add": "เพิ่มโครงการ",
    "what_delete": "ลบโครงการ {count} รายการ",
    "what_duplicate": "ทำสำเนาโครงการ {count} รายการ",
    "what_move": "ย้าย {count} รายการไปที่ “{target}”",
}

_EDIT_LABELS = {
    "name": "แก้ไขชื่อโครงการ",
    "details": "แก้ไขรายละเอียด",
    "budget": "แก้ไขงบประมาณ",
    "location": "แก้ไขสถานที่ดำเนินการ",
    "unit_name": "แก้ไขหน่วยงานรับผิดชอบ",
    "months": "แก้ไขเดือนที่ดำเนินการ",
}


class MainWindow(QMainWindow):
    """The window an officer works in all day."""

    def __init__(self, settings: QSettings, runner: Runner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner or Runner(self)
        self.session = PlanSession(self.runner, self)
        self.state = PlanState(self)
        self.last_message = ""  # the last message shown in a box (tests read it)
        self.first_run_dialog: FirstRunDialog | None = None
        self.amendment_dialog: QWidget | None = None  # open while asking how to change an announced edition
        self._amend_cleared: set[int] = set()  # announced editions the officer chose to amend
        self.setAcceptDrops(True)  # workbooks dropped on the window are imported

        # Models.
        self.grid_model = ProjectTableModel(self.state, self._commit_edit, self)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.grid_model)
        self.tree_model = ClassificationTreeModel(self.state, self)
        self.problems_model = ProblemsModel(self.grid_model, self)

        self._build_widgets()
        self.actions = build_actions(self)
        self._load_export_options()
        self.menus = fill_menus(self.menuBar(), self.actions)
        toolbar = QToolBar(TEXTS["app"], self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        fill_toolbar(toolbar, self.actions)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(TEXTS["edition"]))
        toolbar.addWidget(self.edition_combo)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        self._connect()
        self._restore_layout()
        self._update_title()
        self.update_actions()

    # --- building --------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(TEXTS["search"])
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(240)
        self.edition_combo = QComboBox()
        self.edition_combo.setObjectName("edition_combo")
        self.edition_combo.setMinimumWidth(180)

        # Tree panel.
        self.tree = ClassificationTreeView()
        self.tree.setObjectName("tree")
        self.tree.setModel(self.tree_model)
        tree_buttons = QHBoxLayout()
        tree_buttons.setContentsMargins(0, 0, 0, 0)
        self.tree_buttons: dict[str, QToolButton] = {}
        for key in ("add_strategy", "add_program", "node_up", "node_down", "delete_node"):
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly if key.startswith("add_")
                                      else Qt.ToolButtonStyle.ToolButtonIconOnly)
            self.tree_buttons[key] = button
            tree_buttons.addWidget(button)
        tree_buttons.addStretch(1)
        tree_panel = QWidget()
        tree_layout = QVBoxLayout(tree_panel)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addLayout(tree_buttons)
        tree_layout.addWidget(self.tree)

        # Grid.
        self.grid = ProjectGridView()
        self.grid.setObjectName("grid")
        self.grid.setModel(self.proxy)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(tree_panel)
        self.splitter.addWidget(self.grid)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 1270])

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, TEXTS["grid_tab"])
        # The procedure view (ui/flowchart_view.py) is built when its tab is first shown.
        self.procedure_view: QWidget | None = None
        self.procedure_holder = QWidget()
        QVBoxLayout(self.procedure_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.procedure_holder, TEXTS["procedure_tab"])
        self.tabs.currentChanged.connect(lambda _index: self._fill_procedure_tab())
        self.setCentralWidget(self.tabs)

        # Problems dock.
        self.problems_panel = ProblemsPanel(self.problems_model)
        self.problems_dock = QDockWidget(TEXTS["problems"], self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

        # Status bar.
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shown_label")
        self.whole_label = QLabel()
        self.whole_label.setObjectName("whole_label")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        status = self.statusBar()
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.shown_label)
        status.addPermanentWidget(self.whole_label)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self.update_totals)

    def _connect(self) -> None:
        for key, button in self.tree_buttons.items():
            button.setDefaultAction(self.actions[key])
        self.actions["problems"].toggled.connect(self._show_problems)
        self.problems_dock.visibilityChanged.connect(self.actions["problems"].setChecked)
        self.session.loaded.connect(self._on_loaded)
        self.session.refreshed.connect(self._on_refreshed)
        self.session.closed.connect(self._on_closed)
        self.session.failed.connect(lambda message: self.show_message(message, warning=True))
        self.runner.busy.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.search.textChanged.connect(self._on_search)
        self.edition_combo.activated.connect(self._on_edition_chosen)
        self.tree.selectionModel().currentChanged.connect(self._on_node_changed)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.tree_model.modelAboutToBeReset.connect(self._save_tree_state)
        self.tree_model.modelReset.connect(self._restore_tree_state)
        self.tree_model.rename_requested.connect(self.rename_node_to)
        self.tree_model.projects_dropped.connect(self.reclassify)
        self.tree_model.node_moved.connect(self.move_node)
        self.grid_model.edit_refused.connect(lambda message: self.show_message(message, warning=True))
        self.problems_panel.jump_requested.connect(self.jump_to_project)
        # Totals follow the filter (one signal a keystroke) and the data (a few signals an operation).
        for signal in (self.proxy.filter_changed, self.proxy.modelReset, self.proxy.layoutChanged,
                       self.grid_model.rowsInserted, self.grid_model.rowsRemoved, self.grid_model.dataChanged):
            signal.connect(self._schedule_totals)

    def _restore_layout(self) -> None:
        geometry = self.settings.value(settings_keys.WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            if available is not None:
                self.resize(min(1600, available.width()), min(950, available.height()))
        state = self.settings.value(settings_keys.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value(settings_keys.SPLITTER_STATE)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            tree = max(250, min(360, self.width() // 5))
            self.splitter.setSizes([tree, max(400, self.width() - tree)])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue(settings_keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.setValue(settings_keys.WINDOW_STATE, self.saveState())
        self.settings.setValue(settings_keys.SPLITTER_STATE, self.splitter.saveState())
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Finish pending work, close the file and stop the worker thread."""
        if self.runner.pending or self.session.data is not None:
            self.session.close()
        self.runner.shutdown()

    # --- opening ---------------------------------------------------------------------------------------

    def open_file(self, path: Path, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open a database file."""
        self._amend_cleared.clear()
        self.session.open(Path(path), done=done)

    def open_demo(self, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open the demo plan (built in the user data folder on first use)."""
        self.session.open_demo(data_dir() / "demo.sqlite", done=done)

    def open_initial(self, db: Path | None) -> None:
        """On start: the file named, else the last one, else the default one, else the first-run dialog."""
        path = db or settings_keys.last_database(self.settings)
        if path is None and default_database().exists():
            path = default_database()
        if path is not None:
            self.open_file(path)
        else:
            self.show_first_run()

    def show_first_run(self) -> FirstRunDialog:
        """Ask for a new plan's organisation and year, or offer the demo."""
        dialog = FirstRunDialog(self)
        self.first_run_dialog = dialog
        dialog.finished.connect(lambda _result: self._first_run_done(dialog))
        dialog.open()
        return dialog

    def _first_run_done(self, dialog: FirstRunDialog) -> None:
        choice = dialog.choice
        if choice is FirstRunChoice.CREATE:
            path = default_database()
            if path.exists():
                path = _free_name(path)
            self.session.create(path, **dialog.organisation())
        elif choice is FirstRunChoice.DEMO:
            self.open_demo()
        elif choice is FirstRunChoice.OPEN:
            self.open_file_dialog()
        dialog.deleteLater()
        self.first_run_dialog = None

    def new_file(self) -> None:
        """Create a new plan file: the first-run dialog, with a file name."""
        self.show_first_run()

    def open_file_dialog(self) -> None:
        """Choose a file to open."""
        start = str(self.session.path.parent if self.session.path else data_dir())
        name, _ = QFileDialog.getOpenFileName(self, TEXTS["open_title"], start, TEXTS["file_filter"])
        if name:
            self.open_file(Path(name))

    def _on_loaded(self, data: EditionData) -> None:
        self.state.load(data)
        settings_keys.remember_database(self.settings, data.path)
        self._fill_editions()
        self._update_title()
        self.tree.expandToDepth(0)
        for strategy in self.state.strategies:  # programs in view; the equipment branch stays folded
            self.tree.expand(self.tree_model.index_of_key(("strategy", strategy.id)))
        root = self.tree_model.index_of_key(ROOT)
        self.tree.setCurrentIndex(root)
        self.proxy.set_node(ROOT)
        self.statusBar().showMessage(TEXTS["opened"].format(path=data.path), 5000)
        if data.notice:  # opened read-only, on a network folder, or the daily backup failed
            self.show_message(data.notice, warning=data.read_only)
        self.update_actions()
        self.update_totals()
        self.grid.fit_visible_rows()
        self._fill_procedure_tab()

    def _on_closed(self) -> None:
        """The file was closed (a restore reopens it next): show an empty window meanwhile."""
        if self.session.data is None:
            self._amend_cleared.clear()
            self.state.clear()
            self.edition_combo.clear()
            self._update_title()
            self.update_actions()
            self.update_totals()

    def _fill_editions(self) -> None:
        self.edition_combo.clear()
        for edition in self.state.editions:
            self.edition_combo.addItem(TEXTS["edition_item"].format(year=edition.fiscal_year, label=edition.label),
                                       edition.id)
        if self.state.edition is not None:
            self.edition_combo.setCurrentIndex(self.edition_combo.findData(self.state.edition.id))

    def _on_edition_chosen(self, position: int) -> None:
        edition_id = self.edition_combo.itemData(position)
        if edition_id is not None and edition_id != self.session.edition_id:
            self.session.load_edition(int(edition_id))

    def _update_title(self) -> None:
        org, edition = self.state.organisation, self.state.edition
        if org is None or edition is None:
            self.setWindowTitle(TEXTS["title_empty"])
        else:
            title = TEXTS["title"].format(org=org.name, year=edition.fiscal_year, edition=edition.label)
            if self.session.data is not None and self.session.data.read_only:
                title += TEXTS["title_read_only"]
            self.setWindowTitle(title)

    # --- refreshes -------------------------------------------------------------------------------------

    def _on_refreshed(self, refresh: Refresh) -> None:
        delta = self.state.apply(refresh)
        if delta is not None and delta.meta:
            self._fill_editions()
            self._update_title()
        if refresh.labels and refresh.labels[-1]:
            self.statusBar().showMessage(TEXTS["saved"].format(label=refresh.labels[-1]), 4000)
        self.update_actions()

    def _schedule_totals(self, *_args: Any) -> None:
        if not self._status_timer.isActive():
            self._status_timer.start()

    def update_totals(self) -> None:
        """Count and budget of the rows shown and of the whole edition, in the status bar."""
        total = len(self.grid_model.rows)
        shown, budget = self.proxy.shown_budget()
        whole = self.state.totals_of(ROOT)
        self.shown_label.setText(TEXTS["shown"].format(shown=shown, total=total,
                                                       budget=format_money(budget, always_satang=True)))
        self.whole_label.setText(TEXTS["whole"].format(total=whole.count,
                                                       budget=format_money(whole.budget, always_satang=True)))

    def _on_busy(self, busy: bool, label: str) -> None:
        if busy:
            self.progress.setRange(0, 0)
            self.progress.setFormat(label or TEXTS["busy"])
            self.progress.show()
            self.statusBar().showMessage(label or TEXTS["busy"])
        else:
            self.progress.hide()
            self.statusBar().clearMessage()

    def _on_progress(self, value: int, maximum: int, text: str) -> None:
        self.progress.show()
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        if text:
            self.progress.setFormat(f"{text} %p%")

    # --- enabling --------------------------------------------------------------------------------------

    def update_actions(self) -> None:
        """Enable the actions that apply now; name what undo and redo would do."""
        update_enabled(self, self.actions)
        undo, redo = self.session.undo_label, self.session.redo_label
        for key, label, full, plain in (("undo", undo, TEXTS["undo"], TEXTS["undo_plain"]),
                                        ("redo", redo, TEXTS["redo"], TEXTS["redo_plain"])):
            action = self.actions[key]
            action.setText(full.format(label=label) if label else plain)  # the menu names the step
            action.setIconText(plain)  # the toolbar stays short
            action.setToolTip(full.format(label=label) if label else plain)

    def can_file_open(self) -> bool:
        """A plan is open."""
        return self.state.edition is not None

    def can_undo(self) -> bool:
        """There is something to undo."""
        return bool(self.session.undo_label)

    def can_redo(self) -> bool:
        """There is something to redo."""
        return bool(self.session.redo_label)

    def can_selection(self) -> bool:
        """Grid rows are selected."""
        return self.can_file_open() and bool(self.grid.selectionModel().hasSelection()
                                             or self.grid.currentIndex().isValid())

    def current_node(self) -> NodeKey:
        """The key of the tree node selected (the root when none)."""
        return self.tree_model.key_of(self.tree.currentIndex())

    def can_node_editable(self) -> bool:
        """A strategy or program is selected in the tree."""
        return self.current_node()[0] in ("strategy", "program")

    def can_strategy_node(self) -> bool:
        """A strategy is selected in the tree."""
        return self.current_node()[0] == "strategy"

    def can_strategy_selected(self) -> bool:
        """A strategy (or one of its programs) is selected."""
        return self.current_node()[0] in ("strategy", "program")

    # --- messages --------------------------------------------------------------------------------------

    def show_message(self, text: str, *, warning: bool = False) -> QMessageBox:
        """A message box that does not block the event loop."""
        self.last_message = text
        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                          TEXTS["refused"] if warning else TEXTS["app"], text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- an announced edition: amend it or open an additional one first ---------------------------------

    def guard_edit(self, what: str, proceed: Callable[[], None], cancel: Callable[[], None] | None = None) -> None:
        """Run ``proceed`` now, or — when the shown edition is announced — after the officer chose how.

        The first change to an announced edition asks (``ui/amendment_dialog.py``): record an amendment
        (then this and later changes go ahead) or open an additional edition (then the change is dropped
        and the new edition is shown). ``cancel`` undoes what the grid already showed.
        """
        edition = self.state.edition
        if (edition is None or edition.status is not EditionStatus.ANNOUNCED
                or edition.id in self._amend_cleared):
            proceed()
            return
        try:
            from thaplan_desktop.ui.amendment_dialog import AmendmentDialog
            from thaplan_desktop.workflow.operations import EditChoice
            from thaplan_desktop.workflow.procedure import edit_context
        except ImportError:
            log.warning("amendment dialog not available", exc_info=True)
            proceed()
            return
        if self.amendment_dialog is not None:  # already asking: this change waits for no one
            if cancel is not None:
                cancel()
            return
        edition_id = edition.id

        def ask(context: Any) -> None:
            dialog = AmendmentDialog(context, what=what, parent=self)
            self.amendment_dialog = dialog

            def finished(_result: int) -> None:
                request = dialog.request()
                self.amendment_dialog = None
                dialog.deleteLater()
                if request is None:
                    if cancel is not None:
                        cancel()
                    return

                def done(refresh: Refresh) -> None:
                    if request.choice is EditChoice.AMEND:
                        self._amend_cleared.add(edition_id)
                        proceed()
                    else:
                        if cancel is not None:
                            cancel()
                        self.session.load_edition(int(refresh.result))
                        self.statusBar().showMessage(TEXTS["additional_opened"], 8000)

                def failed(exc: BaseException) -> None:
                    if cancel is not None:
                        cancel()
                    self.show_message(user_message(exc), warning=True)

                self.session.carry_out_edit(edition_id, request, done=done, failed=failed)

            dialog.finished.connect(finished)
            dialog.open()

        self.session.read(lambda ws: edit_context(ws, edition_id), ask)

    # --- grid edits ------------------------------------------------------------------------------------

    def _commit_edit(self, project_id: int, fields: dict[str, Any], settle: Callable[[], None]) -> None:
        label = _EDIT_LABELS.get(next(iter(fields)), "แก้ไขโครงการ") if len(fields) == 1 else "แก้ไขโครงการ"
        update = {project_id: ProjectFields(**fields)}

        def failed(exc: BaseException) -> None:
            settle()
            self.show_message(user_message(exc), warning=True)

        def operation() -> None:
            if "unit_name" in fields:  # a new unit name is added to the list in the same step
                self.session.save_rows(updates=update, label=label, done=lambda _r: settle(), failed=failed)
            else:
                self.session.update_projects(update, label=label, done=lambda _r: settle(), failed=failed)

        self.guard_edit(label, operation, cancel=settle)

    def _new_project_fields(self) -> dict[str, Any]:
        """Kind and classification of a new project, from the tree node (or the current row)."""
        key = self.current_node()
        if key[0] == "program":
            return {"kind": ProjectKind.PROJECT, "program_id": key[1]}
        if key[0] == "strategy":
            programs = self.state.programs_of(key[1])
            return {"kind": ProjectKind.PROJECT, "program_id": programs[0].id if programs else None}
        if key[0] == "etype":
            return {"kind": ProjectKind.EQUIPMENT, "equipment_type_id": key[1] or None}
        if key[0] == "etype_program":
            return {"kind": ProjectKind.EQUIPMENT, "equipment_type_id": key[1] or None, "program_id": key[2]}
        if key[0] == "equipment":
            return {"kind": ProjectKind.EQUIPMENT}
        if key[0] == "unfiled":
            return {"kind": ProjectKind.PROJECT}
        current = self.grid.currentIndex()
        if current.isValid():
            project = self.grid_model.project_at(self.proxy.mapToSource(current).row())
            fields: dict[str, Any] = {"kind": project.kind, "program_id": project.program_id}
            if project.kind is ProjectKind.EQUIPMENT:
                fields["equipment_type_id"] = project.equipment_type_id
            return fields
        return {"kind": ProjectKind.PROJECT}

    def add_project(self, *, edit: bool = True) -> None:
        """Ctrl+N: a new project in the selected program; its name cell opens for typing."""
        if not self.can_file_open():
            return
        fields = self._new_project_fields()

        def done(refresh: Refresh) -> None:
            if refresh.created:
                self.search.clear()
                if self.grid.select_project(refresh.created[0], COLUMN_INDEX["name"]) and edit:
                    self.grid.edit(self.grid.currentIndex())

        self.guard_edit(TEXTS["what_add"], lambda: self.session.add_project(ProjectFields(**fields), done=done))

    def delete_selected(self) -> None:
        """Delete: the selected grid rows (or, in the tree, the selected strategy/program)."""
        if self.tree.hasFocus() and self.can_node_editable():
            self.delete_node()
            return
        ids = self.grid.selected_project_ids()
        if not ids:
            self.statusBar().showMessage(TEXTS["nothing_selected"], 3000)
            return
        row = self.grid.currentIndex().row()
        column = max(self.grid.currentIndex().column(), 0)

        def done(_refresh: Refresh) -> None:
            self.statusBar().showMessage(TEXTS["deleted"].format(count=len(ids)), 5000)
            if self.proxy.rowCount():
                index = self.proxy.index(min(row, self.proxy.rowCount() - 1), column)
                self.grid.setCurrentIndex(index)

        self.guard_edit(TEXTS["what_delete"].format(count=len(ids)),
                        lambda: self.session.delete_projects(ids, done=done))

    def duplicate_projects(self) -> None:
        """Ctrl+D: copies of the selected rows right after them."""
        ids = self.grid.selected_project_ids()
        if not ids:
            return

        def done(refresh: Refresh) -> None:
            self.statusBar().showMessage(TEXTS["duplicated"].format(count=len(refresh.created)), 4000)
            if refresh.created:
                self.grid.select_project(refresh.created[0])

        self.guard_edit(TEXTS["what_duplicate"].format(count=len(ids)),
                        lambda: self.session.duplicate_projects(ids, done=done))

    def undo(self) -> None:
        """Ctrl+Z."""
        self.session.undo()

    def redo(self) -> None:
        """Ctrl+Y."""
        self.session.redo()

    def copy_cells(self) -> None:
        """Ctrl+C: the selected cells as tab-separated text, as spreadsheets copy."""
        indexes = self.grid.selectedIndexes() or ([self.grid.currentIndex()] if self.grid.currentIndex().isValid()
                                                  else [])
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
                source = self.proxy.mapToSource(self.proxy.index(r, c))
                project = self.grid_model.project_at(source.row())
                spec = COLUMNS[c]
                if spec.month is not None:
                    line.append("✓" if spec.month in project.months else "")
                elif c == NUMBER_COLUMN:
                    line.append(str(self.grid_model.numbers[source.row()]))
                else:
                    line.append(spec.format(spec.getter(project, self.state)))
            table.append(line)
        QApplication.clipboard().setText(to_tsv(table))
        self.statusBar().showMessage(TEXTS["copied"].format(rows=len(rows)), 3000)

    def paste(self, text: str | None = None, *, as_new: bool = False) -> bool:
        """Ctrl+V: rows from a spreadsheet overwrite from the current row down; extra rows are new projects.

        All or nothing: a paste that does not fit is refused with a message. Returns True when submitted.
        """
        if not self.can_file_open():
            return False
        if text is None:
            text = QApplication.clipboard().text()
        current = self.grid.currentIndex()
        start_column = current.column() if current.isValid() else COLUMN_INDEX["name"]
        targets = []
        if current.isValid() and not as_new:
            targets = [self.grid_model.project_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                       for r in range(current.row(), self.proxy.rowCount())]
        try:
            rows = parse_tsv(text)  # a pasted ที่ column is ignored: the numbers are the grid's own
            plan = plan_paste(rows, start_column=start_column, targets=targets, state=self.state,
                              new_fields=self._new_project_fields(), as_new=as_new)
        except PasteError as exc:
            self.show_message(str(exc), warning=True)
            return False

        def done(refresh: Refresh) -> None:
            if refresh.created and not plan.updates:
                self.grid.select_project(refresh.created[0], start_column)

        self.guard_edit(plan.label, lambda: self.session.save_rows(
            updates={i: ProjectFields(**fields) for i, fields in plan.updates.items()},
            additions=[ProjectFields(**fields) for fields in plan.additions], label=plan.label, done=done))
        return True

    def paste_as_new(self) -> None:
        """Ctrl+Shift+V: every pasted row becomes a new project."""
        self.paste(as_new=True)

    # --- tree ------------------------------------------------------------------------------------------

    def _on_node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.proxy.set_node(self.tree_model.key_of(current))
        self.update_actions()
        self._schedule_totals()

    def select_node(self, key: NodeKey) -> None:
        """Select a tree node (filters the grid)."""
        index = self.tree_model.index_of_key(key)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _save_tree_state(self) -> None:
        self._expanded = [key for key in self._all_keys() if self.tree.isExpanded(self.tree_model.index_of_key(key))]
        self._current_key = self.current_node()

    def _restore_tree_state(self) -> None:
        for key in getattr(self, "_expanded", []):
            index = self.tree_model.index_of_key(key)
            if index.isValid():
                self.tree.setExpanded(index, True)
        current = getattr(self, "_current_key", ROOT)
        index = self.tree_model.index_of_key(current)
        if not index.isValid():
            index = self.tree_model.index_of_key(ROOT)
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _all_keys(self) -> list[NodeKey]:
        keys: list[NodeKey] = []
        stack = [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.tree_model.rowCount(parent)):
                index = self.tree_model.index(row, 0, parent)
                keys.append(self.tree_model.key_of(index))
                stack.append(index)
        return keys

    def add_strategy(self, name: str | None = None) -> None:
        """Add a strategy at the end (asks its name)."""
        if name is None:
            name, ok = QInputDialog.getText(self, TEXTS["add_strategy"], TEXTS["strategy_name"])
            if not ok or not name.strip():
                return

        def done(refresh: Refresh) -> None:
            new = [s for s in self.state.strategies if s.name == " ".join(name.split())]
            if new:
                self.select_node(("strategy", new[-1].id))

        self.session.add_strategy(name, done=done)

    def add_program(self, name: str | None = None) -> None:
        """Add a program to the selected strategy (asks its name)."""
        key = self.current_node()
        if key[0] == "program":
            key = ("strategy", self.state.program_by_id[key[1]].strategy_id)
        if key[0] != "strategy":
            self.show_message(TEXTS["pick_strategy"])
            return
        if name is None:
            name, ok = QInputDialog.getText(self, TEXTS["add_program"], TEXTS["program_name"])
            if not ok or not name.strip():
                return
        strategy_id = key[1]
        before = {p.id for p in self.state.programs}

        def done(refresh: Refresh) -> None:
            new = [p for p in self.state.programs if p.id not in before]
            if new:
                self.select_node(("program", new[0].id))

        self.session.add_program(strategy_id, name, done=done)

    def rename_node(self) -> None:
        """F2: edit the selected strategy's or program's name in place."""
        index = self.tree.currentIndex()
        if self.can_node_editable():
            self.tree.edit(index.siblingAtColumn(0))

    def rename_node_to(self, key: NodeKey, name: str) -> None:
        """Rename a strategy or program."""
        if key[0] == "strategy":
            self.session.update_strategy(key[1], StrategyUpdate(name=name))
        elif key[0] == "program":
            self.session.update_program(key[1], ProgramUpdate(name=name))

    def renumber_strategy(self, number: int | None = None) -> None:
        """Give the selected strategy another number."""
        key = self.current_node()
        if key[0] != "strategy":
            return
        if number is None:
            current = self.state.strategy_by_id[key[1]].number
            number, ok = QInputDialog.getInt(self, TEXTS["renumber"], TEXTS["new_number"], current, 1, 99)
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
        key = self.current_node()
        index = self.tree_model.index_of_key(key)
        parent_key = self.tree_model.key_of(index.parent())
        siblings = [k for k in self.tree_model.children_keys(parent_key) if k[0] == key[0]]
        position = siblings.index(key) + step
        if 0 <= position < len(siblings):
            self.move_node(key, parent_key, position + (1 if step > 0 else 0))

    def move_node(self, key: NodeKey, parent_key: NodeKey, position: int) -> None:
        """Put a strategy among strategies, or a program under a strategy, before ``position``."""
        kind = key[0]
        siblings = [k for k in self.tree_model.children_keys(parent_key) if k[0] == kind]
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

    def delete_node(self, *, move_to: int | None | bool = False) -> None:
        """Delete the selected strategy or program; projects in it go where the user says.

        ``move_to``: a program id or None (unfiled) skips the question; False asks when needed.
        """
        key = self.current_node()
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
            target = None if move_to is False else move_to
            delete(key[1], move_projects_to=target)
            return
        targets = [(p.id, self.state.program_label(p.id)) for s in self.state.strategies
                   for p in self.state.programs_of(s.id) if p.id not in programs]
        dialog = MoveProjectsDialog(what, count, targets, self)
        self.move_dialog = dialog

        def finished(result: int) -> None:
            if result == MoveProjectsDialog.DialogCode.Accepted:
                delete(key[1], move_projects_to=dialog.program_id())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def reclassify(self, ids: list[int], key: NodeKey) -> None:
        """Projects dropped on a tree node: move them under it (one undo step)."""
        projects = [self.state.projects[i] for i in ids if i in self.state.projects]
        if not projects:
            return
        kind = key[0]
        if kind in ("etype", "etype_program") and any(p.kind is not ProjectKind.EQUIPMENT for p in projects):
            self.show_message(TEXTS["only_equipment"], warning=True)
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
        target = self.tree_model.data(self.tree_model.index_of_key(key)) or ""
        self.guard_edit(TEXTS["what_move"].format(count=len(changes), target=target),
                        lambda: self.session.update_projects(
                            changes, label="ย้ายโครงการ",
                            done=lambda _r: self.statusBar().showMessage(
                                TEXTS["moved"].format(count=len(changes), target=target), 5000)))

    # --- view ------------------------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._schedule_totals()

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus()
        self.search.selectAll()

    def show_all(self) -> None:
        """Clear the search and select the root."""
        self.search.clear()
        self.select_node(ROOT)

    def jump_to_project(self, project_id: int) -> None:
        """Show a project's row, clearing filters that hide it."""
        if not self.grid.select_project(project_id):
            self.show_all()
            self.grid.select_project(project_id)
        self.grid.setFocus()

    def _show_problems(self, visible: bool) -> None:
        was_hidden = self.problems_dock.isHidden()
        self.problems_dock.setVisible(visible)
        if visible and was_hidden:
            self.resizeDocks([self.problems_dock], [max(150, self.height() // 5)], Qt.Orientation.Vertical)

    def toggle_problems(self) -> None:
        """Show or hide the problems panel (the action is checkable)."""
        # The toggled signal already shows/hides the dock.

    def zoom_in(self) -> None:
        """A larger font for the whole window."""
        self._zoom(+1)

    def zoom_out(self) -> None:
        """A smaller font for the whole window."""
        self._zoom(-1)

    def _zoom(self, step: int) -> None:
        app = QApplication.instance()
        font = QFont(app.font())
        size = max(9, min(28, font.pointSize() + step))
        font.setPointSize(size)
        app.setFont(font)
        self.settings.setValue(settings_keys.FONT_SIZE, size)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().lineSpacing() + 10)
        self.grid._heights.clear()
        self.grid.fit_visible_rows()

    def about(self) -> None:
        """About the application."""
        QMessageBox.about(self, DIALOG_TEXTS["about_title"],
                          DIALOG_TEXTS["about"].format(version=__version__, path=self.session.path or "-"))

    # --- hooks other screens provide ---------------------------------------------------------------------

    def _hook(self, name: str, title: str) -> None:
        fn = hooks.resolve(name)
        if fn is None:
            self.show_message(TEXTS["not_ready_detail"].format(title=title) + "\n" + TEXTS["not_ready"])
            return
        fn(hooks.AppContext(window=self, session=self.session, state=self.state))

    def _title_of(self, action_id: str) -> str:
        return next(s.title for s in ACTIONS if s.id == action_id).rstrip("…")

    def export_pdf(self) -> None:
        """ส่งออก PDF (provided by the PDF screen)."""
        self._hook("export_pdf", self._title_of("export_pdf"))

    def export_excel(self) -> None:
        """ส่งออก Excel."""
        self._hook("export_excel", self._title_of("export_excel"))

    def import_excel(self) -> None:
        """นำเข้า Excel."""
        self._hook("import_excel", self._title_of("import_excel"))

    # --- export options: checkable menu entries kept in the settings ----------------------------------

    def _export_option_keys(self) -> dict[str, tuple[str, bool]]:
        from thaplan_desktop.ui.export_pdf import SUBTOTALS_SETTING, THAI_DIGITS_SETTING

        return {"export_thai_digits": (THAI_DIGITS_SETTING, False), "export_subtotals": (SUBTOTALS_SETTING, True)}

    def _load_export_options(self) -> None:
        from thaplan_desktop.ui.export_pdf import setting_value

        for action_id, (key, default) in self._export_option_keys().items():
            self.actions[action_id].setChecked(bool(setting_value(self, key, default)))

    def toggle_export_option(self) -> None:
        """Keep the export options' check marks in the settings, where the exporters read them."""
        for action_id, (key, _default) in self._export_option_keys().items():
            self.settings.setValue(key, self.actions[action_id].isChecked())

    def edit_document(self) -> None:
        """ข้อมูลองค์กรและเอกสาร."""
        self._hook("document", self._title_of("document"))

    def export_template(self) -> None:
        """สร้างแบบฟอร์มให้กองกรอก."""
        self._hook("export_template", self._title_of("export_template"))

    # --- workbooks dropped on the window are imported --------------------------------------------------

    @staticmethod
    def _dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
        return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        """Accept workbooks dragged from the file manager."""
        from thaplan_desktop.ui.import_excel import accepts_drop

        if self.session.data is not None and accepts_drop(self._dropped_paths(event)):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        """Import the workbooks dropped on the window (with the usual preview)."""
        from thaplan_desktop.ui.import_excel import import_dropped

        paths = self._dropped_paths(event)
        if self.session.data is not None and paths:
            event.acceptProposedAction()
            import_dropped(self, paths)
        else:
            super().dropEvent(event)

    def backup(self) -> None:
        """สำรองข้อมูล."""
        self._hook("backup", self._title_of("backup"))

    def restore(self) -> None:
        """กู้คืนข้อมูล."""
        self._hook("restore", self._title_of("restore"))

    def show_procedure(self) -> None:
        """ขั้นตอนการจัดทำแผน: the procedure tab of the shown edition."""
        if self.session.edition_id is None:
            return
        self.tabs.setCurrentWidget(self.procedure_holder)
        self._fill_procedure_tab()
        if self.procedure_view is None:
            self._hook("procedure", self._title_of("procedure"))

    def _fill_procedure_tab(self) -> None:
        """Build the procedure view when its tab is shown (and again for another edition)."""
        if self.tabs.currentWidget() is not self.procedure_holder:
            return
        edition_id = self.session.edition_id
        if edition_id is None:
            return
        if self.procedure_view is not None and getattr(self.procedure_view, "edition_id", None) == edition_id:
            return
        view = _procedure_view(self.session, edition_id)
        if view is None:
            return
        if self.procedure_view is not None:
            self.procedure_view.setParent(None)
            self.procedure_view.deleteLater()
        self.procedure_view = view
        self.procedure_holder.layout().addWidget(view)

    # --- context menus ---------------------------------------------------------------------------------

    def _tree_menu(self, position: Any) -> None:
        menu = context_menu(self.tree, self.actions, ["add_strategy", "add_program", "-", "rename_node",
                                                      "renumber_strategy", "node_up", "node_down", "-",
                                                      "delete_node"])
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def _grid_menu(self, position: Any) -> None:
        menu = context_menu(self.grid, self.actions, ["add_project", "duplicate", "delete", "-", "copy", "paste",
                                                      "paste_new", "-", "undo", "redo"])
        menu.exec(self.grid.viewport().mapToGlobal(position))


def _procedure_view(session: PlanSession, edition_id: int) -> QWidget | None:
    """The procedure view of ``ui/flowchart_view.py`` for an edition (None if that module is missing)."""
    try:
        from thaplan_desktop.ui.flowchart_view import ProcedureView
    except ImportError:
        log.warning("procedure view not available", exc_info=True)
        return None
    return ProcedureView.for_session(session, edition_id)


def _free_name(path: Path) -> Path:
    """``thaplan.sqlite`` taken: ``thaplan-2.sqlite`` …"""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
