"""The main window fits the screen of the laptops planning offices use (1366×768, less a taskbar and the
title bar): whichever tab is shown, no screen holds the window larger than that, and each still shows its
contents at that size."""

from __future__ import annotations

from guihelp import settle
from PySide6.QtWidgets import QTabWidget, QWidget

LAPTOP_WIDTH, LAPTOP_HEIGHT = 1366, 700  # 768 less a taskbar and a title bar


def test_every_tab_fits_a_1366_by_768_laptop(window, qtbot):
    tabs = window.findChild(QTabWidget)
    assert tabs is not None
    assert tabs.count() >= 5
    window.resize(LAPTOP_WIDTH, LAPTOP_HEIGHT)
    for index in range(tabs.count()):  # each screen reads the plan when first shown: let each fill first
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        qtbot.waitUntil(lambda page=page: all(getattr(w, "data", True) is not None
                                              for w in [page, *page.findChildren(QWidget)]), timeout=20000)
        settle(qtbot, window)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle(qtbot, window)
        name, needed, page = tabs.tabText(index), window.minimumSizeHint(), tabs.widget(index)
        assert needed.height() <= LAPTOP_HEIGHT, (name, needed)
        assert needed.width() <= LAPTOP_WIDTH, (name, needed)
        assert window.size().toTuple() == (LAPTOP_WIDTH, LAPTOP_HEIGHT), name  # not pushed larger
        assert page.height() > 300, name
        assert page.width() > 900, name
