"""Workbooks from outside with XML tricks in them: refused with a Thai message, nothing expanded or fetched.

A "billion laughs" document type declares entities that expand to gigabytes; an external entity pulls in
a file from the officer's disk. defusedxml refuses both at the declaration, before any expansion, for the
parts openpyxl parses and for those ThaPlan parses itself (drawings, relationships, ODS content).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from import_builders import STANDARD_LABELS, write_ods

from thaplan_desktop.importing import ImportFailure, read_file
from thaplan_desktop.importing.errors import FailureKind

SECRET = "รหัสลับของเครื่อง-7f3a"
REFUSED = "ขยายตัวเองหรืออ้างถึงไฟล์อื่น"  # the Thai reason of an unsafe file


def billion_laughs(root: str) -> str:
    """A document type whose ``&lol9;`` expands to 10⁹ × "lol" (3 GB)."""
    levels = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE {root} [{''.join(levels)}]>"


def external_entity(root: str, target: Path) -> str:
    """A document type whose ``&xxe;`` is the content of a file on this machine."""
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'


def with_doctype(xml: bytes, doctype: str, reference: str, replace: str | None) -> bytes:
    """The part with ``doctype`` after its XML declaration and ``reference`` in place of the text ``replace``."""
    text = xml.decode("utf-8")
    declaration = re.match(r"<\?xml[^>]*\?>", text)
    cut = declaration.end() if declaration else 0
    text = text[:cut] + doctype + text[cut:]
    if replace is not None:
        assert replace in text
        text = text.replace(replace, reference, 1)
    return text.encode("utf-8")


def xlsx_with(path: Path, part: str, doctype: str, reference: str, replace: str | None) -> Path:
    """A good department workbook whose ``part`` carries the document type."""
    good = path.with_name("good-" + path.name)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผด.02"
    ws.append(STANDARD_LABELS)
    ws.append([1, "โครงการซ่อมถนน", "ลาดยาง", 50000, "หมู่ 1", "กองช่าง"])
    wb.save(good)
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        assert part in zin.namelist()
        for name in zin.namelist():
            data = zin.read(name)
            if name == part:
                data = with_doctype(data, doctype, reference, replace)
            zout.writestr(name, data)
    return path


def ods_with(path: Path, doctype: str, reference: str) -> Path:
    """A good OpenDocument spreadsheet whose ``content.xml`` carries the document type."""
    good = path.with_name("good-" + path.name)
    write_ods(good, "ผด.02", [STANDARD_LABELS, [1, "โครงการซ่อมถนน", "ลาดยาง", 50000, "หมู่ 1", "กองช่าง"]])
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "content.xml":
                data = with_doctype(data, doctype, reference, "ลาดยาง")
            zout.writestr(info, data)
    return path


def refusal(path: Path) -> ImportFailure:
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    failure = info.value
    assert failure.kind is FailureKind.UNSAFE
    assert path.name in failure.message
    assert REFUSED in failure.message
    assert SECRET not in failure.message
    assert "lollol" not in failure.message
    return failure


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


# (part, root element, text replaced by the entity reference; None = declared only)
XLSX_PARTS = [
    ("xl/worksheets/sheet1.xml", "worksheet", "โครงการซ่อมถนน"),
    ("xl/styles.xml", "styleSheet", None),
    ("xl/workbook.xml", "workbook", None),
    ("xl/_rels/workbook.xml.rels", "Relationships", None),
]


@pytest.mark.parametrize(("part", "root", "replace"), XLSX_PARTS)
def test_billion_laughs_in_an_xlsx_is_refused(tmp_path: Path, part: str, root: str, replace: str | None) -> None:
    refusal(xlsx_with(tmp_path / "bomb.xlsx", part, billion_laughs(root), "&lol9;", replace))


@pytest.mark.parametrize(("part", "root", "replace"), XLSX_PARTS)
def test_external_entity_in_an_xlsx_is_refused(tmp_path: Path, part: str, root: str, replace: str | None) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    refusal(xlsx_with(tmp_path / "xxe.xlsx", part, external_entity(root, secret), "&xxe;", replace))


def test_billion_laughs_in_a_drawing_is_refused(tmp_path: Path) -> None:
    """The drawing layer is parsed by ThaPlan itself, not by openpyxl."""
    from import_builders import add_drawing, arrow

    path = xlsx_with(tmp_path / "plain.xlsx", "xl/workbook.xml", "", "", None)
    add_drawing(path, [arrow(1, 6, 0, 8, 0)])
    bomb = tmp_path / "drawing-bomb.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(bomb, "w") as zout:
        drawings = [n for n in zin.namelist() if n.startswith("xl/drawings/") and n.endswith(".xml")]
        assert drawings
        for name in zin.namelist():
            data = zin.read(name)
            if name in drawings:
                data = with_doctype(data, billion_laughs("xdr:wsDr"), "", None)
            zout.writestr(name, data)
    refusal(bomb)


def test_billion_laughs_in_an_ods_is_refused(tmp_path: Path) -> None:
    refusal(ods_with(tmp_path / "bomb.ods", billion_laughs("office:document-content"), "&lol9;"))


def test_external_entity_in_an_ods_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    refusal(ods_with(tmp_path / "xxe.ods", external_entity("office:document-content", secret), "&xxe;"))


def test_the_same_workbooks_without_the_tricks_read(tmp_path: Path) -> None:
    """The builders above make good files: what is refused is the document type, nothing else."""
    xlsx = xlsx_with(tmp_path / "plain.xlsx", "xl/worksheets/sheet1.xml", "", "โครงการซ่อมถนน", "โครงการซ่อมถนน")
    ods = ods_with(tmp_path / "plain.ods", "", "ลาดยาง")
    assert [p.name for p in read_file(xlsx).projects] == ["โครงการซ่อมถนน"]
    assert [p.name for p in read_file(ods).projects] == ["โครงการซ่อมถนน"]


def test_a_workbook_is_not_read_when_openpyxl_would_parse_unguarded(tmp_path: Path, monkeypatch) -> None:
    """OPENPYXL_DEFUSEDXML=False in the environment turns openpyxl's guard off: ThaPlan then refuses."""
    path = xlsx_with(tmp_path / "plain.xlsx", "xl/workbook.xml", "", "", None)
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(ImportFailure) as info:
        read_file(path)
    assert info.value.kind is FailureKind.UNSAFE
    assert "defusedxml" in info.value.message
