"""Footnotes of annotations: labels, references kept in step, numbering through the document."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from agenda.models import Footnote
from agenda.reads.agenda import session_agenda
from agenda.services import footnotes
from tests import factories
from tests.parsed import find, find_all, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    session = factories.session()
    first = factories.item(session, "First", annotation={"en": "Text.[^a]"})
    factories.footnote(first, "a", "Note A")
    return factories.item(
        session, "Second", annotation={"en": "One[^1] two[^2].", "zh": "一[^1]二[^2]。"}
    )


def numbers(session) -> list[tuple[str, int, str]]:
    return [
        (e.number, fn.number, fn.text.text)
        for e in session_agenda(factories.content(session), "en").flat()
        for fn in e.footnotes
    ]


def test_added_footnotes_take_the_next_free_label_and_number_through_the_document(item):
    footnotes.add_footnote(item, label="", text="Note one", language="en")
    footnotes.add_footnote(item, label="", text="Note two", language="en")
    assert list(item.footnotes.values_list("label", flat=True)) == ["1", "2"]
    assert numbers(item.session) == [("1", 1, "Note A"), ("2", 2, "Note one"), ("2", 3, "Note two")]


@pytest.mark.parametrize(
    ("label", "text", "message"),
    [
        ("a b", "x", "without spaces"),
        ("x" * 21, "x", "1 to 20 characters"),
        ("]", "x", "without spaces or brackets"),
        ("1", "   ", "needs a text"),
    ],
)
def test_bad_footnotes_are_refused(item, label, text, message):
    with pytest.raises(ValidationError, match=message):
        footnotes.add_footnote(item, label=label, text=text, language="en")
    assert not item.footnotes.exists()


def test_a_duplicate_label_is_refused(item):
    footnotes.add_footnote(item, label="1", text="x", language="en")
    with pytest.raises(ValidationError, match="already has a footnote with that label"):
        footnotes.add_footnote(item, label="1", text="y", language="en")


def test_relabelling_rewrites_the_references_in_every_language(item):
    note = footnotes.add_footnote(item, label="1", text="x", language="en")
    footnotes.update_footnote(note, label="src", text="第一", language="zh")
    item.refresh_from_db()
    assert item.annotation == {"en": "One[^src] two[^2].", "zh": "一[^src]二[^2]。"}
    assert item.version == 2
    assert Footnote.objects.get(pk=note.pk).text == {"en": "x", "zh": "第一"}


def test_deleting_removes_its_references(item):
    note = footnotes.add_footnote(item, label="2", text="x", language="en")
    footnotes.delete_footnote(note)
    item.refresh_from_db()
    assert item.annotation == {"en": "One[^1] two.", "zh": "一[^1]二。"}


def test_footnote_views_with_htmx_and_without(client, item):
    user = User.objects.create_user("sec")
    item.session.body.secretariat.add(user)
    client.force_login(user)
    session = item.session
    add = reverse("footnote-add", args=[session.body.slug, session.number, item.pk])
    response = client.post(
        add, {"label": "1", "text": "Resolution 8/1.", "lang": "en"}, HTTP_HX_REQUEST="true"
    )
    (editor_part, *_) = parse(response.content).children  # the partial, not a page
    assert (editor_part.tag, editor_part.classes) == ("section", ["footnotes-editor"])
    assert editor_part["id"] == f"footnotes-{item.pk}"
    assert editor_part.find(value="Resolution 8/1.")
    response = client.post(add, {"label": "1", "text": "Again", "lang": "en"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "already has a footnote with that label" in page
    note = item.footnotes.get()
    other_session_note = factories.footnote(factories.item(factories.session()), "1", "x")
    edit = reverse("footnote-edit", args=[session.body.slug, session.number, other_session_note.pk])
    assert client.post(edit, {"label": "2", "text": "y"}).status_code == 404
    delete = reverse("footnote-delete", args=[session.body.slug, session.number, note.pk])
    client.post(delete, {"lang": "en"})
    assert not item.footnotes.exists()


def test_a_stale_footnote_edit_is_refused_and_says_what_both_texts_are(item):
    note = footnotes.add_footnote(item, label="1", text="Original", language="en")
    footnotes.update_footnote(note, label="1", text="Theirs", language="en", version=1)
    with pytest.raises(ValidationError) as refused:
        footnotes.update_footnote(note, label="1", text="Mine", language="en", version=1)
    assert refused.value.messages == [
        "Not saved: someone else changed footnote [^1] after you opened the page; it now reads "
        "“Theirs”. Yours was “Mine”: save it again to replace theirs."
    ]
    with pytest.raises(ValidationError, match="someone else changed"):
        footnotes.delete_footnote(note, version=1)
    assert Footnote.objects.get(pk=note.pk).text == {"en": "Theirs"}


@pytest.fixture
def editing_client(client, item):
    user = User.objects.create_user("sec")
    item.session.body.secretariat.add(user)
    client.force_login(user)
    return client


def save_annotation(client, item, annotation: str, **headers):
    session = item.session
    url = reverse("item-edit", args=[session.body.slug, session.number, item.pk])
    data = {"title": "Second", "annotation": annotation, "version": item.version, "lang": "en"}
    return client.post(url, data, **headers)


@pytest.mark.parametrize("htmx", [True, False])
@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        ("One[^1] two[^2].", "There are no footnotes [^1], [^2]: add them under"),
        ("See [^x].", "There is no footnote [^x]: add it under"),
    ],
)
def test_a_reference_without_its_footnote_is_refused_next_to_the_annotation(
    editing_client, item, annotation, message, htmx
):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = save_annotation(editing_client, item, annotation, **headers)
    html = response.content.decode()
    error = find(html, "span", id=f"annotation-{item.pk}-error")
    assert error is not None and message in error.text
    # What was typed is still in the box, and nothing was saved.
    assert find(html, "textarea", name="annotation").text == annotation
    if htmx:
        assert response["HX-Retarget"] == f"#item-form-{item.pk}"
    item.refresh_from_db()
    assert (item.version, item.annotation["en"]) == (1, "One[^1] two[^2].")


def test_a_reference_to_an_existing_footnote_is_saved(editing_client, item):
    factories.footnote(item, "src", "Resolution 8/1.")
    response = save_annotation(editing_client, item, "See[^src].", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert find(response.content.decode(), "p", class_="warning") is None
    item.refresh_from_db()
    assert item.annotation["en"] == "See[^src]."


@pytest.mark.parametrize("htmx", [True, False])
def test_an_unreferenced_footnote_is_saved_with_a_warning(editing_client, item, htmx):
    factories.footnote(item, "1", "Referenced.")
    factories.footnote(item, "old", "Never referenced.")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = save_annotation(editing_client, item, "One[^1].", **headers)
    if not htmx:
        assert response.status_code == 302
        response = editing_client.get(response["Location"])
    html = response.content.decode()
    warning = find(html, "p", class_="warning") or find(html, "li", class_="message warning")
    assert warning is not None
    assert warning.text.startswith("Item 2 saved. Footnote [^old] is not referenced")
    item.refresh_from_db()
    assert item.annotation["en"] == "One[^1]."


def test_the_footnote_list_marks_those_the_annotation_never_references(editing_client, item):
    factories.footnote(item, "1", "Referenced.")
    factories.footnote(item, "3", "Not yet placed.")
    session = item.session
    url = reverse("item-edit", args=[session.body.slug, session.number, item.pk])
    html = editing_client.get(url + "?lang=en").content.decode()
    notices = find_all(html, "span", class_="warning footnote-unreferenced")
    assert [n.text for n in notices] == [
        "Not referenced in the saved annotation: place it with [^3], or it is printed after "
        "the other footnotes with no call in the text."
    ]


def test_unreferenced_lists_footnotes_per_language(item):
    factories.footnote(item, "1", "x")
    factories.footnote(item, "2", "y")
    item.annotation = {"en": "One[^1] two[^2].", "zh": "一[^1]。"}
    assert footnotes.unreferenced(item, "en") == []
    assert footnotes.unreferenced(item, "zh") == ["2"]
    assert footnotes.unreferenced(item, "fr") == ["1", "2"]
