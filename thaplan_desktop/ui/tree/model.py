"""The classification tree: ยุทธศาสตร์ → แผนงาน, a ครุภัณฑ์ branch by equipment type, with live totals.

``ClassificationTreeModel`` adapts ``PlanState``: each node shows its name, its number of projects and
their budget, kept live from the state's totals. When the shape of the tree changes (a strategy added,
a program moved, equipment filed under a new type/program pair) the model resets and the view restores
what was expanded and selected; otherwise only the totals repaint. The model never changes data:
renames, drops of grid rows and drags of nodes come out as signals that the window turns into
workspace operations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from thaplan_desktop.domain.money import format_money
from thaplan_desktop.ui.grid.model import PROJECT_IDS_MIME
from thaplan_desktop.ui.state import EQUIPMENT, ROOT, UNFILED, Delta, NodeKey, PlanState

TEXTS = {
    "root": "แผนการดำเนินงานทั้งหมด",
    "equipment": "ครุภัณฑ์ (ผด.02/1)",
    "unfiled": "ยังไม่ได้จัดเข้าแผนงาน",
    "no_type": "ไม่ระบุประเภทครุภัณฑ์",
    "name": "ยุทธศาสตร์ / แผนงาน",
    "count": "จำนวน",
    "budget": "งบประมาณ (บาท)",
    "strategy_tip": "ยุทธศาสตร์ที่ {number}: {name}\nดับเบิลคลิกหรือกด F2 เพื่อเปลี่ยนชื่อ ลากเพื่อจัดลำดับ",
    "program_tip": "{label}\nลากโครงการจากตารางมาวางที่นี่เพื่อย้ายเข้าแผนงานนี้",
    "totals_tip": "{count} รายการ งบประมาณ {budget} บาท",
}

Index = QModelIndex | QPersistentModelIndex
NODE_MIME = "application/x-thaplan-tree-node"
NODE_KEY_ROLE = Qt.ItemDataRole.UserRole + 20
# The line the tree view paints under a node's name; a model that gives none gets "count · budget".
TOTALS_TEXT_ROLE = Qt.ItemDataRole.UserRole + 21

_EMPTY = QColor(150, 150, 150)


@dataclass(eq=False)
class Node:
    """One node of the tree."""

    key: NodeKey
    label: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    number: int = 0  # internal id for QModelIndex
    row: int = 0
    tooltip: str = ""


class ClassificationTreeModel(QAbstractItemModel):
    """Strategies and programs, equipment types, unfiled projects — each with count and budget."""

    rename_requested = Signal(object, str)  # node key, new name
    projects_dropped = Signal(list, object)  # project ids, node key
    node_moved = Signal(object, object, int)  # moved node key, new parent key, row before which it goes

    COLUMN_TITLES = (TEXTS["name"], TEXTS["count"], TEXTS["budget"])

    def __init__(self, state: PlanState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._nodes: dict[int, Node] = {}
        self._by_key: dict[NodeKey, Node] = {}
        self._root = Node(("invisible",), "")
        self._shape: tuple[tuple[NodeKey, str], ...] = ()
        self._shown: dict[int, tuple[int, object]] = {}
        self._build()
        state.changed.connect(self._on_state_changed)

    # --- building --------------------------------------------------------------------------------------

    def _build(self) -> None:
        self._nodes.clear()
        self._by_key.clear()
        self._root = Node(("invisible",), "")
        state = self.state
        top = self._add(self._root, ROOT, TEXTS["root"])
        for strategy in state.strategies:
            s_node = self._add(top, ("strategy", strategy.id), f"{strategy.number}. {strategy.name}",
                               TEXTS["strategy_tip"].format(number=strategy.number, name=strategy.name))
            for program in state.programs_of(strategy.id):
                label = state.program_label(program.id)
                self._add(s_node, ("program", program.id), label, TEXTS["program_tip"].format(label=label))
        equipment = self._add(top, EQUIPMENT, TEXTS["equipment"])
        pairs: dict[int, list[int]] = {}
        for key, totals in state.totals.items():
            if key[0] == "etype_program" and totals.count > 0:
                pairs.setdefault(key[1], []).append(key[2])
        types = [(t.id, t.name) for t in state.equipment_types]
        if state.totals_of(("etype", 0)).count > 0:
            types.append((0, TEXTS["no_type"]))
        for type_id, name in types:
            t_node = self._add(equipment, ("etype", type_id), name)
            for program_id in sorted(pairs.get(type_id, ()), key=lambda p: state.program_rank.get(p, 10**9)):
                filed_under = state.program_by_id.get(program_id)
                if filed_under is not None:
                    self._add(t_node, ("etype_program", type_id, program_id), filed_under.name,
                              TEXTS["program_tip"].format(label=filed_under.name))
        self._add(top, UNFILED, TEXTS["unfiled"])
        self._shape = tuple((n.key, n.label) for n in self._nodes.values())
        self._shown = {
            n.number: (self.state.totals_of(n.key).count, self.state.totals_of(n.key).budget)
            for n in self._nodes.values()}

    def _add(self, parent: Node, key: NodeKey, label: str, tooltip: str = "") -> Node:
        node = Node(key, label, parent, number=len(self._nodes) + 1, row=len(parent.children), tooltip=tooltip)
        parent.children.append(node)
        self._nodes[node.number] = node
        self._by_key[key] = node
        return node

    def _on_state_changed(self, delta: Delta) -> None:
        old_shape = self._shape
        if delta.reset or delta.tree or delta.reference or delta.created or delta.removed or delta.updated:
            # Build aside to compare shapes; reset only if the shape changed.
            nodes, by_key, root, shown = self._nodes, self._by_key, self._root, self._shown
            self._nodes, self._by_key = {}, {}
            self._build()
            new_shape = self._shape
            if new_shape == old_shape and not delta.reset:
                self._nodes, self._by_key, self._root, self._shape = nodes, by_key, root, old_shape
                self._shown = shown
                self._totals_changed()
                return
            self._nodes, self._by_key, self._root, self._shape = nodes, by_key, root, old_shape
            self.beginResetModel()
            self._build()
            self.endResetModel()

    def _totals_changed(self) -> None:
        """Repaint the nodes whose count or budget changed (all three columns: the view paints them as one)."""
        for node in self._nodes.values():
            totals = self.state.totals_of(node.key)
            shown = (totals.count, totals.budget)
            if self._shown.get(node.number) != shown:
                self._shown[node.number] = shown
                self.dataChanged.emit(self._index_of(node, 0), self._index_of(node, 2))

    def _index_of(self, node: Node, column: int = 0) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node.number)

    # --- Qt interface ----------------------------------------------------------------------------------

    def _node(self, index: Index) -> Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < 3:
            return self.createIndex(row, column, node.children[row].number)
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, index: Index) -> QModelIndex: ...

    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        """The parent of a node's index (Qt's item model call); without an index, the QObject parent."""
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId()]
        if node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent.number)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        column = index.column()
        totals = self.state.totals_of(node.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return node.label
            if column == 1:
                return f"{totals.count:,}"
            return format_money(totals.budget)
        if role == Qt.ItemDataRole.EditRole and column == 0:
            if node.key[0] == "strategy":
                return self.state.strategy_by_id[node.key[1]].name
            if node.key[0] == "program":
                return self.state.program_by_id[node.key[1]].name
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = TEXTS["totals_tip"].format(count=f"{totals.count:,}",
                                             budget=format_money(totals.budget, always_satang=True))
            return f"{node.tooltip or node.label}\n{tip}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and totals.count == 0 and node.key != ROOT:
            return QBrush(_EMPTY)
        if role == Qt.ItemDataRole.FontRole and (node.key in (ROOT, EQUIPMENT) or node.key[0] == "strategy"):
            font = QFont()
            font.setBold(True)
            return font
        if role == NODE_KEY_ROLE:
            return list(node.key)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self.COLUMN_TITLES[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        node = self._nodes[index.internalId()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.state.read_only:  # the read-only second copy: no renaming, no dragging, no drops
            return flags
        kind = node.key[0]
        if kind in ("strategy", "program") and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        if kind in ("root", "strategy", "program", "etype", "etype_program", "unfiled"):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != 0:
            return False
        node = self._nodes[index.internalId()]
        name = " ".join(str(value or "").split())
        if node.key[0] not in ("strategy", "program") or not name:
            return False
        if name != self.data(index, Qt.ItemDataRole.EditRole):
            self.rename_requested.emit(node.key, name)
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PROJECT_IDS_MIME, NODE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        keys = [list(self._nodes[i.internalId()].key) for i in indexes if i.isValid() and i.column() == 0]
        mime = QMimeData()
        mime.setData(NODE_MIME, QByteArray(json.dumps(keys[:1]).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        kind, payload, key, position = target
        if kind == "projects":
            self.projects_dropped.emit(payload, key)
        else:
            self.node_moved.emit(payload, key, position)
        return False  # the window applies the change; nothing for the view to remove

    def _drop_target(self, data: QMimeData, row: int, parent: Index) -> tuple[str, Any, NodeKey, int] | None:
        node = self._node(parent)
        if data.hasFormat(PROJECT_IDS_MIME):
            if row != -1 or node.key[0] not in ("program", "etype", "etype_program", "unfiled"):
                return None
            ids = json.loads(bytes(data.data(PROJECT_IDS_MIME).data()).decode())
            return ("projects", [int(i) for i in ids], node.key, -1) if ids else None
        if data.hasFormat(NODE_MIME):
            keys = json.loads(bytes(data.data(NODE_MIME).data()).decode())
            if not keys:
                return None
            moved = tuple(keys[0])
            # A strategy goes among strategies; a program under a strategy (before a row or at the end).
            if moved[0] == "strategy":
                if node.key == ROOT:
                    strategies = [c for c in node.children if c.key[0] == "strategy"]
                    position = len(strategies) if row == -1 or row > len(strategies) else row
                    return ("node", moved, ROOT, position)
                if node.key[0] == "strategy" and row == -1:  # dropped onto a strategy: goes before it
                    return ("node", moved, ROOT, node.row)
                return None
            if moved[0] == "program":
                if node.key[0] == "strategy":
                    position = len(node.children) if row == -1 else row
                    return ("node", moved, node.key, position)
                if node.key[0] == "program" and row == -1 and node.parent is not None:
                    return ("node", moved, node.parent.key, node.row)
            return None
        return None

    # --- lookups ---------------------------------------------------------------------------------------

    def index_of_key(self, key: NodeKey) -> QModelIndex:
        """The index of a node (invalid when the node is not in the tree)."""
        node = self._by_key.get(tuple(key))
        return self._index_of(node) if node is not None else QModelIndex()

    def key_of(self, index: Index) -> NodeKey:
        """The key of the node at an index (the root for an invalid index)."""
        if not index.isValid():
            return ROOT
        return self._nodes[index.internalId()].key

    def children_keys(self, key: NodeKey) -> list[NodeKey]:
        """Keys of a node's children in order."""
        node = self._by_key.get(tuple(key))
        return [c.key for c in node.children] if node is not None else []
