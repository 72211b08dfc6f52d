"""ไฟล์ → ข้อมูลองค์กรและเอกสาร: the organisation's details, its logo, and the edition's preface and introduction.

What the printed plan shows on its cover, in its คำนำ, in ส่วนที่ 1 and in its signature blocks. The texts
start from the defaults in resources/texts/; the officer edits them as formatted text with Thai fields
(ชื่อองค์กร, ปีงบประมาณ … filled in at export) beside the page as it will print (``ui.document``), for this
edition, or goes back to the default. Everything is saved as one operation.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.model import Edition, Organisation
from thaplan_desktop.ui import document_marks
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.ui.document.editor import TextPage
from thaplan_desktop.ui.document.preview import LivePreview
from thaplan_desktop.workspace import UNSET, EditionFields, OrganisationFields
from thaplan_desktop.workspace.fields import Unset, given

T = TypeVar("T")

TEXTS = {
    "title": "ข้อมูลองค์กรและเอกสาร",
    "tab_org": "องค์กร",
    "tab_preface": "คำนำ",
    "tab_intro": "ส่วนที่ 1 บทนำ",
    "name": "ชื่อเต็ม",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "executive_name": "ชื่อผู้บริหารท้องถิ่น",
    "executive_title": "ตำแหน่ง",
    "planning_unit": "หน่วยงานที่จัดทำแผน",
    "dev_plan_period": "แผนพัฒนาท้องถิ่น พ.ศ.",
    "logo": "ตราสัญลักษณ์",
    "logo_choose": "เลือกรูป…",
    "logo_remove": "ไม่ใช้ตราสัญลักษณ์",
    "logo_none": "ยังไม่มีตราสัญลักษณ์",
    "logo_filter": "รูปภาพ (*.png *.jpg *.jpeg)",
    "logo_bad": "เปิดรูปนี้ไม่ได้ กรุณาเลือกไฟล์ .png หรือ .jpg",
    "name_required": "กรุณาใส่ชื่อองค์กร",
    "saving": "บันทึกข้อมูลองค์กรและเอกสาร",
}

_ORG_FIELDS = ("name", "district", "province", "executive_name", "executive_title", "planning_unit")


def _default_text(name: str) -> str:
    from thaplan_desktop.exporting.pdf.texts import default_text

    return default_text(name)


class DocumentDialog(QDialog):
    """Edit the organisation and the shown edition's document texts; ``changes()`` says what to save."""

    def __init__(self, organisation: Organisation, edition: Edition, parent: QWidget | None = None, *,
                 context: ScreenContext | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXTS["title"])
        self.resize(1280, 800)
        self._context = context  # the open plan, for the texts' live pages (none: no preview)
        self._organisation, self._edition = organisation, edition
        self.logo: bytes | None = organisation.logo
        self.fields: dict[str, QLineEdit] = {}

        tabs = QTabWidget(self)
        org_page = QWidget()
        form = QFormLayout(org_page)
        for key in _ORG_FIELDS:
            self.fields[key] = QLineEdit(getattr(organisation, key))
            form.addRow(TEXTS[key], self.fields[key])
        self.fields["dev_plan_period"] = QLineEdit(edition.dev_plan_period)
        self.fields["dev_plan_period"].setPlaceholderText("2561–2565")
        form.addRow(TEXTS["dev_plan_period"], self.fields["dev_plan_period"])
        self.logo_label = QLabel()
        self.logo_label.setMinimumHeight(90)
        choose, remove = QPushButton(TEXTS["logo_choose"]), QPushButton(TEXTS["logo_remove"])
        choose.clicked.connect(self.choose_logo)
        remove.clicked.connect(lambda: self.set_logo(None))
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        form.addRow(TEXTS["logo"], logo_row)
        self.crest = document_marks.CrestPicker(organisation.crest)
        form.addRow(document_marks.TEXTS["crest"], self.crest)
        self.preface_month = document_marks.PrefaceMonthPicker(edition)
        form.addRow(document_marks.TEXTS["preface_date"], self.preface_month)
        tabs.addTab(org_page, TEXTS["tab_org"])

        self.preface = self._text_page(tabs, TEXTS["tab_preface"], edition.preface_text, "preface_default",
                                       "preface", "preface_text")
        self.intro = self._text_page(tabs, TEXTS["tab_intro"], edition.intro_text, "intro_template",
                                     "part1", "intro_text")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.set_logo(self.logo)

    def _text_page(self, tabs: QTabWidget, title: str, text: str | None, default_name: str, part: str,
                   option: str) -> TextPage:
        default = _default_text(default_name)
        preview = None
        if self._context is not None:
            preview = LivePreview(self._context, part=part, option=option, organisation=self.shown_organisation)
        page = TextPage(text if text is not None else default, default, chart=part == "part1", preview=preview)
        tabs.addTab(page, title)
        if preview is not None:
            preview.request(page.markup())
        return page

    def shown_organisation(self) -> Organisation:
        """The organisation as the fields show it now (the texts' pages print it so)."""
        return replace(self._organisation, name=self._line("name"), district=self._line("district"),
                       province=self._line("province"), executive_name=self._line("executive_name"),
                       executive_title=self._line("executive_title"), planning_unit=self._line("planning_unit"))

    def choose_logo(self) -> None:
        """Pick an image file for the cover."""
        path, _filter = QFileDialog.getOpenFileName(self, TEXTS["logo"], str(Path.home()), TEXTS["logo_filter"])
        if path:
            data = Path(path).read_bytes()
            if QPixmap().loadFromData(data):
                self.set_logo(data)
            else:
                self.error.setText(TEXTS["logo_bad"])

    def set_logo(self, data: bytes | None) -> None:
        """Show (and keep) the logo; None removes it."""
        self.logo = data
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_label.setPixmap(pixmap.scaledToHeight(80, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText(TEXTS["logo_none"])

    def accept(self) -> None:  # noqa: D102 - refuses an empty name
        if not self.fields["name"].text().strip():
            self.error.setText(TEXTS["name_required"])
            return
        super().accept()

    def changes(self) -> tuple[OrganisationFields, EditionFields]:
        """(organisation fields, edition fields) that differ from what was shown; a default text is None."""
        org, edition = self._organisation, self._edition
        organisation_fields = OrganisationFields(
            name=_changed(self._line("name"), org.name),
            district=_changed(self._line("district"), org.district),
            province=_changed(self._line("province"), org.province),
            executive_name=_changed(self._line("executive_name"), org.executive_name),
            executive_title=_changed(self._line("executive_title"), org.executive_title),
            planning_unit=_changed(self._line("planning_unit"), org.planning_unit),
            logo=_changed(self.logo, org.logo),
            crest=_changed(self.crest.image, org.crest),
        )
        edition_fields = EditionFields(
            dev_plan_period=_changed(self.fields["dev_plan_period"].text().strip(), edition.dev_plan_period),
            preface_text=_changed(self._own_text(self.preface, "preface_default"), edition.preface_text),
            intro_text=_changed(self._own_text(self.intro, "intro_template"), edition.intro_text),
            preface_date=_changed(self.preface_month.date(), edition.preface_date),
        )
        return organisation_fields, edition_fields

    def _line(self, key: str) -> str:
        return " ".join(self.fields[key].text().split())

    @staticmethod
    def _own_text(page: TextPage, default_name: str) -> str | None:
        """The text in the exporter's markup, or None when it is empty or the default text."""
        return None if page.is_default() else page.markup().strip()


def _changed(value: T, shown: T) -> T | Unset:
    """``value`` when it differs from what was shown, else ``UNSET`` (left as it is)."""
    return value if value != shown else UNSET


def run(context: ScreenContext) -> DocumentDialog | None:
    """The menu entry: show the dialog for the shown edition and save what changed as one undo step."""
    state = context.state  # kept current by every refresh (the session's loaded data is not)
    if state.organisation is None or state.edition is None:
        return None
    dialog = DocumentDialog(state.organisation, state.edition, context.window, context=context)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return dialog
    organisation, edition = dialog.changes()
    if given(organisation) or given(edition):
        edition_id = state.edition.id
        context.session.update_document(edition_id, organisation, edition, label=TEXTS["saving"])
    return dialog
