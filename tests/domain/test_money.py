from decimal import Decimal

import pytest

from thaplan_desktop.domain.money import MoneyError, MoneyRefused, format_money, parse_money


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        ("250000", "250000.00"),
        ("250,000", "250000.00"),
        ("250,000.-", "250000.00"),
        ("250,000.--", "250000.00"),
        ("250,000 บาท", "250000.00"),
        ("250,000.00 บาท", "250000.00"),
        ("๒๕๐,๐๐๐", "250000.00"),
        ("๒๓๘,๖๑๓.๓๘", "238613.38"),
        ("238,613.38", "238613.38"),
        (" 80,000  บาท ", "80000.00"),
        ("1 234 567", "1234567.00"),
        ("-", "0.00"),
        (".-", "0.00"),
        ("–", "0.00"),
        (250000, "250000.00"),
        (238613.38, "238613.38"),
        (Decimal("0.1"), "0.10"),
        (0.005, "0.01"),  # a number held as a number (a formula's result) is rounded to satang
        (1000.0049999, "1000.00"),
        ("1000.500", "1000.50"),  # typed with a zero too many: still satang
        ("1,000,000,000,000", "1000000000000.00"),  # the largest budget
    ],
)
def test_every_input_form_reads(raw, amount):
    assert parse_money(raw) == Decimal(amount)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_empty_cells_have_no_amount(raw):
    assert parse_money(raw) is None


@pytest.mark.parametrize("raw", ["สองแสน", "12,34", "1.2.3", "-500", "abc"])
def test_bad_amounts_are_refused_with_a_thai_message(raw):
    with pytest.raises(MoneyError) as info:
        parse_money(raw)
    assert any("\u0e00" <= c <= "\u0e7f" for c in str(info.value))


def test_float_input_is_read_exactly_not_as_binary_fraction():
    assert parse_money(0.1 + 0.2) == Decimal("0.30")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("250000", "250,000"),
        ("238613.38", "238,613.38"),
        ("1000000.50", "1,000,000.50"),
        ("0", "0"),
        ("999.999", "1,000"),
    ],
)
def test_format_prints_satang_only_when_present(amount, text):
    assert format_money(Decimal(amount)) == text


def test_format_options():
    assert format_money(Decimal("250000"), always_satang=True) == "250,000.00"
    assert format_money(Decimal("238613.38"), thai_digits=True) == "๒๓๘,๖๑๓.๓๘"


@pytest.mark.parametrize(("raw", "says"), [
    ("1,000.005", "ทศนิยมเกินสองตำแหน่ง"),  # typed as text: what was typed is kept, never rounded away
    ("0.005", "ทศนิยมเกินสองตำแหน่ง"),
    (1e17, "เกินขีดจำกัด 1,000,000,000,000 บาท"),  # would overflow the 64-bit satang column
    ("1,000,000,000,000.01", "เกินขีดจำกัด"),
    (10**13, "เกินขีดจำกัด"),
    (1e30, "เกินขีดจำกัด"),
    (float("inf"), "ไม่ใช่จำนวนที่ใช้ได้"),
    (float("nan"), "ไม่ใช่จำนวนที่ใช้ได้"),
])
def test_amounts_no_budget_can_hold_are_refused(raw, says):
    with pytest.raises(MoneyRefused) as info:
        parse_money(raw)
    assert says in str(info.value)

