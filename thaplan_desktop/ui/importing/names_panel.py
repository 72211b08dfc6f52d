"""The import preview's name matches: each strategy and program name of the files that is not the plan's.

``NameChoicesPanel`` shows one line per distinct name (not per row): the name as the files write it, whether
it is a strategy (ยุทธศาสตร์) or a program (แผนงาน, and under which of the plan's strategies), how many rows
carry it, where it will be filed — a choice among the plan's names, the proposed one first with how sure
the match is, or "สร้างใหม่" — and why the match was proposed. The officer decides once per name:

- a confident match (the names are the same once normalised, or the officer chose it in an earlier import)
  comes chosen;
- a name with nothing alike in the plan comes as "สร้างใหม่" (the preview's list of what will be created,
  which the officer confirms, names it);
- a name only alike to one of the plan's (or to several) waits for the officer: "— เลือก —", marked, and
  the import cannot start until it is decided. Taking a guess for the officer would misfile rows; creating
  by default is what filled plans with near duplicates.

The panel keeps the officer's choices (``choices``) across new matches: when a strategy's choice changes
the preview files the rows again and the programs under it are matched anew (``set_matches``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.importing.names import STRATEGY, ChoiceKey, NameMatch, PlanNames

TEXTS = {
    "title": "ชื่อยุทธศาสตร์และแผนงานที่ไม่ตรงกับในแผน ({count} ชื่อ)",
    "intro": "เลือกครั้งเดียวต่อชื่อ ใช้กับทุกรายการที่เขียนชื่อนั้น และโปรแกรมจะจำไว้ใช้ในการนำเข้าครั้งต่อไป",
    "undecided": "ยังต้องเลือกอีก {count} ชื่อก่อนนำเข้า (ช่องสีเหลือง)",
    "all_decided": "เลือกครบทุกชื่อแล้ว",
    "name": "ชื่อในไฟล์",
    "kind": "ประเภท",
    "rows": "รายการ",
    "choice": "จัดเข้า",
    "confidence": "ความมั่นใจ",
    "reason": "เหตุผล",
    "strategy": "ยุทธศาสตร์",
    "program": "แผนงาน",
    "program_in": "แผนงาน ใน{strategy}",
    "pick": "— เลือกว่าจะจัดเข้าชื่อใด —",
    "proposed": "{name}   (ที่เสนอ · {percent})",
    "alternative": "{name}   ({percent})",
    "create": "สร้างใหม่ (ตามชื่อในไฟล์)",
    "sure": "แน่ชัด ({percent})",
    "very_alike": "คล้ายมาก ({percent})",
    "alike": "คล้าย ({percent})",
    "partly_alike": "คล้ายบางส่วน ({percent})",
    "nothing_alike": "ไม่พบชื่อที่คล้าย",
    "rows_count": "{count}",
}

COLUMNS = ("name", "kind", "rows", "choice", "confidence", "reason")
_WAITING = "#fff3cd"
_WAITING_TEXT = "#8a5a00"


class Pending(enum.Enum):
    """A choice the officer has not made yet."""

    UNDECIDED = "undecided"


Choice = str | None | Pending  # the plan's name, None: create it, or not decided yet


def _short(label: str, value: Choice) -> str:
    """What a chosen item's box shows: the plan's name alone, or the item's own words."""
    return value if isinstance(value, str) else label


def percent(confidence: float) -> str:
    """A confidence as a whole percentage: ``78%``."""
    return f"{round(confidence * 100)}%"


def confidence_text(match: NameMatch) -> str:
    """How sure the proposed match is, in words and percent."""
    if match.match is None:
        return TEXTS["nothing_alike"]
    value = percent(match.confidence)
    if match.confident:
        return TEXTS["sure"].format(percent=value)
    if match.confidence >= 0.85:
        return TEXTS["very_alike"].format(percent=value)
    if match.confidence >= 0.7:
        return TEXTS["alike"].format(percent=value)
    return TEXTS["partly_alike"].format(percent=value)


def default_choice(match: NameMatch) -> Choice:
    """What a name is filed under before the officer says: the confident match, "สร้างใหม่" when nothing
    is alike, otherwise undecided."""
    if match.confident:
        return match.match
    if match.match is None:
        return None
    return Pending.UNDECIDED


def options(match: NameMatch, names: PlanNames) -> list[tuple[str, Choice]]:
    """The choices of one name, as (label, value): "— เลือก —" while it waits, the proposal and the other
    candidates with their likeness, "สร้างใหม่", then the rest of the plan's names it may be filed under
    (a program: those of its strategy, or all when the files name none)."""
    items: list[tuple[str, Choice]] = []
    if default_choice(match) is Pending.UNDECIDED:
        items.append((TEXTS["pick"], Pending.UNDECIDED))
    listed: set[str] = set()
    if match.match is not None:
        items.append((TEXTS["proposed"].format(name=match.match, percent=percent(match.confidence)), match.match))
        listed.add(match.match)
    for candidate in match.alternatives:
        if candidate.name not in listed:
            items.append((TEXTS["alternative"].format(name=candidate.name, percent=percent(candidate.confidence)),
                          candidate.name))
            listed.add(candidate.name)
    items.append((TEXTS["create"], None))
    if match.kind == STRATEGY:
        rest = list(names.strategies)
    else:
        rest = [p.name for p in names.programs if not match.strategy or p.strategy == match.strategy]
    for name in dict.fromkeys(rest):
        if name not in listed:
            items.append((name, name))
    return items


class ChoiceCombo(QComboBox):
    """A name's list of choices: the list shows each with its likeness; the box shows the chosen name alone,
    cut in the middle when it is long (plan names differ at their ends, not at "ยุทธศาสตร์การพัฒนาด้าน")."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.setObjectName("name_choice")
        self._names = [name for _label, name in items]
        for label, _name in items:
            self.addItem(label)
            if label == TEXTS["create"]:  # set apart from the plan's names
                font = self.font()
                font.setBold(True)
                self.setItemData(self.count() - 1, font, Qt.ItemDataRole.FontRole)
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._tip)

    def shown_text(self) -> str:
        """What the box shows for the current choice (before it is cut to fit)."""
        index = self.currentIndex()
        return self._names[index] if index >= 0 else ""

    def _tip(self, _index: int) -> None:
        self.setToolTip(self.currentText())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the box with the chosen name, cut in the middle to fit."""
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        option.currentText = self.fontMetrics().elidedText(self.shown_text(), Qt.TextElideMode.ElideMiddle,
                                                           max(field.width() - 4, 0))
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class NameChoicesPanel(QGroupBox):
    """One line per near-miss name with the officer's choice of where it goes (see the module)."""

    changed = Signal()  # the officer changed a choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("name_matches")
        self._matches: list[NameMatch] = []
        self._values: list[list[Choice]] = []
        self._combos: list[QComboBox] = []
        self._choices: dict[ChoiceKey, str | None] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        line = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("name_matches_status")
        self.status.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        line.addWidget(self.status)
        self.intro = QLabel(TEXTS["intro"])
        self.intro.setStyleSheet("color: #555555;")
        self.intro.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.intro.setToolTip(TEXTS["intro"])
        line.addWidget(self.intro, 1)
        layout.addLayout(line)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("name_matches_table")
        self.table.setHorizontalHeaderLabels([TEXTS[c] for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the reasons are cut short
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

    # --- what the preview reads --------------------------------------------------------------------------

    @property
    def matches(self) -> list[NameMatch]:
        """The names shown, strategies first."""
        return list(self._matches)

    @property
    def choices(self) -> dict[ChoiceKey, str | None]:
        """The officer's own choices (kept when the names shown change): name key → the plan's name, or None
        to create it."""
        return dict(self._choices)

    def selected(self, key: ChoiceKey) -> Choice:
        """Where the name ``key`` will be filed as the panel stands."""
        for match, combo, values in zip(self._matches, self._combos, self._values, strict=True):
            if match.key == key:
                return values[combo.currentIndex()]
        raise KeyError(key)

    def undecided(self) -> list[NameMatch]:
        """The names still waiting for the officer."""
        return [m for m, combo, values in zip(self._matches, self._combos, self._values, strict=True)
                if values[combo.currentIndex()] is Pending.UNDECIDED]

    def height_for(self, rows: int) -> int:
        """The panel's height showing ``rows`` of its names without scrolling."""
        table = self.table
        shown = sum(table.rowHeight(r) for r in range(min(rows, table.rowCount())))
        return (self.sizeHint().height() - table.sizeHint().height() + table.horizontalHeader().sizeHint().height()
                + shown + 2 * table.frameWidth() + 8)

    def option_labels(self, key: ChoiceKey) -> list[str]:
        """The choices offered for the name ``key``, as the list shows them."""
        combo = self._combos[[m.key for m in self._matches].index(key)]
        return [combo.itemText(i) for i in range(combo.count())]

    # --- changing --------------------------------------------------------------------------------------

    def choose(self, key: ChoiceKey, value: str | None) -> None:
        """File the name ``key`` under the plan's name ``value`` (None: "สร้างใหม่"), as its list does."""
        index = [m.key for m in self._matches].index(key)
        self._combos[index].setCurrentIndex(self._values[index].index(value))

    def set_matches(self, matches: Sequence[NameMatch], names: PlanNames) -> None:
        """Show these names, those that wait for the officer first (then those to create, then the sure
        ones); each takes the officer's earlier choice, or its default."""
        def order(match: NameMatch) -> int:
            default = default_choice(match)
            return 0 if default is Pending.UNDECIDED else 1 if default is None else 2
        self._matches = sorted(matches, key=order)
        self._values, self._combos = [], []
        table = self.table
        table.clearContents()
        table.setRowCount(len(self._matches))
        for row, match in enumerate(self._matches):
            items = options(match, names)
            values = [value for _label, value in items]
            combo = ChoiceCombo([(label, _short(label, value)) for label, value in items])
            chosen = self._choices[match.key] if match.key in self._choices else default_choice(match)
            combo.setCurrentIndex(values.index(chosen) if chosen in values else 0)
            combo.setToolTip(combo.currentText())
            combo.currentIndexChanged.connect(lambda index, r=row: self._combo_changed(r, index))
            self._values.append(values)
            self._combos.append(combo)
            kind = TEXTS["strategy"] if match.kind == STRATEGY else (
                TEXTS["program_in"].format(strategy=match.strategy) if match.strategy else TEXTS["program"])
            cells = {"name": match.name, "kind": kind, "rows": TEXTS["rows_count"].format(count=match.rows),
                     "confidence": confidence_text(match), "reason": match.reason}
            for column, key in enumerate(COLUMNS):
                if key == "choice":
                    table.setCellWidget(row, column, combo)
                    continue
                item = QTableWidgetItem(cells[key])
                item.setToolTip(cells[key])
                if key == "rows":
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        for column, (least, most) in enumerate(((200, 300), (90, 170), (50, 60), (300, 340), (110, 150),
                                                (120, 200))):
            table.setColumnWidth(column, min(max(table.columnWidth(column), least), most))
        self.setTitle(TEXTS["title"].format(count=len(self._matches)))
        self._show_state()
        waiting = self.undecided()
        if waiting:  # a program matched after its strategy was chosen may sit below: bring it into view
            first = self.table.item(self._matches.index(waiting[0]), 0)
            if first is not None:
                self.table.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

    def _combo_changed(self, row: int, index: int) -> None:
        if index < 0:
            return
        match, value = self._matches[row], self._values[row][index]
        if value is Pending.UNDECIDED:
            self._choices.pop(match.key, None)
        else:
            self._choices[match.key] = value
        self._show_state()
        self.changed.emit()

    def _show_state(self) -> None:
        waiting = self.undecided()
        for combo, values in zip(self._combos, self._values, strict=True):
            pending = values[combo.currentIndex()] is Pending.UNDECIDED
            combo.setStyleSheet(f"QComboBox {{ background-color: {_WAITING}; }} "
                                "QComboBox QAbstractItemView { background-color: palette(base); }" if pending else "")
        for row, match in enumerate(self._matches):
            item = self.table.item(row, 0)
            if item is not None:
                item.setData(Qt.ItemDataRole.ForegroundRole, QColor(_WAITING_TEXT) if match in waiting else None)
        if waiting:  # the style first: bold text needs more room
            self.status.setStyleSheet(f"color: {_WAITING_TEXT}; font-weight: bold;")
            self.status.setText(TEXTS["undecided"].format(count=len(waiting)) + " ·")
        else:
            self.status.setStyleSheet("")
            self.status.setText(TEXTS["all_decided"] + " ·")
