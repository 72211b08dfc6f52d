"""ไฟล์ → เชื่อมต่อฐานข้อมูลสำนักงาน…: the connection dialog tests on the worker and says in Thai what is wrong
(no server, a wrong or missing password, no ThaPlan plan, an older schema), opens the plan, remembers the
server and never the password, offers the servers used before, and says nothing in English."""

from __future__ import annotations

import re

import psycopg
import pytest
from guihelp import settle, take_messages
from office_users import make_users
from test_thai_everywhere import english, visible_texts

from thaplan_desktop.db.files import _script_revisions
from thaplan_desktop.db.location import parse_location
from thaplan_desktop.ui import settings as settings_keys
from thaplan_desktop.ui.office import dialog as dialog_module
from thaplan_desktop.ui.office.dialog import ConnectDialog
from thaplan_desktop.ui.office.servers import ServerEntry, recent_servers
from thaplan_desktop.workspace import ServerAddress

WAIT = 20_000
PASSWORD = "รหัส-ลับ-2563"
COMMANDS = {"thaplan", "db", "init", "upgrade", "copy", "grant"}  # commands for the administrator, as typed


@pytest.fixture
def office_plan(pg_server, pg_demo):
    """The demo plan on the test server with a planner's login, and a login that must give its password."""
    name = pg_server.create_database(template=pg_demo)
    address = parse_location(pg_server.url(name))
    with pg_server.admin() as conn:
        conn.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'somjai') THEN"
                     f" CREATE ROLE somjai LOGIN PASSWORD '{PASSWORD}'; END IF; END $$")
    hba = pg_server.data / "pg_hba.conf"
    rules = hba.read_text()
    if "somjai" not in rules:  # somjai logs in with a password; everyone else as before
        hba.write_text("local all somjai scram-sha-256\n" + rules)
        with pg_server.admin() as conn:
            conn.execute("SELECT pg_reload_conf()")
    make_users(pg_server, address, somchai=("planner", []), somjai=("planner", []))
    yield address
    pg_server.drop_database(name)


@pytest.fixture(autouse=True)
def no_password_from_elsewhere(monkeypatch, tmp_path):
    """Only what the dialog is given: no PGPASSWORD, no ~/.pgpass, no keyring."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setattr(dialog_module, "keyring_available", lambda: False)


def socket_folder(address: ServerAddress) -> str:
    return str(address.url.query["host"])


def fill(dialog, *, server, database, user="somchai", password=""):
    dialog.server.setText(server)
    dialog.port.setValue(5432)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def outcome_of(qtbot, dialog, press):
    """Press a button and wait for the dialog's word on it."""
    with qtbot.waitSignal(dialog.checked, timeout=WAIT):
        press.click()
    return dialog.outcome.text()


def english_on(dialog):
    """English words on the dialog, but for the officer's own names: what was typed into the fields (a machine,
    a database, a login), quoted “…” where a message repeats it, and the administrator's commands."""
    names = [dialog.server.text(), dialog.database.text(), dialog.user.text(),
             *(dialog.recent.itemText(i) for i in range(1, dialog.recent.count()))]
    found = []
    for text in visible_texts(dialog):
        text = re.sub(r"“[^”]*”", " ", text)
        for name in names:
            text = text.replace(name, " ") if name else text
        found += [w for w in english(text) if w not in COMMANDS]
    return found


@pytest.fixture
def window(make_window, qtbot):
    window = make_window()
    window.show()
    return window


def open_dialog(window, qtbot) -> ConnectDialog:
    window.action_by_id["connect_office"].trigger()
    dialog = window.findChild(ConnectDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_test_button_says_what_plan_is_there_and_connecting_opens_it(office_plan, window, qtbot, settings_file):
    dialog = open_dialog(window, qtbot)
    assert dialog.windowTitle() == "เชื่อมต่อฐานข้อมูลสำนักงาน"
    assert english_on(dialog) == []
    fill(dialog, server=socket_folder(office_plan), database=office_plan.name)
    said = outcome_of(qtbot, dialog, dialog.test_button)
    assert said.startswith("เชื่อมต่อได้: องค์การบริหารส่วนตำบลท่าสะท้อน")
    assert "2563" in said
    assert "somchai" in said
    assert "แก้ไขได้ทุกรายการ" in said
    assert dialog.isVisible()  # a test opens nothing
    assert window.session.data is None
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        dialog.connect_button.click()
    settle(qtbot, window)
    assert window.session.data.on_server
    title = window.windowTitle()
    assert f"ฐานข้อมูล {office_plan.name}" in title
    assert "ผู้ใช้ somchai" in title
    status = window.office.label.text()
    assert "somchai" in status
    assert "งานวางแผน แก้ไขได้ทุกรายการ" in status
    # The server is remembered, and the plan opens again next time.
    assert recent_servers(window.settings)[0] == ServerEntry(socket_folder(office_plan), office_plan.name, "somchai")
    assert settings_keys.last_database(window.settings) == ServerEntry.of(window.session.location).address()


def test_a_missing_or_wrong_password_is_said_in_thai_and_never_saved(office_plan, window, qtbot, settings_file):
    dialog = open_dialog(window, qtbot)
    fill(dialog, server=socket_folder(office_plan), database=office_plan.name, user="somjai")
    assert "ต้องการรหัสผ่านของผู้ใช้ “somjai”" in outcome_of(qtbot, dialog, dialog.test_button)
    assert english_on(dialog) == []
    dialog.password.setText("ผิด")
    assert "รหัสผ่านของผู้ใช้ “somjai” ไม่ถูกต้อง" in outcome_of(qtbot, dialog, dialog.connect_button)
    assert english_on(dialog) == []
    assert dialog.isVisible()  # refused: the dialog stays for another try
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        dialog.connect_button.click()
    settle(qtbot, window)
    assert window.session.data.user == "somjai"
    window.settings.sync()
    saved = settings_file.read_text(encoding="utf-8")
    assert office_plan.name in saved
    assert PASSWORD not in saved
    assert "ผิด" not in saved


def test_no_server_and_no_plan_are_said_in_thai(office_plan, pg_server, window, qtbot):
    dialog = open_dialog(window, qtbot)
    cases = (
        (dict(server="/no/such/folder", database=office_plan.name), "ไม่ได้เปิดบริการฐานข้อมูลที่พอร์ต 5432"),
        (dict(server="no-such-host.invalid", database=office_plan.name), "ไม่พบเครื่อง “no-such-host.invalid”"),
        (dict(server=socket_folder(office_plan), database="no_such_plan"), "ไม่มีฐานข้อมูลชื่อ “no_such_plan”"),
        (dict(server=socket_folder(office_plan), database=office_plan.name, user="nobody"),
         "ไม่มีผู้ใช้ชื่อ “nobody”"),
        (dict(server=socket_folder(office_plan), database="postgres"), "thaplan db init"),
    )
    for fields, words in cases:
        fill(dialog, **fields)
        said = outcome_of(qtbot, dialog, dialog.test_button)
        assert words in said, said
        assert english_on(dialog) == [], said


def test_an_older_schema_says_thaplan_db_upgrade(pg_server, pg_initialised, window, qtbot):
    head, known = _script_revisions()
    older = sorted(known - {head})[0]
    name = pg_server.create_database(template=pg_initialised)
    try:
        with psycopg.connect(host=str(pg_server.socket), port=pg_server.port, user="postgres", dbname=name,
                             autocommit=True) as conn:
            conn.execute("UPDATE alembic_version SET version_num = %s", (older,))
        dialog = open_dialog(window, qtbot)
        fill(dialog, server=str(pg_server.socket), database=name, user="postgres")
        said = outcome_of(qtbot, dialog, dialog.connect_button)
        assert "เป็นรุ่นเก่า" in said
        assert "thaplan db upgrade" in said
        assert dialog.isVisible()
        assert window.session.data is None
        assert english_on(dialog) == []
        dialog.reject()
    finally:
        pg_server.drop_database(name)


def test_empty_fields_are_asked_for(window, qtbot):
    dialog = open_dialog(window, qtbot)
    fill(dialog, server="", database="")
    dialog.test_button.click()
    assert dialog.outcome.text() == "กรุณาใส่ชื่อเครื่องเซิร์ฟเวอร์"
    dialog.server.setText("192.168.1.10")
    dialog.connect_button.click()
    assert dialog.outcome.text() == "กรุณาใส่ชื่อฐานข้อมูล"
    assert window.runner.pending == 0


def test_without_a_keyring_the_password_cannot_be_remembered_and_the_dialog_says_so(window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert not dialog.remember.isEnabled()
    assert dialog.keyring_note.isVisibleTo(dialog)
    assert "ไม่มีพวงกุญแจของระบบ" in dialog.keyring_note.text()


@pytest.mark.parametrize("ticked", [True, False])
def test_with_a_keyring_the_password_is_kept_there_only_when_asked(office_plan, window, qtbot, monkeypatch, ticked):
    kept = []
    monkeypatch.setattr(dialog_module, "keyring_available", lambda: True)
    monkeypatch.setattr(dialog_module, "remember_password", lambda address, password: kept.append(
        (address.key, password)) or True)
    dialog = open_dialog(window, qtbot)
    assert dialog.remember.isEnabled()
    assert not dialog.keyring_note.isVisibleTo(dialog)
    fill(dialog, server=socket_folder(office_plan), database=office_plan.name, user="somjai", password=PASSWORD)
    dialog.remember.setChecked(ticked)
    outcome_of(qtbot, dialog, dialog.test_button)
    assert kept == []  # a test never stores anything
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        dialog.connect_button.click()
    settle(qtbot, window)
    address = ServerEntry(socket_folder(office_plan), office_plan.name, "somjai").address()
    assert kept == ([(address.key, PASSWORD)] if ticked else [])


def test_servers_used_before_are_offered_without_their_password(office_plan, window, qtbot):
    dialog = open_dialog(window, qtbot)
    assert dialog.recent.isHidden()  # none yet
    fill(dialog, server=socket_folder(office_plan), database=office_plan.name, user="somjai", password=PASSWORD)
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        dialog.connect_button.click()
    settle(qtbot, window)
    again = open_dialog(window, qtbot)
    assert not again.recent.isHidden()
    assert again.recent.itemText(1) == f"{office_plan.name} บน {socket_folder(office_plan)} (somjai)"
    assert again.database.text() == office_plan.name  # the plan open now is offered first
    assert again.password.text() == ""
    again.fill(ServerEntry("อีกเครื่อง", "อื่น", "ใคร"))
    again.recent.activated.emit(1)
    assert (again.server.text(), again.database.text(), again.user.text()) == (
        socket_folder(office_plan), office_plan.name, "somjai")
    assert english_on(again) == []
    again.reject()


def test_a_server_plan_that_needs_a_password_on_start_opens_the_dialog_saying_so(office_plan, window, qtbot):
    entry = ServerEntry(socket_folder(office_plan), office_plan.name, "somjai")
    settings_keys.remember_database(window.settings, entry.address())
    window.open_initial(None)
    qtbot.waitUntil(lambda: window.findChild(ConnectDialog) is not None, timeout=WAIT)
    dialog = window.findChild(ConnectDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert "ต้องการรหัสผ่านของผู้ใช้ “somjai”" in dialog.outcome.text()
    assert dialog.database.text() == office_plan.name
    assert dialog.user.text() == "somjai"
    assert take_messages() == ""  # no error box: the dialog says it
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(window.session.loaded, timeout=WAIT):
        dialog.connect_button.click()
    settle(qtbot, window)
    assert window.session.data.organisation.name.startswith("องค์การบริหารส่วนตำบล")
