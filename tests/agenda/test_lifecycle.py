"""Issuing, re-issuing, adopting and closing; the change list between issued versions."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from agenda import editing, lifecycle
from agenda.models import DocumentLink, IssuedVersion
from agenda.versions import compare
from meetings.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")
    org = editing.add_item(session, title="Organizational matters", language="en")
    editing.add_item(session, title="Opening", language="en", parent=org)
    editing.add_item(session, title="Technology", language="en")
    factories.sitting(session)
    return Session.objects.get(pk=session.pk)


def test_issuing_records_version_1_sets_the_issue_date_and_freezes(session):
    user = User.objects.create_user("sec")
    version = lifecycle.issue(session, by=user)
    session.refresh_from_db()
    assert (version.number, version.issued_by, session.status) == (1, user, "issued")
    assert session.issue_date is not None
    assert session.agenda_frozen
    assert sorted(version.snapshot["items"]) == ["1", "1(a)", "2"]


def test_an_agenda_that_is_not_ready_is_not_issued(session):
    session.agenda_symbol = ""
    session.start_date = session.end_date = None
    session.save()
    with pytest.raises(ValidationError) as refused:
        lifecycle.issue(session)
    assert refused.value.messages == [
        "The session has no agenda symbol (e.g. CTOC/COP/WG.3/2024/1).",
        "The session has no dates.",
    ]
    assert Session.objects.get(pk=session.pk).status == "draft"
    assert not IssuedVersion.objects.exists()


def test_reissuing_needs_a_change_and_records_the_next_version(session):
    lifecycle.issue(session)
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        lifecycle.issue(session)
    editing.add_item(session, title="Late item", language="en")
    assert lifecycle.issue(session).number == 2


@pytest.mark.parametrize(
    ("status", "action", "allowed"),
    [
        ("draft", "adopt", False),
        ("draft", "close", False),
        ("issued", "adopt", True),
        ("issued", "close", False),
        ("adopted", "issue", False),
        ("adopted", "close", True),
        ("closed", "issue", False),
        ("closed", "adopt", False),
    ],
)
def test_transitions(session, status, action, allowed):
    Session.objects.filter(pk=session.pk).update(status=status)
    session.refresh_from_db()
    if allowed:
        getattr(lifecycle, action)(session)
        assert Session.objects.get(pk=session.pk).status != status
    else:
        with pytest.raises(ValidationError, match="cannot be"):
            getattr(lifecycle, action)(session)
        assert Session.objects.get(pk=session.pk).status == status


def test_issued_versions_are_immutable(session):
    version = lifecycle.issue(session)
    version.snapshot = {}
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.save()


def test_change_list_between_two_issued_versions(session):
    first = lifecycle.issue(session)
    item = session.agenda_items.get(title={"en": "Technology"})
    editing.update_item(item, expected_version=1, language="zh", title="技术", annotation="说明")
    editing.add_item(session, title="Other matters", language="en")
    doc = factories.document("CTOC/COP/WG.3/2024/2", title={"en": "Background paper"})
    DocumentLink.objects.create(item=item, document=doc, position=0)
    sitting = session.sittings.get()
    sitting.start_time = dt.time(11)
    sitting.save()
    second = lifecycle.issue(session)

    sections = {s.name: s.changes for s in compare(first.snapshot, second.snapshot)}
    assert list(sections) == ["items", "documents", "sittings"]
    assert [(c.key, c.action, c.fields, c.languages) for c in sections["items"]] == [
        ("2", "changed", ["title", "annotation", "documentation list"], ["zh"]),
        ("3", "added", [], []),
    ]
    assert sections["items"][1].title == "Other matters"
    assert [(c.key, c.action) for c in sections["documents"]] == [("CTOC/COP/WG.3/2024/2", "added")]
    assert [(c.key, c.action, c.fields) for c in sections["sittings"]] == [
        ("1", "changed", ["time"])
    ]


def test_changes_page_is_public_and_lists_the_changes(client, session):
    lifecycle.issue(session)
    editing.add_item(session, title="Other matters", language="en")
    lifecycle.issue(session)
    url = reverse("session-changes", args=[session.body.slug, session.number])
    html = client.get(url).content.decode()
    assert "Version 2" in html and "compared with version 1" in html
    assert "<strong>Item 3</strong>\n        added" in html
    assert "Other matters" in html
    assert client.get(url + "?to=1").status_code == 200  # the first version: nothing before
    assert client.get(url + "?to=9").status_code == 404
    assert client.get(url + "?to=x").status_code == 404


def test_status_buttons_in_the_editor(client, session):
    user = User.objects.create_user("sec")
    session.body.secretariat.add(user)
    client.force_login(user)
    url = reverse("session-status", args=[session.body.slug, session.number])
    response = client.post(url, {"action": "issue"}, follow=True)
    assert "Version 1 of the agenda is issued." in response.content.decode()
    response = client.post(url, {"action": "close"}, follow=True)
    assert "cannot be closed" in response.content.decode()
    response = client.post(url, {"action": "adopt"}, follow=True)
    assert "The session is now “Agenda adopted”." in response.content.decode()
    assert client.post(url, {"action": "explode"}, follow=True).status_code == 200
    assert Session.objects.get(pk=session.pk).status == "adopted"


def test_history_page_shows_who_changed_what(client, session):
    user = User.objects.create_user("sec")
    session.body.secretariat.add(user)
    client.force_login(user)
    item = session.agenda_items.get(title={"en": "Technology"})
    client.post(
        reverse("item-edit", args=[session.body.slug, session.number, item.pk]),
        {"title": "Tech", "annotation": "", "version": 1},
    )
    html = client.get(reverse("session-history", args=[session.body.slug, session.number]))
    html = html.content.decode()
    assert "<td>sec</td>" in html
    assert "Agenda item: Tech</td><td>changed: title</td>" in html
    client.logout()
    history_url = reverse("session-history", args=[session.body.slug, session.number])
    assert client.get(history_url).status_code == 302
