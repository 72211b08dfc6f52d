"""The Qt binding itself keeps Python's books: PySide6 6.12.0 on Python 3.11 lost a reference to True on
every signal emit and to None on every QModelIndex.data(), and the application aborted after a few
hundred edits ("deallocating True or False"). pyproject.toml excludes that release; this catches the
next one that does it."""

import sys

from PySide6.QtCore import QModelIndex, QObject, Signal


class _Probe(QObject):
    fired = Signal(object)


def test_signals_and_model_reads_keep_reference_counts(qapp):
    probe = _Probe()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        probe.fired.emit(1)
        QModelIndex().data()
        qapp.processEvents()
    assert sys.getrefcount(True) >= true_before
    assert sys.getrefcount(None) >= none_before - 5  # other threads may hold a few references
