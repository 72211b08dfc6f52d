"""Money in baht: parsing what people type and formatting as official documents print it.

Budgets are ``Decimal`` with two places (satang), never float. Input forms met in real files:
``250000``, ``250,000``, ``250,000.-``, ``250,000 บาท``, ``๒๕๐,๐๐๐``, ``238,613.38``, ``-`` (nothing).
Printed: ``250,000`` and ``238,613.38`` (satang only when present), Thai digits on request.

An amount is at most :data:`MAX_BUDGET` (a million million baht: more than any plan, and far inside what
a file stores). A number held as a number (a formula's result, ``1000.0049999``) is rounded to satang; an
amount typed as text keeps what was typed, so text with more than two decimals ("1,000.005") is refused
rather than silently rounded. Those refusals are :class:`MoneyRefused`.
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


MAX_BUDGET = Decimal(10) ** 12
_MAX_TEXT = f"{MAX_BUDGET:,.0f}"


class MoneyError(ValueError):
    """An amount that cannot be read; the message is Thai and fit to show to the user."""


class MoneyRefused(MoneyError):
    """An amount that reads as a number but cannot be a budget: too large, not finite, or typed with more
    than two decimals."""


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
        if amount.is_finite() and amount.as_tuple().exponent < -2 and amount != amount.quantize(SATANG):  # type: ignore[operator]
            raise MoneyRefused(f"จำนวนเงิน “{_quoted(str(value))}” มีทศนิยมเกินสองตำแหน่ง (สตางค์) "
                               "กรุณาแก้ให้เป็นบาทและสตางค์ เช่น 1,000.50")
    if not amount.is_finite():
        raise MoneyRefused(f"จำนวนเงิน “{value}” ไม่ใช่จำนวนที่ใช้ได้")
    if amount < 0:
        raise MoneyError(f"จำนวนเงินต้องไม่ติดลบ: {value}")
    if amount > MAX_BUDGET:
        raise MoneyRefused(f"จำนวนเงิน {_shown(amount)} บาท เกินขีดจำกัด {_MAX_TEXT} บาท")
    return amount.quantize(SATANG, rounding=ROUND_HALF_UP)


def check_budget(amount: Decimal) -> None:
    """Refuse (``MoneyRefused``, Thai) a budget that is not finite, negative, above :data:`MAX_BUDGET` or
    finer than a satang, whatever made it."""
    if not amount.is_finite():
        raise MoneyRefused("งบประมาณต้องเป็นจำนวนเงิน")
    if amount < 0:
        raise MoneyError("งบประมาณต้องไม่ติดลบ")
    if amount > MAX_BUDGET:
        raise MoneyRefused(f"งบประมาณ {_shown(amount)} บาท เกินขีดจำกัด {_MAX_TEXT} บาท")
    if amount != amount.quantize(SATANG, rounding=ROUND_HALF_UP):
        raise MoneyRefused(f"งบประมาณ {amount} มีทศนิยมเกินสองตำแหน่ง (สตางค์)")


def _quoted(text: str) -> str:
    """What was typed, for a message: one line, at most 60 characters."""
    text = normalise_space(text)
    return text if len(text) <= 60 else text[:59] + "…"


def _shown(amount: Decimal) -> str:
    """A large amount for a message: grouped digits while that is short, else scientific notation."""
    return f"{amount:,.2f}" if amount < Decimal(10) ** 24 else f"{amount:.3E}"


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
        raise MoneyError(f"อ่านจำนวนเงินไม่ได้: “{_quoted(raw)}”")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern above already guards this
        raise MoneyError(f"อ่านจำนวนเงินไม่ได้: “{_quoted(raw)}”") from exc


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
