"""Every write to what a session publishes bumps its revision (the key of PDF and feed caches)."""

import pytest

from agenda.models import DocumentLink
from meetings.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return factories.session()


def revision(session) -> int:
    return Session.objects.get(pk=session.pk).revision


def test_saving_the_session_bumps_and_refreshes_the_instance(session):
    before = session.revision
    session.title = {"en": "Renamed"}
    session.save()
    assert session.revision == before + 1 == revision(session)


def test_a_stale_instance_never_moves_the_revision_back(session):
    stale = Session.objects.get(pk=session.pk)
    factories.item(session)  # bumps in the database, not in `stale`
    after_item = revision(session)
    stale.save()
    assert revision(stale) == after_item + 1


def test_save_with_update_fields_still_bumps(session):
    before = revision(session)
    session.status = Session.Status.ADOPTED
    session.save(update_fields=["status"])
    assert revision(session) == before + 1


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s: factories.item(s), id="add item"),
        pytest.param(lambda s: factories.sitting(s), id="add sitting"),
        pytest.param(lambda s: factories.footnote(factories.item(s), "a", "Note"), id="footnote"),
    ],
)
def test_agenda_writes_bump(session, write):
    before = revision(session)
    write(session)
    assert revision(session) > before


def test_each_kind_of_child_write_bumps(session):
    item = factories.item(session)
    sitting = factories.sitting(session)
    doc = factories.document()
    steps = [
        lambda: setattr(item, "title", {"en": "New"}) or item.save(),
        lambda: DocumentLink.objects.create(item=item, document=doc, position=0),
        lambda: setattr(doc, "title", {"en": "Retitled"}) or doc.save(),
        lambda: factories.schedule(sitting, item),
        lambda: setattr(sitting, "room", "M-Board room") or sitting.save(),
        lambda: doc.delete(),
        lambda: sitting.delete(),
        lambda: item.delete(),
    ]
    for step in steps:
        before = revision(session)
        step()
        assert revision(session) > before, step


def test_body_and_venue_renames_bump_their_sessions_only(session):
    other = factories.session()
    body, venue = session.body, session.body.duty_station
    for obj in (body, venue):
        before, before_other = revision(session), revision(other)
        obj.name = {"en": "Renamed"}
        obj.save()
        assert revision(session) > before
        assert revision(other) == before_other


def test_a_parent_body_rename_bumps_subsidiary_sessions(session):
    parent = factories.body()
    session.body.parent = parent
    session.body.save()
    before = revision(session)
    parent.name = {"en": "Conference of the Parties"}
    parent.save()
    assert revision(session) > before


def test_content_tag_changes_with_each_write(session):
    tag = session.content_tag
    factories.item(session)
    session.refresh_from_db()
    assert session.content_tag != tag


def test_a_new_corrigendum_bumps_the_sessions_listing_its_base(session):
    base = factories.document("E/2012/30")
    DocumentLink.objects.create(item=factories.item(session), document=base)
    before = revision(session)
    corrigendum = factories.document("E/2012/30/Corr.1")  # in no session
    assert revision(session) == before + 1
    corrigendum.delete()
    assert revision(session) == before + 2
