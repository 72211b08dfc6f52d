"""The window's side of a shared plan: which server and user in the title and the status bar, others' changes.

``OfficePanel`` follows the window's session: for a plan on the office's server the status bar says the
user and what the user may do (the server, the database and the rights notice on hover), and the title says
the database, the server, the user and their rights (``title_suffix``); the ``OthersFollower`` brings in what other
officers change, and the status bar says whose changes came in, or that the server cannot be reached.
A file's window shows none of this (its officer is alone with it), but follows the file all the same, so
the read-only second copy shows what the editing copy commits.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMainWindow

from thaplan_desktop.ui.office.follow import OthersFollower
from thaplan_desktop.ui.office.servers import ServerEntry, describe_rights
from thaplan_desktop.ui.office.texts import TEXTS
from thaplan_desktop.ui.prompts import show_status
from thaplan_desktop.ui.refresh import Refresh
from thaplan_desktop.ui.session import EditionData, PlanSession
from thaplan_desktop.ui.state import PlanState
from thaplan_desktop.workspace import ServerAddress

_NOTE_MS = 6000


def title_suffix(data: EditionData | None) -> str:
    """What the window's title adds for a server plan: the database, the server, the user and their rights ("" for
    a file)."""
    if data is None or not isinstance(data.location, ServerAddress):
        return ""
    entry = ServerEntry.of(data.location)
    rights = describe_rights(data.rights, {u.id: u.name for u in data.units}) or TEXTS["everything"]
    return TEXTS["title_server"].format(database=entry.database, server=entry.server, user=data.user, rights=rights)


class OfficePanel(QObject):
    """The server plan's line in the status bar, and others' changes followed and said."""

    def __init__(self, window: QMainWindow, session: PlanSession, state: PlanState) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.state = state
        self.label = QLabel()
        self.label.setObjectName("server_label")
        self.label.hide()
        window.statusBar().insertPermanentWidget(0, self.label)
        self.follower = OthersFollower(session, self)
        self.follower.caught_up.connect(self._caught_up)
        self.follower.trouble.connect(lambda: show_status(window, TEXTS["lost"], 0))
        self.follower.recovered.connect(lambda: window.statusBar().clearMessage())
        session.loaded.connect(self._show)
        session.closed.connect(self._show)

    def _show(self, _data: object = None) -> None:
        data = self.session.data
        if data is None or not isinstance(data.location, ServerAddress):
            self.label.hide()
            return
        entry = ServerEntry.of(data.location)
        names = {u.id: u.name for u in data.units}
        rights = describe_rights(data.rights, names) or TEXTS["everything"]
        self.label.setText(TEXTS["status_server"].format(user=data.user, rights=rights))  # the server: on hover
        self.label.setToolTip(TEXTS["status_tip"].format(server=entry.server, database=entry.database,
                                                         notice=data.notice or rights).strip())
        self.label.show()

    def _caught_up(self, refresh: Refresh) -> None:
        label = next((c.label for c in refresh.changes if c.label), "")
        if label:
            show_status(self.window, TEXTS["others_changed"].format(label=label), _NOTE_MS)
