"""The session page as a delegate's hub, and what a delegate needs around it: what is on now
and next, documents one tap from the item, calendars, one language per page, Arabic as the
Arabic PDF prints it, the body page with sessions under way first."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest

from agenda.models import DocumentLink
from tests import factories

pytestmark = pytest.mark.django_db

SESSION = "/bodies/ctoc-cop-wg3/sessions/15/"
DURING_MEETING_2 = dt.datetime(2024, 6, 5, 14, 30, tzinfo=dt.UTC)  # 16:30 in Vienna
BETWEEN_DAYS = dt.datetime(2024, 6, 5, 20, 0, tzinfo=dt.UTC)  # 22:00 in Vienna


def at(monkeypatch, moment):
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def page(client, path=SESSION, language=None, **query):
    if language:
        client.cookies["django_language"] = language
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return client.get(path + suffix).content.decode()


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_a_short_header_then_the_sessions_places_one_tap_away(client, wg3):
    html = page(client)
    header = section(html, '<header class="session-header">', "</header>")
    assert "<h1>Fifteenth meeting of the Working Group on International Cooperation</h1>" in header
    assert "Vienna, 5 and 6 June 2024" in header
    assert "Provisional agenda issued" in header
    assert "Interpretation: Arabic, Chinese, English, French, Russian, Spanish" in header
    links = section(html, '<nav class="session-links"', "</nav>")
    assert re.findall(r'<a href="([^"]+)">', links) == [
        "/bodies/ctoc-cop-wg3/sessions/15/timetable/?lang=en",
        "/bodies/ctoc-cop-wg3/sessions/15/changes/?lang=en",
        "/bodies/ctoc-cop-wg3/sessions/15/documents/?lang=en",
        "#downloads",
    ]
    # one language choice (the site's), explained; no second picker for the document
    assert "Document in:" not in html and 'aria-label="Language of the document"' not in html
    assert "Shown in English, the language chosen at the top of the page" in html
    assert html.index("session-header") < html.index('class="un-document"')


def test_interpretation_languages_are_named_in_the_readers_language(client, wg3):
    assert "阿拉伯文、中文、英文、法文、俄文、西班牙文" in page(client, language="zh")
    assert "العربية، الصينية، الإنكليزية، الفرنسية، الروسية، الإسبانية" in page(
        client, language="ar"
    )


def test_the_agenda_lists_each_items_documents_with_two_links_and_status(client, wg3):
    document = wg3.documents.get(symbol="CTOC/COP/WG.3/2024/3")
    document.status = "advance_unedited"
    document.save()
    factories.publish(wg3, kind="corrigendum")
    html = page(client)
    item_3 = section(html, 'id="agenda-3"', 'id="agenda-4"')
    entries = re.findall(r'<li class="document-entry">(.*?)</li>', item_3, re.S)
    assert len(entries) == 2
    assert 'href="/documents/CTOC/COP/WG.3/2024/3?lang=en"' in entries[0]
    assert 'class="official-text" href="https://undocs.org/CTOC/COP/WG.3/2024/3"' in entries[0]
    assert "Advance unedited version" in entries[0]
    assert '<span class="symbol-text">CTOC/COP/WG.3/2024/3</span>' in entries[0]
    # the reader's language: Chinese official texts on the Chinese page
    zh = page(client, language="zh")
    assert 'class="official-text" href="https://undocs.org/zh/CTOC/COP/WG.3/2024/3"' in zh


def test_a_forthcoming_document_has_no_official_text_yet(client, wg3):
    item = wg3.agenda_items.get(parent=None, position=3)
    late = factories.document("CTOC/COP/WG.3/2024/6", status="forthcoming")
    DocumentLink.objects.create(item=item, document=late)
    factories.publish(wg3, kind="corrigendum")
    entry = re.search(
        r'<li class="document-entry">\s*<a class="document-page" '
        r'href="/documents/CTOC/COP/WG.3/2024/6\?lang=en">.*?</li>',
        page(client),
        re.S,
    )[0]
    assert "Forthcoming" in entry and "official-text" not in entry


def test_now_and_next_while_the_session_runs(client, wg3, monkeypatch):
    at(monkeypatch, DURING_MEETING_2)
    html = page(client)
    card = section(html, '<section class="now-next"', "</section>")
    now, upcoming = card.split('<article class="meeting', 2)[1:]
    assert "Meeting 2" in now and "Now" in now and 'aria-current="time"' in now
    assert "Role and impact of technology" in now and "(continued)" in now
    assert "https://undocs.org/CTOC/COP/WG.3/2024/3" in now  # item 3's documents
    assert "Meeting 3" in upcoming and "Next" in upcoming
    assert '<span class="phase phase-under_way">Under way</span>' in html
    # the clock moves on; the cached document does not hold the card
    at(monkeypatch, BETWEEN_DAYS)
    later = page(client)
    card = section(later, '<section class="now-next"', "</section>")
    assert "No meeting is under way." in card and "Meeting 3" in card
    assert "Meeting 2" not in card


def test_before_the_session_the_card_announces_its_first_meeting(client, wg3, monkeypatch):
    at(monkeypatch, dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC))
    card = section(page(client), '<section class="now-next"', "</section>")
    assert "First meeting" in card and "Meeting 1" in card and "Now" not in card
    at(monkeypatch, dt.datetime(2024, 7, 1, tzinfo=dt.UTC))
    html = page(client)
    assert 'class="now-next"' not in html and "phase-over" in html


def test_every_meeting_can_be_added_to_a_calendar(client, wg3):
    html = page(client)
    downloads = html[html.index('id="downloads"') :]
    google = re.findall(
        r'href="(https://calendar\.google\.com/calendar/render\?action[^"]+)"', downloads
    )
    assert len(google) == 4
    thursday_morning = parse_qs(urlparse(google[2].replace("&amp;", "&")).query)
    assert thursday_morning["dates"] == ["20240606T080000Z/20240606T110000Z"]  # 10:00 in Vienna
    assert thursday_morning["text"] == [
        "WG.3 Fifteenth meeting of the Working Group on International Cooperation – 3rd meeting"
    ]
    assert thursday_morning["details"][0].startswith(
        "3 Legal and practical considerations regarding tentative extradition issues"
    )
    outlook = re.findall(
        r'href="(https://outlook\.office\.com/calendar/0/deeplink/compose[^"]+)"', downloads
    )
    query = parse_qs(urlparse(outlook[2].replace("&amp;", "&")).query)
    assert (query["startdt"], query["enddt"]) == (
        ["2024-06-06T08:00:00Z"],
        ["2024-06-06T11:00:00Z"],
    )
    assert 'href="/bodies/ctoc-cop-wg3/sessions/15/sittings/3.ics?lang=en" download' in downloads
    assert (
        'href="webcal://testserver/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=en"'
        in downloads
    )
    assert (
        'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver%2Fbodies'
        '%2Fctoc-cop-wg3%2Fsessions%2F15%2Fcalendar.ics%3Flang%3Den"'
    ) in downloads


def test_arabic_numbers_and_order_as_in_the_arabic_pdf(client, wg3):
    html = page(client, language="ar")
    assert '<span class="number">(أ)</span>' in html  # the agenda list and annotations
    assert '<span class="number">(a)</span>' not in html
    annex = section(html, 'class="organization"', "</section>")
    assert "<td>1(أ)</td>" in annex and "1(a)" not in annex
    header = section(html, '<header class="session-header">', "</header>")
    assert "Vienna، 5 و 6 حزيران/يونيه 2024" in header  # place first, as the Arabic PDF


def test_a_page_asked_for_in_a_language_is_wholly_in_it(client, wg3):
    client.cookies["django_language"] = "en"
    response = client.get(SESSION + "?lang=zh")
    html = response.content.decode()
    assert response["Content-Language"] == "zh"
    assert '<html lang="zh" dir="ltr">' in html and "登录" in html  # the interface too
    assert '<article class="un-document" lang="zh"' in html
    # the language switcher takes the reader to the page without ?lang=, in the new language
    assert '<input type="hidden" name="next" value="/bodies/ctoc-cop-wg3/sessions/15/">' in html


def test_body_page_puts_sessions_under_way_first(client, monkeypatch):
    body = factories.body()
    today = dt.date(2024, 6, 5)
    at(monkeypatch, dt.datetime(2024, 6, 5, 9, tzinfo=dt.UTC))
    for number, start, title in [
        (1, dt.date(2023, 3, 1), "Past"),
        (2, dt.date(2024, 9, 1), "Later"),
        (3, today - dt.timedelta(days=1), "Running"),
    ]:
        session = factories.session(
            body=body,
            number=number,
            start_date=start,
            end_date=start + dt.timedelta(days=2),
            title={"en": title},
        )
        factories.publish(session)
    html = page(client, body.get_absolute_url())
    order = [html.index(t) for t in ("Under way", "Running", "Upcoming", "Later", "2023", "Past")]
    assert order == sorted(order)
    assert html.count('class="sessions reflow"') == 3


def test_the_register_pages_say_dates_in_the_readers_language(client, wg3):
    html = page(client, "/documents/CTOC/COP/WG.3/2024/1", language="zh")
    assert "2024年2月23日" in html and "2024-02-23" not in html


def test_the_timetable_and_today_pages_add_meetings_and_subscribe(client, wg3):
    for path in (SESSION + "timetable/", "/today/?date=2024-06-06"):
        html = page(client, path)
        meetings = re.findall(r'<details class="add-to-calendar">.*?</details>', html, re.S)
        assert len(meetings) == {"/today/?date=2024-06-06": 2}.get(path, 4), path
        thursday_morning = meetings[0] if "today" in path else meetings[2]
        assert 'href="/bodies/ctoc-cop-wg3/sessions/15/sittings/3.ics?lang=en" download' in (
            thursday_morning
        )
        assert "dates=20240606T080000Z%2F20240606T110000Z" in thursday_morning
        assert "startdt=2024-06-06T08%3A00%3A00Z" in thursday_morning
        assert (
            'href="webcal://testserver/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=en"'
        ) in thursday_morning
