"""Dates and times as UN documents print them, per content language.

Each language version of a document writes its dates in that language: "5 and 6 June 2024",
"2024年6月5日和6日", "5 et 6 juin 2024", "5 y 6 de junio de 2024", "5 и 6 июня 2024 года",
"5 و 6 حزيران/يونيه 2024" (UN Arabic names each month twice, Levantine/Egyptian, and keeps
European digits). The month and day names and the words that join two dates come from the
gettext catalogues (message context "document"), read in the document's language once per
language and process; the order of the parts stays here.
"""

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.utils import translation
from django.utils.translation import pgettext

from meetings.translations import UN_LANGUAGES


@dataclass(frozen=True)
class _Names:
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    both: str  # "{first} and {last}": two consecutive days
    span: str  # "{first}–{last}": a longer span


def _wording() -> _Names:
    """The names in the active language, from the catalogues (message context "document")."""
    return _Names(
        # Translators: month names as a date prints them ("5 June 2024"): Russian uses the
        # genitive (5 июня), UN Arabic names each month twice (حزيران/يونيه); Chinese dates
        # use numbers (6月5日) and do not show these.
        months=(
            pgettext("document", "January"),
            pgettext("document", "February"),
            pgettext("document", "March"),
            pgettext("document", "April"),
            pgettext("document", "May"),
            pgettext("document", "June"),
            pgettext("document", "July"),
            pgettext("document", "August"),
            pgettext("document", "September"),
            pgettext("document", "October"),
            pgettext("document", "November"),
            pgettext("document", "December"),
        ),
        # Translators: day names as they begin a date ("Wednesday, 5 June").
        weekdays=(
            pgettext("document", "Monday"),
            pgettext("document", "Tuesday"),
            pgettext("document", "Wednesday"),
            pgettext("document", "Thursday"),
            pgettext("document", "Friday"),
            pgettext("document", "Saturday"),
            pgettext("document", "Sunday"),
        ),
        # Translators: two consecutive days, "5 and 6 June 2024" ({first} is "5").
        both=pgettext("document", "{first} and {last}"),
        # Translators: a span of days, "20–24 May 2024" ({first} is "20").
        span=pgettext("document", "{first}–{last}"),
    )


@cache
def _names(language: str) -> _Names:
    with translation.override(language):
        return _wording()


def _lang(language: str) -> str:
    return language if language in UN_LANGUAGES else "en"


def _day(day: dt.date, language: str) -> str:
    return "1er" if language == "fr" and day.day == 1 else str(day.day)


def day_month(day: dt.date, language: str) -> str:
    """5 June / 6月5日 / 5 de junio / 5 июня / 5 حزيران/يونيه."""
    language = _lang(language)
    if language == "zh":
        return f"{day.month}月{day.day}日"
    month = _names(language).months[day.month - 1]
    return f"{_day(day, language)}{' de' if language == 'es' else ''} {month}"


def long_date(day: dt.date | None, language: str) -> str:
    """5 June 2024 / 2024年6月5日 / 5 de junio de 2024 / 5 июня 2024 года."""
    if day is None:
        return ""
    language = _lang(language)
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    year = {"es": f"de {day.year}", "ru": f"{day.year} года"}.get(language, str(day.year))
    return f"{day_month(day, language)} {year}"


def _with_weekday(day: dt.date, date: str, language: str) -> str:
    weekday = _names(language).weekdays[day.weekday()]
    if language == "zh":
        return f"{date}，{weekday}"
    separator = {"fr": " ", "es": " ", "ar": "، "}.get(language, ", ")
    return f"{weekday}{separator}{date}"


def day_heading(day: dt.date, language: str) -> str:
    """Wednesday, 5 June / 6月5日，星期三 / Mercredi 5 juin (the annex's day rows)."""
    language = _lang(language)
    return _with_weekday(day, day_month(day, language), language)


def full_date(day: dt.date | None, language: str) -> str:
    """Wednesday, 5 June 2024 / 2024年6月5日，星期三 / Mercredi 5 juin 2024: a day named in
    full, for a page that shows one day."""
    if day is None:
        return ""
    language = _lang(language)
    return _with_weekday(day, long_date(day, language), language)


def date_range(start: dt.date | None, end: dt.date | None, language: str) -> str:
    """5 and 6 June 2024 / 2024年6月5日和6日 (as on the seed's title page)."""
    if start is None:
        return ""
    language = _lang(language)
    if end is None or end == start:
        return long_date(start, language)
    names = _names(language)
    pattern = names.both if (end - start).days == 1 else names.span
    same_month = (start.year, start.month) == (end.year, end.month)
    if language == "zh":
        tail = f"{end.day}日" if same_month else long_date(end, "zh")
        return pattern.format(first=long_date(start, "zh"), last=tail)
    if same_month:
        return pattern.format(first=_day(start, language), last=long_date(end, language))
    return pattern.format(first=long_date(start, language), last=long_date(end, language))


def place_and_dates(city: str, start: dt.date | None, end: dt.date | None, language: str) -> str:
    """Vienna, 5 and 6 June 2024 / 2024年6月5日和6日，维也纳 (the title page's place line)."""
    dates = date_range(start, end, language)
    if not (city and dates):
        return city or dates
    if language == "zh":
        return f"{dates}，{city}"
    return f"{city}{'، ' if language == 'ar' else ', '}{dates}"


def time_slot(start: dt.time | None, end: dt.time | None, language: str = "") -> str:
    """10:00–13:00; in a document's language where UN usage differs from the 24-hour clock:
    10 a.m.–1 p.m., 3–6 p.m. (English), 上午10时至下午1时 (Chinese)."""
    if start is None or end is None:
        return ""
    if language == "en":
        first, last = _twelve_hour(start), _twelve_hour(end)
        if first[1] == last[1] and first[1] != "noon":
            return f"{first[0]}–{last[0]} {last[1]}"
        return f"{' '.join(first).strip()}–{' '.join(last).strip()}"
    if language == "zh":
        first, last = _zh_time(start), _zh_time(end)
        if first[0] == last[0]:
            return f"{first[0]}{first[1]}至{last[1]}"
        return f"{''.join(first)}至{''.join(last)}"
    return f"{start:%H:%M}–{end:%H:%M}"


def _twelve_hour(time: dt.time) -> tuple[str, str]:
    if time.hour == 12 and time.minute == 0:
        return "", "noon"
    hour = time.hour % 12 or 12
    clock = f"{hour}.{time.minute:02d}" if time.minute else str(hour)
    return clock, "a.m." if time.hour < 12 else "p.m."


def _zh_time(time: dt.time) -> tuple[str, str]:
    period = "上午" if time.hour < 12 else ("中午" if time.hour == 12 else "下午")
    hour = time.hour if time.hour <= 12 else time.hour - 12
    return period, f"{hour}时" + (f"{time.minute}分" if time.minute else "")
