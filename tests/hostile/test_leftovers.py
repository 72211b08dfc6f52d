"""Unfinished export files never stay: SIGTERM during an export removes its file at once, and one left by a
crash (SIGKILL) is removed at the next start of any command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_kit import assert_one_thai_line, cli

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

# A child exporting the plan that gets a signal while the workbook is being written.
CHILD = """
import os, signal, sys
import openpyxl
from thaplan_desktop.cli import main

real_save = openpyxl.Workbook.save
def save(self, filename):
    real_save(self, filename)
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
openpyxl.Workbook.save = save
sys.exit(main(["export-xlsx", "--db", sys.argv[2], "--out", sys.argv[3]]))
"""


def _child(signal_name: str, plan: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, signal_name, str(plan), str(out)], capture_output=True,
                          text=True, timeout=120)


def _parts(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_sigterm_during_an_export_removes_its_unfinished_file(tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "แผน.xlsx"
    out.write_bytes(b"last week")
    done = _child("SIGTERM", plan, out)
    assert done.returncode == 128 + signal.SIGTERM
    assert "SIGTERM" in assert_one_thai_line(done.stderr)
    assert _parts(tmp_path) == []
    assert out.read_bytes() == b"last week"


def test_a_file_left_by_a_killed_export_goes_at_the_next_start(tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "แผน.xlsx"
    done = _child("SIGKILL", plan, out)
    assert done.returncode == -signal.SIGKILL
    assert len(_parts(tmp_path)) == 1  # what the crash left
    assert cli("info", "--db", plan).code == 0  # any command, the next time
    assert _parts(tmp_path) == []
    assert not out.exists()


def test_a_file_being_written_by_a_living_export_is_left_alone(tmp_path: Path, plan: Path) -> None:
    from thaplan_desktop.exporting.output import atomic_output

    with atomic_output(tmp_path / "แผน.xlsx") as partial:
        partial.write_bytes(b"in progress")
        assert cli("info", "--db", plan).code == 0
        assert partial.exists()
    assert (tmp_path / "แผน.xlsx").read_bytes() == b"in progress"
    assert os.listdir(tmp_path).count("แผน.xlsx") == 1


# The same for the PDF: the signal comes while the fifth page is being written.
PDF_CHILD = """
import os, signal, sys
from reportlab.pdfgen.canvas import Canvas
from thaplan_desktop.cli import main

real_show = Canvas.showPage
def show(self):
    real_show(self)
    if self.getPageNumber() == 5:
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
Canvas.showPage = show
sys.exit(main(["export-pdf", "--db", sys.argv[2], "--out", sys.argv[3], "--font", "laksaman", "--quiet"]))
"""


def _pdf_child(signal_name: str, plan: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PDF_CHILD, signal_name, str(plan), str(out)], capture_output=True,
                          text=True, timeout=120)


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_sigterm_during_a_pdf_export_leaves_no_temporary_file(tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "แผน.pdf"
    out.write_bytes(b"last week")
    done = _pdf_child("SIGTERM", plan, out)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert "SIGTERM" in assert_one_thai_line(done.stderr)
    assert _hidden(tmp_path) == []
    assert out.read_bytes() == b"last week"


def test_a_pdf_left_by_a_killed_export_goes_at_the_next_start(tmp_path: Path, plan: Path) -> None:
    out = tmp_path / "แผน.pdf"
    done = _pdf_child("SIGKILL", plan, out)
    assert done.returncode == -signal.SIGKILL
    assert _hidden(tmp_path)  # what the crash left: the command's file and the PDF engine's own
    assert cli("export-pdf", "--db", plan, "--out", tmp_path / "other.pdf", "--font", "laksaman",
               "--quiet").code == 0  # the next export
    assert _hidden(tmp_path) == []
    assert not out.exists()


def test_a_pdf_written_directly_gets_the_permissions_of_the_umask(tmp_path: Path, plan: Path) -> None:
    from thaplan_desktop.exporting.pdf import ExportOptions, export_pdf
    from thaplan_desktop.workspace import Workspace

    with Workspace.open(plan) as workspace:
        data = workspace.plan_data(workspace.editions()[0].id)
    old = os.umask(0o027)
    try:
        export_pdf(data, tmp_path / "plan.pdf", ExportOptions(font="laksaman"))
    finally:
        os.umask(old)
    assert (tmp_path / "plan.pdf").stat().st_mode & 0o777 == 0o640
    assert _hidden(tmp_path) == []
