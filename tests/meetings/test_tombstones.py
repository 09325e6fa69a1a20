"""Deleted sittings leave a RemovedSitting, so the feeds can cancel them in calendars."""

import datetime as dt

import pytest

from meetings.models import RemovedSitting, Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return factories.session(number=15)


def test_deleting_a_sitting_leaves_its_tombstone(session):
    sitting = factories.sitting(session, number=2, start="15:00", end="18:00")
    sitting.room = "Board Room D"
    sitting.save()  # sequence 1
    stale = type(sitting).objects.get(pk=sitting.pk)
    sitting.cancelled = True
    sitting.save()  # sequence 2, not known to `stale`
    stale.delete()
    removed = RemovedSitting.objects.get()
    assert (removed.uid, removed.body, removed.session_number, removed.number) == (
        sitting.uid,
        session.body,
        15,
        2,
    )
    assert (removed.date, removed.start_time, removed.end_time) == (
        dt.date(2024, 6, 5),
        dt.time(15),
        dt.time(18),
    )
    assert removed.time_zone == "Europe/Vienna"
    assert removed.sequence == 2
    assert removed.session_title == session.title
    assert removed.ical_uid == sitting.ical_uid


def test_deleting_a_session_keeps_its_sittings_tombstones_for_the_body(session):
    factories.sitting(session, number=1)
    factories.sitting(session, number=2, start="15:00", end="18:00")
    body = session.body
    session.delete()
    assert sorted(body.removed_sittings.values_list("session_number", "number")) == [
        (15, 1),
        (15, 2),
    ]


def test_sittings_of_a_draft_were_never_published_and_leave_none():
    draft = factories.session(status=Session.Status.DRAFT)
    factories.sitting(draft).delete()
    assert RemovedSitting.objects.count() == 0


def test_a_venue_of_the_session_gives_the_zone(session):
    session.venue = factories.venue(time_zone="America/New_York")
    session.save()
    factories.sitting(session).delete()
    assert RemovedSitting.objects.get().time_zone == "America/New_York"
