"""The editing lock never writes into another file: a link, a hard link or a stranger's file where
``plan.sqlite.lock`` goes is refused untouched; a stale lock of ThaPlan's own is taken over as before."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attacks import number, project_rows, xlsx
from hostile_kit import assert_one_thai_line, cli, fingerprint

from thaplan_desktop.db.lock import lock_path, try_lock
from thaplan_desktop.safety import open_for_editing

VICTIM = "ข้อมูลสำคัญของผู้ใช้ที่ต้องไม่ถูกเขียนทับ\n" * 20


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "สำคัญ.txt"
    path.write_text(VICTIM, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["symlink", "hardlink", "stranger"])
def test_what_is_not_our_lock_file_is_refused_untouched(plan: Path, victim: Path, kind: str) -> None:
    lock = lock_path(plan)
    if kind == "symlink":
        lock.symlink_to(victim)
    elif kind == "hardlink":
        os.link(victim, lock)
    else:
        lock.write_text("ไม่ใช่ไฟล์ล็อก แต่เป็นงานของใครบางคน\n", encoding="utf-8")
    content = lock.read_bytes()
    workspace = open_for_editing(plan)
    try:
        assert workspace.read_only
        assert "ไฟล์ล็อก" in workspace.notice
    finally:
        workspace.close()
    before = fingerprint(plan)
    run = cli("import", "--db", plan, xlsx(victim.with_name("ผด02.xlsx"), project_rows([number("D{r}", 5000)])))
    assert run.code == 1
    assert "ไฟล์ล็อก" in assert_one_thai_line(run.err)
    assert victim.read_text(encoding="utf-8") == VICTIM
    assert lock.read_bytes() == content
    assert fingerprint(plan) == before


def test_a_stale_lock_of_our_own_is_taken_over(plan: Path) -> None:
    lock = lock_path(plan)
    lock.write_text(json.dumps({"computer": "เครื่องที่ดับไป", "pid": 99999999, "application": "ThaPlan Desktop"}),
                    encoding="utf-8")
    held = try_lock(plan)
    assert held is not None
    assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    held.release()
    assert not lock.exists()
