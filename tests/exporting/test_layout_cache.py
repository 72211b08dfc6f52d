"""The words an export laid out, kept between runs (exporting/pdf/layout_cache.py): the next export of the
plan starts warm, writes the very same PDF, and no damaged, stale or unwritable cache changes or stops it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from thaplan_desktop.exporting.pdf import layout_cache

RECENT, OLDER = layout_cache.RECENT_FILE, layout_cache.OLDER_FILE


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from demo_state import DEMO_TODAY, DEMO_YEAR

    from thaplan_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("cache-plan") / "demo.sqlite"
    build_demo(path, fiscal_year=DEMO_YEAR, today=DEMO_TODAY).close()
    return path


def _export(db: Path, out: Path, cache: Path, *, report: bool = False) -> tuple[str, bool]:
    """Export in a new process with ``cache`` as the cache folder; its stderr, and whether it loaded
    PyThaiNLP (the dictionary)."""
    argv = ["export-pdf", "--db", str(db), "--out", str(out), "--font", "laksaman", "--quiet"]
    code = (
        "import sys\n"
        "from thaplan_desktop.cli import main\n"
        f"code = main({argv!r})\n"
        "print('pythainlp loaded:', 'pythainlp' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "THAPLAN_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stderr, "pythainlp loaded: True" in done.stdout


def _same_document(a: Path, b: Path) -> bool:
    """The two PDFs are byte for byte the same but for their dates and file identifiers."""
    def normal(path: Path) -> bytes:
        data = path.read_bytes()
        data = re.sub(rb"D:\d{14}[^)]*", b"D:", data)
        return re.sub(rb"/ID\s*\[[^\]]*\]", b"/ID []", data)

    return normal(a) == normal(b)


@pytest.fixture(scope="module")
def cold(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo exported with an empty cache: the reference PDF and the cache folder it left."""
    folder = tmp_path_factory.mktemp("cold")
    cache = folder / "cache"
    _stderr, loaded = _export(demo_db, folder / "plan.pdf", cache)
    assert loaded  # with nothing kept, the words come from the dictionary
    return folder / "plan.pdf", cache


def test_second_export_is_warm_and_writes_the_same_pdf(demo_db: Path, cold: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    reference, kept = cold
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in (RECENT, OLDER):
        (cache / name).write_bytes((kept / name).read_bytes())
    stored = json.loads((cache / RECENT).read_text(encoding="utf-8"))
    assert any(table.startswith("shaped") for table in stored["tables"])
    assert {"newmm", "units"} <= set(stored["tables"])

    stderr, loaded = _export(demo_db, tmp_path / "again.pdf", cache)
    assert not loaded  # every word was kept: the dictionary is not even imported
    assert stderr == ""
    assert _same_document(reference, tmp_path / "again.pdf")


DAMAGE = {
    "not json": b"\x00\xff garbage {",
    "another shape": json.dumps(["tables", 1]).encode(),
    "tables of the wrong kind": json.dumps({"fingerprint": "x", "tables": [1, 2]}).encode(),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_cache_file_is_ignored_and_replaced(demo_db: Path, cold: tuple[Path, Path], tmp_path: Path,
                                                      damage: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / RECENT).write_bytes(DAMAGE[damage])
    (cache / OLDER).write_bytes(DAMAGE[damage])
    stderr, _loaded = _export(demo_db, tmp_path / "plan.pdf", cache)
    assert stderr == ""
    assert _same_document(cold[0], tmp_path / "plan.pdf")
    stored = json.loads((cache / RECENT).read_text(encoding="utf-8"))
    assert stored["fingerprint"] == layout_cache.fingerprint()


def test_answers_that_do_not_fit_their_text_are_computed_again(demo_db: Path, cold: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    """A file with the right fingerprint whose every answer is damaged: lengths past the text, shaped words
    of the wrong form, a broken index of the dictionary's entries with spaces."""
    cache = tmp_path / "cache"
    cache.mkdir()
    stored = json.loads((cold[1] / RECENT).read_text(encoding="utf-8"))
    for name, table in stored["tables"].items():
        for key in table:
            if name.startswith("shaped"):
                table[key] = [1.0, 0.0, "", [1, 2], ["a"], [1.0], [], []]
            elif name == "multiword":
                table[key] = {"ab c": [["x"]]}
            elif name.startswith("groups"):
                table[key] = [[1], [10_000]]
            else:
                table[key] = [len(key) + 1]
    (cache / RECENT).write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    stderr, loaded = _export(demo_db, tmp_path / "plan.pdf", cache)
    assert stderr == ""
    assert loaded
    assert _same_document(cold[0], tmp_path / "plan.pdf")


def _units_in_new_process(cache: Path, text: str) -> list[str]:
    code = ("import json, sys\nfrom thaplan_desktop.exporting.pdf import segment\n"
            "print(json.dumps(segment.units(sys.argv[1])))\n")
    env = {**os.environ, "THAPLAN_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    return list(json.loads(done.stdout))


@pytest.mark.parametrize("same_fingerprint", [True, False])
def test_a_kept_answer_is_used_only_under_its_fingerprint(tmp_path: Path, same_fingerprint: bool) -> None:
    """A word list, font or code that changed makes every kept answer void: the file names what they
    depend on, and an answer filed under another fingerprint is never used."""
    text = "ซ่อมแซมถนน"
    cache = tmp_path / "cache"
    cache.mkdir()
    fingerprint = layout_cache.fingerprint() if same_fingerprint else "0" * 64
    planted = {"format": layout_cache.FORMAT, "fingerprint": fingerprint, "tables": {"units": {text: [2, 8]}}}
    (cache / RECENT).write_text(json.dumps(planted, ensure_ascii=False), encoding="utf-8")
    found = _units_in_new_process(cache, text)
    assert found == (["ซ่", "อมแซมถนน"] if same_fingerprint else ["ซ่อมแซม", "ถนน"])


def test_a_cache_folder_that_cannot_be_written_changes_nothing(demo_db: Path, cold: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    stderr, _loaded = _export(demo_db, tmp_path / "plan.pdf", blocked)
    assert stderr == ""
    assert _same_document(cold[0], tmp_path / "plan.pdf")
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def _kept(folder: Path) -> tuple[set[str], set[str]]:
    """The words of the recent and the older file."""
    def words(name: str) -> set[str]:
        return set(json.loads((folder / name).read_text(encoding="utf-8"))["tables"].get("units", {}))

    return words(RECENT), words(OLDER)


def test_the_last_runs_answers_come_first_and_both_files_are_bounded(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_cache, "MAX_RECENT", 3)
    monkeypatch.setattr(layout_cache, "MAX_OLDER", 4)

    def run(asked: str, learned: str) -> bool:
        cache = layout_cache.LayoutCache(tmp_path, "print")
        for word in asked:
            assert cache.get("units", word) == [1]
        for word in learned:
            cache.put("units", word, [1])
        return cache.save()

    # A run learns more than a run keeps in memory: the first three only.
    assert run("", "abcde")
    assert _kept(tmp_path) == ({"a", "b", "c"}, set())
    # The next run uses one answer and learns two: those three are the recent file, the rest older.
    assert run("a", "fg")
    assert _kept(tmp_path) == ({"a", "f", "g"}, {"b", "c"})
    # An older answer used again comes back; the older file keeps at most four.
    assert run("b", "h")
    recent, older = _kept(tmp_path)
    assert recent == {"b", "h"}
    assert older == {"a", "f", "g", "c"}
    # A run that only reads what the last one used writes nothing.
    before = (tmp_path / RECENT).stat().st_mtime_ns
    assert not run("bh", "")
    assert (tmp_path / RECENT).stat().st_mtime_ns == before


def test_a_killed_writers_temporary_files_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / f"{RECENT}.4242.part"
    fresh = tmp_path / f"{RECENT}.4343.part"
    for part in (stale, fresh):
        part.write_text("half a file", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    cache = layout_cache.LayoutCache(tmp_path, "print")
    cache.put("units", "a", [1])
    assert cache.save()
    assert not stale.exists()
    assert fresh.exists()  # perhaps another export writing now
