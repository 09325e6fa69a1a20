"""What calendars are told of sittings that are gone: a sitting a new version drops stays in
that version's feeds as cancelled; a deleted session's published sittings leave a
RemovedSitting for the body feed."""

import datetime as dt

import pytest

from agenda.reads.content import published_content
from meetings.models import RemovedSitting, Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return factories.session(number=15)


def test_a_sitting_a_version_drops_is_kept_as_removed_one_sequence_higher(session):
    sitting = factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.publish(session)
    sitting.room = "Board Room D"
    sitting.save()
    factories.publish(session)  # its event changed: sequence 1
    sitting.delete()
    (removed,) = published_content(factories.publish(session)).removed
    assert (removed.uid, removed.number, removed.date) == (sitting.uid, 2, dt.date(2024, 6, 5))
    assert (removed.start_time, removed.end_time) == (dt.time(15), dt.time(18))
    assert (removed.time_zone, removed.sequence) == ("Europe/Vienna", 2)
    assert RemovedSitting.objects.count() == 0  # the session itself is still there


def test_deleting_a_session_keeps_its_published_sittings_tombstones_for_the_body(session):
    factories.sitting(session, number=1)
    factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.publish(session)
    factories.sitting(session, number=3, date=dt.date(2024, 6, 6))  # never published
    body = session.body
    session.delete()
    assert sorted(body.removed_sittings.values_list("session_number", "number")) == [
        (15, 1),
        (15, 2),
    ]


def test_a_session_never_published_leaves_none():
    draft = factories.session(status=Session.Status.DRAFT)
    factories.sitting(draft)
    draft.delete()
    assert RemovedSitting.objects.count() == 0


def test_a_venue_of_the_session_gives_the_zone(session):
    session.venue = factories.venue(time_zone="America/New_York")
    session.save()
    factories.sitting(session)
    factories.publish(session)
    session.delete()
    assert RemovedSitting.objects.get().time_zone == "America/New_York"
