"""The session page as a delegate's hub, and what a delegate needs around it: what is on now
and next, documents one tap from the item, calendars, one language per page, Arabic as the
Arabic PDF prints it, the body page with sessions under way first."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from agenda.models import DocumentLink
from tests import factories
from tests.parsed import Element, parse

pytestmark = pytest.mark.django_db

SESSION = "/bodies/ctoc-cop-wg3/sessions/15/"
DURING_MEETING_2 = dt.datetime(2024, 6, 5, 14, 30, tzinfo=dt.UTC)  # 16:30 in Vienna
BETWEEN_DAYS = dt.datetime(2024, 6, 5, 20, 0, tzinfo=dt.UTC)  # 22:00 in Vienna


def at(monkeypatch, moment):
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def page(client, path=SESSION, language=None, **query) -> Element:
    if language:
        client.cookies["django_language"] = language
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return parse(client.get(path + suffix).content)


def hrefs(element: Element, start: str) -> list[str]:
    """The addresses of the links inside ``element`` that start with ``start``."""
    return [a["href"] for a in element.find_all("a", href=True) if a["href"].startswith(start)]


def test_a_short_header_then_the_sessions_places_one_tap_away(client, wg3):
    html = page(client)
    header = html.select_one("header.session-header")
    title = "Fifteenth meeting of the Working Group on International Cooperation"
    assert header.find("h1").text == title
    assert "Vienna, 5 and 6 June 2024" in header.visible_text
    assert "Provisional agenda issued" in header.visible_text
    assert (
        "Interpretation: Arabic, Chinese, English, French, Russian, Spanish" in header.visible_text
    )
    assert [a["href"] for a in html.select("nav.session-links a")] == [
        "/bodies/ctoc-cop-wg3/sessions/15/timetable/?lang=en",
        "/bodies/ctoc-cop-wg3/sessions/15/changes/?lang=en",
        "/bodies/ctoc-cop-wg3/sessions/15/documents/?lang=en",
        "#downloads",
    ]
    # one language choice (the site's), explained; no second picker for the document
    assert "Document in:" not in html.visible_text
    assert html.find(aria_label="Language of the document") is None
    assert "Shown in English, the language chosen at the top of the page" in html.visible_text
    in_order = list(html.iter())
    assert in_order.index(header) < in_order.index(html.select_one("article.un-document"))


def test_interpretation_languages_are_named_in_the_readers_language(client, wg3):
    assert "阿拉伯文、中文、英文、法文、俄文、西班牙文" in page(client, language="zh").visible_text
    assert "العربية، الصينية، الإنكليزية، الفرنسية، الروسية، الإسبانية" in (
        page(client, language="ar").visible_text
    )


def test_the_agenda_lists_each_items_documents_with_two_links_and_status(client, wg3):
    document = wg3.documents.get(symbol="CTOC/COP/WG.3/2024/3")
    document.status = "advance_unedited"
    document.save()
    factories.publish(wg3, kind="corrigendum")
    entries = page(client).find("li", id="agenda-3").select("li.document-entry")
    assert len(entries) == 2
    assert entries[0].find(
        "a", class_="document-page", href="/documents/CTOC/COP/WG.3/2024/3?lang=en"
    )
    assert entries[0].find(
        "a", class_="official-text", href="https://undocs.org/CTOC/COP/WG.3/2024/3"
    )
    assert "Advance unedited version" in entries[0].visible_text
    symbols = [span.text for span in entries[0].select("span.symbol-text")]
    assert "CTOC/COP/WG.3/2024/3" in symbols
    # the reader's language: Chinese official texts on the Chinese page
    zh = page(client, language="zh")
    assert zh.find("a", class_="official-text", href="https://undocs.org/zh/CTOC/COP/WG.3/2024/3")


def test_a_forthcoming_document_has_no_official_text_yet(client, wg3):
    item = wg3.agenda_items.get(parent=None, position=3)
    late = factories.document("CTOC/COP/WG.3/2024/6", status="forthcoming")
    DocumentLink.objects.create(item=item, document=late)
    factories.publish(wg3, kind="corrigendum")
    entry = next(
        li
        for li in page(client).select("li.document-entry")
        if li.find("a", class_="document-page", href="/documents/CTOC/COP/WG.3/2024/6?lang=en")
    )
    assert "Forthcoming" in entry.visible_text and entry.find(class_="official-text") is None


def test_now_and_next_while_the_session_runs(client, wg3, monkeypatch):
    at(monkeypatch, DURING_MEETING_2)
    html = page(client)
    now, upcoming = html.select("section.now-next article.meeting")
    assert "Meeting 2" in now.visible_text and "Now" in now.visible_text
    assert now.get("aria-current") == "time"
    assert "Role and impact of technology" in now.visible_text
    assert "(continued)" in now.visible_text
    assert now.find("a", href="https://undocs.org/CTOC/COP/WG.3/2024/3")  # item 3's documents
    assert "Meeting 3" in upcoming.visible_text and "Next" in upcoming.visible_text
    assert html.find("span", class_="phase phase-under_way").text == "Under way"
    # the clock moves on; the cached document does not hold the card
    at(monkeypatch, BETWEEN_DAYS)
    card = page(client).select_one("section.now-next").visible_text
    assert "No meeting is under way." in card and "Meeting 3" in card
    assert "Meeting 2" not in card


def test_before_the_session_the_card_announces_its_first_meeting(client, wg3, monkeypatch):
    at(monkeypatch, dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC))
    card = page(client).select_one("section.now-next").visible_text
    assert "First meeting" in card and "Meeting 1" in card and "Now" not in card
    at(monkeypatch, dt.datetime(2024, 7, 1, tzinfo=dt.UTC))
    html = page(client)
    assert html.select(".now-next") == [] and html.find("span", class_="phase-over")


def test_every_meeting_can_be_added_to_a_calendar(client, wg3):
    downloads = page(client).find(id="downloads")
    google = hrefs(downloads, "https://calendar.google.com/calendar/render?action")
    assert len(google) == 4
    thursday_morning = parse_qs(urlparse(google[2]).query)
    assert thursday_morning["dates"] == ["20240606T080000Z/20240606T110000Z"]  # 10:00 in Vienna
    assert thursday_morning["text"] == [
        "WG.3 Fifteenth meeting of the Working Group on International Cooperation – 3rd meeting"
    ]
    assert thursday_morning["details"][0].startswith(
        "3 Legal and practical considerations regarding tentative extradition issues"
    )
    outlook = hrefs(downloads, "https://outlook.office.com/calendar/0/deeplink/compose")
    query = parse_qs(urlparse(outlook[2]).query)
    assert (query["startdt"], query["enddt"]) == (
        ["2024-06-06T08:00:00Z"],
        ["2024-06-06T11:00:00Z"],
    )
    ics = "/bodies/ctoc-cop-wg3/sessions/15/sittings/3.ics?lang=en"
    assert downloads.find("a", href=ics, download=True)
    webcal = "webcal://testserver/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=en"
    assert downloads.find("a", href=webcal)
    assert downloads.find(
        "a",
        href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver%2Fbodies"
        "%2Fctoc-cop-wg3%2Fsessions%2F15%2Fcalendar.ics%3Flang%3Den",
    )


def test_arabic_numbers_and_order_as_in_the_arabic_pdf(client, wg3):
    html = page(client, language="ar")
    numbers = [span.text for span in html.select("span.number")]
    assert numbers.count("(أ)") == 2  # the agenda list and annotations
    assert "(a)" not in numbers
    annex = html.select_one("section.organization")
    assert "1(أ)" in [td.text for td in annex.find_all("td")]
    assert "1(a)" not in annex.visible_text
    header = html.select_one("header.session-header").visible_text
    assert "Vienna، 5 و 6 حزيران/يونيه 2024" in header  # place first, as the Arabic PDF


def test_a_page_asked_for_in_a_language_is_wholly_in_it(client, wg3):
    client.cookies["django_language"] = "en"
    response = client.get(SESSION + "?lang=zh")
    html = parse(response.content)
    assert response["Content-Language"] == "zh"
    assert html.find("html").attrs == {"lang": "zh", "dir": "ltr"}
    assert "登录" in html.visible_text  # the interface too
    assert html.select_one("article.un-document")["lang"] == "zh"
    # the language switcher takes the reader to the page without ?lang=, in the new language
    assert html.find("input", type="hidden", name="next", value="/bodies/ctoc-cop-wg3/sessions/15/")


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
    text = html.visible_text
    order = [text.index(t) for t in ("Under way", "Running", "Upcoming", "Later", "2023", "Past")]
    assert order == sorted(order)
    assert len(html.select("table.sessions.reflow")) == 3


def test_the_register_pages_say_dates_in_the_readers_language(client, wg3):
    html = page(client, "/documents/CTOC/COP/WG.3/2024/1", language="zh").visible_text
    assert "2024年2月23日" in html and "2024-02-23" not in html


def test_the_timetable_and_today_pages_add_meetings_and_subscribe(client, wg3):
    for path in (SESSION + "timetable/", "/today/?date=2024-06-06"):
        meetings = page(client, path).select("details.add-to-calendar")
        assert len(meetings) == {"/today/?date=2024-06-06": 2}.get(path, 4), path
        thursday_morning = meetings[0] if "today" in path else meetings[2]
        ics = "/bodies/ctoc-cop-wg3/sessions/15/sittings/3.ics?lang=en"
        assert thursday_morning.find("a", href=ics, download=True)
        links = " ".join(hrefs(thursday_morning, "https://"))
        assert "dates=20240606T080000Z%2F20240606T110000Z" in links
        assert "startdt=2024-06-06T08%3A00%3A00Z" in links
        webcal = "webcal://testserver/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=en"
        assert thursday_morning.find("a", href=webcal)
