"""Query counts of the read API's lists: the same for 2 rows as for 20 (so for 1,000)."""

import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
SIZES = [2, 20]


def session_with(meetings: int):
    session = factories.session(end_date=dt.date(2024, 7, 30))
    items = [factories.item(session, f"Item {n}") for n in range(meetings)]
    for n, item in enumerate(items):
        sitting = factories.sitting(session, number=n + 1, date=dt.date(2024, 6, 5 + n))
        factories.schedule(sitting, item)
        factories.document(session=session)
    factories.publish(session)
    return session


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("rows", ["meetings", "items", "documents"])
def test_a_sessions_lists(client, django_assert_num_queries, size, rows):
    session = session_with(size)
    path = f"/api/v1/sessions/{session.body.slug}/{session.number}/{rows}?limit=100"
    # the current version; its content (read once, then kept in memory)
    with django_assert_num_queries(2):
        answer = client.get(path)
    assert answer.json()["count"] == size
    with django_assert_num_queries(1):
        assert client.get(path).json()["count"] == size


@pytest.mark.parametrize("size", SIZES)
def test_the_sessions(client, django_assert_num_queries, size):
    body = factories.body_with_sessions(size)
    # the count, the page of versions, their contents
    with django_assert_num_queries(3):
        answer = client.get(f"/api/v1/sessions?body={body.slug}&limit=100")
    assert answer.json()["count"] == size


@pytest.mark.parametrize("size", SIZES)
def test_the_register(client, django_assert_num_queries, size):
    for _ in range(size):
        factories.document()
    # the count, the page
    with django_assert_num_queries(2):
        answer = client.get("/api/v1/documents?limit=100")
    assert answer.json()["count"] == size
