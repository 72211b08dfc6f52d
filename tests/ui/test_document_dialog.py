"""ไฟล์ → ข้อมูลองค์กรและเอกสาร: what the officer types reaches the database, the title and the PDF text."""

import sqlite3

from guihelp import settle
from PySide6.QtWidgets import QDialog

from thaplan_desktop.ui import document_dialog
from thaplan_desktop.workspace import EditionFields, OrganisationFields


def _org_row(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT name, executive_name, logo FROM organisation").fetchone()
    finally:
        con.close()


def _preface(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT preface_text FROM edition").fetchone()[0]
    finally:
        con.close()


def test_edits_are_saved_as_one_undo_step(window, qtbot, monkeypatch):
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
           b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND"
           b"\xaeB`\x82")

    def fill_and_accept(dialog):
        dialog.fields["name"].setText("องค์การบริหารส่วนตำบลท่าสะท้อนใหม่")
        dialog.fields["executive_name"].setText("นางสาวสมศรี  ใจงาม")
        dialog.set_logo(png)
        dialog.preface.setPlainText("# คำนำ\n\nแผนฉบับนี้จัดทำโดย{org}")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(document_dialog.DocumentDialog, "exec", fill_and_accept)
    before = _org_row(window.session.path)
    window.action_by_id["document"].trigger()
    settle(qtbot, window)
    assert _org_row(window.session.path) == ("องค์การบริหารส่วนตำบลท่าสะท้อนใหม่", "นางสาวสมศรี ใจงาม", png)
    assert _preface(window.session.path) == "# คำนำ\n\nแผนฉบับนี้จัดทำโดย{org}"
    assert "ท่าสะท้อนใหม่" in window.windowTitle()

    window.session.undo()
    settle(qtbot, window)
    assert _org_row(window.session.path) == before
    assert _preface(window.session.path) is None


def test_the_default_text_is_not_stored_and_a_name_is_required(window, qtbot, monkeypatch):
    seen = []

    def accept_as_shown(dialog):
        seen.append(dialog)
        dialog.fields["name"].setText(" ")
        dialog.accept()
        assert dialog.error.text() == document_dialog.TEXTS["name_required"]
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(document_dialog.DocumentDialog, "exec", accept_as_shown)
    window.action_by_id["document"].trigger()
    settle(qtbot, window)
    dialog = seen[0]
    assert "{org}" in dialog.preface.toPlainText()  # the default template is shown
    dialog.fields["name"].setText(window.state.organisation.name)
    assert dialog.changes() == (OrganisationFields(), EditionFields())  # showing the default changes nothing
