"""เพิ่มยุทธศาสตร์จากแผนพัฒนา: the strategies (ยุทธศาสตร์) and programs (แผนงาน) of the local development plan,
pasted as lines and added in one undo step.

An officer starting a plan copies the list of strategies from the development plan (แผนพัฒนาท้องถิ่น,
form ผ.01) and pastes it here. ``read_lines`` (no Qt) reads what was pasted: a line is a strategy unless
it is numbered two levels deep ("1.1"), starts with แผนงาน or a dash, or is indented — then it is a
program under the strategy above it. Numbering ("1.", "ยุทธศาสตร์ที่ 1") becomes the strategy's number; a
strategy the plan already has is not added again (its new programs go under it). The dialog shows what
will be added as the officer types, and ``run`` adds it as one ``ImportBatch``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thaplan_desktop.domain.model import Strategy
from thaplan_desktop.domain.thai import name_key, normalise_space, to_arabic_digits
from thaplan_desktop.ui.context import ScreenContext
from thaplan_desktop.workspace import ImportBatch, New, NewProgram, NewStrategy

TEXTS = {
    "title": "เพิ่มยุทธศาสตร์จากแผนพัฒนาท้องถิ่น",
    "intro": ("คัดลอกรายการยุทธศาสตร์และแผนงานจากแผนพัฒนาท้องถิ่น (แบบ ผ.01) มาวางด้านล่าง บรรทัดละหนึ่งรายการ"
              " — บรรทัดที่ขึ้นต้นด้วยเลขสองชั้น (เช่น 1.1) คำว่า “แผนงาน” หรือขีด (-) เป็นแผนงานของยุทธศาสตร์ที่อยู่ด้านบน"),
    "placeholder": ("1. ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน\n"
                    "   1.1 แผนงานเคหะและชุมชน\n"
                    "   1.2 แผนงานอุตสาหกรรมและการโยธา\n"
                    "2. ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ\n"
                    "   2.1 แผนงานการเกษตร"),
    "preview": "จะเพิ่มในแผน",
    "exists": "{name} (มีอยู่แล้ว)",
    "orphan": "แผนงาน “{name}” ไม่มียุทธศาสตร์อยู่ด้านบน จึงไม่ได้เพิ่ม",
    "add": "เพิ่ม {strategies} ยุทธศาสตร์ {programs} แผนงาน",
    "nothing": "ยังไม่มีรายการที่จะเพิ่ม",
    "cancel": "ยกเลิก",
    "label": "เพิ่มยุทธศาสตร์จากแผนพัฒนา",
    "added": "เพิ่ม {strategies} ยุทธศาสตร์ {programs} แผนงานแล้ว — กด Ctrl+Z เพื่อเรียกคืน",
}

_STRATEGY_NUMBER = re.compile(r"^(?:ยุทธศาสตร์ที่\s*(\d+)\s*[.:)]?\s*|(\d+)\s*[.)]\s*)(.*)$")
_PROGRAM_NUMBER = re.compile(r"^\d+\s*\.\s*\d+\s*[.)]?\s*(.*)$")
_BULLET = re.compile(r"^[-–•*]\s*(.*)$")


@dataclass(slots=True)
class PastedStrategy:
    """One strategy read from the pasted lines, with its programs."""

    name: str
    number: int | None = None
    programs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Pasted:
    """What the pasted lines hold, and the program lines that had no strategy above them."""

    strategies: list[PastedStrategy] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def read_lines(text: str) -> Pasted:
    """The strategies and programs of pasted lines (see the module docstring)."""
    pasted = Pasted()
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            continue
        indented = raw[:1] in (" ", "\t", "\u3000")
        line = to_arabic_digits(normalise_space(raw))
        marked = _PROGRAM_NUMBER.match(line) or _BULLET.match(line)
        if marked or indented or line.startswith("แผนงาน"):
            name = normalise_space(marked.group(1) if marked else line)
            if not name:
                continue
            if pasted.strategies:
                pasted.strategies[-1].programs.append(name)
            else:
                pasted.orphans.append(name)
            continue
        match = _STRATEGY_NUMBER.match(line)
        if match:
            number_text = match.group(1) or match.group(2)
            name = normalise_space(match.group(3))
            if match.group(1) and not name.startswith("ยุทธศาสตร์"):
                name = "ยุทธศาสตร์" + name
            pasted.strategies.append(PastedStrategy(name, int(number_text)))
        else:
            pasted.strategies.append(PastedStrategy(line))
    return pasted


def batch_of(pasted: Pasted, existing: tuple[Strategy, ...], existing_programs: dict[int, set[str]],
             edition_id: int) -> ImportBatch:
    """The ``ImportBatch`` adding what is new: strategies the plan lacks, programs their strategy lacks."""
    targets: dict[str, int | New] = {name_key(s.name): s.id for s in existing}
    known: dict[int | New, set[str]] = {s.id: set(existing_programs.get(s.id, set())) for s in existing}
    taken_numbers = {s.number for s in existing}
    strategies: list[NewStrategy] = []
    programs: list[NewProgram] = []
    for item in pasted.strategies:
        key = name_key(item.name)
        target = targets.get(key)
        if target is None:
            number = item.number if item.number is not None and item.number not in taken_numbers else None
            if number is not None:
                taken_numbers.add(number)
            target = targets[key] = New(len(strategies))
            strategies.append(NewStrategy(item.name, number))
        names = known.setdefault(target, set())  # New is a frozen dataclass: New(1) differs from id 1
        for program in item.programs:
            if name_key(program) not in names:
                names.add(name_key(program))
                programs.append(NewProgram(target, program))
    return ImportBatch(edition_id=edition_id, label=TEXTS["label"], strategies=tuple(strategies),
                       programs=tuple(programs))


class StrategiesDialog(QDialog):
    """Paste the development plan's strategies and programs; see what will be added; add them."""

    def __init__(self, existing: tuple[Strategy, ...], existing_programs: dict[int, set[str]], edition_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXTS["title"])
        self.resize(980, 560)
        self._existing, self._programs, self._edition_id = existing, existing_programs, edition_id
        intro = QLabel(TEXTS["intro"])
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(TEXTS["placeholder"])
        self.preview = QTreeWidget()
        self.preview.setHeaderLabels([TEXTS["preview"]])
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a4b00")
        buttons = QDialogButtonBox()
        self.add_button = QPushButton()
        self.add_button.setDefault(True)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(TEXTS["cancel"], QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addWidget(self.text, 3)
        columns.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self._show)
        self._show()

    def batch(self) -> ImportBatch:
        """What the pasted lines add to the plan."""
        return batch_of(read_lines(self.text.toPlainText()), self._existing, self._programs, self._edition_id)

    def _show(self) -> None:
        pasted = read_lines(self.text.toPlainText())
        known = {name_key(s.name) for s in self._existing}
        self.preview.clear()
        for item in pasted.strategies:
            label = f"{item.number}. {item.name}" if item.number is not None else item.name
            node = QTreeWidgetItem([TEXTS["exists"].format(name=label) if name_key(item.name) in known else label])
            node.addChildren([QTreeWidgetItem([p]) for p in item.programs])
            self.preview.addTopLevelItem(node)
        self.preview.expandAll()
        self.note.setText("\n".join(TEXTS["orphan"].format(name=name) for name in pasted.orphans))
        batch = self.batch()
        self.add_button.setEnabled(bool(batch.strategies or batch.programs))
        self.add_button.setText(TEXTS["add"].format(strategies=len(batch.strategies), programs=len(batch.programs))
                                if batch.strategies or batch.programs else TEXTS["nothing"])


def run(context: ScreenContext) -> StrategiesDialog | None:
    """Open the dialog (window-modal); what it adds is one undo step."""
    state = context.state
    if state.edition is None:
        return None
    programs: dict[int, set[str]] = {}
    for program in state.programs:
        programs.setdefault(program.strategy_id, set()).add(name_key(program.name))
    dialog = StrategiesDialog(state.strategies, programs, state.edition.id, context.window)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            batch = dialog.batch()
            if batch.strategies or batch.programs:
                context.session.add_batch(batch, done=lambda _r: context.window.statusBar().showMessage(
                    TEXTS["added"].format(strategies=len(batch.strategies), programs=len(batch.programs)), 8000))
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
