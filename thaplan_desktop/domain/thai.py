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
