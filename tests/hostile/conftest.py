import pytest
from django.urls import reverse

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from meetings.models import Session, Sitting
from tests import factories

TABLES = (Session, Sitting, AgendaItem, Footnote, Document, DocumentLink, ScheduledItem)


@pytest.fixture
def session(db):
    """A public (issued) session with one item and one meeting."""
    session = factories.session(agenda_symbol="TEST/2024/1")
    factories.schedule(factories.sitting(session), factories.item(session, "Opening"))
    return session


@pytest.fixture
def editor(client, session):
    user = factories.secretariat_member(session.body)
    client.force_login(user)
    return user


@pytest.fixture
def rows():
    """Counts of every table a form or import writes: compare before and after."""
    return lambda: {model.__name__: model.objects.count() for model in TABLES}


def url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])
