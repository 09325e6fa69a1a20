"""The editor page's panels loaded after it (views/editor/panels.py): what is unpublished, and
the live preview of the document from the working copy; who may read them; the edit responses
that make them load again; the page's cost, constant in the number of items."""

import pytest
from django.contrib.auth.models import User

from agenda.models import AgendaItem
from meetings.models import Session
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import parse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def published():
    """An issued session, its agenda of two items, and a member of its secretariat."""
    session = factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.9/2024/1")
    opening = factories.item(session, "Opening")
    opening.title = {"en": "Opening", "zh": "开幕"}
    opening.save()
    factories.item(session, "Other matters")
    factories.publish(session, kind="issue")
    return Session.objects.get(pk=session.pk)


@pytest.fixture
def officer(client, published):
    user = factories.signed_in(client, published.body, "officer")
    return user


def live(session, lang="en"):
    return url("session-live-preview", session, lang)


def test_the_preview_is_the_working_copy_as_the_pdf_lays_it_out(client, published, officer):
    AgendaItem.objects.filter(session=published, position=1).update(
        title={"en": "Any other business"}
    )
    response = client.get(live(published))
    assert response.status_code == 200
    page = parse(response.content)
    agenda = page.find(class_="provisional-agenda").visible_text
    assert "Any other business" in agenda and "Other matters" not in agenda  # not the version
    assert page.find("h1", class_="document-title") is not None  # the PDF's own template
    assert ".first-page-foot" in page.find("style").visible_text  # and its stylesheet
    assert response["Cache-Control"] == "private, no-store"
    # The editor page may frame it (same origin); no other page may.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert client.get(url("session-preview-html", published, "en"))["X-Frame-Options"] == "DENY"


def test_the_preview_is_in_the_editing_language(client, published, officer):
    page = parse(client.get(live(published, "zh")).content)
    assert page.find("html")["lang"] == "zh"
    assert "开幕" in page.find(class_="provisional-agenda").visible_text
    assert client.get(live(published, "xx")).status_code == 404


def test_the_editor_page_frames_the_preview_in_its_language(client, published, officer):
    html = client.get(url("session-edit", published) + "?lang=zh").content
    frame = parse(html).find(id="live-preview").find("iframe")
    assert frame["src"] == live(published, "zh")
    assert frame["loading"] == "lazy"
    assert frame["title"]


def staff_of_another_body():
    user = User.objects.create_user("other", is_staff=True)
    factories.body().secretariat.add(user)
    return user


@pytest.mark.parametrize(
    "who",
    [None, lambda: User.objects.create_user("delegate"), staff_of_another_body],
    ids=["anonymous", "delegate", "staff of another body"],
)
def test_the_panels_are_private_to_the_secretariat(client, published, who):
    if who is not None:
        client.force_login(who())
    AgendaItem.objects.filter(session=published, position=1).update(title={"en": "Unpublished"})
    for address in (live(published), url("session-pending", published)):
        response = client.get(address)
        if who is None:
            assert response.status_code == 302 and "/login/" in response["Location"]
        else:
            assert response.status_code == 403
        assert b"Unpublished" not in response.content and b"unpublished" not in response.content


def test_another_bodys_session_is_not_reached_through_this_bodys_rights(client, officer):
    elsewhere = factories.session()
    factories.item(elsewhere, "Their item")
    for address in (live(elsewhere), url("session-pending", elsewhere)):
        assert client.get(address).status_code == 403
    assert client.get(live(elsewhere).replace(f"/{elsewhere.number}/", "/999999/")).status_code in (
        403,
        404,
    )


def test_the_pending_panel_counts_what_publishing_would_change(client, published, officer):
    panel = client.get(url("session-pending", published) + "?lang=en")
    assert "No unpublished changes" in panel.text
    factories.item(published, "Late item")
    panel = parse(client.get(url("session-pending", published) + "?lang=en").content)
    section = panel.find(id="publishing-panel")
    assert "1 unpublished change" in section.find(class_="pending").visible_text
    assert "has-pending" in section.classes
    # Again after every edit, never by itself in a loop.
    assert section["hx-trigger"] == "agenda-changed from:body"


def test_the_editor_page_leaves_the_count_to_its_panel(client, published, officer):
    page = parse(client.get(url("session-edit", published)).content)
    section = page.find(id="publishing-panel")
    assert section["hx-get"] == url("session-pending", published) + "?lang=en"
    assert section["hx-trigger"] == "load, agenda-changed from:body"
    # Without JavaScript, the publish page says what is unpublished.
    publish = url("session-publish", published)
    assert any(a["href"].startswith(publish) for a in section.find_all("a"))


def test_an_unpublished_session_needs_no_count(client, officer):
    draft = factories.session(status=Session.Status.DRAFT, body=officer.secretariat_of.first())
    page = parse(client.get(url("session-edit", draft)).content)
    section = page.find(id="publishing-panel")
    assert not section.has("hx-get")
    assert "Not published" in section.visible_text


def test_edits_tell_the_page_to_load_its_panels_again(client, published, officer):
    item = published.agenda_items.get(position=1)
    saved = client.post(
        url("item-edit", published, item.pk),
        {"title": "Any other business", "version": item.version, "lang": "en"},
        **HTMX,
    )
    assert saved.headers["HX-Trigger"] == '{"agenda-changed": {}}'
    note = client.post(
        url("footnote-add", published, item.pk), {"label": "1", "text": "A note"}, **HTMX
    )
    assert note.headers["HX-Trigger"] == '{"agenda-changed": {}}'
    # A refused action changed nothing: no reload.
    refused = client.post(url("item-move", published, item.pk), {"direction": "sideways"}, **HTMX)
    assert "HX-Trigger" not in refused.headers
    refused = client.post(url("footnote-add", published, item.pk), {"label": "1"}, **HTMX)
    assert "HX-Trigger" not in refused.headers


def _with_items(session, count: int):
    for n in range(count):
        item = factories.item(session, f"Item {n}", annotation={"en": f"Text {n}[^1]"})
        factories.footnote(item, "1", f"Note {n}")


@pytest.mark.parametrize("item_count", [2, 20])
def test_the_editor_page_and_its_panels_cost_the_same_for_any_number_of_items(
    client, published, officer, item_count, django_assert_num_queries
):
    _with_items(published, item_count)
    # the auth session and user, the session with its body, the secretariat check, the
    # items, the current version, the footnotes and Documentation lists (how translated)
    with django_assert_num_queries(8):
        assert client.get(url("session-edit", published)).status_code == 200
    # the same checks, then the current version and the working copy in the exchange format
    # (with the register entries its lists print) to compare with it
    with django_assert_num_queries(12):
        assert client.get(url("session-pending", published)).status_code == 200
    # the same checks, then the working copy as the PDF prints it
    with django_assert_num_queries(10):
        assert client.get(live(published)).status_code == 200


def test_the_choices_of_add_as_a_sub_item_come_from_the_agenda_on_the_page(
    client, published, officer
):
    first, second = published.agenda_items.order_by("position")
    factories.item(published, "Sub-item", parent=first)
    Session.objects.filter(pk=published.pk).update(status=Session.Status.DRAFT)  # all buttons
    page = parse(client.get(url("session-edit", published)).content)
    select = page.find("select", name="parent")
    options = [(o["value"], o.visible_text) for o in select.find_all("option")]
    assert options == [
        ("", "as a main item"),
        (str(first.pk), "as a sub-item of item 1"),
        (str(second.pk), "as a sub-item of item 2"),
    ]
    # The addresses of every row's actions are the item's own.
    row = page.find(id=f"item-{second.pk}")
    edit = row.find("a", class_="edit-item")
    assert edit["href"] == url("item-edit", published, second.pk) + "?lang=en"
    forms = [f["action"] for f in row.find_all("form")]
    assert forms == [
        url("item-move", published, second.pk),
        url("item-delete", published, second.pk),
    ]
    # A posted choice is still checked against this session's main items.
    elsewhere = factories.item(factories.session(), "Elsewhere")
    refused = client.post(url("item-add", published), {"title": "New", "parent": elsewhere.pk})
    assert refused.status_code == 302
    assert not published.agenda_items.filter(title__en="New").exists()
