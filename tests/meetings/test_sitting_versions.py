"""Sitting.sequence and changed_at: what calendars compare to replace the event they hold."""

import datetime as dt

import pytest

from meetings.models import Sitting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting():
    return factories.sitting(factories.session(), room="Board Room D")


def stored(sitting) -> Sitting:
    return Sitting.objects.get(pk=sitting.pk)


def test_a_new_sitting_starts_at_sequence_zero_with_a_uid(sitting):
    assert stored(sitting).sequence == 0
    assert stored(sitting).uid == sitting.uid
    assert sitting.ical_uid == f"{sitting.uid}@sittings.un-meetings-planner.invalid"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", dt.date(2024, 6, 6)),
        ("start_time", dt.time(9, 0)),
        ("end_time", dt.time(12, 0)),
        ("room", "Plenary Hall M"),
        ("cancelled", True),
    ],
)
def test_changing_what_the_event_shows_bumps_the_sequence(sitting, field, value):
    before = stored(sitting).changed_at
    setattr(sitting, field, value)
    sitting.save()
    assert sitting.sequence == 1 == stored(sitting).sequence
    assert stored(sitting).changed_at > before


def test_other_saves_leave_the_sequence_alone(sitting):
    sitting.interpretation = False
    sitting.save()
    sitting.save()
    assert stored(sitting).sequence == 0


def test_update_fields_saves_the_bump_too(sitting):
    sitting.room = "Plenary Hall M"
    sitting.save(update_fields=["room"])
    assert stored(sitting).sequence == 1


def test_a_stale_instance_never_moves_the_sequence_back(sitting):
    stale = stored(sitting)
    sitting.room = "Plenary Hall M"
    sitting.save()
    stale.cancelled = True
    stale.save()
    assert stored(sitting).sequence == 2


def test_the_uid_never_changes_across_edits(sitting):
    uid = stored(sitting).uid
    sitting.date, sitting.room, sitting.number = dt.date(2024, 6, 6), "Hall", 9
    sitting.save()
    assert stored(sitting).uid == uid


def test_a_move_to_another_zone_bumps_the_sittings_of_the_session(sitting):
    session = sitting.session
    session.venue = factories.venue(time_zone="America/New_York")
    session.save()
    assert stored(sitting).sequence == 1
    session.title = {"en": "Renamed"}
    session.save()
    assert stored(sitting).sequence == 1


def test_a_corrected_time_zone_bumps_the_sittings_held_there(sitting):
    other = factories.sitting(factories.session())
    station = sitting.session.body.duty_station
    station.time_zone = "Europe/Berlin"
    station.save()
    assert (stored(sitting).sequence, stored(other).sequence) == (1, 0)
    station.name = {"en": "Renamed"}
    station.save()
    assert stored(sitting).sequence == 1


def test_a_new_duty_station_bumps_the_sittings_of_sessions_without_a_venue(sitting):
    held_elsewhere = factories.sitting(
        factories.session(body=sitting.session.body, venue=factories.venue())
    )
    body = sitting.session.body
    body.duty_station = factories.venue(time_zone="Asia/Bangkok")
    body.save()
    assert (stored(sitting).sequence, stored(held_elsewhere).sequence) == (1, 0)
