"""Editors of the procurement plan's cells: the method from the act's list (or typed), the month from the year.

The method is an editable list (``domain.procurement.PROCUREMENT_METHODS``; any text typed is kept); the
expected month a list of the fiscal year's twelve months after "ตามเดือนแรกที่ดำเนินการ", which hands the
month back to the rule. The e-GP code is plain text (the workspace normalises it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from thaplan_desktop.domain.procurement import PROCUREMENT_METHODS
from thaplan_desktop.exporting.procurement import month_text
from thaplan_desktop.ui.procurement.model import METHOD, MONTH, ProcurementModel
from thaplan_desktop.ui.procurement.texts import TEXTS

_Index = QModelIndex | QPersistentModelIndex


class ProcurementDelegate(QStyledItemDelegate):
    """List editors for the method and month columns; the default editor elsewhere."""

    def __init__(self, model: ProcurementModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.procurement = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        if index.column() == METHOD:
            editor = QComboBox(parent)
            editor.setEditable(True)
            editor.addItems(["", *PROCUREMENT_METHODS])
            return editor
        if index.column() == MONTH:
            editor = QComboBox(parent)
            year = self.procurement.data_.fiscal_year if self.procurement.data_ is not None else 0
            editor.addItem(TEXTS["month_rule"], None)
            for month in range(1, 13):
                editor.addItem(month_text(year, month), month)
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == METHOD:
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        elif isinstance(editor, QComboBox) and index.column() == MONTH:
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox) and index.column() == METHOD:
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox) and index.column() == MONTH:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
