"""Creating a session and editing its particulars from the editor."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings.models import Session
from tests import factories
from tests.parsed import find, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return factories.body()


@pytest.fixture
def editor(client, body):
    user = User.objects.create_user("sec")
    body.secretariat.add(user)
    client.force_login(user)
    return user


VALID = {
    "title": "Fifteenth meeting",
    "number": "15",
    "start_date": "2024-06-05",
    "end_date": "2024-06-06",
    "format": "in_person",
    "agenda_symbol": "CTOC/COP/WG.3/2024/1",
    "distribution": "general",
    "original_language": "en",
    "interpretation_languages": ["ar", "zh", "en"],
}


def test_create_a_session(client, body, editor):
    form = client.get(reverse("session-create", args=[body.slug])).content
    assert find(form, "input", name="number")["value"] == "1"  # the next number is proposed
    response = client.post(reverse("session-create", args=[body.slug]), VALID)
    session = Session.objects.get(body=body, number=15)
    assert response.status_code == 302
    assert response["Location"] == reverse("session-edit", args=[body.slug, 15]) + "?lang=en"
    assert session.title == {"en": "Fifteenth meeting"}
    assert session.status == "draft"
    assert session.interpretation_languages == ["ar", "zh", "en"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"end_date": "2024-06-01"}, "end_date", "cannot end before it starts"),
        ({"agenda_symbol": "not a symbol!"}, "agenda_symbol", ""),
        ({"start_date": "2024-02-30"}, "start_date", "Enter a valid date."),
        ({"number": "15"}, None, "already has a session with that number"),
        ({"job_number": "V24-1234"}, "job_number", "e.g. V.24-01234"),
        ({"title_variant": "agenda"}, "title_variant", "Select a valid choice."),
    ],
)
def test_bad_particulars_are_refused_next_to_the_field(
    client, body, editor, change, field, message
):
    factories.session(body=body, number=15)
    data = {**VALID, "number": "16", **change}
    response = client.post(reverse("session-create", args=[body.slug]), data)
    html = parse(response.content)
    assert response.status_code == 422
    assert message in html.visible_text
    if field:
        assert message in html.find(id=f"id_{field}-error").visible_text
    assert Session.objects.filter(body=body).count() == 1


def test_edit_particulars_in_another_language_keeps_the_original_title(client, body, editor):
    session = factories.session(body=body, number=15, status=Session.Status.DRAFT)
    url = reverse("session-details", args=[body.slug, 15])
    response = client.post(url, {**VALID, "title": "第十五次会议", "lang": "zh"})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == {"en": "Fifteenth meeting", "zh": "第十五次会议"}


def test_only_the_secretariat_creates_sessions(client, body):
    url = reverse("session-create", args=[body.slug])
    assert client.get(url).status_code == 302
    client.force_login(User.objects.create_user("delegate"))
    assert client.post(url, VALID).status_code == 403
    assert not Session.objects.exists()


def test_the_job_number_and_the_document_title_are_particulars(client, body, editor):
    data = {**VALID, "job_number": "V.24-01234", "title_variant": "annotated_agenda"}
    assert client.post(reverse("session-create", args=[body.slug]), data).status_code == 302
    session = Session.objects.get(body=body, number=15)
    assert (session.job_number, session.title_variant) == ("V.24-01234", "annotated_agenda")
    form = client.get(reverse("session-details", args=[body.slug, 15])).content
    assert find(form, "input", name="job_number")["value"] == "V.24-01234"
    chosen = find(form, "option", value="annotated_agenda", selected=True)
    assert chosen.text == "Annotated provisional agenda"


def title_label_and_input(html: str):
    return find(html, "label", for_="id_title"), find(html, "input", name="title")


def test_a_new_session_in_chinese_takes_its_title_in_chinese_without_lang_in_the_address(
    client, body, editor
):
    url = reverse("session-create", args=[body.slug])
    label, _input = title_label_and_input(client.get(url).content.decode())
    assert label.text == "Title (en)"
    assert label["data-template"] == "Title (__lang__)"  # what the page's script fills in
    data = {**VALID, "original_language": "zh", "title": "第十五次会议"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("session-edit", args=[body.slug, 15]) + "?lang=zh"
    assert Session.objects.get(body=body, number=15).title == {"zh": "第十五次会议"}


def test_a_refused_new_session_asks_again_for_the_title_in_its_original_language(
    client, body, editor
):
    data = {**VALID, "original_language": "zh", "title": "", "lang": "en"}
    response = client.post(reverse("session-create", args=[body.slug]), data)
    assert response.status_code == 422
    label, title = title_label_and_input(response.content.decode())
    assert label.text == "Title (zh)"
    assert (title["lang"], title.get("value", "")) == ("zh", "")
    assert not Session.objects.exists()


def test_the_particulars_of_a_session_keep_the_title_in_the_editing_language(client, body, editor):
    factories.session(body=body, number=15)
    url = reverse("session-details", args=[body.slug, 15]) + "?lang=fr"
    label, title = title_label_and_input(client.get(url).content.decode())
    assert label.text == "Title (fr)"
    assert "data-template" not in label.attrs  # only a new session follows its language
    assert title["lang"] == "fr"
