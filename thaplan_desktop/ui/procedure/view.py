"""The procedure screen: the chart of one edition's seven steps beside the panel of its deadlines.

``ProcedureView`` reads the edition's ``ProcedureState`` and the fiscal year's monitoring report
(``monitoring.read_monitoring``) through its backend (``backend``) in one read, draws the plan's chart
(``chart``) with the monitoring report's rounds under it (``monitoring``) and lists the deadlines
(``deadlines``, the rounds' warnings among them); it reads again whenever an operation, undo or redo
touched the procedure or a round. Clicking a box opens the step's dialog, the panel's buttons the trigger,
extension and posting dialogs (``dialogs``), a round's row its dates (``round_dialog``); each dialog's Save
runs the operation through the backend and closes, or stays open saying why it was refused. The chart
scales with the window and exports to PNG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGraphicsScene,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.model import TriggerKind
from thaplan_desktop.domain.tracking import RoundKind
from thaplan_desktop.ui.procedure.backend import (
    DirectBackend,
    Done,
    Failed,
    ProcedureBackend,
    SessionBackend,
    alive,
)
from thaplan_desktop.ui.procedure.chart import ChartView, StepBox, build_scene
from thaplan_desktop.ui.procedure.deadlines import DeadlinePanel
from thaplan_desktop.ui.procedure.dialogs import TEXTS as DIALOG_TEXTS
from thaplan_desktop.ui.procedure.dialogs import (
    ExtensionDialog,
    PostingDialog,
    StepDialog,
    SubmitDialog,
    TriggerDialog,
)
from thaplan_desktop.ui.procedure.monitoring import MonitoringOverview, MonitoringSection, read_monitoring
from thaplan_desktop.ui.procedure.round_dialog import RoundDialog
from thaplan_desktop.ui.session import PlanSession
from thaplan_desktop.workflow import operations as ops
from thaplan_desktop.workflow.procedure import ProcedureState, load_procedure
from thaplan_desktop.workflow.status import StepStatus
from thaplan_desktop.workspace import Workspace, WorkspaceError

TEXTS = {
    "export_png": "บันทึกแผนภูมิเป็นไฟล์ภาพ…",
    "png_filter": "ไฟล์ภาพ (*.png)",
    "png_name": "แผนภูมิขั้นตอน_{year}.png",
    "png_failed": "บันทึกภาพไม่ได้: {path}",
}


class ProcedureView(QWidget):
    """The procedure of one edition: the chart, and the deadlines beside it."""

    stateChanged = Signal(object)  # noqa: N815 - Qt signal naming; the ProcedureState just shown
    failed = Signal(str)  # a Thai message the window may show (reads that went wrong)

    def __init__(self, backend: ProcedureBackend, edition_id: int, *,
                 today: Callable[[], dt.date] | dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.edition_id = edition_id
        self._today_source = today
        self.state: ProcedureState | None = None
        self.monitoring: MonitoringOverview | None = None
        self.boxes: dict[str, StepBox] = {}
        self.dialog: SubmitDialog | None = None

        self.scene = QGraphicsScene(self)
        self.chart = ChartView(self.scene)
        self.panel = DeadlinePanel()
        self.panel.export_button.clicked.connect(self._ask_export_png)
        self.panel.trigger_button.clicked.connect(self.edit_trigger)
        self.panel.extension_button.clicked.connect(self.add_extension)
        self.panel.posting_button.clicked.connect(self.edit_posting)
        self.monitoring_section = MonitoringSection()
        self.monitoring_section.round_requested.connect(self.edit_round)
        self.monitoring_section.add_button.clicked.connect(self.add_round)
        rounds = QScrollArea()
        rounds.setWidget(self.monitoring_section)
        rounds.setWidgetResizable(True)
        rounds.setFrameShape(QFrame.Shape.NoFrame)
        rounds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rounds_area = rounds
        self.left = QSplitter(Qt.Orientation.Vertical)  # the plan's chart above, the monitoring report below
        self.left.addWidget(self.chart)
        self.left.addWidget(rounds)
        self.left.setStretchFactor(0, 1)
        self.left.setStretchFactor(1, 0)
        self.left.setChildrenCollapsible(False)
        self._rounds_shown = -1

        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)  # a wider window widens the chart
        self.splitter.setStretchFactor(1, 0)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        backend.watch(self.reload)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """On first show give the panel about a quarter of the width (the user may drag it later)."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.width(), 600)
            panel = int(min(380, max(250, width * 0.27)))
            self.splitter.setSizes([width - panel, panel])
            self._fit_rounds()

    def _fit_rounds(self) -> None:
        """Give the monitoring section the height its rounds need (at most half), the chart the rest."""
        total = sum(self.left.sizes()) or self.left.height()
        if total <= 0:
            return
        section = self.monitoring_section
        width = self.rounds_area.viewport().width()
        wanted = (section.heightForWidth(width) if section.hasHeightForWidth() and width > 0
                  else section.sizeHint().height()) + 2
        rounds = min(wanted, total // 2)
        self.left.setSizes([total - rounds, rounds])

    # --- construction shortcuts ---------------------------------------------------------------------------

    @classmethod
    def for_workspace(cls, workspace: Workspace, edition_id: int, **kwargs: Any) -> ProcedureView:
        """A view calling ``workspace`` directly on the GUI thread."""
        return cls(DirectBackend(workspace), edition_id, **kwargs)

    @classmethod
    def for_session(cls, session: PlanSession, edition_id: int, **kwargs: Any) -> ProcedureView:
        """A view going through the window's ``PlanSession`` (its worker thread)."""
        return cls(SessionBackend(session), edition_id, **kwargs)

    # --- data ----------------------------------------------------------------------------------------------

    def today(self) -> dt.date:
        """The day deadlines are counted from (injectable for tests and the demo)."""
        source = self._today_source
        if source is None:
            return dt.date.today()
        return source() if callable(source) else source

    def set_edition(self, edition_id: int) -> None:
        """Show another edition."""
        self.edition_id = edition_id
        self.reload()

    def reload(self) -> None:
        """Read the procedure and the year's monitoring report again, and redraw."""
        edition_id, today = self.edition_id, self.today()

        def read(ws: Workspace) -> tuple[ProcedureState, MonitoringOverview]:
            state = load_procedure(ws, edition_id, today=today)
            return state, read_monitoring(ws, state.edition.fiscal_year, today)

        self.backend.read(read, self._show)

    def _show(self, result: tuple[ProcedureState, MonitoringOverview]) -> None:
        state, monitoring = result
        if not alive(self) or state.edition.id != self.edition_id:
            return  # an answer for an edition no longer shown
        self.state = state
        self.monitoring = monitoring
        self.boxes = build_scene(state, self.font(), self.scene)
        for box in self.boxes.values():
            box.clicked.connect(self.edit_step)
        self.monitoring_section.show_overview(monitoring)
        if len(monitoring.rounds) != self._rounds_shown:
            self._rounds_shown = len(monitoring.rounds)
            if self._sized:
                self._fit_rounds()
        self.chart.fit()
        self.panel.show_state(state, monitoring.warnings())
        self.stateChanged.emit(state)

    def box(self, step_id: str) -> StepBox:
        """The box of a step."""
        return self.boxes[step_id]

    # --- editing ---------------------------------------------------------------------------------------------

    def _open(self, dialog: SubmitDialog, submit: Callable[[SubmitDialog], None]) -> SubmitDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog.submit = submit
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: SubmitDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _run(self, dialog: SubmitDialog, operation: Callable[[Done, Failed], None]) -> None:
        """Run ``operation(done, failed)`` (a backend method) for a dialog: it closes or shows the error."""
        def failed(exc: BaseException) -> None:
            if not alive(dialog):
                return
            message = str(exc) if isinstance(exc, WorkspaceError) else f"{type(exc).__name__}: {exc}"
            if isinstance(exc, ops.StepOrderError) and isinstance(dialog, StepDialog):
                dialog.offer_force(message)
            else:
                dialog.fail(message)
        operation(lambda: dialog.succeed() if alive(dialog) else None, failed)

    def edit_step(self, step_id: str) -> StepDialog | None:
        """Open the dialog that edits one step (the click on a box)."""
        if self.state is None:
            return None
        today = self.today()
        dialog = StepDialog(self.state.step(step_id), today, self)
        edition_id = self.edition_id

        def submit(d: SubmitDialog) -> None:
            assert isinstance(d, StepDialog)
            try:
                status = d.status()
                done_on = d.date_of(d.date_edit, DIALOG_TEXTS["date_done"], required=status is StepStatus.DONE) \
                    if status is StepStatus.DONE else None
            except ValueError as exc:
                d.fail(str(exc))
                return
            note = d.note_edit.text()
            reason = d.force_reason.text() if d.force_box.isChecked() else ""
            if d.force_box.isChecked() and not reason.strip():
                d.fail(DIALOG_TEXTS["force_hint"])
                return
            self._run(d, lambda done, failed: self.backend.set_step(
                edition_id, step_id, status=status, done_on=done_on, note=note, force_reason=reason, today=today,
                done=done, failed=failed))

        self._open(dialog, submit)
        return dialog

    def edit_trigger(self) -> SubmitDialog | None:
        """Open the dialog for what opened the 30-day window and when."""
        if self.state is None:
            return None
        edition = self.state.edition
        dialog = TriggerDialog(TriggerKind(edition.trigger_kind), edition.trigger_date, self)
        edition_id = self.edition_id

        def submit(d: SubmitDialog) -> None:
            assert isinstance(d, TriggerDialog)
            try:
                date = d.date_of(d.date, DIALOG_TEXTS["trigger_date"], required=True)
            except ValueError as exc:
                d.fail(str(exc))
                return
            kind = d.kind.currentData()
            self._run(d, lambda done, failed: self.backend.set_trigger(edition_id, kind, date, done=done,
                                                                      failed=failed))

        return self._open(dialog, submit)

    def add_extension(self) -> SubmitDialog | None:
        """Open the dialog recording an extension granted by the executive."""
        if self.state is None:
            return None
        dialog = ExtensionDialog(self)
        edition_id = self.edition_id

        def submit(d: SubmitDialog) -> None:
            assert isinstance(d, ExtensionDialog)
            try:
                new_due = d.date_of(d.new_due, DIALOG_TEXTS["new_due"], required=True)
                granted = d.date_of(d.granted_on, DIALOG_TEXTS["granted_on"])
            except ValueError as exc:
                d.fail(str(exc))
                return
            assert new_due is not None
            reason, note = d.reason.text(), d.note.text()
            self._run(d, lambda done, failed: self.backend.add_extension(
                edition_id, new_due=new_due, reason=reason, granted_on=granted, note=note, done=done, failed=failed))

        return self._open(dialog, submit)

    def edit_posting(self) -> SubmitDialog | None:
        """Open the dialog recording when the plan was posted and taken down."""
        if self.state is None:
            return None
        dialog = PostingDialog(self.state, self)
        edition_id = self.edition_id

        def submit(d: SubmitDialog) -> None:
            assert isinstance(d, PostingDialog)
            try:
                posted = d.date_of(d.posted_on, DIALOG_TEXTS["posted_on"], required=True)
                removed = d.date_of(d.removed_on, DIALOG_TEXTS["removed_on"])
            except ValueError as exc:
                d.fail(str(exc))
                return
            note = d.note.text()
            self._run(d, lambda done, failed: self.backend.set_posting(
                edition_id, posted_on=posted, removed_on=removed, note=note, done=done, failed=failed))

        return self._open(dialog, submit)

    def edit_round(self, fiscal_year: int, kind: RoundKind | str) -> RoundDialog | None:
        """Open the dialog of a round shown (a click on its row): its dates, or its removal."""
        shown = self.monitoring.round(kind, fiscal_year) if self.monitoring is not None else None
        if shown is None:
            return None
        dialog = RoundDialog(fiscal_year, (shown.kind,), shown.state.record, self)
        record = shown.state.record
        if dialog.delete_button is not None and record is not None:
            dialog.delete_button.clicked.connect(lambda: self._run(dialog, lambda done, failed: self.backend.delete_round(
                record.id, done=done, failed=failed)))
        return self._open_round(dialog)

    def add_round(self) -> RoundDialog | None:
        """Open the dialog adding a round of the shown year not recorded yet (6 months, a quarter …)."""
        if self.monitoring is None or not self.monitoring.addable():
            return None
        return self._open_round(RoundDialog(self.monitoring.fiscal_year, self.monitoring.addable(), None, self))

    def _open_round(self, dialog: RoundDialog) -> RoundDialog:
        today = self.today()

        def submit(d: SubmitDialog) -> None:
            assert isinstance(d, RoundDialog)
            try:
                fields = d.fields()
            except ValueError as exc:
                d.fail(str(exc))
                return
            year, kind = d.fiscal_year, d.kind
            self._run(d, lambda done, failed: self.backend.record_round(year, kind, fields, today=today, done=done,
                                                                       failed=failed))

        self._open(dialog, submit)
        return dialog

    # --- export ------------------------------------------------------------------------------------------------

    def export_png(self, path: Path | str, *, scale: float = 2.0) -> Path:
        """Write the chart (title, lanes, boxes, legend) as a PNG image, ``scale`` × scene size."""
        path = Path(path)
        rect = self.scene.sceneRect()
        image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(0, 0, image.width(), image.height()), rect)
        painter.end()
        if not QImageWriter(str(path), QByteArray(b"png")).write(image):
            raise OSError(TEXTS["png_failed"].format(path=path))
        return path

    def _ask_export_png(self) -> None:
        year = self.state.edition.fiscal_year if self.state else ""
        name, _filter = QFileDialog.getSaveFileName(self, TEXTS["export_png"], TEXTS["png_name"].format(year=year),
                                                    TEXTS["png_filter"])
        if name:
            try:
                self.export_png(name if name.lower().endswith(".png") else name + ".png")
            except OSError as exc:
                self.failed.emit(str(exc))
