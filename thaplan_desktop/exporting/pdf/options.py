"""What an export of the official PDF takes and gives: :class:`ExportOptions` in, :class:`ExportResult` out.

Shared by the app's dialog, ``thaplan export-pdf`` and the modules that build the document; a cancelled
export raises :class:`ExportCancelled`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class ExportCancelled(Exception):
    """The user cancelled the export; no file was written."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the officer chooses when exporting (the app's dialog and ``thaplan export-pdf``)."""

    thai_digits: bool = False
    font: str = "auto"  # "auto", "laksaman", "th-sarabun" or a path to a TTF
    subtotals: bool = True  # a รวม row under each program block of ผด.02 and ผด.02/1
    month_marks: str = "arrows"  # "arrows" (a line with arrowheads over each run) or "shade" (filled cells)
    announcement: bool = True  # print ประกาศ when the edition has its announcement date
    announcement_first: bool = False  # ประกาศ right after the cover instead of at the back
    summary_includes_equipment: bool = False  # count ผด.02/1 items in ผด.01
    preface_text: str | None = None  # overrides the edition's and the default
    intro_text: str | None = None
    body_size: float = 16.0
    table_size: float = 13.5  # the forms' text: 13.5 pt keeps the demo's ผด.02 within 34 pages
    compress: bool = True

    def __post_init__(self) -> None:
        if self.month_marks not in ("arrows", "shade"):
            raise ValueError(f"month_marks ต้องเป็น arrows หรือ shade: {self.month_marks}")


@dataclass(slots=True)
class ExportResult:
    """What was written: the file, its pages, where each part starts, and a few counts."""

    path: Path
    pages: int
    sections: list[tuple[str, str, int, str]] = field(default_factory=list)  # key, title, page, label
    projects: int = 0
    arrows: int = 0
    missing_characters: str = ""
    seconds: float = 0.0
    font_family: str = ""


ProgressCallback = Callable[[float, str], None]
