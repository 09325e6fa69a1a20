"""The next session prepared from this one (agenda.services.next_session)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, PublishedVersion
from agenda.rules.numbering import number_items, ordered_tree
from agenda.rules.standing_items import standing_items
from agenda.services.next_session import prepare_next_session
from meetings.models import Session, Sitting
from tests import factories

NEXT_TITLE = "Sixteenth meeting of the Working Group on International Cooperation"


def standing(session) -> list[int]:
    return sorted(standing_items(ordered_tree(AgendaItem.objects.filter(session=session))))


def agenda(session) -> list[tuple[str, dict, dict]]:
    rows = list(AgendaItem.objects.filter(session=session))
    numbers = number_items(rows)
    return [
        (numbers[row.pk], row.title, row.annotation)
        for top, subs in ordered_tree(rows)
        for row in (top, *subs)
    ]


def meetings(session) -> list[tuple]:
    return [
        (s.number, s.date, f"{s.start_time:%H:%M}", f"{s.end_time:%H:%M}", s.room)
        for s in Sitting.objects.filter(session=session).order_by("number")
    ]


def counts() -> tuple[int, int, int]:
    return Session.objects.count(), AgendaItem.objects.count(), Sitting.objects.count()


@pytest.fixture
def officer(wg3):
    return factories.secretariat_member(wg3.body, "officer")


def test_session_16_from_the_seeded_session_15(wg3, officer):
    new = prepare_next_session(
        wg3, start=dt.date(2025, 6, 4), items=standing(wg3), title=NEXT_TITLE, by=officer
    )
    new = Session.objects.get(pk=new.pk)
    assert (new.body, new.number, new.status) == (wg3.body, 16, Session.Status.DRAFT)
    assert new.title == {"en": NEXT_TITLE}
    assert (new.start_date, new.end_date) == (dt.date(2025, 6, 4), dt.date(2025, 6, 5))
    assert new.agenda_symbol == "CTOC/COP/WG.3/2025/1"
    carried = ("venue", "format", "interpretation_languages", "original_language", "distribution")
    assert [getattr(new, f) for f in carried] == [getattr(wg3, f) for f in carried]
    assert (new.issue_date, new.job_number) == (None, "")
    # Titles in every language they have, renumbered; no annotation carried.
    source = {number: title for number, title, _ in agenda(wg3)}
    assert agenda(new) == [
        ("1", source["1"], {}),
        ("1(a)", source["1(a)"], {}),
        ("1(b)", source["1(b)"], {}),
        ("2", source["4"], {}),
        ("3", source["5"], {}),
    ]
    assert source["4"] == {"zh": "其他事项", "en": "Other matters"}
    assert not AgendaItem.objects.filter(session=new).exclude(footnotes=None).exists()
    # The four meetings of the annex, a year on, same times; nothing scheduled in them.
    assert meetings(new) == [
        (1, dt.date(2025, 6, 4), "10:00", "13:00", ""),
        (2, dt.date(2025, 6, 4), "15:00", "18:00", ""),
        (3, dt.date(2025, 6, 5), "10:00", "13:00", ""),
        (4, dt.date(2025, 6, 5), "15:00", "18:00", ""),
    ]
    assert not Sitting.objects.filter(session=new).exclude(scheduled_items=None).exists()
    assert not PublishedVersion.objects.filter(session=new).exists()
    assert not Session.objects.public().filter(pk=new.pk).exists()
    # The history says who created it, and each of its items and meetings.
    assert [(r.history_type, r.history_user) for r in new.history.all()] == [("+", officer)]
    users = {r.history_user for r in AgendaItem.history.filter(session_id=new.pk)}
    users |= {r.history_user for r in Sitting.history.filter(session_id=new.pk)}
    assert users == {officer}
    # The source session is left as it was.
    assert Session.objects.get(pk=wg3.pk).status == Session.Status.ISSUED


def test_the_pattern_of_meetings_moves_with_the_start_and_keeps_rooms(db):
    session = factories.session(start_date=dt.date(2024, 6, 3), end_date=dt.date(2024, 6, 5))
    factories.sitting(session, date=dt.date(2024, 6, 3), room="Board Room A")
    factories.sitting(session, date=dt.date(2024, 6, 3), start="15:00", end="18:00", cancelled=True)
    factories.sitting(session, date=dt.date(2024, 6, 5), start="14:30", end="17:30", room="M-3")
    new = prepare_next_session(session, start=dt.date(2025, 3, 10), items=[], title="Next")
    assert (new.start_date, new.end_date) == (dt.date(2025, 3, 10), dt.date(2025, 3, 12))
    # Monday and Wednesday again; the cancelled meeting is not carried.
    assert meetings(new) == [
        (1, dt.date(2025, 3, 10), "10:00", "13:00", "Board Room A"),
        (2, dt.date(2025, 3, 12), "14:30", "17:30", "M-3"),
    ]
    assert [d.weekday() for _, d, *_ in meetings(new)] == [0, 2]
    assert AgendaItem.objects.filter(session=new).count() == 0


def test_the_items_left_unticked_stay_behind(wg3):
    numbers = {number: pk for pk, number in number_items(wg3.agenda_items.all()).items()}
    new = prepare_next_session(
        wg3,
        start=dt.date(2025, 6, 4),
        items=[numbers["1"], numbers["1(b)"], numbers["3"], numbers["5"]],
        title=NEXT_TITLE,
    )
    assert [(number, title["en"][:22]) for number, title, _ in agenda(new)] == [
        ("1", "Organizational matters"),
        ("1(a)", "Adoption of the agenda"),
        ("2", "Legal and practical co"),
        ("3", "Adoption of the report"),
    ]


def refused(session, **kwargs) -> dict:
    before = counts()
    arguments = {"start": dt.date(2025, 6, 4), "items": standing(session), "title": NEXT_TITLE}
    with pytest.raises(ValidationError) as raised:
        prepare_next_session(session, **{**arguments, **kwargs})
    assert counts() == before  # nothing written
    return (
        raised.value.message_dict if hasattr(raised.value, "error_dict") else raised.value.messages
    )


def test_an_existing_session_16_is_refused_and_nothing_is_written(wg3):
    factories.session(body=wg3.body, number=16, agenda_symbol="")
    assert refused(wg3) == [
        "Working Group on International Cooperation already has a session 16: open it from "
        "the body's page instead of preparing another one."
    ]


def test_the_start_must_come_after_this_session(wg3):
    assert refused(wg3, start=dt.date(2024, 6, 6)) == {
        "start": ["The next session must start after this one ends (6 June 2024)."]
    }
    assert refused(wg3, start=None) == {"start": ["Give the date the next session starts."]}


def test_the_title_is_asked_in_the_original_language(wg3):
    assert refused(wg3, title="  ") == {
        "title": ["Give the new session's title in its original language (English)."]
    }


def test_a_sub_item_goes_only_with_its_item(wg3):
    numbers = {number: pk for pk, number in number_items(wg3.agenda_items.all()).items()}
    assert refused(wg3, items=[numbers["1(a)"], numbers["4"]]) == {
        "items": ["A sub-item is carried with its item: tick item 1 too, or untick its sub-items."]
    }


def test_an_item_of_another_session_is_refused(wg3):
    other = factories.item(factories.session(), "Opening of the session")
    assert refused(wg3, items=[other.pk]) == {
        "items": ["Some of the chosen items are not on this agenda (any more)."]
    }


def test_a_symbol_another_session_has_is_left_for_the_secretariat(wg3):
    factories.session(agenda_symbol="CTOC/COP/WG.3/2025/1")
    new = prepare_next_session(wg3, start=dt.date(2025, 6, 4), items=[], title=NEXT_TITLE)
    assert new.agenda_symbol == ""


def test_a_session_numbered_series_and_a_second_session_in_a_year(db):
    hrc = factories.body(symbol_prefix="A/HRC")
    session = factories.session(body=hrc, number=58, agenda_symbol="A/HRC/58/1")
    assert (
        prepare_next_session(
            session, start=dt.date(2025, 6, 16), items=[], title="59"
        ).agenda_symbol
        == "A/HRC/59/1"
    )
    wg = factories.session(agenda_symbol="CTOC/COP/WG.2/2024/1")
    assert (
        prepare_next_session(wg, start=dt.date(2024, 10, 1), items=[], title="x").agenda_symbol
        == ""
    )
