"""The exporter's text markup as formatted text in a ``QTextDocument``, and back, line for line.

The markup (``exporting.pdf.texts``) has one construct per line: ``# `` title, ``## `` heading, ``### ``
sub-heading, ``1. `` numbered item, ``- `` indented line, ``> `` signature line, ``= `` line set in,
``---`` rule, ``[แผนภูมิ]`` the procedure chart, anything else a paragraph; ``{name}`` placeholders are
filled from the plan. ``read_markup`` makes each line a block whose kind (``KIND``, a block property) sets
how it looks, each known placeholder a field object (``fields``), and numbered items a numbered list;
``write_markup`` writes the document back in the same markup, so the PDF prints exactly what the officer
sees. ``set_kind`` gives the blocks under a cursor another kind; ``insert_field`` puts a field at it.
Braces the officer types are written doubled (``{{``) where the exporter would otherwise take them for a
placeholder.
"""

from __future__ import annotations

import re
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextListFormat,
)

from thaplan_desktop.ui.document.fields import CHART, FIELD_KEY, FIELD_OBJECT, FIELDS

KIND = int(QTextFormat.Property.UserProperty) + 2  # block format: the block's ``Kind``
OBJECT_CHARACTER = "\ufffc"
_LINE_SEPARATOR = "\u2028"  # Shift+Enter inside a block


class Kind(StrEnum):
    """What a block is, as the markup says it."""

    BODY = "body"
    TITLE = "title"
    HEADING = "heading"
    SUBHEADING = "subheading"
    NUMBERED = "numbered"
    INDENTED = "indented"
    SIGNATURE = "signature"
    SET_IN = "set_in"
    RULE = "rule"


# Thai names of the kinds, in the order the editor's list offers them.
KIND_NAMES: dict[Kind, str] = {
    Kind.BODY: "ย่อหน้า",
    Kind.TITLE: "ชื่อเรื่อง (กึ่งกลาง)",
    Kind.HEADING: "หัวข้อ",
    Kind.SUBHEADING: "หัวข้อย่อย",
    Kind.NUMBERED: "ข้อที่มีเลขกำกับ",
    Kind.INDENTED: "บรรทัดย่อหน้าเข้า",
    Kind.SIGNATURE: "บรรทัดลงนาม (ชิดขวา)",
    Kind.SET_IN: "บรรทัดวันที่ประกาศ",
    Kind.RULE: "เส้นคั่น",
}

_PREFIXES = ((Kind.SUBHEADING, "### "), (Kind.HEADING, "## "), (Kind.TITLE, "# "), (Kind.INDENTED, "- "),
             (Kind.SET_IN, "= "))
_NUMBERED = re.compile(r"^(\d+|[๐-๙]+)\.\s*(.*)$")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_]+)\}")
_INDENT = 36.0  # px per level in the editor (the PDF has its own measures)


def _line_kind(line: str) -> tuple[Kind, str]:
    """The kind of a markup line and its text."""
    if line.startswith(">"):
        return Kind.SIGNATURE, line[1:].strip()
    if line == "---":
        return Kind.RULE, ""
    for kind, prefix in _PREFIXES:
        if line.startswith(prefix):
            return kind, line[len(prefix):].strip()
    numbered = _NUMBERED.match(line)
    if numbered:
        return Kind.NUMBERED, numbered.group(2).strip()
    return Kind.BODY, line


def block_kind(block: QTextBlock) -> Kind:
    """The kind of a block (a block in a list is a numbered item)."""
    if block.textList() is not None:
        return Kind.NUMBERED
    value = block.blockFormat().property(KIND)
    try:
        return Kind(str(value)) if value else Kind.BODY
    except ValueError:
        return Kind.BODY


def _block_format(kind: Kind) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(KIND, kind.value)
    fmt.setTopMargin(2)
    fmt.setBottomMargin(2)
    if kind is Kind.BODY:
        fmt.setTextIndent(_INDENT * 1.5)
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
    elif kind is Kind.TITLE:
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setBottomMargin(8)
    elif kind is Kind.HEADING:
        fmt.setTopMargin(10)
    elif kind is Kind.SUBHEADING:
        fmt.setLeftMargin(_INDENT)
        fmt.setTopMargin(6)
    elif kind is Kind.INDENTED:
        fmt.setLeftMargin(_INDENT * 1.5)
    elif kind is Kind.SIGNATURE:
        fmt.setLeftMargin(_INDENT * 8)
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    elif kind is Kind.SET_IN:
        fmt.setLeftMargin(_INDENT * 3)
        fmt.setTopMargin(10)
    elif kind is Kind.RULE:
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        fmt.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth,
                        QTextLength(QTextLength.Type.PercentageLength, 25))
    return fmt


def _char_format(kind: Kind, base: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    bold = kind in (Kind.TITLE, Kind.HEADING, Kind.SUBHEADING)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 12.0
    fmt.setFontPointSize(size * 1.3 if kind is Kind.TITLE else size)
    return fmt


def field_format(key: str, base: QTextCharFormat | None = None) -> QTextCharFormat:
    """The char format of a field object (a placeholder, or the chart)."""
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    fmt.setObjectType(FIELD_OBJECT)
    fmt.setProperty(FIELD_KEY, key)
    return fmt


def insert_field(cursor: QTextCursor, key: str) -> None:
    """Put a field (or the chart) at the cursor, in the text's own font."""
    cursor.insertText(OBJECT_CHARACTER, field_format(key, cursor.charFormat()))


def _insert_text(cursor: QTextCursor, text: str, fmt: QTextCharFormat) -> None:
    """Text with its ``{placeholders}`` as field objects and doubled braces as one."""
    if text == CHART:
        insert_field(cursor, CHART)
        return
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        cursor.insertText(text[position:match.start()], fmt)
        token, key = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            cursor.insertText(token[0], fmt)
        elif key in FIELDS:
            cursor.insertText(OBJECT_CHARACTER, field_format(key, fmt))
        else:
            cursor.insertText(token, fmt)  # the exporter leaves unknown names as written
        position = match.end()
    cursor.insertText(text[position:], fmt)


def read_markup(document: QTextDocument, markup: str) -> None:
    """Replace the document's content with the markup, one block per line."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    base = document.defaultFont()
    lines = markup.replace("\r\n", "\n").rstrip("\n").split("\n")
    previous = None
    for number, raw in enumerate(lines):
        kind, text = _line_kind(raw.strip())
        if number:
            cursor.insertBlock()
        cursor.setBlockFormat(_block_format(kind))
        char = _char_format(kind, base)
        cursor.setBlockCharFormat(char)
        if kind is Kind.NUMBERED:
            current = cursor.block()
            if previous is Kind.NUMBERED and current.previous().textList() is not None:
                current.previous().textList().add(current)
            else:
                cursor.createList(_list_format())
        _insert_text(cursor, text, char)
        previous = kind
    cursor.endEditBlock()


def _list_format() -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(QTextListFormat.Style.ListDecimal)
    fmt.setIndent(1)
    return fmt


def block_text(block: QTextBlock, escape: bool) -> str:
    """A block's text in markup: fields as ``{name}``, the chart as its mark, braces doubled if ``escape``."""
    parts: list[str] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            text = fragment.text()
            if fmt.objectType() == FIELD_OBJECT:
                key = str(fmt.property(FIELD_KEY))
                parts += [key if key == CHART else "{" + key + "}" for _ in text]
            else:
                text = text.replace(_LINE_SEPARATOR, " ").replace(OBJECT_CHARACTER, "")
                parts.append(text.replace("{", "{{").replace("}", "}}") if escape else text)
        iterator += 1
    return "".join(parts)


def _needs_escape(document: QTextDocument) -> bool:
    """Whether the exporter will fill placeholders (then typed braces must be doubled)."""
    plain = document.toPlainText()
    return "{" in plain or OBJECT_CHARACTER in plain


def write_markup(document: QTextDocument) -> str:
    """The document in the exporter's markup, one line per block."""
    escape = _needs_escape(document)
    lines: list[str] = []
    block = document.begin()
    while block.isValid():
        kind = block_kind(block)
        text = block_text(block, escape).strip()
        if kind is Kind.NUMBERED:
            text_list = block.textList()
            number = text_list.itemNumber(block) + 1 if text_list is not None else 1
            lines.append(f"{number}. {text}")
        elif kind is Kind.SIGNATURE:
            lines.append(f"> {text}" if text else ">")
        elif kind is Kind.RULE:
            lines.append("---")
            if text:
                lines.append(text)
        elif kind is Kind.BODY:
            lines.append(text)
        else:
            prefix = dict(_PREFIXES)[kind]
            lines.append(f"{prefix}{text}" if text else "")
        block = block.next()
    return "\n".join(lines).rstrip("\n") + "\n"


def set_kind(cursor: QTextCursor, kind: Kind) -> None:
    """Give the blocks under the cursor (or its selection) another kind, as one undo step."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    edit = QTextCursor(document)
    edit.beginEditBlock()
    block = first
    while block.isValid():
        edit.setPosition(block.position())
        text_list = block.textList()
        if text_list is not None:
            text_list.remove(block)
        edit.setBlockFormat(_block_format(kind))
        char = _char_format(kind, document.defaultFont())
        edit.setBlockCharFormat(char)
        edit.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        edit.mergeCharFormat(char)
        if kind is Kind.NUMBERED:
            previous = block.previous()
            if previous.isValid() and previous.textList() is not None:
                previous.textList().add(block)
            else:
                edit.createList(_list_format())
        if block == last:
            break
        block = block.next()
    edit.endEditBlock()


def normalised(markup: str) -> str:
    """Markup as ``write_markup`` writes it: lines stripped, one newline at the end."""
    return "\n".join(line.strip() for line in markup.replace("\r\n", "\n").rstrip("\n").split("\n")) + "\n"
