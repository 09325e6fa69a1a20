"""Administrators set up bodies from the site: names per language, parent, document series,
secretariat. Everybody else is refused, whatever their rights elsewhere."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from meetings.models import Body
from tests import factories
from tests.parsed import find, find_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(client):
    user = User.objects.create_superuser("root", password="x")
    client.force_login(user)
    return user


@pytest.fixture
def station():
    return factories.venue(slug="vic")


def posted(station, **changes) -> dict:
    data = {
        "name_en": "Working Group on Firearms",
        "name_zh": "枪支问题工作组",
        "name_fr": "",
        "abbreviation": "WG.6",
        "slug": "ctoc-cop-wg6",
        "parent": "",
        "symbol_prefix": "CTOC/COP/WG.6",
        "duty_station": str(station.pk),
        "organizer_email": "",
    }
    return {**data, **changes}


def test_an_administrator_creates_a_body_with_names_parent_series_and_secretariat(
    client, admin_user, station
):
    parent = factories.body(slug="ctoc-cop", symbol_prefix="CTOC/COP")
    officer = User.objects.create_user("officer")
    form = client.get(reverse("body-create")).content.decode()
    # One input per UN language, each marked with its language.
    inputs = find_all(form, "input", type="text")
    assert [(i["name"], i["lang"]) for i in inputs if i["name"].startswith("name_")] == [
        (f"name_{code}", code) for code in ("ar", "zh", "en", "fr", "ru", "es")
    ]
    data = posted(station, parent=str(parent.pk), secretariat=[str(officer.pk)])
    data["symbol_prefix"] = "CTOC/COP/WG.6 "
    response = client.post(reverse("body-create"), data)
    assert response.status_code == 302
    body = Body.objects.get(slug="ctoc-cop-wg6")
    assert response["Location"] == body.get_absolute_url()
    assert body.name == {"en": "Working Group on Firearms", "zh": "枪支问题工作组"}
    assert (body.parent, body.symbol_prefix, body.duty_station) == (
        parent,
        "CTOC/COP/WG.6",
        station,
    )
    assert list(body.secretariat.all()) == [officer]
    # The new member edits the body's sessions: a new session's form opens for them.
    client.force_login(officer)
    assert client.get(reverse("session-create", args=[body.slug])).status_code == 200


def test_an_administrator_changes_a_body_and_its_secretariat(client, admin_user, station):
    body = factories.body(slug="wg", duty_station=station)
    old, new = User.objects.create_user("old"), User.objects.create_user("new")
    body.secretariat.add(old)
    url = reverse("body-edit", args=["wg"])
    form = client.get(url).content.decode()
    assert find(form, "input", name="name_en")["value"] == body.name["en"]
    assert find(form, "input", name="secretariat", value=str(old.pk)).get("checked") == ""
    # A body cannot become its own parent: it is not offered.
    parents = [o.get("value") for o in find(form, "select", name="parent").within("option")]
    assert str(body.pk) not in parents
    data = posted(station, slug="wg", name_ar="الفريق العامل", secretariat=[str(new.pk)])
    assert client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert body.name["ar"] == "الفريق العامل"
    assert list(body.secretariat.all()) == [new]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name_en": "", "name_zh": ""}, "name", "Give the name in at least one language."),
        ({"slug": "WG 6"}, "slug", "Use lower-case letters, digits and single hyphens"),
        ({"slug": "taken"}, "slug", "Another body already has the address “taken”."),
        ({"symbol_prefix": "not a series!"}, "symbol_prefix", "is not a valid symbol series"),
        ({"symbol_prefix": ""}, "symbol_prefix", "This field is required."),
        ({"name_en": "x" * 501}, "name", "The English text has 501 characters"),
        ({"parent": "999999"}, "parent", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_kept(
    client, admin_user, station, change, field, message
):
    factories.body(slug="taken")
    response = client.post(reverse("body-create"), posted(station, **change))
    html = response.content.decode()
    assert response.status_code == 422
    error = find(html, "span", id=f"id_{field}-error")
    assert error is not None and message in error.text
    assert find(html, "input", name="abbreviation")["value"] == "WG.6"  # what was typed stays
    assert find(html, "input", name="name_zh").get("value", "") == change.get(
        "name_zh", "枪支问题工作组"
    )
    assert Body.objects.count() == 1


def test_the_messages_are_in_the_interface_language(client, admin_user, station):
    with translation.override("zh"):
        response = client.post(
            reverse("body-create"),
            {**posted(station, slug="WG 6"), "lang": "zh"},
            HTTP_ACCEPT_LANGUAGE="zh",
        )
    html = response.content.decode()
    assert "Use lower-case" not in html
    assert find(html, "span", id="id_slug-error").text.strip()


def test_only_administrators_reach_the_body_forms(client, station):
    body = factories.body(slug="wg", duty_station=station)
    urls = [reverse("body-create"), reverse("body-edit", args=["wg"])]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    staff = User.objects.create_user("staff", is_staff=True)
    member = factories.secretariat_member(body, "member")
    for user in (staff, member):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
            assert client.post(url, posted(station, slug="wg")).status_code == 403
        page = client.get(reverse("body-list")).content.decode()
        assert find(page, "a", href=reverse("body-create")) is None
        page = client.get(body.get_absolute_url()).content.decode()
        assert find(page, "a", href=reverse("body-edit", args=["wg"])) is None
    assert Body.objects.count() == 1


def test_administrators_find_the_links_on_the_body_pages(client, admin_user, station):
    factories.body(slug="wg", duty_station=station)
    page = client.get(reverse("body-list")).content.decode()
    assert find(page, "a", href=reverse("body-create")).text == "New body"
    page = client.get(reverse("body-detail", args=["wg"])).content.decode()
    assert find(page, "a", href=reverse("body-edit", args=["wg"])).text == "Change this body"


def test_the_admin_shows_a_translated_name_as_one_input_per_language(client, admin_user, station):
    body = factories.body(slug="wg", duty_station=station, name={"en": "Group", "fr": "Groupe"})
    url = reverse("admin:meetings_body_change", args=[body.pk])
    form = client.get(url).content.decode()
    assert find(form, "input", name="name_fr")["value"] == "Groupe"
    assert find(form, "textarea", name="name") is None  # no JSON box


def test_the_admin_saves_the_languages_typed_and_drops_the_empty_ones(client, admin_user, station):
    body = factories.body(slug="wg", duty_station=station, name={"en": "Group", "fr": "Groupe"})
    url = reverse("admin:meetings_body_change", args=[body.pk])
    data = {
        **{f"name_{code}": "" for code in ("ar", "zh", "en", "fr", "ru", "es")},
        "name_en": " Working Group ",
        "name_zh": "工作组",
        "slug": "wg",
        "abbreviation": "",
        "symbol_prefix": "CTOC/COP/WG.9",
        "duty_station": str(station.pk),
        "organizer_email": "",
    }
    assert client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert body.name == {"en": "Working Group", "zh": "工作组"}


def test_multiline_translated_texts_get_a_text_area_per_language(client, admin_user):
    item = factories.item(factories.session(), "Opening", annotation={"en": "One.\n\nTwo."})
    form = client.get(reverse("admin:agenda_agendaitem_change", args=[item.pk])).content.decode()
    assert find(form, "textarea", name="annotation_en").text.strip() == "One.\n\nTwo."
    assert find(form, "input", name="title_en")["value"] == "Opening"
