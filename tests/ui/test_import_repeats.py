"""The same workbook twice in one import, in the window: the duplicates choice applies to the rows the import
repeats as it does to projects already in the plan (``apply.assign_actions``), whichever way it is toggled,
and a copy of a row the officer left out is no repeat."""

from __future__ import annotations

import shutil
from pathlib import Path

from guihelp import import_preview
from PySide6.QtWidgets import QMessageBox
from sample_files import sample

from thaplan_desktop.importing.apply import Duplicates

SAMPLE = sample("tapan_samnakpalad_pd02.xlsx")


def test_a_workbook_given_twice_follows_the_duplicates_choice(window, qtbot, tmp_path: Path):
    from guihelp import settle

    from thaplan_desktop.ui.importing.controller import import_files

    again = tmp_path / "สำเนา.xlsx"
    shutil.copy(SAMPLE, again)
    import_files(window.context, [SAMPLE, again])
    dialog = import_preview(window, qtbot)
    rows = len(dialog.plan.rows)
    once = rows // 2
    assert len(dialog.plan.to_write) == once  # default: skip, so every budget counts once
    dialog.set_duplicates(Duplicates.KEEP)
    assert len(dialog.plan.to_write) == rows
    dialog.set_duplicates(Duplicates.SKIP)
    assert len(dialog.plan.to_write) == once  # toggled back: the repeats are left out again
    dialog.set_duplicates(Duplicates.REPLACE)
    assert len(dialog.plan.to_write) == once  # the later copy takes the earlier one's place
    assert all(r.staged.source_file == again.name for r in dialog.plan.to_write)
    dialog.set_duplicates(Duplicates.SKIP)
    dialog.set_ticked(0, False)  # the first copy of one row left out: its copy in the other file goes in
    written = dialog.plan.to_write
    assert len(written) == once
    assert sum(1 for r in written if r.staged.source_file == again.name) == 1
    dialog.reject()
    settle(qtbot, window)
    assert window.findChild(QMessageBox, "import_summary") is None
