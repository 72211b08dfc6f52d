"""The announced-edition guard: the first change to an announced edition asks how, before it is made.

Once an edition is announced its projects are no longer changed freely. ``EditGuard.guard(what, proceed,
cancel)`` runs ``proceed`` at once for an edition in preparation; for an announced one it first reads the
edition's ``EditContext`` on the worker and opens ``AmendmentDialog``: record an amendment (then this
change and the later ones to that edition go ahead) or open an additional edition (then the change is
dropped and the new edition is shown). ``cancel`` takes back what the grid already showed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from thaplan_desktop.domain.model import EditionStatus
from thaplan_desktop.ui.procedure.amendment_dialog import AmendmentDialog
from thaplan_desktop.ui.prompts import tell
from thaplan_desktop.ui.session import PlanSession, Refresh, user_message
from thaplan_desktop.ui.state import PlanState
from thaplan_desktop.workflow.operations import EditChoice
from thaplan_desktop.workflow.procedure import EditContext, edit_context

TEXTS = {
    "additional_opened": "เปิดแผนฉบับเพิ่มเติมแล้ว — เพิ่มโครงการในฉบับนี้",
}


class EditGuard(QObject):
    """Asks before the first change to an announced edition; remembers the editions cleared for changes."""

    def __init__(self, session: PlanSession, state: PlanState, window: QMainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.state = state
        self.window = window
        self._cleared: set[int] = set()  # announced editions the officer chose to amend
        self._asking = False

    def forget(self) -> None:
        """Another file is opened (or none): every announced edition asks again."""
        self._cleared.clear()

    def guard(self, what: str, proceed: Callable[[], object], cancel: Callable[[], object] | None = None) -> None:
        """Run ``proceed`` now, or — when the shown edition is announced — after the officer chose how.

        ``what`` names the change in Thai (shown in the dialog and kept with the amendment).
        """
        edition = self.state.edition
        if (edition is None or edition.status is not EditionStatus.ANNOUNCED
                or edition.id in self._cleared):
            proceed()
            return
        if self._asking:  # already asking: this change waits for no one
            if cancel is not None:
                cancel()
            return
        self._asking = True
        edition_id = edition.id

        def unreadable(exc: BaseException) -> None:
            self._asking = False
            if cancel is not None:
                cancel()
            tell(self.window, user_message(exc), warning=True)

        self.session.read(lambda ws: edit_context(ws, edition_id),
                          lambda context: self._ask(context, edition_id, what, proceed, cancel), unreadable)

    def _ask(self, context: EditContext, edition_id: int, what: str, proceed: Callable[[], object],
             cancel: Callable[[], object] | None) -> None:
        dialog = AmendmentDialog(context, what=what, parent=self.window)

        def drop() -> None:
            if cancel is not None:
                cancel()

        def finished(_result: int) -> None:
            request = dialog.request()
            self._asking = False
            dialog.deleteLater()
            if request is None:
                drop()
                return

            def done(refresh: Refresh) -> None:
                if request.choice is EditChoice.AMEND:
                    self._cleared.add(edition_id)
                    proceed()
                else:
                    drop()
                    self.session.load_edition(int(refresh.result))
                    self.window.statusBar().showMessage(TEXTS["additional_opened"], 8000)

            def failed(exc: BaseException) -> None:
                drop()
                tell(self.window, user_message(exc), warning=True)

            self.session.carry_out_edit(edition_id, request, done=done, failed=failed)

        dialog.finished.connect(finished)
        dialog.open()
