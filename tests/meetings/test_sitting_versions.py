"""Sitting.version (the editor's lock on a meeting's form) and the calendar SEQUENCE that
publishing computes: it rises only when what a sitting's event shows changed."""

import datetime as dt

import pytest

from agenda.reads.content import published_content
from meetings.models import Sitting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting():
    return factories.sitting(factories.session(), room="Board Room D")


def stored(sitting) -> Sitting:
    return Sitting.objects.get(pk=sitting.pk)


def sequence(sitting) -> int:
    """The SEQUENCE the sitting's event has in its session's current published version."""
    version = factories.publish(sitting.session)
    return published_content(version).event(stored(sitting)).sequence


def test_a_new_sitting_starts_at_version_zero_with_a_uid(sitting):
    assert stored(sitting).version == 0
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
def test_changing_what_the_form_guards_bumps_the_version(sitting, field, value):
    setattr(sitting, field, value)
    sitting.save()
    assert sitting.version == 1 == stored(sitting).version


def test_other_saves_leave_the_version_alone(sitting):
    sitting.interpretation = False
    sitting.save()
    sitting.save()
    assert stored(sitting).version == 0


def test_update_fields_saves_the_bump_too(sitting):
    sitting.room = "Plenary Hall M"
    sitting.save(update_fields=["room"])
    assert stored(sitting).version == 1


def test_a_stale_instance_never_moves_the_version_back(sitting):
    stale = stored(sitting)
    sitting.room = "Plenary Hall M"
    sitting.save()
    stale.cancelled = True
    stale.save()
    assert stored(sitting).version == 2


def test_the_uid_never_changes_across_edits(sitting):
    uid = stored(sitting).uid
    sitting.date, sitting.room, sitting.number = dt.date(2024, 6, 6), "Hall", 9
    sitting.save()
    assert stored(sitting).uid == uid


def test_a_published_move_to_another_zone_raises_the_sequence(sitting):
    assert sequence(sitting) == 0
    session = sitting.session
    session.venue = factories.venue(time_zone="America/New_York")
    session.save()
    assert sequence(sitting) == 1


def test_a_corrected_time_zone_raises_the_sequence_of_the_sittings_held_there(sitting):
    other = factories.sitting(factories.session())
    assert (sequence(sitting), sequence(other)) == (0, 0)
    station = sitting.session.body.duty_station
    station.time_zone = "Europe/Berlin"
    station.save()
    assert (sequence(sitting), sequence(other)) == (1, 0)


def test_a_new_duty_station_moves_the_sittings_of_sessions_without_a_venue(sitting):
    held_elsewhere = factories.sitting(
        factories.session(body=sitting.session.body, venue=factories.venue())
    )
    assert (sequence(sitting), sequence(held_elsewhere)) == (0, 0)
    body = sitting.session.body
    body.duty_station = factories.venue(time_zone="Asia/Bangkok")
    body.save()
    assert (sequence(sitting), sequence(held_elsewhere)) == (1, 0)
