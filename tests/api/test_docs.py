"""The read API's schema and its docs page."""

import pytest

from agenda.api.app import schema
from tests.parsed import find_all

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3_1_with_every_operation(client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    served = answer.json()
    assert served["openapi"] == "3.1.0"
    assert sorted(served["paths"]) == sorted(schema()["paths"])
    assert {method for ops in served["paths"].values() for method in ops} == {"get"}
    assert (
        client.get("/api/v1/openapi.json", headers={"If-None-Match": answer["ETag"]}).status_code
        == 304
    )


def test_the_docs_page_lists_every_operation_and_loads_nothing_from_elsewhere(client):
    answer = client.get("/api/v1/")
    assert answer.status_code == 200
    html = answer.content.decode()
    listed = [code.text for code in find_all(html, "code") if code.text.startswith("GET ")]
    assert listed == [f"GET {path}" for path in schema()["paths"]]
    # nothing from another site: scripts, styles and links all on this one
    sources = [s.get("src") for s in find_all(html, "script")] + [
        link["href"] for link in find_all(html, "link")
    ]
    assert all(source is None or source.startswith("/") for source in sources)
    assert "script-src 'self'" in answer["Content-Security-Policy"]
    # it shows the signed-in reader's name and a CSRF token: never in a shared cache
    assert answer["Cache-Control"] == "private, no-cache"


def test_the_docs_page_in_chinese(client):
    client.cookies["django_language"] = "zh"
    html = client.get("/api/v1/").content.decode()
    assert [h.text for h in find_all(html, "h1")] == ["只读应用程序接口"]
