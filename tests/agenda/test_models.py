import pytest
from django.core.exceptions import ValidationError

from agenda.models import AgendaItem, Document, ScheduledItem
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_sub_item_cannot_have_sub_items():
    session = factories.session()
    item = factories.item(session, "Organizational matters")
    sub = factories.item(session, "Opening", parent=item)
    too_deep = AgendaItem(session=session, parent=sub, title={"en": "Too deep"})
    assert factories.clean_errors(too_deep)["parent"] == [
        "Sub-items cannot have sub-items of their own: agendas number items 1, 2, … and "
        "sub-items (a), (b), … only."
    ]


def test_an_item_with_sub_items_cannot_become_a_sub_item():
    session = factories.session()
    first = factories.item(session, "First")
    second = factories.item(session, "Second")
    factories.item(session, "Sub", parent=second)
    second.parent = first
    assert factories.clean_errors(second)["parent"] == [
        "This item has sub-items, so it cannot become a sub-item itself."
    ]


def test_a_sub_item_must_be_in_its_parents_session():
    item = factories.item(factories.session(), "Parent")
    stray = AgendaItem(session=factories.session(), parent=item, title={"en": "x"})
    assert factories.clean_errors(stray)["parent"] == [
        "A sub-item must belong to the same session."
    ]


def test_duplicate_document_symbols_are_refused_after_normalising():
    factories.document("A/58/499")
    duplicate = Document(symbol="Ａ／58／499", title={"en": "Again"})
    assert factories.clean_errors(duplicate)["symbol"] == [
        "The register already has a document A/58/499."
    ]


def test_malformed_document_symbol_is_refused():
    document = Document(symbol="A/58/#", title={"en": "x"})
    assert factories.clean_errors(document)["symbol"] == [
        "“A/58/#” contains characters that cannot appear in a symbol: #."
    ]


def test_an_item_can_only_be_scheduled_in_its_own_session():
    item = factories.item(factories.session(), "x")
    sitting = factories.sitting(factories.session())
    with pytest.raises(ValidationError) as exc:
        ScheduledItem(sitting=sitting, item=item).full_clean()
    assert exc.value.messages == ["An item can only be scheduled in a meeting of its own session."]
