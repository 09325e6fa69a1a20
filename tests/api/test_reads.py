"""The read API shows what is published, to everyone, and a working copy only to the
secretariat of its body; its lists are pages; its answers carry ETags."""

import pytest
from django.utils import translation

from agenda.models import AgendaItem, Document
from meetings.models import Session
from tests import factories

WG3 = "sessions/ctoc-cop-wg3/15"


def titles(rows) -> list[str]:
    return [row["title"]["en"] for row in rows]


def test_a_session_is_its_published_version(api, wg3):
    answer = api(WG3)
    assert answer.status_code == 200
    data = answer.data
    assert (data["body"], data["number"], data["agenda_symbol"]) == (
        "ctoc-cop-wg3",
        15,
        "CTOC/COP/WG.3/2024/1",
    )
    assert (data["version"], data["published"]["kind"]) == (1, "issue")
    assert data["venue"]["time_zone"] == "Europe/Vienna"
    assert data["items"] == f"/api/v1/{WG3}/items"


def test_items_meetings_and_documents_of_the_seeded_session(api, wg3):
    items = api(f"{WG3}/items?limit=100").data
    assert [row["number"] for row in items["results"]] == [
        "1",
        "1(a)",
        "1(b)",
        "2",
        "3",
        "4",
        "5",
    ]
    assert items["results"][1]["parent"] == "1"
    assert items["results"][0]["title"]["zh"] == "组织事项"
    meetings = api(f"{WG3}/meetings").data["results"]
    # the annex of the seed: four meetings over two days, "(continued)" items
    assert [(m["date"], m["start_time"], m["end_time"]) for m in meetings] == [
        ("2024-06-05", "10:00", "13:00"),
        ("2024-06-05", "15:00", "18:00"),
        ("2024-06-06", "10:00", "13:00"),
        ("2024-06-06", "15:00", "18:00"),
    ]
    assert meetings[1]["items"] == [
        {"number": "2", "continued": True},
        {"number": "3", "continued": False},
    ]
    documents = api(f"{WG3}/documents").data
    assert documents["count"] == Document.objects.filter(session=wg3).count()
    assert "CTOC/COP/WG.3/2024/1" in [d["symbol"] for d in documents["results"]]


def test_a_change_to_the_working_copy_shows_only_once_published(api, wg3):
    opening = AgendaItem.objects.get(session=wg3, title__en="Organizational matters")
    before = {path: api(path).data for path in (WG3, f"{WG3}/items", f"{WG3}/meetings")}
    AgendaItem.objects.filter(pk=opening.pk).update(title={"en": "Procedural matters"})
    wg3.sittings.filter(number=1).update(room="M-Building")
    assert {path: api(path).data for path in before} == before

    factories.publish(wg3)
    assert api(f"{WG3}/items").data["results"][0]["title"] == {"en": "Procedural matters"}
    assert api(f"{WG3}/meetings").data["results"][0]["room"] == "M-Building"
    assert api(WG3).data["version"] == 2
    # the first version is still there, as it was
    first = api(f"{WG3}/items?version=1").data["results"][0]
    assert first["title"]["en"] == "Organizational matters"
    versions = api(f"{WG3}/versions").data
    assert [(v["number"], v["is_current"]) for v in versions["results"]] == [
        (1, False),
        (2, True),
    ]
    assert api(f"{WG3}/versions/2").data["kind"] == "revision"


@pytest.fixture
def draft(db):
    """A session never published, with one item, one meeting and one document of its own."""
    session = factories.session(status=Session.Status.DRAFT)
    factories.item(session, "Secret item")
    factories.sitting(session)
    factories.document(session=session, title={"en": "Unpublished paper"})
    return session


def session_paths(session) -> list[str]:
    base = f"sessions/{session.body.slug}/{session.number}"
    return [base, f"{base}/items", f"{base}/meetings", f"{base}/documents"]


def test_a_draft_is_hidden_like_a_session_that_does_not_exist(api, client, draft):
    body = draft.body.slug
    missing = api(f"sessions/{body}/999999?version=working")
    assert missing.status_code == 404
    for path in session_paths(draft):
        for query in ("", "?version=working", "?version=1"):
            answer = api(path + query)
            assert answer.status_code == 404, path + query
            assert answer.data["detail"] == missing.data["detail"].replace(
                "999999", str(draft.number)
            )
    # another body's secretariat is no closer
    factories.signed_in(client, factories.body(), "other")
    assert {api(p + "?version=working").status_code for p in session_paths(draft)} == {404}
    assert api(f"documents/{draft.documents.get().symbol}").status_code == 404
    assert "Unpublished paper" not in str(api("documents?limit=100").data)


def test_the_secretariat_sees_its_working_copy(api, client, draft):
    factories.signed_in(client, draft.body)
    base = session_paths(draft)[0]
    session = api(f"{base}?version=working")
    assert session.status_code == 200
    assert (session.data["version"], session.data["published"]) == (None, None)
    assert session.data["items"] == f"/api/v1/{base}/items?version=working"
    assert session.headers["Cache-Control"] == "private, no-cache"
    assert titles(api(f"{base}/items?version=working").data["results"]) == ["Secret item"]
    assert api(f"{base}/meetings?version=working").data["count"] == 1
    # without ?version=working it is what the public sees: nothing published yet
    assert api(base).status_code == 404
    symbol = draft.documents.get().symbol
    assert api(f"documents/{symbol}").data["session"]["number"] == draft.number


def test_the_working_copy_of_a_published_session_is_the_secretariats_only(api, client, wg3):
    AgendaItem.objects.filter(session=wg3, title__en="Organizational matters").update(
        title={"en": "Procedural matters"}
    )
    assert api(f"{WG3}/items?version=working").status_code == 404
    factories.signed_in(client, wg3.body)
    working = api(f"{WG3}/items?version=working").data
    assert working["results"][0]["title"] == {"en": "Procedural matters"}
    assert api(f"{WG3}/items").data["results"][0]["title"]["en"] == "Organizational matters"


def test_lists_are_pages_in_a_stable_order(api, wg3):
    everything = api("documents?limit=100").data
    symbols = [d["symbol"] for d in everything["results"]]
    assert everything["count"] == len(symbols) == Document.objects.public().count()
    first = api("documents?limit=5").data
    assert first["previous"] is None
    assert first["next"] == "/api/v1/documents?limit=5&offset=5"
    second = api(first["next"].removeprefix("/api/v1/")).data
    assert second["previous"] == "/api/v1/documents?limit=5&offset=0"
    assert [d["symbol"] for d in first["results"] + second["results"]] == symbols[:10]
    last = api(f"documents?limit=5&offset={len(symbols) - 1}").data
    assert (len(last["results"]), last["next"]) == (1, None)
    # other parameters stay in the links
    assert api(f"{WG3}/items?limit=2&version=1").data["next"] == (
        f"/api/v1/{WG3}/items?limit=2&offset=2&version=1"
    )


def test_etag_and_304(api, wg3):
    first = api(f"{WG3}/items")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "public, max-age=60"
    for asked in (etag, f"W/{etag}", f'"other", {etag}'):
        again = api(f"{WG3}/items", If_None_Match=asked)
        assert (again.status_code, again.content) == (304, b"")
        assert again.headers["ETag"] == etag
    assert api(f"{WG3}/items", If_None_Match='"other"').status_code == 200
    assert api(f"{WG3}/items?limit=3").headers["ETag"] != etag
    AgendaItem.objects.filter(session=wg3, title__en="Organizational matters").update(
        title={"en": "Procedural matters"}
    )
    factories.publish(wg3)
    assert api(f"{WG3}/items", If_None_Match=etag).status_code == 200


def test_head_is_get_without_the_body(client, wg3):
    get = client.get(f"/api/v1/{WG3}/meetings")
    head = client.head(f"/api/v1/{WG3}/meetings")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.content))
    assert client.head("/api/v1/sessions/nobody/1").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "sessions/no-such-body/15",
        "sessions/ctoc-cop-wg3/16/items",
        "sessions/ctoc-cop-wg3/15/meetings?version=7",
        "sessions/ctoc-cop-wg3/15/versions/7",
        "documents/CTOC/COP/WG.3/2024/99",
        "documents/CTOC/COP/WG.3/2024/1%0A",  # a line break: no operation's address
        "no/such/address",
    ],
)
def test_unknown_addresses_are_404_with_a_sentence(api, wg3, path):
    answer = api(path)
    assert answer.status_code == 404
    assert answer.data["detail"].endswith(".")
    assert answer.data["errors"] == []


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        ("limit=abc", {"limit": "It must be a whole number."}),
        (
            "limit=0&offset=-1",
            {"limit": "It must be at least 1.", "offset": "It must be at least 0."},
        ),
        ("limit=101", {"limit": "It must be at most 100."}),
        (
            "version=draft",
            {"version": "It must be “working” or the number of a published version."},
        ),
    ],
)
def test_bad_parameters_are_422_naming_each(api, wg3, query, refused):
    answer = api(f"{WG3}/items?{query}")
    assert answer.status_code == 422
    assert {e["parameter"]: e["message"] for e in answer.data["errors"]} == refused
    assert answer.data["detail"] == f"Some parameters are not valid: {', '.join(refused)}."


def test_refusals_are_in_the_readers_language(api, wg3):
    answer = api(f"{WG3}/items?limit=abc", Accept_Language="fr")
    with translation.override("fr"):
        expected = translation.gettext("It must be a whole number.")
    assert expected != "It must be a whole number."
    assert answer.data["errors"] == [{"parameter": "limit", "message": expected}]
    assert (
        api("sessions/nobody/1", Accept_Language="zh").data["detail"]
        != (api("sessions/nobody/1").data["detail"])
    )


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        # a number, a text no column can hold: refused before any query
        ("sessions/ctoc-cop-wg3/99999999999", {"number": "It must be at most 2147483647."}),
        ("documents?offset=99999999999", {"offset": "It must be at most 2147483647."}),
        ("documents/A/%00/1", {"symbol": "It must not contain control characters."}),
        (
            "sessions?body=wg%00",
            {"body": "It must be a body’s short name: letters, digits, hyphens, underscores."},
        ),
        (
            "sessions/wg.3/15/items",
            {"body": "It must be a body’s short name: letters, digits, hyphens, underscores."},
        ),
        (f"documents/{'A' * 201}", {"symbol": "It must be at most 200 characters long."}),
    ],
)
def test_what_the_database_cannot_hold_is_refused_not_an_error(api, wg3, path, refused):
    answer = api(path)
    assert answer.status_code == 422
    assert {e["parameter"]: e["message"] for e in answer.data["errors"]} == refused
