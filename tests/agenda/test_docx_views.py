"""The Word documents over HTTP: per published version and language, cached and conditional,
drafts only for their secretariat, the links on the session, versions and editor pages."""

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from lxml import etree

from agenda.outputs.docx.cache import docx_cache_key, recent
from agenda.outputs.docx.render import CONTENT_TYPE, WORD_LANGUAGES
from agenda.reads.content import forget_contents
from agenda.services.publishing import current_version
from meetings.models import Session
from meetings.translations import UN_LANGUAGES
from tests import factories
from tests.agenda.conftest import private_to_its_secretariat
from tests.parsed import find_all

pytestmark = pytest.mark.django_db
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_url(session, lang="en", version=None):
    if version is None:
        return reverse("session-docx", args=[session.body.slug, session.number, lang])
    return reverse("version-docx", args=[session.body.slug, session.number, version, lang])


def texts(data: bytes) -> list[str]:
    """The text of each paragraph of the body."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def language_of(data: bytes) -> str:
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    return styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}val")


@pytest.mark.parametrize("data", ["published_small", "published_large"])
def test_docx_query_counts_do_not_grow_with_the_agenda(
    client, django_assert_num_queries, request, data
):
    session = request.getfixturevalue(data)
    with django_assert_num_queries(2):  # the current version (light), then its content
        response = client.get(docx_url(session))
    assert response.status_code == 200
    with django_assert_num_queries(1):  # served from the cache
        assert client.get(docx_url(session)).content == response.content
    with django_assert_num_queries(1):  # conditional: nothing rendered, nothing read
        conditional = client.get(docx_url(session), headers={"if-none-match": response["ETag"]})
        assert conditional.status_code == 304
    with django_assert_num_queries(1):  # a version by its number (its content is in memory)
        assert client.get(docx_url(session, "fr", version=1)).status_code == 200
    forget_contents()  # another process: the version's content is read again
    with django_assert_num_queries(2):
        assert client.get(docx_url(session, "es", version=1)).status_code == 200


def test_docx_response_headers(client, published_small):
    response = client.get(docx_url(published_small, "zh"))
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="CTOC-COP-WG.9-2024-1-zh.docx"'
    assert response["ETag"] == f'"{docx_cache_key(current_version(published_small), "zh")}"'
    assert response["Cache-Control"] == "no-cache"
    assert response["Content-Language"] == "zh"
    assert response["X-Agenda-Version"] == "1"
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    modified = client.get(
        docx_url(published_small, "zh"), headers={"if-modified-since": response["Last-Modified"]}
    )
    assert modified.status_code == 304


def test_each_language_is_its_own_document(client, published_small):
    bodies = {}
    for language in UN_LANGUAGES:
        response = client.get(docx_url(published_small, language))
        assert response.status_code == 200
        assert language_of(response.content) == WORD_LANGUAGES[language]
        bodies[language] = response.content
    assert len(set(bodies.values())) == len(UN_LANGUAGES)


def test_rendered_once_into_the_shared_cache(client, published_small):
    first = client.get(docx_url(published_small)).content
    key = docx_cache_key(current_version(published_small), "en")
    assert cache.get(key) == recent.get(key) == first  # the shared cache, and this process
    recent.clear()
    cache.delete(key)  # evicted everywhere: rendered again, to the same bytes
    assert client.get(docx_url(published_small)).content == first
    recent.clear()  # another app server: what the shared cache holds is what it serves
    cache.set(key, b"from-the-cache")
    assert client.get(docx_url(published_small)).content == b"from-the-cache"


def test_each_version_keeps_its_document(client, published_small):
    first = client.get(docx_url(published_small))
    factories.item(published_small, "Other matters")
    # the working copy is not public: the same document under the same ETag
    assert client.get(docx_url(published_small))["ETag"] == first["ETag"]
    factories.publish(published_small, kind="revision")
    second = client.get(docx_url(published_small))
    assert second["ETag"] != first["ETag"]
    assert "2.\tOther matters." not in texts(first.content)
    assert any(text.endswith("Other matters.") for text in texts(second.content))
    assert second["X-Agenda-Version"] == "2"
    assert second["Content-Disposition"] == (
        'attachment; filename="CTOC-COP-WG.9-2024-1-Rev.1-en.docx"'
    )
    old = client.get(docx_url(published_small, version=1))
    assert old.content == first.content and old["ETag"] == first["ETag"]
    assert client.get(docx_url(published_small, version=2)).content == second.content


def test_unknown_language_or_version_is_a_404(client, published_small):
    response = client.get(docx_url(published_small, "xx"))
    assert response.status_code == 404
    assert "There is no “xx” version" in response.content.decode()
    assert client.get(docx_url(published_small, "de", version=1)).status_code == 404
    missing = client.get(docx_url(published_small, version=3))
    assert missing.status_code == 404
    assert "There is no published version with that number." in missing.content.decode()


def test_drafts_are_hidden_except_from_the_bodys_secretariat(client):
    draft = factories.session(status=Session.Status.DRAFT)
    factories.item(draft, "Opening of the draft")
    assert client.get(docx_url(draft, version=1)).status_code == 404
    response = private_to_its_secretariat(client, draft, docx_url(draft))
    assert "ETag" not in response
    assert any("Opening of the draft" in text for text in texts(response.content))


def test_the_editors_preview_is_the_working_copy_for_its_secretariat_only(client, published_small):
    factories.item(published_small, "Not yet published")
    url = reverse(
        "session-preview-docx", args=[published_small.body.slug, published_small.number, "en"]
    )
    assert client.get(url).status_code == 302  # to the login page
    other = User.objects.create_user("other")
    factories.body().secretariat.add(other)
    client.force_login(other)
    assert client.get(url).status_code == 403
    factories.signed_in(client, published_small.body)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert any(text.endswith("Not yet published.") for text in texts(response.content))
    bad = reverse(
        "session-preview-docx", args=[published_small.body.slug, published_small.number, "xx"]
    )
    assert client.get(bad).status_code == 404


def test_the_session_page_links_the_word_documents_beside_the_pdfs(client, published_small):
    page = client.get(
        reverse("session-detail", args=[published_small.body.slug, published_small.number])
    )
    links = find_all(page.content.decode(), "a", type=CONTENT_TYPE)
    assert [a.get("href") for a in links] == [
        docx_url(published_small, code) for code in UN_LANGUAGES
    ]
    assert [a.get("hreflang") for a in links] == list(UN_LANGUAGES)
    for link in links:  # each answers
        assert client.get(link.get("href")).status_code == 200


def test_the_versions_page_links_each_versions_word_document(client, published_small):
    factories.item(published_small, "Other matters")
    factories.publish(published_small, kind="revision")
    url = reverse("session-changes", args=[published_small.body.slug, published_small.number])
    page = client.get(url)
    links = find_all(page.content.decode(), "a", type=CONTENT_TYPE)
    assert [a.get("href") for a in links] == [
        docx_url(published_small, "en", version=1),
        docx_url(published_small, "en", version=2),
    ]
    assert {a.text for a in links} == {"Word document"}
    translated = client.get(url + "?lang=fr")  # the interface follows the content's language
    words = find_all(translated.content.decode(), "a", type=CONTENT_TYPE)
    assert [a.get("href") for a in words] == [
        docx_url(published_small, "fr", version=1),
        docx_url(published_small, "fr", version=2),
    ]
    assert {a.text for a in words} == {"Document Word"}
