"""The delegate portal's pages in the interface languages, and their query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from agenda.reads.content import forget_contents
from tests import factories
from tests.parsed import find, parse

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
            ],
        ),
    ],
)
def test_timetable_in_three_languages(client, wg3, language, direction, strings):
    url = reverse("session-timetable", args=["ctoc-cop-wg3", 15])
    html = parse(in_language(client, language).get(url).content)
    assert html.find("html").attrs == {"lang": language, "dir": direction}
    text = html.visible_text
    for expected in strings:
        assert expected in text, expected
    # Four meetings, day by day (side by side on a wide screen, stacked on a phone), each
    # with its items, their documents and its calendar links.
    assert len(html.select("article.meeting")) == 4
    assert len(html.select(".timetable-day")) == 2
    assert text.index("10:00–13:00") < text.index("15:00–18:00")
    assert len(html.select(".add-to-calendar")) == 4
    assert len(html.select(".official-text")) == 6  # items 2 (twice) and 3 (twice, 2 each)
    if language == "ar":
        numbers = [span.text for span in html.select("span.number")]
        assert "1(أ)" in numbers  # as the Arabic PDF numbers it
        # no Arabic text in the seed: the original is shown, marked
        assert html.select("span.fallback")


def test_the_current_meeting_is_highlighted(client, wg3, monkeypatch):
    during_meeting_2 = dt.datetime(2024, 6, 5, 14, 30, tzinfo=dt.UTC)  # 16:30 in Vienna
    monkeypatch.setattr("django.utils.timezone.now", lambda: during_meeting_2)
    html = parse(client.get(reverse("session-timetable", args=["ctoc-cop-wg3", 15])).content)
    (current,) = html.find_all(aria_current="time")
    assert "Meeting 2" in current.select_one(".meeting-name").visible_text


def test_today_lists_each_meeting_in_its_venues_time(client, wg3):
    html = parse(in_language(client, "zh").get(reverse("today") + "?date=2024-06-05").content)
    assert html.find("h1").text == "2024年6月5日，星期三的会议"  # the day, in the reader's language
    assert "10:00–13:00" in [span.text for span in html.select("span.meeting-time")]
    assert "(Europe/Vienna, CEST)" in [span.text for span in html.select("span.muted")]
    assert "15:00–18:00" in html.visible_text
    first, second = (meeting.visible_text for meeting in html.select("article.meeting"))
    assert "第1次会议" in first and "（续）" not in first
    assert "第2次会议" in second
    # Meeting 2 takes item 2 up again: "(continued)" right after the item's title
    title = "技术在刑事事项国际合作方面的作用和影响：机遇、挑战和能力建设需要"
    (bdi,) = [bdi for bdi in html.select("article.meeting")[1].find_all("bdi") if bdi.text == title]
    assert bdi.after[0].startswith("（续）")
    # the next day with meetings
    assert html.find("a", href="/today/?date=2024-06-06&lang=zh")
    empty = parse(in_language(client, "en").get(reverse("today") + "?date=2024-06-07").content)
    assert empty.find("article") is None
    assert "No public meetings on this day." in empty.visible_text
    assert "No later day has public meetings yet." in empty.visible_text
    before = in_language(client, "en").get(reverse("today") + "?date=2024-05-01").content
    next_day = find(before, "a", href="/today/?date=2024-06-05&lang=en")
    assert next_day.text == "Next day with meetings: Wednesday, 5 June 2024"
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
    html = parse(client.get(reverse("body-list")).content)
    assert html.find("html").attrs == {"lang": "fr", "dir": "ltr"}
    assert "Organes intergouvernementaux" in html.visible_text


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
