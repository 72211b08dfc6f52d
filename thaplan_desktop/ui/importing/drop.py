"""Workbooks dropped on the main window are imported (with the usual preview).

``WorkbookDrop`` watches the window's drag-and-drop events: it accepts a drag that carries files the
importer reads while a plan is open, and hands the dropped files to ``controller.import_dropped``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.importing.controller import import_dropped, supported


def _paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    mime = event.mimeData()
    if mime is None:
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class WorkbookDrop(QObject):
    """Makes the window a drop target for department workbooks."""

    def __init__(self, context: ScreenContext) -> None:
        super().__init__(context.window)
        self.context = context
        context.window.setAcceptDrops(True)
        context.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Accept workbooks dragged from the file manager; import them when dropped."""
        if self.context.session.data is None:
            return False
        if isinstance(event, QDragEnterEvent):
            if supported(_paths(event)):
                event.acceptProposedAction()
                return True
        elif isinstance(event, QDropEvent) and event.type() == QEvent.Type.Drop:
            paths = _paths(event)
            if paths:
                event.acceptProposedAction()
                import_dropped(self.context, paths)
                return True
        return False
