"""Helpers for the typography tests: every piece of text the exporter lays out, and where its lines break.

``record_layout`` wraps ``Typesetter.lines`` during an export and keeps each call (the text, the width,
the lines); ``breaks`` gives the offsets in the printed text where each line after the first begins.
Word boundaries come from stock PyThaiNLP (``word_tokenize(text, engine="newmm")`` with its default
dictionary), never from the exporter's own segmenter, so the tests cannot agree with themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pytest

from thaplan_desktop.exporting.pdf.layout import Line, Span, TextStyle, Typesetter


@dataclass
class Laid:
    """One call of ``Typesetter.lines``: the printed text, its style and width, the lines it gave."""

    ts: Typesetter
    text: str
    style: TextStyle
    width: float
    lines: list[Line]

    def room(self, k: int) -> float:
        """The width line ``k`` had."""
        style = self.style
        indent = style.first_indent if k == 0 else style.hanging
        return self.width - style.left_indent - style.right_indent - indent


@contextmanager
def record_layout(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Laid]]:
    """Every text laid out while the block runs (each distinct call once)."""
    seen: list[Laid] = []
    keys: set[tuple[Any, ...]] = set()
    original = Typesetter.lines

    def lines(self: Typesetter, spans: Any, style: TextStyle, width: float) -> list[Line]:
        result = original(self, spans, style, width)
        text = spans if isinstance(spans, str) else "".join(s.text for s in spans)
        key = (id(self), text, style, round(width, 2))
        if key not in keys:
            keys.add(key)
            seen.append(Laid(self, self.prepare(text), style, width, result))
        return result

    monkeypatch.setattr(Typesetter, "lines", lines)
    yield seen


def line_text(line: Line) -> str:
    return "".join(run.text for run in line.runs)


def breaks(laid: Laid) -> list[tuple[int, int]]:
    """(offset in the text where the line begins, index of that line) for each line after the first that
    follows a soft break (a break at a "\\n" of the text is the writer's own)."""
    text = laid.text
    out = []
    pos = 0
    for k, line in enumerate(laid.lines):
        piece = line_text(line)
        if not piece:
            continue
        start = text.find(piece, pos)
        assert start >= 0, (text, piece)
        if k and "\n" not in text[pos:start]:
            out.append((start, k))
        pos = start + len(piece)
    return out


@cache
def stock_boundaries(text: str) -> frozenset[int]:
    """Offsets between the words of stock newmm's segmentation of the whole text."""
    from pythainlp.tokenize import word_tokenize

    out = {0}
    pos = 0
    for token in word_tokenize(text, engine="newmm"):
        pos += len(token)
        out.add(pos)
    return frozenset(out)


@cache
def stock_token_at(text: str, offset: int) -> tuple[str, int]:
    """The stock newmm word of ``text`` that ``offset`` falls inside, and where it starts."""
    from pythainlp.tokenize import word_tokenize

    pos = 0
    for token in word_tokenize(text, engine="newmm"):
        if pos < offset < pos + len(token):
            return token, pos
        pos += len(token)
    return "", offset


@lru_cache(maxsize=1)
def stock_words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def dictionary_split(word: str, at: int) -> bool:
    """Whether both sides of ``word`` cut at ``at`` are made of stock dictionary words."""
    words = stock_words()

    def made_of_words(piece: str) -> bool:
        ok = [False] * (len(piece) + 1)
        ok[0] = True
        for i in range(len(piece)):
            if ok[i]:
                for j in range(i + 1, len(piece) + 1):
                    if piece[i:j] in words:
                        ok[j] = True
        return ok[len(piece)]

    return made_of_words(word[:at]) and made_of_words(word[at:])


# Units a number is written with in the demo's texts: a number and its unit are one phrase.
MEASURES = ("ตารางเมตร", "กิโลเมตร", "เมตร", "ชิ้น", "คน", "เครื่อง", "ชุด", "บาท", "ครั้ง", "วัน", "ราย",
            "หลัง", "แห่ง", "จุด", "ตัว", "คัน", "ไร่", "ลิตร", "โครงการ", "รายการ", "ครัวเรือน", "นิ้ว", "ดวง")
MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
          "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
          "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
DIGIT = "[0-9๐-๙]"


def phrase_patterns(names: list[str]) -> re.Pattern[str]:
    """What a line should never break inside when it fits: the plan's names, villages, หมู่ที่ n, a number
    with its unit, a date or a month with its year."""
    month = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
    measure = "|".join(sorted(MEASURES, key=len, reverse=True))
    parts = [re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n]
    parts += [
        r"บ้าน[ก-ฮะ-์]{2,12}(?=[\s,]|$)",
        rf"หมู่ที่\s?{DIGIT}+",
        rf"(?<![0-9๐-๙,.]){DIGIT}[0-9๐-๙,.]*\s?(?:{measure})(?![ก-ฮ])",
        rf"(?:{DIGIT}{{1,2}}\s)?(?:{month})\s(?:พ\.ศ\.\s)?{DIGIT}{{2,4}}",
    ]
    return re.compile("|".join(parts))


CLOSING = set(")]}>,.:;!?%”’»ๆฯ") | set("-–—")


def ts_span(text: str) -> tuple[Span, ...]:
    return (Span(text),)
