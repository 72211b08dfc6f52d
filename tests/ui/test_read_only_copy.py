"""A plan another copy of ThaPlan is editing opens read-only, says why, and refuses edits."""

from decimal import Decimal

from guihelp import take_messages

from thaplan_desktop.safety import open_for_editing
from thaplan_desktop.workspace import ProjectFields


def test_second_copy_opens_read_only_with_a_thai_reason(make_window, qtbot, demo_db):
    first = open_for_editing(demo_db)  # "another copy" holding the plan
    try:
        window = make_window()
        window.show()
        with qtbot.waitSignal(window.session.loaded, timeout=10000):
            window.open_file(demo_db)
        qtbot.waitUntil(lambda: window.session.data is not None and window.session.data.read_only, timeout=5000)
        assert "อ่านอย่างเดียว" in take_messages()
        assert window.windowTitle().endswith("อ่านอย่างเดียว")
        edition = first.find_edition()
        before = first.projects(edition.id)
        with qtbot.waitSignal(window.session.failed, timeout=10000) as refused:
            window.session.run_operation(lambda ws, _job: ws.update_project(before[0].id, ProjectFields(budget=Decimal("1"))))
        assert "อ่านอย่างเดียว" in refused.args[0]
        assert first.projects(edition.id) == before
    finally:
        first.close()


def test_the_copy_that_holds_the_plan_edits_normally(window):
    assert window.session.data is not None
    assert not window.session.data.read_only
