"""The main window: the classification tree on the left, the entry grid in the centre, totals below.

It assembles the parts — ``PlanSession`` (the database on the worker), ``PlanState`` (the GUI's copy of
the edition), the item models and views, the command objects of the grid (``grid.commands``,
``grid.clipboard``) and the tree (``tree.commands``), the announced-edition guard, plan opening
(``window.opening``), the status bar (``window.status_panel``) and, for a plan shared on the office's
server, its line there and others' changes (``office.window``) — and builds its menus, toolbar and context
menus from the one declared list in ``actions``. All changes go through the session as workspace
operations, so each is committed at once and undone with Ctrl+Z; the views follow the refresh that every
operation (and every change by another officer) sends back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop import __version__
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.actions import (
    GRID_MENU,
    TREE_MENU,
    build_actions,
    context_menu,
    fill_menus,
    fill_toolbar,
)
from thaplan_desktop.ui.actions import update_enabled as update_enabled_actions
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.dialogs import TEXTS as DIALOG_TEXTS
from thaplan_desktop.ui.exporting.options import ExportOptionsMenu
from thaplan_desktop.ui.grid.clipboard import Clipboard
from thaplan_desktop.ui.grid.commands import GridCommands
from thaplan_desktop.ui.grid.filter import ProjectFilterProxy
from thaplan_desktop.ui.grid.model import ProjectTableModel
from thaplan_desktop.ui.grid.view import ProjectGridView
from thaplan_desktop.ui.importing.drop import WorkbookDrop
from thaplan_desktop.ui.office.window import OfficePanel, title_suffix
from thaplan_desktop.ui.problems import ProblemsModel, ProblemsPanel
from thaplan_desktop.ui.procedure.edit_guard import EditGuard
from thaplan_desktop.ui.procedure.tab import ProcedureTab
from thaplan_desktop.ui.prompts import show_status, tell
from thaplan_desktop.ui.runner import Runner
from thaplan_desktop.ui.session import EditionData, PlanSession, Refresh
from thaplan_desktop.ui.state import ROOT, NodeKey, PlanState
from thaplan_desktop.ui.tracking.tab import TrackingTab
from thaplan_desktop.ui.tree.commands import TreeCommands
from thaplan_desktop.ui.tree.model import ClassificationTreeModel
from thaplan_desktop.ui.tree.view import ClassificationTreeView
from thaplan_desktop.ui.window.opening import PlanOpener
from thaplan_desktop.ui.window.screens import Screens, install_screens
from thaplan_desktop.ui.window.start_panel import GridArea
from thaplan_desktop.ui.window.status_panel import StatusPanel, read_only_reason
from thaplan_desktop.workspace import Location

TEXTS = {
    "app": "ThaPlan",
    # Qt adds the application's name (ThaPlan) after the title on Windows and Linux: the title never says it.
    "title": "{org} — แผนการดำเนินงาน ปีงบประมาณ {year} ({edition})",
    "title_read_only": " — อ่านอย่างเดียว: {why}",
    "title_empty": "แผนการดำเนินงาน",
    "search": "ค้นหาชื่อ รายละเอียด สถานที่ หรือหน่วยงาน…",
    "edition": "ฉบับ:",
    "edition_item": "ปี {year} · {label}",
    "grid_tab": "บัญชีโครงการ/กิจกรรม/งบประมาณ",
    "procedure_tab": "ขั้นตอนการจัดทำแผน",
    "problems": "รายการที่ต้องแก้ไข",
    "undo": "เลิกทำ: {label}",
    "redo": "ทำซ้ำ: {label}",
    "undo_plain": "เลิกทำ",
    "redo_plain": "ทำซ้ำ",
    "saved": "บันทึกแล้ว: {label}",
    "undone": "เลิกทำแล้ว: {label}",
    "redone": "ทำซ้ำแล้ว: {label}",
    "opened": "เปิด {path} แล้ว",
}

_TREE_BUTTONS = ("add_strategy", "add_program", "node_up", "node_down", "delete_node")


class MainWindow(QMainWindow):
    """The window an officer works in all day."""

    def __init__(self, settings: QSettings, runner: Runner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings: QSettings = settings
        self.runner: Runner = runner or Runner(self)
        self.session: PlanSession = PlanSession(self.runner, self)
        self.state: PlanState = PlanState(self)
        self.context: ScreenContext = ScreenContext(window=self, session=self.session, state=self.state, settings=settings)

        # Models and views.
        self.grid_model = ProjectTableModel(self.state, parent=self)
        self.proxy = ProjectFilterProxy(self.grid_model, self)
        self.tree_model = ClassificationTreeModel(self.state, self)
        self.problems_model = ProblemsModel(self.grid_model, self)
        self._build_widgets()

        # What the actions do.
        self.guard: EditGuard = EditGuard(self.session, self.state, self)
        self.opener: PlanOpener = PlanOpener(self, self.session, settings, self.guard)
        self.tree_commands: TreeCommands = TreeCommands(self, self.session, self.state, self.tree, self.tree_model, self.guard)
        self.grid_commands: GridCommands = GridCommands(self, self.session, self.state, self.grid, self.guard,
                                          self.tree.current_key, self.search)
        self.grid_model.commit = self.grid_commands.commit_edit
        self.clipboard: Clipboard = Clipboard(self, self.session, self.state, self.grid, self.guard,
                                   self.grid_commands.new_project_fields)
        self.status_panel: StatusPanel = StatusPanel(self, self.state, self.proxy, self.runner)
        self.office: OfficePanel = OfficePanel(self, self.session, self.state)  # a server plan; others' changes
        self.workbook_drop = WorkbookDrop(self.context)  # workbooks dropped on the window are imported
        self.screens: Screens = install_screens(self)  # ติดตามผล, ปฏิทิน, ภาพรวม, จัดซื้อจัดจ้าง tabs
        self.tracking_tab: TrackingTab = self.screens.tracking

        self.action_by_id: dict[str, QAction] = build_actions(self)
        self.grid_area.add_panel(self.action_by_id)
        self.export_options: ExportOptionsMenu = ExportOptionsMenu(settings, self.action_by_id)
        self.menus = fill_menus(self.menuBar(), self.action_by_id)
        toolbar = QToolBar(TEXTS["app"], self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        fill_toolbar(toolbar, self.action_by_id)
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
        self.tree = ClassificationTreeView(self.tree_model)
        self.tree.setObjectName("tree")
        tree_buttons = QHBoxLayout()
        tree_buttons.setContentsMargins(0, 0, 0, 0)
        self.tree_buttons: dict[str, QToolButton] = {}
        for key in _TREE_BUTTONS:
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
        self.grid = ProjectGridView(self.proxy)
        self.grid.setObjectName("grid")
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.grid_area = GridArea(self.grid, self.state)  # the next steps instead, while the plan is empty

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(tree_panel)
        self.splitter.addWidget(self.grid_area)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 1270])

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, TEXTS["grid_tab"])
        self.procedure_tab = ProcedureTab(self.session)  # its view is built when the tab is first shown
        self.tabs.addTab(self.procedure_tab, TEXTS["procedure_tab"])
        self.tabs.currentChanged.connect(lambda _index: self._fill_procedure_tab())
        self.setCentralWidget(self.tabs)

        # Problems dock.
        self.problems_panel = ProblemsPanel(self.problems_model)
        self.problems_dock = QDockWidget(TEXTS["problems"], self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems_panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    def _connect(self) -> None:
        for key, button in self.tree_buttons.items():
            button.setDefaultAction(self.action_by_id[key])
        self.problems_dock.visibilityChanged.connect(self.action_by_id["problems"].setChecked)
        self.session.loaded.connect(self._on_loaded)
        self.session.refreshed.connect(self._on_refreshed)
        self.session.closed.connect(self._on_closed)
        self.session.failed.connect(lambda message: tell(self, message, warning=True))
        self.search.textChanged.connect(self._on_search)
        self.edition_combo.activated.connect(self._on_edition_chosen)
        selection = self.tree.selectionModel()
        if selection is not None:
            selection.currentChanged.connect(self._on_node_changed)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.grid.clear_requested.connect(self.action_by_id["clear_cells"].trigger)  # Backspace, as Delete
        grid_selection = self.grid.selectionModel()
        if grid_selection is not None:
            grid_selection.selectionChanged.connect(lambda *_: self.update_actions())
        self.grid_model.edit_refused.connect(lambda message: tell(self, message, warning=True))
        self.problems_panel.jump_requested.connect(self.jump_to_project)

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

    # --- opening (the application and the benchmarks start here) ----------------------------------------

    def open_file(self, path: Path, *, done: Callable[[EditionData], None] | None = None) -> None:
        """Open a database file."""
        self.opener.open_file(path, done=done)

    def open_initial(self, db: Location | None) -> None:
        """On start: the plan named, else the last one, else the default file, else the first-run dialog."""
        self.opener.open_initial(db)

    # --- following the session ---------------------------------------------------------------------------

    def _on_loaded(self, data: EditionData) -> None:
        self.state.load(data)
        settings_keys.remember_database(self.settings, data.location or data.path)
        self._fill_editions()
        self._update_title()
        self.tree.expandToDepth(0)
        for strategy in self.state.strategies:  # programs in view; the equipment branch stays folded
            self.tree.expand(self.tree_model.index_of_key(("strategy", strategy.id)))
        self.tree.setCurrentIndex(self.tree_model.index_of_key(ROOT))
        self.proxy.set_node(ROOT)
        self.statusBar().showMessage(TEXTS["opened"].format(path=data.path), 5000)
        if data.notice and (data.read_only or not data.on_server):  # read-only, a network folder, no backup
            tell(self, data.notice, warning=data.read_only)  # (a department's rights: the status bar says)
        self.update_actions()
        self.status_panel.update_totals()
        self.grid.fit_visible_rows()
        self._fill_procedure_tab()

    def _on_closed(self) -> None:
        """The file was closed (a restore reopens it next): show an empty window meanwhile."""
        if self.session.data is None:
            self.guard.forget()
            self.state.clear()
            self.edition_combo.clear()
            self._update_title()
            self.update_actions()
            self.status_panel.update_totals()

    def _on_refreshed(self, refresh: Refresh) -> None:
        delta = self.state.apply(refresh)
        if delta is not None and delta.meta:
            self._fill_editions()
            self._update_title()
        if refresh.labels and refresh.labels[-1] and refresh.history != "others":  # others: ``office`` says
            said = {"undo": TEXTS["undone"], "redo": TEXTS["redone"]}.get(refresh.history, TEXTS["saved"])
            show_status(self, said.format(label=refresh.labels[-1]), 4000)  # after the runner's idle note
        self.update_actions()

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
            title += title_suffix(self.session.data)
            if self.state.read_only:
                title += TEXTS["title_read_only"].format(why=read_only_reason(self.state.read_only_notice))
            self.setWindowTitle(title)
        self.status_panel.show_read_only(self.state.read_only, self.state.read_only_notice)

    def update_actions(self) -> None:
        """Enable the actions that apply now; name what undo and redo would do."""
        update_enabled_actions(self, self.action_by_id)
        undo, redo = self.session.undo_label, self.session.redo_label
        for key, label, full, plain in (("undo", undo, TEXTS["undo"], TEXTS["undo_plain"]),
                                        ("redo", redo, TEXTS["redo"], TEXTS["redo_plain"])):
            action = self.action_by_id[key]
            action.setText(full.format(label=label) if label else plain)  # the menu names the step
            action.setIconText(plain)  # the toolbar stays short
            action.setToolTip(full.format(label=label) if label else plain)

    # --- the tree selects what the grid shows ------------------------------------------------------------

    def _on_node_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.proxy.set_node(self.tree_model.key_of(current))
        self.update_actions()
        self.status_panel.schedule_totals()

    def select_node(self, key: NodeKey) -> None:
        """Select a tree node (filters the grid)."""
        self.tree.select_key(key)

    def current_node(self) -> NodeKey:
        """The key of the tree node selected (the root when none)."""
        return self.tree.current_key()

    # --- view ------------------------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self.status_panel.schedule_totals()

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

    def show_problems(self, visible: bool) -> None:
        """Show or hide the problems panel."""
        was_hidden = self.problems_dock.isHidden()
        self.problems_dock.setVisible(visible)
        if visible and was_hidden:
            self.resizeDocks([self.problems_dock], [max(150, self.height() // 5)], Qt.Orientation.Vertical)

    def zoom(self, step: int) -> None:
        """A larger (+1) or smaller (-1) font for the whole window, kept in the settings."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        font = QFont(app.font())
        size = max(9, min(28, font.pointSize() + step))
        font.setPointSize(size)
        app.setFont(font)
        self.settings.setValue(settings_keys.FONT_SIZE, size)
        self.grid.relayout_rows()

    def about(self) -> None:
        """About the application."""
        QMessageBox.about(self, DIALOG_TEXTS["about_title"],
                          DIALOG_TEXTS["about"].format(version=__version__, path=self.session.path or "-"))

    def show_procedure(self) -> None:
        """ขั้นตอนการจัดทำแผน: the procedure tab of the shown edition."""
        if self.session.edition_id is None:
            return
        self.tabs.setCurrentWidget(self.procedure_tab)
        self._fill_procedure_tab()

    def _fill_procedure_tab(self) -> None:
        """Build the procedure view when its tab is shown (and again for another edition)."""
        edition_id = self.session.edition_id
        if self.tabs.currentWidget() is self.procedure_tab and edition_id is not None:
            self.procedure_tab.show_edition(edition_id)

    def _tree_menu(self, position: QPoint) -> None:
        context_menu(self.tree, self.action_by_id, TREE_MENU).exec(self.tree.viewport().mapToGlobal(position))

    def _grid_menu(self, position: QPoint) -> None:
        context_menu(self.grid, self.action_by_id, GRID_MENU).exec(self.grid.viewport().mapToGlobal(position))
