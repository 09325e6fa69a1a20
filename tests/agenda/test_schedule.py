"""The organization-of-work editor: meetings, the items they take up, and the warnings."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agenda.models import ScheduledItem
from agenda.reads.agenda import session_agenda
from agenda.services import sittings as schedule
from meetings.models import Sitting
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(draft):
    return draft


def annex(session) -> list[tuple[int, list[str]]]:
    rows = [
        row
        for _, rows in session_agenda(factories.content(session), "en").organization
        for row in rows
    ]
    return [
        (
            row.sitting.number,
            [e.item.number + (" (continued)" if e.continued else "") for e in row.entries],
        )
        for row in rows
    ]


def test_meetings_take_up_items_in_order_with_continued_derived(session, four_items):
    morning = schedule.add_sitting(
        session, date=session.start_date, start_time=dt.time(10), end_time=dt.time(13)
    )
    afternoon = schedule.add_sitting(
        session, date=session.start_date, start_time=dt.time(15), end_time=dt.time(18)
    )
    for key in ("1(a)", "1(b)", "2"):
        schedule.assign(morning, four_items[key])
    schedule.assign(afternoon, four_items["2"])
    assert (morning.number, afternoon.number) == (1, 2)
    assert annex(session) == [(1, ["1(a)", "1(b)", "2"]), (2, ["2 (continued)"])]
    line = ScheduledItem.objects.get(sitting=morning, item=four_items["2"])
    schedule.move_line(line, "up")
    assert annex(session)[0] == (1, ["1(a)", "2", "1(b)"])


def test_assigning_twice_or_across_sessions_is_refused(session, four_items):
    sitting = factories.sitting(session)
    schedule.assign(sitting, four_items["2"])
    with pytest.raises(ValidationError, match="already takes up that item"):
        schedule.assign(sitting, four_items["2"])
    stranger = factories.item(factories.session(), "Elsewhere")
    with pytest.raises(ValidationError, match="another session"):
        schedule.assign(sitting, stranger)


def test_meeting_rules_apply(session):
    schedule.add_sitting(
        session, date=session.start_date, start_time=dt.time(10), end_time=dt.time(13)
    )
    with pytest.raises(ValidationError, match="overlaps meeting 1"):
        schedule.add_sitting(
            session, date=session.start_date, start_time=dt.time(12), end_time=dt.time(14)
        )
    with pytest.raises(ValidationError, match="outside the session's dates"):
        schedule.add_sitting(session, date=dt.date(2030, 1, 1))
    assert Sitting.objects.filter(session=session).count() == 1


def test_warnings_for_unscheduled_items_and_empty_meetings(session, four_items):
    first = factories.sitting(session)
    factories.sitting(session, start="15:00", end="18:00")
    cancelled = factories.sitting(session, date=session.end_date, cancelled=True)
    schedule.assign(first, four_items["1(a)"])
    schedule.assign(cancelled, four_items["2"])

    def current():
        w = schedule.warnings(
            list(session.agenda_items.all()),
            list(session.sittings.all()),
            list(ScheduledItem.objects.filter(sitting__session=session)),
        )
        return w.unscheduled, w.empty_sittings

    assert current() == (["1(b)", "2"], [2])  # a cancelled meeting takes up nothing
    schedule.assign(first, four_items["1"])  # the whole of item 1 covers its sub-items
    assert current() == (["2"], [2])


@pytest.mark.parametrize("count", [2, 40])
def test_organization_page_query_count_is_fixed(
    client, session, editor, count, django_assert_num_queries
):
    for n in range(count):
        item = factories.item(session, f"Item {n}")
        sitting = factories.sitting(
            session,
            date=session.start_date if n % 2 else session.end_date,
            start=f"{8 + n // 4 % 12:02d}:{(n % 4) * 15:02d}",
            end=f"{8 + n // 4 % 12:02d}:{(n % 4) * 15 + 10:02d}",
        )
        factories.schedule(sitting, item)
    # auth session and user, session, secretariat check, items, sittings, scheduled items
    with django_assert_num_queries(7):
        assert client.get(url("session-organization", session)).status_code == 200


def test_organization_page_and_actions(client, session, four_items, editor):
    response = client.post(
        url("sitting-add", session),
        {"date": "2024-06-05", "start_time": "10:00", "end_time": "13:00"},
        HTTP_HX_REQUEST="true",
    )
    html = parse(response.content)
    assert (html.children[0].tag, html.children[0].get("id")) == ("div", "organization")
    assert "Meeting 1" in html.visible_text
    assert "No meeting takes up these items: 1(a), 1(b), 2." in html.visible_text
    sitting = session.sittings.get()
    client.post(url("sitting-assign", session, sitting.pk), {"item": four_items["2"].pk})
    page = client.get(url("session-organization", session)).content.decode()
    assert "No meeting takes up these items: 1(a), 1(b)." in page
    response = client.post(
        url("sitting-edit", session, sitting.pk),
        {"date": "2024-06-05", "start_time": "13:00", "end_time": "12:00"},
        HTTP_HX_REQUEST="true",
    )
    assert "The meeting must end after it starts (13:00)" in response.content.decode()
    line = ScheduledItem.objects.get()
    client.post(url("line-remove", session, line.pk))
    assert not ScheduledItem.objects.exists()
    sitting.refresh_from_db()
    client.post(url("sitting-delete", session, sitting.pk), {"version": sitting.version})
    assert not session.sittings.exists()


def test_a_stale_meeting_form_is_refused(session, four_items):
    sitting = factories.sitting(session)
    seen = Sitting.objects.get(pk=sitting.pk).version
    schedule.update_sitting(sitting, version=seen, room="M-Board room")
    with pytest.raises(ValidationError, match="someone else changed meeting 1 after you opened"):
        schedule.update_sitting(sitting, version=seen, room="Plenary hall")
    with pytest.raises(ValidationError, match=r"it is now .*M-Board room"):
        schedule.delete_sitting(sitting, version=seen)
    assert Sitting.objects.get(pk=sitting.pk).room == "M-Board room"
