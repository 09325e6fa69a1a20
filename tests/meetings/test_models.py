import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Body, Session, Sitting
from tests import factories

pytestmark = pytest.mark.django_db


def messages(exc) -> dict:
    return exc.value.message_dict


def test_sitting_times_are_in_the_venue_time_zone():
    session = factories.session()
    sitting = factories.sitting(session, start="10:00", end="13:00")
    assert sitting.starts_at.isoformat() == "2024-06-05T10:00:00+02:00"
    assert sitting.ends_at.isoformat() == "2024-06-05T13:00:00+02:00"


def test_session_venue_overrides_the_duty_station_time_zone():
    new_york = factories.venue(time_zone="America/New_York")
    session = factories.session(venue=new_york)
    sitting = factories.sitting(session, start="10:00", end="13:00")
    assert sitting.starts_at.isoformat() == "2024-06-05T10:00:00-04:00"


def test_sitting_outside_the_session_dates_is_refused():
    session = factories.session()
    sitting = Sitting(session=session, number=1, date=dt.date(2024, 6, 7))
    assert factories.clean_errors(sitting)["date"] == [
        "7 June 2024 is outside the session's dates (5 June 2024 to 6 June 2024)."
    ]


def test_sitting_ending_before_it_starts_is_refused():
    session = factories.session()
    sitting = factories.sitting(session, 1, start="15:00", end="13:00", save=False)
    assert factories.clean_errors(sitting)["end_time"] == [
        "The meeting must end after it starts (15:00); 13:00 is not later."
    ]


def test_sitting_with_only_one_time_is_refused():
    session = factories.session()
    sitting = Sitting(session=session, number=1, date=session.start_date, start_time=dt.time(10))
    assert factories.clean_errors(sitting)["end_time"] == [
        "Give both the start and the end time, or neither."
    ]


def test_overlapping_sittings_of_one_session_are_refused():
    session = factories.session()
    factories.sitting(session, number=1, start="10:00", end="13:00")
    clash = factories.sitting(session, 2, start="12:00", end="15:00", save=False)
    with pytest.raises(ValidationError) as exc:
        clash.full_clean()
    assert exc.value.messages == [
        "This meeting overlaps meeting 1 of the same session (5 June 2024, 10:00–13:00)."
    ]


def test_back_to_back_and_cancelled_sittings_do_not_overlap():
    session = factories.session()
    factories.sitting(session, number=1, start="10:00", end="13:00")
    factories.sitting(session, number=2, start="11:00", end="12:00", cancelled=True)
    afternoon = factories.sitting(session, 3, start="13:00", end="18:00", save=False)
    afternoon.full_clean()


def test_sittings_of_different_sessions_may_share_a_slot():
    first, second = factories.session(), factories.session()
    factories.sitting(first, number=1)
    other = factories.sitting(second, 1, start="10:00", end="13:00", save=False)
    other.full_clean()


def test_sitting_number_is_unique_per_session():
    session = factories.session()
    factories.sitting(session, number=1)
    duplicate = Sitting(session=session, number=1, date=session.end_date)
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert exc.value.messages == ["This session already has a meeting with that number."]


def test_session_end_before_start_is_refused():
    session = Session(
        body=factories.body(),
        number=1,
        title={"en": "x"},
        start_date=dt.date(2024, 6, 6),
        end_date=dt.date(2024, 6, 5),
    )
    assert factories.clean_errors(session)["end_date"] == [
        "The session cannot end before it starts."
    ]


def test_session_number_is_unique_per_body():
    existing = factories.session()
    duplicate = Session(body=existing.body, number=existing.number, title={"en": "x"})
    with pytest.raises(ValidationError) as exc:
        duplicate.full_clean()
    assert exc.value.messages == ["This body already has a session with that number."]


def test_session_agenda_symbol_is_normalised_and_checked():
    session = Session(body=factories.body(), number=1, title={"en": "x"}, agenda_symbol="Ａ/58/1")
    session.full_clean()
    assert session.agenda_symbol == "A/58/1"
    session.agenda_symbol = "A//1"
    assert factories.clean_errors(session)["agenda_symbol"] == [
        "“A//1” has an empty part: remove the doubled or trailing “/”."
    ]


def test_session_interpretation_languages_must_be_un_languages():
    session = Session(
        body=factories.body(), number=1, title={"en": "x"}, interpretation_languages=["en", "de"]
    )
    assert factories.clean_errors(session)["interpretation_languages"] == [
        "Unknown language code(s): de. Use the UN languages: ar, zh, en, fr, ru, es."
    ]


def test_body_cannot_be_its_own_ancestor():
    parent = factories.body()
    child = factories.body(parent=parent)
    parent.parent = child
    assert factories.clean_errors(parent)["parent"] == [
        "A body cannot be its own parent or ancestor."
    ]


def test_body_ancestors_run_from_parent_upwards():
    root = factories.body(slug="ga")
    committee = factories.body(slug="ga-c3", parent=root)
    assert factories.body(parent=committee).ancestors() == [committee, root]


def test_unknown_time_zone_is_refused():
    station = factories.venue()
    station.time_zone = "Europe/Atlantis"
    assert factories.clean_errors(station)["time_zone"] == [
        "“Europe/Atlantis” is not a known time zone; use an IANA name such as Europe/Vienna."
    ]


def test_public_sessions_are_the_published_ones():
    body = factories.body()
    factories.session(body=body, number=1, status=Session.Status.DRAFT)
    issued = factories.session(body=body, number=2)
    factories.session(body=body, number=3)  # issued, but no version published
    factories.publish(issued)
    factories.item(issued, "Late")
    factories.publish(issued)  # two versions, one current: listed once
    assert list(Session.objects.public().filter(body=body)) == [issued]


def test_body_symbol_prefix_is_checked():
    body = Body(slug="x", name={"en": "x"}, symbol_prefix="ctoc//x", duty_station=factories.venue())
    assert factories.clean_errors(body)["symbol_prefix"] == [
        "“ctoc//x” is not a valid symbol series."
    ]
