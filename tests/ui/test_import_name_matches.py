"""The import preview's name matches: near-miss strategy and program names decided once per name.

A department file writes the plan's strategies and programs its own way. The preview proposes the plan's
name for each with how sure it is; confident ones come chosen, a name with nothing alike comes as
"สร้างใหม่", a name only alike waits for the officer (the import cannot start). The choice files every row
of that name; a strategy's choice re-matches its programs within it; the import remembers the choices in
its own undo step, and the next import finds them chosen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from guihelp import import_preview, settle
from PySide6.QtWidgets import QApplication, QMessageBox

from thaplan_desktop.importing.filing import SETTING, load_aliases
from thaplan_desktop.importing.names import PROGRAM, STRATEGY
from thaplan_desktop.ui.importing.names_panel import Pending
from thaplan_desktop.workspace import Workspace

INFRA = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"
ENV = "ยุทธศาสตร์การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม"
EDU = "ยุทธศาสตร์การพัฒนาด้านการศึกษา ศาสนา วัฒนธรรม และนันทนาการ"
NEAR = "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐานและสาธารณูปโภค"  # alike INFRA, not the same
NUMBERED = "ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้าง พื้นฐาน"  # INFRA, numbered and spaced
CODED = "แผนงาน 00240 เคหะและชุมชน"  # แผนงานเคหะและชุมชน with its budget code
TOURISM = "ยุทธศาสตร์การท่องเที่ยวเชิงนิเวศทางทะเล"  # nothing alike in the plan
ROWS = [
    ("ถนนคอนกรีตสายบ้านนาดี", NEAR, "แผนงานเคหะและชุมชน"),
    ("ท่อระบายน้ำหมู่ 3", NEAR, "แผนงานการโยธา"),
    ("ซ่อมสะพานข้ามคลอง", NEAR, "แผนงานเคหะและชุมชน"),
    ("ไฟฟ้าส่องสว่างหมู่ 5", NUMBERED, CODED),
    ("ศึกษาดูงานเรือนำเที่ยว", TOURISM, "แผนงานการท่องเที่ยว"),
]


def department_file(folder: Path, rows=ROWS, name: str = "กองช่าง.json") -> Path:
    projects = [{"kind": "project", "name": n, "details": "", "budget": "150000.00", "location": "",
                 "unit": "กองช่าง", "months": [2, 3], "strategy": s, "plan": p, "equipment_type": ""}
                for n, s, p in rows]
    path = folder / name
    path.write_text(json.dumps({"ok": True, "projects": projects, "error": None}, ensure_ascii=False), "utf-8")
    return path


def open_preview(window, qtbot, path: Path):
    from thaplan_desktop.ui.importing.controller import import_files

    import_files(window.context, [path])
    return import_preview(window, qtbot)


def choose(dialog, qtbot, key, value) -> None:
    """Pick a name's choice in its list and wait for the rows to be filed again on the worker."""
    with qtbot.waitSignal(dialog.filing_changed, timeout=30000):
        dialog.names.choose(key, value)


def match(dialog, kind: str, name: str, strategy: str = ""):
    (found,) = [m for m in dialog.names.matches if (m.kind, m.name, m.strategy) == (kind, name, strategy)]
    return found


def shown_filing(dialog, row: int) -> tuple[str, str]:
    """(program, strategy) as the preview's row shows where it will be filed."""
    return dialog.table.item(row, 5).text(), dialog.table.item(row, 6).text()


def import_now(window, qtbot, dialog) -> str:
    if dialog.needs_confirmation:
        dialog.confirm_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        dialog.import_button.click()
    settle(qtbot, window)
    box = window.findChild(QMessageBox, "import_summary")
    text = box.text()
    box.close()
    return text


def filed(window, name: str) -> tuple[str, str]:
    """(program, strategy) a project of the plan is filed under."""
    state = window.state
    (project,) = [p for p in state.projects.values() if p.name == name]
    program = next(p for p in state.programs if p.id == project.program_id)
    strategy = next(s for s in state.strategies if s.id == program.strategy_id)
    return program.name, strategy.name


def remembered(path: Path) -> dict:
    with Workspace.open(path) as ws:
        aliases = load_aliases(ws)
        return {"strategy": dict(aliases.strategies), "program": dict(aliases.programs), "raw": ws.setting(SETTING)}


@pytest.fixture
def no_message_boxes(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("unexpected modal message box")
    monkeypatch.setattr(QMessageBox, "exec", boom)


def test_each_name_is_proposed_once_with_how_sure(window, qtbot, tmp_path, no_message_boxes):
    dialog = open_preview(window, qtbot, department_file(tmp_path))
    panel = dialog.names
    assert panel.isVisibleTo(dialog)
    strategies = [m for m in panel.matches if m.kind == STRATEGY]
    # once per name: the one waiting for the officer first, then the one to create, then the sure one
    assert [(m.name, m.rows) for m in strategies] == [(NEAR, 3), (TOURISM, 1), (NUMBERED, 1)]
    table = panel.table
    near_row = panel.matches.index(match(dialog, STRATEGY, NEAR))
    assert table.item(near_row, 0).text() == NEAR
    assert table.item(near_row, 2).text() == "3"
    assert table.item(near_row, 4).text() == "คล้าย (78%)"
    assert table.item(near_row, 5).text() == "ชื่อคล้ายกัน"
    # the near miss waits for the officer; its list offers the proposal first, then the rest and สร้างใหม่
    near = match(dialog, STRATEGY, NEAR).key
    assert panel.selected(near) is Pending.UNDECIDED
    labels = panel.option_labels(near)
    assert labels[0].startswith("— เลือก")
    assert labels[1].startswith(INFRA)
    assert "(ที่เสนอ · 78%)" in labels[1]
    assert "สร้างใหม่ (ตามชื่อในไฟล์)" in labels
    assert any(label.startswith(ENV) for label in labels)
    # "ยุทธศาสตร์ที่ 1 …" is sure and chosen; so is a program written with its budget code
    numbered = match(dialog, STRATEGY, NUMBERED)
    assert numbered.confident
    assert panel.selected(numbered.key) == INFRA
    assert table.item(panel.matches.index(numbered), 4).text() == "แน่ชัด (100%)"
    assert panel.selected(match(dialog, PROGRAM, CODED, INFRA).key) == "แผนงานเคหะและชุมชน"
    # nothing alike: สร้างใหม่, shown in its list
    tourism = match(dialog, STRATEGY, TOURISM)
    assert panel.selected(tourism.key) is None
    assert panel._combos[panel.matches.index(tourism)].currentText() == "สร้างใหม่ (ตามชื่อในไฟล์)"
    assert table.item(panel.matches.index(tourism), 4).text() == "ไม่พบชื่อที่คล้าย"
    # rows show where they go: the plan's names; the near miss's rows wait
    assert shown_filing(dialog, 3) == ("แผนงานเคหะและชุมชน", INFRA)
    assert shown_filing(dialog, 0)[1] == NEAR + " (รอเลือก)"
    assert not dialog.import_button.isEnabled()
    assert "อีก 1 ชื่อ" in dialog.names_note.text()
    dialog.confirm_check.setChecked(True)
    assert not dialog.import_button.isEnabled()  # confirming what is created does not decide the name
    dialog.reject()
    settle(qtbot, window)


def test_the_officers_choice_files_the_rows_and_rematches_programs(window, qtbot, tmp_path, draft_demo_db,
                                                                   no_message_boxes):
    before = len(window.state.projects)
    dialog = open_preview(window, qtbot, department_file(tmp_path))
    near = match(dialog, STRATEGY, NEAR).key
    assert not [m for m in dialog.names.matches if m.kind == PROGRAM and m.name == "แผนงานการโยธา"]
    # under สิ่งแวดล้อม first: its programs are matched among that strategy's
    choose(dialog, qtbot, near, ENV)
    assert shown_filing(dialog, 0) == ("แผนงานเคหะและชุมชน", ENV)
    works = match(dialog, PROGRAM, "แผนงานการโยธา", ENV)
    assert works.match != "แผนงานอุตสาหกรรมและการโยธา"  # not a program of that strategy
    # the officer changes their mind: โครงสร้างพื้นฐาน, where the works program is a near miss
    choose(dialog, qtbot, near, INFRA)
    assert [shown_filing(dialog, r)[1] for r in (0, 1, 2)] == [INFRA] * 3
    works = match(dialog, PROGRAM, "แผนงานการโยธา", INFRA)
    assert (works.match, works.confident) == ("แผนงานอุตสาหกรรมและการโยธา", False)
    assert dialog.names.selected(works.key) is Pending.UNDECIDED
    assert shown_filing(dialog, 1)[0] == "แผนงานการโยธา (รอเลือก)"
    assert not dialog.import_button.isEnabled()
    choose(dialog, qtbot, works.key, "แผนงานอุตสาหกรรมและการโยธา")
    assert shown_filing(dialog, 1) == ("แผนงานอุตสาหกรรมและการโยธา", INFRA)
    assert not dialog.names.undecided()
    assert dialog.names_note.isHidden()
    # only the new tourism strategy and its program are created
    assert dialog.plan.new_strategies == [TOURISM]
    assert "ยุทธศาสตร์: " + TOURISM in dialog.create_list.toPlainText()
    assert NEAR not in dialog.create_list.toPlainText()
    strategies_before = len(window.state.strategies)
    text = import_now(window, qtbot, dialog)
    assert "เพิ่ม 5 รายการ" in text
    assert len(window.state.projects) == before + 5
    assert len(window.state.strategies) == strategies_before + 1
    assert filed(window, "ถนนคอนกรีตสายบ้านนาดี") == ("แผนงานเคหะและชุมชน", INFRA)
    assert filed(window, "ท่อระบายน้ำหมู่ 3") == ("แผนงานอุตสาหกรรมและการโยธา", INFRA)
    assert filed(window, "ไฟฟ้าส่องสว่างหมู่ 5") == ("แผนงานเคหะและชุมชน", INFRA)
    assert filed(window, "ศึกษาดูงานเรือนำเที่ยว")[1] == TOURISM
    memory = remembered(draft_demo_db)
    assert list(memory["strategy"].values()) == [INFRA]
    assert list(memory["program"].values()) == ["แผนงานอุตสาหกรรมและการโยธา"]

    # one undo takes back the rows, the new strategy and what was remembered
    with qtbot.waitSignal(window.session.refreshed, timeout=30000):
        window.session.undo()
    settle(qtbot, window)
    assert len(window.state.projects) == before
    assert len(window.state.strategies) == strategies_before
    assert remembered(draft_demo_db) == {"strategy": {}, "program": {}, "raw": ""}


def test_create_new_makes_the_strategy_and_forgets_nothing_else(window, qtbot, tmp_path, draft_demo_db,
                                                                no_message_boxes):
    dialog = open_preview(window, qtbot, department_file(tmp_path, ROWS[:1]))
    near = match(dialog, STRATEGY, NEAR).key
    choose(dialog, qtbot, near, None)  # "สร้างใหม่"
    assert shown_filing(dialog, 0) == ("แผนงานเคหะและชุมชน (ใหม่)", NEAR + " (ใหม่)")
    assert "ยุทธศาสตร์: " + NEAR in dialog.create_list.toPlainText()
    assert not dialog.import_button.isEnabled()  # what is created is confirmed first
    import_now(window, qtbot, dialog)
    assert filed(window, "ถนนคอนกรีตสายบ้านนาดี") == ("แผนงานเคหะและชุมชน", NEAR)
    assert remembered(draft_demo_db)["raw"] == ""  # nothing to remember: the name is the plan's now


def test_a_remembered_match_is_chosen_next_time(window, qtbot, tmp_path, no_message_boxes):
    rows = [("ถนนลาดยางสายท่าสะท้อน", NEAR, "แผนงานเคหะและชุมชน")]
    dialog = open_preview(window, qtbot, department_file(tmp_path, rows))
    choose(dialog, qtbot, match(dialog, STRATEGY, NEAR).key, INFRA)
    import_now(window, qtbot, dialog)
    # another department writes the same strategy, spaced its own way
    again = open_preview(window, qtbot, department_file(
        tmp_path, [("ถนนหินคลุกหมู่ 2", "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน และสาธารณูปโภค", "แผนงานเคหะและชุมชน")],
        "กองช่าง 2.json"))
    (strategy,) = again.names.matches
    assert strategy.confident
    assert again.names.selected(strategy.key) == INFRA
    assert again.names.table.item(0, 5).text() == "เลือกไว้ในการนำเข้าครั้งก่อน"
    assert not again.names.undecided()
    assert not again.needs_confirmation  # nothing to create
    assert again.import_button.isEnabled()
    assert shown_filing(again, 0) == ("แผนงานเคหะและชุมชน", INFRA)
    import_now(window, qtbot, again)
    assert filed(window, "ถนนหินคลุกหมู่ 2") == ("แผนงานเคหะและชุมชน", INFRA)


def test_ticks_and_duplicates_choice_survive_a_new_filing(window, qtbot, tmp_path, no_message_boxes):
    dialog = open_preview(window, qtbot, department_file(tmp_path))
    dialog.set_ticked(4, False)
    assert len(dialog.plan.to_write) == 4
    choose(dialog, qtbot, match(dialog, STRATEGY, NEAR).key, INFRA)
    assert dialog.table.item(4, 0).checkState().name == "Unchecked"
    assert len(dialog.plan.to_write) == 4
    assert TOURISM not in dialog.plan.new_strategies  # its only row is left out
    dialog.reject()
    settle(qtbot, window)


def test_name_matches_screenshot(window, qtbot, tmp_path):
    """Not an assertion of looks: writes /tmp/names-shots/ for a person to check."""
    dialog = open_preview(window, qtbot, department_file(tmp_path))
    qtbot.waitExposed(dialog)
    dialog.resize(1286, 680)  # a 1366×768 laptop screen, common in local offices
    qtbot.waitUntil(lambda: dialog.width() == 1286, timeout=5000)
    dialog.hide()
    dialog.show()
    qtbot.waitExposed(dialog)
    shots = Path("/tmp/names-shots")
    shots.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shots / "import_names_waiting.png"))
    near = match(dialog, STRATEGY, NEAR)
    combo = dialog.names.table.cellWidget(dialog.names.matches.index(near), 3)
    combo.showPopup()
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=5000)
    assert combo.view().window().grab().save(str(shots / "import_names_choices.png"))
    combo.hidePopup()
    choose(dialog, qtbot, match(dialog, STRATEGY, NEAR).key, INFRA)
    QApplication.processEvents()  # the layout the new filing asked for
    assert dialog.grab().save(str(shots / "import_names_chosen.png"))
    dialog.reject()
    settle(qtbot, window)


def test_a_filing_that_fails_says_so_and_keeps_the_import_closed(window, qtbot, tmp_path, monkeypatch,
                                                                 no_message_boxes):
    from thaplan_desktop.ui.importing import backend
    from thaplan_desktop.workspace import WorkspaceError

    dialog = open_preview(window, qtbot, department_file(tmp_path))

    def broken(*args, **kwargs):
        raise WorkspaceError("ฐานข้อมูลไม่ตอบสนอง")
    monkeypatch.setattr(backend, "file_results", broken)
    dialog.names.choose(match(dialog, STRATEGY, NEAR).key, INFRA)
    qtbot.waitUntil(lambda: "จัดรายการตามที่เลือกไม่ได้" in dialog.names_note.text(), timeout=30000)
    assert "ฐานข้อมูลไม่ตอบสนอง" in dialog.names_note.text()
    dialog.confirm_check.setChecked(True)
    assert not dialog.import_button.isEnabled()  # the rows shown were filed with the earlier choice
    dialog.reject()
    settle(qtbot, window)
