"""The procedure screen's side panel: the trigger, the deadlines with the days left, extensions, posting.

``DeadlinePanel`` lists, in groups, what the chart has no room for: warnings (the monitoring report's
rounds' among them), what opened the 30-day window and when, the three deadlines (extended or not), the extensions granted, the posting, and the
amendments of an announced edition. Its buttons (change the trigger, add an extension, record the
posting, save the chart as PNG) are connected by the view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from thaplan_desktop.domain.fiscal import format_thai_date
from thaplan_desktop.ui.procedure.chart import STATE_COLOURS
from thaplan_desktop.workflow.deadlines import Deadline, DeadlineState
from thaplan_desktop.workflow.procedure import ProcedureState

TEXTS = {
    "edition": "ปีงบประมาณ {year} {label}",
    "announced": "ประกาศใช้แล้วเมื่อ {date}",
    "draft": "ยังไม่ได้ประกาศใช้",
    "loading": "กำลังอ่านขั้นตอน…",
    "warnings_head": "ข้อควรระวัง",
    "trigger_group": "วันเริ่มนับกำหนดเวลา",
    "trigger_line": "{what}\nเมื่อ {date}",
    "trigger_missing": "{what}\nยังไม่ได้ระบุวันที่ — กรุณาระบุเพื่อคำนวณกำหนดเวลา",
    "trigger_edit": "แก้ไขวันเริ่มนับ…",
    "deadlines_group": "กำหนดเวลาตามระเบียบ",
    "due": "กำหนด {date}",
    "extended_from": " (ขยายจาก {date})",
    "extensions_group": "การขยายเวลา (อำนาจของผู้บริหารท้องถิ่น)",
    "no_extensions": "ยังไม่มีการขยายเวลา",
    "extension_line": "ขยายถึง {date}: {reason}",
    "extension_granted": " — อนุมัติ {date}",
    "extension_add": "ขยายเวลา…",
    "posting_group": "การปิดประกาศ",
    "posting_none": "ยังไม่ได้ปิดประกาศ",
    "posting_line": "ปิดประกาศเมื่อ {date}",
    "posting_removed": "ปลดประกาศเมื่อ {date}",
    "posting_edit": "บันทึกการปิดประกาศ…",
    "amendments_group": "ประวัติการแก้ไขแผน",
    "no_amendments": "ยังไม่มีการแก้ไขแผน",
    "amendment_line": "{label} ({date}): {reason}",
    "export_png": "บันทึกแผนภูมิเป็นไฟล์ภาพ…",
}


class DeadlinePanel(QWidget):
    """The groups beside the chart; ``show_state`` fills them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("procedurePanel")
        self.setStyleSheet("#procedurePanel { background: #f8fafc; } "
                           "QFrame#group { background: white; border: 1px solid #cbd5e1; "
                           "border-radius: 6px; }")
        panel_layout = QVBoxLayout(self)
        panel_layout.setContentsMargins(8, 8, 8, 8)
        panel_layout.setSpacing(8)
        self.heading = _label(TEXTS["loading"], bold=True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 15px;")
        panel_layout.addWidget(self.heading)
        self.warnings_frame, self.warnings_layout = _group(TEXTS["warnings_head"])
        self.warnings_frame.setStyleSheet("QFrame#group { background: #fef2f2; border: 1px solid #fca5a5; }")
        panel_layout.addWidget(self.warnings_frame)
        self.trigger_frame, self.trigger_layout = _group(TEXTS["trigger_group"])
        panel_layout.addWidget(self.trigger_frame)
        self.deadlines_frame, self.deadlines_layout = _group(TEXTS["deadlines_group"])
        panel_layout.addWidget(self.deadlines_frame)
        self.extensions_frame, self.extensions_layout = _group(TEXTS["extensions_group"])
        panel_layout.addWidget(self.extensions_frame)
        self.posting_frame, self.posting_layout = _group(TEXTS["posting_group"])
        panel_layout.addWidget(self.posting_frame)
        self.amendments_frame, self.amendments_layout = _group(TEXTS["amendments_group"])
        panel_layout.addWidget(self.amendments_frame)
        self.export_button = QPushButton(TEXTS["export_png"])
        panel_layout.addWidget(self.export_button)
        panel_layout.addStretch(1)

        self.trigger_button = QPushButton(TEXTS["trigger_edit"])
        self.extension_button = QPushButton(TEXTS["extension_add"])
        self.posting_button = QPushButton(TEXTS["posting_edit"])


    def show_state(self, state: ProcedureState, more_warnings: Sequence[tuple[str, DeadlineState]] = ()) -> None:
        """Say what ``state`` holds, group by group; ``more_warnings`` (text, state) join the plan's own."""
        edition = state.edition
        status = (TEXTS["announced"].format(date=format_thai_date(edition.announcement_date))
                  if state.announced and edition.announcement_date else TEXTS["draft"])
        self.heading.setText(TEXTS["edition"].format(year=edition.fiscal_year, label=edition.label) + "\n" + status)

        _clear(self.warnings_layout)
        shown = [(w.message, w.state) for w in state.warnings] + list(more_warnings)
        for message, deadline_state in shown:
            _add(self.warnings_layout, _label(message, STATE_COLOURS[deadline_state], bold=True))
        self.warnings_frame.setVisible(bool(shown))

        _clear(self.trigger_layout, spare=(self.trigger_button,))
        key = "trigger_line" if edition.trigger_date else "trigger_missing"
        date = format_thai_date(edition.trigger_date) if edition.trigger_date else ""
        _add(self.trigger_layout, _label(TEXTS[key].format(what=state.trigger_label, date=date)))
        _add(self.trigger_layout, self.trigger_button)

        _clear(self.deadlines_layout)
        for deadline in state.deadlines:
            _add(self.deadlines_layout, self._deadline_widget(deadline))

        _clear(self.extensions_layout, spare=(self.extension_button,))
        if not state.extensions:
            _add(self.extensions_layout, _label(TEXTS["no_extensions"], "#6b7280"))
        for ext in state.extensions:
            text = TEXTS["extension_line"].format(date=format_thai_date(ext.new_due), reason=ext.reason)
            if ext.granted_on:
                text += TEXTS["extension_granted"].format(date=format_thai_date(ext.granted_on, short=True))
            if ext.note:
                text += f" ({ext.note})"
            _add(self.extensions_layout, _label(text))
        _add(self.extensions_layout, self.extension_button)
        self.extension_button.setEnabled(edition.trigger_date is not None)

        _clear(self.posting_layout, spare=(self.posting_button,))
        posting = state.posting
        if posting.posted_on:
            text = TEXTS["posting_line"].format(date=format_thai_date(posting.posted_on))
            if posting.removed_on:
                text += "\n" + TEXTS["posting_removed"].format(date=format_thai_date(posting.removed_on))
            if posting.note:
                text += f"\n{posting.note}"
        else:
            text = TEXTS["posting_none"]
        _add(self.posting_layout, _label(text))
        _add(self.posting_layout, self.posting_button)
        self.posting_button.setEnabled(state.announced)

        _clear(self.amendments_layout)
        if not state.amendments:
            _add(self.amendments_layout, _label(TEXTS["no_amendments"], "#6b7280"))
        for amendment in state.amendments:
            text = TEXTS["amendment_line"].format(label=amendment.label, reason=amendment.reason,
                                                  date=format_thai_date(amendment.amended_on, short=True))
            label = _label(text)
            if amendment.changes:
                label.setToolTip(amendment.changes)
            _add(self.amendments_layout, label)
        self.amendments_frame.setVisible(state.announced or bool(state.amendments))

    @staticmethod
    def _deadline_widget(deadline: Deadline) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(1)
        layout.addWidget(_label(deadline.title, bold=True))
        if deadline.due is not None:
            text = TEXTS["due"].format(date=format_thai_date(deadline.due))
            if deadline.extended and deadline.original_due:
                text += TEXTS["extended_from"].format(date=format_thai_date(deadline.original_due, short=True))
            layout.addWidget(_label(text))
        status = _label(deadline.status_text, STATE_COLOURS[deadline.state],
                        bold=deadline.state.is_warning)
        if deadline.state.is_warning:
            status.setStyleSheet(status.styleSheet() + " font-size: 15px;")
        status.setObjectName(f"deadline_{deadline.kind}")
        layout.addWidget(status)
        return widget


def _group(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("group")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 8, 10, 10)
    layout.setSpacing(4)
    head = QLabel(title)
    head.setStyleSheet("font-weight: bold; color: #1e3a8a;")
    head.setWordWrap(True)
    layout.addWidget(head)
    return frame, layout


def _label(text: str, colour: str | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style = []
    if colour:
        style.append(f"color: {colour};")
    if bold:
        style.append("font-weight: bold;")
    if style:
        label.setStyleSheet(" ".join(style))
    return label


def _clear(layout: QVBoxLayout, keep: int = 1, spare: tuple[QWidget, ...] = ()) -> None:
    """Remove the rows after the group's heading; the ``spare`` widgets (its buttons) are kept alive."""
    while layout.count() > keep:
        item = layout.takeAt(keep)
        widget = item.widget() if item is not None else None
        if widget is not None and widget not in spare:
            widget.hide()
            widget.deleteLater()


def _add(layout: QVBoxLayout, widget: QWidget) -> None:
    """Add a row to a group and show it now (a child added to a visible window stays hidden otherwise)."""
    layout.addWidget(widget)
    widget.setVisible(True)
