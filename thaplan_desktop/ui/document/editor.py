"""One text of the printed plan (คำนำ, or ส่วนที่ 1 บทนำ) as the officer edits it: formatted, with Thai fields.

``TextPage`` is a tab of the document dialog: above, the list of what the current line is (ย่อหน้า, หัวข้อ,
ข้อที่มีเลขกำกับ, บรรทัดลงนาม …), the "แทรกข้อมูล" menu of fields (ชื่อองค์กร, ปีงบประมาณ …, and the procedure
chart where the text may hold it) and "ใช้ข้อความเริ่มต้น"; below, the text beside its page as the PDF will
print it (``preview``). ``FieldTextEdit`` keeps fields whole when text is copied and pasted within ThaPlan
(the clipboard carries the markup as well as the plain text with the fields' Thai names).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.ui.document.fields import CHART, FIELD_KEY, FIELD_OBJECT, FIELDS, FieldObject, label_of
from thaplan_desktop.ui.document.markup import (
    KIND_NAMES,
    OBJECT_CHARACTER,
    Kind,
    block_kind,
    insert_field,
    normalised,
    read_markup,
    set_kind,
    write_markup,
)
from thaplan_desktop.ui.document.preview import LivePreview

TEXTS = {
    "kind": "บรรทัดนี้เป็น:",
    "insert": "แทรกข้อมูล",
    "insert_tip": "ข้อมูลที่โปรแกรมเติมให้เมื่อพิมพ์ เช่น ชื่อองค์กรและปีงบประมาณของแผนนี้",
    "default": "ใช้ข้อความเริ่มต้น",
    "hint": "ช่องสีฟ้าคือข้อมูลที่เติมจากแผนเมื่อพิมพ์ ลบหรือแทรกได้เหมือนตัวอักษรหนึ่งตัว",
}

MARKUP_MIME = "application/x-thaplan-text-markup"


def _with_labels(text: str, document: QTextDocument, start: int) -> str:
    """Plain text with each field's Thai name in place of its object character."""
    out = []
    for offset, char in enumerate(text):
        if char == OBJECT_CHARACTER:
            cursor = QTextCursor(document)
            cursor.setPosition(start + offset + 1)
            fmt = cursor.charFormat()
            out.append(label_of(str(fmt.property(FIELD_KEY))) if fmt.objectType() == FIELD_OBJECT else "")
        else:
            out.append(char)
    return "".join(out)


class FieldTextEdit(QTextEdit):
    """The text, its fields drawn as Thai names; copy and paste within ThaPlan keep the fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._fields = FieldObject(self)
        self.document().documentLayout().registerHandler(FIELD_OBJECT, self._fields)

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        cursor = self.textCursor()
        scratch = QTextDocument()
        QTextCursor(scratch).insertFragment(cursor.selection())
        mime.setData(MARKUP_MIME, QByteArray(write_markup(scratch).encode("utf-8")))
        mime.setText(_with_labels(cursor.selectedText(), self.document(), cursor.selectionStart())
                     .replace("\u2029", "\n"))
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasFormat(MARKUP_MIME) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasFormat(MARKUP_MIME):
            scratch = QTextDocument()
            read_markup(scratch, bytes(source.data(MARKUP_MIME).data()).decode("utf-8"))
            self.textCursor().insertFragment(QTextDocumentFragment(scratch))
            return
        super().insertFromMimeData(source)


class TextPage(QWidget):
    """A text of the printed plan: formatting, fields, the text, and its printed page beside it."""

    changed = Signal()

    def __init__(self, markup: str, default: str, *, chart: bool = False, preview: LivePreview | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default = default
        self.kinds = QComboBox()
        self.kinds.setObjectName("kinds")
        for kind, name in KIND_NAMES.items():
            self.kinds.addItem(name, kind.value)
        self.insert_button = QToolButton()
        self.insert_button.setText(TEXTS["insert"])
        self.insert_button.setToolTip(TEXTS["insert_tip"])
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = QMenu(self.insert_button)
        for key, name in FIELDS.items():
            self.insert_menu.addAction(name, partial(self.insert, key))
        if chart:
            self.insert_menu.addSeparator()
            self.insert_menu.addAction(label_of(CHART), lambda: self.insert(CHART))
        self.insert_button.setMenu(self.insert_menu)
        reset = QPushButton(TEXTS["default"])
        reset.clicked.connect(lambda: self.set_markup(self.default))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(TEXTS["kind"]))
        bar.addWidget(self.kinds)
        bar.addWidget(self.insert_button)
        bar.addStretch(1)
        bar.addWidget(reset)
        self.editor = FieldTextEdit()
        self.editor.setObjectName("text_editor")
        hint = QLabel(TEXTS["hint"])
        hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.editor, 1)
        left_layout.addWidget(hint)
        self.preview = preview
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        if preview is not None:
            splitter.addWidget(preview)
            splitter.setSizes([560, 440])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.kinds.activated.connect(self._kind_chosen)
        self.editor.cursorPositionChanged.connect(self._show_kind)
        self.editor.textChanged.connect(self._text_changed)
        self.set_markup(markup)

    def markup(self) -> str:
        """The text in the exporter's markup."""
        return write_markup(self.editor.document())

    def set_markup(self, markup: str) -> None:
        """Show a text given in the markup (undoable as one step)."""
        read_markup(self.editor.document(), markup)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self._show_kind()

    def is_default(self) -> bool:
        """True when the text is the default text (or empty)."""
        text = self.markup().strip()
        return not text or normalised(text) == normalised(self._default_as_written())

    def _default_as_written(self) -> str:
        scratch = QTextDocument()
        read_markup(scratch, self.default)
        return write_markup(scratch)

    def insert(self, key: str) -> None:
        """Put a field (or the chart, on a line of its own) at the cursor."""
        cursor = self.editor.textCursor()
        if key == CHART:
            if cursor.block().length() > 1:
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                cursor.insertBlock()
            set_kind(cursor, Kind.BODY)
        insert_field(cursor, key)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def set_kind(self, kind: Kind) -> None:
        """Make the current line (or the selected lines) a title, heading, numbered item …"""
        set_kind(self.editor.textCursor(), kind)
        self._show_kind()

    def _kind_chosen(self, index: int) -> None:
        self.set_kind(Kind(self.kinds.itemData(index)))
        self.editor.setFocus()

    def _show_kind(self) -> None:
        kind = block_kind(self.editor.textCursor().block())
        self.kinds.setCurrentIndex(self.kinds.findData(kind.value))

    def _text_changed(self) -> None:
        self.changed.emit()
        if self.preview is not None:
            self.preview.request(self.markup())
