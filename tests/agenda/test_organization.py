import pytest

from agenda.models import ScheduledItem
from agenda.reads.organization import organization_rows
from tests import factories

pytestmark = pytest.mark.django_db


def lines(session):
    rows = organization_rows(
        session.sittings.all(),
        ScheduledItem.objects.filter(sitting__session=session).select_related("item"),
    )
    return [(row.sitting.number, [(str(e.item), e.continued) for e in row.entries]) for row in rows]


def test_an_item_taken_up_again_is_continued():
    session = factories.session()
    one, two, three = (factories.item(session, t) for t in ("One", "Two", "Three"))
    # created out of time order on purpose: order comes from date and time
    afternoon = factories.sitting(session, number=2, start="15:00", end="18:00")
    morning = factories.sitting(session, number=1, start="10:00", end="13:00")
    next_day = factories.sitting(session, number=3, date=session.end_date)
    factories.schedule(morning, one, two)
    factories.schedule(afternoon, two, three)
    factories.schedule(next_day, three)
    assert lines(session) == [
        (1, [("One", False), ("Two", False)]),
        (2, [("Two", True), ("Three", False)]),
        (3, [("Three", True)]),
    ]


def test_a_cancelled_sitting_does_not_make_later_ones_continued():
    session = factories.session()
    item = factories.item(session, "One")
    cancelled = factories.sitting(session, number=1, cancelled=True)
    later = factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.schedule(cancelled, item)
    factories.schedule(later, item)
    assert lines(session) == [(1, [("One", False)]), (2, [("One", False)])]


def test_sittings_with_nothing_assigned_still_have_a_row():
    session = factories.session()
    factories.sitting(session, number=1)
    assert lines(session) == [(1, [])]
