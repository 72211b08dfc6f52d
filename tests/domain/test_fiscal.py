import datetime as dt

import pytest

from thaplan_desktop.domain import fiscal


def test_fiscal_months_map_to_calendar_months_and_back():
    assert [fiscal.calendar_month(m) for m in range(1, 13)] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert all(fiscal.fiscal_month(fiscal.calendar_month(m)) == m for m in range(1, 13))


def test_month_years_of_fiscal_2563():
    assert fiscal.month_be_year(2563, 1) == 2562  # ต.ค. 2562
    assert fiscal.month_be_year(2563, 3) == 2562  # ธ.ค. 2562
    assert fiscal.month_be_year(2563, 4) == 2563  # ม.ค. 2563
    assert fiscal.year_headers(2563)[0][0] == "พ.ศ. 2562"
    assert list(fiscal.year_headers(2563)[1][1]) == list(range(4, 13))


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2019, 9, 30), 2562),
        (dt.date(2019, 10, 1), 2563),
        (dt.date(2020, 2, 29), 2563),  # the leap day of fiscal 2563
        (dt.date(2020, 9, 30), 2563),
        (dt.date(2020, 10, 1), 2564),
        (dt.date(2019, 12, 31), 2563),
    ],
)
def test_fiscal_year_of_dates_at_the_edges(day, year):
    assert fiscal.fiscal_year_of(day) == year


def test_fiscal_year_bounds():
    assert fiscal.fiscal_year_bounds(2563) == (dt.date(2019, 10, 1), dt.date(2020, 9, 30))


def test_quarters():
    assert fiscal.quarter_months(1) == {1, 2, 3}
    assert fiscal.quarter_months(4) == {10, 11, 12}
    assert fiscal.quarter_of(7) == 3
    with pytest.raises(fiscal.DateError):
        fiscal.quarter_months(5)


def test_month_runs_split_where_months_are_not_contiguous():
    assert fiscal.month_runs([7, 1, 2, 3, 12]) == [(1, 3), (7, 7), (12, 12)]
    assert fiscal.month_runs([]) == []


def test_month_mask_round_trip():
    for months in ({1}, {12}, {1, 12}, set(range(1, 13)), set()):
        assert fiscal.mask_to_months(fiscal.months_to_mask(months)) == months
    with pytest.raises(fiscal.DateError):
        fiscal.months_to_mask([13])


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("ต.ค. 62 - ก.ย. 63", set(range(1, 13))),
        ("ธันวาคม 2562 – มีนาคม 2563", {3, 4, 5, 6}),
        ("ม.ค.-มี.ค. 63", {4, 5, 6}),
        ("ตลอดปีงบประมาณ", set(range(1, 13))),
        ("ไตรมาสที่ 2", {4, 5, 6}),
        ("ไตรมาส ๓", {7, 8, 9}),
        ("ธ.ค. ๖๒ และ เม.ย. ๖๓", {3, 7}),
        ("ต.ค. 62 - มี.ค. 63 และ ก.ค. - ส.ค. 63", {1, 2, 3, 4, 5, 6, 10, 11}),
        ("พฤศจิกายน 2562", {2}),
        ("ตค - ธค", {1, 2, 3}),
        ("ส.ค.-พ.ย.", {11, 12, 1, 2}),  # written across the year end: wraps
        ("", set()),
        ("ตามความเหมาะสม", set()),
    ],
)
def test_parse_month_expressions(text, months):
    assert fiscal.parse_months(text) == months


def test_month_words_inside_thai_words_are_not_months():
    assert fiscal.parse_months("กิจกรรมมกราคมสัมพันธ์") == set()
    assert fiscal.month_number_of("กพ") == 5
    assert fiscal.month_number_of("กพร") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("27 กันยายน 2567", dt.date(2024, 9, 27)),
        ("27 ก.ย. 67", dt.date(2024, 9, 27)),
        ("๒๗/๙/๒๕๖๗", dt.date(2024, 9, 27)),
        ("29 กุมภาพันธ์ 2563", dt.date(2020, 2, 29)),
        ("1 ต.ค. พ.ศ. 2562", dt.date(2019, 10, 1)),
        ("2019-10-01", dt.date(2019, 10, 1)),
    ],
)
def test_parse_thai_dates(text, day):
    assert fiscal.parse_thai_date(text) == day


@pytest.mark.parametrize("text", ["29 กุมภาพันธ์ 2562", "31 เมษายน 2563", "เมื่อวาน", "13/13/2563"])
def test_impossible_dates_are_refused_in_thai(text):
    with pytest.raises(fiscal.DateError, match="วันที่"):
        fiscal.parse_thai_date(text)


def test_format_thai_date():
    assert fiscal.format_thai_date(dt.date(2024, 9, 27)) == "27 กันยายน 2567"
    assert fiscal.format_thai_date(dt.date(2024, 9, 27), short=True) == "27 ก.ย. 2567"
    assert fiscal.format_thai_date(dt.date(2020, 2, 29), thai_digits=True) == "๒๙ กุมภาพันธ์ ๒๕๖๓"


def test_describe_months():
    assert fiscal.describe_months(range(1, 13)) == "ตลอดปีงบประมาณ"
    assert fiscal.describe_months({1, 2, 3, 7}) == "ต.ค.–ธ.ค., เม.ย."


def test_dates_typed_on_the_command_line_are_buddhist_era_iso_or_christian_below_2300():
    from thaplan_desktop.domain.fiscal import DateError, format_be_iso, parse_date_input

    assert parse_date_input("2563-03-31") == (dt.date(2020, 3, 31), False)
    assert parse_date_input("2020-03-31") == (dt.date(2020, 3, 31), True)
    assert parse_date_input("๒๕๖๓-๐๓-๓๑") == (dt.date(2020, 3, 31), False)
    assert parse_date_input("31 มี.ค. 2563") == (dt.date(2020, 3, 31), False)
    assert parse_date_input("31/3/2563") == (dt.date(2020, 3, 31), False)
    assert format_be_iso(dt.date(2020, 3, 31)) == "2563-03-31"
    for text, message in (("2350-01-01", "ไม่ใช่ทั้ง พ.ศ. และ ค.ศ."), ("2563-02-30", "ไม่มีวันที่นี้")):
        with pytest.raises(DateError, match=message):
            parse_date_input(text)
