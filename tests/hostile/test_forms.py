"""Hostile input on the editor's forms: markup and script are stored as text and escaped in
every output (HTML, PDF, ICS); oversized, malformed or impossible values get a clear error and
nothing is half-saved."""

import subprocess

import pytest
from icalendar import Calendar

from agenda.models import AgendaItem
from agenda.outputs.pdf.render import render_agenda_pdf
from meetings.models import Sitting
from tests import factories
from tests.hostile.conftest import url
from tests.parsed import find_all

SCRIPT = "<script>alert(1)</script>"
MARKUP = SCRIPT + '<img src=x onerror="alert(2)">'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"
TEN_MB = "A" * (10 * 1024 * 1024)


def save_item(client, session, item, title, annotation=""):
    data = {"title": title, "annotation": annotation, "version": item.version}
    return client.post(url("item-edit", session, item.pk) + "?lang=en", data)


def test_markup_in_an_item_is_text_on_the_page_in_the_editor_and_in_the_pdf(
    client, session, editor
):
    item = session.agenda_items.get()
    assert save_item(client, session, item, MARKUP, f"Before {MARKUP} after").status_code == 302
    item.refresh_from_db()
    assert item.title == {"en": MARKUP}  # stored as typed
    for page in (
        client.get(url("session-detail", session)),
        client.get(url("session-edit", session) + "?lang=en"),
        client.get(url("session-pdf-preview", session, "en")),
    ):
        assert page.status_code == 200
        assert SCRIPT not in page.text
        assert page.text.count(ESCAPED) >= 1
    pdf = render_agenda_pdf(factories.content(session), "en")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert SCRIPT in text  # drawn as the characters typed, not interpreted


def test_crlf_in_a_room_is_refused_and_cannot_add_events_to_the_feed(client, session, editor):
    sitting = session.sittings.get()
    room = "Room A\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\r\nLOCATION:x"
    data = {
        "date": "2024-06-05",
        "start_time": "10:00",
        "end_time": "13:00",
        "room": room,
        "interpretation": "on",
        "version": sitting.version,
    }
    response = client.post(url("sitting-edit", session, sitting.pk), data, follow=True)
    assert (
        "This text contains an invisible control character (U+000D) at character 7; remove it."
        in response.text
    )
    sitting.refresh_from_db()
    assert sitting.room == ""
    # A room stored before the rule (written behind the validation) is still escaped.
    Sitting.objects.filter(pk=sitting.pk).update(room=room)
    feed = client.get(url("session-calendar", session))
    assert feed.status_code == 200
    (event,) = Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("1st meeting")
    assert str(event["LOCATION"]).endswith(room.replace("\r\n", "\n"))
    assert b"\r\nSUMMARY:pwned" not in feed.content


@pytest.mark.parametrize(
    ("name", "item_arg", "data"),
    [
        ("item-add", False, {"title": TEN_MB}),
        ("item-edit", True, {"title": "x", "annotation": TEN_MB, "version": 1}),
        ("footnote-add", True, {"label": "1", "text": TEN_MB}),
        ("sitting-add", False, {"date": "2024-06-05", "room": TEN_MB}),
        ("session-details", False, {"number": 1, "title": TEN_MB}),
        ("agenda-paste", False, {"text": TEN_MB}),
        ("document-list-add", True, {"symbol": TEN_MB}),
    ],
)
def test_ten_megabytes_are_refused_before_any_form_sees_them(
    client, session, editor, rows, name, item_arg, data
):
    before = rows()
    args = [session.agenda_items.get().pk] if item_arg else []
    response = client.post(url(name, session, *args), data)
    # Over the request cap (3 MB): refused from its Content-Length, the body never read.
    assert response.status_code == 413
    assert "The request sent 10.0\xa0MB; at most 3.0\xa0MB are accepted" in response.text
    assert "nothing was saved." in response.text
    # Under the cap but over Django's limit for form data: refused when the form is read.
    response = client.post(
        url(name, session, *args), {k: v[:2_700_000] if v == TEN_MB else v for k, v in data.items()}
    )
    assert response.status_code == 400
    assert "more than 2.5 MB of form data" in response.text
    assert "Nothing was saved." in response.text
    assert rows() == before


@pytest.mark.parametrize(("field", "limit"), [("title", 2_000), ("annotation", 50_000)])
def test_too_long_texts_are_named_with_their_limit(client, session, editor, rows, field, limit):
    item = session.agenda_items.get()
    before = rows()
    data = {"title": "x", "annotation": "", field: "y" * (limit + 1)}
    response = save_item(client, session, item, **data)
    message = f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    assert message in response.text
    assert rows() == before
    item.refresh_from_db()
    assert (item.title, item.version) == ({"en": "Opening"}, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2024-02-30"}, "Enter a valid date."),
        ({"date": "2024-06-05", "start_time": "25:61", "end_time": "26:00"}, "24-hour clock"),
        ({"date": "99999-01-01"}, "Enter a valid date."),
        ({"date": "2024-06-05", "start_time": "15:00", "end_time": "10:00"}, "must end after"),
    ],
)
def test_impossible_dates_and_times_of_a_meeting(client, session, editor, rows, data, message):
    before = rows()
    response = client.post(
        url("sitting-add", session), {"interpretation": "on", **data}, follow=True
    )
    assert response.status_code == 200  # the organization page, saying what is wrong
    assert message in response.text
    assert rows() == before
    assert Sitting.objects.filter(session=session).count() == 1


def test_impossible_session_dates(client, session, editor, rows):
    before = rows()
    data = {"number": session.number, "title": "T", "start_date": "2024-13-01", "format": "x"}
    response = client.post(url("session-details", session) + "?lang=en", data)
    assert response.status_code == 422
    assert "Enter a valid date." in response.text
    assert rows() == before


def test_bidi_overrides_are_kept_but_isolated(client, session, editor):
    """A right-to-left override in a title stays (it may be meant) but is shut in a <bdi>,
    so it cannot reverse the item number or the text after it."""
    item = session.agenda_items.get()
    title = "Report\u202e fdp.exe"
    assert save_item(client, session, item, title).status_code == 302
    page = client.get(url("session-detail", session))
    assert title in [bdi.text for bdi in find_all(page.content, "bdi")]
    assert AgendaItem.objects.get(pk=item.pk).title == {"en": title}
