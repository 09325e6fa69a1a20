"""Changes to what a sitting's event description lists bump its sequence."""

import pytest

from agenda.models import ScheduledItem
from meetings.models import Sitting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return factories.session()


def sequences(session) -> list[int]:
    ordered = Sitting.objects.filter(session=session).order_by("number")
    return list(ordered.values_list("sequence", flat=True))


@pytest.fixture
def scheduled(session):
    """Two items in sitting 1, none in sitting 2; sequences reset to zero."""
    first, second = factories.item(session, "First"), factories.item(session, "Second")
    morning = factories.sitting(session, number=1)
    factories.sitting(session, number=2, start="15:00", end="18:00")
    factories.schedule(morning, first, second)
    Sitting.objects.update(sequence=0)
    return first, second, morning


def test_adding_removing_and_reordering_items_of_a_sitting_bump_it(session, scheduled):
    first, _, morning = scheduled
    third = factories.item(session, "Third")
    Sitting.objects.update(sequence=0)
    ScheduledItem.objects.create(sitting=morning, item=third, position=2)
    assert sequences(session) == [1, 0]
    line = ScheduledItem.objects.get(item=first)
    line.position = 5
    line.save()
    assert sequences(session) == [2, 0]
    line.delete()
    assert sequences(session) == [3, 0]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param("title", {"en": "Opening"}, [1, 0], id="retitled"),
        pytest.param("fixed_number", 7, [1, 0], id="renumbered"),
        pytest.param("position", 5, [1, 0], id="moved"),
        pytest.param("annotation", {"en": "A long annotation."}, [0, 0], id="annotated"),
    ],
)
def test_item_edits_bump_the_sittings_when_calendars_show_them(
    session, scheduled, field, value, expected
):
    first, _, _ = scheduled
    setattr(first, field, value)
    first.save()
    assert sequences(session) == expected


def test_adding_or_deleting_an_item_may_renumber_the_others(session, scheduled):
    first, _, _ = scheduled
    factories.item(session, "Inserted", position=0)
    assert sequences(session) == [1, 0]
    first.delete()
    assert sequences(session)[0] > 1
