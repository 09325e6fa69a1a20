"""The PDF and print-preview responses: headers, caching, conditional requests, queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from agenda.outputs.pdf.cache import pdf_cache_key, recent
from agenda.services.publishing import current_version
from meetings.models import Session
from tests import factories
from tests.agenda.conftest import private_to_its_secretariat
from tests.parsed import parse

pytestmark = pytest.mark.django_db


def pdf_url(session, lang="en"):
    return reverse("session-pdf", args=[session.body.slug, session.number, lang])


@pytest.fixture
def small(published_small):
    return published_small


@pytest.mark.parametrize("data", ["published_small", "published_large"])
def test_pdf_query_counts_do_not_grow_with_the_agenda(
    client, django_assert_num_queries, request, data
):
    session = request.getfixturevalue(data)
    # the current version (light), its render's row (none yet: created, savepoint and
    # insert); the job, run in-process here: claimed, read with its version and content,
    # done. Rendering reads nothing else.
    with django_assert_num_queries(8):
        response = client.get(pdf_url(session))
    assert response.status_code == 200
    etag = response["ETag"]
    with django_assert_num_queries(1):  # served from the cache
        assert client.get(pdf_url(session)).content == response.content
    with django_assert_num_queries(1):  # conditional: nothing rendered, nothing read
        assert client.get(pdf_url(session), headers={"if-none-match": etag}).status_code == 304


def test_pdf_response_headers(client, small):
    response = client.get(pdf_url(small, "zh"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="CTOC-COP-WG.9-2024-1-zh.pdf"'
    assert response["ETag"] == f'"{pdf_cache_key(current_version(small), "zh")}"'
    assert response["Cache-Control"] == "no-cache"
    assert response["Content-Language"] == "zh"  # the document's, not the interface's (en)
    assert response.content.startswith(b"%PDF-")
    modified = client.get(
        pdf_url(small, "zh"), headers={"if-modified-since": response["Last-Modified"]}
    )
    assert modified.status_code == 304


def test_second_request_is_served_from_the_cache(client, small):
    first = client.get(pdf_url(small))
    key = pdf_cache_key(current_version(small), "en")
    assert cache.get(key) == first.content
    assert recent.get(key) == first.content  # and this process keeps it in memory
    recent.clear()  # another app server: it has only the shared cache
    cache.set(key, b"%PDF-from-cache")  # what the shared cache holds is what is served
    assert client.get(pdf_url(small)).content == b"%PDF-from-cache"


def test_only_a_publication_changes_the_etag_and_the_pdf(client, small):
    first = client.get(pdf_url(small))
    factories.item(small, "Other matters")
    unpublished = client.get(pdf_url(small), headers={"if-none-match": first["ETag"]})
    assert unpublished.status_code == 304
    factories.publish(small, kind="revision")
    second = client.get(pdf_url(small), headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.content != first.content
    assert second["Content-Disposition"] == 'inline; filename="CTOC-COP-WG.9-2024-1-Rev.1-en.pdf"'
    # the first version stays downloadable at its own address, unchanged
    old = reverse("version-pdf", args=[small.body.slug, small.number, 1, "en"])
    assert client.get(old).content == first.content
    assert (
        client.get(
            reverse("version-pdf", args=[small.body.slug, small.number, 3, "en"])
        ).status_code
        == 404
    )


def test_unknown_language_is_a_404_with_a_clear_message(client, small):
    response = client.get(pdf_url(small, "xx"))
    assert response.status_code == 404
    html = client.get(reverse("session-pdf-preview", args=[small.body.slug, small.number, "de"]))
    assert html.status_code == 404


def test_drafts_are_hidden_except_from_the_bodys_secretariat(client):
    draft = factories.session(status=Session.Status.DRAFT)
    private_to_its_secretariat(client, draft, pdf_url(draft))


@pytest.mark.parametrize("data", ["published_small", "published_large"])
def test_print_preview_uses_the_pdf_template(client, django_assert_num_queries, request, data):
    session = request.getfixturevalue(data)
    url = reverse("session-pdf-preview", args=[session.body.slug, session.number, "ar"])
    with django_assert_num_queries(2):  # the version, its content
        html = parse(client.get(url).content)
    assert html.find("html").attrs == {"lang": "ar", "dir": "rtl"}
    assert "جدول الأعمال المؤقت وشروحه" in html.visible_text


def test_session_page_links_to_the_pdfs(client, small):
    html = parse(client.get(small.get_absolute_url()).content)
    chinese = html.find("a", href=pdf_url(small, "zh"))
    assert (chinese["hreflang"], chinese["lang"], chinese["type"]) == (
        "zh",
        "zh",
        "application/pdf",
    )
    preview = reverse("session-pdf-preview", args=[small.body.slug, small.number, "en"])
    assert html.find("a", href=preview).text == "Print preview"
