"""The delegate portal's pages in the interface languages, and their query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from agenda.content import forget_contents
from meetings.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wg3(seeded):
    return Session.objects.get(body__slug="ctoc-cop-wg3", number=15)


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
                "Wednesday, 5 June",
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
                "6月5日，星期三",
                "第2次会议",
                "（续）",
                "国际合作工作组第十五次会议",
            ],
        ),
        ("ar", "rtl", ["الجدول الزمني", "جميع الأوقات بالتوقيت المحلي في", "الجلسة 2", "(تابع)"]),
    ],
)
def test_timetable_in_three_languages(client, wg3, language, direction, strings):
    url = reverse("session-timetable", args=["ctoc-cop-wg3", 15])
    html = in_language(client, language).get(url).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    for text in strings:
        assert text in html, text
    # Four meetings in a 2 x 2 grid: days as columns, 10:00-13:00 and 15:00-18:00 as rows.
    assert html.count('class="sitting-block') == 4
    assert html.index("10:00–13:00") < html.index("15:00–18:00")
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
    assert '10:00–13:00 <span class="zone">(Europe/Vienna, CEST)</span>' in html
    assert "15:00–18:00" in html
    first, second = html.split("第2次会议")
    assert "第1次会议" in first and "(续)" not in first
    # Meeting 2 takes item 2 up again
    assert "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要</bdi> (续)" in second
    assert (
        in_language(client, "en")
        .get(reverse("today") + "?date=2024-06-07")
        .content.decode()
        .count('class="today-sitting')
        == 0
    )
    assert client.get(reverse("today") + "?date=June").status_code == 404


def test_body_page_lists_upcoming_sessions_first_then_past_by_year(client):
    body = factories.body()
    soon = dt.date.today() + dt.timedelta(days=30)
    for number, start, title in [
        (1, dt.date(2019, 3, 1), "First"),
        (2, dt.date(2021, 5, 1), "Second"),
        (3, soon, "Third"),
    ]:
        session = factories.session(
            body=body,
            number=number,
            start_date=start,
            end_date=start + dt.timedelta(days=1),
            title={"en": title},
        )
        factories.publish(session)
    html = client.get(body.get_absolute_url()).content.decode()
    order = [html.index(text) for text in ("Upcoming", "Third", "2021", "Second", "2019", "First")]
    assert order == sorted(order)


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


@pytest.mark.parametrize("items", [5, 500])
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
    with django_assert_num_queries(2):  # the versions of the day, their contents
        client.get(reverse("today") + "?date=2024-06-05")
    with django_assert_num_queries(2):  # body, its sessions
        client.get(session.body.get_absolute_url())
