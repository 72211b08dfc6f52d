"""How much of a file the importer is willing to read: caps that keep a hostile file from eating the memory.

A workbook is a zip of XML parts, and a 2 MB file can unpack to gigabytes (one shared string of 2 GiB, a
cell repeated a billion times in an .ods). Every reader counts what it unpacks and keeps against one
:class:`Budget` per file, and refuses the file with a Thai message naming the limit it passed, long before
the memory runs out. Together the caps keep ``thaplan import-preview`` under 300 MB on any input, while a
department workbook of 200,000 rows still reads.

- :data:`MAX_UNPACKED_BYTES`: all XML parts read from one file, once unpacked;
- :data:`MAX_PART_BYTES`: one part parsed whole (workbook, relationships, styles, drawings, manifest);
- :data:`MAX_FILE_BYTES`: files read whole (``.xls``, CSV, JSON);
- :data:`MAX_SHEET_CELLS` / :data:`MAX_BOOK_CELLS`: cells holding a value (or a fill, a merged range …) per
  sheet and per file — a sparse sheet costs what its filled cells cost, however far apart they lie;
- :data:`MAX_CELL_CHARS`: one cell's text (Excel's own limit);
- :data:`MAX_TEXT_CHARS`: all text kept from one file;
- :data:`MAX_MEMORY_BYTES`: what everything kept from one file is estimated to take in memory — rows,
  cells, numbers, text (at the width Python stores it: Thai two bytes a character, emoji four) and the
  projects read from it — so that no shape of file (millions of one-cell rows, a million projects, pages
  of emoji) passes the 300 MB the caps promise; an honest workbook of 200,000 project rows takes about
  160 MB of it;
- :data:`MAX_ZIP_ENTRIES`: parts in one zip package;
- :data:`MAX_GROWTH_BYTES`: the backstop — what reading one file really adds to the process, measured now
  and then (for a shape of file the estimates above would miss).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from thaplan_desktop.importing.errors import FailureKind, ImportFailure, where

MIB = 1 << 20
MAX_UNPACKED_BYTES = 512 * MIB
MAX_PART_BYTES = 32 * MIB
MAX_FILE_BYTES = 64 * MIB
MAX_SHEET_CELLS = 2_500_000
MAX_BOOK_CELLS = 3_000_000
MAX_CELL_CHARS = 32_767
MAX_TEXT_CHARS = 40_000_000
MAX_ZIP_ENTRIES = 10_000
MAX_MEMORY_BYTES = 200 * MIB
MAX_GROWTH_BYTES = 250 * MIB  # the backstop: what reading one file may add to the process, as measured
_LOOK_EVERY = 4 * MIB
# What one kept thing costs in memory, in bytes (measured on CPython 3.11): a row holding values (its place
# in the sheet, its packed columns), a cell in it, a number or date object, a text object's own header, a
# staged project.
ROW_BYTES, CELL_BYTES, NUMBER_BYTES, STRING_BYTES, PROJECT_BYTES = 170, 12, 28, 50, 270

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

Progress = Callable[[float, str], None]
"""``progress(fraction, message)``: how far a long read has come (0 to 1) and what it is doing, in Thai."""

_ADVICE = "อาจเป็นไฟล์ที่ถูกสร้างให้ขยายตัวผิดปกติ กรุณาเปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือขอไฟล์ใหม่จากหน่วยงาน"


def resident_bytes() -> int:
    """The memory this process holds now (Linux), or at most so far (macOS); 0 where it cannot be told."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024
    except (ImportError, OSError):  # Windows
        return 0


def too_big(file: str, what: str, sheet: str = "") -> ImportFailure:
    """The failure of a file over one of the caps; ``what`` says which, with its limit."""
    return ImportFailure(FailureKind.TOO_BIG, f"{where(file, sheet)} ใหญ่เกินกว่าจะอ่านได้: {what} — {_ADVICE}",
                         file=file, sheet=sheet)


def _mb(n: int) -> str:
    return f"{n // MIB:,} MB"


def part_too_big(file: str, part: str, size: int, limit: int = MAX_PART_BYTES) -> ImportFailure:
    """One part of the package unpacks to more than ``limit`` bytes."""
    return too_big(file, f"ส่วน {part} ขยายแล้วมีขนาด {size / MIB:,.0f} MB เกินขีดจำกัด {_mb(limit)}")


def file_too_big(file: str, size: int, limit: int = MAX_FILE_BYTES) -> ImportFailure:
    """A file read whole is larger than ``limit`` bytes."""
    return too_big(file, f"ไฟล์มีขนาด {size / MIB:,.0f} MB เกินขีดจำกัด {_mb(limit)}")


class Budget:
    """What one file may still cost: unpacked bytes, cells per sheet and in all, and characters of text.

    Readers call ``unpacked`` as they decompress, ``cell`` for every cell they keep (``cells(n)`` for
    many at once), ``text`` for the characters they keep; each raises the Thai :class:`ImportFailure`
    of the cap it passes. ``sheet`` names the sheet being read, for the message and the per-sheet count.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.sheet = ""
        self.unpacked_bytes = 0
        self.sheet_cells = 0
        self.book_cells = 0
        self.text_chars = 0
        self.memory = 0
        self._rss = resident_bytes()  # what the process held before this file
        self._next_look = _LOOK_EVERY

    def start_sheet(self, name: str) -> None:
        """Count the cells of a new sheet from zero."""
        self.sheet = name
        self.sheet_cells = 0

    def declare(self, part: str, size: int) -> None:
        """A part about to be unpacked: refused at once when its stated size passes what is left."""
        if self.unpacked_bytes + size > MAX_UNPACKED_BYTES:
            raise too_big(self.file, f"ส่วน {part} ขยายแล้วมีขนาด {size / MIB:,.0f} MB "
                                     f"(ทั้งไฟล์เกินขีดจำกัด {_mb(MAX_UNPACKED_BYTES)} เมื่อขยาย)")

    def unpacked(self, n: int) -> None:
        """``n`` more bytes unpacked."""
        self.unpacked_bytes += n
        if self.unpacked_bytes > MAX_UNPACKED_BYTES:
            raise too_big(self.file, f"ข้อมูลเมื่อขยายเกินขีดจำกัด {_mb(MAX_UNPACKED_BYTES)}")

    def cells(self, n: int = 1) -> None:
        """``n`` more cells kept on the current sheet."""
        self.sheet_cells += n
        self.book_cells += n
        if self.sheet_cells > MAX_SHEET_CELLS:
            raise too_big(self.file, f"มีเซลล์ที่มีข้อมูลเกิน {MAX_SHEET_CELLS:,} เซลล์ในแผ่นงานเดียว (ขีดจำกัดต่อแผ่นงาน)",
                          self.sheet)
        if self.book_cells > MAX_BOOK_CELLS:
            raise too_big(self.file, f"มีเซลล์ที่มีข้อมูลรวมทุกแผ่นงานเกิน {MAX_BOOK_CELLS:,} เซลล์ (ขีดจำกัดต่อไฟล์)")
        self._costs(n * CELL_BYTES)

    def cell_text(self, length: int) -> None:
        """One cell's text is ``length`` characters long (checked while it is still being read)."""
        if length > MAX_CELL_CHARS:
            raise too_big(self.file, f"มีเซลล์ที่ข้อความยาวเกิน {MAX_CELL_CHARS:,} ตัวอักษร (ขีดจำกัดของ Excel)",
                          self.sheet)

    def text(self, length: int, width: int = 2) -> None:
        """``length`` more characters of text kept (``width`` bytes each, as Python stores them)."""
        self.cell_text(length)
        self.text_chars += length
        if self.text_chars > MAX_TEXT_CHARS:
            raise too_big(self.file, f"ข้อความรวมทั้งไฟล์เกิน {MAX_TEXT_CHARS:,} ตัวอักษร")
        self._costs(length * width + STRING_BYTES)

    def string(self, text: str) -> None:
        """One more text object kept."""
        width = 1 if text.isascii() else 4 if max(text) > "\uffff" else 2
        self.text(len(text), width)

    def rows(self, n: int = 1) -> None:
        """``n`` more rows holding values."""
        self._costs(n * ROW_BYTES)

    def number(self, n: int = 1) -> None:
        """``n`` more number or date objects kept."""
        self._costs(n * NUMBER_BYTES)

    def projects(self, n: int = 1) -> None:
        """``n`` more projects read from the file."""
        self._costs(n * PROJECT_BYTES)

    def _costs(self, n: int) -> None:
        self.memory += n
        if self.memory >= self._next_look:  # now and then, what the process really holds
            self._next_look = self.memory + _LOOK_EVERY
            if self._rss and resident_bytes() - self._rss > MAX_GROWTH_BYTES:
                raise too_big(self.file, f"การอ่านไฟล์นี้ใช้หน่วยความจำเพิ่มขึ้นเกิน {_mb(MAX_GROWTH_BYTES)}", self.sheet)
        if self.memory > MAX_MEMORY_BYTES:
            raise too_big(self.file, f"ข้อมูลที่อ่านได้จะใช้หน่วยความจำเกิน {_mb(MAX_MEMORY_BYTES)} "
                                     "(แถว เซลล์ ข้อความ และรายการโครงการรวมกัน)", self.sheet)
