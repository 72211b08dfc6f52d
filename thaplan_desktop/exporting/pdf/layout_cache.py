"""What the layout learned about words, kept between runs, so that an export starts warm.

Most of a first export's time goes to answers about words: where Thai text breaks into words (newmm over
PyThaiNLP's 62,000-word list, which must first be read and indexed), how words glue into units and groups,
and how a word is shaped into glyphs (HarfBuzz). The answers are the same every time for the same text, as
long as the word list, the font and our code are the same, and a plan's texts change little from one
export to the next. So they are kept in the user's cache folder (:func:`thaplan_desktop.paths.cache_dir`)
in two JSON files: ``layout-words.json``, the answers the last export used (read at the first question),
and ``layout-words.older.json``, the others (read only when the first has no answer). An export that
learned something writes both back when it ends (:func:`save`; each file written whole and renamed).

Each file names what its answers depend on (its fingerprint: the format, the source of ``segment.py``,
``shaping.py`` and this module or ThaPlan's version where there is no source, the stamp of PyThaiNLP's
word list and of newmm, uharfbuzz's version); a face's shaped words sit in a table named after its font
file's stamp, a text's groups in one named after the document's names. A file with another fingerprint,
damaged, too large or unreadable counts as empty, and a kept answer that does not fit its text is no
answer: the cache can make an export faster, never different, and never makes it fail. Bounded: at most
``MAX_RECENT`` answers in the first file and ``MAX_OLDER`` in the second.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

RECENT_FILE = "layout-words.json"
OLDER_FILE = "layout-words.older.json"
FORMAT = 1
MAX_RECENT = 30_000  # a plan of 1,000 projects uses about 10,000 answers (about 8 MB in memory)
MAX_OLDER = 30_000
MAX_FILE_BYTES = 48 * 1024 * 1024
_STALE_PART_SECONDS = 3600
_HERE = Path(__file__).resolve().parent

Tables = dict[str, dict[str, Any]]


class LayoutCache:
    """Answers by table and key (a word or a text), kept in ``folder`` (None: kept nowhere)."""

    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self._recent: Tables | None = None
        self._older: Tables | None = None
        self._used: Tables = {}  # the answers given or learned in this process, for the next run
        self._recorded = 0  # how many: at most MAX_RECENT (a plan of 50,000 projects keeps only some)
        self._changed = False
        self._lock = threading.Lock()

    def get(self, table: str, key: str) -> Any | None:
        """The kept answer, or None."""
        recent = self._recent if self._recent is not None else self._load("_recent", RECENT_FILE)
        found = recent.get(table, {}).get(key)
        if found is None:
            older = self._older if self._older is not None else self._load("_older", OLDER_FILE)
            found = older.get(table, {}).get(key)
            if found is None:
                return None
            self._changed = True  # moves to the recent file
        self._record(table, key, found)
        return found

    def put(self, table: str, key: str, value: Any) -> None:
        """Keep an answer (JSON-able: strings, numbers, lists) for the next run."""
        if self._record(table, key, value):
            self._changed = True

    def _record(self, table: str, key: str, value: Any) -> bool:
        if self._recorded >= MAX_RECENT:
            return False
        entries = self._used.setdefault(table, {})
        if key not in entries:
            self._recorded += 1
        entries[key] = value
        return True

    def _load(self, attribute: str, name: str) -> Tables:
        with self._lock:
            found: Tables | None = getattr(self, attribute)
            if found is None:
                found = self._read(name)
                setattr(self, attribute, found)
            return found

    def _read(self, name: str) -> Tables:
        if self.folder is None:
            return {}
        collecting = gc.isenabled()
        gc.disable()  # the answers are lists of numbers and strings, no cycles: no collections while reading
        try:
            with (self.folder / name).open("rb") as fh:
                if os.fstat(fh.fileno()).st_size > MAX_FILE_BYTES:
                    return {}
                stored = json.loads(fh.read())
        except (OSError, ValueError, RecursionError):
            return {}
        finally:
            if collecting:
                gc.enable()
        if not isinstance(stored, dict) or stored.get("fingerprint") != self.fingerprint:
            return {}
        tables = stored.get("tables")
        if not isinstance(tables, dict):
            return {}
        return {name: table for name, table in tables.items() if isinstance(table, dict)}

    def save(self) -> bool:
        """Write the answers when this run learned new ones or took old ones back into use (never raises;
        True when written)."""
        if self.folder is None or not self._changed:
            return False
        with self._lock:
            recent = _limited([self._used], MAX_RECENT, {})  # a copy: _record kept it within the bound
            previous = self._older if self._older is not None else self._read(OLDER_FILE)
            older = _limited([self._recent or {}, previous], MAX_OLDER, recent)
            self._recent, self._older, self._changed = recent, older, False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _remove_stale_parts(self.folder)
            self._write(OLDER_FILE, older)
            self._write(RECENT_FILE, recent)
        except OSError:  # a full disk or a read-only folder: the next run is only slower
            return False
        return True

    def _write(self, name: str, tables: Tables) -> None:
        assert self.folder is not None
        text = json.dumps({"format": FORMAT, "fingerprint": self.fingerprint, "tables": tables},
                          ensure_ascii=False, separators=(",", ":"))
        target = self.folder / name
        partial = target.with_name(f"{name}.{os.getpid()}.part")
        try:
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def _limited(sources: list[Tables], most: int, skip: Tables) -> Tables:
    """The answers of ``sources`` (earlier ones first) not in ``skip``, at most ``most`` of them."""
    kept: Tables = {}
    room = most
    for source in sources:
        for table, entries in source.items():
            skipped = skip.get(table, {})
            for key, value in entries.items():
                if room <= 0:
                    return kept
                if key in skipped or key in kept.get(table, {}):
                    continue
                kept.setdefault(table, {})[key] = value
                room -= 1
    return kept


def _remove_stale_parts(folder: Path) -> None:
    """Temporary files of runs killed while writing (an hour old or more)."""
    limit = time.time() - _STALE_PART_SECONDS
    for part in folder.glob("layout-words*.part"):
        try:
            if part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def fingerprint() -> str:
    """What every kept answer depends on (see the module doc); cheap: a few small files and stats."""
    parts: list[str] = [f"format {FORMAT}"]
    for name in ("segment.py", "shaping.py", "layout_cache.py"):
        try:
            parts.append(hashlib.sha256((_HERE / name).read_bytes()).hexdigest())
        except OSError:  # a frozen build has no sources: its version says which code it is
            from thaplan_desktop import __version__

            parts.append(f"{name} of ThaPlan {__version__}")
    for path in _pythainlp_files():
        try:
            info = path.stat()
            parts.append(f"{path} {info.st_size} {info.st_mtime_ns}")
        except OSError:
            parts.append(f"{path} missing")
    import uharfbuzz

    parts.append(f"uharfbuzz {uharfbuzz.__version__}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _pythainlp_files() -> list[Path]:
    """PyThaiNLP's word list and segmenter, found without importing PyThaiNLP (a tenth of a second)."""
    spec = find_spec("pythainlp")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:
        return []
    root = Path(locations[0])
    return [root / "corpus" / "words_th.txt", root / "tokenize" / "newmm.py"]


# --- the process's cache -------------------------------------------------------------------------------

_active: LayoutCache | None = None
_active_lock = threading.Lock()


def active() -> LayoutCache:
    """The cache layouts read and add to (opened on the first question)."""
    global _active
    found = _active
    if found is None:
        with _active_lock:
            found = _active
            if found is None:
                found = _active = LayoutCache(_location(), fingerprint())
    return found


def begin() -> None:
    """A document's layout begins: follow the cache folder if it moved (it goes with the user data folder,
    which a test or a portable install may set)."""
    global _active
    with _active_lock:
        if _active is not None and _active.folder != _location():
            _active.save()
            _active = None


def save() -> None:
    """A document's layout ended: write what it learned (never raises)."""
    found = _active
    if found is not None:
        found.save()


def get(table: str, key: str) -> Any | None:
    """The kept answer of ``table`` for ``key``, or None."""
    return active().get(table, key)


def put(table: str, key: str, value: Any) -> None:
    """Keep an answer for the next run."""
    active().put(table, key, value)


def pieces(table: str, text: str, compute: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """The pieces ``text`` is cut into: kept ones, or ``compute(text)``, kept for the next run."""
    kept = _get_pieces(table, text)
    if kept is None:
        kept = compute(text)
        _put_pieces(table, text, kept)
    return kept


def groups(table: str, text: str, compute: Callable[[str], tuple[tuple[str, ...], ...]]
           ) -> tuple[tuple[str, ...], ...]:
    """The groups of pieces ``text`` is cut into: kept ones, or ``compute(text)``, kept for the next run."""
    kept = _get_groups(table, text)
    if kept is None:
        kept = compute(text)
        _put_groups(table, text, kept)
    return kept


def _get_pieces(table: str, text: str) -> tuple[str, ...] | None:
    """Kept pieces of ``text`` (words, units: kept as their lengths), or None."""
    pieces = _cut(text, 0, active().get(table, text))
    return tuple(pieces) if pieces is not None and sum(map(len, pieces)) == len(text) else None


def _put_pieces(table: str, text: str, pieces: tuple[str, ...]) -> None:
    """Keep the pieces ``text`` is cut into (their lengths: the text is the key)."""
    active().put(table, text, [len(piece) for piece in pieces])


def _get_groups(table: str, text: str) -> tuple[tuple[str, ...], ...] | None:
    """Kept groups of pieces of ``text``, or None."""
    kept = active().get(table, text)
    if not isinstance(kept, list):
        return None
    out = []
    start = 0
    for lengths in kept:
        pieces = _cut(text, start, lengths)
        if not pieces:
            return None
        out.append(tuple(pieces))
        start += sum(map(len, pieces))
    return tuple(out) if start == len(text) else None


def _put_groups(table: str, text: str, groups: tuple[tuple[str, ...], ...]) -> None:
    """Keep the groups of pieces ``text`` is cut into (as lengths)."""
    active().put(table, text, [[len(piece) for piece in group] for group in groups])


def _cut(text: str, start: int, lengths: Any) -> list[str] | None:
    """``text`` from ``start`` cut at ``lengths``; None when they do not fit it (a damaged answer)."""
    if not isinstance(lengths, list):
        return None
    pieces = []
    for length in lengths:
        if not isinstance(length, int) or length <= 0 or start + length > len(text):
            return None
        pieces.append(text[start:start + length])
        start += length
    return pieces


def _location() -> Path | None:
    from thaplan_desktop.paths import cache_dir

    try:
        return cache_dir()
    except OSError:
        return None
