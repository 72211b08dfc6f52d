"""ไฟล์ → ข้อมูลองค์กรและเอกสาร: what the officer types reaches the database, the title and the PDF text."""

import sqlite3
import subprocess

from guihelp import settle
from PySide6.QtCore import Qt
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
        dialog.preface.set_markup("# คำนำ\n\nแผนฉบับนี้จัดทำโดย{org}")
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
    assert "{org}" in dialog.preface.markup()  # the default template is shown
    assert "{org}" not in dialog.preface.editor.toPlainText()  # as a field, not as markup
    dialog.fields["name"].setText(window.state.organisation.name)
    assert dialog.changes() == (OrganisationFields(), EditionFields())  # showing the default changes nothing


def _visible(page):
    """What the officer reads in the editor: the text, each field as its Thai name."""
    from thaplan_desktop.ui.document.editor import _with_labels

    document = page.editor.document()
    return _with_labels(document.toPlainText(), document, 0)


def _dialog(window):
    return document_dialog.DocumentDialog(window.state.organisation, window.state.edition, window,
                                          context=window.context)


def test_the_texts_show_formatting_and_thai_fields_not_markup(window, qtbot):
    dialog = _dialog(window)
    for page in (dialog.preface, dialog.intro):
        shown = _visible(page)
        assert "ชื่อองค์กร" in shown
        for markup in ("{org}", "{year}", "# ", "> ", "{"):
            assert markup not in shown
        lines = [line for line in shown.split("\n") if line]
        assert not any(line.startswith(("#", ">", "=", "-")) for line in lines)
    first = dialog.preface.editor.document().begin()
    assert first.text() == "คำนำ"
    assert first.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter  # a centred title
    assert dialog.preface.kinds.currentText() == "ชื่อเรื่อง (กึ่งกลาง)"
    dialog.reject()


def test_fields_come_from_a_menu_and_kinds_from_a_list(window, qtbot):
    dialog = _dialog(window)
    page = dialog.preface
    page.set_markup("ย่อหน้าแรก")
    cursor = page.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    page.editor.setTextCursor(cursor)
    action = next(a for a in page.insert_menu.actions() if a.text() == "ปีงบประมาณ")
    action.trigger()
    assert page.markup() == "ย่อหน้าแรก{year}\n"
    assert _visible(page) == "ย่อหน้าแรกปีงบประมาณ"
    page.kinds.setCurrentIndex(page.kinds.findText("หัวข้อ"))
    page.kinds.activated.emit(page.kinds.currentIndex())
    assert page.markup() == "## ย่อหน้าแรก{year}\n"
    page.editor.textCursor().deletePreviousChar()  # a field goes as one character
    assert page.markup() == "## ย่อหน้าแรก\n"
    assert [a.text() for a in dialog.intro.insert_menu.actions()][-1] == "แผนภูมิขั้นตอนการจัดทำแผน"
    dialog.reject()


def test_copying_text_with_a_field_keeps_the_field(window, qtbot):
    dialog = _dialog(window)
    page = dialog.preface
    page.set_markup("ทดสอบ{org}จบ")
    page.editor.selectAll()
    mime = page.editor.createMimeDataFromSelection()
    assert mime.text() == "ทดสอบชื่อองค์กรจบ"
    cursor = page.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    page.editor.setTextCursor(cursor)
    page.editor.insertFromMimeData(mime)
    assert page.markup() == "ทดสอบ{org}จบทดสอบ{org}จบ\n"
    dialog.reject()


def test_the_page_is_shown_as_the_pdf_prints_it(window, qtbot):
    dialog = _dialog(window)
    page = dialog.preface
    page.set_markup("# คำนำ\n\nข้อความทดสอบตัวอย่างของ{org} ปี {year}\n\n> {planning_unit}")
    preview = page.preview
    qtbot.waitUntil(lambda: preview.shown is not None and bool(preview.pages.pages), timeout=30000)
    settle(qtbot, window)
    shown = preview.shown
    assert preview.pages.pages == list(range(shown.first, shown.last + 1))
    assert all(not image.isNull() for image in preview.pages.page_images())
    text = subprocess.run(["pdftotext", "-f", str(shown.first + 1), "-l", str(shown.last + 1), str(shown.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())
    assert "ข้อความทดสอบตัวอย่างขององค์การบริหารส่วนตำบลท่าสะท้อนปี2563" in squeezed  # filled as exported
    dialog.fields["name"].setText("เทศบาลตำบลทดลอง")  # the organisation as the dialog shows it
    page.set_markup(page.markup())
    qtbot.waitUntil(lambda: preview.shown is not shown and preview.shown is not None, timeout=30000)
    settle(qtbot, window)
    again = subprocess.run(["pdftotext", str(preview.shown.path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "ข้อความทดสอบตัวอย่างของเทศบาลตำบลทดลอง" in "".join(again.split())
    dialog.reject()


def _marks(path):
    con = sqlite3.connect(path)
    try:
        crest = con.execute("SELECT crest FROM organisation").fetchone()[0]
        preface_date = con.execute("SELECT preface_date FROM edition WHERE kind = 'main'").fetchone()[0]
    finally:
        con.close()
    return crest, preface_date


def test_the_crest_and_the_preface_month_are_set_once_and_undone_together(window, qtbot, monkeypatch):
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
           b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND"
           b"\xaeB`\x82")
    shown = []

    def fill_and_accept(dialog):
        picker = dialog.preface_month
        shown.append((picker.month.currentIndex(), picker.year.isEnabled()))
        dialog.crest.set_image(png)
        picker.month.setCurrentIndex(picker.month.findData(9))  # กันยายน
        picker.year.setValue(2562)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(document_dialog.DocumentDialog, "exec", fill_and_accept)
    assert _marks(window.session.path) == (None, None)
    window.action_by_id["document"].trigger()
    settle(qtbot, window)
    assert shown == [(0, False)]  # by default: the month the draft was prepared, no year to choose
    assert _marks(window.session.path) == (png, "2019-09-01")
    window.session.undo()
    settle(qtbot, window)
    assert _marks(window.session.path) == (None, None)


def test_the_prefaces_signature_month_is_a_thai_field(window, qtbot):
    dialog = _dialog(window)
    shown = _visible(dialog.preface)
    assert shown.rstrip().endswith("เดือนปีที่ลงท้ายคำนำ")  # under the signature, as the PDF prints it
    assert "preface_date" not in shown
    dialog.reject()
