"""The delegate portal's pages in the interface languages, and their query counts."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from agenda.reads.content import forget_contents
from tests import factories

pytestmark = pytest.mark.django_db


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "direction", "strings"),
    [
        (
            "en",
            "ltr",
            [
                "Timetable",
                "All times are local time in Vienna (Europe/Vienna, CEST).",
                "Wednesday, 5 June 2024",
                "Meeting 2",
                " (continued)",
            ],
        ),
        (
            "zh",
            "ltr",
            [
                "日程表",
                "所有时间均为维也纳当地时间（Europe/Vienna, CEST）。",
                "2024年6月5日，星期三",
                "第2次会议",
                "（续）",
                "国际合作工作组第十五次会议",
            ],
        ),
        (
            "ar",
            "rtl",
            [
                "الجدول الزمني",
                "جميع الأوقات بالتوقيت المحلي في",
                "الجلسة 2",
                "(تابع)",
                "الأربعاء، 5 حزيران/يونيه 2024",
                '<span class="number">1(أ)</span>',  # as the Arabic PDF numbers it
            ],
        ),
    ],
)
def test_timetable_in_three_languages(client, wg3, language, direction, strings):
    url = reverse("session-timetable", args=["ctoc-cop-wg3", 15])
    html = in_language(client, language).get(url).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    for text in strings:
        assert text in html, text
    # Four meetings, day by day (side by side on a wide screen, stacked on a phone), each
    # with its items, their documents and its calendar links.
    assert len(re.findall(r'<article class="meeting[ "]', html)) == 4
    assert html.count('class="timetable-day"') == 2
    assert html.index("10:00–13:00") < html.index("15:00–18:00")
    assert html.count('class="add-to-calendar"') == 4
    assert html.count('class="official-text"') == 6  # items 2 (twice) and 3 (twice, 2 each)
    if language == "ar":  # no Arabic text in the seed: the original is shown, marked
        assert 'class="fallback"' in html


def test_the_current_meeting_is_highlighted(client, wg3, monkeypatch):
    during_meeting_2 = dt.datetime(2024, 6, 5, 14, 30, tzinfo=dt.UTC)  # 16:30 in Vienna
    monkeypatch.setattr("django.utils.timezone.now", lambda: during_meeting_2)
    html = client.get(reverse("session-timetable", args=["ctoc-cop-wg3", 15])).content.decode()
    assert html.count('aria-current="time"') == 1
    current = html[html.index('aria-current="time"') :]
    assert "Meeting 2" in current[:300]


def test_today_lists_each_meeting_in_its_venues_time(client, wg3):
    html = in_language(client, "zh").get(reverse("today") + "?date=2024-06-05").content.decode()
    assert "<h1>2024年6月5日，星期三的会议</h1>" in html  # the day, in the reader's language
    assert '<span class="meeting-time">10:00–13:00</span>' in html
    assert '<span class="muted">(Europe/Vienna, CEST)</span>' in html
    assert "15:00–18:00" in html
    first, second = html.split("第2次会议", 1)
    assert "第1次会议" in first and "（续）" not in first
    # Meeting 2 takes item 2 up again
    assert "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要</bdi>（续）" in second
    assert 'href="/today/?date=2024-06-06&amp;lang=zh"' in html  # the next day with meetings
    empty = in_language(client, "en").get(reverse("today") + "?date=2024-06-07").content.decode()
    assert "<article" not in empty and "No public meetings on this day." in empty
    assert "No later day has public meetings yet." in empty
    before = in_language(client, "en").get(reverse("today") + "?date=2024-05-01").content.decode()
    assert (
        '<a href="/today/?date=2024-06-05&amp;lang=en">'
        "Next day with meetings: Wednesday, 5 June 2024</a>"
    ) in before
    assert client.get(reverse("today") + "?date=June").status_code == 404


@pytest.mark.parametrize("language", ["en", "zh", "ar"])
def test_interface_strings_are_translated(client, wg3, language):
    expected = {"en": ("Log in", "Today"), "zh": ("登录", "今日"), "ar": ("تسجيل الدخول", "اليوم")}
    html = in_language(client, language).get(wg3.get_absolute_url()).content.decode()
    for text in expected[language]:
        assert text in html


def test_the_language_switcher_remembers_the_choice(client, wg3):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.cookies["django_language"].value == "fr"
    html = client.get(reverse("body-list")).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Organes intergouvernementaux" in html


@pytest.mark.parametrize("items", [2, 20])
def test_portal_query_counts_do_not_grow(client, django_assert_num_queries, items):
    session = factories.session(start_date=dt.date(2024, 6, 5), end_date=dt.date(2024, 6, 6))
    sitting = factories.sitting(session)
    for n in range(items):
        factories.schedule(sitting, factories.item(session, f"Item {n}"))
    factories.publish(session)
    # the current version, then its content
    with django_assert_num_queries(2):
        client.get(reverse("session-timetable", args=[session.body.slug, session.number]))
    forget_contents()
    # the versions of the day, their contents, the versions after it (for the next day
    # with meetings; their contents are in memory by then)
    with django_assert_num_queries(3):
        client.get(reverse("today") + "?date=2024-06-05")
    with django_assert_num_queries(2):  # body, its sessions
        client.get(session.body.get_absolute_url())
