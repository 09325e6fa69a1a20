import pytest
from django.urls import reverse

from agenda.models import AgendaItem, Document, DocumentLink, Footnote, ScheduledItem
from agenda.outputs.exchange import export_session
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
    user = factories.signed_in(client, session.body)
    return user


@pytest.fixture
def rows():
    """Counts of every table a form or import writes: compare before and after."""
    return lambda: {model.__name__: model.objects.count() for model in TABLES}


def url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])


@pytest.fixture
def exported(session):
    """The fixture session as a file, renumbered so that importing it creates a new one."""
    data = export_session(session)
    data["session"]["number"] = 99
    data["session"]["agenda_symbol"] = "TEST/2024/99"
    data["session"]["sittings"][0]["uid"] = "7c0a3a4e-0000-4000-8000-000000000001"
    return data
