"""Documentation lists of items and the session's documents in the editor."""

import pytest
from django.core.exceptions import ValidationError

from agenda.models import Document, DocumentLink
from agenda.services import documentation
from tests import factories
from tests.agenda.conftest import edit_url as url
from tests.parsed import find_all, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(draft):
    return factories.item(draft, "Technology")


@pytest.fixture
def own(item):
    """A symbol of the item's body's own series: ``own("2024/2")``."""
    return lambda rest: f"{item.session.body.symbol_prefix}/{rest}"


def listed(item) -> list[str]:
    return [link.document.symbol for link in item.document_links.order_by("position", "pk")]


def test_a_new_symbol_enters_the_register_for_this_session(item, own):
    link = documentation.list_document(
        item, symbol=f" {own('2024/2')} ", title="Background paper", language="en"
    )
    document = link.document
    assert (document.symbol, document.title, document.session) == (
        own("2024/2"),
        {"en": "Background paper"},
        item.session,
    )
    assert document.status == Document.Status.FORTHCOMING


def test_a_known_symbol_is_linked_as_it_is_and_in_order(item, own):
    factories.document("A/58/499", title={"en": "Report of the Third Committee"})
    documentation.list_document(item, symbol=own("2024/2"), title="Paper", language="en")
    # full width, and a title that is not taken: the register entry is another body's
    documentation.list_document(item, symbol="Ａ／58／499", title="Mine", language="en")
    assert listed(item) == [own("2024/2"), "A/58/499"]
    assert Document.objects.get(symbol="A/58/499").title == {"en": "Report of the Third Committee"}
    documentation.move_link(item.document_links.get(document__symbol="A/58/499"), "up")
    assert listed(item) == ["A/58/499", own("2024/2")]


@pytest.mark.parametrize(
    ("symbol", "title", "message"),
    [
        ("{own}/2024/9", "", "not in the register yet: give its title"),
        ("A/58/9", "x", "can only add documents of its own series"),
        ("not a symbol!", "x", "cannot appear in a symbol"),
        ("ctoc/cop/1", "x", "must start with a series in capital letters"),
    ],
)
def test_bad_listings_are_refused(item, symbol, title, message):
    symbol = symbol.format(own=item.session.body.symbol_prefix)
    with pytest.raises(ValidationError, match=message):
        documentation.list_document(item, symbol=symbol, title=title, language="en")
    assert not Document.objects.exists()


def test_listing_twice_is_refused(item, own):
    documentation.list_document(item, symbol=own("2024/1"), title="Report", language="en")
    with pytest.raises(ValidationError, match="already listed under this item"):
        documentation.list_document(item, symbol=own("2024/1"), language="en")


def test_unlisting_keeps_the_register_entry(item, own):
    link = documentation.list_document(item, symbol=own("2024/1"), title="Report", language="en")
    documentation.unlist(link)
    assert listed(item) == []
    assert Document.objects.filter(symbol=own("2024/1")).exists()


def test_update_document_status_languages_and_title(item, own, editor):
    link = documentation.list_document(item, symbol=own("2024/1"), title="Report", language="en")
    document = documentation.update_document(
        link.document,
        by=editor,
        title="报告",
        language="zh",
        status="issued",
        languages=["zh", "en"],
    )
    assert (document.title, document.status, document.languages) == (
        {"en": "Report", "zh": "报告"},
        "issued",
        ["zh", "en"],
    )
    with pytest.raises(ValidationError):
        documentation.update_document(
            document, by=editor, title="", language="en", status="bogus", languages=[]
        )


def test_documentation_views(client, draft, item, editor, own):
    add = url("document-list-add", draft, item.pk)
    response = client.post(
        add, {"symbol": own("2024/1"), "title": "Report", "lang": "en"}, HTTP_HX_REQUEST="true"
    )
    (editor_part, *_) = parse(response.content).children  # the partial, not a page
    assert (editor_part.tag, editor_part.classes) == ("section", ["documentation-editor"])
    assert editor_part["id"] == f"documentation-{item.pk}"
    assert own("2024/1") in [code.text for code in editor_part.find_all("code")]
    response = client.post(add, {"symbol": own("2024/2"), "lang": "en"}, HTTP_HX_REQUEST="true")
    assert "not in the register yet" in response.content.decode()
    link = DocumentLink.objects.get()
    page = client.get(url("session-documents", draft)).content
    assert own("2024/1") in [code.text for code in find_all(page, "code")]
    response = client.post(
        url("document-edit", draft, link.document.pk),
        {"title": "Report", "status": "issued", "languages": ["en", "fr"], "version": 1},
        follow=True,
    )
    assert f"{own('2024/1')} saved." in response.content.decode()
    assert Document.objects.get().languages == ["en", "fr"]
    stranger = factories.document("A/58/1", title={"en": "Elsewhere"})
    assert client.post(url("document-edit", draft, stranger.pk), {}).status_code == 404
    client.post(url("document-link-remove", draft, link.pk))
    assert not DocumentLink.objects.exists()


def test_a_stale_document_form_is_refused(item, own, editor):
    link = documentation.list_document(item, symbol=own("2024/1"), title="Report", language="en")

    def save_form_of_version_1(**fields):
        documentation.update_document(link.document, by=editor, language="en", version=1, **fields)

    save_form_of_version_1(title="Report", status="issued", languages=["en"])
    with pytest.raises(ValidationError, match=f"someone else changed {own('2024/1')}"):
        save_form_of_version_1(title="Mine", status="forthcoming", languages=[])
    assert Document.objects.get().title == {"en": "Report"}
