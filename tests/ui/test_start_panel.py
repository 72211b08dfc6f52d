"""A new, empty plan shows its next steps, each a button; the development plan's strategies pasted at once."""

from guihelp import on_next_modal, settle

from thaplan_desktop.ui.tree import strategies_dialog
from thaplan_desktop.ui.tree.strategies_dialog import StrategiesDialog, read_lines
from thaplan_desktop.workspace import New, NewProgram, NewStrategy

PASTED = """ยุทธศาสตร์ที่ 1 การพัฒนาด้านโครงสร้างพื้นฐาน
   1.1 แผนงานเคหะและชุมชน
   1.2 แผนงานอุตสาหกรรมและการโยธา
๒. ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ
- แผนงานการเกษตร
"""


def _new_plan(make_window, qtbot, tmp_path):
    window = make_window()
    window.show()
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.session.create(tmp_path / "new.sqlite", name="องค์การบริหารส่วนตำบลบางใบไม้", district="เมือง",
                              province="สุราษฎร์ธานี", fiscal_year=2568)
    settle(qtbot, window)
    return window


def test_an_empty_plan_shows_the_next_steps_each_a_button(make_window, qtbot, tmp_path):
    window = _new_plan(make_window, qtbot, tmp_path)
    area = window.grid_area
    assert area.showing_steps()
    assert area.currentWidget().isVisible()
    assert not window.grid.isVisible()
    buttons = area.panel.buttons
    assert [buttons[k].text() for k in ("add_strategies", "export_template", "import_excel")] == [
        "เพิ่มยุทธศาสตร์จากแผนพัฒนา…", "สร้างแบบฟอร์มให้กองกรอก…", "นำเข้า Excel…"]
    assert all(b.isEnabled() and b.isVisible() for b in buttons.values())


def test_the_steps_buttons_start_their_commands(make_window, qtbot, tmp_path, monkeypatch):
    window = _new_plan(make_window, qtbot, tmp_path)
    buttons = window.grid_area.panel.buttons
    asked = []
    from thaplan_desktop.ui.importing import controller

    monkeypatch.setattr(controller, "ask_open_paths", lambda *args: asked.append(args[2]) or [])
    buttons["import_excel"].click()
    assert asked == [controller.TEXTS["choose"]]
    opened = on_next_modal(lambda dialog: dialog.reject())
    buttons["export_template"].click()  # the unit dialog of the template (blocking, closed by the helper)
    assert opened
    assert opened[0].windowTitle()
    buttons["add_strategies"].click()
    dialog = window.findChild(StrategiesDialog)
    assert dialog is not None
    assert dialog.isVisible()
    dialog.reject()


def test_pasted_strategies_are_added_in_one_step_and_the_grid_comes_with_the_first_project(
        make_window, qtbot, tmp_path):
    window = _new_plan(make_window, qtbot, tmp_path)
    dialog = strategies_dialog.run(window.context)
    dialog.text.setPlainText(PASTED)
    assert dialog.add_button.text() == "เพิ่ม 2 ยุทธศาสตร์ 3 แผนงาน"
    assert dialog.preview.topLevelItemCount() == 2
    dialog.accept()
    settle(qtbot, window)
    assert [(s.number, s.name) for s in window.state.strategies] == [
        (1, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน"), (2, "ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ")]
    assert [p.name for p in window.state.programs] == ["แผนงานเคหะและชุมชน", "แผนงานอุตสาหกรรมและการโยธา",
                                                       "แผนงานการเกษตร"]
    assert window.session.undo_label == "เพิ่มยุทธศาสตร์จากแผนพัฒนา"
    panel = window.grid_area.panel
    assert window.grid_area.showing_steps()
    assert panel.step1_state.text() == "✓ มียุทธศาสตร์ 2 รายการ แผนงาน 3 รายการแล้ว"
    # Pasting the same list again adds nothing.
    again = strategies_dialog.run(window.context)
    again.text.setPlainText(PASTED)
    assert not again.add_button.isEnabled()
    again.reject()
    # The first project brings the grid back.
    window.select_node(("program", window.state.programs[0].id))
    window.action_by_id["add_project"].trigger()
    settle(qtbot, window)
    assert not window.grid_area.showing_steps()
    assert window.grid.isVisible()
    window.action_by_id["undo"].trigger()
    settle(qtbot, window)
    assert window.grid_area.showing_steps()


def test_reading_pasted_lines():
    pasted = read_lines(PASTED + "\n\n3) ยุทธศาสตร์การพัฒนาด้านสังคม\n")
    assert [(s.number, s.name, s.programs) for s in pasted.strategies] == [
        (1, "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน", ["แผนงานเคหะและชุมชน", "แผนงานอุตสาหกรรมและการโยธา"]),
        (2, "ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ", ["แผนงานการเกษตร"]),
        (3, "ยุทธศาสตร์การพัฒนาด้านสังคม", []),
    ]
    orphan = read_lines("แผนงานการศึกษา\nยุทธศาสตร์การพัฒนาคน")
    assert orphan.orphans == ["แผนงานการศึกษา"]
    assert [(s.number, s.name) for s in orphan.strategies] == [(None, "ยุทธศาสตร์การพัฒนาคน")]


def test_programs_of_a_strategy_the_plan_has_go_under_it(window):
    existing = window.state.strategies[0]
    dialog = StrategiesDialog(window.state.strategies, {}, window.state.edition.id, window)
    dialog.text.setPlainText(f"{existing.number}. {existing.name}\n  - แผนงานใหม่\n5. ยุทธศาสตร์ใหม่\n  - แผนงานใหม่")
    batch = dialog.batch()
    assert batch.strategies == (NewStrategy("ยุทธศาสตร์ใหม่", None if 5 in {s.number for s in
                                                                         window.state.strategies} else 5),)
    assert batch.programs == (NewProgram(existing.id, "แผนงานใหม่"), NewProgram(New(0), "แผนงานใหม่"))
    assert "มีอยู่แล้ว" in dialog.preview.topLevelItem(0).text(0)
    dialog.reject()
