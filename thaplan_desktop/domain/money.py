"""Money in baht: parsing what people type and formatting as official documents print it.

Budgets are ``Decimal`` with two places (satang), never float. Input forms met in real files:
``250000``, ``250,000``, ``250,000.-``, ``250,000 บาท``, ``๒๕๐,๐๐๐``, ``238,613.38``, ``-`` (nothing).
Printed: ``250,000`` and ``238,613.38`` (satang only when present), Thai digits on request.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from thaplan_desktop.domain.thai import normalise_space, to_arabic_digits, to_thai_digits

SATANG = Decimal("0.01")
# Words and signs that may surround an amount and mean nothing for its value.
_NOISE = re.compile(r"(บาท|ถ้วน|ล้าน|฿|thb|baht)", re.IGNORECASE)
_DASHES = "-–—−"
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$")


class MoneyError(ValueError):
    """An amount that cannot be read; the message is Thai and fit to show to the user."""


def parse_money(value: object) -> Decimal | None:
    """Read an amount of baht; ``None`` for an empty cell, ``Decimal('0.00')`` for a dash.

    Accepts numbers (int, float, Decimal) and text in any of the forms in the module docstring.
    Raises ``MoneyError`` with a Thai message on anything else, or on a negative amount.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise MoneyError("จำนวนเงินไม่ถูกต้อง")
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        parsed = _parse_text(str(value))
        if parsed is None:
            return None
        amount = parsed
    if amount < 0:
        raise MoneyError(f"จำนวนเงินต้องไม่ติดลบ: {value}")
    return amount.quantize(SATANG, rounding=ROUND_HALF_UP)


def _parse_text(raw: str) -> Decimal | None:
    text = normalise_space(to_arabic_digits(raw))
    if not text:
        return None
    text = _NOISE.sub("", text).strip()
    # "250,000.-" and "250,000.--": the trailing ".-" says "no satang".
    text = re.sub(r"\.?[-–—]+$", "", text) if re.search(r"\d", text) else text
    if text.strip(_DASHES + " .") == "":
        return Decimal(0)
    text = text.replace(" ", "")
    if not _NUMBER.match(text):
        raise MoneyError(f"อ่านจำนวนเงินไม่ได้: “{normalise_space(raw)}”")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already guards this
        raise MoneyError(f"อ่านจำนวนเงินไม่ได้: “{normalise_space(raw)}”") from exc


def format_money(amount: Decimal, *, thai_digits: bool = False, always_satang: bool = False) -> str:
    """``250,000`` or ``238,613.38``; ``always_satang`` gives ``250,000.00`` (as the entry grid shows)."""
    amount = amount.quantize(SATANG, rounding=ROUND_HALF_UP)
    if always_satang or amount != amount.to_integral_value():
        text = f"{amount:,.2f}"
    else:
        text = f"{amount:,.0f}"
    return to_thai_digits(text) if thai_digits else text


def format_percent(value: Decimal, *, thai_digits: bool = False) -> str:
    """A percentage with two decimals, as ผด.01 prints it (``12.50``)."""
    text = f"{value.quantize(SATANG, rounding=ROUND_HALF_UP):.2f}"
    return to_thai_digits(text) if thai_digits else text
