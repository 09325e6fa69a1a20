"""The register's pages: index with search, a document's page, a session's list, the text
upload (permissions), and their query counts for a small and a large register."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agenda.models import DocumentLink, Reference
from agenda.services.register import store_references
from meetings.models import Session
from tests import factories
from tests.parsed import find, parse

pytestmark = pytest.mark.django_db


def detail_url(symbol):
    return reverse("document-detail", args=[symbol])


def text_url(symbol):
    return reverse("document-text", args=[symbol])


@pytest.fixture
def ga():
    """A General Assembly session with a report, its corrigendum, the resolution citing it."""
    session = factories.session(
        body=factories.body(slug="ga", abbreviation="GA", symbol_prefix="A"), number=58
    )
    item = factories.item(session, "Crime prevention", fixed_number=108)
    report = factories.document(
        "A/58/499", session=session, title={"en": "Report of the Third Committee", "zh": "报告"}
    )
    factories.document("A/58/499/Corr.1", session=session, title={"en": "Corrigendum"})
    resolution = factories.document("A/RES/58/140", session=session, title={"en": "Resolution"})
    DocumentLink.objects.create(item=item, document=report)
    store_references(resolution, "[根据第三委员会的报告(A/58/499)通过] 议程项目 108")
    factories.publish(session)
    return session


def test_document_page(client, ga):
    response = client.get(detail_url("A/58/499"))
    assert response.status_code == 200
    page = response.context["page"]
    assert [d.symbol for d in page.chain] == ["A/58/499", "A/58/499/Corr.1"]
    assert [d.chain_role for d in page.chain] == ["Original", "Corrigendum"]
    assert [(listing.session, listing.number) for listing in page.listings] == [(ga, "108")]
    assert [(r.citing.symbol, r.text, r.start, r.end) for r in page.cited_by] == [
        ("A/RES/58/140", "A/58/499", 12, 20)
    ]
    content = response.content.decode()
    assert "https://undocs.org/A/58/499" in content
    assert "Report of the Third Committee" in content
    assert "characters 12–20" in content


def test_resolution_page_lists_what_it_cites(client, ga):
    response = client.get(detail_url("A/RES/58/140"))
    cites = response.context["page"].cites
    assert [(r.kind, r.target, r.cited and r.cited.symbol) for r in cites] == [
        ("document", "A/58/499", "A/58/499"),
        ("agenda_item", "108", None),
    ]


def test_content_language_with_marked_fallback(client, ga):
    response = client.get(detail_url("A/58/499") + "?lang=zh")
    assert str(response.context["title"]) == "报告"
    assert not response.context["title"].is_fallback
    assert response.context["ods_url"] == "https://undocs.org/zh/A/58/499"
    response = client.get(detail_url("A/58/499") + "?lang=fr")
    assert response.context["title"].is_fallback
    # ?lang=fr: the page is in French, the interface as well as the content
    assert (
        "(non disponible dans cette langue : affiché dans l’original)" in response.content.decode()
    )
    assert response["Content-Language"] == "fr"


@pytest.mark.parametrize(
    "url", [detail_url("A/58/499") + "?lang=xx", "/documents/?lang=de", "/documents/?lang=ZH"]
)
def test_unknown_language_is_a_clear_400(client, ga, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.content.decode().startswith("Unknown language “")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/documents/A/58/999", "The register has no document A/58/999."),
        ("/documents/A//1", "“A//1” has an empty part: remove the doubled or trailing “/”."),
        ("/documents/a/58/1", "“a/58/1” must start with a series in capital letters"),
    ],
)
def test_unknown_documents_404_saying_why(client, ga, path, message):
    response = client.get(path)
    assert response.status_code == 404
    assert message in response.content.decode()


def test_symbols_are_normalised_in_the_url(client, ga):
    response = client.get("/documents/A%20/%2058/499")
    assert response.status_code == 200
    assert response.context["document"].symbol == "A/58/499"


def test_security_council_symbol_round_trips_through_its_url(client):
    factories.document("S/RES/1373 (2001)")
    url = detail_url("S/RES/1373 (2001)")
    assert url == "/documents/S/RES/1373%20(2001)"
    assert client.get(url).status_code == 200


def test_documents_of_draft_sessions_are_not_public(client):
    draft = factories.session(status=Session.Status.DRAFT)
    factories.document("A/99/1", session=draft)
    assert client.get(detail_url("A/99/1")).status_code == 404
    assert client.get("/documents/").context["page"].paginator.count == 0


def test_index_search(client, ga):
    def found(query):
        response = client.get("/documents/", {"q": query})
        return [d.symbol for d in response.context["page"].object_list]

    assert found("A/58/4") == ["A/58/499", "A/58/499/Corr.1"]
    assert found("third committee") == ["A/58/499"]
    assert found("A/RES") == ["A/RES/58/140"]
    assert found("nothing like this") == []


def test_index_paginates(client):
    for n in range(1, 53):
        factories.document(f"A/58/{n}")
    response = client.get("/documents/", {"page": 2})
    assert [d.symbol for d in response.context["page"].object_list] == ["A/58/8", "A/58/9"]
    assert client.get("/documents/", {"page": "x"}).status_code == 200


def test_session_list_puts_corrigenda_after_their_base(client, ga):
    response = client.get(reverse("session-document-list", args=["ga", 58]))
    assert [d.symbol for d in response.context["documents"]] == [
        "A/58/499",
        "A/58/499/Corr.1",
        "A/RES/58/140",
    ]


def test_session_page_shows_corrigenda_with_their_base(client, ga):
    page = parse(client.get(ga.get_absolute_url()).content)
    entry = next(a for a in page.select("a.document-page") if "A/58/499 and" in a.visible_text)
    assert "(A/58/499 and Corr.1)" in entry.visible_text
    assert [span.text for span in entry.select("span.symbol-text")] == ["A/58/499", "Corr.1"]
    assert page.find("a", href=f"{reverse('session-document-list', args=['ga', 58])}?lang=en")


def test_editor_links_to_the_text_upload(client, staff):
    content = client.get(reverse("session-documents", args=["ga", 58])).content
    assert find(content, "a", href=text_url("A/58/499"))


def make_register(size: int) -> Session:
    session = factories.session()
    item = factories.item(session, "Item")
    for n in range(size):
        document = factories.document(f"A/58/{n + 1}", session=session)
        factories.document(f"A/58/{n + 1}/Corr.1", session=session)
        DocumentLink.objects.create(item=item, document=document)
    citing = factories.document("A/RES/58/1", session=session)
    store_references(citing, " ".join(f"A/58/{n + 1}" for n in range(size)))
    factories.publish(session)
    return session


@pytest.mark.parametrize("size", [2, 20])
def test_query_counts(client, django_assert_num_queries, size):
    session = make_register(size)
    assert Reference.objects.count() == size
    # count and page
    with django_assert_num_queries(2):
        assert client.get("/documents/", {"q": "A/58"}).status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/documents/", {"q": "paper"}).status_code == 200
    # document, chain, item links, numbers of their sessions' items, cites, cited by
    with django_assert_num_queries(6):
        assert client.get(detail_url("A/58/1")).status_code == 200
    with django_assert_num_queries(5):  # listed under no item: no item numbers to read
        assert client.get(detail_url("A/RES/58/1")).status_code == 200
    # the session's current version, its content
    with django_assert_num_queries(2):
        url = reverse("session-document-list", args=[session.body.slug, session.number])
        assert client.get(url).status_code == 200


# Who may upload a document's text: the secretariat of its session's body, or a superuser.


def login(client, who, body):
    if who == "anonymous":
        return
    user = User.objects.create_user(who, is_superuser=who == "superuser")
    if who == "staff":
        body.secretariat.add(user)
    if who == "other staff":
        factories.body().secretariat.add(user)
    client.force_login(user)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("delegate", 403),
        ("other staff", 403),
        ("staff", 200),
        ("superuser", 200),
    ],
)
def test_upload_permissions(client, ga, who, status):
    login(client, who, ga.body)
    response = client.get(text_url("A/RES/58/140"))
    assert response.status_code == status
    if who == "anonymous":
        assert response.url == f"/accounts/login/?next={text_url('A/RES/58/140')}"
    post = client.post(text_url("A/RES/58/140"), {"text": "A/58/222"})
    assert post.status_code == (302 if status == 200 else status)


@pytest.mark.parametrize(
    ("who", "in_series", "other"), [("staff", 200, 403), ("superuser", 200, 200)]
)
def test_documents_without_a_session_belong_to_their_series(client, ga, who, in_series, other):
    factories.document("A/58/1")  # the General Assembly's series
    factories.document("S/2001/1")  # no body's: superusers only
    login(client, who, ga.body)
    assert client.get(text_url("A/58/1")).status_code == in_series
    assert client.get(text_url("S/2001/1")).status_code == other


@pytest.fixture
def staff(client, ga):
    login(client, "staff", ga.body)


def test_upload_a_file_replaces_the_references(client, staff):
    text = "回顾第 57/173 号决议和 A/58/499。".encode()
    upload = SimpleUploadedFile("res.md", text, content_type="text/markdown")
    response = client.post(text_url("A/RES/58/140"), {"file": upload})
    assert response.status_code == 302
    assert response.url == detail_url("A/RES/58/140")
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == [
        "2 references found in the text of A/RES/58/140."
    ]
    assert [(r.kind, r.target) for r in page.context["page"].cites] == [
        ("resolution", "57/173"),
        ("document", "A/58/499"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a file or paste the text."),
        ({"text": "   "}, "Choose a file or paste the text."),
        (
            {"file": SimpleUploadedFile("res.pdf", b"%PDF")},
            "“res.pdf” is not a .txt or .md file: upload the text as plain text.",
        ),
        (
            {"file": SimpleUploadedFile("res.txt", "决议".encode("gbk"))},
            "The text is not UTF-8 (byte 1 cannot be read): save it as UTF-8 and upload it again.",
        ),
        (
            {"file": SimpleUploadedFile("res.txt", b"x" * 1_000_001)},
            "The file is 1,000,001 bytes; at most 1,000,000 are accepted.",
        ),
    ],
)
def test_upload_errors_say_what_is_wrong(client, staff, data, message):
    response = client.post(text_url("A/RES/58/140"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert [e for errors in form.errors.values() for e in errors] == [message]
    assert Reference.objects.filter(citing__symbol="A/RES/58/140").count() == 2  # unchanged


# The reference flood: one upload may not make a document's page (or the register) unbounded.


def test_a_flood_of_citations_is_refused_whole(client, staff):
    flood = "A/RES/58/140 " * 76_000  # 988 KB
    response = client.post(text_url("A/RES/58/140"), {"text": flood})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["text"] == [
        "The text makes 76,000 citations; at most 2,000 are recorded for one document. Nothing "
        "was stored: check that this is the text of A/RES/58/140."
    ]
    assert Reference.objects.filter(citing__symbol="A/RES/58/140").count() == 2  # as before


def test_each_place_is_stored_once():
    from agenda.rules.references import Found
    from agenda.services.register import MAX_REFERENCES, distinct_references

    first = Found("document", "A/58/499", "A/58/499", 0, 8)
    again = Found("resolution", "A/58/499", "A/58/499", 0, 8)
    other = Found("document", "A/58/499", "A/58/499", 10, 18)
    assert distinct_references([first, again, other]) == [first, other]
    assert MAX_REFERENCES == 2_000


def test_the_database_refuses_a_reference_stored_twice(ga):
    from django.db import IntegrityError, transaction

    reference = Reference.objects.filter(citing__symbol="A/RES/58/140").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Reference.objects.create(
            citing=reference.citing,
            kind=reference.kind,
            text=reference.text,
            target=reference.target,
            start=reference.start,
            end=reference.end,
        )


@pytest.fixture
def cited_often(ga):
    """A/58/499 cited 1,900 times by each of three resolutions: 5,700 references."""
    text = " ".join(["A/58/499"] * 1_900)
    for n in (141, 142, 143):
        store_references(factories.document(f"A/RES/58/{n}", session=ga), text)
    return Reference.objects.filter(cited__symbol="A/58/499")


def test_cited_by_comes_a_page_at_a_time(client, cited_often):
    assert cited_often.count() == 5_701
    first = client.get(detail_url("A/58/499"))
    window = first.context["page"].cited_by
    assert (len(window), window.number, window.has_previous, window.has_next) == (
        50,
        1,
        False,
        True,
    )
    assert [r.citing.symbol for r in window][:2] == ["A/RES/58/140", "A/RES/58/141"]
    assert len(first.content) < 60_000
    assert find(first.content, "a", rel="next")["href"] == "?cited_by=2#cited-by"
    last = client.get(detail_url("A/58/499"), {"cited_by": 115, "lang": "zh"})
    window = last.context["page"].cited_by
    assert (len(window), window.start, window.end, window.has_next) == (1, 5_701, 5_701, False)
    assert [(r.citing.symbol, r.start) for r in window] == [("A/RES/58/143", 1899 * 9)]
    assert find(last.content, "a", rel="prev")["href"] == "?cited_by=114&lang=zh#cited-by"
    beyond = client.get(detail_url("A/58/499"), {"cited_by": "99999999999999999999999"})
    assert beyond.status_code == 200
    assert len(beyond.context["page"].cited_by) == 0


def test_cites_comes_a_page_at_a_time(client, cited_often):
    page = client.get(detail_url("A/RES/58/141"), {"cites": 2, "cited_by": "x"})
    window = page.context["page"].cites
    assert (window.start, window.end, window.has_previous, window.has_next) == (51, 100, True, True)
    assert [r.start for r in window][:2] == [50 * 9, 51 * 9]
    assert find(page.content, "a", rel="next")["href"] == "?cites=3&cited_by=x#cites"
