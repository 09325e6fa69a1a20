"""Symbol inputs of the editor show an example from the session's own series."""

import datetime as dt

import pytest

from agenda.views.editor.common import symbol_placeholder
from meetings.models import Session
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def ccpcj():
    body = factories.body(slug="ccpcj", abbreviation="CCPCJ", symbol_prefix="E/CN.15")
    return factories.session(
        body=body, status=Session.Status.DRAFT, start_date=dt.date(2027, 5, 17), end_date=None
    )


def symbol_input(html) -> dict:
    (field,) = parse(html).find_all("input", name="symbol")
    return field.attrs


def test_the_documentation_form_shows_the_sessions_series(client, ccpcj):
    client.force_login(factories.secretariat_member(ccpcj.body))
    item = factories.item(ccpcj, "Opening")
    form = client.get(url("item-edit", ccpcj, item.pk), HTTP_HX_REQUEST="true")
    assert symbol_input(form.content)["placeholder"] == "E/CN.15/2027/…"
    # and again in the section an htmx action sends back
    section = client.post(
        url("document-list-add", ccpcj, item.pk), {"symbol": "bad symbol"}, HTTP_HX_REQUEST="true"
    )
    assert symbol_input(section.content)["placeholder"] == "E/CN.15/2027/…"
    assert "WG.3" not in form.text + section.text


def test_the_agenda_symbol_gives_the_series_when_there_is_one(ccpcj):
    ccpcj.agenda_symbol = "E/CN.15/2026/12"  # held early, numbered in the year before
    assert symbol_placeholder(ccpcj) == "E/CN.15/2026/…"
    ccpcj.agenda_symbol = ""
    assert symbol_placeholder(ccpcj) == "E/CN.15/2027/…"
    ccpcj.start_date = None
    assert symbol_placeholder(ccpcj) == "E/CN.15/…"


def test_no_series_no_placeholder(client):
    session = factories.session(body=factories.body(symbol_prefix=""), status="draft")
    client.force_login(factories.secretariat_member(session.body))
    item = factories.item(session, "Opening")
    form = client.get(url("item-edit", session, item.pk), HTTP_HX_REQUEST="true")
    assert "placeholder" not in symbol_input(form.content)
