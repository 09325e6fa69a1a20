"""Addresses at the edges: dates the calendar cannot go past, numbers no column can hold,
control characters in queries and paths. Each answers 400 or 404 with a page that says what
is wrong, never 500, on SQLite and PostgreSQL (the suite runs on both)."""

import pytest
from django.contrib.auth.models import User

from meetings.converters import NumberConverter, PrimaryKeyConverter
from tests import factories

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # above 2**63 - 1: SQLite's OverflowError, PostgreSQL's int8
INT4 = str(2**31)  # one above PostgreSQL's int4, the column of session and meeting numbers
NO_PAGE = "There is no page at this address: check it, or start again from one of the pages"


@pytest.fixture
def ga(db):
    session = factories.session(
        body=factories.body(slug="ga", symbol_prefix="A"), number=58, agenda_symbol="A/58/251"
    )
    factories.sitting(session)
    factories.document("A/58/499", session=session)
    factories.publish(session)
    return session


def answer(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    "day",
    ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"],
)
def test_today_out_of_range(client, ga, day):
    status, text = answer(client, f"/today/?date={day}")
    assert status == 404
    assert f"There are no meetings on {day}: give a date from 1900-01-01 to 2199-12-31." in text


@pytest.mark.parametrize("day", ["1900-01-01", "2199-12-31", "2024-06-05"])
def test_today_at_the_edges_of_the_range(client, ga, day):
    assert client.get(f"/today/?date={day}").status_code == 200


def test_today_with_no_date_at_all(client, ga):
    status, text = answer(client, "/today/?date=June")
    assert status == 404
    assert "Give the date as YYYY-MM-DD, e.g. 2024-06-05." in text


@pytest.mark.parametrize(
    "url",
    [
        f"/bodies/ga/sessions/{HUGE}/",
        f"/bodies/ga/sessions/{HUGE}/calendar.ics",
        f"/bodies/ga/sessions/{HUGE}/export.json",
        f"/bodies/ga/sessions/{HUGE}/agenda.en.pdf",
        f"/bodies/ga/sessions/{HUGE}/documents/",
        f"/bodies/ga/sessions/58/sittings/{HUGE}.ics",
        f"/bodies/ga/sessions/{INT4}/calendar.ics",
        f"/bodies/ga/sessions/58/sittings/{INT4}.ics",
        f"/bodies/ga/sessions/{INT4}/timetable/",
        "/bodies/ga/sessions/-1/",
        "/bodies/%00/",
    ],
)
def test_numbers_no_column_can_hold(client, ga, url):
    status, text = answer(client, url)
    assert status == 404
    assert NO_PAGE in text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"/bodies/ga/sessions/{2**31 - 1}/calendar.ics",
            "There is no public session 2147483647 of “ga”.",
        ),
        (
            f"/bodies/ga/sessions/58/sittings/{2**31 - 1}.ics",
            "This session has no meeting 2147483647.",
        ),
        (f"/bodies/ga/sessions/{2**31 - 1}/", "There is no public session 2147483647 of “ga”."),
        ("/bodies/ga/sessions/58/agenda.%00.pdf", "There is no “U+0000” version"),
    ],
)
def test_the_largest_numbers_are_simply_not_there(client, ga, url, message):
    status, text = answer(client, url)
    assert status == 404
    assert message in text


@pytest.mark.parametrize(
    "path", [f"items/{HUGE}/", f"items/{HUGE}/move", f"footnotes/{HUGE}/", f"documents/{HUGE}/"]
)
def test_editor_addresses_with_numbers_no_column_can_hold(client, ga, path):
    client.force_login(User.objects.create_user("root", is_superuser=True))
    response = client.post(f"/bodies/ga/sessions/58/edit/{path}", {})
    assert response.status_code == 404
    assert NO_PAGE in response.content.decode()
    largest = path.replace(HUGE, str(2**63 - 1))
    assert client.post(f"/bodies/ga/sessions/58/edit/{largest}", {}).status_code == 404


@pytest.mark.parametrize("query", ["%00", "A/58%00", "report%00x", "%1B"])
def test_a_control_character_in_the_search(client, ga, query):
    status, text = answer(client, f"/documents/?q={query}")
    assert status == 400
    assert "The search contains an invisible control character (U+00" in text
    assert "remove it and search again." in text


def test_a_nul_in_a_symbol(client, ga):
    status, text = answer(client, "/documents/A/58%00/1")
    assert status == 404
    assert "“A/58U+0000/1” contains characters that cannot appear in a symbol: U+0000." in text
    assert "\x00" not in text


@pytest.mark.parametrize(
    "query", [f"?cited_by={HUGE}", f"?cites={HUGE}&cited_by=-3", "?cites=%00", "?cited_by=1e9"]
)
def test_reference_pages_out_of_range(client, ga, query):
    assert client.get("/documents/A/58/499" + query).status_code == 200


def test_the_index_page_out_of_range(client, ga):
    assert client.get(f"/documents/?page={HUGE}").status_code == 200


def test_changes_between_versions_that_cannot_exist(client, ga):
    status, text = answer(client, f"/bodies/ga/sessions/58/changes/?to={HUGE}&from={HUGE}")
    assert status == 404
    assert "There is no published version with that number." in text


def test_converters_bound_their_numbers():
    assert NumberConverter().to_python(str(2**31 - 1)) == 2**31 - 1
    with pytest.raises(ValueError):
        NumberConverter().to_python(str(2**31))
    assert PrimaryKeyConverter().to_python(str(2**63 - 1)) == 2**63 - 1
    with pytest.raises(ValueError):
        PrimaryKeyConverter().to_python(str(2**63))
