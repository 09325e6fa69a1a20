"""``…/edit/next-session``: the confirmation form and the draft it prepares."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from agenda.models import AgendaItem
from agenda.rules.numbering import number_items
from meetings.models import Session
from tests import factories
from tests.parsed import find, find_all

TITLE = "Sixteenth meeting of the Working Group on International Cooperation"


@pytest.fixture
def url(wg3):
    return wg3.url("session-next")


@pytest.fixture
def officer(client, wg3):
    user = factories.secretariat_member(wg3.body, "officer")
    client.force_login(user)
    return user


def boxes(html: str) -> list[tuple[str, str, bool]]:
    """Each item offered: its number, its title, whether it is ticked."""
    return [
        (
            li.within("span")[0].text,
            li.within("bdi")[0].text[:22],
            "checked" in li.within("input")[0].attrs,
        )
        for li in find_all(html, "li")
        if li.within("input")
    ]


def pks(wg3) -> dict[str, int]:
    return {number: pk for pk, number in number_items(wg3.agenda_items.all()).items()}


def test_the_editor_links_to_it(client, officer, wg3, url):
    page = client.get(wg3.url("session-edit")).content.decode()
    link = find(page, "a", href=f"{url}?lang=en")
    assert link.text == "Provisional agenda for the next session"


def test_the_form_offers_every_item_with_its_number_and_ticks_the_standing_ones(
    client, officer, url
):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert boxes(page) == [
        ("1", "Organizational matters", True),
        ("1(a)", "Opening of the meeting", True),
        ("1(b)", "Adoption of the agenda", True),
        ("2", "Role and impact of tec", False),
        ("3", "Legal and practical co", False),
        ("4", "Other matters", True),
        ("5", "Adoption of the report", True),
    ]
    form = find(page, "form", class_="stacked next-session-form")
    assert [b.text for b in form.within("button")] == ["Prepare session 16"]


def test_the_form_in_chinese(client, officer, url):
    page = client.get(url + "?lang=zh", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert [number for number, _, _ in boxes(page)] == ["1", "1(a)", "1(b)", "2", "3", "4", "5"]
    assert [li.within("bdi")[0].text for li in find_all(page, "li") if li.within("input")][5:] == [
        "其他事项",
        "通过报告",
    ]


def test_posting_prepares_the_draft_and_opens_its_editor(client, officer, wg3, url):
    chosen = [pks(wg3)[n] for n in ("1", "1(a)", "1(b)", "4", "5")]
    response = client.post(
        url, {"start": "2025-06-04", "title": TITLE, "items": chosen, "lang": "en"}
    )
    new = Session.objects.get(body=wg3.body, number=16)
    assert response.status_code == 302
    assert response["Location"] == new.url("session-edit") + "?lang=en"
    assert new.status == Session.Status.DRAFT
    assert new.history.get().history_user == officer
    numbers = number_items(AgendaItem.objects.filter(session=new))
    assert sorted(numbers.values()) == ["1", "1(a)", "1(b)", "2", "3"]
    page = client.get(response["Location"]).content.decode()
    assert "Session 16 has been prepared as a draft; nothing is published." in [
        e.text.strip() for e in find_all(page, "li")
    ] + [e.text.strip() for e in find_all(page, "p")] + [
        e.text.strip() for e in find_all(page, "div")
    ]


def errors(response) -> dict[str, str]:
    page = response.content.decode()
    return {e["id"]: e.text for e in find_all(page, "span", class_="error")}


def test_form_errors_are_shown_and_nothing_is_written(client, officer, wg3, url):
    before = Session.objects.count()
    response = client.post(url, {"start": "2024-06-06", "title": "", "items": ["abc"]})
    assert response.status_code == 422
    assert errors(response) == {
        "id_title-error": "This field is required.",
        "id_items-error": "Select a valid choice. abc is not one of the available choices.",
    }
    response = client.post(url, {"start": "2024-06-06", "title": TITLE})
    assert response.status_code == 422
    assert errors(response) == {
        "id_start-error": "The next session must start after this one ends (6 June 2024)."
    }
    # What was typed and ticked is kept.
    page = response.content.decode()
    assert find(page, "input", name="title")["value"] == TITLE
    assert [ticked for _, _, ticked in boxes(page)] == [False] * 7
    assert Session.objects.count() == before


def test_errors_in_chinese(client, officer, wg3, url):
    response = client.post(
        url, {"start": "2024-06-06", "title": TITLE, "lang": "zh"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert errors(response) == {
        "id_start-error": "下届会议必须在本届会议结束（2024年6月6日）之后开始。"
    }


def test_an_existing_next_session_is_refused(client, officer, wg3, url):
    factories.session(body=wg3.body, number=16)
    refusal = (
        "Working Group on International Cooperation already has a session 16: open it from "
        "the body's page instead of preparing another one."
    )
    page = client.get(url).content.decode()
    assert find(page, "p", role="alert").text == refusal
    assert find(page, "form", class_="stacked next-session-form") is None
    response = client.post(url, {"start": "2025-06-04", "title": TITLE})
    assert response.status_code == 422
    assert find(response.content.decode(), "p", role="alert").text == refusal
    assert Session.objects.filter(body=wg3.body, number=16).count() == 1


def test_only_the_body_secretariat_may_prepare_it(client, wg3, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=" + url
    other = factories.body(slug="other-body")
    client.force_login(factories.secretariat_member(other, "stranger"))
    assert client.get(url).status_code == 403
    post = client.post(url, {"start": "2025-06-04", "title": TITLE})
    assert post.status_code == 403
    client.force_login(User.objects.create_user("delegate"))
    assert client.get(url).status_code == 403
    assert not Session.objects.filter(body=wg3.body, number=16).exists()
    client.force_login(User.objects.create_superuser("root"))
    assert client.get(url).status_code == 200


def test_an_item_of_another_body_cannot_be_carried(client, officer, wg3, url):
    foreign = factories.item(factories.session(), "Opening of the session")
    response = client.post(url, {"start": "2025-06-04", "title": TITLE, "items": [foreign.pk]})
    assert response.status_code == 422
    assert "id_items-error" in errors(response)
    assert not Session.objects.filter(body=wg3.body, number=16).exists()


@pytest.mark.parametrize("extra", [0, 30])
def test_the_form_costs_the_same_queries_however_long_the_agenda(
    client, officer, wg3, url, extra, django_assert_num_queries
):
    for n in range(extra):
        factories.item(wg3, f"Item {n}", parent=wg3.agenda_items.get(title__en="Other matters"))
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
