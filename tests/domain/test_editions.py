import pytest

from thaplan_desktop.domain.model import Edition, EditionKind, EditionNotFound, select_edition

EDITIONS = [
    Edition(1, 2563),
    Edition(2, 2563, EditionKind.ADDITIONAL, 1),
    Edition(3, 2564),
    Edition(4, 2564, EditionKind.AMENDED, 2),
]


def test_latest_year_main_edition_by_default():
    assert select_edition(EDITIONS).id == 3


def test_additional_and_amended_editions_by_number():
    assert select_edition(EDITIONS, 2563, "1").id == 2
    assert select_edition(EDITIONS, 2564, "amended-2").id == 4


def test_titles_of_additional_and_amended_editions():
    assert EDITIONS[1].label == "เพิ่มเติม ฉบับที่ 1"
    assert EDITIONS[3].label == "แก้ไขครั้งที่ 2/2564"
    assert EDITIONS[0].label == "ฉบับหลัก"


@pytest.mark.parametrize(("year", "selector"), [(2563, "2"), (2565, "main"), (2563, "amended-1")])
def test_a_missing_edition_is_named_in_thai(year, selector):
    with pytest.raises(EditionNotFound, match="ไม่พบแผนฉบับ"):
        select_edition(EDITIONS, year, selector)
