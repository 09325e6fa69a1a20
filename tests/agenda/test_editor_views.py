"""The editor's views: who may use them, and each action with and without htmx."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from agenda.models import AgendaItem, DocumentLink
from meetings.models import Sitting
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import find, find_all, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(draft):
    return draft


@pytest.fixture
def items(session):
    first = factories.item(session, "Organizational matters")
    return [
        first,
        factories.item(session, "Opening", parent=first),
        factories.item(session, "Other"),
    ]


HTMX = {"HTTP_HX_REQUEST": "true"}


def write_requests(session, items):
    """Every write URL of the editor, with a valid body."""
    item = items[2]
    note = factories.footnote(item, "1", "Note")
    sitting = factories.sitting(session)
    factories.schedule(sitting, item)
    line = sitting.scheduled_items.get()
    meeting = {"date": "2024-06-05", "start_time": "15:00", "end_time": "16:00"}
    doc = factories.document("A/58/499", session=session)
    link = DocumentLink.objects.create(item=item, document=doc, position=0)
    return [
        ("post", url("document-list-add", session, item.pk), {"symbol": "A/1", "title": "T"}),
        ("post", url("document-link-move", session, link.pk), {"direction": "up"}),
        ("post", url("document-link-remove", session, link.pk), {}),
        ("get", url("session-documents", session), {}),
        ("post", url("agenda-paste", session), {"text": "4. Pasted.", "create": ""}),
        ("post", url("document-edit", session, doc.pk), {"title": "T", "status": "issued"}),
        ("get", url("session-organization", session), {}),
        ("post", url("sitting-add", session), meeting),
        ("post", url("sitting-edit", session, sitting.pk), meeting),
        ("post", url("sitting-assign", session, sitting.pk), {"item": items[0].pk}),
        ("post", url("line-move", session, line.pk), {"direction": "down"}),
        ("post", url("line-remove", session, line.pk), {}),
        ("post", url("sitting-delete", session, sitting.pk), {}),
        ("post", url("footnote-add", session, item.pk), {"label": "2", "text": "x"}),
        ("post", url("footnote-edit", session, note.pk), {"label": "1", "text": "y"}),
        ("post", url("footnote-delete", session, note.pk), {}),
        ("post", url("session-status", session), {"action": "adopt"}),
        ("post", url("session-details", session), {"title": "x"}),
        ("get", url("session-details", session), {}),
        ("get", url("session-history", session), {}),
        ("post", url("item-add", session), {"title": "New"}),
        ("post", url("item-edit", session, item.pk), {"title": "T", "version": 1}),
        ("post", url("item-delete", session, item.pk), {"version": 1}),
        ("post", url("item-move", session, item.pk), {"direction": "up"}),
        ("post", url("agenda-reorder", session), {"layout": "[]"}),
        ("get", url("session-edit", session), {}),
        ("get", url("item-edit", session, item.pk), {}),
    ]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", None),
        ("delegate", False),
        ("staff of another body", False),
        ("staff of this body", True),
        ("superuser", True),
    ],
)
def test_permission_matrix_on_every_editor_url(client, session, items, who, allowed):
    if who == "delegate":
        client.force_login(User.objects.create_user("delegate"))
    elif who == "staff of another body":
        other = User.objects.create_user("other", is_staff=True)
        factories.body().secretariat.add(other)
        client.force_login(other)
    elif who == "staff of this body":
        user = User.objects.create_user("mine")
        session.body.secretariat.add(user)
        client.force_login(user)
    elif who == "superuser":
        client.force_login(User.objects.create_superuser("root"))
    requests = write_requests(session, items)
    before = list(AgendaItem.objects.values_list("pk", "title", "position", "parent"))
    meetings_before = list(Sitting.objects.values_list("pk", "start_time"))
    for method, target, data in requests:
        response = getattr(client, method)(target, data)
        if allowed is None:
            assert response.status_code == 302, target
            assert response["Location"].startswith(reverse("login") + "?next="), target
        elif allowed is False:
            assert response.status_code == 403, target
        else:
            assert response.status_code in (200, 302, 422), target
    if not allowed:
        assert list(AgendaItem.objects.values_list("pk", "title", "position", "parent")) == before
        assert list(Sitting.objects.values_list("pk", "start_time")) == meetings_before
        assert DocumentLink.objects.count() == 1


def test_editor_page_lists_the_numbered_tree(client, session, items, editor):
    client.force_login(editor)
    html = client.get(url("session-edit", session)).content
    numbers = [span.text for span in find_all(html, "span", class_="number")]
    assert {"1", "1(a)", "2"} <= set(numbers)
    assert find(html, aria_label="Move item 2 up")


@pytest.mark.parametrize("item_count", [3, 300])
def test_editor_page_query_count_does_not_grow(
    client, session, editor, item_count, django_assert_num_queries
):
    for n in range(item_count):
        factories.item(session, f"Item {n}")
    client.force_login(editor)
    # auth session and user, the session with its body, the secretariat check, the items,
    # the current version (what is unpublished loads after the page: test_editor_panels.py),
    # the footnotes and Documentation lists (how translated the texts are)
    with django_assert_num_queries(8):
        assert client.get(url("session-edit", session)).status_code == 200


def test_add_without_javascript_redirects_to_the_new_item(client, session, items, editor):
    client.force_login(editor)
    response = client.post(url("item-add", session), {"title": "Adoption", "parent": items[0].pk})
    new = AgendaItem.objects.get(title={"en": "Adoption"})
    assert response.status_code == 302
    assert response["Location"] == url("session-edit", session) + f"?lang=en#item-{new.pk}"
    assert new.parent == items[0]


def test_add_with_htmx_returns_the_renumbered_tree(client, session, items, editor):
    client.force_login(editor)
    response = client.post(url("item-add", session), {"title": "Late"}, **HTMX)
    tree = parse(response.content)
    assert response.status_code == 200
    assert (tree.children[0].tag, tree.children[0].get("id")) == ("section", "agenda-tree")
    assert "3" in [span.text for span in tree.find_all("span", class_="number")]
    assert tree.find("html") is None  # the partial, not a page


def test_errors_come_back_in_the_tree_with_htmx_and_as_a_message_without(
    client, session, items, editor
):
    client.force_login(editor)
    response = client.post(url("item-move", session, items[0].pk), {"direction": "up"}, **HTMX)
    assert "The item is already the first one." in response.content.decode()
    response = client.post(url("item-move", session, items[0].pk), {"direction": "up"}, follow=True)
    assert "The item is already the first one." in response.content.decode()


def test_move_buttons_work_without_javascript(client, session, items, editor):
    client.force_login(editor)
    client.post(url("item-move", session, items[2].pk), {"direction": "up"})
    html = client.get(url("session-edit", session)).content.decode()
    assert html.index("Other") < html.index("Organizational matters")


def test_reorder_posts_the_whole_layout(client, session, items, editor):
    client.force_login(editor)
    first, sub, other = items
    layout = json.dumps([[other.pk, [sub.pk]], [first.pk, []]])
    response = client.post(url("agenda-reorder", session), {"layout": layout}, **HTMX)
    assert response.status_code == 200
    sub.refresh_from_db()
    other.refresh_from_db()
    assert (other.position, sub.parent_id) == (0, other.pk)


@pytest.mark.parametrize("layout", ["not json", '{"a": 1}', "[[1]]", '[["x", []]]'])
def test_a_malformed_layout_is_refused_clearly(client, session, items, editor, layout):
    client.force_login(editor)
    response = client.post(url("agenda-reorder", session), {"layout": layout}, **HTMX)
    assert response.status_code == 200
    assert "could not be read" in response.content.decode() or "Enter a valid JSON" in (
        response.content.decode()
    )


def test_edit_form_and_save(client, session, items, editor):
    client.force_login(editor)
    item = items[2]
    page = client.get(url("item-edit", session, item.pk), **HTMX).content
    form = find(page, id=f"item-form-{item.pk}")
    assert form.find("input", name="title")["value"] == "Other"
    response = client.post(
        url("item-edit", session, item.pk),
        {"title": "Any other business", "annotation": "Text", "version": 1},
        **HTMX,
    )
    assert "Any other business" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.annotation, item.version) == (
        {"en": "Any other business"},
        {"en": "Text"},
        2,
    )


def test_a_conflicting_save_is_refused_and_shows_both_versions(client, session, items, editor):
    client.force_login(editor)
    item = items[2]
    client.post(url("item-edit", session, item.pk), {"title": "Theirs", "version": 1})
    response = client.post(
        url("item-edit", session, item.pk), {"title": "Mine", "version": 1}, **HTMX
    )
    html = parse(response.content)
    assert response["HX-Retarget"] == f"#item-form-{item.pk}"
    assert "changed by someone else" in html.visible_text
    assert "Theirs" in [dd.text for dd in html.find_all("dd")]  # their version
    assert html.find("input", name="title")["value"] == "Mine"  # what I typed is kept
    # saving again is a deliberate overwrite
    assert html.find("input", name="version")["value"] == "2"
    item.refresh_from_db()
    assert item.title == {"en": "Theirs"}


def test_field_errors_are_shown_next_to_the_field(client, session, items, editor):
    client.force_login(editor)
    response = client.post(
        url("item-edit", session, items[2].pk), {"title": "", "version": 1}, **HTMX
    )
    html = parse(response.content)
    assert html.find("input", name="title")["aria-invalid"] == "true"
    assert "original language" in html.visible_text


def test_an_item_of_another_session_is_404(client, session, items, editor):
    client.force_login(editor)
    stranger = factories.item(factories.session(body=session.body), "Elsewhere")
    assert client.get(url("item-edit", session, stranger.pk)).status_code == 404


def test_history_records_who_changed_an_item(client, session, items, editor):
    client.force_login(editor)
    client.post(url("item-edit", session, items[2].pk), {"title": "Renamed", "version": 1})
    latest = items[2].history.first()
    assert (latest.history_user, latest.title) == (editor, {"en": "Renamed"})
