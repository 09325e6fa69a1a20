import datetime as dt

import pytest

from meetings.dates import date_range, day_heading, place_and_dates, time_slot

JUNE_5, JUNE_6 = dt.date(2024, 6, 5), dt.date(2024, 6, 6)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Vienna, 5 and 6 June 2024"),
        ("zh", "2024年6月5日和6日，Vienna"),
        ("fr", "Vienna, 5 et 6 juin 2024"),
        ("es", "Vienna, 5 y 6 de junio de 2024"),
        ("ru", "Vienna, 5 и 6 июня 2024 года"),
        ("ar", "Vienna، 5 و 6 حزيران/يونيه 2024"),
    ],
)
def test_place_and_dates_in_each_language(language, expected):
    assert place_and_dates("Vienna", JUNE_5, JUNE_6, language) == expected


def test_longer_spans_and_day_headings():
    assert date_range(dt.date(2024, 5, 20), dt.date(2024, 5, 24), "es") == "20 a 24 de mayo de 2024"
    assert date_range(dt.date(2024, 6, 1), JUNE_5, "fr") == "1er–5 juin 2024"
    assert day_heading(JUNE_5, "ar") == "الأربعاء، 5 حزيران/يونيه"
    assert day_heading(JUNE_5, "ru") == "Среда, 5 июня"


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        (dt.time(10), dt.time(13), "en", "10 a.m.–1 p.m."),
        (dt.time(15), dt.time(18), "en", "3–6 p.m."),
        (dt.time(10, 30), dt.time(12), "en", "10.30 a.m.–noon"),
        (dt.time(10), dt.time(13), "zh", "上午10时至下午1时"),
        (dt.time(15), dt.time(18), "zh", "下午3时至6时"),
        (dt.time(15), dt.time(18), "ru", "15:00–18:00"),
    ],
)
def test_time_slots_as_documents_print_them(start, end, language, expected):
    assert time_slot(start, end, language) == expected
