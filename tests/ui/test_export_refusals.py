"""An export from the window is never written over a plan, whatever file the officer picks in the save dialog:
a ThaPlan database that happens to bear the export's extension (a copy renamed by hand) is refused in a Thai
message and stays byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from guihelp import settle
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    def fake(parent, caption, directory, file_filter, *args, **kwargs):
        return str(path), file_filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(path)])


@pytest.mark.parametrize("action", ["export_pdf", "export_excel"])
def test_an_export_over_a_plan_is_refused_in_thai(window, qtbot, monkeypatch, draft_demo_db, action):
    import shutil

    target = draft_demo_db.with_name("แผนสำรอง" + (".pdf" if action == "export_pdf" else ".xlsx"))
    shutil.copyfile(draft_demo_db, target)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    _save_to(monkeypatch, target)
    window.action_by_id[action].trigger()

    def box():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None
    qtbot.waitUntil(lambda: box() is not None, timeout=60000)
    text = box().text()
    assert "ไม่เขียนทับ" in text
    assert "Error" not in text
    box().close()
    settle(qtbot, window)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
