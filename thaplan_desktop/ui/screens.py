"""What the window's screens built by a package's ``install(context)`` share: following the plan, being shown.

A screen such as ปฏิทินการทำงาน, ภาพรวม or แผนการจัดซื้อจัดจ้าง reads what it shows on the worker.
``PlanFollower`` tells it when to read again — a plan or another edition was loaded, or an operation, undo
or redo changed something — at once while the screen is visible, else the next time it is shown (a hidden
tab costs nothing); several changes in a row give one read. When the file is closed the screen is told to
show nothing. ``reveal(window, kind)`` brings the screen of a kind forward: its tab, or its dock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QWidget

from thaplan_desktop.ui.session import PlanSession, Refresh


class PlanFollower(QObject):
    """Calls ``reload()`` when the shown plan changed and ``widget`` is (or next becomes) visible."""

    def __init__(self, session: PlanSession, widget: QWidget, reload: Callable[[], None], *,
                 clear: Callable[[], None] | None = None,
                 concerns: Callable[[Refresh], bool] = lambda refresh: not refresh.empty) -> None:
        super().__init__(widget)
        self.session = session
        self.widget = widget
        self._reload = reload
        self._clear = clear
        self._concerns = concerns
        self.stale = session.edition_id is not None  # a plan is open already: read it when first shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._due)
        session.loaded.connect(self._changed)
        session.refreshed.connect(self._refreshed)
        session.closed.connect(self._closed)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self._timer.start()
        return False

    def _changed(self, _data: object = None) -> None:
        self.stale = True
        if self.widget.isVisible():
            self._timer.start()

    def _refreshed(self, refresh: Refresh) -> None:
        if self._concerns(refresh):
            self._changed()

    def _closed(self) -> None:
        if self.session.edition_id is None:
            self.stale = False
            self._timer.stop()
            if self._clear is not None:
                self._clear()

    def _due(self) -> None:
        if self.stale and self.session.edition_id is not None and self.widget.isVisible():
            self.stale = False
            self._reload()

    def reload_now(self) -> None:
        """Read again at once (visible or not), e.g. after the screen changed what it shows."""
        self.stale = False
        self._timer.stop()
        if self.session.edition_id is not None:
            self._reload()


def reveal(window: QMainWindow, kind: type[QWidget]) -> QWidget | None:
    """Bring the window's screen of ``kind`` forward (select its tab, show its dock); None when it has none."""
    screen = window.findChild(kind)
    if screen is None:
        return None
    path: list[QWidget] = [screen]  # the screen and its ancestors so far (a tab's page sits in a stack)
    parent = screen.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            page = next((w for w in path if parent.indexOf(w) >= 0), None)
            if page is not None:
                parent.setCurrentWidget(page)
        elif isinstance(parent, QDockWidget):
            parent.show()
            parent.raise_()
        path.append(parent)
        parent = parent.parentWidget()
    screen.setFocus()
    return screen
