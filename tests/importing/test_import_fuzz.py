"""Damaged copies of the samples: every one is either read or refused with ImportFailure, and nothing
is printed (the preview's JSON must stay clean)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sample_files import sample_workbooks

from thaplan_desktop.importing import ImportFailure, read_file


def test_damaged_files_never_raise_anything_else(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sample_workbooks()
    rng = random.Random(2563)
    for i in range(120):
        source = files[i % len(files)]
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
