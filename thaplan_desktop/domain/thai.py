"""Small Thai text helpers: Thai ↔ Arabic digits, whitespace normalisation, name keys for matching."""

from __future__ import annotations

import re

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_SPACES = re.compile(r"\s+")
# Zero-width characters that Word and web pages leave in Thai text.
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\ufeff\u00ad")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits ๐–๙ by 0–9."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    """Replace 0–9 by Thai digits ๐–๙ (for documents printed with Thai numerals)."""
    return text.translate(_TO_THAI)


_NOT_NORMAL = re.compile(r"^\s|\s$|\s\s|[^\S ]|[\u200b\u200c\u200d\ufeff\u00ad\x00-\x1f\x7f-\x9f]")
_UNSEEN = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")  # control characters that are no space


def normalise_space(text: str) -> str:
    """Runs of spaces and line breaks become one space; the ends are trimmed; zero-width marks and control
    characters (NUL, BEL, ESC …) dropped.

    A text already in that form is returned as it is (the same object: a large import keeps one copy of a
    text its cells share)."""
    if _NOT_NORMAL.search(text) is None:
        return text
    return _SPACES.sub(" ", _UNSEEN.sub("", text.translate(_INVISIBLE)).replace("\u00a0", " ")).strip()


def name_key(text: str) -> str:
    """A key for matching names typed in different ways: no spaces, Arabic digits, lower-case Latin."""
    return _SPACES.sub("", to_arabic_digits(text.translate(_INVISIBLE))).lower()


_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")


def to_thai_digits_in_text(text: str) -> str:
    """Thai digits in numbers and Thai text, never inside Latin words: "DDR4 ขนาด 8 GB" → "DDR4 ขนาด ๘ GB".

    A Latin word is a run of Latin letters and digits (with ``. _ / + -`` inside) that has at least one
    letter: model names and codes (``LTAX3000``, ``i5-10400``, ``A4``) keep their digits.
    """
    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if any("A" <= c <= "Z" or "a" <= c <= "z" for c in word) else word.translate(_TO_THAI)

    return _LATIN_WORD.sub(convert, text)


# C0 controls but tab and line feed (and carriage return, which line breaks bring), DEL and the C1 controls:
# never part of a name, and ESC or CSI in a terminal runs commands (colours, moving the cursor, titles).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROLS_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def has_controls(text: str, *, multiline: bool = True) -> bool:
    """True when ``text`` holds a control character (tab and line breaks allowed when ``multiline``)."""
    return (_CONTROLS if multiline else _CONTROLS_AND_BREAKS).search(text) is not None


def strip_controls(text: str, *, multiline: bool = True) -> str:
    """``text`` without control characters (NUL, BEL, ESC, DEL …); tab, line feed and carriage return are
    kept when ``multiline``, else each becomes a space. The same object when there is nothing to remove."""
    if not has_controls(text, multiline=multiline):
        return text
    if not multiline:
        text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROLS.sub("", text)


_SHOWN_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str, *, returns: bool = False) -> str:
    """``text`` fit to print on a terminal: each control character but tab and line feed (and carriage
    return, with ``returns``) shown as its symbol (ESC as ␛), so that nothing in a name or a file name can
    drive the terminal."""
    pattern = _SHOWN_CONTROLS if returns else _CONTROLS
    if pattern.search(text) is None:
        return text
    return pattern.sub(_symbol, text)
