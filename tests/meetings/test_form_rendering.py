"""Every form page draws the fields of the form its view built, each once, with its label, and
after a refused post its error next to it, named by the input's aria-describedby
(meetings.form_rendering, templates/includes/field.html)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings.models import Session
from tests import factories
from tests.parsed import Element, find_all

pytestmark = pytest.mark.django_db

CONTROLS = ("input", "select", "textarea")


def control_names(bound) -> set[str]:
    suffixes = getattr(bound.field.widget, "widgets_names", None)
    if suffixes:  # a translated text: one input per language (name_en, name_zh …)
        return {bound.html_name + suffix for suffix in suffixes}
    return {bound.html_name}


def controls(element: Element, names: set[str]) -> list[Element]:
    return [c for tag in CONTROLS for c in element.within(tag) if c.get("name") in names]


def form_of(html: str, bound) -> Element:
    """The <form> on the page that holds ``bound`` (its inputs' ids start with its id)."""
    (form,) = [
        f
        for f in find_all(html, "form")
        if any(
            c.get("id", "") == bound.auto_id or c.get("id", "").startswith(bound.auto_id + "_")
            for tag in CONTROLS
            for c in f.within(tag)
        )
    ]
    return form


def field_groups(form: Element) -> list[Element]:
    return [
        e
        for tag in ("div", "fieldset")
        for e in form.within(tag)
        if "field" in e.get("class", "").split()
    ]


def described_by(element: Element) -> list[str]:
    return element.get("aria-describedby", "").split()


def assert_drawn(html: str, bound) -> None:
    """``bound`` is on the page once, in its own field group, labelled, with its help text
    and its errors named by the control (or, for a group of choices, by the fieldset)."""
    names = control_names(bound)
    form = form_of(html, bound)
    page_controls = controls(form, names)
    (group,) = [g for g in field_groups(form) if controls(g, names)]
    assert controls(group, names) == page_controls, f"{bound.name} drawn outside its group"
    label = str(bound.label)
    if group.tag == "fieldset":
        (legend,) = group.within("legend")
        assert legend.text == label
        describing = [group]
    else:
        labels = [lab for lab in group.within("label") if lab.get("for") == bound.id_for_label]
        assert [lab.text for lab in labels] == [label]
        (control,) = page_controls
        assert control["id"] == bound.id_for_label
        describing = page_controls
    wanted = []
    if bound.help_text:
        (help_text,) = [s for s in group.within("span") if s.get("id") == bound.help_id]
        assert help_text.text == str(bound.help_text)
        wanted.append(bound.help_id)
    if bound.errors:
        (error,) = [s for s in group.within("span") if s.get("id") == bound.error_id]
        assert error["class"] == "error"
        assert all(str(message) in error.text for message in bound.errors)
        wanted.append(bound.error_id)
        assert all(c.get("aria-invalid") == "true" for c in page_controls)
    else:
        assert all("aria-invalid" not in c.attrs for c in page_controls)
    assert all(described_by(e) == wanted for e in describing), bound.name
    required = bound.field.required and not bound.is_hidden
    assert ("required" in group.get("class", "").split()) == required


def assert_form_drawn(html: str, form, only=None) -> None:
    shown = [b for b in form.visible_fields() if only is None or b.name in only]
    assert shown
    for bound in shown:
        assert_drawn(html, bound)


@pytest.fixture
def session():
    return factories.session(status=Session.Status.DRAFT, agenda_symbol="CTOC/COP/WG.3/2024/1")


@pytest.fixture
def item(session):
    item = factories.item(session, "Opening of the session")
    factories.footnote(item, "1", "A footnote.")
    return item


@pytest.fixture
def editor(client, session):
    return factories.signed_in(client, session.body)


def url(name, session, *args):
    return reverse(name, args=[session.body.slug, session.number, *args])


def page(response):
    return response.content.decode(), response.context


def test_the_particulars_form_new_and_refused(client, session, editor):
    create = reverse("session-create", args=[session.body.slug])
    for response in (
        client.get(create),
        client.post(create, {"number": "x"}),
        client.get(url("session-details", session)),
        client.post(url("session-details", session), {"title": "", "lang": "en"}),
    ):
        html, context = page(response)
        assert_form_drawn(html, context["form"])
    assert response.status_code == 422 and context["form"].errors["title"]


def test_the_item_form_and_its_footnotes(client, session, item, editor):
    address = url("item-edit", session, item.pk) + "?lang=fr"
    html, context = page(client.get(address))
    assert_form_drawn(html, context["form"])
    for footnote in context["footnotes"]:
        assert_form_drawn(html, footnote.form)
    assert_form_drawn(html, context["new_footnote_form"])
    # Typed in the editing language: the browser is told which.
    assert {i.get("lang") for i in find_all(html, "input", name="title")} == {"fr"}
    assert {i.get("lang") for i in find_all(html, "input", name="text")} == {"fr"}

    refused = client.post(address, {"title": "x" * 2001, "version": item.version})
    html, context = page(refused)
    assert context["form"].errors["title"]
    assert_form_drawn(html, context["form"])
    (label,) = find_all(html, "label", for_=f"title-{item.pk}")
    assert label.text == "Title of item 1 (fr)"
    # Answered for htmx, in place of the item's line: the same field, labelled the same.
    htmx = client.post(
        address, {"title": "x" * 2001, "version": item.version}, headers={"HX-Request": "true"}
    )
    html, context = page(htmx)
    assert_form_drawn(html, context["form"])
    (label,) = find_all(html, "label", for_=f"title-{item.pk}")
    assert label.text == "Title of item 1 (fr)"


def test_the_new_item_title_on_the_editor_page(client, session, item, editor):
    html, context = page(client.get(url("session-edit", session) + "?lang=zh"))
    assert_form_drawn(html, context["new_item_form"], only={"title"})
    (title,) = find_all(html, "input", name="title", id="new-title")
    assert (title["lang"], title["required"]) == ("zh", "")


def test_the_paste_form(client, session, editor):
    for response in (
        client.get(url("agenda-paste", session)),
        client.post(url("agenda-paste", session), {"text": "", "preview": ""}),
    ):
        html, context = page(response)
        assert_form_drawn(html, context["form"], only={"text"})
    assert context["form"].errors["text"]


def test_the_publish_form(client, session, item, editor):
    for response in (
        client.get(url("session-publish", session)),
        client.post(url("session-publish", session), {"note": "n" * 2001}),
    ):
        html, context = page(response)
        assert_form_drawn(html, context["form"], only={"note"})
    assert context["form"].errors["note"]


def test_the_documents_page(client, session, editor):
    factories.document(session=session, title={"en": "Provisional agenda"})
    factories.document(session=session)
    html, context = page(client.get(url("session-documents", session)))
    forms = [document.form for document in context["documents"]]
    assert len(forms) == 2
    for form in forms:
        assert_form_drawn(html, form)


def test_the_text_upload(client, session, editor):
    document = factories.document(session=session)
    address = reverse("document-text", args=[document.symbol])
    html, context = page(client.get(address))
    assert_form_drawn(html, context["form"])


def test_the_body_form(client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    for response in (
        client.get(reverse("body-create")),
        client.post(reverse("body-create"), {"slug": "WG 6"}),
    ):
        html, context = page(response)
        assert_form_drawn(html, context["form"])
    assert context["form"].errors["slug"]


def test_the_next_session_start(client, session, editor):
    address = url("session-next", session)
    for response in (client.get(address), client.post(address, {"start": "not a date"})):
        html, context = page(response)
        assert_form_drawn(html, context["form"], only={"start"})
    assert context["form"].errors["start"]


def test_the_translation_import(client, session, editor):
    address = url("session-translations", session)
    for response in (client.get(address), client.post(address, {"language": "fr"})):
        html, context = page(response)
        assert_form_drawn(html, context["form"])
    assert context["form"].errors["file"]
