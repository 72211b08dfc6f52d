"""The department sample workbooks the tests read, kept with the tests in ``tests/data/samples``.

Every accessor fails loudly when a file is missing: a test whose data is gone must fail, never skip or pass
on less data. ``tests/data/samples/README.md`` says what each workbook shows and what its
``<name>.expected.json`` means.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")


def sample(name: str) -> Path:
    """The path of one sample file, which must exist."""
    path = SAMPLES / name
    if not path.is_file():
        raise FileNotFoundError(f"test data missing: {path}")
    return path


def sample_workbooks() -> list[Path]:
    """Every sample workbook (broken ones included), sorted by name; at least one must exist."""
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES)
    if not files:
        raise FileNotFoundError(f"test data missing: no sample workbooks in {SAMPLES}")
    return files


def expected(workbook: Path | str) -> dict[str, Any]:
    """What ``thaplan import-preview --json`` must print for a sample workbook (its ``.expected.json``)."""
    stem = Path(workbook).stem
    return json.loads(sample(f"{stem}.expected.json").read_text(encoding="utf-8"))
