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


def normalise_space(text: str) -> str:
    """Runs of spaces and line breaks become one space; the ends are trimmed; zero-width marks dropped."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE).replace("\u00a0", " ")).strip()


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
