"""Broken input: a clear Thai message naming the file (and sheet), never a traceback, never partial data."""

from __future__ import annotations

import argparse
import io
import json
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from thaplan_desktop.cli.imports import run_import_preview
from thaplan_desktop.importing import ImportFailure, read_file
from thaplan_desktop.importing.errors import FailureKind


def failure_of(path: Path) -> ImportFailure:
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    failure = info.value
    assert path.name in failure.message
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in failure.message)
    return failure


def good_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ที่", "โครงการ", "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบหลัก"])
    for i in range(1, 30):
        ws.append([i, f"โครงการที่ {i} " + "ยาว" * 40, i * 1000, "กองช่าง"])
    wb.save(path)
    return path


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = good_workbook(tmp_path / "full.xlsx").read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert failure_of(cut).kind is FailureKind.CORRUPT


def test_xlsx_with_a_damaged_sheet_part(tmp_path: Path) -> None:
    good = good_workbook(tmp_path / "good.xlsx")
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[:200]
            zout.writestr(name, data)
    assert failure_of(bad).kind is FailureKind.CORRUPT


def test_text_note_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "note.xlsx"
    path.write_text("รายการโครงการจะส่งภายหลัง\n", encoding="utf-8")
    assert failure_of(path).kind is FailureKind.NOT_A_WORKBOOK


def test_word_document_renamed_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "memo.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    assert failure_of(path).kind is FailureKind.NOT_A_WORKBOOK


def test_empty_file_and_random_bytes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert failure_of(empty).kind is FailureKind.NOT_A_WORKBOOK
    noise = tmp_path / "noise.xls"
    noise.write_bytes(bytes(range(256)) * 10)
    assert failure_of(noise).kind is FailureKind.NOT_A_WORKBOOK


def test_truncated_ole_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert failure_of(path).kind is FailureKind.CORRUPT


def _fake_encrypted_office_file() -> bytes:
    """An OLE compound file whose directory names the streams of an encrypted Office package."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128: i * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, i * 128 + 64, len(encoded))
    return bytes(header) + bytes(directory)


def test_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(_fake_encrypted_office_file())
    failure = failure_of(path)
    assert failure.kind is FailureKind.PASSWORD
    assert "รหัสผ่าน" in failure.message


def test_sheet_protection_is_not_a_password_to_open(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ที่", "โครงการ", "งบประมาณ"])
    ws.append([1, "โครงการ", 100])
    ws.protection.sheet = True
    ws.protection.password = "1234"
    wb.save(tmp_path / "protected.xlsx")
    assert len(read_file(tmp_path / "protected.xlsx").projects) == 1


def test_empty_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.create_sheet("Sheet2")
    wb.save(tmp_path / "blank.xlsx")
    failure = failure_of(tmp_path / "blank.xlsx")
    assert failure.kind is FailureKind.EMPTY


def test_sheet_without_a_table_names_the_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "หนังสือนำส่ง"
    ws["A1"] = "เรียน ปลัดองค์การบริหารส่วนตำบล"
    ws["A3"] = "ขอส่งโครงการ 3 รายการ รวมเงิน"
    ws["E3"] = 450000
    wb.save(tmp_path / "cover.xlsx")
    failure = failure_of(tmp_path / "cover.xlsx")
    assert failure.kind is FailureKind.NO_HEADER
    assert "หนังสือนำส่ง" in failure.message


def test_missing_file(tmp_path: Path) -> None:
    assert failure_of(tmp_path / "ไม่มี.xlsx").kind is FailureKind.NOT_FOUND


def test_cli_prints_json_failure_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "note.xlsx"
    path.write_text("hello", encoding="utf-8")
    out = io.StringIO()
    code = run_import_preview(argparse.Namespace(file=str(path), json=True), out=out)
    assert code != 0
    got = json.loads(out.getvalue())
    assert got["ok"] is False
    assert got["projects"] == []
    assert "note.xlsx" in got["error"]


def test_cli_text_failure(tmp_path: Path) -> None:
    path = tmp_path / "note.xlsx"
    path.write_text("hello", encoding="utf-8")
    out = io.StringIO()
    assert run_import_preview(argparse.Namespace(file=str(path), json=False), out=out) != 0
    assert "note.xlsx" in out.getvalue()
    assert "Traceback" not in out.getvalue()
