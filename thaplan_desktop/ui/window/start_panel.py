"""A new, empty plan shows its next steps instead of a blank grid.

``GridArea`` holds the entry grid and ``StartPanel``; it shows the panel while the shown edition has no
project yet, and the grid from the first project on. The panel names the three ways an officer starts a
plan — add the strategies (ยุทธศาสตร์) and programs (แผนงาน) of the development plan, import the workbooks
the departments filled in, or send the departments the template to fill in — each a button bound to the
window's own action (so it is disabled where the action is, e.g. in the read-only second copy), and adding
projects one by one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.ui.state import Delta, PlanState

TEXTS = {
    "heading": "แผนนี้ยังไม่มีโครงการ",
    "intro": "เริ่มจัดทำแผนการดำเนินงานได้ตามขั้นตอนด้านล่าง ทุกขั้นตอนเรียกคืนได้ด้วย เลิกทำ (Ctrl+Z)",
    "step1_title": "1. ใส่ยุทธศาสตร์และแผนงานจากแผนพัฒนาท้องถิ่น",
    "step1_text": "คัดลอกรายการยุทธศาสตร์และแผนงานจากแผนพัฒนาท้องถิ่น (แบบ ผ.01) มาวาง"
                  " โครงการทุกรายการจะจัดเข้ายุทธศาสตร์และแผนงานเหล่านี้",
    "step1_button": "เพิ่มยุทธศาสตร์จากแผนพัฒนา…",
    "step1_done": "✓ มียุทธศาสตร์ {strategies} รายการ แผนงาน {programs} รายการแล้ว",
    "step2_title": "2. ส่งแบบฟอร์มให้กองต่าง ๆ กรอกโครงการ",
    "step2_text": "สร้างไฟล์ Excel สำหรับแต่ละกอง มีรายการยุทธศาสตร์ แผนงาน และเดือนให้เลือก กรอกแล้วส่งกลับมานำเข้าได้ทันที",
    "step2_button": "สร้างแบบฟอร์มให้กองกรอก…",
    "step3_title": "3. นำเข้าไฟล์ Excel ที่กองส่งกลับมา",
    "step3_text": "เลือกไฟล์ของกองต่าง ๆ (ได้หลายไฟล์พร้อมกัน) ดูตัวอย่างก่อนนำเข้า และนำเข้าทั้งหมดหรือไม่นำเข้าเลย",
    "step3_button": "นำเข้า Excel…",
    "manual": "หรือพิมพ์โครงการเองทีละรายการ:",
    "manual_button": "เพิ่มโครงการ (Ctrl+N)",
}


class StartPanel(QScrollArea):
    """The next steps of an empty plan, each a button triggering one of the window's actions."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_panel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.buttons: dict[str, QToolButton] = {}
        page = QWidget()
        page.setObjectName("start_page")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(48, 36, 48, 36)
        heading = QLabel(TEXTS["heading"])
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(TEXTS["intro"])
        intro.setWordWrap(True)
        outer.addWidget(heading)
        outer.addWidget(intro)
        outer.addSpacing(18)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        steps = (("step1", "add_strategies"), ("step2", "export_template"), ("step3", "import_excel"))
        self.step1_state = QLabel()
        self.step1_state.setObjectName("step1_state")
        self.step1_state.setStyleSheet("color: #1b6e20")
        for row, (step, action_id) in enumerate(steps):
            title = QLabel(TEXTS[f"{step}_title"])
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            text = QLabel(TEXTS[f"{step}_text"])
            text.setWordWrap(True)
            box = QVBoxLayout()
            box.addWidget(title)
            box.addWidget(text)
            if step == "step1":
                box.addWidget(self.step1_state)
            grid.addLayout(box, row, 0)
            grid.addWidget(self._button(actions[action_id], TEXTS[f"{step}_button"], action_id), row, 1,
                           Qt.AlignmentFlag.AlignVCenter)
        outer.addLayout(grid)
        outer.addSpacing(24)
        manual = QGridLayout()
        manual.addWidget(QLabel(TEXTS["manual"]), 0, 0)
        manual.addWidget(self._button(actions["add_project"], TEXTS["manual_button"], "add_project"), 0, 1)
        manual.setColumnStretch(2, 1)
        outer.addLayout(manual)
        outer.addStretch(1)
        self.setWidget(page)

    def _button(self, action: QAction, text: str, action_id: str) -> QToolButton:
        """A button that triggers ``action`` and follows its enabled state, with its own longer text."""
        button = QToolButton()
        button.setObjectName(f"start_{action_id}")
        button.setText(text)
        button.setToolTip(action.toolTip())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(button.fontMetrics().lineSpacing() * 2)
        button.setMinimumWidth(260)
        button.clicked.connect(action.trigger)
        button.setEnabled(action.isEnabled())
        action.enabledChanged.connect(button.setEnabled)
        self.buttons[action_id] = button
        return button

    def show_state(self, state: PlanState) -> None:
        """Say how far step 1 got."""
        done = bool(state.strategies)
        self.step1_state.setVisible(done)
        if done:
            self.step1_state.setText(TEXTS["step1_done"].format(strategies=len(state.strategies),
                                                                programs=len(state.programs)))


class GridArea(QStackedWidget):
    """The grid, or the next steps while the shown edition has no project."""

    def __init__(self, grid: QWidget, state: PlanState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.state = state
        self.panel: StartPanel | None = None
        self.addWidget(grid)
        state.changed.connect(self._follow)

    def add_panel(self, actions: dict[str, QAction]) -> None:
        """Build the panel once the window's actions exist."""
        self.panel = StartPanel(actions)
        self.addWidget(self.panel)
        self._follow(Delta(reset=True))

    def showing_steps(self) -> bool:
        """True while the next steps are shown instead of the grid."""
        return self.panel is not None and self.currentWidget() is self.panel

    def _follow(self, _delta: Delta) -> None:
        if self.panel is None:
            return
        empty = self.state.edition is not None and not self.state.projects
        if empty:
            self.panel.show_state(self.state)
        self.setCurrentWidget(self.panel if empty else self.grid)
