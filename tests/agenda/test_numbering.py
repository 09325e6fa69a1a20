import pytest

from agenda.rules.numbering import (
    letter,
    letter_number,
    number_in,
    number_items,
    numbering_problems,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("n", "expected"), [(1, "a"), (2, "b"), (26, "z"), (27, "aa")])
def test_letters(n, expected):
    assert letter(n) == expected
    assert letter_number(expected) == n


def test_numbers_follow_the_order_of_items_and_sub_items():
    session = factories.session()
    organizational = factories.item(session, "Organizational matters")
    opening = factories.item(session, "Opening", parent=organizational)
    adoption = factories.item(session, "Adoption of the agenda", parent=organizational)
    technology = factories.item(session, "Technology")
    other = factories.item(session, "Other matters")
    numbers = number_items(session.agenda_items.all())
    assert [numbers[i.pk] for i in (organizational, opening, adoption, technology, other)] == [
        "1",
        "1(a)",
        "1(b)",
        "2",
        "3",
    ]


def test_reordering_renumbers():
    session = factories.session()
    first = factories.item(session, "First")
    second = factories.item(session, "Second")
    first.position, second.position = 1, 0
    assert number_items([first, second]) == {second.pk: "1", first.pk: "2"}


def test_a_fixed_number_pins_the_item_and_the_next_ones_follow_it():
    session = factories.session()
    crime = factories.item(session, "Crime prevention", fixed_number=108)
    drugs = factories.item(session, "International drug control")
    assert number_items([crime, drugs]) == {crime.pk: "108", drugs.pk: "109"}


def test_fixed_numbers_that_do_not_increase_are_reported():
    session = factories.session()
    factories.item(session, "A", fixed_number=110)
    factories.item(session, "B", fixed_number=108)
    assert numbering_problems(session.agenda_items.all()) == [
        "Item “B” is pinned to number 108, which does not follow 110."
    ]


def test_arabic_documents_letter_sub_items_in_abjad_order():
    assert [number_in(n, "ar") for n in ["1(a)", "(b)", "1(e)", "12"]] == [
        "1(أ)",
        "(ب)",
        "1(هـ)",
        "12",
    ]
    assert number_in("1(a)", "zh") == "1(a)"
