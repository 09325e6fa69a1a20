"""Dates and times as UN documents print them, per content language."""

import datetime as dt

_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ZH_WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]


def long_date(day: dt.date | None, language: str) -> str:
    """5 June 2024 / 2024年6月5日."""
    if day is None:
        return ""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def day_heading(day: dt.date, language: str) -> str:
    """Wednesday, 5 June / 6月5日，星期三 (the annex's day rows)."""
    if language == "zh":
        return f"{day.month}月{day.day}日，{_ZH_WEEKDAYS[day.weekday()]}"
    return f"{_EN_WEEKDAYS[day.weekday()]}, {day.day} {_EN_MONTHS[day.month - 1]}"


def date_range(start: dt.date | None, end: dt.date | None, language: str) -> str:
    """5 and 6 June 2024 / 2024年6月5日和6日 (as on the seed's title page)."""
    if start is None:
        return ""
    if end is None or end == start:
        return long_date(start, language)
    joiner = "和" if (end - start).days == 1 else "至"
    en_joiner = " and " if (end - start).days == 1 else "–"
    if language == "zh":
        if (start.year, start.month) == (end.year, end.month):
            return f"{long_date(start, 'zh')}{joiner}{end.day}日"
        return f"{long_date(start, 'zh')}{joiner}{long_date(end, 'zh')}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{en_joiner}{long_date(end, 'en')}"
    return f"{long_date(start, 'en')}{en_joiner}{long_date(end, 'en')}"


def time_slot(start: dt.time | None, end: dt.time | None) -> str:
    if start is None or end is None:
        return ""
    return f"{start:%H:%M}–{end:%H:%M}"
