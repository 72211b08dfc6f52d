"""The main window's dialogs: first run (new plan or the demo), where to move projects, about.

Dialogs are opened window-modal with ``open()`` and report through ``finished``, so the event loop
never blocks (and tests can fill them in).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.fiscal import fiscal_year_of
from thaplan_desktop.workspace import NewPlan

TEXTS = {
    "first_title": "ยินดีต้อนรับสู่ ThaPlan",
    "first_intro": (
        "<b>เริ่มจัดทำแผนการดำเนินงาน</b><br>"
        "กรอกชื่อองค์กรปกครองส่วนท้องถิ่นและปีงบประมาณเพื่อสร้างแผนใหม่ "
        "หรือเปิดแผนตัวอย่างของ อบต.ท่าสะท้อน เพื่อทดลองใช้งานก่อน"
    ),
    "org": "ชื่อองค์กรปกครองส่วนท้องถิ่น",
    "org_hint": "เช่น องค์การบริหารส่วนตำบลท่าสะท้อน",
    "district": "อำเภอ",
    "district_hint": "เช่น พุนพิน",
    "province": "จังหวัด",
    "province_hint": "เช่น สุราษฎร์ธานี",
    "year": "ปีงบประมาณ (พ.ศ.)",
    "create": "สร้างแผนใหม่",
    "demo": "เปิดแผนตัวอย่าง",
    "open": "เปิดไฟล์ที่มีอยู่…",
    "cancel": "ยกเลิก",
    "need_org": "กรุณากรอกชื่อองค์กรปกครองส่วนท้องถิ่น",
    "move_title": "ย้ายโครงการก่อนลบ",
    "move_question": "{what} มีโครงการอยู่ {count} รายการ จะย้ายโครงการเหล่านี้ไปที่ใด?",
    "move_target": "ย้ายไปที่",
    "move_unfiled": "ยังไม่ได้จัดเข้าแผนงาน (จัดภายหลัง)",
    "move_ok": "ย้ายและลบ",
    "about_title": "เกี่ยวกับ ThaPlan",
    "about": (
        "<h3>ThaPlan {version}</h3>"
        "<p>โปรแกรมจัดทำแผนการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น "
        "(แบบ ผด.01, ผด.02 และ ผด.02/1) ใช้งานได้โดยไม่ต้องต่ออินเทอร์เน็ต</p>"
        "<p>ข้อมูลทั้งหมดอยู่ในไฟล์ <code>{path}</code> และบันทึกทันทีทุกครั้งที่แก้ไข</p>"
        "<p>เผยแพร่ภายใต้สัญญาอนุญาตสาธารณะทั่วไปของกนู รุ่นที่ 3 ขึ้นไป · แบบอักษรลักษมัณของกลุ่มผู้ใช้ลินุกซ์ไทย</p>"
    ),
}


class FirstRunChoice(Enum):
    """What the user chose in the first-run dialog."""

    CREATE = "create"
    DEMO = "demo"
    OPEN = "open"
    CANCEL = "cancel"


class FirstRunDialog(QDialog):
    """Asks for the organisation and fiscal year of a new plan, or offers the demo plan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXTS["first_title"])
        self.choice = FirstRunChoice.CANCEL
        intro = QLabel(TEXTS["first_intro"])
        intro.setWordWrap(True)
        self.org = QLineEdit()
        self.org.setPlaceholderText(TEXTS["org_hint"])
        self.district = QLineEdit()
        self.district.setPlaceholderText(TEXTS["district_hint"])
        self.province = QLineEdit()
        self.province.setPlaceholderText(TEXTS["province_hint"])
        self.year = QSpinBox()
        self.year.setRange(2500, 2700)
        self.year.setValue(fiscal_year_of(dt.date.today()))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow(TEXTS["org"], self.org)
        form.addRow(TEXTS["district"], self.district)
        form.addRow(TEXTS["province"], self.province)
        form.addRow(TEXTS["year"], self.year)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(TEXTS["create"])
        self.create_button.setDefault(True)
        self.demo_button = QPushButton(TEXTS["demo"])
        self.open_button = QPushButton(TEXTS["open"])
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(TEXTS["cancel"], QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self._create)
        self.demo_button.clicked.connect(lambda: self._finish(FirstRunChoice.DEMO))
        self.open_button.clicked.connect(lambda: self._finish(FirstRunChoice.OPEN))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _create(self) -> None:
        if not " ".join(self.org.text().split()):
            self.error.setText(TEXTS["need_org"])
            self.org.setFocus()
            return
        self._finish(FirstRunChoice.CREATE)

    def _finish(self, choice: FirstRunChoice) -> None:
        self.choice = choice
        self.accept()

    def organisation(self) -> NewPlan:
        """Arguments for ``Workspace.create``."""
        return {
            "name": " ".join(self.org.text().split()),
            "district": self.district.text().strip().removeprefix("อำเภอ").strip(),
            "province": self.province.text().strip().removeprefix("จังหวัด").strip(),
            "fiscal_year": self.year.value(),
        }


class MoveProjectsDialog(QDialog):
    """Before deleting a strategy or program that holds projects: where should they go?"""

    def __init__(self, what: str, count: int, targets: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXTS["move_title"])
        question = QLabel(TEXTS["move_question"].format(what=what, count=f"{count:,}"))
        question.setWordWrap(True)
        self.target = QComboBox()
        self.target.addItem(TEXTS["move_unfiled"], None)
        for program_id, label in targets:
            self.target.addItem(label, program_id)
        form = QFormLayout()
        form.addRow(TEXTS["move_target"], self.target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(TEXTS["move_ok"], QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(TEXTS["cancel"])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def program_id(self) -> int | None:
        """The chosen program (None: leave the projects unfiled)."""
        value = self.target.currentData(Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None
