"""ไฟล์ → เชื่อมต่อฐานข้อมูลสำนักงาน…: the connection dialog.

The officer types (or picks from the servers used before) the server, its port, the database and the user,
and the password when the server asks for one. ทดสอบการเชื่อมต่อ tries it on the worker
(``safety.check_server``) and says in Thai what is wrong — no such machine, no database service there, a
wrong password, no ThaPlan plan in that database, an older schema that ``thaplan db upgrade`` brings up —
or what plan is there and what the user may do. เชื่อมต่อ checks the same way and closes only when the
plan can be opened; ``address`` then names it. The password is used for this run only (kept in memory),
and goes to the operating system's keyring only when the officer ticks จำรหัสผ่านในระบบ — where there is no
keyring the box is off and the dialog says so. The server (never the password) is remembered in the
settings.
"""

from __future__ import annotations

import getpass

import shiboken6
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.safety import (
    ServerCheck,
    check_server,
    keyring_available,
    remember_password,
    use_password,
)
from thaplan_desktop.ui.office.servers import (
    DEFAULT_PORT,
    ServerEntry,
    check_text,
    recent_servers,
    remember_server,
)
from thaplan_desktop.ui.office.texts import TEXTS
from thaplan_desktop.ui.runner import Job, Runner
from thaplan_desktop.ui.session import user_message
from thaplan_desktop.workspace import DatabaseError, ServerAddress

_GOOD = "color: #166534"
_BAD = "color: #8a1c1c"


class ConnectDialog(QDialog):
    """Where the office's plan is and who connects; tested on the worker before the window opens it."""

    checked = Signal(object)  # the ServerCheck of a test or a connect, once shown

    def __init__(self, runner: Runner, settings: QSettings, parent: QWidget | None = None, *,
                 entry: ServerEntry | None = None, problem: str = "") -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.address: ServerAddress | None = None  # the plan to open, once accepted
        self.check: ServerCheck | None = None  # the last check's outcome
        self._busy = False
        self.setWindowTitle(TEXTS["title"])
        self.setMinimumWidth(560)

        intro = QLabel(TEXTS["intro"])
        intro.setWordWrap(True)
        self.recent = QComboBox()
        self.recent.setObjectName("recent_servers")
        self._recent = recent_servers(settings)
        self.recent.addItem(TEXTS["recent_pick"])
        for item in self._recent:
            self.recent.addItem(item.label)
        self.recent.activated.connect(self._pick_recent)
        self.server = QLineEdit()
        self.server.setObjectName("server")
        self.server.setPlaceholderText(TEXTS["server_hint"])
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.database = QLineEdit()
        self.database.setObjectName("database")
        self.database.setPlaceholderText(TEXTS["database_hint"])
        self.user = QLineEdit(_login())
        self.user.setObjectName("user")
        self.user.setPlaceholderText(TEXTS["user_hint"])
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(TEXTS["password_hint"])
        self.remember = QCheckBox(TEXTS["remember"])
        self.remember.setObjectName("remember")
        self.remember.setToolTip(TEXTS["remember_tip"])
        self.keyring_note = QLabel(TEXTS["no_keyring"])
        self.keyring_note.setObjectName("keyring_note")
        self.keyring_note.setWordWrap(True)
        has_keyring = keyring_available()
        self.remember.setEnabled(has_keyring)
        self.keyring_note.setVisible(not has_keyring)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if self._recent:
            form.addRow(TEXTS["recent"], self.recent)
        else:
            self.recent.hide()
        form.addRow(TEXTS["server"], self.server)
        form.addRow(TEXTS["port"], self.port)
        form.addRow(TEXTS["database"], self.database)
        form.addRow(TEXTS["user"], self.user)
        form.addRow(TEXTS["password"], self.password)
        form.addRow("", self.remember)
        form.addRow("", self.keyring_note)

        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setMinimumHeight(48)
        self.outcome.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QDialogButtonBox()
        self.test_button = QPushButton(TEXTS["test"])
        self.test_button.setObjectName("test_button")
        self.test_button.setToolTip(TEXTS["test_tip"])
        self.connect_button = QPushButton(TEXTS["connect"])
        self.connect_button.setObjectName("connect_button")
        self.connect_button.setDefault(True)
        self.cancel_button = QPushButton(TEXTS["cancel"])
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.test_button.clicked.connect(self.test)
        self.connect_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.test_button)  # on its own at the left: it opens nothing
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

        chosen = entry or (self._recent[0] if self._recent else None)
        if chosen is not None:
            self.fill(chosen)
        if problem:
            self._say(problem, good=False)
        (self.password if chosen is not None else self.server).setFocus()

    # --- the fields -------------------------------------------------------------------------------------

    def fill(self, entry: ServerEntry) -> None:
        """Show a server's fields (the password is left as typed)."""
        self.server.setText(entry.server)
        self.port.setValue(entry.port)
        self.database.setText(entry.database)
        self.user.setText(entry.user)

    def entry(self) -> ServerEntry | None:
        """The server as typed; None (and the dialog says what is missing) when a field is empty."""
        for field, what in ((self.server, "missing_server"), (self.database, "missing_database"),
                            (self.user, "missing_user")):
            if not field.text().strip():
                self._say(TEXTS["missing"].format(what=TEXTS[what]), good=False)
                field.setFocus()
                return None
        return ServerEntry(server=self.server.text().strip(), database=self.database.text().strip(),
                           user=self.user.text().strip(), port=self.port.value())

    def _pick_recent(self, position: int) -> None:
        if 1 <= position <= len(self._recent):
            self.fill(self._recent[position - 1])
            self.password.clear()
            self.password.setFocus()

    # --- testing and connecting ---------------------------------------------------------------------------

    def test(self) -> None:
        """ทดสอบการเชื่อมต่อ: try the server on the worker and say what came of it."""
        self._run(connect=False)

    def accept(self) -> None:
        """เชื่อมต่อ: check the plan first; close only when the window can open it."""
        self._run(connect=True)

    def _run(self, *, connect: bool) -> None:
        if self._busy:
            return
        entry = self.entry()
        if entry is None:
            return
        try:
            address = entry.address()
        except DatabaseError as exc:
            self._say(str(exc), good=False)
            return
        password = self.password.text()
        keep = connect and self.remember.isEnabled() and self.remember.isChecked() and bool(password)

        def work(_job: Job) -> tuple[ServerCheck, bool]:
            use_password(address, password)
            check = check_server(address)
            remembered = check.ok and keep and remember_password(address, password)
            return check, remembered

        def done(outcome: tuple[ServerCheck, bool]) -> None:
            if not shiboken6.isValid(self):  # the dialog went while the server was tried
                return
            self._set_busy(False)
            check, remembered = outcome
            self.check = check
            text = check_text(check, entry)
            self._say(f"{text}\n{TEXTS['remembered']}" if remembered else text, good=check.ok)
            self.checked.emit(check)
            if connect and check.ok:
                remember_server(self.settings, entry)
                self.address = address
                super(ConnectDialog, self).accept()

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self._set_busy(False)
                self._say(user_message(exc), good=False)

        self._set_busy(True)
        self._say(TEXTS["connecting"] if connect else TEXTS["testing"], good=True)
        self.runner.submit(work, label=TEXTS["testing"], done=done, failed=failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.test_button, self.connect_button):
            widget.setEnabled(not busy)

    def _say(self, text: str, *, good: bool) -> None:
        self.outcome.setStyleSheet(_GOOD if good else _BAD)
        self.outcome.setText(text)


def _login() -> str:
    """The operating-system login: most offices give each officer the same name on the server."""
    try:
        return getpass.getuser()
    except Exception:  # no login name at all (a service account without a passwd entry)
        return ""
