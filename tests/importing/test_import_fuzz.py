"""Damaged copies of the samples: every one is either read or refused with ImportFailure, and nothing
is printed (the preview's JSON must stay clean)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from thaplan_desktop.importing import ImportFailure, read_file

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples"
FILES = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".xlsx", ".xls", ".ods")) if SAMPLES.is_dir() else []


@pytest.mark.skipif(not FILES, reason="samples not present")
def test_damaged_files_never_raise_anything_else(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(2563)
    for i in range(120):
        source = FILES[i % len(FILES)]
        data = bytearray(source.read_bytes())
        mode = i % 3
        if mode == 0:
            data = data[: rng.randrange(len(data))]
        elif mode == 1:
            for _ in range(rng.randrange(1, 30)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            j = rng.randrange(len(data))
            data[j:j + 400] = bytes(len(data[j:j + 400]))
        path = tmp_path / f"damaged{source.suffix}"
        path.write_bytes(bytes(data))
        messages: list[str] = []
        try:
            read_file(path)
        except ImportFailure as failure:
            messages.append(failure.message)
        assert all(path.name in m for m in messages)
    captured = capsys.readouterr()
    assert captured.out == ""
