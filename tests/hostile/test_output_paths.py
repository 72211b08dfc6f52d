"""An export never destroys what it is pointed at by mistake: the plan itself, its WAL/SHM/lock files,
another plan, a folder or a device. A link is followed only to a file that passes the same checks. The
file written follows the user's umask, PDF, Excel and iCalendar alike: every command that writes a file is in
``EXPORTS``. (The command runs in this process: the many cases cost no new interpreter each.)"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_kit import assert_one_thai_line, fingerprint

from thaplan_desktop.cli import main

# Each command that writes a file: its arguments, and the option naming the file it writes.
EXPORTS: dict[str, tuple[tuple[str, ...], str]] = {
    "export-pdf": (("export-pdf",), "--out"),
    "export-xlsx": (("export-xlsx",), "--out"),
    "export-template": (("export-template", "--unit", "กองช่าง"), "--out"),
    "export-progress": (("export-progress", "--unit", "กองช่าง"), "--out"),
    "report progress": (("report", "progress", "--as-of", "2563-03-31"), "--out"),
    "export-procurement": (("export-procurement",), "--out"),
    "calendar --ics": (("calendar",), "--ics"),
}


@dataclass(frozen=True)
class Done:
    code: int
    err: str


@pytest.fixture
def export(capsys: pytest.CaptureFixture[str]) -> Callable[[str, Path, Path], Done]:
    def run(kind: str, plan: Path, out: Path) -> Done:
        args, option = EXPORTS[kind]
        code = main([*args, "--db", str(plan), option, str(out)])
        return Done(code, capsys.readouterr().err)
    return run


@pytest.mark.parametrize("kind", sorted(EXPORTS))
@pytest.mark.parametrize("target", ["the plan", "its WAL", "its lock", "another plan", "a link to the plan"])
def test_an_export_over_a_plan_or_its_files_is_refused(tmp_path: Path, plan: Path, kind: str, target: str,
                                                        export) -> None:
    other = tmp_path / "แผนอื่น.xlsx"  # a plan under a workbook's name
    shutil.copy(plan, other)
    out = {"the plan": plan, "its WAL": Path(f"{plan}-wal"), "its lock": Path(f"{plan}.lock"),
           "another plan": other, "a link to the plan": tmp_path / "ลิงก์.xlsx"}[target]
    if target == "a link to the plan":
        out.symlink_to(plan)
    before, other_before = fingerprint(plan), fingerprint(other)
    run = export(kind, plan, out)
    assert run.code == 1
    assert_one_thai_line(run.err)
    assert fingerprint(plan) == before
    assert fingerprint(other) == other_before
    for beside in (Path(f"{plan}-wal"), Path(f"{plan}.lock")):
        assert not beside.exists() or beside.read_bytes()[:4] not in (b"PK\x03\x04", b"%PDF")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_a_pipe_or_a_folder_is_never_replaced(tmp_path: Path, plan: Path, kind: str, export) -> None:
    fifo = tmp_path / "ท่อ.xlsx"
    os.mkfifo(fifo)
    folder = tmp_path / "โฟลเดอร์.xlsx"
    folder.mkdir()
    for out in (fifo, folder):
        run = export(kind, plan, out)
        assert run.code == 1
        assert_one_thai_line(run.err)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert folder.is_dir()


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_a_link_to_an_ordinary_file_is_written_through(tmp_path: Path, plan: Path, kind: str, export) -> None:
    target = tmp_path / "จริง" / "แผน.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "ลิงก์.xlsx"
    link.symlink_to(target)
    run = export(kind, plan, link)
    assert run.code == 0, run.err
    assert link.is_symlink()
    assert target.read_bytes() != b"old"


@pytest.mark.parametrize("kind", sorted(EXPORTS))
@pytest.mark.parametrize("umask", [0o077, 0o002])
def test_the_file_written_follows_the_umask(tmp_path: Path, plan: Path, kind: str, umask: int, export) -> None:
    out = tmp_path / "แผน.xlsx"
    old = os.umask(umask)
    try:
        run = export(kind, plan, out)
    finally:
        os.umask(old)
    assert run.code == 0, run.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
