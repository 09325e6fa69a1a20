"""The calendar feeds over HTTP: headers, conditional GETs, visibility, query counts, links."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar

from agenda.views.public.calendar import RecentFeeds
from meetings.models import Session
from tests import factories
from tests.parsed import parse

pytestmark = pytest.mark.django_db


def body_url(body, **query):
    return reverse("body-calendar", args=[body.slug]) + _query(query)


def session_url(session, **query):
    return reverse("session-calendar", args=[session.body.slug, session.number]) + _query(query)


def sitting_url(sitting, **query):
    session = sitting.session
    args = [session.body.slug, session.number, sitting.number]
    return reverse("sitting-calendar", args=args) + _query(query)


def _query(query) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""


def test_feeds_are_calendars_with_validators(client, wg3):
    sitting = wg3.sittings.get(number=1)
    for url, disposition in [
        (body_url(wg3.body), 'inline; filename="ctoc-cop-wg3.ics"'),
        (session_url(wg3), 'inline; filename="ctoc-cop-wg3-15.ics"'),
        (sitting_url(sitting), 'attachment; filename="ctoc-cop-wg3-15-meeting-1.ics"'),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == disposition
        assert response["Cache-Control"] == "public, no-cache"
        assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
        assert response["Last-Modified"]
        Calendar.from_ical(response.content)


def test_links_in_the_feed_use_the_site_address_whatever_the_host_header(client, wg3):
    first = client.get(session_url(wg3, lang="zh"))
    content = first.content.decode().replace("\r\n ", "")
    assert "http://testserver/bodies/ctoc-cop-wg3/sessions/15/agenda.zh.pdf" in content
    other_host = client.get(session_url(wg3, lang="zh"), headers={"host": "localhost"})
    assert (other_host.content, other_host["ETag"]) == (first.content, first["ETag"])


def test_a_repeated_request_gets_304_without_building(client, wg3, django_assert_num_queries):
    sitting = wg3.sittings.get(number=1)
    for url, queries in [(body_url(wg3.body), 1), (session_url(wg3), 1), (sitting_url(sitting), 1)]:
        first = client.get(url)
        with django_assert_num_queries(queries):
            again = client.get(url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_date.status_code == 304


def test_only_a_publication_changes_the_etag_and_the_content(client, wg3):
    url = session_url(wg3)
    first = client.get(url)
    sitting = wg3.sittings.get(number=2)
    sitting.room = "Board Room D"
    sitting.save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    factories.publish(wg3)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"Board Room D" in again.content


def test_each_language_has_its_own_etag(client, wg3):
    etags = {client.get(session_url(wg3, lang=lang))["ETag"] for lang in ("en", "zh", "fr")}
    assert len(etags) == 3
    assert "第1次会议" in client.get(session_url(wg3, lang="zh")).content.decode()


def test_unknown_language_is_a_clear_400(client, wg3):
    response = client.get(body_url(wg3.body, lang="xx"))
    assert response.status_code == 400
    assert response.content.decode() == (
        "Unknown language “xx” in ?lang=: use one of ar, zh, en, fr, ru, es, "
        "or leave it out for the original language."
    )


def test_drafts_are_never_in_public_feeds(client):
    body = factories.body()
    draft = factories.session(body=body, status=Session.Status.DRAFT)
    sitting = factories.sitting(draft)
    assert client.get(session_url(draft)).status_code == 404
    assert client.get(sitting_url(sitting)).status_code == 404
    assert Calendar.from_ical(client.get(body_url(body)).content).walk("VEVENT") == []
    staff = User.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(session_url(draft)).status_code == 404  # staff of another body
    body.secretariat.add(staff)
    response = client.get(session_url(draft))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert client.get(sitting_url(sitting)).status_code == 200
    assert Calendar.from_ical(client.get(body_url(body)).content).walk("VEVENT") == []


def test_a_deleted_sitting_has_no_download_but_stays_in_the_feed(client, wg3):
    sitting = wg3.sittings.get(number=4)
    url, uid = sitting_url(sitting), sitting.ical_uid
    sitting.delete()
    factories.publish(wg3)
    assert client.get(url).status_code == 404
    assert uid in client.get(session_url(wg3)).content.decode().replace("\r\n ", "")


def test_unknown_addresses_are_404(client, wg3):
    assert client.get(reverse("body-calendar", args=["nobody"])).status_code == 404
    assert client.get(reverse("session-calendar", args=["ctoc-cop-wg3", 99])).status_code == 404
    assert client.get(reverse("sitting-calendar", args=["ctoc-cop-wg3", 15, 9])).status_code == 404


def test_head_is_answered_and_writes_are_refused(client, wg3):
    assert client.head(session_url(wg3)).status_code == 200
    assert client.post(session_url(wg3)).status_code == 405


@pytest.mark.parametrize("sessions", [1, 20])
def test_body_feed_query_counts(client, django_assert_num_queries, sessions):
    body = factories.body_with_sessions(sessions)
    url = body_url(body)
    # the feed's state (one statement), the body, the current versions, their contents
    # and the tombstones of deleted sessions
    with django_assert_num_queries(5):
        first = client.get(url)
    with django_assert_num_queries(1):  # cached bytes
        assert client.get(url).content == first.content
    with django_assert_num_queries(1):
        assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


@pytest.mark.parametrize("sessions", [1, 20])
def test_session_and_sitting_feed_query_counts(client, django_assert_num_queries, sessions):
    session = Session.objects.filter(body=factories.body_with_sessions(sessions)).first()
    sitting = session.sittings.first()
    # the current version, then its content; after that the content is in memory
    for url, cold in [(session_url(session), 2), (sitting_url(sitting), 1)]:
        with django_assert_num_queries(cold):
            first = client.get(url)
        with django_assert_num_queries(1):
            assert client.get(url).content == first.content
        with django_assert_num_queries(1):
            assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_cached_feeds_are_keyed_on_the_content_version(client, wg3):
    url = session_url(wg3)
    client.get(url)
    cache.clear()
    assert client.get(url).status_code == 200  # from this process's memory of recent feeds
    wg3.title = {"en": "Renamed meeting"}
    wg3.save()
    assert b"Renamed meeting" not in client.get(url).content
    factories.publish(wg3)
    assert b"Renamed meeting" in client.get(url).content


def test_pages_offer_subscribe_and_download(client, wg3):
    body_page = parse(client.get(reverse("body-detail", args=["ctoc-cop-wg3"])).content)
    feed = "/bodies/ctoc-cop-wg3/calendar.ics?lang=en"
    assert body_page.find("a", class_="subscribe", href=f"webcal://testserver{feed}")
    assert body_page.find("input", readonly=True, value=f"http://testserver{feed}")
    assert body_page.find("a", href=feed, download=True)
    page = client.get(reverse("session-detail", args=["ctoc-cop-wg3", 15]) + "?lang=zh")
    html = page.content.decode()
    tree = parse(html)
    feed = "/bodies/ctoc-cop-wg3/sessions/15/calendar.ics?lang=zh"
    assert tree.find("a", class_="subscribe", href=f"webcal://testserver{feed}")
    assert tree.find("input", readonly=True, value=f"http://testserver{feed}")
    for number in (1, 2, 3, 4):
        sitting = f"/bodies/ctoc-cop-wg3/sessions/15/sittings/{number}.ics?lang=zh"
        assert tree.find("a", href=sitting, download=True)
    # each meeting, in the page's language (?lang=zh: the whole page is Chinese)
    assert tree.find("html")["lang"] == "zh" and len(tree.select("details.add-to-calendar")) == 4
    assert html.index("2024年6月5日，星期三") < html.index("第2次会议") < html.index("2024年6月6日")


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert (response.status_code, response.content) == (200, b"ok")


def test_recent_feeds_keep_the_latest_within_their_byte_budget():
    recent = RecentFeeds(budget=10)
    recent.put("a", b"1234")
    recent.put("b", b"5678")
    assert recent.get("a") == b"1234"  # now the most recent
    recent.put("c", b"90")
    recent.put("d", b"xy")
    assert (recent.get("a"), recent.get("b"), recent.get("c"), recent.get("d")) == (
        b"1234",
        None,
        b"90",
        b"xy",
    )
    assert recent.size == 8


def test_the_body_feed_version_follows_every_publication(client):
    body = factories.body()
    session = factories.session(body=body, number=1)
    other = factories.session(body=body, number=2)
    url = body_url(body)
    seen = []

    def check(change, publish=()):
        change()
        for published in publish:
            factories.publish(published)
        response = client.get(url)
        assert response["ETag"] not in seen, change
        seen.append(response["ETag"])

    check(lambda: None)
    check(lambda: factories.sitting(session), publish=[session])
    check(lambda: factories.sitting(other, room="Board Room D"), publish=[other])
    unpublished = client.get(url)["ETag"]
    factories.sitting(other, number=2, start="15:00", end="18:00")
    assert client.get(url)["ETag"] == unpublished  # the working copy changes nothing
    check(lambda: None, publish=[other])
    check(lambda: other.delete())
    check(lambda: session.sittings.get().delete(), publish=[session])
    check(lambda: session.delete())
    check(lambda: setattr(body, "name", {"en": "Renamed"}) or body.save())


def test_content_language_is_the_feeds_not_the_interfaces(client, wg3):
    client.cookies["django_language"] = "zh"
    assert client.get(session_url(wg3))["Content-Language"] == "en"  # the original
    assert client.get(session_url(wg3, lang="zh"))["Content-Language"] == "zh"
    assert client.get(session_url(wg3, lang="ru"))["Content-Language"] == "en, ru"
    assert client.get(body_url(wg3.body))["Content-Language"] == "en"
    sitting = wg3.sittings.get(number=1)
    assert client.get(sitting_url(sitting, lang="zh"))["Content-Language"] == "zh"
