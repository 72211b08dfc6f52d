"""The one exception the importer raises: a Thai message fit for the user, and a machine-readable kind."""

from __future__ import annotations

import enum


class FailureKind(enum.StrEnum):
    """Why a file could not be imported (also the ``error`` code some callers and tests look at)."""

    NOT_FOUND = "not_found"
    NOT_A_WORKBOOK = "not_a_workbook"
    CORRUPT = "corrupt"
    PASSWORD = "password"
    UNSAFE = "unsafe"  # XML with entity declarations or external references: refused, never expanded
    EMPTY = "empty"
    NO_HEADER = "no_header"
    BAD_JSON = "bad_json"
    BAD_VALUE = "bad_value"  # a cell that cannot be taken (a budget above the limit): row named
    NO_ACCESS = "no_access"  # the file is there but this user may not read it
    TOO_BIG = "too_big"  # over one of the caps of :mod:`.limits` (a file that unpacks to gigabytes)


class ImportFailure(Exception):
    """A file that cannot be imported. ``str()`` is the Thai message naming the file, sheet and row."""

    def __init__(self, kind: FailureKind, message: str, *, file: str = "", sheet: str = "",
                 row: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row

    def __str__(self) -> str:
        return self.message


def where(file: str, sheet: str = "", row: int | None = None) -> str:
    """Thai location prefix: ไฟล์ “x.xlsx” แผ่นงาน “ผด.02” แถวที่ 12."""
    parts = [f"ไฟล์ “{file}”"]
    if sheet:
        parts.append(f"แผ่นงาน “{sheet}”")
    if row is not None:
        parts.append(f"แถวที่ {row}")
    return " ".join(parts)
