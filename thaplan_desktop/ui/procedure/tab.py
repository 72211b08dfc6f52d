"""The main window's procedure tab: the procedure view of the shown edition, built when first needed.

Reading and drawing the procedure costs a little, so ``ProcedureTab`` builds its ``ProcedureView`` (through
the window's session) only when the tab is shown, and builds it again when another edition is shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from thaplan_desktop.ui.procedure.view import ProcedureView
from thaplan_desktop.ui.session import PlanSession


class ProcedureTab(QWidget):
    """Holds the ``ProcedureView`` of one edition at a time."""

    def __init__(self, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: ProcedureView | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_edition(self, edition_id: int) -> None:
        """Show the procedure of ``edition_id`` (nothing to do when it is shown already)."""
        if self.view is not None and self.view.edition_id == edition_id:
            return
        view = ProcedureView.for_session(self.session, edition_id)
        if self.view is not None:
            self.view.setParent(None)
            self.view.deleteLater()
        self.view = view
        self._layout.addWidget(view)
