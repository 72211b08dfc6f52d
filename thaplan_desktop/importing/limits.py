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
- :data:`MAX_ZIP_ENTRIES`: parts in one zip package.
"""

from __future__ import annotations

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

Progress = Callable[[float, str], None]
"""``progress(fraction, message)``: how far a long read has come (0 to 1) and what it is doing, in Thai."""

_ADVICE = "อาจเป็นไฟล์ที่ถูกสร้างให้ขยายตัวผิดปกติ กรุณาเปิดไฟล์ใน Excel แล้วบันทึกใหม่ หรือขอไฟล์ใหม่จากหน่วยงาน"


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

    def cell_text(self, length: int) -> None:
        """One cell's text is ``length`` characters long (checked while it is still being read)."""
        if length > MAX_CELL_CHARS:
            raise too_big(self.file, f"มีเซลล์ที่ข้อความยาวเกิน {MAX_CELL_CHARS:,} ตัวอักษร (ขีดจำกัดของ Excel)",
                          self.sheet)

    def text(self, length: int) -> None:
        """``length`` more characters of text kept."""
        self.cell_text(length)
        self.text_chars += length
        if self.text_chars > MAX_TEXT_CHARS:
            raise too_big(self.file, f"ข้อความรวมทั้งไฟล์เกิน {MAX_TEXT_CHARS:,} ตัวอักษร")
