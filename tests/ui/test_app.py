"""Starting the application: font, first run, the last database, editions, the declared actions, the runner."""

import threading
from pathlib import Path

from guihelp import settle, showing, shown_title, take_messages
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from thaplan_desktop.domain.model import EditionKind
from thaplan_desktop.paths import data_dir, default_database
from thaplan_desktop.ui.actions import ACTIONS, MENUS
from thaplan_desktop.ui.app import load_fonts, setup_application
from thaplan_desktop.ui.dialogs import FirstRunChoice, FirstRunDialog
from thaplan_desktop.ui.runner import Runner
from thaplan_desktop.ui.settings import LAST_DATABASE
from thaplan_desktop.workspace import Workspace


def test_the_application_font_is_thai(qapp, settings):
    family = load_fonts()
    assert family in ("TH SarabunPSK", "TH Sarabun New", "Sarabun", "Laksaman")
    app = setup_application([], settings)
    assert app.font().family() == family
    assert app.font().pointSize() >= 12


def test_first_run_asks_for_the_organisation_and_creates_the_plan(make_window, qtbot):
    window = make_window()
    window.open_initial(None)
    dialog = showing(window, FirstRunDialog)
    assert dialog is not None
    assert dialog.isVisible()
    dialog.create_button.click()  # no name yet: refused with a Thai hint
    assert dialog.isVisible()
    assert dialog.error.text()
    dialog.org.setText("องค์การบริหารส่วนตำบลบางใบไม้")
    dialog.district.setText("อำเภอเมืองสุราษฎร์ธานี")
    dialog.province.setText("สุราษฎร์ธานี")
    dialog.year.setValue(2568)
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        dialog.create_button.click()
    settle(qtbot, window)
    assert default_database().exists()
    assert shown_title(window) == ("องค์การบริหารส่วนตำบลบางใบไม้ — แผนการดำเนินงาน ปีงบประมาณ 2568 (ฉบับหลัก)"
                                   " — ThaPlan")
    assert window.settings.value(LAST_DATABASE) == str(default_database())
    assert window.grid_model.rowCount() == 0
    assert window.tree_model.rowCount() == 1


def test_the_title_bar_names_thaplan_once(window):
    """Qt puts the application's name after the window's own title: the title must not say it again."""
    assert window.windowTitle()
    assert shown_title(window).count("ThaPlan") == 1
    assert shown_title(window).endswith(" — ThaPlan")


def test_first_run_offers_the_demo_plan(make_window, qtbot):
    window = make_window()
    dialog = window.opener.show_first_run()
    assert dialog.demo_button.text() == "เปิดแผนตัวอย่าง"
    with qtbot.waitSignal(window.session.loaded, timeout=20000):
        dialog.demo_button.click()
    settle(qtbot, window)
    assert (data_dir() / "demo.sqlite").exists()
    assert window.grid_model.rowCount() == 111
    assert dialog.choice is FirstRunChoice.DEMO


def test_the_last_database_opens_next_time(make_window, qtbot, demo_db):
    first = make_window()
    with qtbot.waitSignal(first.session.loaded, timeout=10000):
        first.open_file(demo_db)
    first.close()
    second = make_window()
    with qtbot.waitSignal(second.session.loaded, timeout=10000):
        second.open_initial(None)
    assert second.session.path == demo_db
    assert second.findChild(FirstRunDialog) is None


def test_the_edition_combo_switches_editions(demo_db, make_window, qtbot):
    with Workspace.open(demo_db) as ws:
        ws.add_edition(2563, EditionKind.ADDITIONAL)  # the demo has its เพิ่มเติม ฉบับที่ 1 already
    window = make_window()
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.open_file(demo_db)
    assert window.edition_combo.count() == 3
    assert window.edition_combo.itemText(1) == "ปี 2563 · เพิ่มเติม ฉบับที่ 1"
    assert window.edition_combo.itemText(2) == "ปี 2563 · เพิ่มเติม ฉบับที่ 2"
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.edition_combo.setCurrentIndex(1)
        window.edition_combo.activated.emit(1)
    assert window.windowTitle().endswith("(เพิ่มเติม ฉบับที่ 1)")
    assert window.grid_model.rowCount() == 4
    with qtbot.waitSignal(window.session.loaded, timeout=10000):
        window.edition_combo.setCurrentIndex(2)
        window.edition_combo.activated.emit(2)
    assert window.windowTitle().endswith("(เพิ่มเติม ฉบับที่ 2)")
    assert window.grid_model.rowCount() == 0


def test_menus_and_toolbar_come_from_one_declared_list(window):
    titles = [menu.title() for menu in window.menus.values()]
    assert [t.replace("&", "") for t in titles] == ["ไฟล์", "แก้ไข", "มุมมอง", "ช่วยเหลือ"]
    assert set(MENUS) == {spec.menu for spec in ACTIONS}
    in_menus = {a.objectName() for menu in window.menus.values() for a in menu.actions() if a.objectName()}
    assert in_menus == {f"action_{spec.id}" for spec in ACTIONS if spec.id != "-"}
    shortcuts = [QKeySequence(spec.shortcut).toString() for spec in ACTIONS if spec.shortcut]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"
    for name in ("ส่งออก PDF…", "นำเข้า Excel…", "ส่งออก Excel…", "สำรองข้อมูล…", "กู้คืนข้อมูล…",
                 "ขั้นตอนการจัดทำแผน"):
        assert any(spec.title == name for spec in ACTIONS), name


def test_runner_delivers_in_order_on_the_gui_thread_and_stops(qtbot):
    runner = Runner()
    results, threads = [], []
    gui = threading.current_thread()
    for i in range(20):
        runner.submit(lambda job, i=i: (threads.append(threading.current_thread()), i)[1],
                      done=lambda r: results.append((r, threading.current_thread() is gui)))
    failures = []
    runner.submit(lambda job: 1 / 0, failed=failures.append)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert results == [(i, True) for i in range(20)]
    assert len({t.name for t in threads}) == 1
    assert threads[0] is not gui
    assert isinstance(failures[0], ZeroDivisionError)
    runner.shutdown()
    assert not threads[0].is_alive()


def test_a_screens_job_reports_progress_to_it_alone_and_stops_when_cancelled(qtbot):
    runner = Runner()
    gui = threading.current_thread()
    told, window_bar, results = [], [], []
    cancelled = threading.Event()
    runner.progress.connect(lambda *args: window_bar.append(args))

    def work(job):
        job.progress(1, 3, "ขั้นที่ 1")
        cancelled.wait(10)  # the screen cancels once it has seen the first step
        return job.cancelled

    def progressed(value, maximum, text):
        told.append((value, maximum, text, threading.current_thread() is gui))
        job.cancel()
        cancelled.set()

    job = runner.submit(work, label="งานยาว", done=results.append, progress=progressed)
    qtbot.waitUntil(lambda: runner.pending == 0)
    runner.shutdown()
    assert told == [(1, 3, "ขั้นที่ 1", True)]
    assert window_bar == []  # the window's status bar is not told about a screen's own work
    assert results == [True]


def test_opening_a_file_that_is_not_a_plan_says_so(make_window, qtbot, tmp_path):
    window = make_window()
    bad = tmp_path / "not-a-plan.sqlite"
    bad.write_bytes(b"this is not sqlite")
    with qtbot.waitSignal(window.session.failed, timeout=10000):
        window.open_file(bad)
    assert take_messages()
    assert window.state.edition is None
    assert not Path(window.settings.value(LAST_DATABASE, "") or "x").exists() or (
        window.settings.value(LAST_DATABASE) != str(bad))


def test_long_work_shows_progress_and_the_window_keeps_answering(window, qtbot):
    import time

    def slow(ws, job):
        for i in range(3):
            job.progress(i, 3, "กำลังนำเข้า")
            time.sleep(0.2)  # work on the worker thread, not a wait in the test

    window.session.run_operation(slow, label="นำเข้า")
    progress = window.status_panel.progress
    qtbot.waitUntil(lambda: progress.isVisible())
    assert progress.maximum() == 3
    window.search.setText("ถนน")  # the GUI thread is free meanwhile
    assert window.proxy.rowCount() < 111
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not progress.isVisible())


def test_the_window_paints_every_part_without_errors(window, qtbot):
    """Paint the grid (text, months, headings), the two-row header and the tree, as a screenshot does."""
    window.select_node(("equipment",))
    window.grid.setCurrentIndex(window.proxy.index(0, 7))
    window.search.setText("ครุภัณฑ์")
    window.select_node(("root",))
    window.search.setText("")
    image = window.grab().toImage()
    assert image.width() == window.width()
    header = window.grid.horizontalHeader()
    assert header.height() >= 2 * header.fontMetrics().lineSpacing()  # year over month


def test_cyclic_garbage_is_collected_on_the_gui_thread_only(window, qtbot):
    """A Qt object in a reference cycle must never be deleted by a collection on the worker thread."""
    import gc

    from thaplan_desktop.ui.app import GuiThreadCollector

    assert not gc.isenabled()
    collector = QApplication.instance().findChild(GuiThreadCollector)
    assert collector is not None
    assert collector.timer.isActive()
    where = []

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            where.append(threading.current_thread())

    for _ in range(collector.thresholds[0] * 3):
        Cycle()
    window.runner.submit(lambda job: [[i] for i in range(200_000)])  # a worker that allocates a lot
    settle(qtbot, window)
    qtbot.waitUntil(lambda: bool(where), timeout=10000)
    assert set(where) == {threading.main_thread()}
