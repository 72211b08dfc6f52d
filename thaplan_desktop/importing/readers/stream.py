"""Reading a workbook's zip package within the file's :class:`~..limits.Budget`: parts streamed, never read whole.

A part that may be large (a sheet, the shared strings, an .ods ``content.xml``) is decompressed a chunk at a
time into an expat parser whose callbacks keep only what the reader needs; what has been unpacked is
counted as it goes, so a part stating 2 GiB is refused before a byte of it is read and one that lies about
its size is stopped at the cap (``zipfile`` never yields more than a member states). Small parts
(relationships, the workbook, styles, drawings) are read whole, up to :data:`~..limits.MAX_PART_BYTES`.

Like :func:`~.common.parse_xml`, the parser refuses entity declarations and references to other files
(the defusedxml exceptions, which the readers turn into the Thai "unsafe" failure), and it refuses a single
XML token (a tag, an attribute, a comment) over :data:`MAX_TOKEN_BYTES`, which expat would otherwise buffer
whole. The number of parts in a package is checked from its end record before ``zipfile`` lists them.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden

from thaplan_desktop.importing.limits import (
    MAX_PART_BYTES,
    MAX_ZIP_ENTRIES,
    MIB,
    Budget,
    Progress,
    part_too_big,
    too_big,
)
from thaplan_desktop.importing.readers.common import parse_xml

CHUNK = 1 << 16
MAX_TOKEN_BYTES = 16 * MIB

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"


def zip_entries(path: Path) -> int | None:
    """How many parts a zip file says it holds (its end-of-central-directory record); None when unreadable."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - (1 << 16) - 22))
            tail = fh.read()
    except OSError:
        return None
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack_from("<H", tail, at + 10)[0]
    if count != 0xFFFF:
        return int(count)
    locator = tail.rfind(_ZIP64_LOCATOR, 0, at)
    if locator < 0 or locator + 20 > len(tail):
        return None
    offset = struct.unpack_from("<Q", tail, locator + 8)[0]
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            record = fh.read(56)
    except (OSError, ValueError, OverflowError):
        return None
    return int(struct.unpack_from("<Q", record, 32)[0]) if len(record) == 56 else None


def open_zip(path: Path, budget: Budget) -> zipfile.ZipFile:
    """The package, refused (TOO_BIG) when it lists more parts than any workbook has."""
    count = zip_entries(path)
    if count is not None and count > MAX_ZIP_ENTRIES:
        raise too_big(budget.file, f"มีส่วนประกอบภายใน {count:,} ส่วน เกินขีดจำกัด {MAX_ZIP_ENTRIES:,} ส่วน")
    return zipfile.ZipFile(path)


def member(zf: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """The part called ``name``, or None."""
    try:
        return zf.getinfo(name)
    except KeyError:
        return None


def read_part(zf: zipfile.ZipFile, name: str, budget: Budget, limit: int = MAX_PART_BYTES) -> bytes | None:
    """A small part read whole (None when absent); refused over ``limit`` bytes unpacked."""
    info = member(zf, name)
    if info is None:
        return None
    if info.file_size > limit:
        raise part_too_big(budget.file, name, info.file_size, limit)
    budget.declare(name, info.file_size)
    data = zf.read(info)
    budget.unpacked(len(data))
    return data


def parse_part(zf: zipfile.ZipFile, name: str, budget: Budget) -> Element | None:
    """A small XML part parsed whole (defused), or None when absent."""
    data = read_part(zf, name, budget)
    return None if data is None else parse_xml(data)


def _no_entities(*args: Any) -> None:
    raise EntitiesForbidden(*(list(args) + [None] * 6)[:6])


def _no_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def make_parser(*, ordered_attributes: bool = False) -> Any:
    """An expat parser with namespaces (names come as ``uri}local``) that refuses entities and outside files."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.ordered_attributes = ordered_attributes
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _no_entities
    parser.UnparsedEntityDeclHandler = _no_entities
    parser.ExternalEntityRefHandler = _no_external
    return parser


def stream_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, parser: Any, budget: Budget, *,
                progress: Callable[[int], None] | None = None) -> None:
    """Feed a part to ``parser`` a chunk at a time; ``progress(bytes_unpacked)`` after each chunk.

    Raises the budget's failure when the part (or the file) passes a cap, ``ExpatError`` on malformed XML,
    and whatever the parser's callbacks raise.
    """
    budget.declare(info.filename, info.file_size)
    fed = 0
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            budget.unpacked(len(chunk))
            fed += len(chunk)
            parser.Parse(chunk, False)
            if fed - max(parser.CurrentByteIndex, 0) > MAX_TOKEN_BYTES:
                raise too_big(budget.file, f"ส่วน {info.filename} มีแท็ก XML เดียวยาวเกิน {MAX_TOKEN_BYTES // MIB} MB")
            if progress is not None:
                progress(fed)
    parser.Parse(b"", True)


def part_progress(progress: Progress | None, message: str, start: float, span: float,
                  total: int) -> Callable[[int], None] | None:
    """A ``stream_part`` progress callback mapping bytes of one part onto ``start``..``start + span``."""
    if progress is None or total <= 0:
        return None
    reported = [-1.0]

    def report(done: int) -> None:
        fraction = start + span * min(done / total, 1.0)
        if fraction - reported[0] >= 0.01:
            reported[0] = fraction
            progress(fraction, message)

    return report
