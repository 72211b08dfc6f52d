"""Two copies of ThaPlan on one file: the first edits, the second opens read-only and says why, in Thai.

The second copy sees the first one's committed changes when it reads again, and its own edits are
refused (never written, never lost silently). When the first copy closes or dies, the file can be
edited again. Run with real processes, as two windows of the application would be.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from thaplan_desktop import safety
from thaplan_desktop.db.files import DatabaseError
from thaplan_desktop.db.lock import on_network_drive
from thaplan_desktop.safety import create_for_editing, open_for_editing
from thaplan_desktop.workspace import ProjectFields, WorkspaceError

CHILD = Path(__file__).with_name("edit_child.py")

pytestmark = pytest.mark.slow


class Copy:
    """Another copy of the application, in its own process, holding ``db`` open."""

    def __init__(self, db: Path) -> None:  # the child inherits this test's private THAPLAN_DATA_DIR
        self.process = subprocess.Popen([sys.executable, str(CHILD), "hold", str(db)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                        env=dict(os.environ, PYTHONIOENCODING="utf-8"))
        self.opened = self.process.stdout.readline().strip()

    def ask(self, line: str) -> str:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def quit(self) -> None:
        assert self.ask("quit") == "closed"
        self.process.wait(timeout=10)


def _count(ws) -> int:  # type: ignore[no-untyped-def]
    return len(ws.projects(ws.find_edition().id))


def test_second_copy_is_read_only_sees_changes_and_cannot_edit(demo_db):
    first = Copy(demo_db)
    assert first.opened == "opened rw"
    before = int(first.ask("count"))

    second = open_for_editing(demo_db)
    try:
        assert second.read_only
        assert "อ่านอย่างเดียว" in second.notice
        assert "อีกหน้าต่างหนึ่ง" in second.notice
        assert _count(second) == before

        assert first.ask("add โครงการจากหน้าต่างแรก") == "committed"
        assert _count(second) == before + 1  # seen on the next read
        assert "โครงการจากหน้าต่างแรก" in [p.name for p in second.projects(second.find_edition().id)]

        edition = second.find_edition()
        with pytest.raises(WorkspaceError, match="อ่านอย่างเดียว"):
            second.add_project(edition.id, ProjectFields(name="ไม่ควรถูกบันทึก", budget=1, months={1}))
        with pytest.raises(WorkspaceError, match="อ่านอย่างเดียว"):
            second.undo()
        assert int(first.ask("count")) == before + 1
    finally:
        second.close()
    first.quit()

    third = open_for_editing(demo_db)  # the first copy is gone: editing is possible again
    try:
        assert not third.read_only
        third.add_project(third.find_edition().id, ProjectFields(name="แก้ไขได้อีกครั้ง", budget=1, months={1}))
        assert _count(third) == before + 2
    finally:
        third.close()


def test_a_copy_started_second_in_another_process_is_told_why(demo_db):
    mine = open_for_editing(demo_db)
    try:
        assert not mine.read_only
        other = Copy(demo_db)
        assert other.opened.startswith("opened ro ")
        assert "กำลังถูกแก้ไขในโปรแกรม ThaPlan อีกหน้าต่างหนึ่ง" in other.opened
        assert other.ask("add ไม่ควรถูกบันทึก").startswith("refused ")
        mine.add_project(mine.find_edition().id, ProjectFields(name="จากหน้าต่างแรก", budget=1, months={1}))
        assert int(other.ask("count")) == _count(mine)
        other.quit()
        assert "ไม่ควรถูกบันทึก" not in [p.name for p in mine.projects(mine.find_edition().id)]
    finally:
        mine.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_crashed_copy_does_not_keep_the_file_locked(demo_db):
    first = Copy(demo_db)
    assert first.opened == "opened rw"
    assert first.ask("add ก่อนเครื่องดับ") == "committed"
    os.kill(first.process.pid, signal.SIGKILL)
    first.process.wait(timeout=10)
    assert Path(f"{demo_db}.lock").exists()  # left behind by the crash, but no longer locked

    ws = open_for_editing(demo_db)
    try:
        assert not ws.read_only
        assert "ก่อนเครื่องดับ" in [p.name for p in ws.projects(ws.find_edition().id)]
    finally:
        ws.close()
    assert not Path(f"{demo_db}.lock").exists()


def test_a_new_file_is_created_locked_and_the_reader_can_tell_when_to_reload(tmp_path):
    path = tmp_path / "ใหม่.sqlite"
    mine = create_for_editing(path, name="เทศบาลตำบลบางแก้ว", district="บางพลี", province="สมุทรปราการ",
                              fiscal_year=2569)
    try:
        assert not mine.read_only
        reader = open_for_editing(path)
        try:
            assert reader.read_only
            stamp = reader.file_stamp()
            mine.add_project(mine.find_edition().id, ProjectFields(name="โครงการแรก", budget=1, months={1}))
            assert reader.file_stamp() != stamp
            assert [p.name for p in reader.projects(reader.find_edition().id)] == ["โครงการแรก"]
        finally:
            reader.close()
        with pytest.raises(DatabaseError, match="มีไฟล์"):
            create_for_editing(path, name="x", district="x", province="x", fiscal_year=2569)
    finally:
        mine.close()
    assert not Path(f"{path}.lock").exists()


def test_a_plan_on_a_network_folder_is_recognised():
    mountinfo = "\n".join([
        "27 1 254:1 / / rw,relatime - ext4 /dev/vda rw",
        "40 27 0:50 / /mnt/สำนักปลัด rw,relatime - cifs //nas/plans rw,vers=3.0",
        r"41 27 0:51 / /mnt/my\040share rw,relatime - nfs4 nas:/x rw",
        "42 40 0:52 / /mnt/สำนักปลัด/local rw,relatime - ext4 /dev/vdb rw",
    ])
    assert on_network_drive(Path("/mnt/สำนักปลัด/แผน.sqlite"), mountinfo=mountinfo)
    assert on_network_drive(Path("/mnt/my share/แผน.sqlite"), mountinfo=mountinfo)
    assert not on_network_drive(Path("/mnt/สำนักปลัด/local/แผน.sqlite"), mountinfo=mountinfo)
    assert not on_network_drive(Path("/home/officer/แผน.sqlite"), mountinfo=mountinfo)
    assert not on_network_drive(Path("/mnt/สำนักปลัดเก่า/แผน.sqlite"), mountinfo=mountinfo)


def test_opening_a_plan_on_a_network_folder_warns_in_thai(demo_db, monkeypatch):
    monkeypatch.setattr(safety, "on_network_drive", lambda path: True)
    ws = open_for_editing(demo_db)
    try:
        assert not ws.read_only
        assert "โฟลเดอร์เครือข่าย" in ws.notice
    finally:
        ws.close()
